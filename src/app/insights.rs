//! The paper's RQ2 on the loaded index, as SVG charts: how many models document each template
//! attribute, and the downloads of models with vs without it. Each chart has a title and a
//! description for screen readers, and its numbers are also offered as a table.
//!
//! Why two layouts: an SVG scales its text with its width, so one drawn for a desktop is
//! unreadable on a phone (5 px labels at 390 px). Narrow viewports get a layout drawn for their
//! width (label above the bars) instead. And why caveats: "documented → fewer downloads" reads
//! like a cause; it is a correlation, and small groups make medians unstable, so the chart says so.

use leptos::prelude::*;

use crate::index::Insights;
use crate::template::Field;

use super::boundary;
use super::Ctx;
use crate::human::human_count;

/// One bar of the "documented" chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub field: Field,
    pub label: &'static str,
    pub documented: u32,
    /// 0–1.
    pub share: f64,
}

/// Attributes by how many models document them, most documented first.
pub fn documented_bars(insights: &Insights) -> Vec<Bar> {
    let models = f64::from(insights.models.max(1));
    let mut bars: Vec<Bar> = insights
        .fields
        .iter()
        .map(|f| Bar { field: f.field, label: f.field.label(), documented: f.documented, share: f64::from(f.documented) / models })
        .collect();
    bars.sort_by(|a, b| b.documented.cmp(&a.documented).then(a.field.cmp(&b.field)));
    bars
}

/// Mean or median.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stat {
    Median,
    Mean,
}

/// Downloads with vs without one attribute.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub field: Field,
    pub label: &'static str,
    pub documented: u32,
    pub with: f64,
    pub without: f64,
}

/// Attributes that some but not all models document, ordered by how much more (or less) the
/// models documenting them are downloaded.
pub fn download_pairs(insights: &Insights, stat: Stat) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = insights
        .fields
        .iter()
        .filter(|f| f.documented > 0 && f.documented < insights.models)
        .map(|f| {
            let (with, without) = match stat {
                Stat::Median => (f.median_downloads_with, f.median_downloads_without),
                Stat::Mean => (f.mean_downloads_with, f.mean_downloads_without),
            };
            Pair { field: f.field, label: f.field.label(), documented: f.documented, with, without }
        })
        .collect();
    let ratio = |p: &Pair| (p.with + 1.0) / (p.without + 1.0);
    pairs.sort_by(|a, b| ratio(b).total_cmp(&ratio(a)).then(a.field.cmp(&b.field)));
    pairs
}

/// Fewer models than this on either side of a split make its median or mean unreliable.
pub const SMALL_GROUP: u32 = 30;

/// What a reader should keep in mind about one row, if anything: a group too small to compare, or
/// fewer downloads with the attribute documented (which reads like a cause but is a correlation).
pub fn caveat(p: &Pair, models: u32) -> Option<String> {
    let without_n = models.saturating_sub(p.documented);
    if p.documented < SMALL_GROUP || without_n < SMALL_GROUP {
        let n = p.documented.min(without_n);
        return Some(format!("only {n} models on one side: too few to compare"));
    }
    (p.with < p.without).then(|| "fewer downloads with it documented: a correlation, not a cause".to_string())
}

/// Chart geometry: a wide layout (label left of the bars) or a narrow one (label above them),
/// each sized so the SVG's 11–12 unit text renders at least 11 px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    pub narrow: bool,
    pub width: f64,
    /// Where bars start.
    pub bar_x: f64,
    pub bar_w: f64,
}

impl Layout {
    /// Viewports narrower than this get the narrow layout.
    pub const NARROW_BELOW_PX: f64 = 640.0;

    pub fn for_viewport(width_px: f64) -> Layout {
        if width_px < Layout::NARROW_BELOW_PX {
            Layout { narrow: true, width: 300.0, bar_x: 0.0, bar_w: 240.0 }
        } else {
            Layout { narrow: false, width: 720.0, bar_x: 160.0, bar_w: 470.0 }
        }
    }
}

/// Position 0–1 of `v` on a log scale whose end is `max` (log10(1 + x), so 0 sits at 0).
pub fn log_position(v: f64, max: f64) -> f64 {
    if max <= 0.0 || v <= 0.0 {
        return 0.0;
    }
    ((1.0 + v).log10() / (1.0 + max).log10()).clamp(0.0, 1.0)
}

/// Axis ticks at powers of ten up to `max`: (position 0–1, label).
pub fn log_ticks(max: f64) -> Vec<(f64, String)> {
    let mut out = vec![(0.0, "0".to_string())];
    let mut v = 10.0;
    while v <= max {
        out.push((log_position(v, max), human_count(v as u64)));
        v *= if max > 1e6 { 100.0 } else { 10.0 };
    }
    out
}

fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p > 0.0 && p < 1.0 {
        format!("{p:.1}%")
    } else {
        format!("{p:.0}%")
    }
}

/// Bar chart: share of models documenting each attribute.
fn documented_chart(insights: &Insights, layout: Layout) -> impl IntoView {
    let bars = documented_bars(insights);
    let Layout { narrow, width, bar_x, bar_w } = layout;
    let row_h = if narrow { 32.0 } else { 20.0 };
    // In the narrow layout the label sits on its own line above the bar.
    let (label_y, bar_y) = if narrow { (12.0, 17.0) } else { (14.0, 3.0) };
    let bar_h = if narrow { 11.0 } else { row_h - 6.0 };
    let top = 8.0;
    let height = top * 2.0 + row_h * bars.len() as f64;
    let best = bars.first().map(|b| format!("{} ({})", b.label, percent(b.share))).unwrap_or_default();
    let least = bars.last().map(|b| format!("{} ({})", b.label, percent(b.share))).unwrap_or_default();
    let desc = format!(
        "Horizontal bar chart over {} models. Each bar is the share of models whose card or metadata documents the attribute. Most documented: {best}. Least documented: {least}.",
        insights.models
    );
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = top + row_h * i as f64;
            let w = (b.share * bar_w).max(if b.documented > 0 { 1.0 } else { 0.0 });
            let tip = format!("{}: {} of {} models ({})", b.label, b.documented, insights.models, percent(b.share));
            let (label_x, anchor) = if narrow { (0.0, "start") } else { (bar_x - 8.0, "end") };
            view! {
                <g class="row">
                    <text x=label_x y=y + label_y text-anchor=anchor class="label">
                        {b.label}
                    </text>
                    <rect x=bar_x y=y + bar_y width=w height=bar_h class="bar" rx="2">
                        <title>{tip}</title>
                    </rect>
                    <text x=bar_x + w + 6.0 y=y + bar_y + bar_h - 1.0 class="value">
                        {percent(b.share)}
                    </text>
                </g>
            }
        })
        .collect_view();
    let table_rows = bars
        .iter()
        .map(|b| {
            view! {
                <tr>
                    <th scope="row">{b.label}</th>
                    <td class="num">{b.documented}</td>
                    <td class="num">{percent(b.share)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" id="chart-documented">
            <svg
                role="img"
                aria-labelledby="documented-title documented-desc"
                viewBox=format!("0 0 {width} {height}")
                preserveAspectRatio="xMinYMin meet"
                data-layout=if narrow { "narrow" } else { "wide" }
            >
                <title id="documented-title">"How many models document each template attribute"</title>
                <desc id="documented-desc">{desc}</desc>
                {rows}
            </svg>
            <figcaption>
                "Share of models that document each of the 33 template attributes (values inferred only from the Hub's task taxonomy don't count)."
            </figcaption>
            <details>
                <summary>"Show the data as a table"</summary>
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">"Attribute"</th>
                            <th scope="col" class="num">"Models"</th>
                            <th scope="col" class="num">"Share"</th>
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </details>
        </figure>
    }
}

/// Grouped bars: downloads of models with vs without each attribute (log scale).
fn downloads_chart(insights: &Insights, stat: Stat, layout: Layout) -> impl IntoView {
    let Layout { narrow, width, bar_x, bar_w } = layout;
    let pairs = download_pairs(insights, stat);
    let stat_name = match stat {
        Stat::Median => "Median",
        Stat::Mean => "Mean",
    };
    if pairs.is_empty() {
        return view! { <p class="hint">"No attribute splits the models into two groups yet."</p> }.into_any();
    }
    let max = pairs.iter().map(|p| p.with.max(p.without)).fold(0.0f64, f64::max);
    let row_h = if narrow { 44.0 } else { 30.0 };
    // Narrow: the label on its own line, then the two bars.
    let (label_y, bars_y) = if narrow { (12.0, 16.0) } else { (17.0, 3.0) };
    let top = 34.0;
    let height = top + row_h * pairs.len() as f64 + 10.0;
    let ticks = log_ticks(max)
        .into_iter()
        .map(|(pos, label)| {
            let x = bar_x + pos * bar_w;
            // A label centred on a tick at the chart's edge would run off it.
            let anchor = if x < 12.0 {
                "start"
            } else if x > width - 12.0 {
                "end"
            } else {
                "middle"
            };
            view! {
                <g class="tick">
                    <line x1=x x2=x y1=top - 4.0 y2=height - 10.0></line>
                    <text x=x y=top - 8.0 text-anchor=anchor>
                        {label}
                    </text>
                </g>
            }
        })
        .collect_view();
    let rows = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let y = top + row_h * i as f64;
            let w1 = log_position(p.with, max) * bar_w;
            let w2 = log_position(p.without, max) * bar_w;
            let (label_x, anchor) = if narrow { (0.0, "start") } else { (bar_x - 8.0, "end") };
            let by = y + bars_y;
            // A row that could mislead is marked (its caveat is in the table and the note).
            let mark = if caveat(p, insights.models).is_some() { " *" } else { "" };
            // Narrow: the values end the label's line (after a full bar they would not fit).
            let (value_x, value_y, value_anchor) =
                if narrow { (width, y + label_y, "end") } else { (bar_x + w1.max(w2) + 6.0, by + 15.0, "start") };
            let tip_with = format!("{}: {} downloads with it ({} models)", p.label, human_count(p.with.round() as u64), p.documented);
            let tip_without = format!("{}: {} downloads without it", p.label, human_count(p.without.round() as u64));
            view! {
                <g class="row">
                    <text x=label_x y=y + label_y text-anchor=anchor class="label">
                        {p.label}
                    </text>
                    <rect x=bar_x y=by width=w1.max(1.0) height="11" class="bar with" rx="2">
                        <title>{tip_with}</title>
                    </rect>
                    <rect x=bar_x y=by + 12.0 width=w2.max(1.0) height="11" class="bar without" rx="2">
                        <title>{tip_without}</title>
                    </rect>
                    <text x=value_x y=value_y text-anchor=value_anchor class="value">
                        {format!("{} / {}{mark}", human_count(p.with.round() as u64), human_count(p.without.round() as u64))}
                    </text>
                </g>
            }
        })
        .collect_view();
    let desc = format!(
        "Grouped horizontal bars on a logarithmic scale: for each attribute, the {} downloads of models that document it (upper bar) and of models that don't (lower bar). First row: {}.",
        stat_name.to_lowercase(),
        pairs.first().map(|p| format!("{} ({} with vs {} without)", p.label, human_count(p.with as u64), human_count(p.without as u64))).unwrap_or_default()
    );
    let table_rows = pairs
        .iter()
        .map(|p| {
            view! {
                <tr data-field=p.field.name()>
                    <th scope="row">{p.label}</th>
                    <td class="num">{human_count(p.with.round() as u64)}</td>
                    <td class="num">{human_count(p.without.round() as u64)}</td>
                    <td class="num">{p.documented}</td>
                    <td class="caveat-cell">{caveat(p, insights.models).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" id="chart-downloads">
            <svg
                role="img"
                aria-labelledby="downloads-title downloads-desc"
                viewBox=format!("0 0 {width} {height}")
                preserveAspectRatio="xMinYMin meet"
                data-layout=if narrow { "narrow" } else { "wide" }
            >
                <title id="downloads-title">{format!("{stat_name} downloads with vs without each attribute")}</title>
                <desc id="downloads-desc">{desc}</desc>
                {ticks}
                {rows}
            </svg>
            <figcaption>
                <span class="legend">
                    <span class="swatch with" aria-hidden="true"></span>
                    " documented  "
                    <span class="swatch without" aria-hidden="true"></span>
                    " not documented"
                </span>
                " · log scale; attributes ordered by how much more the documenting models are downloaded. "
                "* = a row to read with care (see the table)."
            </figcaption>
            <details>
                <summary>"Show the data as a table"</summary>
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">"Attribute"</th>
                            <th scope="col" class="num">{format!("{stat_name} with")}</th>
                            <th scope="col" class="num">{format!("{stat_name} without")}</th>
                            <th scope="col" class="num">"Models with"</th>
                            <th scope="col">"Read with care"</th>
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}

#[component]
pub fn InsightsPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let stat = RwSignal::new(Stat::Median);
    let layout = RwSignal::new(Layout::for_viewport(boundary::viewport_width()));
    boundary::on_resize(move || {
        let now = Layout::for_viewport(boundary::viewport_width());
        if layout.get_untracked() != now {
            layout.set(now);
        }
    });
    view! {
        <section class="insights" aria-labelledby="insights-heading">
            <h2 id="insights-heading">"Insights: what model cards document"</h2>
            {move || match ctx.insights.get() {
                None => view! { <p class="hint">"The charts appear once the model index is loaded."</p> }.into_any(),
                Some(ins) if ins.models == 0 => view! { <p class="hint">"The index holds no models."</p> }.into_any(),
                Some(ins) => {
                    let with_card = f64::from(ins.models_with_card) / f64::from(ins.models.max(1));
                    let lead = format!(
                        "{} models in the index; {} ({}) have a model card with text.",
                        ins.models,
                        ins.models_with_card,
                        percent(with_card),
                    );
                    let ins2 = ins.clone();
                    view! {
                        <p class="lead">{lead}</p>
                        <h3>"Documented attributes"</h3>
                        {move || documented_chart(&ins, layout.get())}
                        <h3>"Downloads with vs without an attribute"</h3>
                        <p class="caveat" id="downloads-caveat">
                            <strong>"Correlation, not cause. "</strong>
                            "Models that document an attribute differ in other ways too: popular models come from organisations that write fuller cards, and the Hub's many small fine-tunes copy a license or a task tag from their base model. So a gap here — in either direction, e.g. “license documented → fewer downloads” — does not say that documenting an attribute wins or loses downloads. Rows marked * compare a small group or show fewer downloads with the attribute."
                        </p>
                        <div class="field inline">
                            <label for="insight-stat">"Statistic"</label>
                            <select
                                id="insight-stat"
                                on:change=move |ev| {
                                    stat.set(if event_target_value(&ev) == "mean" { Stat::Mean } else { Stat::Median })
                                }
                            >
                                <option value="median" prop:selected=move || stat.get() == Stat::Median>
                                    "Median"
                                </option>
                                <option value="mean" prop:selected=move || stat.get() == Stat::Mean>
                                    "Mean"
                                </option>
                            </select>
                        </div>
                        {move || downloads_chart(&ins2, stat.get(), layout.get())}
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::FieldInsight;

    fn sample() -> Insights {
        let fi = |field, documented, with, without| FieldInsight {
            field,
            documented,
            mean_downloads_with: with,
            median_downloads_with: with,
            mean_downloads_without: without,
            median_downloads_without: without,
        };
        Insights {
            models: 10,
            models_with_card: 4,
            fields: vec![
                fi(Field::Function, 4, 1000.0, 10.0),
                fi(Field::Task, 10, 50.0, 0.0),
                fi(Field::License, 6, 100.0, 100.0),
                fi(Field::Grant, 0, 0.0, 20.0),
            ],
        }
    }

    #[test]
    fn bars_are_sorted_shares() {
        let bars = documented_bars(&sample());
        assert_eq!(bars[0].field, Field::Task);
        assert_eq!(bars[0].share, 1.0);
        assert_eq!(bars.last().unwrap().field, Field::Grant);
        assert_eq!(percent(0.004), "0.4%");
    }

    #[test]
    fn pairs_skip_fields_everyone_or_no_one_documents() {
        let pairs = download_pairs(&sample(), Stat::Median);
        let fields: Vec<Field> = pairs.iter().map(|p| p.field).collect();
        assert_eq!(fields, vec![Field::Function, Field::License]);
    }

    #[test]
    fn rows_that_could_mislead_carry_a_caveat() {
        let pair = |documented, with, without| Pair { field: Field::License, label: "License", documented, with, without };
        // Fewer downloads with it: a correlation, said so.
        assert!(caveat(&pair(500, 10.0, 50.0), 1000).unwrap().contains("correlation, not a cause"));
        // More downloads with it, large groups: nothing to add.
        assert_eq!(caveat(&pair(500, 50.0, 10.0), 1000), None);
        // A small group on either side.
        assert!(caveat(&pair(5, 50.0, 10.0), 1000).unwrap().contains("only 5 models"));
        assert!(caveat(&pair(990, 50.0, 10.0), 1000).unwrap().contains("only 10 models"));
    }

    #[test]
    fn phones_get_a_layout_drawn_for_their_width() {
        let phone = Layout::for_viewport(390.0);
        assert!(phone.narrow);
        // The chart's drawing width on a 390 px phone is about 338 px: 11-unit text stays ≥ 11 px.
        assert!(338.0 / phone.width * 11.0 >= 11.0);
        assert!(phone.bar_x + phone.bar_w + 40.0 <= phone.width, "the value fits after a full bar");
        assert!(!Layout::for_viewport(1280.0).narrow);
    }

    #[test]
    fn log_scale_and_ticks() {
        assert_eq!(log_position(0.0, 1000.0), 0.0);
        assert_eq!(log_position(1000.0, 1000.0), 1.0);
        assert!(log_position(10.0, 1000.0) > 0.3);
        let ticks = log_ticks(1000.0);
        assert_eq!(ticks.first().unwrap().1, "0");
        assert_eq!(ticks.last().unwrap().1, "1.0K");
        assert!(ticks.windows(2).all(|w| w[0].0 < w[1].0));
    }
}

//! Side-by-side comparison of 2–4 picked results: facts, each requirement's verdict, matched
//! words and every extracted template field, one column per model.

use leptos::prelude::*;

use crate::template::Field;

use super::results::highlighted;
use super::state::MAX_COMPARE;
use super::view_model::ResultView;
use super::Ctx;
use crate::human::human_count;

/// One table row: a header and one cell per model.
fn row(header: String, cells: Vec<AnyView>) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{header}</th>
            {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
        </tr>
    }
}

fn text_cells(models: &[ResultView], f: impl Fn(&ResultView) -> String) -> Vec<AnyView> {
    models.iter().map(|m| f(m).into_any()).collect()
}

#[component]
pub fn ComparePanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let picked = move || {
        let ids = ctx.compare.get();
        ctx.results.with(|r| ids.iter().filter_map(|id| r.items.iter().find(|i| &i.id == id).cloned()).collect::<Vec<_>>())
    };
    view! {
        <section id="compare" class="compare" aria-labelledby="compare-heading" hidden=move || ctx.compare.with(|c| c.is_empty())>
            <div class="compare-head">
                <h2 id="compare-heading" tabindex="-1">"Compare"</h2>
                <p class="hint">
                    {move || {
                        let n = ctx.compare.with(|c| c.len());
                        if n < 2 {
                            format!("{n} picked: pick at least one more model (up to {MAX_COMPARE}) with its “Compare” box.")
                        } else {
                            format!("{n} models side by side.")
                        }
                    }}
                </p>
                <button type="button" id="compare-clear" on:click=move |_| ctx.compare.set(Vec::new())>
                    "Clear comparison"
                </button>
            </div>
            {move || {
                let models = picked();
                (models.len() >= 2)
                    .then(|| {
                        let mut fields: Vec<Field> = Vec::new();
                        let mut verdict_fields: Vec<(Field, &'static str)> = Vec::new();
                        for m in &models {
                            for r in &m.instance {
                                if !fields.contains(&r.field) {
                                    fields.push(r.field);
                                }
                            }
                            for v in &m.verdicts {
                                if !verdict_fields.iter().any(|(f, _)| *f == v.field) {
                                    verdict_fields.push((v.field, v.label));
                                }
                            }
                        }
                        fields.sort();
                        let verdict_rows = verdict_fields
                            .into_iter()
                            .map(|(field, label)| {
                                let cells = models
                                    .iter()
                                    .map(|m| match m.verdicts.iter().find(|v| v.field == field) {
                                        Some(v) => {
                                            let class = format!("badge tone-{}", v.tone);
                                            view! {
                                                <span class=class>{v.status_label}</span>
                                                " "
                                                {v.reason.clone()}
                                            }
                                                .into_any()
                                        }
                                        None => "—".into_any(),
                                    })
                                    .collect();
                                row(format!("{label} (requirement)"), cells)
                            })
                            .collect_view();
                        let field_rows = fields
                            .into_iter()
                            .map(|field| {
                                let cells = models
                                    .iter()
                                    .map(|m| match m.instance.iter().find(|r| r.field == field) {
                                        Some(r) => view! { <span class="cell-text">{highlighted(r.segments.clone())}</span> }.into_any(),
                                        None => view! { <span class="missing">"not documented"</span> }.into_any(),
                                    })
                                    .collect();
                                row(field.label().to_string(), cells)
                            })
                            .collect_view();
                        view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-label="Comparison table, scrolls sideways">
                                <table class="compare-table">
                                    <thead>
                                        <tr>
                                            <th scope="col">"Attribute"</th>
                                            {models
                                                .iter()
                                                .map(|m| {
                                                    view! {
                                                        <th scope="col" data-compare-id=m.id.clone()>
                                                            <a href=m.url.clone() target="_blank" rel="noopener noreferrer">
                                                                {m.id.clone()}
                                                            </a>
                                                        </th>
                                                    }
                                                })
                                                .collect_view()}
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {row("Rank".into(), text_cells(&models, |m| m.rank.to_string()))}
                                        {row("Task".into(), text_cells(&models, |m| m.task_name.map(str::to_string).or(m.task.clone()).unwrap_or_else(|| "—".into())))}
                                        {row("License".into(), text_cells(&models, |m| m.license.clone().unwrap_or_else(|| "not stated".into())))}
                                        {row("Parameters".into(), text_cells(&models, |m| m.params.clone()))}
                                        {row("Downloads".into(), text_cells(&models, |m| human_count(m.downloads)))}
                                        {row("Likes".into(), text_cells(&models, |m| human_count(m.likes)))}
                                        {row("Languages".into(), text_cells(&models, |m| if m.languages.is_empty() { "—".into() } else { m.languages.join(", ") }))}
                                        {row("Library".into(), text_cells(&models, |m| m.library.clone().unwrap_or_else(|| "—".into())))}
                                        {row("Card completeness".into(), text_cells(&models, |m| format!("{:.0}%", m.card_quality * 100.0)))}
                                        {row("Score".into(), text_cells(&models, |m| format!("{:.2}", m.score)))}
                                        {verdict_rows}
                                        {field_rows}
                                    </tbody>
                                </table>
                            </div>
                        }
                    })
            }}
        </section>
    }
}

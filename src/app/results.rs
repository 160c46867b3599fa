//! The ranked results: one card per model with its facts, constraint verdicts, matched words,
//! the whole extracted template instance on demand, a compare toggle; plus export and share.
//!
//! Card text is always rendered as text nodes (highlights are `<mark>` elements around text), never
//! as HTML.

use leptos::prelude::*;

use crate::export::{to_csv, to_json, to_markdown};

use super::boundary;
use super::compare::ComparePanel;
use super::highlight::Segment;
use super::llm_panel::LlmStatus;
use super::state::{toggle_compare, Phase, MAX_COMPARE};
use super::view_model::{left_out_views, summary_text, InstanceRow, LeftOutView, ResultView, VerdictView, WhyField};
use super::Ctx;
use crate::human::human_count;

/// Highlighted text: `<mark>` around matched words, plain text elsewhere.
pub fn highlighted(segments: Vec<Segment>) -> impl IntoView {
    segments.into_iter().map(|s| if s.hit { view! { <mark>{s.text}</mark> }.into_any() } else { s.text.into_any() }).collect_view()
}

/// A verdict badge: status word + reason + who decided (`data-decided-by="rule|llm"`). An LLM
/// answer has its own look: badge, class and quoted evidence from [`super::llm_verdict`].
pub fn verdict_line(v: VerdictView) -> impl IntoView {
    let look = super::llm_verdict::Look::of(&v);
    let class = format!("verdict tone-{}{}", v.tone, look.class);
    let evidence = look.evidence.map(|e| view! { <q class="evidence">{e}</q> });
    view! {
        <li class=class data-field=v.field.name() data-status=v.status_label data-decided-by=v.decided_by.to_ascii_lowercase()>
            <span class="badge">{look.badge}</span>
            <span class="verdict-text">
                <strong>{v.label}</strong>
                <span class="requirement">" “" {v.requirement} "”: "</span>
                {v.reason}
                <span class="decided-by">" — " {v.who}</span>
                {evidence}
            </span>
        </li>
    }
}

/// A `<details>` whose body is built the first time it opens, then kept. Most are never opened,
/// and their bodies (score tables, evidence, the whole template) were most of a results list's
/// elements: building them on every search was most of a warm search's time in the page.
/// `toggle` fires only when `open` changes and the element starts closed, so its first firing
/// is the first opening.
fn lazy_details<B, V>(class: &'static str, summary: impl IntoView + 'static, body: B) -> impl IntoView
where
    B: Fn() -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let opened = RwSignal::new(false);
    view! {
        <details class=class on:toggle=move |_| opened.set(true)>
            <summary>{summary}</summary>
            {move || opened.get().then(&body)}
        </details>
    }
}

/// The score table of "Why this rank".
fn why_table(item: &ResultView) -> impl IntoView {
    view! {
        <table class="why-table">
            <caption class="visually-hidden">"Score contributions"</caption>
            <thead>
                <tr>
                    <th scope="col">"Part"</th>
                    <th scope="col">"Words"</th>
                    <th scope="col" class="num">"Score"</th>
                </tr>
            </thead>
            <tbody>
                {item
                    .why
                    .iter()
                    .map(|w| {
                        let words = w
                            .terms
                            .iter()
                            .map(|t| match &t.via {
                                Some(v) => format!("{} (via {v})", t.surface),
                                None => t.surface.clone(),
                            })
                            .collect::<Vec<_>>()
                            .join(", ");
                        view! {
                            <tr>
                                <th scope="row">"BM25F · " {w.field}</th>
                                <td>{words}</td>
                                <td class="num">{format!("{:.2}", w.score)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
                <tr>
                    <th scope="row">"Task bonus"</th>
                    <td>{item.task_note.clone().unwrap_or_else(|| "—".into())}</td>
                    <td class="num">{format!("{:.2}", item.task_bonus)}</td>
                </tr>
                <tr>
                    <th scope="row">"Prior"</th>
                    <td>"popularity and card completeness"</td>
                    <td class="num">{format!("{:.2}", item.prior)}</td>
                </tr>
                <tr class="total">
                    <th scope="row">"Total"</th>
                    <td></td>
                    <td class="num">{format!("{:.2}", item.score)}</td>
                </tr>
            </tbody>
        </table>
    }
}

/// "Matched: field: words" — the request words each field matched.
fn matched_line(why: Vec<WhyField>) -> impl IntoView {
    (!why.is_empty()).then(|| {
        view! {
            <p class="matched">
                <span class="matched-label">"Matched: "</span>
                {why
                    .into_iter()
                    .map(|w| {
                        view! {
                            <span class="match-field" data-field=w.field>
                                <span class="field-name">{w.field} ": "</span>
                                {w
                                    .terms
                                    .into_iter()
                                    .map(|t| {
                                        let (title, class) = match &t.via {
                                            Some(v) => (format!("related word, added from “{v}”"), "via"),
                                            None => ("your word".to_string(), "own"),
                                        };
                                        view! {
                                            <mark class=class title=title>{t.surface}</mark>
                                            " "
                                        }
                                    })
                                    .collect_view()}
                            </span>
                        }
                    })
                    .collect_view()}
            </p>
        }
    })
}

/// The whole extracted template instance, with the request's words highlighted.
fn instance_fields(instance: Vec<InstanceRow>) -> impl IntoView {
    if instance.is_empty() {
        view! { <p class="hint">"Nothing was extracted from this model's card."</p> }.into_any()
    } else {
        view! {
            <dl class="instance-fields">
                {instance
                    .into_iter()
                    .map(|row| {
                        view! {
                            <div data-field=row.field.name()>
                                <dt>
                                    {row.label}
                                    <span class="source">" · " {row.source}</span>
                                </dt>
                                <dd>{highlighted(row.segments)}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        }
        .into_any()
    }
}

/// One result card, keyed by model id: a model that stays between searches keeps its card (and
/// its open details). The facts, link and evidence are the model's own; the rank, verdicts,
/// license badge, matched words and highlights follow `ctx.results` (a new search, or LLM
/// answers changing this one), each part rebuilt only when its own value changes.
#[component]
fn ResultItem(item: ResultView) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = item.id.clone();
    let live = {
        let id = id.clone();
        let initial = item.clone();
        // A removed model keeps its last value while its card goes.
        Memo::new(move |prev: Option<&ResultView>| {
            ctx.results.with(|r| r.items.iter().find(|x| x.id == id).cloned()).or_else(|| prev.cloned()).unwrap_or_else(|| initial.clone())
        })
    };
    let rank = Memo::new(move |_| live.with(|l| l.rank));
    let verdicts = Memo::new(move |_| live.with(|l| l.verdicts.clone()));
    let license_verdict = Memo::new(move |_| live.with(|l| l.license_verdict.clone()));
    let snippet = Memo::new(move |_| live.with(|l| l.snippet.clone()));
    let why = Memo::new(move |_| live.with(|l| l.why.clone()));
    let has_why = Memo::new(move |_| live.with(|l| !l.why.is_empty() || l.task_note.is_some()));
    let instance = Memo::new(move |_| live.with(|l| l.instance.clone()));
    let heading_id = format!("result-h-{}", item.id);
    let labelled_by = heading_id.clone();
    let compare_id = id.clone();
    let checked = {
        let id = id.clone();
        move || ctx.compare.with(|c| c.contains(&id))
    };
    let full = {
        let id = id.clone();
        move || ctx.compare.with(|c| c.len() >= MAX_COMPARE && !c.contains(&id))
    };
    let on_toggle = move |_| {
        ctx.compare.update(|c| {
            toggle_compare(c, &compare_id);
        });
    };
    let license_badge = move || {
        license_verdict.get().map(|v| {
            let class = format!("badge tone-{}", v.tone);
            view! {
                <span class=class title=v.reason.clone()>
                    {v.status_label}
                </span>
            }
        })
    };
    let task_text = item.task_name.map(|n| n.to_string()).or(item.task.clone()).unwrap_or_else(|| "—".into());
    let evidence = item.evidence.clone();
    view! {
        <li class="result" data-model-id=id.clone()>
            <article aria-labelledby=labelled_by>
                <div class="result-head">
                    <span class="rank" aria-label=move || format!("Rank {}", rank.get())>
                        {move || rank.get()}
                    </span>
                    <h3 id=heading_id>
                        <a href=item.url.clone() target="_blank" rel="noopener noreferrer">
                            {item.id.clone()}
                        </a>
                    </h3>
                    <label class="compare-toggle">
                        <input
                            type="checkbox"
                            prop:checked=checked
                            disabled=full
                            on:change=on_toggle
                            aria-label=format!("Compare {}", item.id)
                        />
                        " Compare"
                    </label>
                </div>
                <dl class="facts">
                    <div>
                        <dt>"Task"</dt>
                        <dd>{task_text}</dd>
                    </div>
                    <div>
                        <dt>"License"</dt>
                        <dd>{item.license.clone().unwrap_or_else(|| "not stated".into())} " " {license_badge}</dd>
                    </div>
                    <div>
                        <dt>"Parameters"</dt>
                        <dd>
                            {item.params.clone()}
                            {item.quantized.clone().map(|q| format!(" ({q})"))}
                        </dd>
                    </div>
                    <div>
                        <dt>"Downloads"</dt>
                        <dd title=item.downloads.to_string()>{human_count(item.downloads)}</dd>
                    </div>
                    <div>
                        <dt>"Likes"</dt>
                        <dd>{human_count(item.likes)}</dd>
                    </div>
                </dl>
                {move || {
                    let s = snippet.get();
                    (!s.is_empty()).then(|| view! { <p class="snippet">{highlighted(s)}</p> })
                }}
                {move || matched_line(why.get())}
                {move || {
                    let verdicts = verdicts.get();
                    (!verdicts.is_empty())
                        .then(|| {
                            view! {
                                <ul class="verdicts" aria-label="Requirement checks">
                                    {verdicts.into_iter().map(verdict_line).collect_view()}
                                </ul>
                            }
                        })
                }}
                {move || {
                    has_why
                        .get()
                        .then(|| lazy_details("why", "Why this rank", move || live.with(why_table)))
                }}
                {lazy_details(
                    "evidence",
                    "Where the facts come from",
                    move || {
                        view! {
                            <dl class="evidence-rows">
                                {evidence
                                    .clone()
                                    .into_iter()
                                    .map(|row| {
                                        view! {
                                            <div data-fact=row.fact class=format!("confidence-{}", row.confidence)>
                                                <dt>{row.label}</dt>
                                                <dd>{row.text}</dd>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </dl>
                        }
                    },
                )}
                {lazy_details(
                    "instance",
                    move || format!("Whole extracted template ({} fields)", instance.with(Vec::len)),
                    move || instance_fields(instance.get()),
                )}
            </article>
        </li>
    }
}

/// Export and share buttons.
#[component]
fn Toolbar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let empty = move || ctx.results.with(|r| r.items.is_empty());
    let save = move |kind: &'static str| {
        ctx.results.with_untracked(|r| {
            let left_out = ctx.engine.with_value(|e| e.as_ref().map(|e| e.left_out(&r.request, &r.selection))).unwrap_or_default();
            let (name, mime, text) = match kind {
                "json" => ("ptmpicker-results.json", "application/json", to_json(&r.request, &r.selection, &left_out)),
                "csv" => ("ptmpicker-results.csv", "text/csv", to_csv(&r.request, &r.selection)),
                _ => ("ptmpicker-results.md", "text/markdown", to_markdown(&r.request, &r.selection, &left_out)),
            };
            match boundary::download(name, mime, &text) {
                Ok(()) => ctx.toast.set(format!("Saved {name}")),
                Err(e) => ctx.toast.set(format!("Export failed: {e}")),
            }
        });
    };
    // A sharded index keeps the left-out models' names in document shards: fetch them first (if
    // that fails, offline, the export names them as not downloaded).
    let export = move |kind: &'static str| {
        let missing = left_out_names_missing(ctx);
        if missing.is_empty() || kind == "csv" {
            return save(kind);
        }
        ctx.toast.set("Downloading the names of the models left out…".into());
        leptos::task::spawn_local(async move {
            let _ = super::offline::fetch_for_search(ctx, missing).await;
            save(kind);
        });
    };
    let copy_link = move |_| {
        let url = boundary::page_url();
        leptos::task::spawn_local(async move {
            match boundary::copy_text(&url).await {
                Ok(()) => ctx.toast.set("Link copied".into()),
                Err(_) => ctx.toast.set(format!("Copy this link: {url}")),
            }
        });
    };
    view! {
        <div class="toolbar" role="group" aria-label="Export and share">
            <button type="button" id="export-json" disabled=empty on:click=move |_| export("json")>
                "Export JSON"
            </button>
            <button type="button" id="export-csv" disabled=empty on:click=move |_| export("csv")>
                "CSV"
            </button>
            <button type="button" id="export-md" disabled=empty on:click=move |_| export("md")>
                "Markdown"
            </button>
            <button type="button" id="copy-link" disabled=empty on:click=copy_link>
                "Copy link"
            </button>
            <span class="toast" role="status" aria-live="polite">
                {move || ctx.toast.get()}
            </span>
        </div>
    }
}

/// The list itself (also mounted alone by component tests).
#[component]
pub fn ResultsList() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <ol
            id="results"
            class="results"
            aria-labelledby="results-heading"
            data-state=move || ctx.phase.with(|p| p.data_state())
            data-query=move || ctx.results.with(|r| r.query.clone())
            aria-busy=move || if ctx.phase.with(|p| p.data_state() == "loading") { "true" } else { "false" }
        >
            // Keyed by model: a model in this search and the last keeps its card (only what
            // changed is rebuilt, see ResultItem); new models get new cards; LLM answers that drop
            // a model remove its card and move the others, in rank order, without re-creating them.
            <For
                each=move || ctx.results.with(|r| r.items.clone())
                key=|item| item.id.clone()
                children=|item| view! { <ResultItem item=item/> }
            />
        </ol>
    }
}

/// Loading progress (in the results column, in the page's flow: it never covers the form).
#[component]
fn LoadProgress() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <div class="status" role="status" aria-live="polite">
            {move || {
                let phase = ctx.phase.get();
                match phase {
                    // Searching is shown in the results summary; errors in the alert at the top.
                    Phase::Failed(_) | Phase::Ready | Phase::Searching | Phase::Unavailable(_) => None,
                    other => {
                        let progress = other.progress();
                        Some(
                            view! {
                                <div class="status-line">
                                    <span>{other.describe()}</span>
                                    <progress
                                        max="1"
                                        value=progress.map(|p| p.to_string())
                                        aria-label="Loading progress"
                                    ></progress>
                                </div>
                            },
                        )
                    }
                }
            }}
        </div>
    }
}

/// The document shards holding the names of the current search's left-out models that are not
/// on this device (none for a single-file index).
fn left_out_names_missing(ctx: Ctx) -> Vec<usize> {
    ctx.results.with_untracked(|r| {
        ctx.engine
            .with_value(|e| e.as_ref().map(|e| e.missing_display_shards(r.selection.excluded.iter().map(|x| x.doc))))
            .unwrap_or_default()
    })
}

/// One left-out model: its id (or, from a sharded index before its names are fetched, a
/// placeholder), facts and the verdict that removed it.
fn left_out_line(m: LeftOutView) -> impl IntoView {
    let name = match (m.id.clone(), m.url) {
        (Some(id), Some(url)) => view! { <a href=url target="_blank" rel="noopener noreferrer">{id}</a> }.into_any(),
        _ => view! { <span class="left-out-unnamed">{crate::export::NAME_NOT_DOWNLOADED}</span> }.into_any(),
    };
    view! {
        <li class="left-out-item" data-left-out-id=m.id.unwrap_or_default() data-left-out-doc=m.doc.to_string()>
            {name}
            <span class="left-out-facts">
                {format!(" · {} · {} parameters", m.license.unwrap_or_else(|| "license not stated".into()), m.params)}
            </span>
            {m.verdict.map(|v| view! { <ul class="verdicts">{verdict_line(v)}</ul> })}
        </li>
    }
}

/// "Show the N left out": the models a rule removed, each with the verdict that removed it. The
/// list (and its reasons) is built only when asked. From a sharded index the facts and verdicts
/// are in the head, the names in document shards: up to 200 models may need most of them, so
/// the names are fetched only on "Show their names", which says how much that downloads.
#[component]
fn LeftOutPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let open = RwSignal::new(false);
    // Bumped when names arrive, so the list is built again.
    let names = RwSignal::new(0u32);
    let names_error = RwSignal::new(None::<String>);
    // A new search (not an LLM answer re-rendering this one) closes the list.
    let query = Memo::new(move |_| ctx.results.with(|r| r.query.clone()));
    Effect::new(move |_| {
        query.track();
        open.set(false);
        names_error.set(None);
    });
    let total = move || ctx.results.with(|r| r.violations_filtered);
    let kept = move || ctx.results.with(|r| r.selection.excluded.len());
    let list = move || {
        if !open.get() {
            return Vec::new();
        }
        names.track();
        ctx.results.with(|r| ctx.engine.with_value(|e| e.as_ref().map(|e| left_out_views(e, &r.request, &r.selection))).unwrap_or_default())
    };
    let missing = move || {
        if !open.get() {
            return Vec::new();
        }
        names.track();
        ctx.results.track();
        left_out_names_missing(ctx)
    };
    let fetch_names = move |_| {
        let todo = left_out_names_missing(ctx);
        names_error.set(None);
        leptos::task::spawn_local(async move {
            if let Err(message) = super::offline::fetch_for_search(ctx, todo).await {
                names_error.set(Some(message));
            }
            names.update(|n| *n += 1);
        });
    };
    view! {
        <section id="left-out" class="left-out" hidden=move || kept() == 0 aria-labelledby="left-out-button">
            <button
                type="button"
                id="left-out-button"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="left-out-list"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || {
                    let n = total();
                    if open.get() { format!("Hide the {n} left out") } else { format!("Show the {n} left out") }
                }}
            </button>
            <div hidden=move || !open.get()>
                <p class="hint">
                    {move || {
                        let (n, k) = (total(), kept());
                        let models = if n == 1 { "model" } else { "models" };
                        if k < n {
                            format!("{n} relevant {models} violated a requirement; the {k} best-matching of those a rule removed, each with the verdict that removed it:")
                        } else {
                            format!("{n} relevant {models} violated a requirement, each shown with the verdict that removed it:")
                        }
                    }}
                </p>
                {move || {
                    let todo = missing();
                    (!todo.is_empty())
                        .then(|| {
                            let bytes = ctx.shard_files.with_value(|f| f.as_ref().map(|f| f.bytes(&todo)).unwrap_or(0));
                            let parts = if todo.len() == 1 { "1 part".to_string() } else { format!("{} parts", todo.len()) };
                            view! {
                                <p class="hint" id="left-out-names-hint">
                                    "The names of some of these models are not on this device yet. "
                                    <button type="button" id="left-out-names" on:click=fetch_names>
                                        {format!("Show their names ({parts} of the index, {})", crate::human::human_bytes(bytes))}
                                    </button>
                                </p>
                            }
                        })
                }}
                {move || names_error.get().map(|m| view! { <p class="hint" role="alert">{m}</p> })}
                <ol id="left-out-list" class="left-out-list">
                    {move || list().into_iter().map(left_out_line).collect_view()}
                </ol>
            </div>
        </section>
    }
}

/// Follows the user while models are picked for comparison: the count and a Compare action, fixed
/// near the bottom of the viewport (the comparison itself is below the results).
#[component]
fn CompareTray() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let count = move || ctx.compare.with(|c| c.len());
    view! {
        <div id="compare-tray" class="compare-tray" role="region" aria-label="Models picked for comparison" hidden=move || count() == 0>
            <span class="tray-count" aria-live="polite">
                {move || {
                    let n = count();
                    if n < 2 {
                        format!("{n} picked: pick one more to compare")
                    } else {
                        format!("{n} of {MAX_COMPARE} picked")
                    }
                }}
            </span>
            <button
                type="button"
                id="compare-tray-open"
                class="primary"
                disabled=move || count() < 2
                on:click=move |_| boundary::reveal("compare-heading")
            >
                "Compare"
            </button>
            <button type="button" id="compare-tray-clear" on:click=move |_| ctx.compare.set(Vec::new())>
                "Clear"
            </button>
        </div>
    }
}

/// Heading, summary line, toolbar, list, left-out models and compare panel.
#[component]
pub fn ResultsPane() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let summary = move || {
        let phase = ctx.phase.get();
        ctx.results.with(|r| summary_text(&phase, r))
    };
    let intents = move || ctx.results.with(|r| r.intents.clone());
    view! {
        <section class="results-pane" aria-labelledby="results-heading">
            <div class="results-header">
                <h2 id="results-heading" tabindex="-1">"Results"</h2>
                <Toolbar/>
            </div>
            <LoadProgress/>
            <p class="summary" id="results-summary">{summary}</p>
            <LlmStatus/>
            {move || {
                let list = intents();
                (!list.is_empty())
                    .then(|| view! { <p class="intents">"Task read as: " {list.join(" · ")}</p> })
            }}
            // What the rules could not read, and the language the request is written in.
            {move || {
                let notices = ctx.results.with(|r| r.selection.notices.clone());
                (!notices.is_empty())
                    .then(|| {
                        view! {
                            <ul class="notices" id="request-notices">
                                {notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                            </ul>
                        }
                    })
            }}
            <ResultsList/>
            <LeftOutPanel/>
            <ComparePanel/>
            <CompareTray/>
        </section>
    }
}

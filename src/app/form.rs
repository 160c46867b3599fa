//! The request form: a free-text description that fills the fields by rules, then the template
//! fields in three groups (what it does, hard constraints, wishes for the LLM) and the rest
//! under "more fields". Every input is labelled; ids are `field-<template field name>`.

use leptos::prelude::*;

use crate::analysis::Lexicon;
use crate::constraints::DecidedBy;
use crate::knowledge::languages::LANGUAGES;
use crate::knowledge::tasks::{task_by_tag, TASKS};
use crate::request_text::fill_from_text;
use crate::template::{Field, FieldGroup, Template};

use super::llm_fill::FillState;
use super::state::{other_fields, Device, LICENSE_PRESETS, PARAM_SUGGESTIONS};
use super::Ctx;

/// One labelled text input (or textarea) bound to a template field.
#[component]
fn TextField(
    field: Field,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional)] label: Option<&'static str>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = format!("field-{}", field.name());
    let hint_id = format!("{id}-hint");
    let (placeholder, hint) = (field.placeholder(), field.help());
    let value = move || ctx.form.with(|t| t.get(field).unwrap_or_default().to_string());
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        ctx.form.update(|t| t.set(field, Some(v)));
    };
    let input = if multiline {
        view! {
            <textarea
                id=id.clone()
                name=field.name()
                rows="2"
                placeholder=placeholder
                aria-describedby=(!hint.is_empty()).then(|| hint_id.clone())
                prop:value=value
                on:input=on_input
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                type="text"
                id=id.clone()
                name=field.name()
                list=list
                autocomplete="off"
                placeholder=placeholder
                aria-describedby=(!hint.is_empty()).then(|| hint_id.clone())
                prop:value=value
                on:input=on_input
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label.unwrap_or(field.label())}</label>
            {input}
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id>{hint}</p> })}
        </div>
    }
}

/// Task: a select with every Hub task, plus a search box with autocomplete.
#[component]
fn TaskField() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let current = move || ctx.form.with(|t| t.get(Field::Task).unwrap_or_default().trim().to_string());
    let search = RwSignal::new(String::new());
    let set_task = move |v: String| ctx.form.update(|t| t.set(Field::Task, (!v.is_empty()).then_some(v)));
    view! {
        <div class="field">
            <label for="field-task">"Task"</label>
            <div class="task-pick">
                <select
                    id="field-task"
                    name="task"
                    aria-describedby="field-task-hint"
                    on:change=move |ev| set_task(event_target_value(&ev))
                >
                    <option value="" prop:selected=move || current().is_empty()>
                        "Any task (detected from your words)"
                    </option>
                    {move || {
                        let cur = current();
                        let known = cur.is_empty() || TASKS.iter().any(|t| t.tag == cur);
                        (!known)
                            .then(|| {
                                view! {
                                    <option value=cur.clone() prop:selected=true>
                                        {cur.clone()}
                                    </option>
                                }
                            })
                    }}
                    {TASKS
                        .iter()
                        .map(|t| {
                            view! {
                                <option value=t.tag prop:selected=move || current() == t.tag>
                                    {t.name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <input
                    type="search"
                    id="task-search"
                    list="task-list"
                    autocomplete="off"
                    placeholder="Type to find a task…"
                    aria-label="Find a task by name"
                    prop:value=move || search.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(task) = task_by_tag(&v) {
                            set_task(task.tag.to_string());
                            search.set(String::new());
                        } else {
                            search.set(v);
                        }
                    }
                />
            </div>
            <p class="hint" id="field-task-hint">
                "The Hub's pipeline task. Leave it open to let your description decide."
            </p>
            <datalist id="task-list">
                {TASKS.iter().map(|t| view! { <option value=t.name>{t.tag}</option> }).collect_view()}
            </datalist>
        </div>
    }
}

/// License: presets and free text.
#[component]
fn LicenseField() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let text = move || ctx.form.with(|t| t.get(Field::License).unwrap_or_default().trim().to_ascii_lowercase());
    let is_preset = move |t: &str| LICENSE_PRESETS.iter().any(|(_, v)| *v == t);
    view! {
        <div class="field">
            <label for="license-preset">"License policy"</label>
            <select
                id="license-preset"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if v == "custom" {
                        super::boundary::focus("field-license");
                    } else {
                        ctx.form.update(|t| t.set(Field::License, (!v.is_empty()).then_some(v)));
                    }
                }
            >
                <option value="" prop:selected=move || text().is_empty()>
                    "Any license"
                </option>
                {LICENSE_PRESETS
                    .iter()
                    .map(|(label, value)| {
                        view! {
                            <option value=*value prop:selected=move || text() == *value>
                                {*label}
                            </option>
                        }
                    })
                    .collect_view()}
                <option
                    value="custom"
                    prop:selected=move || {
                        let t = text();
                        !t.is_empty() && !is_preset(&t)
                    }
                >
                    "Custom (write it below)"
                </option>
            </select>
        </div>
        <TextField field=Field::License label="License (free text)"/>
    }
}

/// Hardware: free text, plus memory / GPU / CPU-only helpers that write it.
#[component]
fn HardwareField() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let device = move || ctx.form.with(|t| Device::from_text(t.get(Field::Hardware).unwrap_or_default()));
    let write = move |d: Device| {
        let text = d.to_text();
        ctx.form.update(|t| t.set(Field::Hardware, (!text.is_empty()).then_some(text)));
    };
    view! {
        <TextField field=Field::Hardware label="Hardware"/>
        <div class="device-helpers" role="group" aria-label="Device memory">
            <div class="field small">
                <label for="device-memory">"Device memory (GB)"</label>
                <input
                    type="number"
                    id="device-memory"
                    min="0"
                    step="any"
                    inputmode="decimal"
                    prop:value=move || device().memory_gb.map(|m| m.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        let mut d = device();
                        d.memory_gb = event_target_value(&ev).trim().parse::<f64>().ok().filter(|m| *m > 0.0);
                        write(d);
                    }
                />
            </div>
            <div class="field small">
                <label for="device-kind">"Memory kind"</label>
                <select
                    id="device-kind"
                    on:change=move |ev| {
                        let mut d = device();
                        d.gpu = event_target_value(&ev) == "gpu";
                        if d.gpu {
                            d.cpu_only = false;
                        }
                        write(d);
                    }
                >
                    <option value="ram" prop:selected=move || !device().gpu>
                        "System RAM"
                    </option>
                    <option value="gpu" prop:selected=move || device().gpu>
                        "GPU memory (VRAM)"
                    </option>
                </select>
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    id="cpu-only"
                    prop:checked=move || device().cpu_only
                    on:change=move |ev| {
                        let mut d = device();
                        d.cpu_only = event_target_checked(&ev);
                        if d.cpu_only {
                            d.gpu = false;
                        }
                        write(d);
                    }
                />
                " CPU only (no GPU)"
            </label>
        </div>
    }
}

/// The free-text description box.
#[component]
fn Describe() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let fill = move || {
        let text = ctx.describe.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let filled = ctx
            .engine
            .with_value(|e| e.as_ref().map(|e| fill_from_text(&e.lexicon, &text)))
            .unwrap_or_else(|| fill_from_text(&Lexicon::new(), &text));
        ctx.form.set(filled.template);
        ctx.notes.set(filled.notes);
        ctx.set_aside.set(Vec::new());
        ctx.llm_fill.set(FillState::Idle);
        ctx.submit();
    };
    let has_endpoint = move || ctx.llm_config.with(|c| !c.base_url.trim().is_empty());
    let fill_running = move || ctx.llm_fill.with(|s| *s == FillState::Running);
    view! {
        <div class="describe">
            <label for="describe">"Describe the model you need"</label>
            <textarea
                id="describe"
                rows="3"
                aria-describedby="describe-hint"
                placeholder="e.g. transcribe German podcasts, commercial use, under 1B, runs on a laptop with 8 GB RAM"
                prop:value=move || ctx.describe.get()
                on:input=move |ev| ctx.describe.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        fill();
                    }
                }
            ></textarea>
            <div class="describe-actions">
                <button type="button" id="fill-button" on:click=move |_| fill()>
                    "Fill the fields and search"
                </button>
                <Show when=has_endpoint>
                    <button
                        type="button"
                        id="llm-fill-button"
                        class="secondary"
                        prop:disabled=fill_running
                        title="Your LLM reads the description (any language); rules check what it returns"
                        on:click=move |_| super::llm_fill::start(ctx)
                    >
                        "Fill with my LLM"
                    </button>
                </Show>
                <p class="hint" id="describe-hint">
                    "Rules read the task, license, size, hardware and language from your words (Ctrl+Enter). Check the fields below and correct them."
                </p>
            </div>
            <Show when=move || ctx.notes.with(|n| !n.is_empty())>
                <ul class="notes" aria-label="Fields filled from your description">
                    {move || {
                        ctx.notes
                            .get()
                            .into_iter()
                            .map(|n| {
                                let by_llm = n.by == DecidedBy::Llm;
                                view! {
                                    <li class:by-llm=by_llm data-field=n.field.name() data-decided-by=if by_llm { "llm" } else { "rule" }>
                                        <strong>{n.field.label()}</strong>
                                        " ← "
                                        <q>{n.value}</q>
                                        <span class="because">
                                            " (" {n.because} ")"
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
            <p
                id="llm-fill-status"
                role="status"
                aria-live="polite"
                data-state=move || ctx.llm_fill.with(FillState::name)
                class:error=move || matches!(ctx.llm_fill.get(), FillState::Error(_))
            >
                {move || ctx.llm_fill.with(FillState::message)}
            </p>
            <Show when=move || ctx.set_aside.with(|n| !n.is_empty())>
                <ul class="notes set-aside" aria-label="Suggestions of your LLM that were not used">
                    {move || {
                        ctx.set_aside
                            .get()
                            .into_iter()
                            .map(|n| {
                                view! {
                                    <li data-field=n.field.name()>
                                        "Not used: "
                                        <strong>{n.field.label()}</strong>
                                        " "
                                        <q>{n.value}</q>
                                        <span class="because">" — " {n.because}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </div>
    }
}

/// The whole form.
#[component]
pub fn RequestForm() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        ctx.submit();
    };
    let clear = move |_| {
        ctx.form.set(Template::default());
        ctx.describe.set(String::new());
        ctx.notes.set(Vec::new());
        ctx.set_aside.set(Vec::new());
        ctx.search_form();
    };
    view! {
        <form id="request-form" class="request" on:submit=on_submit aria-labelledby="request-heading">
            <div class="request-head">
                <h2 id="request-heading">"Your request"</h2>
                <a class="jump-results" href="#results-heading">
                    {move || {
                        let n = ctx.results.with(|r| r.items.len());
                        if n > 0 { format!("Results ({n}) ↓") } else { "Results ↓".to_string() }
                    }}
                </a>
            </div>
            <Describe/>
            <fieldset>
                <legend>"What it does"</legend>
                <TextField field=Field::Function multiline=true/>
                <TaskField/>
                <div class="row2">
                    <TextField field=Field::InputFormat/>
                    <TextField field=Field::OutputFormat/>
                </div>
                <TextField field=Field::Domain/>
                <TextField field=Field::Dataset/>
            </fieldset>
            <fieldset>
                <legend>"Hard constraints"</legend>
                <p class="legend-hint">
                    "Checked by rules. Models that violate one are left out; unknowns rank lower."
                </p>
                <LicenseField/>
                <TextField field=Field::ParameterSize label="Maximum parameters" list="param-suggestions"/>
                <HardwareField/>
                <TextField field=Field::Language label="Required language" list="language-list"/>
            </fieldset>
            <fieldset>
                <legend>"Wishes for the LLM"</legend>
                <p class="legend-hint">
                    "Only an LLM can judge these from the model card: set an endpoint under “LLM checks” (without one they show as “not checked”)."
                </p>
                {Field::in_group(FieldGroup::LlmWish).into_iter().map(|f| view! { <TextField field=f/> }).collect_view()}
            </fieldset>
            <details class="more-fields">
                <summary>"More template fields"</summary>
                {other_fields().into_iter().map(|f| view! { <TextField field=f/> }).collect_view()}
            </details>
            <div class="actions">
                <button type="submit" id="search-button" class="primary">
                    "Find models"
                </button>
                <button type="button" id="clear-button" on:click=clear>
                    "Clear"
                </button>
            </div>
            <datalist id="param-suggestions">
                {PARAM_SUGGESTIONS.iter().map(|s| view! { <option value=*s></option> }).collect_view()}
            </datalist>
            <datalist id="language-list">
                <option value="multilingual"></option>
                {LANGUAGES
                    .iter()
                    .map(|language| view! { <option value=language.name></option> })
                    .collect_view()}
            </datalist>
        </form>
    }
}

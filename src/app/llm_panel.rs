//! The LLM settings panel ("LLM checks": endpoint, model, key, candidates, test connection, what
//! is sent where) and the progress line of the current pass (`#llm-status`).

use leptos::prelude::*;

use super::llm_run;
use super::llm_state::{LlmConfig, RunState, MAX_CANDIDATES};
use super::Ctx;

/// The result of "Test connection".
#[derive(Clone, Debug, PartialEq)]
enum TestState {
    Idle,
    Running,
    Ok(String),
    Failed(String),
}

impl TestState {
    fn data_state(&self) -> &'static str {
        match self {
            TestState::Idle => "idle",
            TestState::Running => "running",
            TestState::Ok(_) => "ok",
            TestState::Failed(_) => "error",
        }
    }
}

/// A one-line summary of the saved settings (the panel's heading).
fn summary(config: &LlmConfig) -> String {
    match config.endpoint() {
        Ok(Some(endpoint)) => {
            let model = if config.model.is_empty() { "first listed model".to_string() } else { config.model.clone() };
            format!("LLM checks: on ({} · {model})", endpoint.host())
        }
        Ok(None) => "LLM checks: off (set an endpoint)".to_string(),
        Err(_) => "LLM checks: the base URL is not usable".to_string(),
    }
}

#[component]
pub fn LlmSettingsPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let draft = RwSignal::new(ctx.llm_config.get_untracked());
    let test = RwSignal::new(TestState::Idle);
    let saved_note = RwSignal::new(String::new());

    let save = move || {
        let config = draft.get_untracked().clamped();
        if let Err(message) = config.endpoint() {
            saved_note.set(format!("Not saved: {message}."));
            return;
        }
        if ctx.browser {
            if let Err(message) = llm_run::save_config(&config) {
                saved_note.set(format!("Saved for this page only: {message}."));
            } else {
                saved_note.set("Saved.".into());
            }
        } else {
            saved_note.set("Saved.".into());
        }
        draft.set(config.clone());
        ctx.llm_config.set(config);
        // Check the current results again with the new settings.
        let request = ctx.results.with_untracked(|r| r.request.clone());
        if !request.is_empty() {
            ctx.search(request, false);
        }
    };
    let run_test = move |_| {
        let config = draft.get_untracked().clamped();
        test.set(TestState::Running);
        leptos::task::spawn_local(async move {
            let outcome = llm_run::test_connection(&config).await;
            match outcome {
                Ok((message, first_model)) => {
                    if let Some(m) = first_model {
                        if draft.with_untracked(|d| d.model.trim().is_empty()) {
                            draft.update(|d| d.model = m.clone());
                            test.set(TestState::Ok(format!("{message} Model set to “{m}” (press Save to keep it).")));
                            return;
                        }
                    }
                    test.set(TestState::Ok(message));
                }
                Err(message) => test.set(TestState::Failed(message)),
            }
        });
    };
    let forget = move |_| {
        if ctx.browser {
            llm_run::forget_key();
        }
        draft.update(|d| d.api_key.clear());
        ctx.llm_config.update(|c| c.api_key.clear());
        saved_note.set("The key was removed from this browser.".into());
    };
    let clear_cache = move |_| {
        if ctx.browser {
            llm_run::clear_cache();
        }
        saved_note.set("Cached LLM answers were removed.".into());
    };

    let text_input = move |id: &'static str,
                           label: &'static str,
                           kind: &'static str,
                           placeholder: &'static str,
                           hint: &'static str,
                           get: fn(&LlmConfig) -> String,
                           set: fn(&mut LlmConfig, String)| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    type=kind
                    id=id
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=placeholder
                    aria-describedby=hint_id.clone()
                    prop:value=move || draft.with(get)
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| set(d, v));
                    }
                />
                <p class="hint" id=hint_id>{hint}</p>
            </div>
        }
    };

    view! {
        <section class="llm-settings" aria-labelledby="llm-settings-heading">
            <details id="llm-settings">
                <summary>
                    <h2 id="llm-settings-heading">{move || ctx.llm_config.with(summary)}</h2>
                </summary>
                <p class="hint">
                    "Rules check license, size, hardware and language. Wishes about limitations, biases and anything else, and custom (“other:”) licenses, need an LLM: PTMPicker asks any OpenAI-compatible endpoint you choose (OpenAI, Ollama, llama.cpp, vLLM, LM Studio…). Without one, those requirements show as “not checked”."
                </p>
                <form
                    id="llm-form"
                    class="llm-form"
                    on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        save();
                    }
                >
                    <div class="llm-grid">
                        {text_input(
                            "llm-base-url",
                            "Base URL",
                            "url",
                            "http://127.0.0.1:8080/v1",
                            "Up to the API version; /chat/completions is added. Leave blank to turn LLM checks off.",
                            |c| c.base_url.clone(),
                            |c, v| c.base_url = v,
                        )}
                        {text_input(
                            "llm-model",
                            "Model",
                            "text",
                            "blank: the first model the endpoint lists",
                            "The model name sent with each request (part of every cached answer's key).",
                            |c| c.model.clone(),
                            |c, v| c.model = v,
                        )}
                        {text_input(
                            "llm-key",
                            "API key (optional)",
                            "password",
                            "only if the endpoint needs one",
                            "Sent only to the base URL above, as an Authorization header; never put in links, exports or logs.",
                            |c| c.api_key.clone(),
                            |c, v| c.api_key = v,
                        )}
                        <div class="field">
                            <label for="llm-candidates">"Models to check"</label>
                            <input
                                type="number"
                                id="llm-candidates"
                                min="1"
                                max=MAX_CANDIDATES.to_string()
                                step="1"
                                aria-describedby="llm-candidates-hint"
                                prop:value=move || draft.with(|d| d.candidates.to_string())
                                on:input=move |ev| {
                                    if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() {
                                        draft.update(|d| d.candidates = n);
                                    }
                                }
                            />
                            <p class="hint" id="llm-candidates-hint">
                                "At most this many of the ranked models are checked, in rank order, until 10 pass."
                            </p>
                        </div>
                        <div class="field">
                            <label for="llm-examples">"Worked examples per check"</label>
                            <select
                                id="llm-examples"
                                aria-describedby="llm-examples-hint"
                                on:change=move |ev| {
                                    if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                                        draft.update(|d| d.examples = n);
                                    }
                                }
                            >
                                {(0..=3usize)
                                    .map(|n| {
                                        view! {
                                            <option value=n.to_string() prop:selected=move || draft.with(|d| d.examples == n)>
                                                {n.to_string()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <p class="hint" id="llm-examples-hint">"Fewer is faster on small local models; 3 gives the best answers."</p>
                        </div>
                    </div>
                    <label class="check">
                        <input
                            type="checkbox"
                            id="llm-remember"
                            prop:checked=move || draft.with(|d| d.remember_key)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                draft.update(|d| d.remember_key = on);
                            }
                        />
                        " Remember the key on this device (otherwise it is forgotten when this tab closes)"
                    </label>
                    <p class="hint data-flow" id="llm-data-flow">{move || draft.with(|d| d.clone().clamped().data_flow_text())}</p>
                    <div class="llm-actions">
                        <button type="submit" id="llm-save" class="primary">
                            "Save"
                        </button>
                        <button type="button" id="llm-test" on:click=run_test disabled=move || test.with(|t| *t == TestState::Running)>
                            "Test connection"
                        </button>
                        <button type="button" id="llm-forget" on:click=forget>
                            "Forget key"
                        </button>
                        <button type="button" id="llm-clear-cache" on:click=clear_cache>
                            "Clear cached answers"
                        </button>
                        <span class="toast" id="llm-saved" role="status" aria-live="polite">
                            {move || saved_note.get()}
                        </span>
                    </div>
                    <p
                        id="llm-test-result"
                        class=move || format!("llm-test test-{}", test.with(|t| t.data_state()))
                        data-state=move || test.with(|t| t.data_state())
                        role="status"
                        aria-live="polite"
                    >
                        {move || match test.get() {
                            TestState::Idle => String::new(),
                            TestState::Running => "Testing the connection…".to_string(),
                            TestState::Ok(m) => format!("✓ {m}"),
                            TestState::Failed(m) => format!("✗ {m}"),
                        }}
                    </p>
                </form>
            </details>
        </section>
    }
}

/// The progress of the current LLM pass.
#[component]
pub fn LlmStatus() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let state = move || ctx.llm_progress.with(|p| p.state);
    view! {
        <div
            id="llm-status"
            class=move || format!("llm-status llm-{}", state().data_state())
            data-state=move || state().data_state()
            data-answered=move || ctx.llm_progress.with(|p| p.answered.to_string())
            data-planned=move || ctx.llm_progress.with(|p| p.planned.to_string())
            role="status"
            aria-live="polite"
            hidden=move || ctx.llm_progress.with(|p| p.describe().is_empty())
        >
            <span class="llm-status-text">{move || ctx.llm_progress.with(|p| p.describe())}</span>
            {move || {
                (state() == RunState::Running)
                    .then(|| {
                        let (value, max) = ctx.llm_progress.with(|p| (p.answered, p.planned.max(1)));
                        view! {
                            <progress max=max.to_string() value=value.to_string() aria-label="LLM check progress"></progress>
                            <button type="button" id="llm-stop" class="llm-stop" on:click=move |_| llm_run::stop(ctx)>
                                "Stop LLM checks"
                            </button>
                        }
                    })
            }}
        </div>
    }
}

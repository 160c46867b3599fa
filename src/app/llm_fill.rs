//! "Fill with my LLM" in the browser: the description box's text goes to the user's endpoint with
//! the `fill_request` prompt; the engine's merge ([`crate::request_text::llm_fill`]) keeps what
//! quotes the user's words and reads as its field, rules first. The fields are filled and shown
//! with who decided each one; nothing is searched until the user presses Search, so they see the
//! fields first. Progress and the outcome are on `#llm-fill-status[data-state=idle|running|done|error]`.
//!
//! The same engine session as the checks ([`crate::llm::Session`]): endpoint checks, retries,
//! format fallback and redaction of every answer and error.

use leptos::prelude::*;

use crate::analysis::Lexicon;
use crate::llm::response::parse_fill;
use crate::llm::{Failure, Next};
use crate::request_text::llm_fill::{fill_chat_request, merge_llm_fill};

use super::boundary::{self, AbortGroup, HttpOutcome};
use super::llm_run::first_model;
use super::Ctx;

/// Where "Fill with my LLM" is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FillState {
    #[default]
    Idle,
    Running,
    Done(String),
    Error(String),
}

impl FillState {
    /// `#llm-fill-status[data-state]`.
    pub fn name(&self) -> &'static str {
        match self {
            FillState::Idle => "idle",
            FillState::Running => "running",
            FillState::Done(_) => "done",
            FillState::Error(_) => "error",
        }
    }

    pub fn message(&self) -> String {
        match self {
            FillState::Idle => String::new(),
            FillState::Running => "Asking your LLM to read the description…".into(),
            FillState::Done(m) | FillState::Error(m) => m.clone(),
        }
    }
}

/// Starts one fill (ignored while one runs or without a description or endpoint).
pub fn start(ctx: Ctx) {
    let text = ctx.describe.get_untracked();
    if text.trim().is_empty() || ctx.llm_fill.get_untracked() == FillState::Running {
        return;
    }
    let config = ctx.llm_config.get_untracked();
    let session = match config.session() {
        Ok(Some(s)) => s,
        Ok(None) => {
            ctx.llm_fill.set(FillState::Error("Set your LLM endpoint under “LLM checks” first.".into()));
            return;
        }
        Err(e) => {
            ctx.llm_fill.set(FillState::Error(format!("The LLM settings are not usable: {e}")));
            return;
        }
    };
    ctx.llm_fill.set(FillState::Running);
    leptos::task::spawn_local(async move {
        let group = AbortGroup::new();
        let key = config.bearer().map(str::to_string);
        let model = match config.model.trim() {
            "" => match first_model(&session, key.as_deref(), &group).await {
                Some(Ok(ids)) => ids[0].clone(),
                Some(Err(e)) => {
                    return ctx.llm_fill.set(FillState::Error(format!("No model name is set and the model list could not be read: {e}")))
                }
                None => return ctx.llm_fill.set(FillState::Idle),
            },
            m => m.to_string(),
        };
        // The settings' answer budget is a verdict's; the fill prompt raises it to its own.
        let params = session.settings(&model).generation_params();
        let request = match fill_chat_request(&text, params, config.examples) {
            Ok(r) => r,
            Err(e) => return ctx.llm_fill.set(FillState::Error(format!("The prompt could not be prepared: {e}"))),
        };
        let mut session = session;
        let mut ex = match session.begin(&request) {
            Ok(ex) => ex,
            Err(e) => return ctx.llm_fill.set(FillState::Error(e.to_string())),
        };
        let url = session.endpoint().chat_url();
        let timeout_ms = session.policy().request_timeout_ms;
        let result = loop {
            let next = match boundary::http_json(&url, Some(&ex.body()), key.as_deref(), timeout_ms, &group).await {
                HttpOutcome::Aborted => return ctx.llm_fill.set(FillState::Idle),
                HttpOutcome::Response { status, retry_after, body } => {
                    ex.on_response(status, retry_after.as_deref(), &body, boundary::unix_now_secs())
                }
                HttpOutcome::Timeout => ex.on_failure(Failure::Timeout, "", boundary::unix_now_secs()),
                HttpOutcome::Failed(message) => ex.on_failure(Failure::Connect, &message, boundary::unix_now_secs()),
            };
            session.note_mode(ex.mode());
            match next {
                Next::Send => {}
                Next::Wait { delay_ms } => boundary::sleep(delay_ms.min(i32::MAX as u64) as i32).await,
                Next::Done(result) => break result,
            }
        };
        let mode = ex.mode();
        let suggestions = match session.end(&ex, result).and_then(|c| parse_fill(&c.content, mode)) {
            Ok(s) => s,
            Err(e) => {
                let e = session.redactor().error(e);
                return ctx.llm_fill.set(FillState::Error(format!("Your LLM could not fill the fields: {e}. The form is unchanged.")));
            }
        };
        // The user may have typed on while the LLM answered: the merge reads the text that was sent.
        let filled = ctx
            .engine
            .with_value(|e| e.as_ref().map(|e| merge_llm_fill(&e.lexicon, &text, &suggestions)))
            .unwrap_or_else(|| merge_llm_fill(&Lexicon::new(), &text, &suggestions));
        let by_llm = filled.notes.iter().filter(|n| n.by == crate::constraints::DecidedBy::Llm).count();
        let aside = filled.set_aside.len();
        ctx.form.set(filled.template);
        ctx.notes.set(filled.notes);
        ctx.set_aside.set(filled.set_aside);
        let aside_text = match aside {
            0 => String::new(),
            1 => " 1 suggestion was not used (see why below).".into(),
            n => format!(" {n} suggestions were not used (see why below)."),
        };
        ctx.llm_fill.set(FillState::Done(format!(
            "Your LLM filled or restated {by_llm} field{}.{aside_text} Check the fields, then press Search.",
            if by_llm == 1 { "" } else { "s" }
        )));
    });
}

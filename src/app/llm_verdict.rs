//! How an LLM's verdict looks on the page: "LLM says: satisfied", an outlined badge, the LLM's
//! reason and the words of the card it quoted — unlike a rule's verdict, so nobody mistakes an
//! assistive answer for a checked fact. (Rule verdicts are listed first: `view_model`.)
//!
//! Only answers that passed the engine's grounding check (`crate::llm::grounding`) get here as
//! satisfied / violated / unknown; the others are "not checked" and keep the plain look.

use leptos::prelude::*;

use crate::constraints::Status;

use super::view_model::VerdictView;

/// The badge text of an LLM verdict.
pub fn llm_badge(status_label: &str) -> String {
    format!("LLM says: {status_label}")
}

/// The view of `v` when it is an LLM's answer; `None` for rule verdicts and unanswered checks.
pub fn llm_verdict_line(v: &VerdictView) -> Option<AnyView> {
    let answered = matches!(v.status, Status::Satisfied | Status::Violated | Status::Unknown);
    if v.decided_by != "LLM" || !answered {
        return None;
    }
    let v = v.clone();
    let class = format!("verdict verdict-llm tone-{}", v.tone);
    let evidence = v.evidence.clone().map(|e| {
        view! {
            <q class="evidence" title="The words of the model card (or its facts) the LLM based this on">
                {e}
            </q>
        }
    });
    Some(
        view! {
            <li class=class data-field=v.field.name() data-status=v.status_label data-decided-by="llm">
                <span class="badge">{llm_badge(v.status_label)}</span>
                <span class="verdict-text">
                    <strong>{v.label}</strong>
                    <span class="requirement">" “" {v.requirement} "”: "</span>
                    {v.reason}
                    <span class="decided-by">" — " {v.who}</span>
                    {evidence}
                </span>
            </li>
        }
        .into_any(),
    )
}

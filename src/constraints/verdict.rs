//! A verdict on one special requirement for one model.
//!
//! Why three states: the Hub is full of missing metadata. "We don't know" must never be shown as
//! "satisfied" (and must not silently drop a good model either), so unknown is a first-class state
//! that ranks below satisfied and is labelled in the UI.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Satisfied,
    Violated,
    Unknown,
    /// Waiting for (or not yet checked by) the LLM.
    Pending,
    /// The LLM check was attempted and failed (or no endpoint is configured).
    NotChecked,
}

impl Status {
    /// Lower is better; used to order results ("unknown ranks below satisfied").
    pub fn rank_tier(self) -> u8 {
        match self {
            Status::Satisfied => 0,
            Status::Pending | Status::NotChecked => 1,
            Status::Unknown => 2,
            Status::Violated => 3,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Satisfied => "satisfied",
            Status::Violated => "violated",
            Status::Unknown => "unknown",
            Status::Pending => "pending",
            Status::NotChecked => "not checked",
        }
    }
}

/// Who decided a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    Rule,
    Llm,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub status: Status,
    pub decided_by: DecidedBy,
    pub reason: String,
    /// For an LLM verdict: the words of the card (or facts) it rests on, checked to occur there
    /// (`crate::llm::grounding`). Rules give none: their reason names the fact they read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl Verdict {
    pub fn rule(status: Status, reason: impl Into<String>) -> Verdict {
        Verdict { status, decided_by: DecidedBy::Rule, reason: reason.into(), evidence: None }
    }
    pub fn satisfied(reason: impl Into<String>) -> Verdict {
        Verdict::rule(Status::Satisfied, reason)
    }
    pub fn violated(reason: impl Into<String>) -> Verdict {
        Verdict::rule(Status::Violated, reason)
    }
    pub fn unknown(reason: impl Into<String>) -> Verdict {
        Verdict::rule(Status::Unknown, reason)
    }
}

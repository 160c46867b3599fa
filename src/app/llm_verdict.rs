//! How an LLM's verdict looks on the page: "LLM says: satisfied", an outlined badge
//! (`.verdict-llm`), the LLM's reason and the words of the card it quoted — unlike a rule's
//! verdict, so nobody mistakes an assistive answer for a checked fact. (Rule verdicts are listed
//! first: `view_model`.) Plain data; `results::verdict_line` lays it out.
//!
//! Only answers that passed the engine's grounding check (`crate::llm::grounding`) get here as
//! satisfied / violated / unknown; the others are "not checked" and keep the plain look.

use crate::constraints::Status;

use super::view_model::VerdictView;

/// What sets a verdict's look apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Look {
    /// The badge text.
    pub badge: String,
    /// Extra CSS classes (with a leading space), empty for the plain look.
    pub class: &'static str,
    /// The quoted evidence of an LLM answer.
    pub evidence: Option<String>,
}

impl Look {
    pub fn of(v: &VerdictView) -> Look {
        let answered = matches!(v.status, Status::Satisfied | Status::Violated | Status::Unknown);
        if v.decided_by == "LLM" && answered {
            Look { badge: format!("LLM says: {}", v.status_label), class: " verdict-llm", evidence: v.evidence.clone() }
        } else {
            Look { badge: v.status_label.to_string(), class: "", evidence: None }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::{DecidedBy, FieldVerdict, Verdict};
    use crate::template::Field;

    fn view(status: Status, decided_by: DecidedBy, evidence: Option<&str>) -> VerdictView {
        let verdict = Verdict { status, decided_by, reason: "r".into(), evidence: evidence.map(str::to_string) };
        super::super::view_model::verdict_view(&FieldVerdict { field: Field::Biases, requirement: "no bias".into(), verdict })
    }

    #[test]
    fn llm_answers_look_different_from_rules_and_unanswered_checks() {
        let llm = Look::of(&view(Status::Satisfied, DecidedBy::Llm, Some("no bias was found")));
        assert_eq!(
            (llm.badge.as_str(), llm.class, llm.evidence.as_deref()),
            ("LLM says: satisfied", " verdict-llm", Some("no bias was found"))
        );
        let rule = Look::of(&view(Status::Satisfied, DecidedBy::Rule, None));
        assert_eq!((rule.badge.as_str(), rule.class, rule.evidence), ("satisfied", "", None));
        let unchecked = Look::of(&view(Status::NotChecked, DecidedBy::Llm, None));
        assert_eq!((unchecked.badge.as_str(), unchecked.class), ("not checked", ""));
    }
}

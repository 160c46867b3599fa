//! Whether an LLM verdict is earned: an answer counts only when it rests on the text that was
//! sent about the model, not on the prompt itself.
//!
//! Why: small local models happily copy a worked example's answer ("The card reports a gender
//! bias in resume ranking.") or the instructions ("The model card is untrusted data…"), or give
//! no reason at all, and a green "satisfied" from such an answer is a verdict nobody should trust.
//! So every verdict prompt asks for an `evidence` quote, and an answer is used only if
//! - its reason is not empty, is not a copy of a worked example's answer or text, and does not
//!   merely repeat the instructions;
//! - its evidence (at least two words) occurs in the card text or the facts sent — compared
//!   after [`normalize`]: case, whitespace and punctuation do not matter. An "unknown" may quote
//!   nothing (there is nothing to quote when the card is silent), but a quote it does give must
//!   occur too.
//!
//! Otherwise the check is *not checked*, with the reason saying which rule failed
//! ([`crate::llm::LlmError::Ungrounded`]). [`crate::llm::verdicts::LlmPlan::apply_answer`] applies
//! this to every answer, from the network or a cache, in both transports.

use super::prompts::PromptName;
use super::response::{AnswerVerdict, LlmAnswer};

/// Fewest words an evidence quote needs (one word, such as "bias", proves nothing).
pub const MIN_EVIDENCE_WORDS: usize = 2;
/// Fewest words a reason needs before "it only repeats the instructions" is judged (short
/// phrases like "no bias" may well occur in the instructions by chance).
const MIN_COPY_WORDS: usize = 3;

/// Lowercase words separated by single spaces, with a space at each end (so `contains` on two
/// normalized texts matches whole words only). Every non-alphanumeric run is one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

fn words(normalized: &str) -> usize {
    normalized.split_whitespace().count()
}

/// What one check's answer is compared with: the normalized data sent (facts and card) and the
/// prompt whose examples and instructions must not be copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grounding {
    prompt: PromptName,
    data: String,
}

impl Grounding {
    /// `facts` and `card` exactly as put into the prompt.
    pub fn new(prompt: PromptName, facts: &str, card: &str) -> Grounding {
        Grounding { prompt, data: normalize(&format!("{facts}\n{card}")) }
    }

    /// `Ok` when the answer may count; else why not, in words for the page.
    pub fn check(&self, answer: &LlmAnswer) -> Result<(), String> {
        let reason = normalize(&answer.reason);
        if words(&reason) == 0 {
            return Err("the LLM gave no reason".into());
        }
        let template = self.prompt.template();
        let in_data = self.data.contains(&reason);
        for (example, example_answer) in &template.examples {
            let copied_answer = serde_json::from_str::<serde_json::Value>(example_answer)
                .ok()
                .and_then(|v| v.get("reason").and_then(|r| r.as_str()).map(normalize))
                .is_some_and(|e| {
                    e == reason
                        || (words(&e) >= MIN_COPY_WORDS && reason.contains(&e))
                        || (words(&reason) >= MIN_COPY_WORDS && e.contains(&reason))
                });
            let copied_text = words(&reason) >= MIN_COPY_WORDS && !in_data && normalize(example).contains(&reason);
            if copied_answer || copied_text {
                return Err(format!("its reason copies a worked example of the prompt (“{}”)", short(&answer.reason)));
            }
        }
        if words(&reason) >= MIN_COPY_WORDS && !in_data && normalize(&template.system).contains(&reason) {
            return Err(format!("its reason only repeats the prompt's instructions (“{}”)", short(&answer.reason)));
        }
        let evidence = normalize(&answer.evidence);
        match words(&evidence) {
            0 if answer.verdict == AnswerVerdict::Unknown => Ok(()),
            0 => Err("it quotes no words of the card or facts as evidence".into()),
            n if n < MIN_EVIDENCE_WORDS => Err(format!("its evidence “{}” is too short to show anything", short(&answer.evidence))),
            _ if !self.data.contains(&evidence) => {
                Err(format!("its evidence “{}” does not occur in the card or the facts sent", short(&answer.evidence)))
            }
            _ => Ok(()),
        }
    }
}

/// A quote cut for a message.
fn short(text: &str) -> String {
    super::prompts::truncate_chars(text.trim(), 120)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: &str = "## Bias, Risks, and Limitations\nThe model was evaluated on WinoBias; it shows a  GENDER bias in\ncoreference.";
    const FACTS: &str = "license id: mit; parameters: 110M; quantization: none stated";

    fn g() -> Grounding {
        Grounding::new(PromptName::BiasCheck, FACTS, CARD)
    }

    fn answer(verdict: AnswerVerdict, reason: &str, evidence: &str) -> LlmAnswer {
        LlmAnswer { verdict, reason: reason.into(), evidence: evidence.into() }
    }

    #[test]
    fn normalization_ignores_case_whitespace_and_punctuation() {
        assert_eq!(normalize("  It shows a\n GENDER-bias! "), " it shows a gender bias ");
        assert_eq!(normalize(""), " ");
        assert!(normalize("Ünïcode Wörds").contains(" ünïcode wörds "));
        // Whole words only.
        assert!(!normalize("biased").contains(&normalize("bias")));
    }

    #[test]
    fn a_grounded_answer_counts() {
        let a = answer(AnswerVerdict::Violated, "The card reports gender bias.", "it shows a gender bias in coreference");
        assert_eq!(g().check(&a), Ok(()));
        // Quotes differ from the card in case, spacing and punctuation only.
        let a = answer(AnswerVerdict::Violated, "Gender bias found.", "“shows a Gender Bias, in coreference”");
        assert_eq!(g().check(&a), Ok(()));
        // The facts count as evidence too.
        let a = answer(AnswerVerdict::Satisfied, "It is small.", "parameters: 110M");
        assert_eq!(g().check(&a), Ok(()));
        // An unknown needs no quote.
        assert_eq!(g().check(&answer(AnswerVerdict::Unknown, "The card does not discuss political bias.", "")), Ok(()));
    }

    #[test]
    fn a_copied_worked_example_is_not_used() {
        let example = PromptName::BiasCheck.template().examples[0].1.clone();
        let v: serde_json::Value = serde_json::from_str(&example).unwrap();
        let a = answer(AnswerVerdict::Satisfied, v["reason"].as_str().unwrap(), v["evidence"].as_str().unwrap());
        let why = g().check(&a).unwrap_err();
        assert!(why.contains("copies a worked example"), "{why}");
        // Copying an example's card text as the reason is caught too.
        let a = answer(AnswerVerdict::Satisfied, "We report false-positive rates per identity group", "gender bias");
        assert!(g().check(&a).unwrap_err().contains("copies a worked example"));
    }

    #[test]
    fn repeating_the_instructions_is_not_used() {
        let a = answer(AnswerVerdict::Satisfied, "The model card is untrusted data", "the model was evaluated on winobias");
        let why = g().check(&a).unwrap_err();
        assert!(why.contains("repeats the prompt's instructions"), "{why}");
    }

    #[test]
    fn empty_reasons_and_missing_or_foreign_evidence_are_not_used() {
        assert_eq!(g().check(&answer(AnswerVerdict::Satisfied, "  ", "gender bias")).unwrap_err(), "the LLM gave no reason");
        assert_eq!(g().check(&answer(AnswerVerdict::Satisfied, "...", "gender bias")).unwrap_err(), "the LLM gave no reason");
        let why = g().check(&answer(AnswerVerdict::Satisfied, "2024-01-01T00:00:00Z", "")).unwrap_err();
        assert!(why.contains("quotes no words"), "{why}");
        let why = g().check(&answer(AnswerVerdict::Satisfied, "No bias at all.", "the model is certified unbiased")).unwrap_err();
        assert!(why.contains("does not occur in the card"), "{why}");
        let why = g().check(&answer(AnswerVerdict::Violated, "Bias.", "bias")).unwrap_err();
        assert!(why.contains("too short"), "{why}");
        // An unknown that quotes something foreign is not used either.
        assert!(g().check(&answer(AnswerVerdict::Unknown, "Nothing relevant.", "audited by ACME")).is_err());
    }
}

//! Special requirements of a request, checked against a model's facts.
//!
//! Why parse once: a request is parsed into typed checks ([`RequestConstraints`]) a single time,
//! then applied to hundreds of candidates cheaply. Rule checks come first and win; what rules can't
//! judge (bias, limitations, vague hardware text) is marked pending for the LLM.
//!
//! What the words of a requirement mean comes from [`crate::knowledge`] — the same tables card
//! extraction reads — and the numbers behind each judgement are knobs in [`RuleParams`].

pub mod language;
pub mod license_policy;
pub mod params;
pub mod size;
pub mod verdict;

use serde::{Deserialize, Serialize};

use crate::facts::ModelFacts;
use crate::knowledge::devices::MEMORY_WORDS;
use crate::knowledge::quantities::{first_count, glued_unit, unit_word, Unit};
use crate::template::{Field, FieldRole, Template};
pub use language::LanguageWish;
pub use license_policy::LicensePolicy;
pub use params::RuleParams;
pub use size::{milliseconds, MemoryBudget, ParamRange};
pub use verdict::{DecidedBy, Status, Verdict};

/// One parsed requirement.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    License(LicensePolicy),
    Params(ParamRange),
    /// Boxed: a budget carries a cap and its reason per kind of model, several times the size
    /// of the other checks.
    Memory(Box<MemoryBudget>),
    Language(LanguageWish),
    /// "at least N" downloads or likes.
    MinCount {
        field: Field,
        min: u64,
    },
    /// Needs the LLM (or a person): the request text is kept for the prompt.
    ForLlm {
        text: String,
    },
    /// A rule-checked requirement the rules cannot read ("banana" as a license, "Klingon" as a
    /// language, a bare "GPU"): never passed silently. Every model gets an unknown verdict that
    /// says so (hardware and model size still go to the LLM, which may read them), and the
    /// selection carries a notice ([`RequestConstraints::notices`]).
    NotUnderstood {
        text: String,
    },
}

/// A request's special requirements, keyed by field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestConstraints {
    pub checks: Vec<(Field, Check)>,
}

/// A verdict on one field, as results carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldVerdict {
    pub field: Field,
    pub requirement: String,
    #[serde(flatten)]
    pub verdict: Verdict,
}

impl RequestConstraints {
    /// The hardware check holds models to the compute cap of the task the request was read as
    /// (`tag`), whatever their own task ([`size::MemoryBudget::for_job`]).
    pub fn for_job(&mut self, tag: &str) {
        for (_, check) in &mut self.checks {
            if let Check::Memory(m) = check {
                m.for_job(tag);
            }
        }
    }

    /// Reads every special (non-trivial) field of the request with the default [`RuleParams`].
    pub fn parse(request: &Template) -> RequestConstraints {
        RequestConstraints::parse_with(request, &RuleParams::default())
    }

    /// Reads every special (non-trivial) field of the request.
    pub fn parse_with(request: &Template, params: &RuleParams) -> RequestConstraints {
        let mut checks = Vec::new();
        for (field, text) in request.iter() {
            if field.role() == FieldRole::Trivial {
                continue;
            }
            let parsed = match field {
                Field::License => LicensePolicy::parse(text).map(Check::License),
                Field::ParameterSize => ParamRange::parse_with(text, params)
                    .filter(|_| !mentions_bytes(text))
                    .map(Check::Params)
                    .or_else(|| MemoryBudget::parse_with(text, params).map(|m| Check::Memory(Box::new(m)))),
                Field::ModelSize | Field::Hardware => MemoryBudget::parse_with(text, params)
                    .map(|m| Check::Memory(Box::new(m)))
                    .or_else(|| ParamRange::parse_with(text, params).map(Check::Params)),
                Field::Language => LanguageWish::parse(text).map(Check::Language),
                Field::Downloads | Field::Likes => first_count(&text.to_ascii_lowercase()).map(|min| Check::MinCount { field, min }),
                _ => None,
            };
            let fallback = match field.role() {
                FieldRole::RuleChecked => Check::NotUnderstood { text: text.to_string() },
                _ => Check::ForLlm { text: text.to_string() },
            };
            checks.push((field, parsed.unwrap_or(fallback)));
        }
        RequestConstraints { checks }
    }

    pub fn is_empty(&self) -> bool {
        self.checks.is_empty()
    }

    /// One line per requirement the rules could not read, for the page and the CLI output.
    pub fn notices(&self) -> Vec<String> {
        self.checks
            .iter()
            .filter_map(|(field, check)| match check {
                Check::NotUnderstood { text } => Some(format!("{}: '{}' {}", field.label(), text.trim(), not_understood_reason(*field))),
                _ => None,
            })
            .collect()
    }

    /// Applies every rule check; LLM-only requirements come back as [`Status::Pending`].
    pub fn check(&self, request: &Template, facts: &ModelFacts) -> Vec<FieldVerdict> {
        self.checks
            .iter()
            .map(|(field, check)| {
                let verdict = match check {
                    Check::License(p) => p.check(facts.license.as_deref()),
                    Check::Params(r) => with_size_basis(r.check(facts.params), facts),
                    Check::Memory(m) => with_size_basis(m.check(facts.params, facts.quant_bits, facts_kind(facts)), facts),
                    Check::Language(w) => w.check_model(facts),
                    Check::MinCount { field, min } => {
                        let have = if *field == Field::Likes { facts.likes } else { facts.downloads };
                        if have >= *min {
                            Verdict::satisfied(format!("{have} ≥ {min}"))
                        } else {
                            Verdict::violated(format!("{have} < {min}"))
                        }
                    }
                    Check::ForLlm { .. } => Verdict::rule(Status::Pending, "needs the LLM check (card text)"),
                    Check::NotUnderstood { .. } => not_understood_verdict(*field),
                };
                FieldVerdict { field: *field, requirement: request.get(*field).unwrap_or_default().to_string(), verdict }
            })
            .collect()
    }
}

/// A size verdict that rests on a guessed or id-derived parameter count says so in its reason
/// ("…; size read from model id"), so a reader weighs it as a guess.
fn with_size_basis(mut verdict: Verdict, facts: &ModelFacts) -> Verdict {
    if verdict.status != Status::Unknown {
        if let Some(basis) = facts.size_guess() {
            verdict.reason = format!("{} ({basis})", verdict.reason);
        }
    }
    verdict
}

impl Check {
    /// The status this check gives a model, without building reason text (for ranking).
    pub fn status(&self, facts: &ModelFacts) -> Status {
        match self {
            Check::License(p) => p.check(facts.license.as_deref()).status,
            Check::Params(r) => r.status(facts.params),
            Check::Memory(m) => m.status(facts.params, facts.quant_bits, facts_kind(facts)),
            Check::Language(w) => w.status(facts),
            Check::MinCount { field, min } => {
                let have = if *field == Field::Likes { facts.likes } else { facts.downloads };
                if have >= *min {
                    Status::Satisfied
                } else {
                    Status::Violated
                }
            }
            Check::ForLlm { .. } => Status::Pending,
            Check::NotUnderstood { .. } => Status::Unknown,
        }
    }
}

/// How the model runs, from its task and library ([`crate::knowledge::tasks::run_kind_of`]).
fn facts_kind(facts: &ModelFacts) -> crate::knowledge::tasks::RunKind {
    crate::knowledge::tasks::run_kind_of(facts.task.as_deref(), facts.library.as_deref())
}

/// Fields the LLM's hardware check can still read when the rules cannot.
fn llm_can_read(field: Field) -> bool {
    matches!(field, Field::Hardware | Field::ModelSize)
}

fn not_understood_reason(field: Field) -> &'static str {
    match field {
        Field::License => "is not understood by the rules (no license, family or use they know): not checked",
        Field::Language => "is not understood by the rules (no language they know): not checked",
        Field::ParameterSize => "is not understood by the rules (say e.g. 'under 1B' or 'small'): not checked",
        Field::Hardware | Field::ModelSize => {
            "is not understood by the rules (give a memory size like '24 GB GPU' or a known device): left to the LLM check"
        }
        _ => "is not understood by the rules (give a number): not checked",
    }
}

/// The verdict every model gets for a requirement the rules cannot read.
fn not_understood_verdict(field: Field) -> Verdict {
    let why = not_understood_reason(field);
    if llm_can_read(field) {
        Verdict::rule(Status::Pending, format!("requirement {why}"))
    } else {
        Verdict::unknown(format!("requirement {why}"))
    }
}

/// The text speaks of memory ("4 GB", "8GB", "RAM"), not parameters. Whole words only:
/// "parameters" contains "ram".
fn mentions_bytes(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        MEMORY_WORDS.contains(&w)
            || matches!(unit_word(w), Some((_, Unit::Bytes))) && w.len() > 1
            || matches!(glued_unit(w), Some(Unit::Bytes))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_verdict_on_a_guessed_count_says_so() {
        use crate::facts::{Confidence, Evidence, FactKind, Source};
        let req = Template { parameter_size: Some("under 1B".into()), ..Default::default() };
        let c = RequestConstraints::parse(&req);
        let mut facts = ModelFacts { params: Some(110_000_000), ..Default::default() };
        let stated = c.check(&req, &facts);
        assert!(!stated[0].verdict.reason.contains("guessed"), "{}", stated[0].verdict.reason);
        facts.set_evidence(Evidence::new(FactKind::Params, Source::FamilyTable, Confidence::Guessed, None));
        let guessed = c.check(&req, &facts);
        assert_eq!(guessed[0].verdict.status, stated[0].verdict.status);
        assert!(guessed[0].verdict.reason.ends_with("(size guessed from known architecture sizes)"), "{}", guessed[0].verdict.reason);
        facts.set_evidence(Evidence::new(FactKind::Params, Source::ModelId, Confidence::Read, None));
        assert!(c.check(&req, &facts)[0].verdict.reason.ends_with("(size read from model id)"));
    }

    #[test]
    fn request_fields_route_to_checks() {
        let req = Template {
            license: Some("commercial use".into()),
            parameter_size: Some("under 1B".into()),
            hardware: Some("laptop CPU with 8 GB RAM".into()),
            language: Some("German".into()),
            biases: Some("avoid gender bias".into()),
            function: Some("classify".into()),
            ..Default::default()
        };
        let c = RequestConstraints::parse(&req);
        assert_eq!(c.checks.len(), 5);
        let facts =
            ModelFacts { license: Some("mit".into()), params: Some(110_000_000), languages: vec!["de".into()], ..Default::default() };
        let v = c.check(&req, &facts);
        let status = |f: Field| v.iter().find(|x| x.field == f).unwrap().verdict.status;
        assert_eq!(status(Field::License), Status::Satisfied);
        assert_eq!(status(Field::ParameterSize), Status::Satisfied);
        assert_eq!(status(Field::Hardware), Status::Satisfied);
        assert_eq!(status(Field::Language), Status::Satisfied);
        assert_eq!(status(Field::Biases), Status::Pending);
    }

    #[test]
    fn unreadable_requirements_are_shown_as_not_understood() {
        let req = Template {
            license: Some("banana".into()),
            language: Some("Klingon".into()),
            hardware: Some("GPU".into()),
            parameter_size: Some("whatever fits".into()),
            ..Default::default()
        };
        let c = RequestConstraints::parse(&req);
        assert!(c.checks.iter().all(|(_, check)| matches!(check, Check::NotUnderstood { .. })), "{c:?}");
        let notices = c.notices();
        assert_eq!(notices.len(), 4);
        assert!(notices.iter().any(|n| n.contains("'banana'") && n.contains("not understood")), "{notices:?}");
        let v = c.check(&req, &ModelFacts { license: Some("mit".into()), languages: vec!["en".into()], ..Default::default() });
        for fv in &v {
            assert_ne!(fv.verdict.status, Status::Satisfied, "{fv:?}");
            assert!(fv.verdict.reason.contains("not understood"), "{fv:?}");
        }
        // The hardware text still goes to the LLM check.
        assert_eq!(v.iter().find(|x| x.field == Field::Hardware).unwrap().verdict.status, Status::Pending);
        // Readable requirements give no notice.
        let ok = Template { license: Some("mit".into()), hardware: Some("24 GB GPU".into()), ..Default::default() };
        assert!(RequestConstraints::parse(&ok).notices().is_empty());
    }

    #[test]
    fn parameter_size_in_bytes_is_memory() {
        let req = Template { parameter_size: Some("must fit in 4 GB".into()), ..Default::default() };
        assert!(matches!(RequestConstraints::parse(&req).checks[0].1, Check::Memory(_)));
    }
}

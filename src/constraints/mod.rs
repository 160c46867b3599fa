//! Special requirements of a request, checked against a model's facts.
//!
//! Why parse once: a request is parsed into typed checks ([`RequestConstraints`]) a single time,
//! then applied to hundreds of candidates cheaply. Rule checks come first and win; what rules can't
//! judge (bias, limitations, vague hardware text) is marked pending for the LLM.

pub mod language;
pub mod license_catalog;
pub mod license_policy;
pub mod size;
pub mod verdict;

use serde::{Deserialize, Serialize};

use crate::facts::ModelFacts;
use crate::template::{Field, FieldRole, Template};
pub use language::LanguageWish;
pub use license_policy::LicensePolicy;
pub use size::{MemoryBudget, ParamRange};
pub use verdict::{DecidedBy, Status, Verdict};

/// One parsed requirement.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    License(LicensePolicy),
    Params(ParamRange),
    Memory(MemoryBudget),
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
    /// Reads every special (non-trivial) field of the request.
    pub fn parse(request: &Template) -> RequestConstraints {
        let mut checks = Vec::new();
        for (field, text) in request.iter() {
            if field.role() == FieldRole::Trivial {
                continue;
            }
            let parsed = match field {
                Field::License => LicensePolicy::parse(text).map(Check::License),
                Field::ParameterSize => ParamRange::parse(text)
                    .filter(|_| !mentions_bytes(text))
                    .map(Check::Params)
                    .or_else(|| MemoryBudget::parse(text).map(Check::Memory)),
                Field::ModelSize | Field::Hardware => {
                    MemoryBudget::parse(text).map(Check::Memory).or_else(|| ParamRange::parse(text).map(Check::Params))
                }
                Field::Language => LanguageWish::parse(text).map(Check::Language),
                Field::Downloads | Field::Likes => first_count(text).map(|min| Check::MinCount { field, min }),
                _ => None,
            };
            checks.push((field, parsed.unwrap_or_else(|| Check::ForLlm { text: text.to_string() })));
        }
        RequestConstraints { checks }
    }

    pub fn is_empty(&self) -> bool {
        self.checks.is_empty()
    }

    /// Applies every rule check; LLM-only requirements come back as [`Status::Pending`].
    pub fn check(&self, request: &Template, facts: &ModelFacts) -> Vec<FieldVerdict> {
        self.checks
            .iter()
            .map(|(field, check)| {
                let verdict = match check {
                    Check::License(p) => p.check(facts.license.as_deref()),
                    Check::Params(r) => r.check(facts.params),
                    Check::Memory(m) => m.check(facts.params, facts.quant_bits),
                    Check::Language(w) => w.check(&facts.languages),
                    Check::MinCount { field, min } => {
                        let have = if *field == Field::Likes { facts.likes } else { facts.downloads };
                        if have >= *min {
                            Verdict::satisfied(format!("{have} ≥ {min}"))
                        } else {
                            Verdict::violated(format!("{have} < {min}"))
                        }
                    }
                    Check::ForLlm { .. } => Verdict::rule(Status::Pending, "needs the LLM check (card text)"),
                };
                FieldVerdict { field: *field, requirement: request.get(*field).unwrap_or_default().to_string(), verdict }
            })
            .collect()
    }
}

impl Check {
    /// The status this check gives a model, without building reason text (for ranking).
    pub fn status(&self, facts: &ModelFacts) -> Status {
        match self {
            Check::License(p) => p.check(facts.license.as_deref()).status,
            Check::Params(r) => r.status(facts.params),
            Check::Memory(m) => m.status(facts.params, facts.quant_bits),
            Check::Language(w) => w.check(&facts.languages).status,
            Check::MinCount { field, min } => {
                let have = if *field == Field::Likes { facts.likes } else { facts.downloads };
                if have >= *min {
                    Status::Satisfied
                } else {
                    Status::Violated
                }
            }
            Check::ForLlm { .. } => Status::Pending,
        }
    }
}

fn mentions_bytes(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    // Whole words only: "parameters" contains "ram".
    lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        matches!(w, "gb" | "mb" | "gib" | "mib" | "ram" | "vram" | "memory")
            || (w.ends_with("gb") && w[..w.len() - 2].chars().all(|c| c.is_ascii_digit() || c == '.'))
    })
}

fn first_count(text: &str) -> Option<u64> {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '_')
        .filter(|c| c.is_ascii_digit())
        .collect();
    let mut n: u64 = digits.parse().ok()?;
    let lower = text.to_ascii_lowercase();
    if lower.contains("k ") || lower.trim_end().ends_with('k') {
        n = n.saturating_mul(1000);
    } else if lower.contains("million") || lower.trim_end().ends_with('m') {
        n = n.saturating_mul(1_000_000);
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn parameter_size_in_bytes_is_memory() {
        let req = Template { parameter_size: Some("must fit in 4 GB".into()), ..Default::default() };
        assert!(matches!(RequestConstraints::parse(&req).checks[0].1, Check::Memory(_)));
    }
}

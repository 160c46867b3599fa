//! Language requirements: names ("German"), ISO codes ("de"), lists ("English and French") and
//! "multilingual".
//!
//! Why codes: cards list ISO 639-1 codes while developers write language names; both sides are
//! mapped to codes by the one table in [`crate::knowledge::languages`] before
//! comparing. A model that lists languages but not the wanted one is a violation; a model that lists none is unknown.

use super::verdict::{Status, Verdict};
use crate::facts::ModelFacts;
use crate::knowledge::languages::{code_of_request_word, direction_in_text, mentions, MULTILINGUAL, MULTILINGUAL_WORDS};

/// What a request asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageWish {
    /// Codes; with `all_of`, every one is needed, otherwise any one.
    pub codes: Vec<String>,
    pub all_of: bool,
    pub multilingual: bool,
    /// A translation direction ("English to German", "ja→en"): both languages are needed, and a
    /// model whose id states a direction must state this one.
    pub direction: Option<(String, String)>,
}

impl LanguageWish {
    pub fn parse(text: &str) -> Option<LanguageWish> {
        let lower = text.to_lowercase();
        let multilingual = MULTILINGUAL_WORDS.iter().any(|w| lower.contains(w));
        let mut codes: Vec<String> = Vec::new();
        let mut add = |code: &str| {
            if !codes.iter().any(|c| c == code) {
                codes.push(code.to_string());
            }
        };
        let direction = direction_in_text(text).map(|d| (d.source.to_string(), d.target.to_string()));
        if let Some((s, t)) = &direction {
            add(s);
            add(t);
        }
        for word in lower.split(|c: char| !c.is_alphanumeric() && c != 'ç' && c != 'ñ') {
            if let Some(code) = code_of_request_word(word) {
                add(code);
            }
        }
        // Names in scripts without spaces and elided forms ("中文", "l'anglais").
        for m in mentions(text) {
            add(m.code);
        }
        let all_of = direction.is_some() || codes.len() > 1 && (lower.contains(" and ") || lower.contains("both") || lower.contains('&'));
        (multilingual || !codes.is_empty()).then_some(LanguageWish { codes, all_of, multilingual, direction })
    }

    /// Checks a model: its direction (from its id) when the wish has one, then its languages.
    pub fn check_model(&self, facts: &ModelFacts) -> Verdict {
        if let (Some((s, t)), Some((ms, mt))) = (&self.direction, &facts.direction) {
            return if (s, t) == (ms, mt) {
                Verdict::satisfied(format!("translates {s}→{t} (its id says so)"))
            } else if (s, t) == (mt, ms) {
                Verdict::violated(format!("translates {ms}→{mt}, the other direction (its id says so)"))
            } else {
                Verdict::violated(format!("translates {ms}→{mt} (its id says so), not {s}→{t}"))
            };
        }
        self.check(&facts.languages)
    }

    /// The status alone (for ranking).
    pub fn status(&self, facts: &ModelFacts) -> Status {
        self.check_model(facts).status
    }

    /// Checks a model's language codes.
    pub fn check(&self, model_languages: &[String]) -> Verdict {
        if model_languages.is_empty() {
            return Verdict::unknown("the model lists no languages");
        }
        let has = |code: &str| model_languages.iter().any(|l| l == code);
        let model_multilingual = model_languages.len() >= 3 || has(MULTILINGUAL);
        if self.multilingual && self.codes.is_empty() {
            return if model_multilingual {
                Verdict::satisfied(format!("lists {} languages", model_languages.len()))
            } else {
                Verdict::violated(format!("lists only {}", model_languages.join(", ")))
            };
        }
        let found: Vec<&String> = self.codes.iter().filter(|c| has(c)).collect();
        let ok = if self.all_of { found.len() == self.codes.len() } else { !found.is_empty() };
        if ok {
            Verdict::satisfied(format!("supports {}", found.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")))
        } else if has(MULTILINGUAL) {
            Verdict::unknown("multilingual, but the card does not list the languages".to_string())
        } else {
            let shown: Vec<&str> = model_languages.iter().take(8).map(String::as_str).collect();
            Verdict::violated(format!(
                "lists {}{}, not {}",
                shown.join(", "),
                if model_languages.len() > 8 { ", …" } else { "" },
                self.codes.join(if self.all_of { " and " } else { " or " })
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::verdict::Status;

    fn langs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_codes_and_lists() {
        let w = LanguageWish::parse("German").unwrap();
        assert_eq!(w.codes, vec!["de"]);
        assert_eq!(w.check(&langs(&["de", "en"])).status, Status::Satisfied);
        assert_eq!(w.check(&langs(&["en"])).status, Status::Violated);
        assert_eq!(w.check(&[]).status, Status::Unknown);
        let both = LanguageWish::parse("English and French").unwrap();
        assert!(both.all_of);
        assert_eq!(both.check(&langs(&["en"])).status, Status::Violated);
        let m = LanguageWish::parse("multilingual").unwrap();
        assert_eq!(m.check(&langs(&["en", "de", "fr"])).status, Status::Satisfied);
        assert_eq!(m.check(&langs(&["en"])).status, Status::Violated);
        assert_eq!(LanguageWish::parse("zh").unwrap().codes, vec!["zh"]);
        assert!(LanguageWish::parse("it is fine").is_none());
    }

    #[test]
    fn a_direction_is_checked_as_a_direction() {
        let w = LanguageWish::parse("English to German").unwrap();
        assert_eq!(w.direction, Some(("en".into(), "de".into())));
        assert!(w.all_of);
        let model = |id_dir: Option<(&str, &str)>, langs: &[&str]| ModelFacts {
            languages: langs.iter().map(|s| s.to_string()).collect(),
            direction: id_dir.map(|(a, b)| (a.to_string(), b.to_string())),
            ..Default::default()
        };
        assert_eq!(w.status(&model(Some(("en", "de")), &["en", "de"])), Status::Satisfied);
        assert_eq!(w.status(&model(Some(("de", "en")), &["en", "de"])), Status::Violated);
        assert_eq!(w.status(&model(Some(("zh", "en")), &["zh", "en"])), Status::Violated);
        // No direction in the id: both languages are needed.
        assert_eq!(w.status(&model(None, &["en", "de", "fr"])), Status::Satisfied);
        assert_eq!(w.status(&model(None, &["en"])), Status::Violated);
        assert_eq!(LanguageWish::parse("ja→en").unwrap().direction, Some(("ja".into(), "en".into())));
        assert_eq!(LanguageWish::parse("中文").unwrap().codes, vec!["zh"]);
        assert!(LanguageWish::parse("English, German").unwrap().direction.is_none());
    }
}

//! Language requirements: names ("German"), ISO codes ("de"), lists ("English and French") and
//! "multilingual".
//!
//! Why a table: cards list ISO 639-1 codes while developers write language names; both sides are
//! mapped to codes before comparing. A model that lists languages but not the wanted one is a
//! violation; a model that lists none is unknown.

use super::verdict::Verdict;

/// ISO 639-1 code → English name (the languages that appear on the Hub most).
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", "english"),
    ("zh", "chinese"),
    ("es", "spanish"),
    ("fr", "french"),
    ("de", "german"),
    ("ja", "japanese"),
    ("ko", "korean"),
    ("ru", "russian"),
    ("pt", "portuguese"),
    ("it", "italian"),
    ("ar", "arabic"),
    ("hi", "hindi"),
    ("nl", "dutch"),
    ("pl", "polish"),
    ("tr", "turkish"),
    ("vi", "vietnamese"),
    ("id", "indonesian"),
    ("th", "thai"),
    ("sv", "swedish"),
    ("da", "danish"),
    ("fi", "finnish"),
    ("no", "norwegian"),
    ("nb", "norwegian bokmål"),
    ("cs", "czech"),
    ("el", "greek"),
    ("he", "hebrew"),
    ("hu", "hungarian"),
    ("ro", "romanian"),
    ("uk", "ukrainian"),
    ("fa", "persian"),
    ("bn", "bengali"),
    ("ur", "urdu"),
    ("ta", "tamil"),
    ("te", "telugu"),
    ("mr", "marathi"),
    ("gu", "gujarati"),
    ("kn", "kannada"),
    ("ml", "malayalam"),
    ("pa", "punjabi"),
    ("sw", "swahili"),
    ("ms", "malay"),
    ("tl", "tagalog"),
    ("ca", "catalan"),
    ("eu", "basque"),
    ("gl", "galician"),
    ("bg", "bulgarian"),
    ("hr", "croatian"),
    ("sr", "serbian"),
    ("sk", "slovak"),
    ("sl", "slovenian"),
    ("lt", "lithuanian"),
    ("lv", "latvian"),
    ("et", "estonian"),
    ("is", "icelandic"),
    ("ga", "irish"),
    ("cy", "welsh"),
    ("af", "afrikaans"),
    ("am", "amharic"),
    ("yo", "yoruba"),
    ("ha", "hausa"),
    ("zu", "zulu"),
    ("so", "somali"),
    ("ne", "nepali"),
    ("si", "sinhala"),
    ("my", "burmese"),
    ("km", "khmer"),
    ("lo", "lao"),
    ("ka", "georgian"),
    ("hy", "armenian"),
    ("az", "azerbaijani"),
    ("kk", "kazakh"),
    ("uz", "uzbek"),
    ("mn", "mongolian"),
    ("la", "latin"),
    ("eo", "esperanto"),
];

/// Extra spellings → code.
const ALIASES: &[(&str, &str)] = &[
    ("mandarin", "zh"),
    ("cantonese", "zh"),
    ("farsi", "fa"),
    ("filipino", "tl"),
    ("brazilian", "pt"),
    ("castilian", "es"),
    ("flemish", "nl"),
    ("bahasa", "id"),
    ("norsk", "no"),
    ("deutsch", "de"),
    ("français", "fr"),
    ("español", "es"),
];

/// What a request asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageWish {
    /// Codes; with `all_of`, every one is needed, otherwise any one.
    pub codes: Vec<String>,
    pub all_of: bool,
    pub multilingual: bool,
}

/// Maps a name or code to an ISO 639-1 code.
pub fn language_code(word: &str) -> Option<&'static str> {
    let w = word.trim().to_lowercase();
    LANGUAGES
        .iter()
        .find(|(code, name)| *code == w || *name == w)
        .map(|(c, _)| *c)
        .or_else(|| ALIASES.iter().find(|(n, _)| *n == w).map(|(_, c)| *c))
}

/// English name of a code (for display).
pub fn language_name(code: &str) -> Option<&'static str> {
    LANGUAGES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

impl LanguageWish {
    pub fn parse(text: &str) -> Option<LanguageWish> {
        let lower = text.to_lowercase();
        let multilingual = lower.contains("multilingual")
            || lower.contains("multi-lingual")
            || lower.contains("many languages")
            || lower.contains("cross-lingual");
        let mut codes: Vec<String> = Vec::new();
        for word in lower.split(|c: char| !c.is_alphanumeric() && c != 'ç' && c != 'ñ') {
            // Two-letter words are read as codes only when they can't be English words ("is", "no", "it").
            let ambiguous = matches!(
                word,
                "is" | "no"
                    | "it"
                    | "id"
                    | "my"
                    | "so"
                    | "am"
                    | "he"
                    | "la"
                    | "ne"
                    | "or"
                    | "to"
                    | "in"
                    | "on"
                    | "ca"
                    | "et"
                    | "be"
                    | "as"
                    | "an"
                    | "at"
            );
            if word.len() == 2 && ambiguous {
                continue;
            }
            if let Some(code) = language_code(word) {
                if !codes.iter().any(|c| c == code) {
                    codes.push(code.to_string());
                }
            }
        }
        let all_of = codes.len() > 1 && (lower.contains(" and ") || lower.contains("both") || lower.contains('&'));
        (multilingual || !codes.is_empty()).then_some(LanguageWish { codes, all_of, multilingual })
    }

    /// Checks a model's language codes.
    pub fn check(&self, model_languages: &[String]) -> Verdict {
        if model_languages.is_empty() {
            return Verdict::unknown("the model lists no languages");
        }
        let has = |code: &str| model_languages.iter().any(|l| l == code);
        let model_multilingual = model_languages.len() >= 3 || has("multilingual");
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
        } else if has("multilingual") {
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
}

//! Request side and card side read every vocabulary entry the same way.
//!
//! Property-style: each test walks a whole table, reads every entry once as a request would
//! (the rules' parsers and the free-text fill) and once as a card would (extraction's readers),
//! and checks that both land on the same meaning. A new alias, language name, device or domain
//! phrase that one side misreads fails here.

use super::devices::DEVICES;
use super::domains::domains_in_text;
use super::languages::{code_of_name, code_of_request_word, from_text, normalize, ENGLISH_WORD_CODES, LANGUAGES};
use super::licenses::{classify, declared_id, id_in_card_text, id_in_prose, known_license, Family, ALIASES, LICENSES};
use super::quantities::{Unit, LOWER_BEFORE, UNITS, UPPER_BEFORE};
use crate::analysis::Lexicon;
use crate::constraints::{LanguageWish, LicensePolicy, MemoryBudget, ParamRange};
use crate::request_text::fill_from_text;
use crate::template::Field;

fn family(id: &str) -> Family {
    classify(id).family
}

#[test]
fn license_aliases_mean_the_same_in_requests_cards_and_rules() {
    for &(phrase, id) in ALIASES {
        assert!(known_license(id).is_some(), "alias {phrase:?} → unknown id {id}");
        // Rules: an id written as the alias classifies like the id.
        assert_eq!(family(phrase), family(id), "classify({phrase:?})");
        // Card side: "License: <phrase>" reads as an id of the same family.
        let card = id_in_card_text(phrase).unwrap_or_else(|| panic!("card text {phrase:?} not read"));
        assert_eq!(family(card), family(id), "card {phrase:?} → {card}");
        // Request side: the license field names the same family (commas are separators there).
        if !phrase.contains(',') {
            let policy = LicensePolicy::parse(phrase).unwrap_or_else(|| panic!("request {phrase:?} not read"));
            assert!(policy.ids.iter().any(|x| family(x) == family(id)), "request {phrase:?} → {:?}", policy.ids);
        }
    }
}

#[test]
fn hub_ids_read_as_themselves_on_both_sides() {
    for &(id, _, fam) in LICENSES {
        if fam == Family::Unknown {
            continue;
        }
        assert_eq!(id_in_card_text(id), Some(id), "card side of {id}");
        if id.len() > 3 {
            let policy = LicensePolicy::parse(id).unwrap_or_else(|| panic!("request {id:?} not read"));
            assert!(policy.ids.iter().any(|x| family(x) == fam), "request {id} → {:?}", policy.ids);
        }
    }
}

#[test]
fn free_text_license_words_agree_with_the_license_field() {
    let lexicon = Lexicon::new();
    for &(phrase, id) in ALIASES.iter().filter(|(p, _)| !p.contains(',')) {
        let text = format!("summarize news articles, {phrase} licensed");
        let filled = fill_from_text(&lexicon, &text);
        match id_in_prose(phrase) {
            Some(_) => {
                let value = filled.template.get(Field::License).unwrap_or_else(|| panic!("{text:?} filled no license"));
                let policy = LicensePolicy::parse(value).unwrap();
                assert!(policy.ids.iter().any(|x| family(x) == family(id)), "{text:?} → {value:?}");
            }
            // Model-family licenses ("gemma") are not read from prose.
            None => assert!(matches!(family(id), Family::Community), "{phrase} not read from prose"),
        }
    }
}

#[test]
fn the_other_rule_is_one_rule() {
    let id = declared_id("Other", Some("Acme-NonCommercial"));
    assert_eq!(id, "other:acme-noncommercial");
    assert_eq!(family(&id), Family::NonCommercial);
    assert_eq!(declared_id("mit", Some("ignored")), "mit");
    assert_eq!(declared_id("other", None), "other");
    let v = LicensePolicy::parse("commercial use").unwrap().check(Some(&id));
    assert_eq!(v.status, crate::constraints::Status::Violated);
}

#[test]
fn language_names_and_codes_agree() {
    for l in LANGUAGES {
        // A code in metadata and a code in a request's language field.
        assert_eq!(normalize(l.code).as_deref(), Some(l.code));
        if !ENGLISH_WORD_CODES.contains(&l.code) {
            assert_eq!(code_of_request_word(l.code), Some(l.code), "request code {}", l.code);
            assert_eq!(LanguageWish::parse(l.code).map(|w| w.codes), Some(vec![l.code.to_string()]));
        }
        // A name: request field, card metadata value and card prose.
        let name = l.name.to_lowercase();
        if code_of_name(&name) == Some(l.code) {
            assert_eq!(normalize(l.name).as_deref(), Some(l.code), "card value {}", l.name);
            assert_eq!(LanguageWish::parse(l.name).map(|w| w.codes), Some(vec![l.code.to_string()]), "request {}", l.name);
            if name.len() >= 3 && name.len() <= 14 {
                assert_eq!(from_text(&format!("Trained on {} text.", l.name)), vec![l.code.to_string()], "prose {}", l.name);
            }
        }
    }
}

#[test]
fn free_text_languages_agree_with_the_language_field() {
    let lexicon = Lexicon::new();
    for name in ["German", "Deutsch", "alemán", "Japanese", "français", "Swahili", "Portuguese"] {
        let code = code_of_name(name).unwrap();
        let filled = fill_from_text(&lexicon, &format!("classify {name} news"));
        let value = filled.template.get(Field::Language).unwrap_or_else(|| panic!("{name} not filled"));
        assert_eq!(LanguageWish::parse(value).unwrap().codes, vec![code.to_string()], "{name}");
        assert_eq!(normalize(name).as_deref(), Some(code));
    }
}

#[test]
fn devices_are_budgets_for_the_rule_and_the_free_text_fill() {
    let lexicon = Lexicon::new();
    for d in DEVICES {
        let rule = MemoryBudget::parse(d.phrase).unwrap_or_else(|| panic!("rule does not read {}", d.phrase));
        assert!(rule.described.contains(d.phrase), "{}: {}", d.phrase, rule.described);
        let filled = fill_from_text(&lexicon, &format!("detect objects, runs on {}", d.phrase));
        let hardware = filled.template.get(Field::Hardware).unwrap_or_else(|| panic!("fill missed {}", d.phrase));
        assert_eq!(MemoryBudget::parse(hardware).map(|b| b.bytes), Some(rule.bytes), "{}", d.phrase);
    }
}

#[test]
fn domain_phrases_fill_the_label_cards_get() {
    let lexicon = Lexicon::new();
    for phrase in ["clinical", "case law", "stock market", "code generation", "tweets", "customer support", "satellite imagery"] {
        let card = domains_in_text(phrase);
        assert!(!card.is_empty(), "{phrase}");
        let filled = fill_from_text(&lexicon, &format!("answer questions about {phrase}"));
        assert_eq!(filled.template.get(Field::Domain), Some(card.join(", ").as_str()), "{phrase}");
    }
}

#[test]
fn size_phrases_mean_the_same_bound_in_the_rule_and_the_free_text_fill() {
    let lexicon = Lexicon::new();
    for &(unit, mult, kind) in UNITS.iter().filter(|u| u.2 == Unit::Count && u.1 > 1.0) {
        for bound in UPPER_BEFORE.iter().chain(LOWER_BEFORE).filter(|b| b.chars().all(|c| c.is_alphabetic() || c == ' ')) {
            let phrase = format!("{bound} 3 {unit}");
            let rule = ParamRange::parse(&phrase).unwrap_or_else(|| panic!("rule does not read {phrase:?}"));
            let value = 3.0 * mult;
            assert!(rule.max == Some(value as u64) || rule.min == Some(value as u64), "{phrase:?} {rule:?} {kind:?}");
            let filled = fill_from_text(&lexicon, &format!("chat assistant, {phrase}"));
            let field = filled.template.get(Field::ParameterSize).unwrap_or_else(|| panic!("fill missed {phrase:?}"));
            assert_eq!(ParamRange::parse(field), Some(rule), "{phrase:?} filled as {field:?}");
        }
    }
}

#[test]
fn every_data_cue_is_a_cue_of_some_task() {
    for cue in super::tasks::DATA_CUES {
        assert!(super::tasks::TASKS.iter().any(|t| t.cues.contains(cue)), "data cue {cue:?} is no task's cue");
    }
}

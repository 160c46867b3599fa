//! Fields read from classified card sections and the sentences that state them: limitations,
//! biases, hyper-parameters, hardware, training cost, grant, copyright and carbon emitted.

use std::sync::LazyLock;

use ptmpicker::facts::{ModelInstance, Source};
use ptmpicker::template::Field;
use regex::Regex;
use serde_json::Value;

use super::super::clean;
use super::super::front_matter::text as fm_text;
use super::super::sections::{BlockKind, Kind};
use super::{statements, Ctx, FUNDING_LABELS};

pub(super) fn sentences_matching(prose: &str, re: &Regex, max: usize) -> Vec<String> {
    clean::split_sentences(prose)
        .into_iter()
        .filter(|s| s.len() < 500 && re.is_match(s))
        .map(|s| clean::prose(s, 400))
        .filter(|s| clean::is_meaningful(s, 15))
        .take(max)
        .collect()
}

pub(super) fn sections_fields(cx: &Ctx, inst: &mut ModelInstance) {
    let doc = &cx.card.doc;
    if let Some(t) = statements::limitations(cx) {
        cx.put(inst, Field::Limitations, t, Source::CardSection);
    }
    if let Some(t) = statements::biases(cx) {
        cx.put(inst, Field::Biases, t, Source::CardSection);
    }

    // Hyper-parameters: the section's prose, else its config code (mergekit YAML, JSON args).
    let hp = doc.best_prose(Kind::HyperParameters, cx.p.field_max, |_| 0).or_else(|| {
        doc.sections_of(Kind::HyperParameters, |_| 0).into_iter().find_map(|i| {
            doc.section_blocks(i).find(|b| b.kind == BlockKind::Code).map(|b| clean::truncate(&clean::collapse_ws(&b.text), cx.p.field_max))
        })
    });
    if let Some(t) = hp.filter(|t| !t.is_empty()) {
        cx.put(inst, Field::HyperParameters, t, Source::CardSection);
    }

    // Hardware: what running the model needs (training hardware is training cost, below).
    if let Some(t) = statements::runtime_hardware(cx) {
        cx.put(inst, Field::Hardware, t, Source::CardText);
    }

    static COST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)\d[\d,.]*\s*k?\s*(?:gpu|tpu|a100|h100|h800|v100)[- ]?hours?(?-u:\b)|(?-u:\b)(?:gpus?|tpus?|a100s?|h100s?|v100s?)(?-u:\b).{0,60}(?-u:\b)for (?:about |approximately |~)?\d[\d,.]* (?:hours|days|weeks)(?-u:\b)|(?-u:\b)training (?:took|cost|time)(?-u:\b)").unwrap()
    });
    let cost = sentences_matching(&cx.prose, &COST, 2);
    if !cost.is_empty() {
        cx.put(inst, Field::TrainingCost, cost.join(" "), Source::CardText);
    }

    // Grant: "Funded by:" lines, else an acknowledgements/funding section.
    if let Some(l) = cx.labelled(FUNDING_LABELS).next() {
        cx.put(inst, Field::Grant, l.value.clone(), Source::CardText);
    } else if let Some(t) = doc.best_prose(Kind::Grant, cx.p.field_max, |_| 0) {
        cx.put(inst, Field::Grant, t, Source::CardSection);
    }

    // Copyright: copyright notices, else the license section's text.
    static COPY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)copyright (?:\(c\)|©|\d{4}|by|holder|notice|owner|of)|©\s*(?:\d{4}|[A-Z])|all rights reserved").unwrap()
    });
    let notices = sentences_matching(&cx.prose, &COPY, 2);
    if !notices.is_empty() {
        cx.put(inst, Field::Copyright, notices.join(" "), Source::CardText);
    } else if let Some(t) = doc.best_prose(Kind::License, cx.p.field_max, |_| 0) {
        cx.put(inst, Field::Copyright, t, Source::CardSection);
    }
}

pub(super) fn carbon(cx: &Ctx, inst: &mut ModelInstance) {
    if let Some(v) = cx.fm("co2_eq_emissions") {
        let text = match v {
            Value::Object(m) => {
                let mut parts = Vec::new();
                if let Some(e) = m.get("emissions").and_then(fm_text) {
                    parts.push(format!("{e} g CO2eq"));
                }
                for (key, label) in [
                    ("training_type", "training type"),
                    ("geographical_location", "location"),
                    ("hardware_used", "hardware"),
                    ("source", "source"),
                ] {
                    if let Some(x) = m.get(key).and_then(fm_text) {
                        parts.push(format!("{label}: {x}"));
                    }
                }
                parts.join("; ")
            }
            other => fm_text(other).map(|e| format!("{e} g CO2eq")).unwrap_or_default(),
        };
        let text = clean::prose(&text, cx.p.field_max);
        if !text.is_empty() {
            cx.put(inst, Field::CarbonEmitted, text, Source::FrontMatter);
            return;
        }
    }
    if let Some(t) = cx.card.doc.best_prose(Kind::Environment, cx.p.field_max, |_| 0) {
        cx.put(inst, Field::CarbonEmitted, t, Source::CardSection);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_matching_keeps_the_matching_ones() {
        let re = Regex::new("(?i)copyright").unwrap();
        let got = sentences_matching("Intro text here. Copyright 2024 Acme Corp. Other text.", &re, 2);
        assert_eq!(got, vec!["Copyright 2024 Acme Corp."]);
    }

    #[test]
    fn hardware_sentences_and_carbon() {
        let i = super::super::extract_json(serde_json::json!({
            "id": "o/m",
            "card": "---\nco2_eq_emissions: 42\n---\n# M\n\nA small model that answers questions about manuals.\n\nIt runs on a single CPU with 4 GB of memory.\n"
        }));
        assert!(i.template.get(Field::Hardware).unwrap().contains("single CPU"));
        assert_eq!(i.template.get(Field::CarbonEmitted), Some("42 g CO2eq"));
    }
}

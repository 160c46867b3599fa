//! Evaluation results: the YAML `model-index`, an evaluation section, or the Trainer's
//! "results on the evaluation set" list.

use ptmpicker::facts::{ModelInstance, Source};
use ptmpicker::template::Field;
use serde_json::Value;

use super::super::clean::{self, FIELD_MAX};
use super::super::front_matter::text as fm_text;
use super::super::sections::{BlockKind, Doc, Kind};
use super::{put, Ctx};

/// model-index results as "dataset: metric=value, …; dataset2: …".
pub(super) fn model_index_summary(v: &Value) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for entry in v.as_array()?.iter().take(20) {
        for result in entry.get("results").and_then(Value::as_array).into_iter().flatten().take(100) {
            let dataset = result.get("dataset");
            let name = dataset
                .and_then(|d| d.get("name"))
                .and_then(fm_text)
                .or_else(|| dataset.and_then(|d| d.get("type")).and_then(fm_text))
                .unwrap_or_else(|| "results".into());
            let metrics: Vec<String> = result
                .get("metrics")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .take(20)
                .filter_map(|m| {
                    let ty = m.get("type").and_then(fm_text);
                    let nm = m.get("name").and_then(fm_text);
                    let label = match (ty, nm) {
                        (Some(t), _) if t.len() <= 24 => t,
                        (_, Some(n)) => n,
                        (Some(t), None) => t,
                        (None, None) => return None,
                    };
                    let value = m.get("value").and_then(fm_text)?;
                    Some(format!("{label}={value}"))
                })
                .collect();
            if !metrics.is_empty() {
                parts.push(format!("{name}: {}", metrics.join(", ")));
            }
            if parts.iter().map(String::len).sum::<usize>() > 2 * FIELD_MAX {
                break;
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The Trainer's "It achieves the following results on the evaluation set:" list.
pub(super) fn trainer_results(doc: &Doc) -> Option<String> {
    let at =
        doc.blocks.iter().take(400).position(|b| b.kind == BlockKind::Paragraph && b.text.contains("results on the evaluation set"))?;
    let items: Vec<&str> =
        doc.blocks[at + 1..].iter().take_while(|b| b.kind == BlockKind::ListItem).take(40).map(|b| b.text.as_str()).collect();
    (!items.is_empty()).then(|| clean::collapse_ws(&items.join("; ")))
}

pub(super) fn evaluation(cx: &Ctx, inst: &mut ModelInstance) {
    let doc = &cx.card.doc;
    if let Some(s) = cx.fm("model-index").and_then(model_index_summary) {
        put(inst, Field::Evaluation, s, Source::FrontMatter);
        return;
    }
    let not_training = |s: &super::super::sections::Section| !s.heading.to_lowercase().contains("train");
    let section = doc.sections_of(Kind::Evaluation, |_| 0).into_iter().filter(|&i| not_training(&doc.sections[i])).find_map(|i| {
        let t = clean::prose(&doc.section_prose(i), FIELD_MAX);
        clean::is_meaningful(&t, 20).then_some(t)
    });
    if let Some(t) = section {
        put(inst, Field::Evaluation, t, Source::CardSection);
    } else if let Some(t) = trainer_results(doc) {
        put(inst, Field::Evaluation, t, Source::CardText);
    } else if let Some(t) = doc.best_prose(Kind::Evaluation, FIELD_MAX, |_| 0) {
        put(inst, Field::Evaluation, t, Source::CardSection);
    }
}

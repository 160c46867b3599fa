//! Evaluation results: the YAML `model-index`, an evaluation section, or the Trainer's
//! "results on the evaluation set" list.

use ptmpicker::facts::{ModelInstance, Source};
use ptmpicker::template::Field;
use serde_json::Value;

use super::super::clean;
use super::super::front_matter::text as fm_text;
use super::super::sections::{BlockKind, Doc, Kind};
use super::super::ExtractParams;
use super::Ctx;

/// model-index results as "dataset: metric=value, …; dataset2: …".
pub(super) fn model_index_summary(v: &Value, p: &ExtractParams) -> Option<String> {
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
            if parts.iter().map(String::len).sum::<usize>() > 2 * p.field_max {
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
    if let Some(s) = cx.fm("model-index").and_then(|v| model_index_summary(v, cx.p)) {
        cx.put(inst, Field::Evaluation, s, Source::FrontMatter);
        return;
    }
    let not_training = |s: &super::super::sections::Section| !s.heading.to_lowercase().contains("train");
    let section = doc.sections_of(Kind::Evaluation, |_| 0).into_iter().filter(|&i| not_training(&doc.sections[i])).find_map(|i| {
        let t = clean::prose(&doc.section_prose(i), cx.p.field_max);
        clean::is_meaningful(&t, 20).then_some(t)
    });
    if let Some(t) = section {
        cx.put(inst, Field::Evaluation, t, Source::CardSection);
    } else if let Some(t) = trainer_results(doc) {
        cx.put(inst, Field::Evaluation, t, Source::CardText);
    } else if let Some(t) = doc.best_prose(Kind::Evaluation, cx.p.field_max, |_| 0) {
        cx.put(inst, Field::Evaluation, t, Source::CardSection);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_index_reads_datasets_and_metrics() {
        let v = serde_json::json!([{"results": [{"dataset": {"name": "SST-2"}, "metrics": [{"type": "accuracy", "value": 0.91}]}]}]);
        assert_eq!(model_index_summary(&v, &ExtractParams::default()).as_deref(), Some("SST-2: accuracy=0.91"));
        assert_eq!(model_index_summary(&serde_json::json!({"x": 1}), &ExtractParams::default()), None);
    }

    #[test]
    fn trainer_results_list() {
        let doc = super::super::super::sections::parse(
            "It achieves the following results on the evaluation set:\n- Loss: 0.5\n- Accuracy: 0.9\n",
        );
        assert_eq!(trainer_results(&doc).as_deref(), Some("Loss: 0.5; Accuracy: 0.9"));
    }
}

//! Keywords (tags and id aliases) and the card-quality score the prior uses.

use ptmpicker::facts::{ModelInstance, Source};
use ptmpicker::template::Field;

use super::super::clean;
use super::super::front_matter::list as fm_list;
use super::super::sections::{BlockKind, Kind};
use super::Ctx;

/// Tags that say nothing about the model itself, or are carried by a field already.
pub(super) fn noisy_tag(t: &str) -> bool {
    const EXACT: &[&str] = &[
        "endpoints_compatible",
        "autotrain_compatible",
        "has_space",
        "generated_from_trainer",
        "model-index",
        "co2_eq_emissions",
        "template:sd-lora",
        "inference_endpoints",
    ];
    const PREFIXES: &[&str] = &["region:", "license:", "dataset:", "base_model:", "arxiv:", "doi:", "deploy:", "endpoints:"];
    EXACT.contains(&t) || PREFIXES.iter().any(|p| t.starts_with(p))
}

pub(super) fn keywords(cx: &Ctx, inst: &mut ModelInstance) {
    let mut out: Vec<String> = Vec::new();
    let push = |k: String, out: &mut Vec<String>| {
        if !k.is_empty() && k.len() <= 100 && !out.contains(&k) && out.len() < 200 {
            out.push(k);
        }
    };
    for t in &cx.tags {
        let t = t.trim().to_lowercase();
        if noisy_tag(&t) || (t.len() <= 3 && inst.facts.languages.contains(&t)) {
            continue;
        }
        push(t, &mut out);
    }
    // Id aliases: the name alone, and the name as words ("whisper large v3").
    if let Some(name) = cx.record.id.rsplit('/').next() {
        let name = name.trim().to_lowercase();
        let words = name.replace(['-', '_', '.'], " ");
        push(name.clone(), &mut out);
        if words != name {
            push(clean::collapse_ws(&words), &mut out);
        }
    }
    inst.keywords = out;
}

/// Share of six key aspects a card documents: description, uses, limitations/bias, training
/// data, evaluation, how to use. 0 without card text.
pub(super) fn card_quality(cx: &Ctx, inst: &ModelInstance) -> f32 {
    if !cx.card.has_text {
        return 0.0;
    }
    let doc = &cx.card.doc;
    let card_sourced = |f: Field| matches!(inst.source_of(f), Some(Source::CardSection | Source::CardText | Source::FrontMatter));
    let description = cx.description.as_ref().is_some_and(|(_, _, weak)| !weak);
    let uses = doc.best_prose(Kind::Uses, 200, |_| 0).is_some();
    let limits = card_sourced(Field::Limitations) || card_sourced(Field::Biases);
    let data =
        doc.best_prose(Kind::TrainingData, 200, |_| 0).is_some() || cx.card.fm.get("datasets").is_some_and(|v| !fm_list(v).is_empty());
    let eval = card_sourced(Field::Evaluation);
    let how = doc.sections_of(Kind::HowToUse, |_| 0).into_iter().any(|i| doc.section_blocks(i).next().is_some())
        || doc.blocks.iter().any(|b| b.kind == BlockKind::Code);
    let present = [description, uses, limits, data, eval, how].iter().filter(|&&x| x).count();
    present as f32 / 6.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noisy_tags_are_dropped_and_id_aliases_added() {
        assert!(noisy_tag("license:mit") && noisy_tag("region:us") && noisy_tag("endpoints_compatible"));
        assert!(!noisy_tag("bert"));
        let i = super::super::extract_json(serde_json::json!({"id": "o/Whisper-Large_v3", "tags": ["whisper", "region:us"]}));
        assert_eq!(i.keywords, vec!["whisper", "whisper-large_v3", "whisper large v3"]);
    }
}

//! How the model was made: training data, application domain and fine-tuning (derivation
//! sentences, the training section, methods named in tags).

use std::sync::LazyLock;

use ptmpicker::facts::{Confidence, Evidence, FactKind, ModelInstance, Source};
use ptmpicker::knowledge::domains;
use ptmpicker::template::Field;
use regex::Regex;

use super::super::clean;
use super::super::front_matter::list as fm_list;
use super::super::sections::Kind;
use super::facts::base_relation;
use super::Ctx;
use crate::extract::{sizes, vocab};

pub(super) fn dataset(cx: &Ctx, inst: &mut ModelInstance, trainer_dataset: Option<&str>) {
    let (declared, declared_source) = if !cx.record.datasets.is_empty() {
        let mut all = cx.record.datasets.clone();
        all.extend(cx.fm("datasets").map(fm_list).unwrap_or_default());
        (all, Source::Metadata)
    } else if let Some(fm) = cx.fm("datasets").map(fm_list).filter(|l| !l.is_empty()) {
        (fm, Source::FrontMatter)
    } else {
        // The Hub's `dataset:<id>` tags, when no key lists them.
        (
            cx.tags.iter().filter_map(|t| t.strip_prefix("dataset:")).map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
            Source::Tags,
        )
    };
    let list = super::datasets::training_datasets(cx, &declared, trainer_dataset, inst.facts.base_model.as_deref());
    let from_declared = list.iter().any(|d| declared.iter().any(|x| x.eq_ignore_ascii_case(d)));
    inst.facts.datasets = list.clone();
    if !list.is_empty() {
        let (source, confidence) = if from_declared { (declared_source, Confidence::Stated) } else { (Source::CardText, Confidence::Read) };
        let quote = (!from_declared).then(|| list.join(", "));
        inst.facts.set_evidence(Evidence::new(FactKind::Datasets, source, confidence, quote));
    }
    let section = cx.card.doc.best_prose(Kind::TrainingData, cx.p.field_max, |_| 0);
    let mut parts = Vec::new();
    if !list.is_empty() {
        parts.push(list.join(", "));
    }
    if let Some(s) = &section {
        parts.push(s.clone());
    }
    if parts.is_empty() {
        return;
    }
    let source = if from_declared {
        declared_source
    } else if !list.is_empty() {
        Source::CardText
    } else {
        Source::CardSection
    };
    let joined = parts.iter().map(|p| p.trim_end_matches('.')).collect::<Vec<_>>().join(". ");
    let joined = if section.as_deref().is_some_and(|s| s.ends_with('.')) { format!("{joined}.") } else { joined };
    cx.put(inst, Field::Dataset, joined, source);
}

pub(super) fn domain(cx: &Ctx, inst: &mut ModelInstance, description: Option<&str>) {
    let mut found: Vec<&'static str> = Vec::new();
    let mut source = None;
    let mut add = |labels: Vec<&'static str>, s: Source, found: &mut Vec<&'static str>| {
        for l in labels {
            if !found.contains(&l) {
                found.push(l);
                source.get_or_insert(s);
            }
        }
    };
    let id_words: Vec<&str> = cx.record.id.split(['/', '-', '_', '.']).filter(|w| !w.is_empty()).collect();
    add(domains::domains_in_words(id_words), Source::ModelId, &mut found);
    // Hub flags that merely contain a domain word.
    const FLAGS: &[&str] = &["custom_code", "text-generation-inference", "text-embeddings-inference"];
    let tag_words: Vec<&str> = cx.tags.iter().filter(|t| !t.contains(':') && !FLAGS.contains(&t.as_str())).map(String::as_str).collect();
    add(domains::domains_in_words(tag_words), Source::Tags, &mut found);
    // A model trained on many datasets is general-purpose: only a few datasets say "domain".
    if cx.record.datasets.len() <= cx.p.domain_max_datasets {
        let datasets: Vec<&str> = cx.record.datasets.iter().map(String::as_str).collect();
        add(domains::domains_in_words(datasets), Source::Metadata, &mut found);
    }
    if let Some(d) = description {
        add(domains::domains_in_text(d), Source::CardText, &mut found);
    }
    if let Some(s) = source {
        cx.put(inst, Field::Domain, found.join(", "), s);
    }
}

/// Sentences that say what *this* model was derived from: "is a fine-tuned version of X on Y",
/// "we fine-tuned", "GGUF format model files for X", "a merge of", "distilled from".
pub(super) fn derivation_sentences(prose: &str) -> Vec<&str> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)(?-u:\b)(?:fine[- ]?tuned version of|finetuned version of|fine[- ]?tuned (?:from|on top of)|",
            r"(?:is|was|been) (?:a |an |further |then )?(?:fine[- ]?tuned|finetuned|further trained|instruction[- ]tuned|distilled|quantized|quantised|pre-?trained|trained from scratch)|",
            r"we (?:fine[- ]?tuned|finetuned|further trained|distilled|trained|pre-?trained)|",
            r"(?:this|the) (?:repo|repository|model|page) (?:contains|provides|hosts|includes|has) (?:[a-z0-9-]+ ){0,3}(?:gguf|gptq|awq|exl2|mlx|quantized|quantised|quants?)|",
            r"(?:is|are) (?:a |an |the )?(?:[a-z0-9-]+ ){0,2}(?:quantized|quantised|gguf|gptq|awq|exl2) (?:version|versions|quants|quantizations?) of|",
            r"(?:a |is a )merge of|merged (?:from|using|with)|lora adapter (?:for|of|on)|adapter (?:for|on top of)|distilled (?:from|version of))",
        ))
        .unwrap()
    });
    clean::split_sentences(clean::cap_bytes(prose, 30_000)).into_iter().filter(|s| s.len() < 600 && RE.is_match(s)).take(2).collect()
}

pub(super) fn fine_tuning(cx: &Ctx, inst: &mut ModelInstance) {
    let sentences: Vec<String> = derivation_sentences(&cx.prose)
        .into_iter()
        .map(|s| clean::prose(s, cx.p.short_max))
        .filter(|s| clean::is_meaningful(s, 20))
        .collect();
    let section = cx.card.doc.best_prose(Kind::Training, cx.p.field_max, |_| 0);
    let methods: Vec<&str> = vocab::TRAINING_METHOD_TAGS.iter().filter(|(t, _)| cx.has_tag(t)).map(|(_, n)| *n).collect();
    let mut parts: Vec<String> = sentences.clone();
    if let Some(s) = &section {
        if !parts.iter().any(|p| s.contains(p.as_str())) {
            parts.push(s.clone());
        }
    }
    let mut source = if !sentences.is_empty() {
        Some(Source::CardText)
    } else if section.is_some() {
        Some(Source::CardSection)
    } else {
        None
    };
    if parts.is_empty() {
        if let Some(base) = inst.facts.base_model.clone() {
            let relation = base_relation(cx);
            let (text, s) = match relation.as_deref() {
                Some("quantized") => (format!("Quantized version of {base}."), Source::Tags),
                Some("adapter") => (format!("Adapter (e.g. LoRA) trained on top of {base}."), Source::Tags),
                Some("merge") => (format!("Merge of {}.", inst.template.get(Field::BaseModel).unwrap_or(&base)), Source::Tags),
                Some(_) => (format!("Fine-tuned from {base}."), Source::Tags),
                None => match sizes::quant_in(&cx.record.id) {
                    Some(q) if q.method != "quantized" => (format!("Quantized ({}) version of {base}.", q.method), Source::ModelId),
                    Some(_) => (format!("Quantized version of {base}."), Source::ModelId),
                    None => (format!("Derived from {base}."), inst.source_of(Field::BaseModel).unwrap_or(Source::Metadata)),
                },
            };
            parts.push(text);
            source = Some(s);
        }
    }
    if !methods.is_empty() {
        parts.push(format!("Methods: {}.", methods.join(", ")));
        source.get_or_insert(Source::Tags);
    }
    if let Some(s) = source {
        cx.put(inst, Field::FineTuning, parts.join(" "), s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivation_sentences_say_where_the_model_came_from() {
        let prose = "Welcome. This repo contains GGUF format model files for Acme 7B. It is fast. We fine-tuned it on chats.";
        let found = derivation_sentences(prose);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("GGUF format model files"));
        assert!(derivation_sentences("Nothing about training here.").is_empty());
    }

    #[test]
    fn many_datasets_name_no_domain() {
        let few = super::super::extract_json(serde_json::json!({"id": "o/m", "datasets": ["pubmed_qa"]}));
        assert_eq!(few.template.get(Field::Domain), Some("medical / biomedical"));
        let many = super::super::extract_json(serde_json::json!({"id": "o/m", "datasets": ["pubmed_qa", "a", "b", "c"]}));
        assert_eq!(many.template.get(Field::Domain), None);
    }
}

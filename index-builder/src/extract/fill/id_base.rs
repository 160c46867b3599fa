//! The base a model's id names, when its card states none: `someone/opt-6.7b-erebus` is a
//! fine-tune of `facebook/opt-6.7b`, `someone/all-mpnet-base-v2-margin-1-epoch-1` one of
//! `sentence-transformers/all-mpnet-base-v2`.
//!
//! Why: template and one-line cards (Trainer and sentence-transformers templates, LoRA
//! uploads) often say nothing about what they were tuned from, but their ids are the base's
//! name plus what was done to it, and the gold rules count that base. A word list of
//! architectures cannot spell every checkpoint; the catalog's own ids ([`KnownModels`]) can.
//! The longest run of the id's words (two or more, not all of them) that is another owner's
//! well-downloaded model and carries a size word (`base`, `large`, `6.7b`…) is the base — read
//! last, as a guess, with the id as evidence. When the longest such run is a rarely downloaded
//! upload, no shorter run stands in for it (`…-7b-chat-…` is no fine-tune of `…-7b`), and a model
//! downloaded far more than the name inside its id is that name's original, not its fine-tune. An id that adds a language to the name
//! (`bert-base-chinese`, `roberta-large-japanese-…`) is a model pretrained for that language,
//! not a fine-tune, and gives none.

use std::sync::LazyLock;

use ptmpicker::knowledge::languages;
use regex::Regex;

use super::super::KnownModels;
use super::Ctx;

/// A word that says how big a checkpoint is.
static SIZE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:base|large|small|tiny|mini|medium|xl|xxl|xlarge|xxlarge|[0-9]+(?:\.[0-9]+)?[bm])$").unwrap());

/// The catalog model the id is named after, and the words that say so.
pub(super) fn named_by_id(cx: &Ctx) -> Option<(String, String)> {
    let known = cx.known?;
    let min = cx.p.id_base_min_downloads as u64;
    same_name_elsewhere(&cx.record.id, cx.record.downloads.unwrap_or(0), &cx.prose, known, min).or_else(|| {
        let own = cx.record.downloads.unwrap_or(0);
        base_in_id(&cx.record.id, own / (cx.p.id_base_max_download_ratio.max(1) as u64), known, min)
    })
}

/// A repackaging under another owner's exact name (`converters/acme-vad` of `acme/acme-vad`,
/// a smaller single-file checkpoint of `lab/flux9-dev` named `flux9-dev`): the more
/// downloaded model of that name, by another owner, is the source — when the name is a
/// checkpoint's (a digit or two words: not "chatbot") and the card's prose names it.
fn same_name_elsewhere(id: &str, own_downloads: u64, prose: &str, known: &KnownModels, min_downloads: u64) -> Option<(String, String)> {
    let (owner, name) = id.split_once('/')?;
    let checkpoint = name.chars().any(|c| c.is_ascii_digit()) || name.trim_matches(['-', '_']).contains(['-', '_']);
    if !checkpoint {
        return None;
    }
    let (found, downloads) = known.by_name(name)?;
    let (found_owner, _) = found.split_once('/')?;
    if found_owner.eq_ignore_ascii_case(owner) || downloads < min_downloads || downloads <= own_downloads {
        return None;
    }
    // Checked last: squashing the prose is the costly step.
    let key = super::super::known_models::squash(name);
    (key.len() >= 4 && super::super::known_models::squash(prose).contains(&key)).then(|| {
        let quote = format!("the id {id} repeats the name of the more downloaded catalog model {found}");
        (found.to_string(), quote)
    })
}

/// `scaled_downloads`: the model's downloads divided by
/// [`ExtractParams::id_base_max_download_ratio`](super::super::ExtractParams).
fn base_in_id(id: &str, scaled_downloads: u64, known: &KnownModels, min_downloads: u64) -> Option<(String, String)> {
    let (owner, name) = id.split_once('/')?;
    let words: Vec<&str> = name.split(['-', '_']).filter(|w| !w.is_empty()).collect();
    if words.len() < 3 {
        return None;
    }
    let language = |w: &str| w.eq_ignore_ascii_case("multilingual") || languages::code_of_name(&w.to_lowercase()).is_some();
    // Longest run first, then the leftmost.
    for len in (2..words.len()).rev() {
        for start in 0..=words.len() - len {
            let run = &words[start..start + len];
            if !run.iter().any(|w| SIZE_WORD.is_match(w)) {
                continue;
            }
            let spelled = run.join("-");
            let Some((found, downloads)) = known.by_name(&spelled) else { continue };
            // A legacy id without an owner (`t5-large`) is nobody's own model.
            let other_owner = found.split_once('/').is_none_or(|(o, _)| !o.eq_ignore_ascii_case(owner));
            if !other_owner || found.eq_ignore_ascii_case(id) {
                continue;
            }
            // A longer name that is a rarely used upload ("acme-7b-chat") is no evidence, and the
            // shorter name inside it ("acme-7b") would be the wrong checkpoint: no guess.
            if downloads < min_downloads {
                return None;
            }
            // A model downloaded far more than the one its id contains is no fine-tune of it: it
            // is the original of a longer name (`bert-base-uncased` is not tuned from a `bert-base`).
            if scaled_downloads > downloads {
                return None;
            }
            if words[..start].iter().chain(&words[start + len..]).any(|w| language(w)) {
                return None;
            }
            let quote = format!("the id {id} carries the name of the catalog model {found}");
            return Some((found.to_string(), quote));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownModels {
        let mut k = KnownModels::default();
        k.add("acme-ai/opt-6.7b", 90_000);
        k.add("copycat/opt-6.7b", 12);
        k.add("sbert/all-mpnet-base-v2", 500_000);
        k.add("tiny-uploads/roberta-base", 5);
        k.add("fb/roberta-base", 800_000);
        k.add("fb/roberta-large", 800_000);
        k.add("lab/story-model", 50_000);
        k.add("t5-large", 70_000);
        k.add("big/jais-7b", 9_000);
        k.add("big/jais-7b-chat", 400);
        k
    }

    fn base(id: &str) -> Option<String> {
        base_in_id(id, 0, &known(), 1000).map(|(b, _)| b)
    }

    #[test]
    fn an_id_named_after_a_catalog_model_names_its_base() {
        assert_eq!(base("someone/OPT-6.7B-Erebus").as_deref(), Some("acme-ai/opt-6.7b"));
        assert_eq!(base("thesis/all-mpnet-base-v2-margin-1-epoch-1").as_deref(), Some("sbert/all-mpnet-base-v2"));
        assert_eq!(base("someone/diffcse_roberta_base_trans").as_deref(), Some("fb/roberta-base"));
        assert_eq!(base("someone/t5_large_fine_tuning_lora_qa").as_deref(), Some("t5-large"), "a legacy id");
    }

    #[test]
    fn a_repackaging_under_the_same_name_names_the_original() {
        let mut k = known();
        k.add("converters/opt-6.7b", 50);
        let prose = "The OPT-6.7B weights in one file.";
        assert_eq!(same_name_elsewhere("converters/opt-6.7b", 50, prose, &k, 1000).map(|(b, _)| b).as_deref(), Some("acme-ai/opt-6.7b"));
        // The original itself, or a copy downloaded more than the other, names none.
        assert_eq!(same_name_elsewhere("acme-ai/opt-6.7b", 90_000, prose, &k, 1000), None);
        assert_eq!(same_name_elsewhere("popular/opt-6.7b", 200_000, prose, &k, 1000), None);
        // A card that does not name it, or a plain word for a name, names none.
        assert_eq!(same_name_elsewhere("converters/opt-6.7b", 50, "Weights in one file.", &k, 1000), None);
        k.add("big/chatbot", 90_000);
        assert_eq!(same_name_elsewhere("someone/chatbot", 5, "My chatbot.", &k, 1000), None);
    }

    #[test]
    fn no_base_from_own_models_languages_plain_names_or_rare_copies() {
        assert_eq!(base("fb/roberta-base-v2-distilled"), None, "the owner's own model is no base");
        assert_eq!(base("someone/roberta-large-japanese-news"), None, "a language variant is pretrained, not tuned");
        assert_eq!(base("someone/story-model-writer"), None, "no size word: a plain phrase");
        assert_eq!(base("someone/roberta-base"), None, "the whole id is no run inside it");
        let mut rare = KnownModels::default();
        rare.add("copycat/deberta-v3-tiny", 3);
        assert_eq!(base_in_id("someone/deberta-v3-tiny-nli", 0, &rare, 1000), None, "a rarely used upload is no evidence");
        assert_eq!(base("someone/jais-7b-chat-farmer-lora"), None, "the longer name is rare: not the shorter one either");
        assert_eq!(base_in_id("lab/roberta-base-cased", 2_000_000, &known(), 1000), None, "more downloaded than the name it contains");
        assert_eq!(base_in_id("someone/roberta-base-cased-news", 900, &known(), 1000).map(|(b, _)| b).as_deref(), Some("fb/roberta-base"));
    }
}

//! The source model of a conversion repository, read from its id: `someone/Acme-7B-Chat-GGUF`
//! converts `Acme-7B-Chat`; `someone/AcmeLab_Acme-7B-Chat-GGUF` converts `AcmeLab/Acme-7B-Chat`.
//!
//! Why: quantizers (GGUF, AWQ, GPTQ, EXL2, MLX, bitsandbytes, ONNX builds) name the repository
//! after the model they convert, and their cards are often a copy of the source's card, so the
//! prose names the *source's* base ("a fine-tuned version of Llama-3") one generation too early.
//! Across the catalog's conversion repositories whose metadata states a base, the id's stem is
//! that base's name (or `Owner_Name` for `Owner/Name`) in nine of ten. So on a conversion repo
//! the card is asked first for a Hub id spelling the stem (the full id, read), and only then is
//! the stem itself used (a guess, recorded as read from the id).

use std::sync::LazyLock;

use regex::Regex;

use super::derivation::hub_model;
use super::Ctx;
use crate::extract::sections::BlockKind;

/// A conversion format or quantization marker at the end of an id ("-GGUF", "-4bit",
/// "_Q4_K_M", "-5.0bpw-h6-exl2", "-i1", "-IQ-Imatrix"), or the C++ runtime a port was written
/// for ("Acme-TTS.cpp-GGUF" converts Acme-TTS, not a model called "Acme-TTS.cpp").
static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)[-_.](?:gguf|ggml|cpp|awq|gptq|exl2|exl3|mlx|bnb|nf4|onnx|openvino|coreml|ct2|ctranslate2|imatrix|imat|qat|iq|arm|i1|",
        r"[2-8]bits?|fp8|fp16|bf16|int4|int8|w4a16|w8a8|q[2-8](?:_k)?(?:_[msl0-9])?|[0-9]+(?:\.[0-9]+)?bpw|h[0-9])$"
    ))
    .unwrap()
});

/// Markers that make an id a conversion (the width markers alone, e.g. "-bf16", do not).
static FORMAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)gguf|ggml|awq|gptq|exl[23]|mlx|bnb|nf4|[2-8]bit|int[48]|bpw|onnx|openvino|ct2|ctranslate2").unwrap());

fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The id's name without its format and quantization markers, when it has one.
pub(super) fn stem(id: &str) -> Option<String> {
    let tail = id.rsplit('/').next().unwrap_or(id);
    let mut s = tail;
    for _ in 0..6 {
        match SUFFIX.find(s) {
            Some(m) if m.start() >= 3 => s = &s[..m.start()],
            _ => break,
        }
    }
    let removed = &tail[s.len()..];
    (s.len() < tail.len() && FORMAT.is_match(removed)).then(|| s.to_string())
}

/// A stem a reader takes for a model name: a digit or a hyphen, letters, three characters.
fn model_like(stem: &str) -> bool {
    stem.len() >= 3
        && stem.chars().any(|c| c.is_ascii_alphabetic())
        && (stem.chars().any(|c| c.is_ascii_digit()) || stem.contains('-') || stem.contains('.'))
}

/// What a conversion repo's id says about its source.
pub(super) struct Source {
    pub model: String,
    /// The card words that spell it (a link or an id), or `None` when only the id tells.
    pub sentence: Option<String>,
}

/// The source model of a conversion repository: a Hub id in the card that spells the id's stem,
/// else the stem (`Owner_Name` → `Owner/Name` when the part before the first `_` is an owner:
/// no digit, and the rest has no further `_`).
pub(super) fn source(cx: &Ctx) -> Option<Source> {
    let stem = stem(&cx.record.id)?;
    if !model_like(&stem) {
        // "wan-gguf": too short a stem to be a name, but the card may open with the full one.
        return opening_name(cx, &stem).or_else(|| catalog_model_of_owner_named(cx, &stem));
    }
    let key = squash(&stem);
    let own = cx.record.id.to_ascii_lowercase();
    let spells = |id: &str| {
        let tail = id.rsplit('/').next().unwrap_or(id);
        id.to_ascii_lowercase() != own && (squash(tail) == key || (id.contains('/') && squash(id) == key))
    };
    static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"\b{}", super::HUB_ID)).unwrap());
    let mut seen = 0usize;
    for b in cx.card.doc.blocks.iter().filter(|b| b.kind != BlockKind::Code) {
        seen += b.text.len();
        if seen > cx.p.scan_bytes {
            break;
        }
        if let Some(id) = b.links.iter().filter_map(|l| hub_model(l)).find(|id| id.contains('/') && spells(id)) {
            return Some(Source { model: id, sentence: Some(super::derivation::sentence_at(&b.text.replace('\n', " "), 0)) });
        }
        if let Some(m) = ID.find_iter(&b.text).find(|m| spells(m.as_str().trim_end_matches(['.', ',']))) {
            let text = b.text.replace('\n', " ");
            return Some(Source {
                model: m.as_str().trim_end_matches(['.', ',']).to_string(),
                sentence: Some(super::derivation::sentence_at(&text, m.start())),
            });
        }
    }
    // "Qwen-Voice 0.6B Base (C++ / GGML)": the card's lead spells the stem with the size and
    // variant words the id left out; that fuller name is the source.
    if let Some(longer) = spelled_longer(cx, &stem).or_else(|| opening_name(cx, &stem)) {
        return Some(longer);
    }
    // "Owner_-_Name" spells the owner unambiguously.
    if let Some((owner, name)) = stem.split_once("_-_") {
        return Some(Source { model: format!("{owner}/{name}"), sentence: None });
    }
    let model = match stem.split_once('_') {
        Some((owner, name))
            if owner.len() >= 2 && !owner.chars().any(|c| c.is_ascii_digit()) && !name.contains('_') && model_like(name) =>
        {
            format!("{owner}/{name}")
        }
        _ => stem,
    };
    Some(Source { model, sentence: None })
}

/// A one-word stem ("acmevoice-GGUF") that is a well-downloaded catalog model's whole name
/// under another owner, when the card names that owner ("AcmeVoice (Acme Labs, MIT) text-to-speech
/// …"): the conversion is of that model. A bare word alone is too common a name to trust, and
/// the card naming who made it is what ties the word to the one repository.
fn catalog_model_of_owner_named(cx: &Ctx, stem: &str) -> Option<Source> {
    let known = cx.known?;
    let (found, downloads) = known.by_name(stem)?;
    let (owner, _) = found.split_once('/')?;
    let own_owner = cx.record.id.split_once('/').map(|(o, _)| o).unwrap_or("");
    let key = squash(owner);
    if downloads < cx.p.id_base_min_downloads as u64 || owner.eq_ignore_ascii_case(own_owner) || key.len() < 3 {
        return None;
    }
    for b in cx.card.doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)).take(6) {
        let text = b.text.replace('\n', " ");
        if squash(&text).contains(&key) {
            let at = text.to_ascii_lowercase().find(&owner.to_ascii_lowercase()).unwrap_or(0);
            return Some(Source { model: found.to_string(), sentence: Some(super::derivation::sentence_at(&text, at)) });
        }
    }
    None
}

static SIZE_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9]+(?:\.[0-9]+)?[BbMm]$").unwrap());
static VERSION_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^v[0-9][A-Za-z0-9.]*$").unwrap());

/// The stem written in the first prose blocks followed by size or variant words ("Acme-TTS 0.6B
/// Base") that [`super::derivation::first_name`] reads into one longer name.
fn spelled_longer(cx: &Ctx, stem: &str) -> Option<Source> {
    let key = squash(stem);
    let lower_stem = stem.to_ascii_lowercase();
    for b in cx.card.doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)).take(3) {
        let text = b.text.replace('\n', " ");
        let lower = text.to_ascii_lowercase();
        // The stem as a word of its own (not the tail of another repository's `owner/name`).
        let Some(at) = lower
            .match_indices(&lower_stem)
            .map(|(i, _)| i)
            .find(|&i| i == 0 || !(lower.as_bytes()[i - 1].is_ascii_alphanumeric() || lower.as_bytes()[i - 1] == b'/'))
        else {
            continue;
        };
        let name = super::derivation::first_name(&text[at..])?;
        // Only size, version and variant words may follow the stem, and a size among them.
        let extra =
            name.get(stem.len()..).filter(|_| name.is_char_boundary(stem.len()) && name[..stem.len()].eq_ignore_ascii_case(stem))?;
        let words: Vec<&str> = extra.split('-').filter(|w| !w.is_empty()).collect();
        let size = |w: &str| SIZE_WORD.is_match(w);
        let trail =
            |w: &str| size(w) || VERSION_WORD.is_match(w) || ["it", "instruct", "chat", "base"].contains(&w.to_ascii_lowercase().as_str());
        if !words.is_empty() && words.iter().all(|w| trail(w)) && words.iter().any(|w| size(w)) && squash(&name).len() > key.len() {
            return Some(Source { model: name, sentence: Some(super::derivation::sentence_at(&text, at)) });
        }
        return None;
    }
    None
}

/// The model a port's card opens with: "Acme Voice Multilingual 357M (C++/ggml, …)", "Acme
/// 2.1 T2V 1.3B — text-to-video …". Gallery excerpts and port cards start by naming what they
/// convert, spelled with spaces and the words the id left out; the opening run of name words
/// (capitalised, or with a digit) must begin with the id's stem and carry a size, so a sentence
/// that merely starts with the stem ("Acme-TTS v1 Base in C++") keeps the stem.
fn opening_name(cx: &Ctx, stem: &str) -> Option<Source> {
    let key = squash(stem);
    let block = cx.card.doc.blocks.iter().find(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem))?;
    let text = block.text.replace('\n', " ");
    let mut words: Vec<&str> = Vec::new();
    for raw in text.split_whitespace().take(8) {
        if raw.starts_with(['(', '[', '—', '–', '-', '|']) {
            break;
        }
        let word = raw.trim_end_matches([',', ';', ':', '.']);
        let name_word = word.chars().any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && word.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
        if !name_word || FORMAT.is_match(word) || SUFFIX.is_match(&format!("-{word}")) && !SIZE_WORD.is_match(word) {
            break;
        }
        words.push(word);
        if word.len() < raw.len() {
            break;
        }
    }
    let name = words.join(" ");
    let sized = words.iter().skip(1).any(|w| SIZE_WORD.is_match(w));
    let spelled = squash(&name);
    (sized && spelled.starts_with(&key) && spelled.len() > key.len())
        .then(|| Source { model: name, sentence: Some(super::derivation::sentence_at(&text, 0)) })
}

#[cfg(test)]
mod tests {
    use super::super::extract_json;
    use super::stem;
    use ptmpicker::facts::{Confidence, FactKind, Source};

    #[test]
    fn format_markers_are_stripped_from_the_id() {
        assert_eq!(stem("q/Acme-7B-Chat-GGUF").as_deref(), Some("Acme-7B-Chat"));
        assert_eq!(stem("q/Acme-7B-Chat-Q4_K_M-GGUF").as_deref(), Some("Acme-7B-Chat"));
        assert_eq!(stem("q/Acme-7B-5.0bpw-h6-exl2").as_deref(), Some("Acme-7B"));
        assert_eq!(stem("q/Acme-7B-Chat-i1-GGUF").as_deref(), Some("Acme-7B-Chat"));
        assert_eq!(stem("q/Acme-7B-Chat-4bit").as_deref(), Some("Acme-7B-Chat"));
        // A width alone ("-bf16") is a checkpoint's dtype, not a conversion.
        assert_eq!(stem("q/Acme-7B-Chat-bf16"), None);
        assert_eq!(stem("q/Acme-7B-Chat"), None);
    }

    #[test]
    fn a_one_word_stem_is_the_catalog_model_whose_owner_the_card_names() {
        let mut known = crate::extract::KnownModels::default();
        known.add("Parrot-Labs/chirpbox", 250_000);
        let run = |card: &str| {
            let mut r: crate::catalog::HubRecord =
                serde_json::from_value(serde_json::json!({"id": "porter/chirpbox-GGUF", "card": card})).unwrap();
            r.normalize();
            let i = crate::extract::extract_known(&r, &crate::extract::ExtractParams::default(), Some(&known));
            let confidence = i.facts.evidence_for(FactKind::BaseModel).map(|e| e.confidence);
            (i.facts.base_model, confidence)
        };
        assert_eq!(
            run("Chirpbox (Parrot Labs, MIT) text-to-speech run through a C++ backend; ships with a default voice.\n"),
            (Some("Parrot-Labs/chirpbox".to_string()), Some(Confidence::Read))
        );
        // The card does not say who made it: the bare word is no evidence of that repository.
        assert_eq!(run("Chirpbox text-to-speech run through a C++ backend; ships with a default voice.\n").0, None);
    }

    fn base(id: &str, card: &str) -> (Option<String>, Option<(Source, Confidence)>) {
        let inst = extract_json(serde_json::json!({"id": id, "card": card}));
        let ev = inst.facts.evidence_for(FactKind::BaseModel).map(|e| (e.source, e.confidence));
        (inst.facts.base_model, ev)
    }

    #[test]
    fn a_conversion_repo_converts_the_model_its_id_names() {
        // The copied card names the source's own base; the id names the source.
        let card = "# Acme Story 8B\n\nAcme Story is a fine-tuned version of Llama-3.1-8B for fiction.\n";
        let (b, ev) = base("quants/Acme-Story-8B-GGUF", card);
        assert_eq!(b.as_deref(), Some("Acme-Story-8B"));
        assert_eq!(ev, Some((Source::ModelId, Confidence::Guessed)));
        // The card's id spelling the stem gives the owner.
        let card = "# Acme Story 8B\n\nQuantized with llama.cpp from storylab/Acme-Story-8B; thanks!\n";
        assert_eq!(base("quants/Acme-Story-8B-GGUF", card).0.as_deref(), Some("storylab/Acme-Story-8B"));
        // `Owner_Name` ids name the owner.
        let card = "# Story\n\nA small fiction writer, made for local inference.\n";
        assert_eq!(base("quants/storylab_Acme-Story-8B-GGUF", card).0.as_deref(), Some("storylab/Acme-Story-8B"));
        // An explicit conversion sentence still wins.
        let card = "# Q\n\nGGUF quants of storylab/Acme-Story-8B-v2, made with llama.cpp.\n";
        assert_eq!(base("quants/Acme-Story-8B-GGUF", card).0.as_deref(), Some("storylab/Acme-Story-8B-v2"));
    }

    #[test]
    fn a_sizeless_source_takes_its_size_from_the_copied_cards_base() {
        let card = "# Owl\n\nOwl is a fine-tuned version of Acme-7B-v0.1 for questions.\n";
        let inst = extract_json(serde_json::json!({"id": "quants/owl-v1-gguf", "card": card}));
        assert_eq!(inst.facts.base_model.as_deref(), Some("owl-v1"));
        assert_eq!(inst.facts.params, Some(7_000_000_000));
        assert_eq!(
            inst.facts.evidence_for(FactKind::Params).map(|e| (e.source, e.confidence)),
            Some((Source::BaseModel, Confidence::Guessed))
        );
    }

    #[test]
    fn a_stem_that_names_no_model_gives_nothing() {
        assert_eq!(base("quants/wan-gguf", "# W\n\nVideo model files for a C++ backend.\n").0, None);
    }

    #[test]
    fn a_port_card_opening_with_the_sized_name_names_the_source() {
        assert_eq!(stem("q/owl-voice.cpp-gguf").as_deref(), Some("owl-voice"));
        let card = "Owl Voice Multilingual 357M (C++/ggml, owl-voice.cpp), Q8_0. Native speech for Owl Voice.\n";
        assert_eq!(base("q/owl-voice.cpp-gguf", card).0.as_deref(), Some("Owl Voice Multilingual 357M"));
        let card = "Kite-Listen-Diarize 0.9B, an audio model. Q5_K GGUF for a C++ backend.\n";
        assert_eq!(base("q/kite-listen.cpp-gguf", card).0.as_deref(), Some("Kite-Listen-Diarize 0.9B"));
        // A stem too short to be a name on its own is completed by the opening name.
        let card = "Vid 2.1 T2V 1.3B — text-to-video model, GGUF-quantized for a C++ backend.\n";
        assert_eq!(base("q/vid-gguf", card).0.as_deref(), Some("Vid 2.1 T2V 1.3B"));
        // No size in the opening, or an opening about something else: the stem as before.
        assert_eq!(base("q/owl-voice.cpp-gguf", "Owl Voice Multilingual in C++.\n").0.as_deref(), Some("owl-voice"));
        assert_eq!(base("q/owl-voice.cpp-gguf", "Built for Acme 7B runners.\n").0.as_deref(), Some("owl-voice"));
        assert_eq!(base("q/vid-gguf", "Files for Vid 1.3B users.\n").0, None);
    }

    #[test]
    fn ctranslate2_conversions_and_a_lead_spelling_the_size() {
        assert_eq!(stem("q/translator-200-1.3B-ct2-int8").as_deref(), Some("translator-200-1.3B"));
        let card = "# Q\n\nOwl-TTS 0.6B Base (C++ / GGML). Native text-to-speech.\n";
        assert_eq!(base("q/Owl-TTS-GGUF", card).0.as_deref(), Some("Owl-TTS-0.6B-Base"));
        // Other words after the stem, or no size among them, leave the stem.
        assert_eq!(base("q/Owl-TTS-GGUF", "# Q\n\nOwl-TTS v1 Base in C++.\n").0.as_deref(), Some("Owl-TTS"));
        assert_eq!(base("q/Owl-TTS-GGUF", "# Q\n\nOwl-TTS-iMat-GGUF: quantized weights.\n").0.as_deref(), Some("Owl-TTS"));
        // The stem inside another repository's id is another model.
        assert_eq!(base("q/Owl-TTS-GGUF", "# Q\n\nAn update is at acme/Owl-TTS-v2 8B now.\n").0.as_deref(), Some("Owl-TTS"));
    }

    #[test]
    fn a_maker_converting_its_own_model_states_where_it_comes_from() {
        // The stem is no catalog model: the card's sentence about the model by its name wins.
        let card = "Heron 27B (Heron Labs) is a 27B-class reasoning model in 1-bit weights,\nderived from the Owl-3.5-27B hybrid backbone. A GPU is recommended.\n";
        let (b, ev) = base("heron-labs/Heron-27B-gguf", card);
        assert_eq!(b.as_deref(), Some("Owl-3.5-27B"));
        assert_eq!(ev, Some((Source::CardText, Confidence::Read)));
        // A conversion's words ("quants of") keep the stem's reading; no statement keeps the stem.
        assert_eq!(base("q/Heron-27B-gguf", "Heron 27B, a reasoning model. Runs on LocalAI.\n").0.as_deref(), Some("Heron-27B"));
        // A third party's conversion: the copied sentence names the source's own origin.
        let card = "Heron 27B (Heron Labs) is a reasoning model derived from the Owl-3.5-27B backbone.\n";
        assert_eq!(base("quants/Heron-27B-gguf", card).0.as_deref(), Some("Heron-27B"));
        // A sentence about another model states nothing for this one.
        let card = "Heron 27B is a reasoning model. Owl-3.5-27B was derived from Owl-3-27B.\n";
        assert_eq!(base("q/Heron-27B-gguf", card).0.as_deref(), Some("Heron-27B"));
    }
}

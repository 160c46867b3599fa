//! The base model stated in card prose: "a fine-tuned version of X", "fine-tune checkpoint of
//! [X](link)", "GGUF quants of X", "LoRA for X", "based on X", "Base language model: X",
//! "This is X finetuned on …".
//!
//! Why: a third of the cards that name their base model do it only in prose (older cards,
//! adapters, quantizations made before the `base_model` key existed). A cue phrase is followed
//! by the first name that looks like a model (`org/name`, or a name with a digit or hyphen such as
//! `bert-base-cased`), and a Hub link in the same paragraph whose name matches turns it into the
//! full id. Only the lead of the card is read: later paragraphs cite other models (baselines,
//! teachers, sibling checkpoints).
//!
//! Older and hand-written cards often link the base under a nickname ("the multilingual
//! [XLS-R](…/wav2vec2-xls-r-300m) model") that no cue reader can spell back to its id; when a
//! tuning sentence of the lead links exactly one other Hub model, that link is the base
//! ([`linked_in_tuning_lead`], read last). A sentence about how *another* model was made — its
//! subject names other models, or it ends by naming a different product ("…, obtaining X") —
//! states no base for this one.

use std::sync::LazyLock;

use regex::Regex;

use super::super::sections::BlockKind;
use super::super::{clean, families, task_inference};
use super::Ctx;

/// What was found, and the sentence that says so (for the evidence).
pub(super) struct Stated {
    pub model: String,
    pub sentence: String,
    /// The words state a conversion ("GGUF quants of X", "converted from X"), not a fine-tune.
    pub conversion: bool,
}

/// Cue words that state a conversion of the named model rather than training on it.
static CONVERSION_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)quant|gguf|gptq|awq|exl2|mlx|onnx|openvino|conver|export|original model").unwrap());

fn stated(model: String, sentence: String, cue: &str) -> Stated {
    Stated { model, sentence, conversion: CONVERSION_CUE.is_match(cue) }
}

/// Cue phrases after which the base model is named.
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:distilled from|fine[- ]?tuned version of|finetuned version of|fine[- ]?tuned? (?:checkpoint )?of|checkpoint (?:\([^)]{1,120}\) )?(?:of|for)|",
        r"\ban? (?:[a-z]{2,12}[- ])?tune of|",
        r"fine[- ]?tuned (?:from|on top of)|finetuned from|(?:trained|built|fine[- ]?tuned) (?:on top of|upon|off)|",
        r"based on|built (?:on|upon|off)(?: of)?|(?:builds|building) (?:on|upon)(?: the (?:strengths|foundation|success|capabilities) of)?|initiali[sz]ed (?:from|with)(?: the (?:weights|parameters) of)?|(?:pre-?)?trained (?:starting )?from|",
        r"quants? of|quanti[sz]ed (?:version|versions|model) of|quanti[sz]ations? of|",
        r"(?:gguf|gptq|awq|exl2|mlx) (?:format )?(?:model )?(?:files |quants |weights )?(?:for|of)|",
        r"loras? (?:for|of|on)|adapters? (?:for|of|on top of)|",
        r"derived from|adapted from|(?:direct |gguf |onnx |mlx |openvino )?conversions? of|converted (?:version )?(?:of|from)|exports? of|exported (?:version )?(?:of|from)|",
        r"merges? (?:of|between)|merger of|merged from|(?:block )?expansion of|pruned (?:version )?of|",
        r"\bby (?:further |continued )?(?:fine[- ]?tuning|finetuning|merging|quanti[sz]ing|pruning|converting) |",
        r"(?:continued|continual) pre-?training (?:of|from)|resumed from|",
        r"post-?train (?:the )?|post-?trained (?:from|on top of) |further (?:pre-?)?training (?:of )?(?:the )?|further (?:pre-?)?trained (?:from|on top of) |",
        r"(?:uncensored|abliterated|lorablated|decensored|quanti[sz]ed|gguf|onnx|mlx|instruct|instruction[- ]tuned|chat|aligned|",
        r"retrained|further[- ]trained|modified|merged|pruned|compressed|converted|editing|extended|enhanced|improved|",
        r"optimi[sz]ed|adapted|customi[sz]ed|speciali[sz]ed|reduced|trimmed|slimmed|smaller|lighter|[48][- ]?bit|int[48]|fp16|bf16) ",
        r"(?:versions?|variants?) of|[a-z]+[- ]tuned (?:versions?|variants?) of|",
        r"(?:its|the) base model \((?:specifically|namely|i\.e\.)?,?\s*|",
        r"backbone\s*:|backbone (?:is|was)\s|base (?:language |llm |text )?model\s*:|base model (?:is|was)\s+(?:is\s+)?|original model\s*:|",
        r"fine[- ]?tuned on|finetuned on|trained on)\s*",
    ))
    .unwrap()
});

/// "This is [org/name] finetuned on", "This is a `org/name` model, trained …", "is a
/// *bert-base-cased* model that was fine-tuned", "This is [org/name] INT8 model quantized with"
/// (a width or format word between the name and the verb).
static THIS_IS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:this is|is) (?:a |an |the )?[`*_]*([A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9._-]+)?(?: v?[0-9][0-9.]*)?)[`*_]*,? (?:(?:int[48]|fp8|fp16|bf16|[2-8][- ]?bits?|gguf|gptq|awq|onnx|openvino|dynamic|static) ){0,2}(?:model,? )?(?:that was |which was |further )?(?:fine[- ]?tuned|finetuned|trained|quanti[sz]ed)",
    )
    .unwrap()
});

/// Cues that also introduce architectures, methods and series ("based on the IS-Net design"):
/// after these the name must be linked to the Hub, carry an owner, combine a hyphen with a
/// digit, or be a known family checkpoint ("bart-base").
static WEAK_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:based on|built (?:on|upon|off)|(?:builds|building) (?:on|upon)|initiali[sz]ed|backbone|(?:pre-?)?trained (?:starting )?from)").unwrap()
});

/// Cues that mostly introduce data ("fine-tuned on SQuAD2.0"): only a model the reader can tell
/// is one counts after them.
static MODEL_ONLY_CUE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:fine[- ]?tuned|finetuned|trained) on").unwrap());

/// A checkpoint of a known family: "Qwen3-8B", "Llama-3.1-70B" (a family word of
/// [`task_inference::ARCHITECTURE_TASKS`] and a size), or a family size the size table knows
/// ("bert-base-cased", "roberta-large").
pub(super) fn family_checkpoint(name: &str) -> bool {
    static SIZE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9]+(?:\.[0-9]+)?[bm]$").unwrap());
    let lower = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric() && c != '.').filter(|w| !w.is_empty()).collect();
    let family = words.iter().any(|w| {
        let stem = w.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
        task_inference::ARCHITECTURE_TASKS.iter().any(|(f, _)| *f == *w || (!stem.is_empty() && *f == stem))
    });
    (family && words.iter().any(|w| SIZE.is_match(w))) || families::params_of_family(&lower).is_some()
}

/// A checkpoint file's name ("Acme_Anime_V2.ckpt", "base-v1.safetensors"): "based on" a weights
/// file names the model it starts from, never a method or a design.
fn weights_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".ckpt", ".safetensors", ".pth", ".pt"].iter().any(|x| lower.len() > x.len() + 2 && lower.ends_with(x))
}

/// True when the word right before a "backbone" cue names one tower of a multimodal model
/// ("vision", "audio", "image encoder").
fn component_before(before: &str) -> bool {
    const TOWERS: &[&str] = &["vision", "visual", "image", "audio", "speech", "encoder", "video", "text"];
    before.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty()).is_some_and(|w| TOWERS.contains(&w.to_ascii_lowercase().as_str()))
}

/// Words after a name that make it something else than a model ("the Qwen2.5 series", "the
/// voice-detect backend").
const NOT_AFTER: &[&str] = &[
    "series",
    "family",
    "models",
    "backend",
    "runtime",
    "engine",
    "framework",
    "format",
    "architecture",
    "library",
    "paper",
    "style",
    "loss",
    "method",
];

/// The word after `name` in `rest` is one of [`NOT_AFTER`]: "the Acme architecture", "the Owl
/// family" name a design or a series, not the checkpoint the weights start from.
fn names_a_kind(rest: &str, name: &str) -> bool {
    let after = rest.split_once(name).map(|(_, a)| a).unwrap_or("");
    let next = after.trim_start_matches(|c: char| !c.is_alphanumeric()).split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    NOT_AFTER.contains(&next.to_ascii_lowercase().as_str())
}

/// A name that can be a model: `org/name`, or a name with a digit or a hyphen.
static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[`*_\[(]*([A-Za-z0-9][A-Za-z0-9._-]{1,95}(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,95})?)").unwrap());

const SKIP_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "our",
    "their",
    "its",
    "this",
    "pretrained",
    "pre-trained",
    "original",
    "model",
    "popular",
    "base",
    "two",
    "following",
];

/// Words that look like names but are not models ("open-source", "state-of-the-art").
const NOT_MODELS: &[&str] = &["open-source", "state-of-the-art", "high-quality", "large-scale", "pre-trained", "fine-tuned", "real-world"];

/// A lowercase hyphenated description without a digit ("multi-modal", "cross-lingual",
/// "decoder-only", "transformer-based"): an adjective, not a model's name.
fn descriptive_compound(lower: &str) -> bool {
    const PREFIXES: &[&str] = &["multi-", "cross-", "self-", "semi-", "non-", "bi-", "uni-", "pre-", "post-", "open-", "well-", "fine-"];
    const SUFFIXES: &[&str] = &[
        "-based",
        "-tuned",
        "-trained",
        "-only",
        "-modal",
        "-lingual",
        "-supervised",
        "-scale",
        "-quality",
        "-source",
        "-weight",
        "-weights",
        "-purpose",
        "-domain",
        "-level",
        "-style",
        "-like",
        "-aware",
        "-free",
        "-focused",
        "-oriented",
        "-driven",
        "-centric",
        "-powered",
        "-enhanced",
        "-optimized",
        "-optimised",
        "-ready",
        "-friendly",
        "-specific",
        "-efficient",
    ];
    lower.contains('-')
        && !lower.contains('/')
        && !lower.chars().any(|c| c.is_ascii_digit())
        && (PREFIXES.iter().any(|p| lower.starts_with(p)) || SUFFIXES.iter().any(|x| lower.ends_with(x)))
}

fn looks_like_model(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.len() >= 3
        && !NOT_MODELS.contains(&lower.as_str())
        && !(name == lower && descriptive_compound(&lower))
        && (name.contains('/') || name.chars().any(|c| c.is_ascii_digit()) || name.contains('-'))
        && name.chars().any(|c| c.is_ascii_alphabetic())
        && !lower.ends_with(".py")
        && !lower.starts_with("http")
}

/// The first model-like name at the start of `rest`, after filler words; a Hub link written
/// out ("derived from https://huggingface.co/acme/Base-7B") is its `org/name`.
pub(super) fn first_name(rest: &str) -> Option<String> {
    // "GPTQ 4bit quantization of: <link>": a colon may stand between the cue and the name.
    let mut rest = rest.trim_start().trim_start_matches([':', '\u{ff1a}']).trim_start();
    if rest.starts_with("http://") || rest.starts_with("https://") {
        let url = rest.split(|c: char| c.is_whitespace() || c == ')' || c == ']').next().unwrap_or("");
        return hub_model(url.trim_end_matches(['.', ','])).filter(|id| looks_like_model(id) || id.contains('/'));
    }
    static SIZE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9]+(?:\.[0-9]+)?[BbMm]$").unwrap());
    // "Qwen2.5 1.5b", "Gemma 3 12B", "Llama-2 7B": a name, then its version and size words.
    // After them, the variant word of the checkpoint ("Gemma 3 12B IT", "Llama 3.1 70B Instruct").
    static TRAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^((?: (?:[0-9]+(?:\.[0-9]+)?[BbMm]?|v[0-9][A-Za-z0-9.]*)){1,2}(?: (?:IT|Instruct|instruct|Chat|chat|Base))?)(?:[\s,.;:)]|$)",
        )
        .unwrap()
    });
    for _ in 0..4 {
        let word = rest.split_whitespace().next()?;
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
        // "our 20B Acme-Image model": a size before the name is not the name.
        let size_first =
            SIZE.is_match(&bare) && rest.split_whitespace().nth(1).is_some_and(|n| n.chars().next().is_some_and(|c| c.is_alphabetic()));
        // "the multilingual", "the cross-lingual": a description before the name is skipped.
        let described = word.chars().all(|c| !c.is_ascii_uppercase()) && descriptive_compound(&bare);
        if SKIP_WORDS.contains(&bare.as_str()) || size_first || described {
            rest = rest[word.len()..].trim_start();
        } else {
            break;
        }
    }
    let c = NAME.captures(rest)?;
    let whole = c.get(0)?;
    let mut name = c[1].trim_end_matches(['.', ',', '-', '_']).to_string();
    // "Resumed from acme-v1-2.\n225,000 steps" read as one line: a number with a thousands
    // separator after the name's last dot is the next sentence, not a version.
    if rest[whole.end()..].starts_with(',') && rest[whole.end()..].chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
        if let Some(dot) = name.rfind('.').filter(|&d| name[d + 1..].chars().all(|c| c.is_ascii_digit())) {
            name.truncate(dot);
        }
    }
    // "Mistral NeMo 12B Instruct": two capitalised words, then the size and variant words.
    static SPACED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[`*_\[(]*([A-Z][A-Za-z0-9.]*) ([A-Z][A-Za-z0-9.]*)( [0-9]+(?:\.[0-9]+)?[BbMm])((?: (?:IT|Instruct|instruct|Chat|chat|Base))?)(?:[\s,.;:)]|$)")
            .unwrap()
    });
    if !looks_like_model(&name) {
        if let Some(s) = SPACED.captures(rest) {
            return Some(format!("{}-{}{}{}", &s[1], &s[2], s[3].replace(' ', "-"), s[4].replace(' ', "-")));
        }
    }
    // "a compact 1.7B LLM": a plain lowercase word before a size is no name.
    let name_like = name.chars().any(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    if name_like && c[1].len() == name.len() && whole.as_str().ends_with(&c[1]) && !name.contains('/') {
        if let Some(t) = TRAIL.captures(&rest[whole.end()..]) {
            name = format!("{name}{}", t[1].replace(' ', "-")).trim_end_matches('.').to_string();
        }
    }
    looks_like_model(&name).then_some(name)
}

/// The Hub model link of `links` whose name the words at the start of `rest` spell out: a
/// display name such as "Acme Chat 7B v0.1" for `acme/Chat-7B-v0.1` (or `…-hf`). One or two
/// filler words and an "Owner's" before the name may come first; the words end at a sentence
/// or clause mark, and the spelled name must carry a digit or be the link's whole name.
fn linked_after(rest: &str, links: &[String]) -> Option<String> {
    let ids: Vec<String> = links.iter().filter_map(|l| hub_model(l)).filter(|id| id.contains('/')).collect();
    if ids.is_empty() {
        return None;
    }
    let mut words: Vec<&str> = Vec::new();
    for w in rest.split_whitespace().take(10) {
        let clean = w.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        if !clean.is_empty() {
            words.push(clean);
        }
        if clean.len() != w.len() || w.ends_with(':') {
            break;
        }
    }
    // "Acme AI's Chat 7B": the name starts after the possessive.
    if let Some(i) = words.iter().rposition(|w| w.ends_with("'s") || w.ends_with("\u{2019}s")) {
        words.drain(..=i);
    }
    for start in 0..words.len().min(3) {
        for end in (start + 1..=words.len()).rev() {
            let spelled = squash(&words[start..end].join(" "));
            if spelled.len() < 4 {
                continue;
            }
            let found = ids.iter().find(|id| {
                let key = squash(id.rsplit('/').next().unwrap_or(id));
                // The link's text may spell the whole id ("[acme/owl-xl-1.0](…)").
                key == spelled
                    || squash(id) == spelled
                    || (spelled.chars().any(|c| c.is_ascii_digit())
                        && key.strip_prefix(spelled.as_str()).is_some_and(|extra| ["hf", "base"].contains(&extra)))
            });
            if let Some(id) = found {
                return Some(id.clone());
            }
        }
    }
    // "built on top of [Acme-3 base model](…/acme/Meta-Acme-3-8B)": a short display name, then
    // a generic noun, linked to the one checkpoint of the paragraph whose name holds it.
    let generic = words.iter().position(|w| ["base", "model", "checkpoint", "weights"].contains(&w.to_ascii_lowercase().as_str()))?;
    let spelled = squash(&words[..generic].join(" "));
    if spelled.len() < 4 || !spelled.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut holding = ids.iter().filter(|id| squash(id.rsplit('/').next().unwrap_or(id)).contains(&spelled));
    match (holding.next(), holding.next()) {
        (Some(id), None) => Some(id.clone()),
        _ => None,
    }
}

/// The squashed owner of "Acme's Model" at the start of `rest`.
fn possessive_owner(rest: &str) -> Option<String> {
    let rest = rest.trim_start().trim_start_matches(['[', '*', '_', '`']);
    let word = rest.split_whitespace().next()?;
    let owner = word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s"))?;
    let owner = squash(owner);
    (owner.len() >= 2).then_some(owner)
}

/// `org/name` of a Hub model link (not datasets, spaces, docs or files).
pub(super) fn hub_model(link: &str) -> Option<String> {
    let rest = link.split_once("huggingface.co/").or_else(|| link.split_once("hf.co/"))?.1;
    let mut parts = rest.split(['/', '?', '#']).filter(|p| !p.is_empty());
    let first = parts.next()?;
    if ["datasets", "spaces", "docs", "papers", "blog", "collections", "models"].contains(&first) {
        return None;
    }
    match parts.next() {
        Some(second) if !["blob", "resolve", "tree"].contains(&second) => Some(format!("{first}/{second}")),
        _ => Some(first.to_string()),
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// "The original … model can be found [here](hub link)", "the pre-trained model can be found
/// at [X](hub link)": a pointer to the base, answered by the paragraph's Hub link.
static FOUND_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:original|base|pre-?trained|foundation|parent|underlying)\b[^.;]{0,60}?\b(?:models?|checkpoints?|weights)\b[^.;]{0,20}?\b(?:can be found|is available|is avaliable|are available|is hosted)\b")
        .unwrap()
});

/// "Gemma 3 12B tune that …", "Llama 30B fine-tuned on …", "… model BLIP fine-tuned on …": a
/// display name right before a tuning word, at the start of a sentence or after "model".
static NAME_THEN_TUNE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.!?]\s+|\bmodel\s+)((?:[A-Za-z0-9][A-Za-z0-9._/-]*)(?: (?:[0-9]+(?:\.[0-9]+)?[BbMm]?|v[0-9][A-Za-z0-9.]*))*)(?:/[0-9]+[BbMm])?(?: model)? (?:fine-?tuned on|finetuned on|fine-?tune|finetune|tune|merge)\b")
        .unwrap()
});

/// "a faster, lighter version of X", in a sentence about knowledge distillation: X is the
/// teacher, which is no base (the gold rules; a student is trained from scratch).
fn distilled_version(text: &str, cue: &regex::Match) -> bool {
    cue.as_str().to_ascii_lowercase().contains("version") && sentence_at(text, cue.start()).to_ascii_lowercase().contains("distillation")
}

/// The `owner/name` that opens the code block without a language right after `block`: a list
/// of models written with four spaces of indent and no bullets. Blocks with a language (a
/// merge configuration in `yaml`, a `python` snippet) are not read.
fn indented_id_after(cx: &Ctx, block: &super::super::sections::Block) -> Option<String> {
    static OPENING_ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"^[`*_\[]*({})[`*_\]]*(?:\s|$)", super::HUB_ID)).unwrap());
    let blocks = &cx.card.doc.blocks;
    let at = blocks.iter().position(|x| std::ptr::eq(x, block))?;
    let next = blocks.get(at + 1).filter(|n| n.kind == BlockKind::Code && n.lang.is_empty())?;
    let first = next.text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let id = OPENING_ID.captures(first)?.get(1)?.as_str().trim_end_matches(['.', ',']).to_string();
    (!id.eq_ignore_ascii_case(&cx.record.id) && looks_like_model(id.rsplit('/').next().unwrap_or(&id))).then_some(id)
}

/// The base model a card's lead states in prose, if any.
pub(super) fn stated_base(cx: &Ctx) -> Option<Stated> {
    let own = squash(cx.record.id.rsplit('/').next().unwrap_or(""));
    let own_name = without_format_suffix(&own);
    // The title first: "Acme 1.0 is SD 1.5 fine tuned on art".
    let title = cx.title();
    let blocks: Vec<_> =
        title.iter().chain(cx.card.doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem))).collect();
    // A pointer to the original model in the lead beats any other wording there.
    let own_id = cx.record.id.to_ascii_lowercase();
    let mut seen = 0usize;
    for b in &blocks {
        seen += b.text.len();
        if seen > 6000 {
            break;
        }
        let text = b.text.replace('\n', " ");
        let Some(m) = FOUND_AT.find(&text) else { continue };
        if let Some(id) = b.links.iter().filter_map(|l| hub_model(l)).find(|id| id.contains('/') && id.to_ascii_lowercase() != own_id) {
            return Some(stated(id, sentence_at(&text, m.start()), m.as_str()));
        }
    }
    let mut seen = 0usize;
    for (bi, b) in blocks.iter().enumerate() {
        seen += b.text.len();
        if seen > 6000 {
            break;
        }
        let text = b.text.replace('\n', " ");
        // "a merge of the following models:" — the names are the list that follows.
        // "trained on the following datasets:" lists data, not models.
        if let Some(m) = CUE
            .find_iter(&text)
            .filter(|m| !MODEL_ONLY_CUE.is_match(m.as_str()))
            .find(|m| text[m.end()..].trim_end().ends_with(':') && first_name(&text[m.end()..]).is_none())
        {
            if let Some(next) = blocks.get(bi + 1).filter(|n| n.kind == BlockKind::ListItem) {
                let linked = next.links.iter().find_map(|l| hub_model(l));
                if let Some(model) = linked.or_else(|| first_name(&next.text)) {
                    return Some(stated(model, sentence_at(&text, m.start()), m.as_str()));
                }
            }
            // "This is a merge of two models:\n\n    acme/Owl-12B - itself a merge …": the list
            // indented by four spaces (read as code, no fence) opens with a Hub id.
            if let Some(model) = indented_id_after(cx, b) {
                return Some(stated(model, sentence_at(&text, m.start()), m.as_str()));
            }
        }
        let linked_keys: Vec<String> =
            b.links.iter().filter_map(|l| hub_model(l)).map(|id| squash(id.rsplit('/').next().unwrap_or(&id))).collect();
        let mut candidates: Vec<(usize, String, String)> = Vec::new();
        candidates.extend(CUE.find_iter(&text).filter_map(|m| {
            let found = |name: String| Some((m.start(), name, m.as_str().to_string()));
            // "a finetuned version of a pruned [Acme Voice large-v3](…/acme/voice-large-v3)":
            // the words after the cue are a linked display name.
            if let Some(id) = linked_after(&text[m.end()..], &b.links) {
                return found(id);
            }
            // "Our models are distilled from [Acme-XL](hub link)": a linked checkpoint the
            // weights start from. Unlinked, the teacher of a distillation is named ("distilled
            // from Acme-R1 based on Owl"), which is no base.
            if m.as_str().to_ascii_lowercase().starts_with("distilled") {
                return None;
            }
            // "model files for Acme's Story Writer 13B": the owner, then the model; the
            // paragraph's Hub link under that owner is the id.
            if let Some(owner) = possessive_owner(&text[m.end()..]) {
                let linked =
                    b.links.iter().filter_map(|l| hub_model(l)).find(|id| id.split_once('/').is_some_and(|(o, _)| squash(o) == owner));
                return linked.and_then(found);
            }
            // "The harness is derived from X", "a dataset that is derived from X": the words
            // before the cue are about something that is not a model.
            if thing_before(&text[..m.start()]) {
                return None;
            }
            let Some(name) = first_name(&text[m.end()..]) else {
                // "further training the BERT language model": a capitalised acronym named as a model.
                return acronym_model(&text[m.end()..]).and_then(found);
            };
            if names_a_kind(&text[m.end()..], &name) {
                return None;
            }
            // "fine-tuned on X" names data far more often than a model: only a linked Hub
            // model or a family checkpoint ("Qwen3-8B", "bert-base-cased") is the base there.
            if MODEL_ONLY_CUE.is_match(m.as_str()) && !(linked_keys.contains(&squash(&name)) || family_checkpoint(&name)) {
                return None;
            }
            // "a faster, lighter version of X, made by knowledge distillation": X is the teacher,
            // which is no base.
            if distilled_version(&text, &m) {
                return None;
            }
            // "The vision backbone is X": one tower of a multimodal model, not its base.
            if m.as_str().to_ascii_lowercase().starts_with("backbone") && component_before(&text[..m.start()]) {
                return None;
            }
            let strong = name.contains('/')
                || linked_keys.contains(&squash(&name))
                || weights_file(&name)
                || (name.contains('-') && name.chars().any(|c| c.is_ascii_digit()))
                || families::params_of_family(&name).is_some();
            if strong || !WEAK_CUE.is_match(m.as_str()) {
                found(name)
            } else {
                None
            }
        }));
        candidates.extend(THIS_IS.captures_iter(&text).filter_map(|c| {
            // "is SD 1.5 fine tuned": the version word joins the name.
            let n = c[1].replace(' ', "-");
            (looks_like_model(&n) && (n.contains('/') || n.contains('-')))
                .then(|| (c.get(0).map(|m| m.start()).unwrap_or(0), n, c[0].to_string()))
        }));
        // The name before a tuning word, in the card's first two paragraphs only.
        if bi < 2 {
            candidates.extend(NAME_THEN_TUNE.captures_iter(&text).filter_map(|c| {
                let g = c.get(1)?;
                let name = g.as_str().trim_end_matches(['.', ',']).replace(' ', "-");
                let acronym = name.len() >= 3 && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                (looks_like_model(&name) || acronym).then(|| (g.start(), name, c[0].to_string()))
            }));
        }
        candidates.sort();
        for (start, name, cue) in candidates {
            let key = squash(name.rsplit('/').next().unwrap_or(&name));
            if key.is_empty() || key == own {
                continue;
            }
            // "Sibling-Z & Sibling are trained based on X": the sentence is about other models —
            // unless the sentence ends by naming this model as what it produced ("… to
            // post-train X, obtaining <this model>").
            let product = yields(&text, start, &own);
            if product == Some(false) || (start > 0 && subject_of(&text, start, &own, &own_name) == Subject::Other && product.is_none()) {
                continue;
            }
            // A Hub link in the paragraph whose name is this name gives the full id.
            let linked = b.links.iter().filter_map(|l| hub_model(l)).find(|id| squash(id.rsplit('/').next().unwrap_or(id)) == key);
            let model = linked.unwrap_or(name);
            return Some(stated(model, sentence_at(&text, start), &cue));
        }
    }
    stated_for_own_name(cx, &own, &own_name)
}

/// The base named in a table with a "Base Model" column, in the row one of whose other cells is
/// this model ("| Acme-Distill-7B | [Big-Math-7B](…) |", "| CoSENT | acme/base-zh | acme/this-model | 79.3 |"):
/// release and comparison tables that list every sibling.
pub(super) fn base_in_table(cx: &Ctx) -> Option<Stated> {
    let own = squash(cx.record.id.rsplit('/').next().unwrap_or(""));
    let own_name = without_format_suffix(&own);
    let mut column: Option<usize> = None;
    let mut prev_row = false;
    for b in cx.card.doc.blocks.iter().take(3000) {
        if b.kind != BlockKind::TableRow {
            prev_row = false;
            column = None;
            continue;
        }
        let cells: Vec<&str> = b.text.split(" | ").map(str::trim).collect();
        if !prev_row || column.is_none() {
            column = cells.iter().position(|c| {
                // "Base Model", "BaseModel", "base_model", "Fine-tuned from".
                ["basemodel", "base", "basemodels", "finetunedfrom"].contains(&squash(c).as_str())
            });
            prev_row = true;
            if column.is_some() {
                continue;
            }
        }
        prev_row = true;
        let Some(col) = column else { continue };
        let names_own = |i: usize, c: &&str| {
            let key = squash(c.rsplit('/').next().unwrap_or(c));
            i != col && !key.is_empty() && (key == own || key == own_name)
        };
        if !cells.iter().enumerate().any(|(i, c)| names_own(i, c)) {
            continue;
        }
        let cell = cells.get(col).copied().unwrap_or("").trim_matches(['*', '`', ' ']);
        let key = squash(cell);
        if key.len() < 3 || key == own {
            continue;
        }
        let linked = b.links.iter().filter_map(|l| hub_model(l)).find(|id| squash(id.rsplit('/').next().unwrap_or(id)) == key);
        let model = linked.or_else(|| looks_like_model(cell).then(|| cell.replace(' ', "-")))?;
        return Some(Stated { model, sentence: ptmpicker::human::truncate_chars(&b.text, 160), conversion: false });
    }
    None
}

/// `org/name` of a link to a Hub model, also written relative to the Hub ("/acme/base-7b", as a
/// card's Markdown resolves on its model page).
fn hub_model_or_relative(link: &str) -> Option<String> {
    if let Some(id) = hub_model(link).filter(|id| id.contains('/')) {
        return Some(id);
    }
    let rest = link.strip_prefix('/').filter(|r| !r.starts_with('/'))?;
    let parts: Vec<&str> = rest.split(['?', '#']).next()?.split('/').filter(|p| !p.is_empty()).collect();
    let reserved = ["datasets", "spaces", "docs", "papers", "blog", "collections", "models", "settings", "organizations"];
    (parts.len() == 2 && !reserved.contains(&parts[0]) && !parts[1].contains('.')).then(|| format!("{}/{}", parts[0], parts[1]))
}

/// Words of a sentence that likens this model's design to another's.
static COMPARES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:resembl\w*|(?:almost |nearly )?identical to|similar to|same (?:architecture|design) as|architecture (?:of|like))\b",
    )
    .unwrap()
});

/// A sentence of the card's lead that tunes, pre-trains or adapts, in a paragraph linking to
/// exactly one other Hub model: "This model is [LlaMa2-7b](…/meta-llama/Llama-2-7b) which is
/// fine-tuned on …", "created by fine-tuning the multilingual [XLS-R](…) model on …",
/// "pretrained on this [pubmed roberta](/acme/roberta-pubmed)". The shown words may be a
/// nickname the cue readers cannot match, but a single linked model in the sentence that says
/// how this one was made is its base. Read last, when no cue phrase named a model.
pub(super) fn linked_in_tuning_lead(cx: &Ctx) -> Option<Stated> {
    static TUNED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(?:fine[- ]?tun\w*|finetun\w*|(?:pre-?)?trained on|further trained|adapted from)").unwrap());
    // Paragraphs that list other checkpoints (siblings, quantizations, demos) link to models
    // that are not the base.
    static LISTS_OTHERS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:see also|check out|other (?:models|versions|sizes)|collection|versions? (?:of this|are available)|demo|space|compare|comparison|baselines?|outperform\w*|we also release)\b").unwrap()
    });
    let own_id = cx.record.id.to_ascii_lowercase();
    let own = squash(cx.record.id.rsplit('/').next().unwrap_or(""));
    let own_name = without_format_suffix(&own);
    let mut seen = 0usize;
    for b in cx.card.doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)).take(6) {
        seen += b.text.len();
        if seen > 3000 {
            break;
        }
        let mut ids: Vec<String> =
            b.links.iter().filter_map(|l| hub_model_or_relative(l)).filter(|id| id.to_ascii_lowercase() != own_id).collect();
        ids.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        let text = b.text.replace('\n', " ");
        // "audio pseudo-labelled using [X](…)": the linked model made the training data.
        static MADE_DATA: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i)\b(?:collected|generated|labell?ed|annotated|synthesi[sz]ed|transcribed|translated) (?:\w+ ){0,2}(?:using|with|by)\b",
            )
            .unwrap()
        });
        if ids.len() != 1 || LISTS_OTHERS.is_match(&text) || MADE_DATA.is_match(&text) {
            continue;
        }
        let Some(m) = TUNED.find(&text) else { continue };
        let id = ids.remove(0);
        // "Its architecture … is almost identical to that of [Acme-6B](…)": the sentence naming
        // the link compares designs; the model was not made from it.
        let linked_key = squash(id.rsplit('/').next().unwrap_or(&id));
        if clean::split_sentences(&text).iter().any(|s| COMPARES.is_match(s) && squash(s).contains(&linked_key)) {
            continue;
        }
        // "This model is [LlaMa2-7b](…) which is fine-tuned": the model named before the tuning
        // word may be the linked one itself.
        let prefix_start = text[..m.start()].rfind(". ").map(|i| i + 2).unwrap_or(0);
        let only_the_link = model_names_in(&text[prefix_start..m.start()]).iter().all(|n| squash(n) == linked_key);
        if !only_the_link && subject_of(&text, m.start(), &own, &own_name) == Subject::Other {
            continue;
        }
        // A repository named after this one ("…/this-model-lora", "…/this-model-v2") is a
        // sibling or a derivative, not the base.
        let key = squash(id.rsplit('/').next().unwrap_or(&id));
        if own.len() >= 4 && (key.starts_with(&own) || key.contains(&own_name)) {
            continue;
        }
        return Some(Stated { model: id, sentence: sentence_at(&text, m.start()), conversion: false });
    }
    None
}

/// A line that starts with the base-model label in another language and links one Hub model, or
/// names a strong model name ("- 基础模型，M3E 使用 hfl 实验室的 [Roberta](…/hfl/chinese-roberta-wwm-ext)
/// 系列模型进行训练", "ベースモデル：acme/base-7b"): the label says what the link is.
pub(super) fn base_in_other_language_label(cx: &Ctx) -> Option<Stated> {
    let own_id = cx.record.id.to_ascii_lowercase();
    for b in cx.card.doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)).take(400) {
        for line in b.text.lines().take(20) {
            let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '+' | '#'));
            // Cheap test first: most lines start with no label's first letter.
            let Some(first) = trimmed.chars().next().map(|c| c.to_lowercase().next().unwrap_or(c)) else { continue };
            if !super::BASE_LABELS_OTHER_LANGUAGES.iter().any(|l| l.starts_with(first)) {
                continue;
            }
            let lower = trimmed.to_lowercase();
            let Some(label) = super::BASE_LABELS_OTHER_LANGUAGES.iter().find(|l| lower.starts_with(*l)) else { continue };
            // The label is a word of its own: a separator or space follows it.
            let rest = &lower[label.len()..];
            if !rest.starts_with(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | ',' | '，' | '、' | '(' | '（' | '-')) {
                continue;
            }
            let mut ids: Vec<String> =
                b.links.iter().filter_map(|l| hub_model(l)).filter(|id| id.contains('/') && id.to_ascii_lowercase() != own_id).collect();
            ids.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
            let rest_text = trimmed.get(label.len()..).unwrap_or("").trim_start_matches(|c: char| !c.is_alphanumeric());
            let model = match ids.len() {
                1 => ids.remove(0),
                0 => match first_name(rest_text) {
                    Some(n) if n.contains('/') || (n.contains('-') && n.chars().any(|c| c.is_ascii_digit())) || family_checkpoint(&n) => n,
                    _ => continue,
                },
                _ => continue,
            };
            return Some(Stated { model, sentence: ptmpicker::human::truncate_chars(line.trim(), 160), conversion: false });
        }
    }
    None
}

/// Statements about this model's base that are explicit wherever they stand, read past the lead
/// (architecture, bias and training sections state them, far down long cards): "inherits the
/// biases of its base model (specifically, X)", "the model has the pretrained X as the backbone",
/// "we used the pretrained [X](hub link) model". The name must be strong (an owner, a digit with
/// a hyphen, a family checkpoint or a Hub link of the card), and a Hub link anywhere in the card
/// that spells it gives the full id.
pub(super) fn explicit_base_in_body(cx: &Ctx) -> Option<Stated> {
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:(?:its|the) base model \((?:specifically|namely|i\.e\.)?,?\s*|we (?:use|used|start from|started from|initiali[sz]e from) (?:the |a )?pre-?trained\s+)").unwrap()
    });
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bhas (?:the |a )?(?:pre-?trained )?[`*_]*([A-Za-z0-9][A-Za-z0-9._/-]+)[`*_]* as (?:the|its) (?:backbone|base)\b")
            .unwrap()
    });
    let own = squash(cx.record.id.rsplit('/').next().unwrap_or(""));
    let own_name = without_format_suffix(&own);
    let card_ids: Vec<String> =
        cx.card.doc.blocks.iter().flat_map(|b| b.links.iter()).filter_map(|l| hub_model(l)).filter(|id| id.contains('/')).collect();
    let mut seen = 0usize;
    for b in cx.card.doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)) {
        seen += b.text.len();
        if seen > cx.p.scan_bytes {
            break;
        }
        let text = b.text.replace('\n', " ");
        let found = AFTER
            .find_iter(&text)
            .filter_map(|m| first_name(&text[m.end()..]).map(|n| (m.start(), n)))
            .chain(BEFORE.captures_iter(&text).filter_map(|c| {
                let n = c[1].trim_end_matches(['.', ',']).to_string();
                looks_like_model(&n).then(|| (c.get(0).map_or(0, |m| m.start()), n))
            }))
            .min_by_key(|(at, _)| *at);
        let Some((at, name)) = found else { continue };
        let key = squash(name.rsplit('/').next().unwrap_or(&name));
        if key.is_empty() || key == own || key == own_name || subject_of(&text, at, &own, &own_name) == Subject::Other {
            continue;
        }
        let linked = card_ids.iter().find(|id| squash(id.rsplit('/').next().unwrap_or(id)) == key).cloned();
        let strong = linked.is_some()
            || name.contains('/')
            || (name.contains('-') && name.chars().any(|c| c.is_ascii_digit()))
            || family_checkpoint(&name);
        if !strong {
            continue;
        }
        return Some(Stated { model: linked.unwrap_or(name), sentence: sentence_at(&text, at), conversion: false });
    }
    None
}

/// The base a training config shown in the card names (`base_model: acme/Base-7B` in an
/// axolotl YAML, `"base_model_name_or_path": "acme/Base-7B"` in a PEFT adapter config).
pub(super) fn base_in_config(cx: &Ctx) -> Option<Stated> {
    static KEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?m)^\s*"?(?:base_model|base_model_name_or_path)"?\s*[:=]\s*["']?([A-Za-z0-9./_-]{3,120})["']?\s*,?\s*$"#).unwrap()
    });
    let own = squash(cx.record.id.rsplit('/').next().unwrap_or(""));
    for b in cx.card.doc.blocks.iter().filter(|b| b.kind == BlockKind::Code).take(40) {
        let Some(c) = KEY.captures(&b.text) else { continue };
        let raw = c[1].trim_end_matches('/');
        // A local path ("./llama-30b", "/models/acme-7b") names the model by its last part.
        let value = if raw.starts_with('.') || raw.starts_with('/') || raw.matches('/').count() > 1 {
            raw.rsplit('/').next().unwrap_or(raw)
        } else {
            raw
        };
        let lower = value.to_ascii_lowercase();
        if !looks_like_model(value) || squash(value) == own || ["your", "path", "model_name", "<", "xxx"].iter().any(|p| lower.contains(p))
        {
            continue;
        }
        return Some(Stated { model: value.to_string(), sentence: c[0].trim().to_string(), conversion: false });
    }
    None
}

/// A squashed name without a trailing format or quantization word ("…7binstructgguf" →
/// "…7binstruct"): how the card's own prose names the model a repository converts.
fn without_format_suffix(own: &str) -> String {
    const SUFFIXES: &[&str] =
        &["gguf", "ggml", "awq", "gptq", "exl2", "mlx", "bnb", "4bit", "8bit", "fp8", "fp16", "bf16", "int4", "int8", "onnx", "hf"];
    let mut s = own;
    for _ in 0..3 {
        match SUFFIXES.iter().find_map(|x| s.strip_suffix(x)) {
            Some(rest) if rest.len() >= 3 => s = rest,
            _ => break,
        }
    }
    s.to_string()
}

/// A squashed own name without the word of a file layout at its end ("…original",
/// "…diffusers", "…ckpt"): the repository holds the same weights as the plain name.
fn without_packaging_suffix(own: &str) -> &str {
    const PACKAGING: &[&str] = &["original", "diffusers", "ckpt", "safetensors", "pytorch"];
    PACKAGING.iter().find_map(|x| own.strip_suffix(x)).unwrap_or(own)
}

/// Nouns that are not models, which a derivation cue may follow ("the harness is derived from").
const THINGS: &[&str] = &[
    "dataset",
    "datasets",
    "data",
    "corpus",
    "harness",
    "tokenizer",
    "code",
    "codebase",
    "implementation",
    "benchmark",
    "evaluation",
    "pipeline",
    "script",
    "scripts",
    "recipe",
    "template",
    "prompt",
    "prompts",
    "method",
    "loss",
    "scheduler",
    "vocabulary",
    "library",
    "framework",
    "design",
    "architecture",
    "paper",
    "license",
    "licence",
    "format",
];

/// True when the last noun before a cue (skipping "that is", "which was", adverbs…) is one of
/// [`THINGS`].
fn thing_before(before: &str) -> bool {
    const SKIP: &[&str] = &[
        "that",
        "which",
        "is",
        "was",
        "are",
        "were",
        "been",
        "being",
        "has",
        "have",
        "also",
        "heavily",
        "largely",
        "partly",
        "mainly",
        "directly",
        "itself",
        "originally",
        "all",
    ];
    let words = before.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).rev().take(5);
    for w in words {
        let w = w.to_ascii_lowercase();
        if SKIP.contains(&w.as_str()) {
            continue;
        }
        return THINGS.contains(&w.as_str());
    }
    false
}

/// A capitalised acronym or CamelCase name followed by "model" ("the BERT language model",
/// "RoBERTa base model"): a model named without digit or hyphen. Generic network kinds (CNN,
/// LSTM, LLM…) are not names.
fn acronym_model(rest: &str) -> Option<String> {
    static ACRONYM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:the |a |an |pre-?trained |original )*([A-Z][A-Za-z]*[A-Z][A-Za-z]*) (?:(?:language|base|pre-?trained|foundation) )?model\b")
            .unwrap()
    });
    const GENERIC: &[&str] = &[
        "CNN", "RNN", "LSTM", "GRU", "GAN", "VAE", "MLP", "LLM", "NLP", "DNN", "MoE", "ML", "AI", "TTS", "ASR", "OCR", "NER", "LM", "VLM",
        "MLM",
    ];
    let c = ACRONYM.captures(rest)?;
    let name = c[1].to_string();
    (name.len() >= 3 && !GENERIC.contains(&name.as_str())).then_some(name)
}

/// What the sentence after `at` says the work produced ("…, obtaining Acme-R1-Qwen-8B"):
/// `Some(true)` when that is this model, `Some(false)` when it is another one (the sentence
/// tells how a sibling was made), `None` when it names no product.
fn yields(text: &str, at: usize, own: &str) -> Option<bool> {
    static RESULT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:obtaining|resulting in|yielding|producing|to produce|to obtain|to create|creating|which gives|giving)\s+[`*_\[]*([A-Za-z0-9][A-Za-z0-9._/-]*)").unwrap()
    });
    let end = text[at..].find(". ").map(|i| at + i).unwrap_or(text.len());
    let products: Vec<String> = RESULT
        .captures_iter(&text[at..end])
        .map(|c| c[1].trim_end_matches(['.', ',']).to_string())
        .filter(|n| looks_like_model(n))
        .map(|n| squash(n.rsplit('/').next().unwrap_or(&n)))
        .collect();
    if products.is_empty() || own.len() < 3 {
        return None;
    }
    Some(products.iter().any(|p| p == own))
}

/// Whom the words before a cue (since the sentence start) are about.
#[derive(Debug, PartialEq, Eq)]
enum Subject {
    /// The model itself, by its own name.
    Own,
    /// Other named models only ("Acme-R1-Zero & Acme-R1 are trained based on …" on another
    /// model's card that lists its siblings).
    Other,
    /// No model is named ("This model is a fine-tune of …").
    Unnamed,
}

static MODEL_NAME: LazyLock<Regex> =
    // A name starts a word: the "x1024" of "576x1024" is a resolution, not a model.
    LazyLock::new(|| Regex::new(r"\b(?:[A-Za-z][A-Za-z0-9._]*(?:-[A-Za-z0-9._]+)+|[A-Za-z]+[0-9][A-Za-z0-9._]*)").unwrap());

/// The model-like names (with a digit) in `words`.
fn model_names_in(words: &str) -> Vec<&str> {
    MODEL_NAME.find_iter(words).map(|m| m.as_str()).filter(|n| looks_like_model(n) && n.chars().any(|c| c.is_ascii_digit())).collect()
}

/// True when `name` (squashed) is `own_name` without a trailing size ("acmechat15" of
/// "acmechat158b"): the card names its model's series, whose sizes share one origin.
fn series_of(name: &str, own_name: &str) -> bool {
    static SIZE_TAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9]+(?:x[0-9]+)?[bm]$").unwrap());
    name.len() >= 5 && own_name.strip_prefix(name).is_some_and(|tail| SIZE_TAIL.is_match(tail))
}

fn subject_of(text: &str, at: usize, own: &str, own_name: &str) -> Subject {
    let at = at.min(text.len());
    let start = text[..at].rfind(['!', '?', '\n']).map(|i| i + 1).unwrap_or(0);
    let start = text[start..at].rfind(". ").map(|i| start + i + 2).unwrap_or(start);
    let subject = &text[start..at];
    let words = squash(subject);
    if own.len() >= 3 && words.contains(own) {
        return Subject::Own;
    }
    // "acme-v-1-4-original", "acme-v1-4-diffusers": the same weights in another file layout,
    // which the card calls by the plain name ("The Acme-v-1-4 checkpoint was initialized …").
    let unpackaged = without_packaging_suffix(own);
    if unpackaged.len() >= 3 && unpackaged.len() < own.len() && words.contains(unpackaged) {
        return Subject::Own;
    }
    // On a conversion's card ("…-GGUF"), a sentence about the source model by its name tells
    // the source's own origin, not this repository's.
    if own_name.len() >= 3 && words.contains(own_name) {
        return if own_name == own { Subject::Own } else { Subject::Other };
    }
    // "Acme-ChatQA-1.5 is built on top of …" on `Acme-ChatQA-1.5-8B`: the series name, without the
    // size the repository adds, speaks for every size of it.
    if model_names_in(subject).iter().any(|n| series_of(&squash(n), own_name)) {
        return Subject::Own;
    }
    if model_names_in(subject).iter().any(|n| !squash(n).is_empty()) {
        Subject::Other
    } else {
        Subject::Unnamed
    }
}

/// On a conversion repository whose source is no catalog model, the base a sentence about the
/// model by its own name states ("Acme 27B (Acme Labs) is a reasoning model in 1-bit weights,
/// derived from the Owl-3-27B backbone" on `acme-labs/Acme-27B-gguf`). A maker that publishes
/// its model only converted describes that model, so the sentence tells where it comes from;
/// the id's stem would only name the repository itself. The sentence must name the
/// repository's owner as the maker ("(Acme Labs)" for `acme-labs/…`): a third party's
/// conversion copies the source's card, whose sentence tells the source's own origin.
pub(super) fn stated_for_converted_own_name(cx: &Ctx) -> Option<Stated> {
    let (owner, name) = cx.record.id.split_once('/')?;
    let owner = squash(owner);
    let own = squash(name);
    let own_name = without_format_suffix(&own);
    if own_name == own || own_name.len() < 3 || owner.len() < 3 {
        return None;
    }
    stated_for_own_name(cx, &own_name, &own_name).filter(|s| !s.conversion && squash(&s.sentence).contains(&owner))
}

/// The base a card names in a sentence about this model by its own name, anywhere in the card
/// ("Acme-Distill-70B is derived from Big-3.3-70B-Instruct" in a licence section that lists
/// every sibling's origin).
fn stated_for_own_name(cx: &Ctx, own: &str, own_name: &str) -> Option<Stated> {
    let mut seen = 0usize;
    for b in cx.card.doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)) {
        seen += b.text.len();
        if seen > cx.p.scan_bytes {
            break;
        }
        let text = b.text.replace('\n', " ");
        let linked_keys: Vec<String> =
            b.links.iter().filter_map(|l| hub_model(l)).map(|id| squash(id.rsplit('/').next().unwrap_or(&id))).collect();
        for m in CUE.find_iter(&text) {
            let Some(name) = first_name(&text[m.end()..]) else { continue };
            let key = squash(name.rsplit('/').next().unwrap_or(&name));
            // "builds upon the Acme architecture": a design, not a checkpoint (as in the lead).
            if names_a_kind(&text[m.end()..], &name) {
                continue;
            }
            if (MODEL_ONLY_CUE.is_match(m.as_str()) && !(linked_keys.contains(&key) || family_checkpoint(&name)))
                || distilled_version(&text, &m)
            {
                continue;
            }
            if key.is_empty()
                || key == own
                || subject_of(&text, m.start(), own, own_name) != Subject::Own
                || yields(&text, m.start(), own) == Some(false)
            {
                continue;
            }
            let linked = b.links.iter().filter_map(|l| hub_model(l)).find(|id| squash(id.rsplit('/').next().unwrap_or(id)) == key);
            return Some(stated(linked.unwrap_or(name), sentence_at(&text, m.start()), m.as_str()));
        }
    }
    None
}

/// The sentence of `text` around byte `at`, cut to 160 characters.
pub(super) fn sentence_at(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let start = text[..at].rfind(['.', '!', '?', '\n']).map(|i| i + 1).unwrap_or(0);
    let end = text[at..].find(['!', '?', '\n']).map(|i| at + i).unwrap_or(text.len());
    let end = text[at..end].find(". ").map(|i| at + i + 1).unwrap_or(end);
    ptmpicker::human::truncate_chars(text[start..end].trim(), 160)
}

#[cfg(test)]
mod tests {
    use super::super::extract_json;

    fn base(card: &str) -> Option<String> {
        extract_json(serde_json::json!({"id": "someone/my-model", "card": card})).facts.base_model
    }

    #[test]
    fn a_tune_of_a_model_names_its_base() {
        let b = base("# Owl Dark 12B\n\nOwl Dark 12B v2 is an unhinged tune of Gemma 3 12B, but it keeps vision.\n");
        assert!(b.as_deref().is_some_and(|b| b.to_ascii_lowercase().contains("gemma")), "{b:?}");
        let b = base("# Owl 24B\n\nOwl 24B is an RP tune of Mistral-Small-24B-Instruct for stories.\n");
        assert!(b.as_deref().is_some_and(|b| b.to_ascii_lowercase().contains("mistral-small")), "{b:?}");
        // A melody is no model.
        assert_eq!(base("# Owl Music\n\nGive it a prompt and it writes a tune of thirty seconds.\n"), None);
    }

    #[test]
    fn a_model_that_builds_on_another_names_its_base() {
        let b = base("# Clinic-7B\n\nClinic-7B is a language model for clinical notes. This model builds on the strengths of Owl 2 7B, adapting it with targeted fine-tuning.\n");
        assert_eq!(b.as_deref(), Some("Owl-2-7B"));
        // Building on a design names no checkpoint, in the lead or further down.
        assert_eq!(
            base("# Clinic-7B\n\nA parser.\n\n## Details\n\nClinic-7B builds upon the Owl3 architecture, with a new encoder.\n"),
            None
        );
        // Building on prior work names no model.
        assert_eq!(base("# Clinic\n\nThis model builds on prior work in clinical text mining.\n"), None);
    }

    #[test]
    fn a_repackaged_checkpoint_is_told_of_by_its_plain_name() {
        let card = "# Owl Diffusion\n\nThe **Owl-Diffusion-v-2-0** checkpoint was initialized with the weights of the Owl-Diffusion-v-1-5 checkpoint and then fine-tuned on 100k steps.\n";
        let b = extract_json(serde_json::json!({"id": "lab/owl-diffusion-v-2-0-original", "card": card})).facts.base_model;
        assert_eq!(b.as_deref(), Some("Owl-Diffusion-v-1-5"));
        // Another model's history, told in this model's card, is no base of it.
        let b = extract_json(serde_json::json!({"id": "lab/owl-diffusion-v-3-0", "card": card})).facts.base_model;
        assert_eq!(b, None);
    }

    #[test]
    fn cue_phrases_name_the_base() {
        assert_eq!(
            base("# M\n\nThis model is a fine-tune checkpoint of [DistilBERT-base-uncased](https://huggingface.co/distilbert-base-uncased), fine-tuned on SST-2.\n").as_deref(),
            Some("distilbert-base-uncased")
        );
        assert_eq!(
            base(
                "# M\n\nThis is the checkpoint for [bart-large](https://huggingface.co/facebook/bart-large) after being trained on MNLI.\n"
            )
            .as_deref(),
            Some("facebook/bart-large")
        );
        assert_eq!(base("# M\n\nGGUF quants of acme/Chat-13B, made with llama.cpp.\n").as_deref(), Some("acme/Chat-13B"));
        assert_eq!(
            base("# M\n\nThis repository provides trained LoRAs for [FLUX.1-dev model](https://huggingface.co/black-forest-labs/FLUX.1-dev).\n").as_deref(),
            Some("black-forest-labs/FLUX.1-dev")
        );
        assert_eq!(base("# M\n\nI trained this model based on `Bart-base` to rewrite answers.\n").as_deref(), Some("Bart-base"));
        assert_eq!(
            base("# M\n\n- Base Language Model: Qwen2.5-0.5B-Instruct handles the text.\n").as_deref(),
            Some("Qwen2.5-0.5B-Instruct")
        );
        assert_eq!(
            base("# M\n\nThis is [acme/Base-7B](https://huggingface.co/acme/Base-7B) finetuned on our chats.\n").as_deref(),
            Some("acme/Base-7B")
        );
        assert_eq!(
            base("# M\n\nSpecifically, this model is a *bert-base-cased* model that was fine-tuned on CoNLL.\n").as_deref(),
            Some("bert-base-cased")
        );
    }

    #[test]
    fn a_width_word_may_stand_between_the_name_and_the_verb() {
        assert_eq!(
            base("# Owl-embed int8\n\nThis is [owl-lab/owl-embed-base](https://huggingface.co/owl-lab/owl-embed-base) INT8 model quantized with an optimum toolkit.\n").as_deref(),
            Some("owl-lab/owl-embed-base")
        );
    }

    #[test]
    fn a_weights_file_after_based_on_is_the_base() {
        assert_eq!(
            base("# Ink style\n\n### Model used to train:\nDreamBooth based on Ink_Painter_V3.ckpt (https://example.org/ink)\n").as_deref(),
            Some("Ink_Painter_V3.ckpt")
        );
        // A design named after the cue is still no base.
        assert_eq!(base("# Ink style\n\nA painter based on the UNet design.\n"), None);
    }

    #[test]
    fn a_linked_model_the_design_resembles_is_no_base() {
        let card = "# Tern-20B\n\nTern-20B is a 20 billion parameter language model trained on [the Heap](https://example.org/heap). Its architecture closely resembles that of [Owl-6B](https://huggingface.co/owl-lab/Owl-6B).\n";
        assert_eq!(base(card), None);
        // The tuning sentence that links the base still names it.
        let tuned = "# Tern chat\n\nTern chat was fine-tuned from [Owl-6B](https://huggingface.co/owl-lab/Owl-6B) on dialogue data.\n";
        assert_eq!(base(tuned).as_deref(), Some("owl-lab/Owl-6B"));
    }

    #[test]
    fn tuning_verbs_after_a_cue_are_no_model() {
        // "fine-tunes" after a cue is a word, not a checkpoint.
        assert_ne!(base("# M\n\nA story model based on fine-tunes of two chat models.\n").as_deref(), Some("fine-tunes"));
    }

    #[test]
    fn made_by_tuning_a_named_checkpoint_names_the_base() {
        assert_eq!(
            base("# M\n\nThe Chirp model was created by fine-tuning the **Acme-Diffusion-v2-1** checkpoint on birdsong pictures.\n")
                .as_deref(),
            Some("Acme-Diffusion-v2-1")
        );
        assert_eq!(base("# M\n\nWe obtained it by merging acme/Story-7B and acme/Poem-7B with SLERP.\n").as_deref(), Some("acme/Story-7B"));
        let own = |id: &str, card: &str| extract_json(serde_json::json!({"id": id, "card": card})).facts.base_model;
        let card = "# M\n\nOwl-7B-IT is a chat-tuned version of Owl-7B-PT, for roleplay.\n";
        assert_eq!(own("someone/Owl-7B-IT", card).as_deref(), Some("Owl-7B-PT"));
        // The gerund about what a user may do, or about the data, names no checkpoint.
        assert_eq!(base("# M\n\nYou can improve it by fine-tuning the model on your own data.\n"), None);
    }

    #[test]
    fn trained_from_a_named_checkpoint_names_the_base() {
        assert_eq!(
            base("# M\n\nModel trained from [distilroberta-base](https://huggingface.co/distilroberta-base) on the [moods](https://huggingface.co/datasets/moods) dataset for tagging.\n").as_deref(),
            Some("distilroberta-base")
        );
        assert_eq!(
            base("# M\n\nWe pre-trained starting from acme/Encoder-L-v2 with a longer context.\n").as_deref(),
            Some("acme/Encoder-L-v2")
        );
        // From scratch, from data or from a size is no model.
        assert_eq!(base("# M\n\nThe model was trained from scratch on 10M sentences.\n"), None);
        assert_eq!(base("# M\n\nIt was trained from 12M image-text pairs.\n"), None);
        // A weak cue: a bare name with no digit, link or owner is no base.
        assert_eq!(base("# M\n\nTrained from mini-batches of noisy data.\n"), None);
    }

    #[test]
    fn a_resolution_in_the_sentence_is_no_other_model() {
        assert_eq!(
            base("# M\n\nThis model was trained to render 32 frames at 640x960 given a first frame, finetuned from [Clip Maker (16 frames)](https://huggingface.co/acme/clip-maker).\n").as_deref(),
            Some("acme/clip-maker")
        );
    }

    #[test]
    fn conversions_merges_and_written_out_links_name_the_base() {
        assert_eq!(
            base("# M\n\nThis model is derived from https://huggingface.co/acme/Vision-7B and the main changes are below.\n").as_deref(),
            Some("acme/Vision-7B")
        );
        assert_eq!(
            base("# M\n\nThis is a direct GGUF conversion of [acme/Painter-12B](https://huggingface.co/acme/Painter-12B/tree/main).\n")
                .as_deref(),
            Some("acme/Painter-12B")
        );
        assert_eq!(
            base("# M\n\nThis model is a Mixture of Experts merger of the following two models:\n\n- [acme/chat-7b](https://huggingface.co/acme/chat-7b)\n- [acme/inst-7b](https://huggingface.co/acme/inst-7b)\n").as_deref(),
            Some("acme/chat-7b")
        );
        assert_eq!(
            base("# M\n\nIt is an instruction-fine-tuned version of the base model: [Small-24B-Base](https://huggingface.co/acme/Small-24B-Base).\n").as_deref(),
            Some("acme/Small-24B-Base")
        );
        assert_eq!(base("# M\n\nA block expansion of LLaMA2-7B, trained on code.\n").as_deref(), Some("LLaMA2-7B"));
        // What a model was further trained *on* is data, and extending a context names no model.
        assert_eq!(base("# M\n\nContinued pre-training on SlimPajama-627B for 20k steps.\n"), None);
        assert_eq!(base("# M\n\nThis release extends the context length to 128k-tokens.\n"), None);
    }

    #[test]
    fn sentences_about_sibling_models_name_no_base() {
        let card = "# M\n\nWe release several models.\n\nAcme-R1-Zero and Acme-R1 are trained based on Acme-V3-Base.\n\n## Licence\n\n- my-model-70B is derived from Big-3.3-70B-Instruct and keeps its licence.\n";
        let got = extract_json(serde_json::json!({"id": "someone/my-model-70B", "card": card})).facts.base_model;
        assert_eq!(got.as_deref(), Some("Big-3.3-70B-Instruct"));
        // On the sibling's own card the same sentence names its base.
        let got = extract_json(serde_json::json!({"id": "acme/Acme-R1", "card": card})).facts.base_model;
        assert_eq!(got.as_deref(), Some("Acme-V3-Base"));
        // On a quantization's card, the source model's own origin is not this repository's base.
        let card = "# M\n\nQuantized files of the chat model.\n\nThe Acme-7B-Chat model is a fine-tuned version of Acme-7B-Base.\n";
        let got = extract_json(serde_json::json!({"id": "q/Acme-7B-Chat-GGUF", "card": card})).facts.base_model;
        assert_ne!(got.as_deref(), Some("Acme-7B-Base"));
        // "files for Owner's Model": the owner's Hub link is the base.
        let card =
            "# M\n\nThis repo contains AWQ model files for [Acme's Story Writer 13B](https://huggingface.co/Acme/Story-Writer-13B).\n";
        let got = extract_json(serde_json::json!({"id": "q/Story-Writer-13B-AWQ", "card": card})).facts.base_model;
        assert_eq!(got.as_deref(), Some("Acme/Story-Writer-13B"));
        // A sentence that names no model is about this one.
        assert_eq!(base("# M\n\nThis model is a fine-tuned version of acme/Base-2B on chats.\n").as_deref(), Some("acme/Base-2B"));
    }

    #[test]
    fn a_linked_display_name_after_a_cue_is_its_link() {
        // The shown words spell the repository's name in another case and spacing.
        assert_eq!(
            base("# M\n\nA fine-tuned version of a trimmed [Parrot Big v3](https://huggingface.co/birdlab/parrot-big-v3), with fewer layers.\n").as_deref(),
            Some("birdlab/parrot-big-v3")
        );
        assert_eq!(
            base("# M\n\nHere are GPTQ files for [Birdlab Ltd's Parrot 9B Talk](https://huggingface.co/birdlab/Parrot-9b-talk-hf).\n")
                .as_deref(),
            Some("birdlab/Parrot-9b-talk-hf")
        );
        // A link whose name the words do not spell is not taken for the base.
        assert_eq!(base("# M\n\nBased on our own [notes](https://huggingface.co/birdlab/parrot-big-v3).\n"), None);
    }

    #[test]
    fn a_labelled_base_line_with_a_link_gives_the_link() {
        assert_eq!(
            base("# M\n\nA talker.\n\n- Original model: [Parrot 9B Talk](https://huggingface.co/birdlab/Parrot-9b-talk-hf)\n").as_deref(),
            Some("birdlab/Parrot-9b-talk-hf")
        );
        assert_eq!(
            base("# M\n\nA talker.\n\n- **Continue-pretrained from model:** [Parrot-9B](https://huggingface.co/birdlab/Parrot-9b)\n")
                .as_deref(),
            Some("birdlab/Parrot-9b")
        );
    }

    #[test]
    fn the_one_hub_model_a_tuning_sentence_links_is_the_base() {
        assert_eq!(
            base("# M\n\nParrot Tiny is a [Parrot Small](https://huggingface.co/birdlab/parrot-small-cased) model with a new tokenizer and fine-tuned on a wiki.\n").as_deref(),
            Some("birdlab/parrot-small-cased")
        );
        assert_eq!(
            base("A Frisian speech model. It is created by fine-tuning the multilingual [XLS](https://huggingface.co/acme/speech-xls-300m) model on Frisian speech.\n").as_deref(),
            Some("acme/speech-xls-300m")
        );
        // A link relative to the Hub names a model too.
        assert_eq!(
            base("# M\n\n> Trained on disease mentions, pretrained on this [clinical encoder](/acme/clinical-encoder)\n").as_deref(),
            Some("acme/clinical-encoder")
        );
        // The linked model named before the tuning word is the subject's base, not another model.
        assert_eq!(
            base("# M\n\nThis model is [**Owl2-7b**](https://huggingface.co/birdlab/Owl-2-7b) which is fine-tuned on [code](https://github.com/x/y).\n").as_deref(),
            Some("birdlab/Owl-2-7b")
        );
        // A repository named after this one is a sibling.
        assert_eq!(base("# M\n\n- [LoRA version, fine-tuned](https://huggingface.co/someone/my-model-lora)\n"), None);
        // Two linked models, a comparison, or no tuning words: no base.
        assert_eq!(
            base("# M\n\nFine-tuned from [A](https://huggingface.co/x/a-1) or [B](https://huggingface.co/x/b-2), we are not sure.\n"),
            None
        );
        assert_eq!(base("# M\n\nOur fine-tuned model outperforms [Other](https://huggingface.co/x/other-1).\n"), None);
        assert_eq!(base("# M\n\nA sentiment model. See [Other](https://huggingface.co/x/other-1) for more.\n"), None);
    }

    #[test]
    fn post_training_further_training_and_named_acronyms() {
        let card = "# R\n\nWe distilled the reasoning of Big-R1 to post-train Small 8B Base, obtaining Big-R1-Small-8B. It is strong.\n";
        let got = extract_json(serde_json::json!({"id": "lab/Big-R1-Small-8B", "card": card})).facts.base_model;
        // The variant word after the size is part of the checkpoint's name ("Qwen3 8B Base" is
        // `Qwen3-8B-Base`).
        assert_eq!(got.as_deref(), Some("Small-8B-Base"));
        // On the teacher's card the same sentence names no base of its own.
        let got = extract_json(serde_json::json!({"id": "lab/Big-R1", "card": card})).facts.base_model;
        assert_eq!(got, None);
        assert_eq!(
            base("# M\n\nIt is built by further training the FOOBERT language model in the finance domain.\n").as_deref(),
            Some("FOOBERT")
        );
        assert_eq!(base("# M\n\nIt is built by further training the CNN model on our photos.\n"), None);
    }

    #[test]
    fn what_a_dataset_or_a_harness_derives_from_is_no_base() {
        assert_eq!(base("# M\n\nThe evaluation harness is derived from Agent-Kit-2, with shorter prompts.\n"), None);
        assert_eq!(
            base("Falcon-Mini 7B model fine-tuned on Stories v1 dataset that is derived from tales-2.2 and tales-2.1.\n").as_deref(),
            Some("Falcon-Mini-7B")
        );
        // "a compact 1.7B LLM" is a size, not a model's name.
        assert_eq!(base("# M\n\nBuilt upon a compact 1.7B LLM, it is fast.\n"), None);
    }

    #[test]
    fn a_base_column_row_is_found_by_any_cell_naming_the_model() {
        let card = "# M\n\n| Arch | BaseModel | Model | Score |\n|---|---|---|---|\n| Pooler | acme/other-base | acme/other-emb | 1 |\n| CoSent | acme/zh-base | someone/my-model | 2 |\n";
        assert_eq!(base(card).as_deref(), Some("acme/zh-base"));
    }

    #[test]
    fn plain_words_and_the_model_itself_are_not_bases() {
        assert_eq!(base("# M\n\nOur detector is based on the transformer architecture and a CNN.\n"), None);
        assert_eq!(base("# M\n\nmy-model is based on state-of-the-art research.\n"), None);
        assert_eq!(base("# M\n\nThis is a fine-tuned version of the multi-modal [PageLM](https://example.org/pagelm) model.\n"), None);
        assert_eq!(base("# M\n\nA fine-tuned version of the cross-lingual Polyglot-7B encoder.\n").as_deref(), Some("Polyglot-7B"));
        assert_eq!(base("# M\n\nThis is someone/my-model, fine-tuned for fun.\n"), None);
        // Datasets are not models.
        assert_eq!(base("# M\n\nA LoRA for [the poems set](https://huggingface.co/datasets/acme/poems-v2).\n"), None);
    }

    #[test]
    fn a_colon_after_the_cue_and_the_variant_word_after_the_size() {
        assert_eq!(base("# M\n\nGPTQ 4bit quantization of: https://huggingface.co/acme/owl-13b\n").as_deref(), Some("acme/owl-13b"));
        assert_eq!(base("# M\n\nA poetry model based on Falcon 3 12B IT.\n").as_deref(), Some("Falcon-3-12B-IT"));
        assert_eq!(base("# M\n\nTrained from Orca 2.1 70B Instruct for long answers.\n").as_deref(), Some("Orca-2.1-70B-Instruct"));
        // A sentence end after a version is no part of the name.
        assert_eq!(base("# M\n\nThis tagger is based on Acme-T5 v1.1. It reads Dutch.\n").as_deref(), Some("Acme-T5-v1.1"));
    }

    #[test]
    fn generic_cues_name_the_base_and_descriptions_or_teachers_do_not() {
        // "trained on" a sized checkpoint, spelled with spaces.
        assert_eq!(
            base("# Owl\n\nThis is a story model trained on Mistral Owl 12B Instruct at 8K context using Forum Tales.\n").as_deref(),
            Some("Mistral-Owl-12B-Instruct")
        );
        // A hyphenated description after "is a" is no name; the checkpoint after the cue is.
        assert_eq!(base("# G\n\nMy-Model is a reasoning-focused model fine-tuned on Qwen-4B for maths.\n").as_deref(), Some("Qwen-4B"));
        // A parenthesis between "checkpoint" and "of".
        assert_eq!(
            base("# R\n\nThis is the official checkpoint (for the original code) of Owl-Base finetuned on RefCOCO.\n").as_deref(),
            Some("Owl-Base")
        );
        assert_eq!(
            base("# S\n\nWe share smaller versions of [acme-multi-cased](https://huggingface.co/acme-multi-cased) for fewer languages.\n")
                .as_deref(),
            Some("acme-multi-cased")
        );
        assert_eq!(
            base("# E\n\nThe original checkpoint is avaliable at [lab/mlm-m0.3](https://huggingface.co/lab/mlm-m0.3).\n").as_deref(),
            Some("lab/mlm-m0.3")
        );
        assert_eq!(base("# E\n\nThe architecture of base model is `SD1.5`.\n").as_deref(), Some("stable-diffusion-v1-5"));
        // A number with a thousands separator after a line break is no version.
        assert_eq!(base("# V\n\n- Resumed from acme-diffusion-v1-2.\n225,000 steps at 512x512.\n").as_deref(), Some("acme-diffusion-v1-2"));
        // The teacher of a distillation is no base.
        assert_eq!(base("# D\n\nDistilOwl was made by knowledge distillation as a faster, lighter version of Owl-2.\n"), None);
        assert_eq!(base("# D\n\nThese models are distilled from Owl-R1, a reasoning model.\n"), None);
        // A linked checkpoint a few-step model is distilled from is its base.
        assert_eq!(
            base("# D\n\nOur models are distilled from [owl-lab/owl-xl-base-1.0](https://huggingface.co/owl-lab/owl-xl-base-1.0). Four step counts.\n")
                .as_deref(),
            Some("owl-lab/owl-xl-base-1.0")
        );
        assert_eq!(
            base("# D\n\nOur models are distilled from [Owl Motion v2](https://huggingface.co/owl-lab/owl-motion). Four step counts.\n")
                .as_deref(),
            Some("owl-lab/owl-motion")
        );
        // "trained on the following datasets:" lists data.
        assert_eq!(base("# A\n\nThe model is trained on the following datasets:\n\n- xP3x\n- Owl-Mix\n"), None);
    }

    #[test]
    fn the_title_states_base_and_data_and_short_names_are_checkpoints() {
        let got = extract_json(serde_json::json!({"id": "artlab/artlab-diffusion-1.0",
            "card": "# Artlab Diffusion 1.0 is SD 1.5 fine tuned on high quality art\n\nUse the same prompts.\n"}));
        assert_eq!(got.facts.base_model.as_deref(), Some("stable-diffusion-v1-5"), "no catalog at hand: the Hub name");
        let got = extract_json(serde_json::json!({"id": "lab/owl-docvqa-large",
            "card": "# Model card for Owl - Finetuned on Chart-VQA (questions over charts) - large version\n\nOwl reads charts.\n"}));
        assert_eq!(got.facts.datasets, vec!["Chart-VQA"]);
        // A short title states nothing.
        assert_eq!(extract_json(serde_json::json!({"id": "lab/x", "card": "# SD 1.5 art\n\nPictures.\n"})).facts.base_model, None);
    }

    #[test]
    fn a_conversion_card_exporting_a_named_model_names_it() {
        let got = extract_json(serde_json::json!({"id": "lab/Owlish-4-12B-MTP-GGUF",
            "card": "# Owlish 4 12B\n\nOwlish 4 12B is a GGUF export of Owl 4 12B fine-tuned on Fable style traces.\n"}));
        assert_eq!(got.facts.base_model.as_deref(), Some("Owl-4-12B"));
        assert!(got.facts.datasets.is_empty(), "\"Fable style\" describes traces, it names no dataset: {:?}", got.facts.datasets);
    }

    #[test]
    fn fine_tuned_on_a_model_names_the_base_not_data() {
        assert_eq!(
            base("# M\n\nThis is a reasoning model fine-tuned on Qwen3-8B using the curated Owl-Math-1.5M dataset.\n").as_deref(),
            Some("Qwen3-8B")
        );
        assert_eq!(
            base("# M\n\nWe fine-tuned on [the parrot encoder](https://huggingface.co/acme/parrot-encoder) for two epochs.\n").as_deref(),
            Some("acme/parrot-encoder")
        );
        // Data after the same words is no base.
        assert_eq!(base("# M\n\nThis model was fine-tuned on SQuAD2.0 and CoQA-2 for questions.\n"), None);
        assert_eq!(base("# M\n\nFirst trained from scratch, then fine-tuned on 595k steps of aesthetic images.\n"), None);
    }

    #[test]
    fn the_backbone_named_in_the_lead_unless_it_is_one_tower() {
        assert_eq!(base("# M\n\nA zero-shot classifier. The model backbone is acme-xxlarge-v2.\n").as_deref(), Some("acme-xxlarge-v2"));
        assert_eq!(base("# M\n\nA captioner. The vision backbone is Seer-400M-v2.\n"), None);
    }

    #[test]
    fn explicit_statements_past_the_lead_name_the_base() {
        let filler = "Some words about the model and its many uses in practice.\n\n".repeat(150);
        let card = format!(
            "# M\n\nA fast voice model.\n\n- LLM: [Owl-0.5B](https://huggingface.co/acme/Owl-0.5B) in this release.\n\n{filler}## Bias\n\nIt may inherit biases of its base model (specifically, Owl 0.5B in this release).\n"
        );
        assert_eq!(base(&card).as_deref(), Some("acme/Owl-0.5B"));
        let card = format!("# M\n\nA multimodal model.\n\n{filler}## Architecture\n\nThe model has the pretrained Owl-4-Mini-Instruct as the backbone language model.\n");
        assert_eq!(base(&card).as_deref(), Some("Owl-4-Mini-Instruct"));
        let card = format!("# M\n\nSentence embeddings.\n\n{filler}## Pre-training\n\nWe used the pretrained [`acme/enc-base`](https://huggingface.co/acme/enc-base) model.\n");
        assert_eq!(base(&card).as_deref(), Some("acme/enc-base"));
        // Another model's backbone, by its name, is not this one's.
        let card = format!("# M\n\nA multimodal model.\n\n{filler}Owl-VL-2 has the pretrained Owl-4-Mini as the backbone, unlike us.\n");
        assert_eq!(base(&card), None);
    }

    #[test]
    fn a_base_model_label_in_another_language() {
        assert_eq!(
            base("# M\n\n- 基础模型，我们使用 [Roberta](https://huggingface.co/acme/chinese-roberta-ext) 系列模型进行训练\n").as_deref(),
            Some("acme/chinese-roberta-ext")
        );
        assert_eq!(base("# M\n\nベースモデル：acme/owl-7b-v2\n").as_deref(), Some("acme/owl-7b-v2"));
        // The label must be a word of its own, and a link must be a model.
        assert_eq!(base("# M\n\n基础模型很好 [数据](https://huggingface.co/datasets/acme/zh-data)\n"), None);
    }

    #[test]
    fn a_model_that_labelled_the_data_is_no_base() {
        assert_eq!(
            base("# M\n\nThe model was trained on 4 million hours of pseudo-labeled audio collected using Owl [large-v2](https://huggingface.co/acme/owl-large-v2).\n"),
            None
        );
    }

    #[test]
    fn a_repository_naming_itself_as_base_states_none() {
        let inst = extract_json(
            serde_json::json!({"id": "acme/owl-ocr", "base_model": "acme/owl-ocr", "card": "---\nbase_model:\n- acme/owl-ocr\n---\n# Owl\n"}),
        );
        assert_eq!(inst.facts.base_model, None);
    }

    #[test]
    fn the_series_name_without_the_size_speaks_for_the_model() {
        let b = |id: &str, card: &str| extract_json(serde_json::json!({"id": id, "card": card})).facts.base_model;
        // The card names its series ("Owl-QA-2.0") on the 8B repository, and links the base under
        // a short display name followed by a generic noun.
        let card = "# Owl-QA-2.0-8B\n\nOwl-QA-2.0 is developed with an improved recipe from our paper, and it is built on top of [Acme-3 base model](https://huggingface.co/acme-labs/Meta-Acme-3-8B). Specifically, we add more table data.\n";
        assert_eq!(b("lab/Owl-QA-2.0-8B", card).as_deref(), Some("acme-labs/Meta-Acme-3-8B"));
        // Another model's story in the subject still states nothing for this one.
        let card = "# Owl-QA-2.0-8B\n\nHeron-7 is built on top of [Acme-3 base model](https://huggingface.co/acme-labs/Meta-Acme-3-8B).\n";
        assert_eq!(b("lab/Owl-QA-2.0-8B", card), None);
        // A display name two linked checkpoints hold names neither.
        let card = "# Owl-QA-2.0-8B\n\nOwl-QA-2.0 is built on top of [Acme-3 base model](https://huggingface.co/acme-labs/Meta-Acme-3-8B), see also [this](https://huggingface.co/acme-labs/Meta-Acme-3-70B).\n";
        assert_ne!(b("lab/Owl-QA-2.0-8B", card).as_deref(), Some("acme-labs/Meta-Acme-3-8B"));
    }

    #[test]
    fn a_merge_listing_its_models_indented_like_code() {
        let card = "# Owl Star 12B\n\nA story model.\n\nThis is a merge of two G3 models, one trained on instruct and one trained on base:\n\n    acme/Owl-Glitter-12B - itself a merge of instruct and base\n    lab/Owl-Confetti-12B - trained on stories\n\nUse it for fiction.\n";
        assert_eq!(base(card).as_deref(), Some("acme/Owl-Glitter-12B"));
        // A configuration in a fenced `yaml` block is not such a list.
        let card = "# Owl Star 12B\n\nThis is a merge of two models, made with this configuration:\n\n```yaml\nacme/Owl-Glitter-12B\n```\n";
        assert_ne!(base(card).as_deref(), Some("acme/Owl-Glitter-12B"));
    }
}

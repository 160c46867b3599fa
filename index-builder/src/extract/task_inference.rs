//! The task of a model whose record names none, or names a retired one.
//!
//! Why: adapters, GGUF conversions and older repositories often carry no `pipeline_tag`, and the
//! Hub retired `conversational` (chat models are `text-generation` now, chat VLMs
//! `image-text-to-text`). Without a task such a model gets no task bonus, no input/output
//! formats and no intent match, although its tags, library, config architecture or base model say
//! plainly what it does. Each inference below is a weaker signal than a declared tag, so it is
//! only used when the record declares nothing usable, and its source says where it came from.

use ptmpicker::facts::Source;
use ptmpicker::knowledge::tasks::{task_by_tag, TASKS};

/// Tags the Hub retired, and the tag that replaced them when no better one is on the record.
pub const RETIRED_TASKS: &[(&str, &str)] = &[("conversational", "text-generation")];

/// Architecture and family words (config `model_type`, tags, id tokens) that fix a task: every
/// model of these families does this one thing. Families whose members do several tasks (BERT,
/// ViT, BART, wav2vec2) are left out on purpose.
pub const ARCHITECTURE_TASKS: &[(&str, &str)] = &[
    ("llama", "text-generation"),
    ("llama2", "text-generation"),
    ("llama3", "text-generation"),
    ("mistral", "text-generation"),
    ("mixtral", "text-generation"),
    ("qwen", "text-generation"),
    ("qwen2", "text-generation"),
    ("qwen3", "text-generation"),
    ("gemma", "text-generation"),
    ("gemma2", "text-generation"),
    ("gemma3", "text-generation"),
    ("phi", "text-generation"),
    ("phi3", "text-generation"),
    ("gpt2", "text-generation"),
    ("gpt_neox", "text-generation"),
    ("gptj", "text-generation"),
    ("falcon", "text-generation"),
    ("chatglm", "text-generation"),
    ("baichuan", "text-generation"),
    ("internlm", "text-generation"),
    ("starcoder", "text-generation"),
    ("codellama", "text-generation"),
    ("mpt", "text-generation"),
    ("stablelm", "text-generation"),
    ("olmo", "text-generation"),
    ("smollm", "text-generation"),
    ("granite", "text-generation"),
    ("vicuna", "text-generation"),
    ("deepseek_v2", "text-generation"),
    ("deepseek_v3", "text-generation"),
    ("codestral", "text-generation"),
    ("mamba", "text-generation"),
    ("mamba2", "text-generation"),
    ("xglm", "text-generation"),
    ("gpt_neo", "text-generation"),
    ("codegen", "text-generation"),
    ("rwkv", "text-generation"),
    ("pixtral", "image-text-to-text"),
    ("llava", "image-text-to-text"),
    ("whisper", "automatic-speech-recognition"),
    ("stable-diffusion", "text-to-image"),
    ("sdxl", "text-to-image"),
    ("flux", "text-to-image"),
    ("flux1", "text-to-image"),
    ("wan2", "text-to-video"),
    ("hunyuanvideo", "text-to-video"),
    ("t5", "text2text-generation"),
    ("mt5", "text2text-generation"),
];

/// A task read from the record, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InferredTask {
    pub tag: String,
    pub source: Source,
    /// What the inference rests on, for the evidence ("tag image-text-to-text", "architecture llama").
    pub because: String,
}

fn current(tag: &str) -> Option<&'static str> {
    let info = task_by_tag(tag)?;
    (!RETIRED_TASKS.iter().any(|(old, _)| *old == info.tag)).then_some(info.tag)
}

fn arch_task(word: &str) -> Option<&'static str> {
    ARCHITECTURE_TASKS.iter().find(|(w, _)| *w == word).map(|(_, t)| *t)
}

/// Words of an id's name part: "Llama-2-7b-chat-hf" → llama, 2, 7b, chat, hf; "Qwen2.5" → qwen2, 5.
fn name_words(id: &str) -> Vec<String> {
    let name = id.rsplit('/').next().unwrap_or(id).to_ascii_lowercase();
    name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// The single task the family words name, if they name exactly one.
fn family_task<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<(&'static str, String)> {
    let mut found: Option<(&'static str, String)> = None;
    for w in words {
        if let Some(t) = arch_task(w) {
            match &found {
                Some((f, _)) if *f != t => return None,
                Some(_) => {}
                None => found = Some((t, w.to_string())),
            }
        }
    }
    found
}

/// The task of a record: the declared tag when it is current; a retired tag's replacement (a
/// current task tag on the record, else the mapped tag); with none declared, a task tag among the
/// Hub tags, else the family named by tags, id or base model.
pub fn infer(declared: Option<(&str, Source)>, tags: &[String], id: &str, base_model: Option<&str>) -> Option<InferredTask> {
    let tag_task = || tags.iter().find_map(|t| current(t.trim()).map(|c| (c, t.trim().to_string())));
    if let Some((tag, source)) = declared {
        let tag = tag.trim().to_lowercase();
        if let Some((_, new)) = RETIRED_TASKS.iter().find(|(old, _)| *old == tag) {
            return Some(match tag_task() {
                Some((t, _)) => InferredTask { tag: t.to_string(), source: Source::Tags, because: format!("retired tag {tag}; tag {t}") },
                None => InferredTask { tag: new.to_string(), source, because: format!("retired tag {tag} → {new}") },
            });
        }
        return Some(InferredTask { tag, source, because: String::new() });
    }
    if let Some((t, _)) = tag_task() {
        return Some(InferredTask { tag: t.to_string(), source: Source::Tags, because: format!("tag {t}") });
    }
    let lower_tags: Vec<String> = tags.iter().map(|t| t.trim().to_ascii_lowercase()).collect();
    if let Some((t, w)) = family_task(lower_tags.iter().map(String::as_str)) {
        return Some(InferredTask { tag: t.to_string(), source: Source::Tags, because: format!("architecture {w}") });
    }
    let words = name_words(id);
    if let Some((t, w)) = family_task(words.iter().map(String::as_str)) {
        return Some(InferredTask { tag: t.to_string(), source: Source::ModelId, because: format!("family {w} in the id") });
    }
    let from_base = base_model.and_then(|base| {
        let words = name_words(base);
        family_task(words.iter().map(String::as_str)).map(|(t, w)| InferredTask {
            tag: t.to_string(),
            source: Source::BaseModel,
            because: format!("base model {base} ({w})"),
        })
    });
    from_base.or_else(|| cue_tag_task(tags))
}

/// The task a descriptive Hub tag spells out in words — `speaker-verification`,
/// `music-generation`, `pose-estimation` — read with the same task phrases a request is read
/// with ([`TASKS`]' cues), so the vocabulary lives once. Only tags of two or more words that are
/// the cue of exactly one task count (a one-word tag such as `assistant` or `encoder` names no
/// task on its own), and every such tag on the record must agree, else none is taken.
fn cue_tag_task(tags: &[String]) -> Option<InferredTask> {
    let mut found: Option<(&'static str, &str)> = None;
    for tag in tags {
        let tag = tag.trim();
        if tag.contains(':') || tag.len() > 40 {
            continue;
        }
        let words = tag.to_ascii_lowercase().replace(['-', '_'], " ");
        if !words.contains(' ') {
            continue;
        }
        let mut tasks = TASKS.iter().filter(|t| !RETIRED_TASKS.iter().any(|(old, _)| *old == t.tag) && t.cues.contains(&words.as_str()));
        let (Some(task), None) = (tasks.next(), tasks.next()) else { continue };
        match found {
            Some((t, _)) if t != task.tag => return None,
            Some(_) => {}
            None => found = Some((task.tag, tag)),
        }
    }
    found.map(|(t, tag)| InferredTask { tag: t.to_string(), source: Source::Tags, because: format!("tag {tag} names the task") })
}

/// The task a card's title names, for a record that shows no task anywhere else: "OpenELM: An
/// Efficient Language Model Family", "Acme-TTS: Zero-Shot Text-to-Speech". Read with the
/// request cues of [`TASKS`] (the words live once): only cues of two or more words count
/// ("text to speech", "language model"; a one-word cue such as `draw` or `caption` is too
/// loose for a title). A title is a noun phrase whose head comes last, so a cue inside a longer
/// one ("language model" in "masked language model") or right before another task's cue (the
/// modifier "zero shot" in "zero shot text to speech") does not name the task; the cues left
/// must all belong to one task, else the title names none.
/// `titles` are the card's title lines (its first heading, a short opening line).
pub fn title_task(titles: &[&str]) -> Option<InferredTask> {
    let mut found: Option<(&'static str, &str)> = None;
    for title in titles {
        let words: String = title.to_ascii_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
        let padded = format!(" {} ", words.split_whitespace().collect::<Vec<_>>().join(" "));
        // (task, cue, start, end) of every multi-word cue the title spells.
        let mut spans: Vec<(&'static str, &str, usize, usize)> = Vec::new();
        for task in TASKS.iter().filter(|t| !RETIRED_TASKS.iter().any(|(old, _)| *old == t.tag)) {
            for cue in task.cues.iter().filter(|c| c.contains(' ')) {
                let needle = format!(" {cue} ");
                if let Some(at) = padded.find(&needle) {
                    spans.push((task.tag, cue, at + 1, at + 1 + cue.len()));
                }
            }
        }
        let heads = spans.iter().filter(|(t, _, s, e)| {
            !spans.iter().any(|(t2, _, s2, e2)| t2 != t && ((s2 <= s && e <= e2 && e2 - s2 > e - s) || *s2 == e + 1))
        });
        for (tag, cue, _, _) in heads {
            match found {
                Some((t, _)) if t != *tag => return None,
                Some(_) => {}
                None => found = Some((tag, cue)),
            }
        }
    }
    found.map(|(t, cue)| InferredTask { tag: t.to_string(), source: Source::CardText, because: format!("the card's title says \"{cue}\"") })
}

/// Words that show a model handles a medium, looked for in its tags, id and card.
const MEDIUM_WORDS: &[(&str, &[&str])] = &[
    ("audio", &["audio", "speech", "voice", "asr", "whisper", "sound", "spoken", "wav", "tts", "music"]),
    ("video", &["video", "frames", "clip"]),
    ("image", &["image", "vision", "visual", "vl", "photo", "picture", "pixel", "ocr", "multimodal", "vlm", "screenshot"]),
];

/// The medium a declared task takes besides text, for tasks a text model is mis-tagged with.
fn medium_of(task: &str) -> Option<&'static str> {
    match task {
        "audio-text-to-text" | "automatic-speech-recognition" | "audio-classification" => Some("audio"),
        "video-text-to-text" | "video-classification" => Some("video"),
        "image-text-to-text" | "image-to-text" | "visual-question-answering" => Some("image"),
        _ => None,
    }
}

/// A declared media task that nothing else on the record supports: a model of a text-generation
/// family (by tags, id or base model) whose tags, id and card never name the task's medium — a
/// distilled chat LLM tagged `audio-text-to-text` by a typo. Such a tag is "plainly wrong" to a
/// reader; the family's task replaces it. `text` is the card prose to look in.
pub fn contradicted(declared: &str, tags: &[String], id: &str, base_model: Option<&str>, text: &str) -> Option<InferredTask> {
    if declared.eq_ignore_ascii_case("reinforcement-learning") {
        return trained_with_rl(tags, id, base_model);
    }
    if ENCODER_TASKS.iter().any(|t| declared.eq_ignore_ascii_case(t)) {
        return encoder_task_contradicted(declared, tags, id);
    }
    let medium = medium_of(declared)?;
    let words = MEDIUM_WORDS.iter().find(|(m, _)| *m == medium).map(|(_, w)| *w).unwrap_or(&[]);
    let mentions = |t: &str| {
        let lower = t.to_ascii_lowercase();
        lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| words.iter().any(|m| w == *m || (m.len() >= 5 && w.starts_with(m))))
    };
    let declared_lower = declared.to_ascii_lowercase();
    let other_tags = tags.iter().filter(|t| !t.eq_ignore_ascii_case(&declared_lower));
    // `any-to-any` or `multimodal` beside the declared tag says the model takes other media too.
    let multimodal = other_tags.clone().any(|t| t.eq_ignore_ascii_case("any-to-any") || t.to_ascii_lowercase().contains("multimodal"));
    if multimodal || mentions(id) || mentions(text) || other_tags.clone().any(|t| mentions(t)) || base_model.is_some_and(mentions) {
        return None;
    }
    let lower_tags: Vec<String> = tags.iter().map(|t| t.trim().to_ascii_lowercase()).collect();
    let (task, word, source) = record_family_task(&lower_tags, id, base_model)?;
    (task == "text-generation").then(|| InferredTask {
        tag: task.to_string(),
        source,
        because: format!("declared {declared}, but nothing on the record names {medium}; family {word}"),
    })
}

/// Tasks of encoders that score or embed text, which generators are sometimes filed under.
const ENCODER_TASKS: &[&str] = &["text-ranking", "feature-extraction"];

/// Id words that say a model embeds or ranks text (its encoder task is then no mistake).
const ENCODER_ID_WORDS: &[&str] = &[
    "embed",
    "embedding",
    "embeddings",
    "rerank",
    "reranker",
    "ranker",
    "retriever",
    "retrieval",
    "sentence",
    "sbert",
    "colbert",
    "encoder",
    "e5",
    "bge",
    "gte",
];

/// A declared encoder task (`text-ranking`, `feature-extraction`) that the record contradicts:
/// * the id names an embedding model under `text-ranking` ("…-Embedding-4B-GGUF" filed as a
///   ranker) → `feature-extraction`;
/// * a generation task tag (`text2text-generation`, `text-generation`; not the serving marker
///   `text-generation-inference`) on a model whose id names no encoder — a seq2seq or GPT-style
///   generator filed under an encoder task → that generation task.
fn encoder_task_contradicted(declared: &str, tags: &[String], id: &str) -> Option<InferredTask> {
    let words = name_words(id);
    let says = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if declared.eq_ignore_ascii_case("text-ranking")
        && says(&["embed", "embedding", "embeddings"])
        && !says(&["rerank", "reranker", "ranker"])
    {
        return Some(InferredTask {
            tag: "feature-extraction".into(),
            source: Source::ModelId,
            because: format!("declared {declared}, but the id names an embedding model"),
        });
    }
    if says(ENCODER_ID_WORDS) {
        return None;
    }
    let generation =
        ["text2text-generation", "text-generation"].into_iter().find(|g| tags.iter().any(|t| t.trim().eq_ignore_ascii_case(g)))?;
    Some(InferredTask {
        tag: generation.to_string(),
        source: Source::Tags,
        because: format!("declared {declared}, but tagged {generation} and the id names no encoder"),
    })
}

/// Tags of agent policies — the models the `reinforcement-learning` task is about (a policy
/// that maps environment observations to actions): their libraries, courses and environments.
const AGENT_TAGS: &[&str] = &[
    "deep-reinforcement-learning",
    "stable-baselines3",
    "ml-agents",
    "unity-ml-agents",
    "sample-factory",
    "cleanrl",
    "custom-implementation",
    "deep-rl-class",
    "deep-rl-course",
    "q-learning",
    "gym",
    "gymnasium",
    "decision-transformer",
];

/// Tags that say a model is a text generator (chat or completion), whatever else it is tagged.
const TEXT_GENERATOR_TAGS: &[&str] = &["text-generation", "conversational", "text-generation-inference"];

/// A language model tagged `reinforcement-learning` because it was *trained with* RL (RLHF, GRPO,
/// "rule-based reinforcement learning"): the tag names a training method, not the task. A reader
/// takes the text-generation task when a text-generation tag or family (tags, id, base model)
/// is on the record and no agent-policy tag (an RL library, course or environment) is.
fn trained_with_rl(tags: &[String], id: &str, base_model: Option<&str>) -> Option<InferredTask> {
    let lower_tags: Vec<String> = tags.iter().map(|t| t.trim().to_ascii_lowercase()).collect();
    if lower_tags.iter().any(|t| AGENT_TAGS.contains(&t.as_str())) {
        return None;
    }
    let because = |what: String| format!("declared reinforcement-learning (a training method here), but {what}");
    if let Some(t) = lower_tags.iter().find(|t| TEXT_GENERATOR_TAGS.contains(&t.as_str())) {
        return Some(InferredTask { tag: "text-generation".into(), source: Source::Tags, because: because(format!("tag {t}")) });
    }
    let (task, word, source) = record_family_task(&lower_tags, id, base_model)?;
    (task == "text-generation").then(|| InferredTask { tag: task.to_string(), source, because: because(format!("family {word}")) })
}

/// The task of the first family word on the record — its (lowercase) tags, then its id, then its
/// base model — with the word and where it stood.
fn record_family_task(lower_tags: &[String], id: &str, base_model: Option<&str>) -> Option<(&'static str, String, Source)> {
    let id_words = name_words(id);
    let base_words = base_model.map(name_words).unwrap_or_default();
    family_task(lower_tags.iter().map(String::as_str))
        .map(|(t, w)| (t, w, Source::Tags))
        .or_else(|| family_task(id_words.iter().map(String::as_str)).map(|(t, w)| (t, w, Source::ModelId)))
        .or_else(|| family_task(base_words.iter().map(String::as_str)).map(|(t, w)| (t, w, Source::BaseModel)))
}

/// Formats of a task the taxonomy does not know, read from an `x-to-y` tag ("video-to-3d").
pub fn formats_of_tag(tag: &str) -> Option<(String, String)> {
    let (input, output) = tag.split_once("-to-")?;
    let ok = |s: &str| !s.is_empty() && s.len() <= 24 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (ok(input) && ok(output)).then(|| (input.replace('-', " "), output.replace('-', " ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_descriptive_tag_that_spells_a_task_names_it() {
        let t = infer(None, &tags(&["speaker-verification", "cpu", "voice-recognition"]), "lab/ecapa-vox", None).unwrap();
        assert_eq!((t.tag.as_str(), t.source), ("audio-classification", Source::Tags));
        assert!(t.because.contains("speaker-verification"), "{}", t.because);
        let t = infer(None, &tags(&["Music_Generation", "gguf"]), "someone/tunes-v1", None).unwrap();
        assert_eq!(t.tag, "text-to-audio");
        // A family beats a descriptive tag; one-word and namespaced tags name no task.
        let t = infer(None, &tags(&["long-context"]), "me/Qwen-Tiny", None).unwrap();
        assert_eq!((t.tag.as_str(), t.source), ("text-generation", Source::ModelId));
        assert_eq!(infer(None, &tags(&["assistant", "encoder", "dataset:speaker-verification"]), "me/x", None), None);
        // Tags that spell different tasks leave the task open.
        assert_eq!(infer(None, &tags(&["speaker-verification", "music-generation"]), "me/x", None), None);
    }

    #[test]
    fn declared_current_tags_win() {
        let t = infer(Some(("summarization", Source::Metadata)), &tags(&["llama"]), "a/b", None).unwrap();
        assert_eq!((t.tag.as_str(), t.source), ("summarization", Source::Metadata));
    }

    #[test]
    fn retired_tags_are_mapped() {
        let vlm =
            infer(Some(("conversational", Source::Metadata)), &tags(&["gguf", "conversational", "image-text-to-text"]), "a/vlm", None);
        assert_eq!(vlm.unwrap().tag, "image-text-to-text");
        let chat = infer(Some(("conversational", Source::Metadata)), &tags(&["gguf", "mixtral"]), "a/chat", None).unwrap();
        assert_eq!((chat.tag.as_str(), chat.source), ("text-generation", Source::Metadata));
    }

    #[test]
    fn missing_tags_are_inferred_from_tags_ids_and_bases() {
        let t = infer(None, &tags(&["gguf", "llama", "merge"]), "someone/Estopia-13B-GGUF", None).unwrap();
        assert_eq!((t.tag.as_str(), t.source), ("text-generation", Source::Tags));
        let t = infer(None, &tags(&["pytorch", "chatglm", "custom_code"]), "lab/chatglm-6b", None).unwrap();
        assert_eq!(t.tag, "text-generation");
        let t = infer(None, &tags(&["safetensors"]), "me/my-adapter", Some("meta-llama/Llama-2-7b-chat-hf")).unwrap();
        assert_eq!((t.tag.as_str(), t.source), ("text-generation", Source::BaseModel));
        assert!(t.because.contains("Llama-2-7b-chat-hf"));
        // Config model types and family names in an id: a sliced DeepSeek-V3, a Mamba coder, a
        // Pixtral vision chat model, a repackaged FLUX.1 checkpoint.
        assert_eq!(
            infer(None, &tags(&["safetensors", "deepseek_v3", "custom_code"]), "me/DSV3-slice-ja", None).unwrap().tag,
            "text-generation"
        );
        assert_eq!(infer(None, &tags(&["vllm"]), "lab/Mamba-Coder-7B", None).unwrap().tag, "text-generation");
        assert_eq!(infer(None, &tags(&["vllm"]), "lab/Pixtral-Mini-3B", None).unwrap().tag, "image-text-to-text");
        assert_eq!(infer(None, &tags(&["comfyui"]), "org/flux1-schnell-fp8", None).unwrap().tag, "text-to-image");
        // Families that do several things, and mixed signals, name no task.
        assert_eq!(infer(None, &tags(&["bert", "unsloth"]), "me/lora_model", None), None);
        assert_eq!(infer(None, &tags(&["whisper", "llama"]), "me/x", None), None);
    }

    #[test]
    fn a_title_that_spells_one_task_names_it() {
        let t = title_task(&["Owl: An Efficient Language Model Family with Open Training"]).unwrap();
        assert_eq!((t.tag.as_str(), t.source), ("text-generation", Source::CardText));
        let t = title_task(&["👉 OwlVoice 2 👈", "OwlVoice 2: Expressive Zero-Shot Text-to-Speech"]).unwrap();
        assert_eq!(t.tag, "text-to-speech");
        // A cue inside a longer one names the longer one's task.
        assert_eq!(title_task(&["Owl: a masked language model for Dutch"]).unwrap().tag, "fill-mask");
        // Cues of two tasks side by side, a one-word cue or no cue at all: no task.
        assert_eq!(title_task(&["Owl: text to speech and speech recognition"]), None);
        assert_eq!(title_task(&["Owl draws"]), None);
        assert_eq!(title_task(&["Owl 2"]), None);
    }

    #[test]
    fn a_media_tag_no_one_else_supports_yields_to_the_text_family() {
        let t = contradicted(
            "audio-text-to-text",
            &tags(&["safetensors", "qwen2", "medical", "audio-text-to-text"]),
            "someone/Distill-Qwen-32B-Clinic",
            Some("lab/Distill-Qwen-32B"),
            "A clinical reasoning model that answers medical questions step by step.",
        )
        .unwrap();
        assert_eq!((t.tag.as_str(), t.source), ("text-generation", Source::Tags));
        assert!(t.because.contains("audio"), "{}", t.because);
        // Any mention of the medium keeps the declared tag: the id, the card or another tag.
        assert_eq!(contradicted("audio-text-to-text", &tags(&["qwen2"]), "lab/Qwen2-Audio-7B", None, ""), None);
        assert_eq!(contradicted("image-text-to-text", &tags(&["gemma3"]), "lab/g3-4b", None, "Send it an image and a question."), None);
        assert_eq!(contradicted("image-text-to-text", &tags(&["qwen2", "vision"]), "lab/x", None, ""), None);
        // An `any-to-any` tag beside the declared one backs a media task the card does not spell out.
        assert_eq!(contradicted("image-text-to-text", &tags(&["gemma3", "any-to-any"]), "lab/g3-4b-it", None, "A GGUF build."), None);
        // No text-generation family: nothing to fall back on.
        assert_eq!(contradicted("audio-text-to-text", &tags(&["safetensors"]), "lab/mystery", None, "A model."), None);
    }

    #[test]
    fn an_encoder_task_on_a_generator_or_an_embedder_is_contradicted() {
        // A seq2seq generator filed under text-ranking: its generation tag decides.
        let t =
            contradicted("text-ranking", &tags(&["t5", "text2text-generation", "cross-encoder"]), "lab/tune-t5-base", None, "").unwrap();
        assert_eq!(t.tag, "text2text-generation");
        let t = contradicted("feature-extraction", &tags(&["bloom", "text-generation"]), "lab/gpt-finnish-8B", None, "").unwrap();
        assert_eq!(t.tag, "text-generation");
        // The serving marker is no task; an encoder id keeps the declared task.
        assert_eq!(contradicted("feature-extraction", &tags(&["text-generation-inference"]), "lab/gpt-x", None, ""), None);
        assert_eq!(contradicted("feature-extraction", &tags(&["text-generation"]), "lab/Owl-Embedding-7B", None, ""), None);
        assert_eq!(contradicted("text-ranking", &tags(&["text-generation"]), "lab/Owl-Reranker-4B", None, ""), None);
        // An embedding model filed as a ranker embeds.
        let t = contradicted("text-ranking", &tags(&["gguf", "embedding", "rerank"]), "lab/Owl-Embedding-4B-GGUF", None, "").unwrap();
        assert_eq!((t.tag.as_str(), t.source), ("feature-extraction", Source::ModelId));
    }

    #[test]
    fn a_language_model_trained_with_rl_generates_text() {
        // An LLM whose card tags the training method: a text-generation tag or family decides.
        let t = contradicted(
            "reinforcement-learning",
            &tags(&["transformers", "qwen2", "math", "reasoning", "reinforcement-learning"]),
            "lab/Reasoner-R1-14B",
            None,
            "A math reasoner trained with large-scale rule-based reinforcement learning.",
        )
        .unwrap();
        assert_eq!((t.tag.as_str(), t.source), ("text-generation", Source::Tags));
        assert!(t.because.contains("training method"), "{}", t.because);
        let t = contradicted("reinforcement-learning", &tags(&["gguf", "roleplay", "conversational"]), "someone/Story-14b-GGUF", None, "")
            .unwrap();
        assert_eq!(t.tag, "text-generation");
        // Agent policies keep their task, even with a transformer in the name.
        assert_eq!(
            contradicted(
                "reinforcement-learning",
                &tags(&["stable-baselines3", "deep-reinforcement-learning"]),
                "me/ppo-llama-lander",
                None,
                ""
            ),
            None
        );
        assert_eq!(
            contradicted("reinforcement-learning", &tags(&["custom-implementation", "transformers", "ppo"]), "me/ppo-CartPole", None, ""),
            None
        );
        // Nothing says text generation: the declared task stays.
        assert_eq!(contradicted("reinforcement-learning", &tags(&["onnx"]), "me/walker-policy", None, ""), None);
    }

    #[test]
    fn formats_of_x_to_y_tags() {
        assert_eq!(formats_of_tag("video-to-3d"), Some(("video".into(), "3d".into())));
        assert_eq!(formats_of_tag("graph-ml"), None);
    }

    #[test]
    fn decoder_only_families_without_a_tag_generate_text() {
        // A PEFT adapter on a multilingual decoder, tagged only with its architecture.
        let t = infer(None, &tags(&["peft", "safetensors", "xglm"]), "me/my-adapter", None).unwrap();
        assert_eq!((t.tag.as_str(), t.source), ("text-generation", Source::Tags));
        let t = infer(None, &tags(&["gpt_neo"]), "me/story-small", None).unwrap();
        assert_eq!(t.tag, "text-generation");
    }
}

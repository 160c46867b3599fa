//! Which kinds of media a multimodal model takes and gives.
//!
//! Why: the Hub taxonomy names one fixed input per task ("image and text" for
//! image-text-to-text, "video and text" for video-text-to-text), but vision-language and omni
//! models often take video, several images or audio as well, and `any-to-any` names every medium
//! on both sides although most such models answer in text, or in text and images. A careful
//! reader takes the media from two places, and so does this rule:
//! * the record's other task tags — a model tagged `image-text-to-text`, `video-text-to-text` and
//!   `audio-text-to-text` takes all three media; for `any-to-any`, `text-to-image` or
//!   `text-to-speech` tags say what it produces;
//! * the card's own words — a list of input media ("handles text, image, video and audio
//!   input"), or a capability naming a medium ("video understanding", "image generation").
//!
//! Only the open-ended tasks in [`WIDENED_TASKS`] are widened: a classifier's or a captioner's
//! media are fixed by its task. A negated phrase ("does not support video input") adds nothing.

use std::sync::LazyLock;

use ptmpicker::facts::Source;
use regex::Regex;

use super::super::clean;
use super::Ctx;

/// One bit per medium.
pub(super) const TEXT: u8 = 1;
pub(super) const IMAGE: u8 = 2;
pub(super) const VIDEO: u8 = 4;
pub(super) const AUDIO: u8 = 8;

/// Tasks whose media the record and card decide, with the media the task itself implies
/// (input, output). `any-to-any` implies only text: the other media must be shown (when none
/// is, [`SILENT_ANY_TO_ANY`] is taken).
pub(super) const WIDENED_TASKS: &[(&str, u8, u8)] = &[
    ("image-text-to-text", IMAGE | TEXT, TEXT),
    ("video-text-to-text", VIDEO | TEXT, TEXT),
    ("audio-text-to-text", AUDIO | TEXT, TEXT),
    ("any-to-any", TEXT, TEXT),
    ("text-to-video", TEXT, VIDEO),
];

/// The media of an `any-to-any` model whose tags and card show none (a bare or junk card): the
/// common case of the tag on the Hub, a unified image-and-text model that reads and makes both
/// (Janus-, Show-o-, BAGEL-style). The taxonomy's "text, image, audio or video" would claim every
/// medium for every such model; an omni model that also hears or speaks says so and is widened
/// from its words instead.
const SILENT_ANY_TO_ANY: u8 = IMAGE | TEXT;

/// Taxonomy inputs a model draws itself instead of reading them from its user: an
/// unconditional generator (`unconditional-image-generation`, whose taxonomy input is "noise")
/// samples its own noise, so the user gives it nothing and a reader states no input format.
/// Its output is the task's as usual.
pub(super) const SELF_DRAWN_INPUTS: &[&str] = &["noise"];

/// Task tags that show a model takes a medium (input bits) or produces one (output bits).
const TAG_MEDIA: &[(&str, u8, u8)] = &[
    ("image-text-to-text", IMAGE, 0),
    ("visual-question-answering", IMAGE, 0),
    ("document-question-answering", IMAGE, 0),
    ("image-to-text", IMAGE, 0),
    ("image-to-video", IMAGE, 0),
    ("video-text-to-text", VIDEO, 0),
    ("audio-text-to-text", AUDIO, 0),
    ("automatic-speech-recognition", AUDIO, 0),
    ("text-to-image", 0, IMAGE),
    ("image-to-image", IMAGE, IMAGE),
    ("text-to-speech", 0, AUDIO),
    ("text-to-audio", 0, AUDIO),
];

/// Tasks whose output side is decided by tags and card words too (the others produce what the
/// task says).
const OPEN_OUTPUT: &[&str] = &["any-to-any"];

/// Video generation tasks, whose output is video — and sound too when the card says the model
/// makes both in one pass ([`video_with_audio`]).
const VIDEO_OUTPUT_TASKS: &[&str] = &["text-to-video", "image-to-video", "video-to-video"];

/// A video generator that also makes the soundtrack: "an audio-video foundation model",
/// "generates synchronized video and audio", "video AND audio jointly". A card that only
/// mentions audio ("no audio track", an audio-to-video sibling) names none.
pub(super) fn video_with_audio(cx: &Ctx, task: &str) -> bool {
    static JOINT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)\b(?:audio[- ]video (?:foundation |generation |diffusion )?model|joint audio[- ]video|",
            r"(?:generat(?:e|es|ing)|produc(?:e|es|ing)|creat(?:e|es|ing)) (?:synchroni[sz]ed )?(?:video and audio|audio and video)|",
            r"video (?:and|&|\+) audio jointly|synchroni[sz]ed audio)\b"
        ))
        .unwrap()
    });
    if !VIDEO_OUTPUT_TASKS.contains(&task) {
        return false;
    }
    let text = clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes);
    JOINT.find_iter(text).any(|m| !negated(text, m.start()))
}

/// A video generator that also works from a video (video-to-video: restyling, extending or
/// re-animating a clip) — said by a heading ("## Video-to-Video Generation", "### For
/// video-to-video:"), by a mode it offers ("`v2v`: Video to Video"), or by a sentence that names
/// this model ("Acme-Motion is great for video-to-video generation"). A family's feature list
/// or a third-party tool's support ("DiffSynth provides … video-to-video") names no mode of
/// this model, nor does a negated or planned one.
pub(super) fn reads_video(cx: &Ctx, task: &str) -> bool {
    static V2V: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bvideo[- ]to[- ]video\b").unwrap());
    static MODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bv2v\b\W{0,4}:\s*video[- ]to[- ]video\b").unwrap());
    if !VIDEO_OUTPUT_TASKS.contains(&task) || task == "video-to-video" {
        return false;
    }
    if cx.card.doc.sections.iter().take(200).any(|s| V2V.is_match(&s.heading) && !negated(&s.heading, 0)) {
        return true;
    }
    let text = clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes);
    if MODE.is_match(text) {
        return true;
    }
    let own = super::prompting::own_name(&cx.record.id);
    own.len() >= 4
        && clean::split_sentences(text).into_iter().any(|s| {
            V2V.find(s).is_some_and(|m| !negated(s, m.start()))
                && s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>().contains(&own)
        })
}

/// An audio classifier that gives a speaker embedding rather than a class: a speaker
/// verification / embedding model (ECAPA, CAM++, x-vectors) compares voices by the vector it
/// returns, whatever label its task tag gives it. Said by a `speaker-embedding` tag or the card
/// ("extract speaker embeddings", "x-vectors"). A speaker *identification* classifier over a
/// fixed set of voices names no embedding and keeps its labels.
pub(super) fn speaker_embedding(cx: &Ctx, task: &str) -> Option<Source> {
    static SAID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bspeaker[- ]embeddings?\b|\bx-vectors?\b|\bvoiceprints?\b").unwrap());
    if task != "audio-classification" {
        return None;
    }
    if cx.tags.iter().any(|t| SAID.is_match(t)) {
        return Some(Source::Tags);
    }
    let text = clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes);
    SAID.find_iter(text).any(|m| !negated(text, m.start())).then_some(Source::CardText)
}

fn media_of_word(word: &str) -> u8 {
    let w = word.to_ascii_lowercase();
    if w.starts_with("text") {
        TEXT
    } else if w.starts_with("image") {
        IMAGE
    } else if w.starts_with("video") {
        VIDEO
    } else if w.starts_with("audio") || w.starts_with("speech") {
        AUDIO
    } else {
        0
    }
}

/// A list of media around "input(s)" / "modalities": "text, image, video, and audio input",
/// "images and video as input", "accepts text, images or audio".
static INPUT_LIST: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    // Kinds of visual document ("screenshots", "charts") may sit inside the list; they name no
    // further medium.
    const LIST: &str = r"((?:texts?|images?|videos?|audio|speech)(?:\s*(?:,|/|&|\band\b|\bor\b)\s*(?:and\s+|or\s+)?(?:texts?|images?|videos?|audio|speech|screenshots?|charts?|documents?))+)";
    [
        Regex::new(&format!(r"(?i)\b{LIST}\s+(?:as\s+)?(?:inputs?|modalities)\b")).unwrap(),
        // "accepts text and images", "handles text, images, screenshots, videos": a verb of
        // taking, then the list (other words may sit between the media: "screenshots").
        Regex::new(&format!(
            r"(?i)\b(?:inputs?|accepts?|takes?|handles?|handling|processe?s?|processing)\s*(?::|of|such as|including)?\s*{LIST}\b"
        ))
        .unwrap(),
        // "Supported Input Modalities: Text, images, screenshots, videos": a labelled list.
        Regex::new(r"(?i)\binput (?:modalities|modality|types?|formats?)\s*\**\s*:\s*\**([^\n.;]{3,160})").unwrap(),
    ]
});

/// Capability phrases that name an input medium.
static INPUT_PHRASES: LazyLock<[(Regex, u8); 3]> = LazyLock::new(|| {
    let r = |s: &str| Regex::new(s).unwrap();
    [
        (
            r(
                r"(?i)\b(?:video (?:understanding|inputs?|comprehension|question[- ]answering|reasoning|analysis|captioning)|(?:understand|analy[sz]e|process)(?:s|es|ing)? (?:long )?videos?|(?:understanding|analysis|comprehension|reasoning) (?:of|over) (?:long )?videos?|images? and videos?|videos? and images?)\b",
            ),
            VIDEO,
        ),
        (
            r(
                r"(?i)\b(?:(?:audio|speech) (?:understanding|inputs?|comprehension|question[- ]answering|reasoning|analysis)|(?:understand|process|transcribe)(?:s|es|ing)? (?:audio|speech)|(?:understanding|analysis|comprehension) (?:of|over) (?:audio|speech))\b",
            ),
            AUDIO,
        ),
        (
            r(
                r"(?i)\b(?:image (?:understanding|inputs?|comprehension|reasoning)|multi-image|(?:understand|analy[sz]e|process)(?:s|es|ing)? images?|(?:understanding|analysis|comprehension|reasoning) (?:of|over) (?:multiple )?images?|image-to-video|i2v)\b",
            ),
            IMAGE,
        ),
    ]
});

/// Capability phrases that name an output medium.
static OUTPUT_PHRASES: LazyLock<[(Regex, u8); 3]> = LazyLock::new(|| {
    let r = |s: &str| Regex::new(s).unwrap();
    [
        (r(r"(?i)\b(?:image generation|text-to-image|generat(?:e|es|ing) images?|visual generation|image synthesis)\b"), IMAGE),
        (
            r(
                r"(?i)\b(?:speech generation|speech synthesis|text-to-speech|generat(?:e|es|ing) (?:speech|audio)|spoken (?:responses?|outputs?)|(?:speech|audio) outputs?)\b",
            ),
            AUDIO,
        ),
        (r(r"(?i)\b(?:video generation|text-to-video|generat(?:e|es|ing) videos?)\b"), VIDEO),
    ]
});

/// A list of media a model gives: "Models generate text or generated image", "outputs: text and
/// speech", "produces images and text".
static OUTPUT_LIST: LazyLock<Regex> = LazyLock::new(|| {
    const MEDIUM: &str = r"(?:generated\s+)?(?:texts?|images?|videos?|audio|speech)";
    Regex::new(&format!(
        r"(?i)\b(?:outputs?|generat(?:e|es|ing)|produc(?:e|es|ing))\s*:?\s*({MEDIUM}(?:\s*(?:,|/|&|\band\b|\bor\b)\s*(?:and\s+|or\s+)?{MEDIUM})+)\b"
    ))
    .unwrap()
});

/// True when the few words before `start` negate what follows ("does not support video input").
fn negated(text: &str, start: usize) -> bool {
    let from = start.saturating_sub(40);
    let mut from = from;
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text[from..start].to_ascii_lowercase();
    let clause = before.rsplit(['.', ';', '\n']).next().unwrap_or("");
    [" not ", "n't ", " no ", " without ", "cannot "].iter().any(|n| clause.contains(n)) || clause.starts_with("no ")
}

/// Media named in `text`: (input bits, output bits).
pub(super) fn media_in_text(text: &str) -> (u8, u8) {
    let (mut input, mut output) = (0u8, 0u8);
    for c in INPUT_LIST.iter().flat_map(|re| re.captures_iter(text)) {
        let m = c.get(1).expect("group 1");
        if negated(text, m.start()) {
            continue;
        }
        for w in m.as_str().split(|ch: char| !ch.is_ascii_alphabetic()) {
            input |= media_of_word(w);
        }
    }
    for (re, bit) in INPUT_PHRASES.iter() {
        if re.find_iter(text).any(|m| !negated(text, m.start())) {
            input |= bit;
        }
    }
    for (re, bit) in OUTPUT_PHRASES.iter() {
        if re.find_iter(text).any(|m| !negated(text, m.start())) {
            output |= bit;
        }
    }
    for c in OUTPUT_LIST.captures_iter(text) {
        let m = c.get(1).expect("group 1");
        if !negated(text, m.start()) {
            for w in m.as_str().split(|ch: char| !ch.is_ascii_alphabetic()) {
                output |= media_of_word(w);
            }
        }
    }
    (input, output)
}

/// Input media an explicit list in `text` names ("processes text, image, and audio inputs",
/// "Input modalities: text, images, videos"), not capability phrases.
pub(super) fn listed_inputs(text: &str) -> u8 {
    let mut input = 0u8;
    for c in INPUT_LIST.iter().flat_map(|re| re.captures_iter(text)) {
        let m = c.get(1).expect("group 1");
        if !negated(text, m.start()) {
            for w in m.as_str().split(|ch: char| !ch.is_ascii_alphabetic()) {
                input |= media_of_word(w);
            }
        }
    }
    input
}

/// Tasks with a fixed output whose input a card's explicit input list may widen (an
/// omni model published under its speech task, a multimodal embedder under
/// `feature-extraction`), with the medium the task itself implies.
const LIST_WIDENED: &[(&str, u8)] = &[
    ("automatic-speech-recognition", AUDIO),
    ("feature-extraction", TEXT),
    ("sentence-similarity", TEXT),
    ("image-to-text", IMAGE),
    // A multimodal reranker ("handles text, images and videos") ranks more than passages.
    ("text-ranking", TEXT),
];

/// The input of a [`LIST_WIDENED`] task when the card lists more media than the task implies
/// (the list must name the task's own medium, so it is about this model's input).
pub(super) fn listed_input(cx: &Ctx, task: &str) -> Option<String> {
    let (_, own) = LIST_WIDENED.iter().find(|(t, _)| *t == task)?;
    let listed = listed_inputs(clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes));
    (listed & own != 0 && listed & !own != 0).then(|| describe(listed | own))
}

/// A text-to-image model that also takes an image: an editing or image-to-image tag, or a card
/// sentence that names this model with image-to-image use ("When using Acme-Turbo for
/// image-to-image generation"). A sentence about a sibling ("Acme-Edit supports image
/// editing") or a roadmap item names no input of this model.
pub(super) fn text_to_image_takes_image(cx: &Ctx) -> Option<Source> {
    static EDITS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:image-to-image|img2img|image editing|edit(?:s|ing)? (?:an |the |your )?(?:input )?images?|multi-reference editing)\b").unwrap()
    });
    static PLANNED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\[ \]|coming soon|to be released|will be (?:released|supported|available)|roadmap|\btodo\b|open-source plan")
            .unwrap()
    });
    if cx.tags.iter().any(|t| t.eq_ignore_ascii_case("image-editing") || t.eq_ignore_ascii_case("image-to-image")) {
        return Some(Source::Tags);
    }
    // A conversion's card names its source ("FLUX.1 Kontext [dev] is …" in `…-Kontext-dev-GGUF`).
    let own = super::prompting::own_name(&cx.record.id);
    if own.len() < 4 {
        return None;
    }
    let said = clean::split_sentences(clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes)).into_iter().any(|s| {
        // "- [ ] Image-to-Image Generation" in an open-source plan is not there yet.
        EDITS.find(s).is_some_and(|m| !negated(s, m.start()) && !PLANNED.is_match(s))
            && s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>().contains(&own)
    });
    said.then_some(Source::CardText)
}

/// Media shown by task tags: (input bits, output bits).
pub(super) fn media_in_tags(tags: &[String]) -> (u8, u8) {
    let (mut input, mut output) = (0u8, 0u8);
    for t in tags {
        let t = t.trim().to_ascii_lowercase();
        if let Some((_, i, o)) = TAG_MEDIA.iter().find(|(tag, _, _)| *tag == t) {
            input |= i;
            output |= o;
        }
    }
    (input, output)
}

/// Media (text included) that a task's taxonomy input names: "image and a text prompt" →
/// image and text; "sentences", "query and passages", "image and question" name text in
/// other words; "time series" names none of the four.
fn media_of_input(input: &str) -> u8 {
    const TEXT_WORDS: &[&str] = &["sentence", "quer", "passage", "question", "choice", "prompt", "label"];
    input.split(|c: char| !c.is_ascii_alphabetic()).fold(0, |bits, w| {
        let w = w.to_ascii_lowercase();
        let text = TEXT_WORDS.iter().any(|t| w.starts_with(t));
        bits | media_of_word(&w) | if text { TEXT } else { 0 }
    })
}

/// Media a model takes beyond its pipeline task's input, read from its *other* Hub task tags.
///
/// Why: the pipeline tag names one task, but a record tagged with further tasks serves them as
/// well, so it reads their inputs too — a speech translator under `automatic-speech-recognition`
/// also tagged `text-to-speech` takes text as well as audio; a time-series forecaster also
/// tagged `text-generation` takes text. Only tags that are tasks of the taxonomy count (their
/// inputs are fixed there), and only media the task's own input does not already name are
/// returned (bits; `0` when the other tags add nothing). Free-form tags ("vision", "speech") and
/// one-word task names (`translation`, `summarization`, as often a topic as a task) are not read.
///
/// Not read either: `any-to-any`, whose taxonomy input names every medium as alternatives; the
/// declared pipeline tag when the task was inferred against it (a contradicted tag, such as a
/// text fine-tune published under `audio-text-to-text`, names no input); and tags of a
/// [`WIDENED_TASKS`] model, whose media [`widened_formats`] already read from the same tags.
pub(super) fn sibling_task_inputs(cx: &Ctx, task: &str, input: &str) -> u8 {
    if WIDENED_TASKS.iter().any(|(t, _, _)| *t == task) {
        return 0;
    }
    let declared = [cx.record.pipeline_tag.clone(), cx.fm_text("pipeline_tag")];
    let own = media_of_input(input);
    let mut extra = 0u8;
    for t in &cx.tags {
        let Some(info) = ptmpicker::knowledge::tasks::task_by_tag(t) else { continue };
        let is_declared = declared.iter().flatten().any(|d| d.trim().eq_ignore_ascii_case(t));
        if info.tag == task || info.tag == "any-to-any" || is_declared || !t.contains('-') {
            continue;
        }
        extra |= media_of_input(info.input);
    }
    extra & !own
}

/// The card's text without its dated news items ("[2024.08.06] We open-source Acme-V 2.6, which
/// adds video understanding"): a changelog announces siblings and later releases, so a
/// capability it names is not this model's.
fn without_news(text: &str) -> String {
    static DATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:[-*]\s*)?[\[(]?\*{0,2}(?:19|20)[0-9]{2}[./-][0-9]{1,2}(?:[./-][0-9]{1,2})?\*{0,2}[\])]?").unwrap()
    });
    text.lines().filter(|l| !DATED.is_match(l)).collect::<Vec<_>>().join("\n")
}

/// Media a card says the model does not take: "does not support video inputs", "cannot process
/// audio". Such a statement beats a capability phrase elsewhere (a toolkit that "handles
/// interleaved images and videos" for the whole model family).
fn refused_inputs(text: &str) -> u8 {
    static REFUSED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:does not|doesn't|do not|don't|cannot|can't|can not|is not able to)\s+(?:yet\s+|currently\s+)?(?:support|accept|take|handle|process|understand)\s+(?:any\s+)?(videos?|audio|speech|images?)(?:\s+inputs?)?\b")
            .unwrap()
    });
    REFUSED.captures_iter(text).fold(0, |bits, c| bits | media_of_word(&c[1]))
}

/// "image, video and text" — media in a fixed order, text last.
pub(super) fn describe(bits: u8) -> String {
    let names: Vec<&str> = [(IMAGE, "image"), (VIDEO, "video"), (AUDIO, "audio"), (TEXT, "text")]
        .iter()
        .filter(|(b, _)| bits & b != 0)
        .map(|(_, n)| *n)
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The widened formats of a model whose task is in [`WIDENED_TASKS`]: `Some((input, output,
/// source))` when tags or card words add a medium to what the task implies, else `None` (the
/// taxonomy's formats stay).
pub(super) fn widened_formats(cx: &Ctx, task: &str) -> Option<(String, String, Source)> {
    let (_, base_in, base_out) = WIDENED_TASKS.iter().find(|(t, _, _)| *t == task)?;
    let (tag_in, tag_out) = media_in_tags(&cx.tags);
    let text = clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes);
    let (card_in, card_out) = media_in_text(&without_news(text));
    // "It does not support video inputs": a medium the card rules out is not read from its words.
    let card_in = card_in & !refused_inputs(text);
    let open_output = OPEN_OUTPUT.contains(&task);
    // A video generator's card talks about images and video it *generates* (and links sibling
    // image-to-video models), so only its tags say it also takes an image.
    // (A video-to-video mode it offers, [`reads_video`], is the exception.)
    let card_in = if task == "text-to-video" {
        if reads_video(cx, task) {
            VIDEO
        } else {
            0
        }
    } else {
        card_in
    };
    let input = base_in | tag_in | card_in;
    let output = if open_output { base_out | tag_out | card_out } else { *base_out };
    let output = if video_with_audio(cx, task) { output | AUDIO } else { output };
    if input == *base_in && output == *base_out {
        return (task == "any-to-any").then(|| (describe(SILENT_ANY_TO_ANY), describe(SILENT_ANY_TO_ANY), Source::TaskTaxonomy));
    }
    let from_tags_only = input & !(base_in | tag_in) == 0 && output & !(base_out | tag_out) == 0;
    let source = if from_tags_only { Source::Tags } else { Source::CardText };
    let input_text = if task == "text-to-video" { describe(input).replace("text", "text prompt") } else { describe(input) };
    Some((input_text, describe(output), source))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::fill::extract_json;
    use ptmpicker::template::Field;

    fn formats(json: serde_json::Value) -> (String, String) {
        let i = extract_json(json);
        (i.template.get(Field::InputFormat).unwrap_or("").to_string(), i.template.get(Field::OutputFormat).unwrap_or("").to_string())
    }

    #[test]
    fn input_lists_and_capabilities_name_media() {
        assert_eq!(
            media_in_text("Our model handles text, image, video, and audio input and replies in text."),
            (TEXT | IMAGE | VIDEO | AUDIO, 0)
        );
        assert_eq!(media_in_text("It supports image and video inputs.").0, IMAGE | VIDEO);
        assert_eq!(media_in_text("Strong at long video understanding and multi-image reasoning.").0, VIDEO | IMAGE);
        assert_eq!(media_in_text("A unified model for multimodal understanding and image generation.").1, IMAGE);
        assert_eq!(media_in_text("It answers with spoken responses in real time.").1, AUDIO);
    }

    #[test]
    fn a_video_generator_with_a_video_to_video_mode_reads_video() {
        let (input, output) = formats(serde_json::json!({
            "id": "lab/Owl-Motion", "pipeline_tag": "text-to-video",
            "card": "# Owl-Motion\n\nFast text-to-video.\n\n## Video-to-Video Generation\n\nUse the workflow below to restyle a clip.\n"
        }));
        assert!(input.contains("video") && input.contains("text"), "{input}");
        assert_eq!(output, "video");
        let (input, _) = formats(serde_json::json!({
            "id": "lab/Owl-Vid", "pipeline_tag": "image-to-video",
            "card": "# Owl-Vid\n\nAnimates a photo as a prompt describes.\n\n- `--mode`: one of\n  - `i2v`: Image to Video\n  - `v2v`: Video to Video\n"
        }));
        assert!(input.contains("video") && input.contains("image"), "{input}");
        // A third party's support or a family feature list names no mode of this model.
        let (input, _) = formats(serde_json::json!({
            "id": "lab/Owl-T2V-14B", "pipeline_tag": "text-to-video",
            "card": "# Owl\n\nOwl excels in Text-to-Video, Image-to-Video and Video Editing.\n\nThe community tool Foo provides more support for Owl, including video-to-video.\n"
        }));
        assert_eq!(input, "text prompt");
    }

    #[test]
    fn news_items_and_refused_media_add_no_input() {
        // A dated news item announces a sibling's video understanding.
        let (input, _) = formats(serde_json::json!({
            "id": "lab/Owl-V-2_5", "pipeline_tag": "image-text-to-text",
            "card": "# Owl-V 2.5\n\n## News\n\n* [2024.08.06] We open-source Owl-V 2.6, which adds video understanding.\n\nOwl-V 2.5 answers questions about images.\n"
        }));
        assert_eq!(input, "image and text");
        // "does not support video inputs" beats a toolkit handling "images and videos".
        let (input, _) = formats(serde_json::json!({
            "id": "lab/Owl-QV", "pipeline_tag": "image-text-to-text",
            "card": "# Owl-QV\n\nIt does not support video inputs.\n\nOur toolkit handles base64, URLs, and interleaved images and videos.\n"
        }));
        assert_eq!(input, "image and text");
        // Undated, the same capability is read.
        let (input, _) = formats(serde_json::json!({
            "id": "lab/Owl-V-2_6", "pipeline_tag": "image-text-to-text",
            "card": "# Owl-V 2.6\n\nOwl-V 2.6 adds video understanding.\n"
        }));
        assert!(input.contains("video"), "{input}");
    }

    #[test]
    fn a_speaker_verifier_outputs_an_embedding() {
        let (_, output) = formats(serde_json::json!({
            "id": "lab/voice-match", "pipeline_tag": "audio-classification", "tags": ["speaker-verification", "speaker-embedding"],
            "card": "# Voice match\n\nTells whether two clips are the same speaker.\n"
        }));
        assert!(output.contains("embedding"), "{output}");
        let (_, output) = formats(serde_json::json!({
            "id": "lab/voice-match", "pipeline_tag": "audio-classification",
            "card": "# Voice match\n\nIt can also be used to extract speaker embeddings.\n"
        }));
        assert!(output.contains("embedding"), "{output}");
        // A classifier of a fixed set of voices keeps its labels.
        let (_, output) = formats(serde_json::json!({
            "id": "lab/who-speaks", "pipeline_tag": "audio-classification", "card": "# Who speaks\n\nNames which of our 12 hosts is talking.\n"
        }));
        assert!(!output.contains("embedding"), "{output}");
    }

    #[test]
    fn an_unconditional_generator_reads_no_input() {
        let (input, output) = formats(serde_json::json!({
            "id": "lab/ddpm-faces-64", "pipeline_tag": "unconditional-image-generation",
            "card": "# Faces\n\nSamples new 64x64 faces from random noise.\n"
        }));
        assert_eq!((input.as_str(), output.as_str()), ("", "image"));
        // A conditional generator keeps its taxonomy input.
        let (input, _) =
            formats(serde_json::json!({"id": "lab/faces-t2i", "pipeline_tag": "text-to-image", "card": "# Faces\n\nDraws faces.\n"}));
        assert_eq!(input, "text prompt");
    }

    #[test]
    fn other_task_tags_add_their_inputs() {
        // A speech translator under ASR that is also tagged text-to-speech reads text too.
        let (input, output) = formats(serde_json::json!({
            "id": "lab/speech-translator", "pipeline_tag": "automatic-speech-recognition",
            "tags": ["automatic-speech-recognition", "text-to-speech", "audio-to-audio", "speech", "vision"],
            "card": "# Speech translator\n\nTranslates what people say into 40 languages.\n"
        }));
        assert!(input.contains("audio") && input.contains("text") && !input.contains("image"), "{input}");
        assert_eq!(output, "text");
        // A forecaster also tagged text-generation takes text next to its series.
        let (input, _) = formats(serde_json::json!({
            "id": "lab/chat-forecaster", "pipeline_tag": "time-series-forecasting",
            "tags": ["time-series-forecasting", "text-generation", "time-series"],
            "card": "# Chat forecaster\n\nForecasts sales and answers questions about them.\n"
        }));
        assert!(input.contains("text"), "{input}");
        // Tags of the same medium, one-word task names and topic tags add nothing.
        let (input, _) = formats(serde_json::json!({
            "id": "lab/plain-asr", "pipeline_tag": "automatic-speech-recognition",
            "tags": ["automatic-speech-recognition", "audio-classification", "translation", "speech", "video"],
            "card": "# Plain ASR\n\nTranscribes meetings.\n"
        }));
        assert!(input.contains("audio") && !input.contains("text") && !input.contains("video"), "{input}");
        // An embedder's "sentences" are text already.
        let (input, _) = formats(serde_json::json!({
            "id": "lab/mini-embed", "pipeline_tag": "sentence-similarity",
            "tags": ["sentence-similarity", "feature-extraction", "text-embeddings-inference"],
            "card": "# Mini embed\n\nMaps sentences to vectors.\n"
        }));
        assert!(!input.contains("and text"), "{input}");
        // A text fine-tune published under a contradicted multimodal pipeline tag takes text only.
        let (input, _) = formats(serde_json::json!({
            "id": "someone/Qwen2.5-7B-medical-sft", "pipeline_tag": "audio-text-to-text",
            "tags": ["transformers", "qwen2", "text-generation", "sft", "audio-text-to-text"],
            "card": "# Medical SFT\n\nA Qwen2.5 chat model fine-tuned on medical dialogues.\n"
        }));
        assert!(!input.contains("audio"), "{input}");
        // An image-text chat model with a catch-all any-to-any tag keeps its own media.
        let (input, _) = formats(serde_json::json!({
            "id": "lab/vlm-12b-it", "pipeline_tag": "image-text-to-text",
            "tags": ["image-text-to-text", "any-to-any", "conversational"],
            "card": "# VLM\n\nAn instruction-tuned vision-language model.\n"
        }));
        assert!(!input.contains("audio") && !input.contains("video"), "{input}");
    }

    #[test]
    fn an_explicit_input_list_widens_a_fixed_task() {
        let (input, output) = formats(serde_json::json!({
            "id": "lab/omni-speech", "pipeline_tag": "automatic-speech-recognition",
            "card": "# Omni\n\nA small model that processes text, image, and audio inputs, generating text outputs.\n"
        }));
        assert_eq!((input.as_str(), output.as_str()), ("image, audio and text", "text"));
        let (input, _) = formats(serde_json::json!({
            "id": "lab/mm-embed", "pipeline_tag": "feature-extraction",
            "card": "# Embed\n\n- Supported Input Modalities: Text, images, screenshots, videos\n"
        }));
        assert_eq!(input, "image, video and text");
        // A list that does not name the task's own medium is about something else.
        let (input, _) = formats(serde_json::json!({
            "id": "lab/asr", "pipeline_tag": "automatic-speech-recognition",
            "card": "# ASR\n\nOur demo app takes image and video inputs for its other tools.\n"
        }));
        assert!(!input.contains("image"), "{input}");
    }

    #[test]
    fn a_multimodal_reranker_takes_the_media_its_card_lists() {
        let (input, output) = formats(serde_json::json!({
            "id": "someone/VisRank-4B-GGUF", "pipeline_tag": "text-ranking", "tags": ["gguf", "reranker", "multimodal"],
            "card": "# VisRank 4B\n\n**Description:** A reranker for cross-modal search. It handles text, images, screenshots, videos, and mixed content.\n"
        }));
        assert_eq!(input, "image, video and text");
        assert!(!output.is_empty());
        // A text reranker keeps the taxonomy's query and passages.
        let (input, _) = formats(serde_json::json!({
            "id": "someone/TextRank-1B", "pipeline_tag": "text-ranking",
            "card": "# TextRank\n\nScores how well a passage answers a query.\n"
        }));
        assert_eq!(input, "query and passages");
    }

    #[test]
    fn negated_media_add_nothing() {
        assert_eq!(media_in_text("This release does not support video input yet."), (0, 0));
        assert_eq!(media_in_text("No audio input. It handles image and text inputs.").0, IMAGE | TEXT);
    }

    #[test]
    fn vision_chat_models_take_the_media_their_tags_and_card_name() {
        let (input, output) = formats(serde_json::json!({
            "id": "lab/omni-chat-4b", "pipeline_tag": "image-text-to-text",
            "tags": ["image-text-to-text", "video-text-to-text", "audio-text-to-text", "automatic-speech-recognition"],
            "card": "# Omni chat\n\nA small assistant for phones.\n"
        }));
        assert_eq!((input.as_str(), output.as_str()), ("image, video, audio and text", "text"));
        let (input, _) = formats(serde_json::json!({
            "id": "lab/vl-9b", "pipeline_tag": "image-text-to-text",
            "card": "# VL 9B\n\nIt covers image reasoning, long video understanding and GUI agent tasks.\n"
        }));
        assert_eq!(input, "image, video and text");
        // Nothing beyond the task: the taxonomy's words stay.
        let (input, _) = formats(serde_json::json!({
            "id": "lab/vl-2b", "pipeline_tag": "image-text-to-text", "card": "# VL 2B\n\nDescribes photos.\n"
        }));
        assert_eq!(input, "image and text");
    }

    #[test]
    fn any_to_any_says_only_what_is_shown() {
        let (input, output) = formats(serde_json::json!({
            "id": "lab/unified-7b", "pipeline_tag": "any-to-any",
            "card": "# Unified 7B\n\nOne autoregressive model for multimodal understanding of images and text-to-image generation.\n"
        }));
        assert_eq!((input.as_str(), output.as_str()), ("image and text", "image and text"));
        let (input, output) = formats(serde_json::json!({
            "id": "lab/omni", "pipeline_tag": "any-to-any", "tags": ["text-to-speech"],
            "card": "# Omni\n\nTakes text, images, audio and video as input modalities and answers in text or speech outputs.\n"
        }));
        assert_eq!((input.as_str(), output.as_str()), ("image, video, audio and text", "audio and text"));
        // A card that shows no medium: the unified image-and-text prior, not every medium.
        let (input, output) = formats(serde_json::json!({
            "id": "someone/uni-mix", "pipeline_tag": "any-to-any", "tags": ["mit"],
            "card": "# uni-mix\n\nMy merged checkpoint. Have fun with it and share what you make.\n"
        }));
        assert_eq!((input.as_str(), output.as_str()), ("image and text", "image and text"));
    }

    #[test]
    fn an_output_list_names_what_an_any_to_any_model_gives() {
        assert_eq!(media_in_text("**Output** The model generates text or generated image.").1, TEXT | IMAGE);
        assert_eq!(media_in_text("Outputs: text and speech.").1, TEXT | AUDIO);
        assert_eq!(media_in_text("It does not generate images or video.").1, 0);
        let (_, output) = formats(serde_json::json!({
            "id": "lab/uni-7b", "pipeline_tag": "any-to-any",
            "card": "# Uni 7B\n\n**Input** The model takes text and image.\n\n**Output** The model generates text or generated image.\n"
        }));
        assert_eq!(output, "image and text");
    }

    #[test]
    fn a_video_generator_that_makes_its_soundtrack_outputs_audio_too() {
        let (_, output) = formats(serde_json::json!({
            "id": "lab/vidsound", "pipeline_tag": "image-to-video",
            "card": "# VidSound\n\nVidSound is a DiT-based audio-video foundation model that generates synchronized video and audio.\n"
        }));
        assert_eq!(output, "video and audio");
        let (_, output) = formats(serde_json::json!({
            "id": "lab/vidsound-gguf", "pipeline_tag": "text-to-video",
            "card": "# VidSound GGUF\n\nMakes video AND audio jointly from a text prompt.\n"
        }));
        assert_eq!(output, "video and audio");
        let (_, output) = formats(serde_json::json!({
            "id": "lab/silent-vid", "pipeline_tag": "text-to-video",
            "card": "# Silent\n\nA video model. It does not generate synchronized audio; add a soundtrack with an audio tool.\n"
        }));
        assert_eq!(output, "video");
    }

    #[test]
    fn video_generators_that_animate_images_take_an_image() {
        let (input, output) = formats(serde_json::json!({
            "id": "lab/vid-gen", "pipeline_tag": "text-to-video", "tags": ["text-to-video", "image-to-video"],
            "card": "# VidGen\n\nHigh-quality video generation from a prompt.\n"
        }));
        assert_eq!((input.as_str(), output.as_str()), ("image and text prompt", "video"));
        let (input, _) = formats(serde_json::json!({
            "id": "lab/vid-gen-t2v", "pipeline_tag": "text-to-video",
            "card": "# T2V\n\nUnified image and video generation from text. See also our [image-to-video model](https://example.com/i2v).\n"
        }));
        assert_eq!(input, "text prompt");
    }

    #[test]
    fn a_text_to_image_model_that_edits_takes_an_image() {
        let t2i = |id: &str, tags: &[&str], card: &str| {
            formats(serde_json::json!({"id": id, "pipeline_tag": "text-to-image", "tags": tags, "card": card})).0
        };
        assert!(
            t2i("lab/Owl-Turbo", &[], "# O\n\nWhen using Owl-Turbo for image-to-image generation, set strength high.\n").contains("image")
        );
        assert!(t2i("lab/Owl-4B", &["image-editing"], "# O\n\nA fast image model.\n").contains("image"));
        // A sibling that edits, or no word about it: text only.
        let sibling = t2i("lab/Owl-Turbo", &[], "# O\n\nOwl-Edit, a variant of Owl, supports image editing.\n");
        assert!(!sibling.contains("image"), "{sibling}");
        let planned =
            t2i("lab/Owl-Turbo", &[], "# O\n\nOpen-source plan for Owl-Turbo:\n\n- [x] Inference\n- [ ] Image-to-Image Generation\n");
        assert!(!planned.contains("image"), "{planned}");
        let plain = t2i("lab/Owl-Turbo", &[], "# O\n\nOwl-Turbo draws pictures from prompts.\n");
        assert!(!plain.contains("image"), "{plain}");
    }
}

//! Whether a media-conditioned generator reads a text prompt, and whether a text-to-image model
//! reads an image as well.
//!
//! Why: the Hub taxonomy gives `image-to-image`, `image-to-video` and `image-to-3d` only their
//! media as input, and `text-to-image` only a prompt, but many such models read both: an image
//! editor follows a text instruction, an image-to-video model animates a picture *as a prompt
//! describes*, a ControlNet or IP-Adapter steers a text-to-image model with an image. A reader
//! sees it in four places besides the card's sentences, and so does this rule:
//! * the card's code — a pipeline call with a `prompt=` argument passes text;
//! * the card's words for a text encoder ("umt5_xxl text encoder", "CLIP text encoder") — a
//!   generator that encodes text reads text;
//! * conditioning adapters named by tags, the id or the base (`controlnet`, `ip-adapter`,
//!   `t2i-adapter`) — they condition a prompted text-to-image model on an image, so the model
//!   reads both;
//! * an editing model named by the id or the base model ("…-Edit-…", "Kontext", "pix2pix") —
//!   an editor takes an instruction beside the image it edits.
//!
//! A model whose card shows none of these (Stable Video Diffusion's image-only animation, a
//! single-image 3D reconstructor) keeps the taxonomy's input.

use std::sync::LazyLock;

use ptmpicker::facts::Source;
use regex::Regex;

use super::super::clean;
use super::super::sections::BlockKind;
use super::{conversion, Ctx};

/// Words in a model's or its base's id that name a model conditioning a prompted generator on
/// an image, or an image editor (which follows an instruction).
/// (An inpainting tag is not among them: a try-on model fills a masked region from a garment
/// image and reads no prompt.)
const CONDITIONING_WORDS: &[&str] = &["controlnet", "ip-adapter", "ipadapter", "t2i-adapter", "control-lora"];
const EDITING_WORDS: &[&str] = &["edit", "kontext", "pix2pix"];

/// The id's words (lowercase, split on `-`, `_`, `.` and `/`).
fn id_words(id: &str) -> Vec<String> {
    id.split(['-', '_', '.', '/', ' ']).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect()
}

/// A conditioning adapter named by a tag, the id or the base model: the model reads an image
/// beside a text-to-image model's prompt.
pub(super) fn conditioning_adapter(cx: &Ctx, base: Option<&str>) -> bool {
    let tagged = cx.tags.iter().any(|t| CONDITIONING_WORDS.iter().any(|w| t.eq_ignore_ascii_case(w)));
    let named = |id: &str| {
        let lower = id.to_ascii_lowercase();
        CONDITIONING_WORDS.iter().any(|w| if w.contains('-') { lower.contains(w) } else { id_words(id).iter().any(|x| x == w) })
    };
    tagged || named(&cx.record.id) || base.is_some_and(named)
}

/// An editing model named by the id or the base model (a word of the id, e.g. `Qwen-Image-Edit`).
fn editing_model(cx: &Ctx, base: Option<&str>) -> bool {
    let named = |id: &str| id_words(id).iter().any(|w| EDITING_WORDS.contains(&w.as_str()));
    named(&cx.record.id) || base.is_some_and(named)
}

/// A pipeline call in the card's code that passes a prompt (`prompt="…"`, `prompt=prompt`);
/// `negative_prompt=` alone does not count.
fn code_passes_prompt(cx: &Ctx) -> bool {
    static PROMPT_ARG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?m)(?:^|[^A-Za-z0-9_])prompt\s*=[^=]").unwrap());
    cx.card.doc.blocks.iter().filter(|b| b.kind == BlockKind::Code).take(50).any(|b| PROMPT_ARG.is_match(clean::cap_bytes(&b.text, 20_000)))
}

/// The card names a text encoder of the model ("the umt5_xxl text encoder").
fn names_text_encoder(cx: &Ctx) -> bool {
    static ENCODER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\btext[- ]encoders?\b").unwrap());
    ENCODER.is_match(clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes))
}

/// Evidence beyond the card's prompt sentences that a media-to-media generator reads a text
/// prompt too: `Some(source)` naming where it was seen.
pub(super) fn reads_prompt(cx: &Ctx, base: Option<&str>) -> Option<Source> {
    if editing_model(cx, base) || conditioning_adapter(cx, base) {
        return Some(if cx.tags.iter().any(|t| CONDITIONING_WORDS.iter().any(|w| t.eq_ignore_ascii_case(w))) {
            Source::Tags
        } else {
            Source::ModelId
        });
    }
    (code_passes_prompt(cx) || names_text_encoder(cx)).then_some(Source::CardText)
}

/// A text-to-image model that reads an image too: a conditioning adapter or an editing model
/// named by a tag, the id or the base model, or an image-conditioned pipeline that runs it
/// ([`image_pipeline`]).
pub(super) fn reads_image(cx: &Ctx, base: Option<&str>) -> Option<Source> {
    if cx.tags.iter().any(|t| CONDITIONING_WORDS.iter().any(|w| t.eq_ignore_ascii_case(w))) {
        Some(Source::Tags)
    } else if conditioning_adapter(cx, base) || editing_model(cx, base) {
        Some(Source::ModelId)
    } else {
        image_pipeline(cx)
    }
}

/// A diffusers pipeline class that works from an image: an upscaler, an inpainter, an
/// img2img or ControlNet pipeline (`StableDiffusionUpscalePipeline`, `FluxControlNetPipeline`).
static IMAGE_PIPELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:Img2Img|Image2Image|ImageToImage|Inpaint|Upscale|ControlNet|ImageVariation|Depth2Img|InstructPix2Pix|Kontext|VideoToVideo)",
    )
    .unwrap()
});

/// The pipeline that runs the model takes an image: the repository's own pipeline class (the
/// Hub's `diffusers:<Class>` tag, read from its `model_index.json`), or a card whose code uses
/// image-conditioned pipeline classes only. A card that also shows a plain text-to-image
/// pipeline (a LoRA demonstrated first on its own, then under a ControlNet) shows the image
/// input as an option of another model, not this model's own input.
fn image_pipeline(cx: &Ctx) -> Option<Source> {
    static CLASS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b[A-Z][A-Za-z0-9]*Pipeline\b").unwrap());
    let tagged = cx.tags.iter().filter_map(|t| t.strip_prefix("diffusers:")).any(|class| IMAGE_PIPELINE.is_match(class));
    if tagged {
        return Some(Source::Tags);
    }
    let mut classes = cx
        .card
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Code)
        .take(50)
        .flat_map(|b| CLASS.find_iter(clean::cap_bytes(&b.text, 20_000)).map(|m| m.as_str()))
        .peekable();
    classes.peek()?;
    classes.all(|c| IMAGE_PIPELINE.is_match(c)).then_some(Source::CardText)
}

/// The model's own name for matching card sentences: the id's name without a conversion's
/// format markers (`FLUX.1-Kontext-dev-GGUF` → `flux1kontextdev`), squashed.
pub(super) fn own_name(id: &str) -> String {
    let tail = conversion::stem(id).unwrap_or_else(|| id.rsplit('/').next().unwrap_or("").to_string());
    tail.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use crate::extract::fill::extract_json;
    use ptmpicker::template::Field;

    fn input(json: serde_json::Value) -> String {
        extract_json(json).template.get(Field::InputFormat).unwrap_or("").to_string()
    }

    #[test]
    fn a_pipeline_call_with_a_prompt_reads_text() {
        let card =
            "# Sharpen ControlNet\n\nFor blurry photos.\n\n```python\nimage = pipe(\n    prompt=\"\",\n    control_image=img,\n)\n```\n";
        let got = input(serde_json::json!({"id": "lab/sharpen", "pipeline_tag": "image-to-image", "card": card}));
        assert!(got.contains("image") && got.contains("text"), "{got}");
        // Only a negative prompt in the code: no text prompt shown.
        let card = "# Sharpen\n\nFor blurry photos.\n\n```python\nout = pipe(image=img, negative_prompt=\"blur\")\n```\n";
        let got = input(serde_json::json!({"id": "lab/sharpen", "pipeline_tag": "image-to-image", "card": card}));
        assert_eq!(got, "image");
    }

    #[test]
    fn a_named_text_encoder_reads_text() {
        let card = "Animates one still into a short clip. Shares the VAE and the umt5 text encoder with its siblings.\n";
        let got = input(serde_json::json!({"id": "lab/anim-i2v-gguf", "pipeline_tag": "image-to-video", "card": card}));
        assert!(got.contains("image") && got.contains("text"), "{got}");
        let card = "Animates one still into a short clip at 24 fps.\n";
        assert_eq!(input(serde_json::json!({"id": "lab/anim-i2v", "pipeline_tag": "image-to-video", "card": card})), "image");
    }

    #[test]
    fn an_editing_base_or_id_reads_an_instruction() {
        let card = "# Angles\n\nNo trigger words. Move the camera left or right.\n";
        let lora =
            serde_json::json!({"id": "me/angles-lora", "pipeline_tag": "image-to-image", "base_model": "acme/Pic-Edit-2509", "card": card});
        let got = input(lora);
        assert!(got.contains("image") && got.contains("text"), "{got}");
        let plain =
            serde_json::json!({"id": "me/angles-lora", "pipeline_tag": "image-to-image", "base_model": "acme/Pic-Upscale", "card": card});
        assert_eq!(input(plain), "image");
    }

    #[test]
    fn a_conditioning_adapter_on_text_to_image_reads_an_image() {
        let card = "# FaceID\n\nKeeps a face while you change the scene.\n";
        let got = input(serde_json::json!({"id": "lab/IP-Adapter-Face", "pipeline_tag": "text-to-image", "card": card}));
        assert!(got.contains("image") && got.contains("text"), "{got}");
        let got = input(serde_json::json!({"id": "lab/face-style", "pipeline_tag": "text-to-image", "tags": ["controlnet"], "card": card}));
        assert!(got.contains("image"), "{got}");
        // A plain text-to-image fine-tune reads only its prompt.
        assert_eq!(input(serde_json::json!({"id": "lab/face-style", "pipeline_tag": "text-to-image", "card": card})), "text prompt");
    }

    #[test]
    fn an_image_conditioned_pipeline_reads_an_image() {
        let sharpen = "# Owl upscaler\n\nMakes small photos four times larger.\n\n```python\nfrom diffusers import OwlUpscalePipeline\npipe = OwlUpscalePipeline.from_pretrained(\"lab/owl-x4\")\nout = pipe(prompt=\"a cat\", image=low_res)\n```\n";
        // The repository's own pipeline class, as the Hub tags it.
        let got = input(serde_json::json!({"id": "lab/owl-x4", "pipeline_tag": "text-to-image",
            "tags": ["diffusers:OwlUpscalePipeline"], "card": "# Owl\n\nUpscales.\n"}));
        assert!(got.contains("image") && got.contains("text"), "{got}");
        // A card whose code runs it only under an image-conditioned pipeline.
        let got = input(serde_json::json!({"id": "lab/owl-x4", "pipeline_tag": "text-to-image", "card": sharpen}));
        assert!(got.contains("image") && got.contains("text"), "{got}");
        // A LoRA shown first in a plain pipeline and then under a ControlNet reads only a prompt.
        let both = "# Fast LoRA\n\n```python\npipe = StableDiffusionXLPipeline.from_pretrained(base)\n```\n\nWith a ControlNet:\n\n```python\npipe = StableDiffusionXLControlNetPipeline.from_pretrained(base, controlnet=cn)\n```\n";
        assert_eq!(input(serde_json::json!({"id": "lab/fast-lora", "pipeline_tag": "text-to-image", "card": both})), "text prompt");
        // A Control-LoRA is a conditioning adapter like a ControlNet.
        let got = input(
            serde_json::json!({"id": "lab/control-lora-depth", "pipeline_tag": "text-to-image", "card": "# Depth\n\nGuides generation.\n"}),
        );
        assert!(got.contains("image"), "{got}");
    }

    #[test]
    fn a_conversion_is_named_by_its_source_in_editing_sentences() {
        let card = "Pixtweak 2 [dev] is a transformer capable of editing images based on text instructions.\n";
        let got = input(serde_json::json!({"id": "quants/Pixtweak-2-dev-GGUF", "pipeline_tag": "text-to-image", "card": card}));
        assert!(got.contains("image") && got.contains("text"), "{got}");
    }
}

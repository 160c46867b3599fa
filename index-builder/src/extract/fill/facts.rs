//! Facts stated by metadata first: task, license, library and base model, languages, size and
//! counts — each from the record, else the front matter, else card text or the id.

use ptmpicker::facts::{Confidence, Evidence, FactKind, ModelInstance, Source};
use ptmpicker::knowledge::tasks::task_by_tag;
use ptmpicker::knowledge::{languages, licenses};
use ptmpicker::template::Field;

use super::super::clean;
use super::super::front_matter::list as fm_list;
use super::super::sections::BlockKind;
use super::description::trainer_base;
use super::{Ctx, BASE_LABELS, LANGUAGE_LABELS, LICENSE_LABELS};
use std::sync::LazyLock;

use regex::Regex;

use crate::extract::{families, sizes, task_inference, vocab};

/// How sure a fact is, by where it came from (a labelled card line is stated too; callers say so).
pub(super) fn confidence_of(source: Source) -> Confidence {
    match source {
        Source::Metadata | Source::FrontMatter => Confidence::Stated,
        Source::CardSection | Source::CardText | Source::Tags | Source::TaskTaxonomy | Source::Llm => Confidence::Read,
        Source::ModelId | Source::BaseModel | Source::FamilyTable => Confidence::Guessed,
    }
}

pub(super) fn task(cx: &Ctx, inst: &mut ModelInstance) {
    let declared = match (&cx.record.pipeline_tag, cx.fm_text("pipeline_tag")) {
        (Some(t), _) => Some((t.clone(), Source::Metadata)),
        (None, Some(t)) => Some((t, Source::FrontMatter)),
        _ => None,
    };
    let declared = declared.filter(|(t, _)| !t.trim().is_empty() && t.len() <= 80);
    let Some(found) =
        task_inference::infer(declared.as_ref().map(|(t, s)| (t.as_str(), *s)), &cx.tags, &cx.record.id, inst.facts.base_model.as_deref())
            .or_else(|| task_inference::title_task(&title_lines(cx)))
    else {
        return;
    };
    let found = match declared.as_ref().filter(|(t, _)| t.eq_ignore_ascii_case(&found.tag)) {
        Some((t, _)) => task_inference::contradicted(
            t,
            &cx.tags,
            &cx.record.id,
            inst.facts.base_model.as_deref(),
            clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes),
        )
        .unwrap_or(found),
        None => found,
    };
    // No task declared and text generation inferred, while the card lists image input ("supports
    // both text and image input") or a `vision` tag says the model sees: a vision-language chat
    // model.
    let found = if declared.is_none() && found.tag == "text-generation" {
        let listed = super::modalities::listed_inputs(clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes));
        if listed & super::modalities::IMAGE != 0 {
            task_inference::InferredTask {
                tag: "image-text-to-text".into(),
                source: Source::CardText,
                because: format!("{}; the card lists image input", found.because).trim_start_matches("; ").to_string(),
            }
        } else if cx.has_tag("vision") {
            task_inference::InferredTask {
                tag: "image-text-to-text".into(),
                source: Source::Tags,
                because: format!("{}; tagged vision", found.because).trim_start_matches("; ").to_string(),
            }
        } else {
            found
        }
    } else {
        found
    };
    let tag = found.tag;
    let source = found.source;
    let confidence = if found.because.is_empty() { confidence_of(source) } else { confidence_of(source).min(Confidence::Read) };
    let because = (!found.because.is_empty()).then(|| found.because.clone());
    inst.facts.set_evidence(Evidence::new(FactKind::Task, source, confidence, because));
    match task_by_tag(&tag) {
        Some(info) => {
            inst.facts.task = Some(info.tag.to_string());
            cx.put(inst, Field::Task, format!("{} ({})", info.tag, info.name), source);
            if let Some((input, output, source)) = super::modalities::widened_formats(cx, info.tag) {
                cx.put(inst, Field::InputFormat, input, source);
                cx.put(inst, Field::OutputFormat, output, source);
            } else if let Some(input) = super::modalities::listed_input(cx, info.tag) {
                cx.put(inst, Field::InputFormat, input, Source::CardText);
                cx.put(inst, Field::OutputFormat, info.output, Source::TaskTaxonomy);
            } else if info.tag == "text-classification" && is_reranker(cx) {
                cx.put(inst, Field::InputFormat, "query and passage pair", Source::Tags);
                cx.put(inst, Field::OutputFormat, "relevance score", Source::Tags);
            } else if let Some(source) = (info.tag == "text-to-image")
                .then(|| {
                    super::modalities::text_to_image_takes_image(cx)
                        .or_else(|| super::prompting::reads_image(cx, inst.facts.base_model.as_deref()))
                })
                .flatten()
            {
                cx.put(inst, Field::InputFormat, format!("{} and an input image", info.input), source);
                cx.put(inst, Field::OutputFormat, info.output, Source::TaskTaxonomy);
            } else if super::modalities::SELF_DRAWN_INPUTS.contains(&info.input) {
                // An unconditional generator reads nothing from its user: no input format.
                cx.put(inst, Field::OutputFormat, info.output, Source::TaskTaxonomy);
            } else {
                let input = prompted_input(cx, info.tag, info.input, inst.facts.base_model.as_deref());
                // Other task tags of the record add the media those tasks read; a video-to-video
                // mode the card offers adds video.
                let v2v = if super::modalities::reads_video(cx, info.tag) { super::modalities::VIDEO } else { 0 };
                match super::modalities::sibling_task_inputs(cx, info.tag, &input) | v2v {
                    0 => cx.put(inst, Field::InputFormat, input, Source::TaskTaxonomy),
                    extra => {
                        let source = if v2v != 0 { Source::CardText } else { Source::Tags };
                        cx.put(inst, Field::InputFormat, format!("{input} and {}", super::modalities::describe(extra)), source)
                    }
                }
                if super::modalities::video_with_audio(cx, info.tag) {
                    cx.put(inst, Field::OutputFormat, format!("{} and audio", info.output), Source::CardText);
                } else if let Some(source) = super::modalities::speaker_embedding(cx, info.tag) {
                    cx.put(inst, Field::OutputFormat, "speaker embedding vector", source);
                } else {
                    cx.put(inst, Field::OutputFormat, info.output, Source::TaskTaxonomy);
                }
            }
        }
        None => {
            inst.facts.task = Some(tag.clone());
            cx.put(inst, Field::Task, tag.clone(), source);
            if let Some((input, output)) = task_inference::formats_of_tag(&tag) {
                cx.put(inst, Field::InputFormat, input, Source::TaskTaxonomy);
                cx.put(inst, Field::OutputFormat, output, Source::TaskTaxonomy);
            }
        }
    }
}

/// The card's title lines, where a task named in a title is looked for when nothing else names
/// one: the first heading (any level) and an opening line of at most 200 bytes (a title set in
/// HTML, `<h3>Acme: Zero-Shot Text-to-Speech</h3>`, before any heading).
fn title_lines<'c>(cx: &'c Ctx) -> Vec<&'c str> {
    let doc = &cx.card.doc;
    let mut out: Vec<&str> = doc.sections.first().map(|s| s.heading.as_str()).into_iter().collect();
    let opening = doc.blocks.iter().take(3).find(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Html) && !b.text.trim().is_empty());
    if let Some(b) = opening.filter(|b| b.text.len() <= 200 && b.section.is_none_or(|s| s == 0)) {
        out.push(b.text.as_str());
    }
    out
}

/// A cross-encoder reranker: a reranker tag, or a reranker word in the id's name.
fn is_reranker(cx: &Ctx) -> bool {
    let name = cx.record.id.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    vocab::RERANKER_WORDS.iter().any(|w| cx.has_tag(w) || name.contains(w))
        || cx.record.id.to_ascii_lowercase().starts_with("cross-encoder/")
}

/// Media-to-media generation tasks whose models are often steered by a text prompt as well
/// (image editing, image-to-video): the taxonomy's input names only the media.
const PROMPTABLE_TASKS: &[&str] = &["image-to-image", "image-to-video", "video-to-video", "image-to-3d"];

/// The task's input, plus "and a text prompt" when the card says the model takes one.
/// Besides the card's sentences and headings, [`super::prompting::reads_prompt`] reads the card's
/// code, a named text encoder, and editing or conditioning models named by the id or the base.
fn prompted_input(cx: &Ctx, task: &str, input: &str, base: Option<&str>) -> String {
    static PROMPT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:text prompts?|prompts?|edit(?:ing)? instructions?|text instructions?|instruction-based|text-guided|text conditions?|image editing|edits? images?)(?-u:\b)").unwrap()
    });
    // The card's headings count too: a title such as "Learning to Follow Image Editing
    // Instructions" says it as plainly as a sentence.
    let in_headings = || cx.card.doc.sections.iter().take(200).any(|s| PROMPT.is_match(&s.heading));
    if PROMPTABLE_TASKS.contains(&task)
        && !input.contains("text")
        && (PROMPT.is_match(clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes))
            || in_headings()
            || super::prompting::reads_prompt(cx, base).is_some())
    {
        format!("{input} and a text prompt")
    } else if OPEN_VOCABULARY_TASKS.contains(&task) && open_vocabulary(cx) {
        format!("{input} and text queries")
    } else {
        input.to_string()
    }
}

/// Vision tasks whose taxonomy input is the image alone, although an open-vocabulary model also
/// reads what to find in words ("find the red mug").
const OPEN_VOCABULARY_TASKS: &[&str] = &["object-detection", "image-segmentation"];

/// A detector or segmenter that finds what a text names: an `open-vocabulary` / `open-set` tag,
/// or the card calling it so or naming its text prompts or queries ("detects any object from a
/// text prompt", "referring expressions"). A closed-set detector's card names none of these.
fn open_vocabulary(cx: &Ctx) -> bool {
    static OPEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bopen[- ](?:vocabulary|set)\b|\btext[- ](?:prompts?|quer(?:y|ies))\b|\breferring expressions?\b").unwrap()
    });
    cx.tags.iter().any(|t| OPEN.is_match(t)) || OPEN.is_match(clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes))
}

pub(super) fn license(cx: &Ctx, inst: &mut ModelInstance) {
    let license_name = cx.fm_text("license_name");
    if let Some(l) = cx.record.license.as_deref().filter(|l| !l.is_empty()) {
        let id = licenses::declared_id(l, license_name.as_deref());
        inst.facts.license = Some(id.clone());
        inst.facts.set_evidence(Evidence::new(FactKind::License, Source::Metadata, Confidence::Stated, None));
        cx.put(inst, Field::License, id, Source::Metadata);
        return;
    }
    if let Some(v) = cx.fm("license").or_else(|| cx.fm("licence")) {
        let all: Vec<String> = fm_list(v).into_iter().map(|l| l.to_lowercase()).filter(|l| l.len() <= 100 && l != "license").collect();
        if let Some(first) = all.first() {
            let id = licenses::declared_id(first, license_name.as_deref());
            inst.facts.license = Some(id.clone());
            inst.facts.set_evidence(Evidence::new(FactKind::License, Source::FrontMatter, Confidence::Stated, None));
            let text = if all.len() > 1 { all.join(", ") } else { id };
            cx.put(inst, Field::License, text, Source::FrontMatter);
            return;
        }
    }
    // A `license_name` with no `license` key names a custom license all the same.
    if let Some(name) = license_name.as_deref().map(str::trim).filter(|n| !n.is_empty() && n.len() <= 100) {
        let id = licenses::declared_id("other", Some(name));
        inst.facts.license = Some(id.clone());
        inst.facts.set_evidence(Evidence::new(FactKind::License, Source::FrontMatter, Confidence::Stated, None));
        cx.put(inst, Field::License, id, Source::FrontMatter);
        return;
    }
    if let Some(l) = cx.labelled(LICENSE_LABELS).next() {
        let lead = l.value.split(['(', ';']).next().unwrap_or(&l.value);
        inst.facts.license = licenses::id_in_card_text(&l.value)
            .or_else(|| licenses::id_in_card_text(lead))
            .map(str::to_string)
            .or_else(|| custom_license(&l.value));
        if inst.facts.license.is_some() {
            inst.facts.set_evidence(Evidence::new(
                FactKind::License,
                Source::CardText,
                Confidence::Stated,
                Some(format!("{}: {}", l.label, l.value)),
            ));
        }
        cx.put(inst, Field::License, l.value.clone(), Source::CardText);
        if inst.facts.license.is_some() {
            return;
        }
    }
    if let Some((id, quote)) = license_in_table_or_section(cx) {
        inst.facts.license = Some(id.clone());
        inst.facts.set_evidence(Evidence::new(FactKind::License, Source::CardText, Confidence::Stated, Some(quote)));
        if inst.template.get(Field::License).is_none() {
            cx.put(inst, Field::License, id, Source::CardText);
        }
        return;
    }
    if let Some((id, sentence)) = license_in_prose(clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes)) {
        inst.facts.license = Some(id.clone());
        inst.facts.set_evidence(Evidence::new(FactKind::License, Source::CardText, Confidence::Read, Some(sentence)));
        if inst.template.get(Field::License).is_none() {
            cx.put(inst, Field::License, id, Source::CardText);
        }
    }
}

/// A license a card states outside "Label: value" lines: a table row whose first cell is a
/// license label ("| **License** | CC-BY-4.0 license |"), or the first line of a "License"
/// section when that line is a license's name alone ("## License" then "- [CreativeML Open
/// RAIL-M](LICENSE-MODEL)": the link text names it). Only a whole cell or line that is a known
/// license counts: a sentence there ("The code is MIT; the weights follow the Model License") is
/// left to the prose reader, which checks what the sentence is about.
fn license_in_table_or_section(cx: &Ctx) -> Option<(String, String)> {
    let doc = &cx.card.doc;
    let is_label = |l: &str| LICENSE_LABELS.contains(&super::label_of(l).as_str());
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::TableRow).take(400) {
        let mut cells = b.text.split(" | ").map(str::trim);
        let (Some(label), Some(value)) = (cells.next(), cells.next()) else { continue };
        if !is_label(label) {
            continue;
        }
        if let Some(id) = licenses::id_in_card_text(value) {
            return Some((id.to_string(), format!("{label}: {value}")));
        }
    }
    for section in doc.sections.iter().filter(|s| is_label(&s.heading)) {
        let blocks = doc.blocks.get(section.first..section.end.min(doc.blocks.len())).unwrap_or_default();
        let Some(first) = blocks.iter().find(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) && !b.text.trim().is_empty())
        else {
            continue;
        };
        let line = first.text.lines().next().unwrap_or("").trim().trim_start_matches(['-', '*', '+']).trim();
        if let Some(id) = licenses::id_in_card_text(line) {
            return Some((id.to_string(), format!("{}: {line}", section.heading.trim())));
        }
    }
    None
}

/// Words that end a license name without being part of it ("Llama 3 Community License
/// Agreement" names the `llama3` license).
const LICENSE_NAME_TAILS: &[&str] = &[" license agreement", " licence agreement", " license", " licence", " community", " agreement"];

/// A custom license a card names ("DARJYO License v1.0", "Tencent Hunyuan Community License"):
/// `other:<name>`, the Hub's own shape for a license that has no id. Only a short name that says
/// it is a license; placeholders and pointers ("see LICENSE", "[More Information Needed]") are none.
fn custom_license(value: &str) -> Option<String> {
    let v = value.trim().trim_matches(|c: char| c == '[' || c == ']' || c == '*' || c == '`').trim();
    let lower = v.to_lowercase();
    let words = v.split_whitespace().count();
    let named = lower.contains("license") || lower.contains("licence");
    let pointer = ["more information", "needed", "see ", "http", "refer", "same as", "follow", "unknown", "todo", "n/a"]
        .iter()
        .any(|p| lower.contains(p));
    if !named || pointer || !(2..=7).contains(&words) || !v.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let mut name = lower.as_str();
    for tail in LICENSE_NAME_TAILS {
        name = name.strip_suffix(tail).unwrap_or(name);
    }
    let slug: Vec<&str> = name.split(|c: char| !c.is_alphanumeric() && c != '.').filter(|w| !w.is_empty()).collect();
    (!slug.is_empty()).then(|| format!("other:{}", slug.join("-")))
}

/// "released under the Apache 2.0 license", "licensed under the Llama 3 Community License",
/// "available under MIT". The subject must not be only the data or the code ("the dataset is
/// released under CC-BY-4.0" says nothing of the weights).
static UNDER_LICENSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:released|licen[cs]ed|available|distributed|provided|published|shared|governed|open[- ]sourced?)\s+under\s+(?:the\s+|an?\s+)?(?:terms\s+of\s+(?:the\s+)?)?(?:permissive\s+)?([A-Za-z][\w.+-]*(?:\s+[\w.+-]+){0,5}?)(\s+(?:license|licence)\b|\s*[.,;)]|\s*$)",
    )
    .unwrap()
});

/// The license stated in a prose sentence, with the sentence.
fn license_in_prose(prose: &str) -> Option<(String, String)> {
    for c in UNDER_LICENSE.captures_iter(prose) {
        let whole = c.get(0)?;
        let sentence = super::derivation::sentence_at(prose, whole.start());
        let before = sentence.to_lowercase();
        let before = before.split("under").next().unwrap_or("");
        let about_weights = ["model", "weight", "checkpoint", "this", "it ", "we "].iter().any(|w| before.contains(w));
        let about_other = ["dataset", "data ", "code", "images", "outputs"].iter().any(|w| before.contains(w));
        if about_other && !about_weights {
            continue;
        }
        let name = c[1].trim().trim_end_matches(['.', ',']);
        let with_word = !c[2].trim().is_empty() && c[2].trim().to_lowercase().starts_with("licen");
        let mut key = name.to_lowercase();
        for tail in LICENSE_NAME_TAILS {
            key = key.strip_suffix(tail).unwrap_or(&key).to_string();
        }
        if let Some(id) = licenses::id_in_card_text(&key).or_else(|| licenses::alias(&key)) {
            return Some((id.to_string(), sentence));
        }
        if with_word {
            if let Some(id) = custom_license(&format!("{name} License")) {
                return Some((id, sentence));
            }
        }
    }
    None
}

/// The relation a `base_model:<relation>:<id>` tag states (finetune, quantized, adapter, merge).
pub(super) fn base_relation(cx: &Ctx) -> Option<String> {
    if let Some(r) = cx.fm_text("base_model_relation") {
        return Some(r.to_lowercase());
    }
    cx.tags.iter().find_map(|t| {
        let rest = t.strip_prefix("base_model:")?;
        let (relation, _) = rest.split_once(':')?;
        Some(relation.to_lowercase())
    })
}

pub(super) fn library_and_base(cx: &Ctx, inst: &mut ModelInstance) {
    let library = match (&cx.record.library_name, cx.fm_text("library_name")) {
        (Some(l), _) => Some((l.clone(), Source::Metadata)),
        (None, Some(l)) => Some((l, Source::FrontMatter)),
        _ => None,
    };
    if let Some((l, source)) = library {
        inst.facts.library = Some(l.clone());
        inst.facts.set_evidence(Evidence::new(FactKind::Library, source, Confidence::Stated, None));
        cx.put(inst, Field::Libraries, l, source);
    } else {
        if let Some(l) = vocab::LIBRARY_TAGS.iter().find(|l| cx.has_tag(l)) {
            cx.put(inst, Field::Libraries, *l, Source::Tags);
        }
    }

    // A repository that names itself as its base (a template filled with its own id) states none.
    let not_self = |b: &str| !b.trim().eq_ignore_ascii_case(&cx.record.id);
    let fm_bases: Vec<String> = cx.fm("base_model").map(fm_list).unwrap_or_default().into_iter().filter(|b| not_self(b)).collect();
    let (base, all, source, confidence, quote) = if let Some(b) = cx.record.base_model.as_deref().filter(|b| !b.is_empty() && not_self(b)) {
        let mut all = vec![b.to_string()];
        all.extend(fm_bases.iter().filter(|x| !x.eq_ignore_ascii_case(b)).cloned());
        (b.to_string(), all, Source::Metadata, Confidence::Stated, None)
    } else if let Some(first) = fm_bases.first() {
        (first.clone(), fm_bases.clone(), Source::FrontMatter, Confidence::Stated, None)
    } else if let Some(b) = tag_base(cx) {
        // The Hub's model tree: `base_model:<id>` or `base_model:<relation>:<id>`.
        (b.clone(), vec![b], Source::Tags, Confidence::Stated, None)
    } else if let Some((b, source, confidence, quote)) = base_in_words(cx) {
        // A short name ("SD 1.5") is the checkpoint's Hub name; a name read from the card
        // becomes the catalog id it spells ("acme-v1-2" → `lab/acme-v1-2`).
        let short = super::super::known_models::squash(&b);
        let b = vocab::MODEL_SHORT_NAMES.iter().find(|(k, _)| *k == short).map(|(_, n)| n.to_string()).unwrap_or(b);
        let b = cx.known.and_then(|k| k.id_for(&b, cx.p.id_base_min_downloads as u64)).map(str::to_string).unwrap_or(b);
        (b.clone(), vec![b], source, confidence, quote)
    } else if let Some((b, quote)) = super::id_base::named_by_id(cx) {
        // Last: the card states no base, but the id carries a catalog model's name.
        (b.clone(), vec![b], Source::ModelId, Confidence::Guessed, Some(quote))
    } else {
        return;
    };
    inst.facts.set_evidence(Evidence::new(FactKind::BaseModel, source, confidence, quote));
    inst.facts.base_model = Some(base);
    let text = all.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
    cx.put(inst, Field::BaseModel, text, source);
}

/// The base a `base_model:…` tag names (the model tree), when the metadata key is empty.
fn tag_base(cx: &Ctx) -> Option<String> {
    cx.tags.iter().find_map(|t| {
        let rest = t.strip_prefix("base_model:")?;
        let id = match rest.split_once(':') {
            Some((relation, id)) if ["finetune", "quantized", "adapter", "merge"].contains(&relation.to_ascii_lowercase().as_str()) => id,
            _ => rest,
        };
        let id = id.trim();
        (id.len() >= 2 && !id.contains(' ') && !id.eq_ignore_ascii_case(&cx.record.id)).then(|| id.to_string())
    })
}

/// The base the card's words (or, for a conversion repo, its id) state, with the source,
/// confidence and the words read. On a conversion repository only words about the conversion
/// count ("Original model:", "GGUF quants of X", a Hub id spelling the id's stem); sentences
/// copied from the source's card name the source's own base.
fn base_in_words(cx: &Ctx) -> Option<(String, Source, Confidence, Option<String>)> {
    let labelled = |labels: &'static [&'static str]| {
        cx.labelled(labels).find_map(|l| {
            // "- Original model: [Acme Chat 7B](https://huggingface.co/acme/Chat-7B-hf)": the link
            // names the repository when the shown words are a display name.
            let linked = l.block.links.iter().find_map(|k| super::derivation::hub_model(k)).filter(|id| id.contains('/'));
            let value = linked.or_else(|| (!l.value.contains(' ') && l.value.len() <= 120).then(|| l.value.clone()))?;
            Some((value, format!("{}: {}", l.label, l.value)))
        })
    };
    if let Some(conv) = super::conversion::source(cx) {
        if let Some(sentence) = conv.sentence {
            return Some((conv.model, Source::CardText, Confidence::Read, Some(sentence)));
        }
        if let Some((b, quote)) = labelled(&["original model", "original model creator"]).filter(|(b, _)| b.contains('/') || b.len() > 3) {
            return Some((b, Source::CardText, Confidence::Stated, Some(quote)));
        }
        if let Some(stated) = super::derivation::stated_base(cx).filter(|s| s.conversion) {
            return Some((stated.model, Source::CardText, Confidence::Read, Some(stated.sentence)));
        }
        // The stem names no catalog model: the repository may be the maker's own release,
        // whose card says what the model was derived from.
        let catalog_source = conv.model.contains('/') || cx.known.is_some_and(|k| k.by_name(&conv.model).is_some());
        if !catalog_source {
            if let Some(stated) = super::derivation::stated_for_converted_own_name(cx) {
                return Some((stated.model, Source::CardText, Confidence::Read, Some(stated.sentence)));
            }
        }
        let quote = format!("the id {} names a conversion of {}", cx.record.id, conv.model);
        return Some((conv.model, Source::ModelId, Confidence::Guessed, Some(quote)));
    }
    base_in_card_words(cx)
}

/// The base the card's words state, read as for a repository that converts nothing.
fn base_in_card_words(cx: &Ctx) -> Option<(String, Source, Confidence, Option<String>)> {
    let labelled = |labels: &'static [&'static str]| {
        cx.labelled(labels).find_map(|l| {
            let linked = l.block.links.iter().find_map(|k| super::derivation::hub_model(k)).filter(|id| id.contains('/'));
            let value = linked.or_else(|| (!l.value.contains(' ') && l.value.len() <= 120).then(|| l.value.clone()))?;
            Some((value, format!("{}: {}", l.label, l.value)))
        })
    };
    if let Some((b, quote)) = labelled(BASE_LABELS) {
        return Some((b, Source::CardText, Confidence::Stated, Some(quote)));
    }
    if let Some(stated) = super::derivation::base_in_other_language_label(cx) {
        return Some((stated.model, Source::CardText, Confidence::Stated, Some(stated.sentence)));
    }
    // A table with a "Base Model" column, in the row named after this model.
    if let Some(stated) = super::derivation::base_in_table(cx) {
        return Some((stated.model, Source::CardSection, Confidence::Read, Some(stated.sentence)));
    }
    if let Some(stated) = super::derivation::stated_base(cx).or_else(|| super::derivation::base_in_config(cx)) {
        return Some((stated.model, Source::CardText, Confidence::Read, Some(stated.sentence)));
    }
    if let Some(b) = trainer_base(&cx.prose) {
        let quote = format!("a fine-tuned version of {b}");
        return Some((b, Source::CardText, Confidence::Read, Some(quote)));
    }
    // Last: the one Hub model a tuning sentence of the lead links to, whatever its shown words.
    // Then an explicit statement past the lead ("has the pretrained X as the backbone").
    let stated = super::derivation::linked_in_tuning_lead(cx).or_else(|| super::derivation::explicit_base_in_body(cx))?;
    Some((stated.model, Source::CardText, Confidence::Read, Some(stated.sentence)))
}

pub(super) fn language(cx: &Ctx, inst: &mut ModelInstance) {
    // YAML 1.1 reads `no` (Norwegian) as false; catalogs then carry "False".
    let yaml_no = |v: &str| if v.eq_ignore_ascii_case("false") { "no".to_string() } else { v.to_string() };
    let record: Vec<String> = cx.record.languages.iter().map(|v| yaml_no(v)).collect();
    let mut found = (languages::from_values(record.iter().map(String::as_str)), Source::Metadata);
    if found.0.is_empty() {
        let fm: Vec<String> = cx.fm("language").or_else(|| cx.fm("languages")).map(fm_list).unwrap_or_default();
        let fm: Vec<String> = fm.iter().map(|v| yaml_no(v)).collect();
        found = (languages::from_values(fm.iter().map(String::as_str)), Source::FrontMatter);
    }
    if found.0.is_empty() {
        found = (languages::from_tags(&cx.tags), Source::Tags);
    }
    if found.0.is_empty() {
        let mut codes = Vec::new();
        for l in cx.labelled(LANGUAGE_LABELS).take(3) {
            for part in l.value.split([',', '/', ';', '&']).flat_map(|p| p.split(" and ")) {
                if let Some(c) = languages::normalize(part) {
                    if !codes.contains(&c) {
                        codes.push(c);
                    }
                }
            }
            for c in languages::from_text(&l.value) {
                if !codes.contains(&c) {
                    codes.push(c);
                }
            }
        }
        // "Supported Languages: 30+ Languages": a count, not a list.
        if codes.is_empty() && cx.labelled(LANGUAGE_LABELS).take(3).any(|l| many_languages(&l.value)) {
            codes.push(languages::MULTILINGUAL.to_string());
        }
        found = (codes, Source::CardText);
    }
    if found.0.is_empty() {
        found = (language_with_code_in_lead(cx), Source::CardText);
    }
    if found.0.is_empty() {
        found = (languages::from_id(&cx.record.id), Source::ModelId);
    }
    if found.0.is_empty() && inst.facts.task.as_deref() == Some("translation") {
        found = (three_letter_pair_in_id(&cx.record.id), Source::ModelId);
    }
    if found.0.is_empty() {
        if let Some((d, _, _)) = &cx.description {
            found = (languages::from_text(d), Source::CardText);
        }
    }
    if found.0.is_empty() {
        if let Some((codes, sentence)) = language_of_training(cx) {
            inst.facts.set_evidence(Evidence::new(FactKind::Languages, Source::CardText, Confidence::Read, Some(sentence)));
            cx.put(inst, Field::Language, languages::describe(&codes), Source::CardText);
            inst.facts.languages = codes;
            return;
        }
    }
    let mut quote = None;
    if found.0.is_empty() {
        if let Some(sentence) = many_languages_supported_in_lead(cx) {
            found = (vec![languages::MULTILINGUAL.to_string()], Source::CardText);
            quote = Some(sentence);
        }
    }
    // Last: a tag that is a language's name ("english", "Japanese"), as gallery and hand-made
    // tag lists write it. After every other source: a port tagged "english" for its English-only
    // checkpoints may state many languages in its text.
    if found.0.is_empty() {
        let mut codes: Vec<String> = Vec::new();
        for c in cx.tags.iter().filter(|t| t.len() >= 4).filter_map(|t| languages::code_of_name(t)) {
            if !codes.iter().any(|k| k == c) {
                codes.push(c.to_string());
            }
        }
        found = (codes, Source::Tags);
    }
    // Only the `multilingual` marker (or nothing) declared: a list the card's lead spells out
    // ("across 16 languages (ar, bn, de, …)", "for English, Chinese and French") says which.
    // Beside the marker, a pair ("strong in Chinese and English") is a highlight among the many
    // languages the marker stands for, not the list: it takes three names to replace it.
    if found.0.iter().all(|c| c == languages::MULTILINGUAL) {
        let listed = languages_listed_in_lead(cx);
        let needed = if found.0.is_empty() { 2 } else { 3 };
        if listed.len() >= needed {
            let mut codes = listed;
            if !found.0.is_empty() {
                codes.push(languages::MULTILINGUAL.to_string());
            }
            found = (codes, Source::CardText);
            quote = None;
        }
    }
    let (codes, source) = found;
    if codes.is_empty() {
        return;
    }
    let confidence = match source {
        Source::CardText if cx.labelled(LANGUAGE_LABELS).next().is_some() => Confidence::Stated,
        s => confidence_of(s),
    };
    inst.facts.set_evidence(Evidence::new(FactKind::Languages, source, confidence, quote));
    cx.put(inst, Field::Language, languages::describe(&codes), source);
    inst.facts.languages = codes;
}

/// The language of the text a model was trained on, as the card's lead says it: "a language
/// model pre-trained for English Tweets", "fine-tuned on Finnish news", "trained with data in
/// over 140 spoken languages" (many languages: the `multilingual` marker). Only the few words
/// after a training cue count, so "a French startup trained it on code" names no language of
/// the model; with the sentence read, for the evidence.
fn language_of_training(cx: &Ctx) -> Option<(Vec<String>, String)> {
    training_languages_in(clean::cap_bytes(&cx.prose, 3000))
}

/// [`language_of_training`] over a lead text.
fn training_languages_in(lead: &str) -> Option<(Vec<String>, String)> {
    static TRAINED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:pre-?trained|trained|fine-?tuned|finetuned)(?: from scratch)?(?: (?:exclusively|only|mainly|primarily|solely|specifically))? (?:on|for|with)(?-u:\b)").unwrap()
    });
    // "on a vast dataset of 2 trillion tokens in both English and Chinese": the language of
    // the data, said after the amount.
    static DATA_IN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:tokens|data|text|texts|corpus|corpora|documents|words|sentences|hours) in (?:both |the )?").unwrap()
    });
    for sentence in clean::split_sentences(lead).into_iter().take(40) {
        let Some(m) = TRAINED.find(sentence) else { continue };
        let after = &sentence[m.end()..];
        // Six words after the cue: "(a large corpus of) English tweets", "data in over 140 languages".
        let window: String = after.split_whitespace().take(7).collect::<Vec<_>>().join(" ");
        if many_languages(&window) {
            return Some((vec![languages::MULTILINGUAL.to_string()], sentence.trim().to_string()));
        }
        let mut codes: Vec<String> = languages::from_text(&window).into_iter().filter(|c| c != languages::MULTILINGUAL).collect();
        if codes.is_empty() {
            let wider: String = after.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
            if let Some(d) = DATA_IN.find(&wider) {
                let named: String = wider[d.end()..].split_whitespace().take(5).collect::<Vec<_>>().join(" ");
                codes = languages::from_text(&named).into_iter().filter(|c| c != languages::MULTILINGUAL).collect();
            }
        }
        if !codes.is_empty() && codes.len() <= 3 {
            return Some((codes, sentence.trim().to_string()));
        }
    }
    None
}

/// A sentence of the card's lead saying the model works in many languages without listing
/// them: "Support of 100+ languages and dialects", "24kHz output, 646 languages", "multilingual
/// support in over 140 languages" (the `multilingual` marker). The count must follow a word of
/// use (support, in, across, covering…) within a few words; a feature's bullet ("Expanded OCR:
/// supports 32 languages") speaks of that feature, and benchmark sentences of the test, so
/// neither counts. With the sentence, for the evidence.
fn many_languages_supported_in_lead(cx: &Ctx) -> Option<String> {
    many_languages_supported_in(clean::cap_bytes(&cx.prose, 3000))
}

/// [`many_languages_supported_in_lead`] over a lead text.
fn many_languages_supported_in(lead: &str) -> Option<String> {
    static COUNT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)[0-9][0-9,]*\s*\+?\s*(?:natural |human |spoken |written )?languages(?-u:\b)").unwrap());
    static USE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:support|supports|supported|supporting|in|across|cover|covers|covering|speaks|understands|handles)(?-u:\b)",
        )
        .unwrap()
    });
    static NOT_THE_MODEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:benchmark|benchmarks|evaluated|evaluation|tested|dataset|datasets|corpus)(?-u:\b)").unwrap()
    });
    for sentence in clean::split_sentences(lead).into_iter().take(40) {
        if !many_languages(sentence) || NOT_THE_MODEL.is_match(sentence) {
            continue;
        }
        // "supports 6 languages: English (en), Spanish (es), …": a list, which the list reader takes.
        if languages::from_text(sentence).iter().filter(|c| *c != languages::MULTILINGUAL).count() >= 2 {
            continue;
        }
        // "Expanded OCR: Supports 32 languages": the count belongs to the labelled feature.
        if let Some((label, _)) = sentence.split_once(':') {
            let label = label.to_lowercase();
            if label.split_whitespace().count() <= 4 && !label.contains("language") && !label.contains("lingual") {
                continue;
            }
        }
        let Some(m) = COUNT.find(sentence) else { continue };
        let before: Vec<&str> = sentence[..m.start()].split_whitespace().rev().take(6).collect();
        if before.iter().any(|w| USE.is_match(w)) || sentence[..m.start()].trim_end().ends_with(',') {
            return Some(sentence.trim().to_string());
        }
    }
    None
}

/// The two languages a translation model's id names with three-letter ISO 639-2 codes side by
/// side ("mbart-finetuned-eng-mya" is English ↔ Burmese). Read only for translation models:
/// elsewhere two three-letter words side by side are mostly English ("per-ton").
fn three_letter_pair_in_id(id: &str) -> Vec<String> {
    let name = id.rsplit('/').next().unwrap_or(id).to_lowercase();
    let code = |t: &str| {
        (t.len() == 3)
            .then(|| languages::LANGUAGES.iter().find(|l| l.terminology == t || l.bibliographic == t).map(|l| l.code.to_string()))
            .flatten()
    };
    let tokens: Vec<&str> = name.split(['-', '_', '.']).collect();
    for pair in tokens.windows(2) {
        if let (Some(a), Some(b)) = (code(pair[0]), code(pair[1])) {
            if a != b {
                return vec![a, b];
            }
        }
    }
    Vec::new()
}

/// "30+ languages", "over 100 languages", "1,000 languages": five or more, counted.
fn many_languages(text: &str) -> bool {
    static COUNT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)([0-9][0-9,]*)\s*\+?\s*(?:natural |human |spoken |written )?languages(?-u:\b)").unwrap());
    COUNT.captures_iter(text).any(|c| c[1].replace(',', "").parse::<u32>().is_ok_and(|n| n >= 5))
}

/// "the **Kisi, Southern (kss)** language model": a language named with its code, as one-language
/// checkpoints of a many-language project write it (the project's "Multilingual" title names no
/// language of this checkpoint).
fn language_with_code_in_lead(cx: &Ctx) -> Vec<String> {
    static NAMED_CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([a-z]{2,3})\)[*_]*\s+language(?-u:\b)").unwrap());
    let lead = clean::cap_bytes(&cx.prose, 3000);
    NAMED_CODE.captures(lead).and_then(|c| languages::normalize(&c[1])).into_iter().collect()
}

/// Languages the sentence of the card's lead listing the most lists: names ("English, Chinese and French") or
/// codes in parentheses after "languages" ("16 languages (ar, bn, de)"). Only sentences that talk
/// about languages count, so "a French startup" names no language of the model.
fn languages_listed_in_lead(cx: &Ctx) -> Vec<String> {
    static LANG_SENTENCE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:languages?|multilingual|bilingual|supports?)(?-u:\b)").unwrap());
    static CODE_LIST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)languages?\s*[(:]\s*((?:[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?\s*,\s*)+[a-z]{2,3})").unwrap());
    let lead = clean::cap_bytes(&cx.prose, 3000);
    let mut best: Vec<String> = Vec::new();
    for sentence in clean::split_sentences(lead) {
        if !LANG_SENTENCE.is_match(sentence) {
            continue;
        }
        let mut codes: Vec<String> = Vec::new();
        if let Some(c) = CODE_LIST.captures(sentence) {
            for part in c[1].split(',') {
                if let Some(code) = languages::normalize(part.trim()) {
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
            }
        }
        for code in languages::from_text(sentence) {
            if code != languages::MULTILINGUAL && !codes.contains(&code) {
                codes.push(code);
            }
        }
        // "2 new languages: Hungarian and Korean" before "supports 17 languages: English (en),
        // …": the longest list is the model's, an update's pair is part of it.
        if codes.len() >= 2 && codes.len() > best.len() {
            best = codes;
        }
    }
    best
}

pub(super) fn size(cx: &Ctx, inst: &mut ModelInstance, description: Option<&str>) {
    // Metadata counts are measured. A size token in the id is the next best reading, unless the
    // card states a different figure about this very model — in its own description, next to
    // its own name, or in a table row named after it (ids of mixture-of-experts models name the
    // active or expert size: "Scout-17B-16E" is 109B; fine-tune ids name their data size).
    // Figures about a family ("from 7B to 70B parameters"), bounds and comparisons are no
    // statement of this model's size.
    let measured = cx.record.params.filter(|&p| p > 0);
    let keys = if measured.is_some() { Vec::new() } else { own_keys(cx, inst.facts.base_model.as_deref()) };
    let id_size = sizes::params_from_name(&cx.record.id, cx.p);
    let read = |text: &str| -> Vec<sizes::StatedSize> {
        // A measured count needs no reading of the card.
        if measured.is_some() {
            return Vec::new();
        }
        sizes::stated_sizes(text, &keys, cx.p).into_iter().filter(|s| !s.family).collect()
    };
    let lead = description.map(read).unwrap_or_default();
    let prose = clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes);
    let body = read(prose);
    let table = if measured.is_some() { None } else { size_in_tables(cx, &keys) };
    let near = |a: u64, b: u64| (a as f64 - b as f64).abs() <= 0.1 * b as f64;
    // The card's figure about this model: one named with its own name, else the description's,
    // else a table row named after it, else (only when the id states no size) the first one.
    let about_this = body
        .iter()
        .find(|s| s.own)
        .map(|s| (s.params, Some(super::derivation::sentence_at(prose, s.at))))
        .or_else(|| lead.first().map(|s| (s.params, description.map(str::to_string))))
        .or_else(|| table.map(|t| (t, None)));
    let agreeing = id_size
        .and_then(|i| lead.iter().chain(body.iter()).find(|s| near(s.params, i)).map(|s| s.params).or(table.filter(|t| near(*t, i))));
    let params = if let Some(p) = measured {
        Some((p, Source::Metadata, Confidence::Stated, None))
    } else if let Some(p) = agreeing {
        // The id and the card agree: the card's figure is the exact one.
        Some((p, Source::CardText, Confidence::Stated, None))
    } else if let Some((p, quote)) = about_this.clone().filter(|_| id_size.is_some()) {
        Some((p, Source::CardText, Confidence::Stated, quote))
    } else if let Some(p) = id_size {
        Some((p, Source::ModelId, Confidence::Read, None))
    } else if let Some((p, quote)) =
        about_this.or_else(|| body.first().map(|s| (s.params, Some(super::derivation::sentence_at(prose, s.at)))))
    {
        Some((p, Source::CardText, Confidence::Stated, quote))
    } else if let Some(p) = families::params_of_family(&cx.record.id) {
        // The base's measured count refines a family's typical size when the two agree.
        match measured_base(cx, inst.facts.base_model.as_deref()).filter(|(m, _)| near25(*m, p)) {
            Some((m, quote)) => Some((m, Source::BaseModel, Confidence::Read, Some(quote))),
            None => Some((p, Source::FamilyTable, Confidence::Guessed, None)),
        }
    } else {
        let relation = base_relation(cx);
        // A conversion's source named by the id often carries no size ("…/bonito-v1"); the
        // base its copied card names (the source's own base) still tells the size.
        let prose_base = || base_in_card_words(cx).map(|b| b.0);
        let from_base_id = inst
            .facts
            .base_model
            .clone()
            .filter(|_| relation.as_deref() != Some("adapter"))
            .and_then(|b| sizes::params_from_name(&b, cx.p));
        // The base's measured count refines its id's size token (`gemma-7b` holds 8.5B), which
        // it must agree with ([`measured_base`]); it sizes no model that nothing else sizes (a
        // declared base alone is thin evidence of what the repository holds).
        match from_base_id.and_then(|_| measured_base(cx, inst.facts.base_model.as_deref())) {
            Some((m, quote)) => Some((m, Source::BaseModel, Confidence::Read, Some(quote))),
            None => from_base_id
                .or_else(|| {
                    let conversion = super::conversion::stem(&cx.record.id).is_some();
                    conversion.then(prose_base).flatten().and_then(|b| sizes::params_from_name(&b, cx.p))
                })
                .map(|p| (p, Source::BaseModel, Confidence::Guessed, None)),
        }
    };

    // Only the id or a quantization library says the repository *is* quantized weights. A "gguf"
    // tag on a full-precision repository (many ship a GGUF file beside the originals) must not
    // shrink its memory estimate: a hardware verdict has to hold for the weights people download.
    // A PEFT adapter repository holds adapter weights in full precision: a GPTQ or 4-bit marker
    // in its id names the quantized base it was trained on, not its own files.
    let adapter = cx.has_tag("peft") || cx.record.library_name.as_deref().is_some_and(|l| l.eq_ignore_ascii_case("peft"));
    // A format's default width (GPTQ, EXL2 → 4) holds only when the repository offers one: a
    // card whose own branches carry several widths ("…/tree/3.0bpw", "…/tree/6.0bpw") states none.
    let several_branches = || sizes::width_marker(&cx.record.id).is_none() && branch_widths(cx).len() >= 2;
    let id_quant = sizes::quant_in(&cx.record.id).filter(|_| !several_branches());
    let library_quant = inst.facts.library.as_deref().and_then(sizes::quant_in);
    let for_weights = || width_stated_for_weights(cx);
    let quant = id_quant
        .map(|q| (q, None))
        .or_else(|| library_quant.map(|q| (q, None)))
        .or_else(|| for_weights().map(|(q, quote)| (q, Some(quote))))
        .or_else(|| width_stated_in_lead(cx).map(|q| (q, Some(format!("{}-bit {} named in the card's lead", q.bits, q.method)))))
        .filter(|_| !adapter);
    inst.facts.quant_bits = quant.as_ref().map(|(q, _)| q.bits);
    let (quant, quant_quote) = match quant {
        Some((q, quote)) => (Some(q), quote),
        None => (None, None),
    };
    if quant.is_some() {
        let (source, quote) = if id_quant.is_some() {
            (Source::ModelId, None)
        } else if library_quant.is_some() {
            (Source::Metadata, None)
        } else {
            (Source::CardText, quant_quote)
        };
        inst.facts.set_evidence(Evidence::new(FactKind::QuantBits, source, Confidence::Read, quote));
    }

    let Some((p, source, confidence, quote)) = params else { return };
    inst.facts.params = Some(p);
    inst.facts.set_evidence(Evidence::new(FactKind::Params, source, confidence, quote));
    cx.put(inst, Field::ParameterSize, format!("{} parameters", ptmpicker::constraints::size::human_params(p)), source);
    let format = sizes::quant_format(&cx.record.id).or_else(|| inst.facts.library.as_deref().and_then(sizes::quant_format));
    let memory = match (quant, format) {
        (Some(q), _) if !matches!(q.method, "quantized" | "8-bit") => format!("{} ({})", sizes::weights_memory(p, q.bits), q.method),
        (Some(q), _) => sizes::weights_memory(p, q.bits),
        (None, Some(f)) => format!("{} ({f}, width not stated; {})", sizes::weights_memory(p, 16), sizes::weights_memory(p, 4)),
        (None, None) => sizes::weights_memory(p, 16),
    };
    cx.put(inst, Field::ModelSize, memory, source);
}

/// The measured parameter count of the catalog model this one derives from, with the evidence:
/// it refines a size read from the base's id or the family table. An adapter's repository holds
/// only the adapter's weights, so its base's size is not its own.
/// Two checks keep a declared base that is no real one (junk cards that name a famous model) or
/// a catalog count that is no real one from sizing the model: the base's own name must not
/// state a size far from the count (`mt5-base` is 580M, whatever a leaderboard row says), and
/// the model's id, tags or card must name the base's family (a `fastai` tabular repo declaring
/// a 685B chat model as its base is not that chat model).
fn measured_base(cx: &Ctx, base: Option<&str>) -> Option<(u64, String)> {
    let base = base?;
    let p = cx.known?.measured_params(base)?;
    if base_relation(cx).as_deref() == Some("adapter") || base.eq_ignore_ascii_case(&cx.record.id) {
        return None;
    }
    let named_size = sizes::params_from_name(base, cx.p).or_else(|| families::params_of_family(base));
    if named_size.is_some_and(|n| !near25(n, p)) {
        return None;
    }
    if !names_the_family(cx, base) {
        return None;
    }
    let human = ptmpicker::constraints::size::human_params(p);
    Some((p, format!("its base model {base} has {human} parameters (catalog metadata)")))
}

/// Two counts within 25% of each other: a measured count and the size a name rounds it to.
fn near25(a: u64, b: u64) -> bool {
    (a as f64 - b as f64).abs() <= 0.25 * a.max(b) as f64
}

/// Words of a model name that say nothing about its family.
const GENERIC_NAME_WORDS: &[&str] =
    &["base", "large", "small", "medium", "tiny", "mini", "instruct", "chat", "model", "cased", "uncased", "preview", "the"];

/// Whether the model's id, its own tags (not the `base_model:` ones) or its card prose name a
/// family word of `base` ("gemma" of `google/gemma-7b-it`, "bert" of `lab/nb-bert-large`).
fn names_the_family(cx: &Ctx, base: &str) -> bool {
    let words =
        |s: &str| -> Vec<String> { s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect() };
    let name = base.rsplit('/').next().unwrap_or(base);
    let family: Vec<String> = words(name)
        .into_iter()
        .filter(|w| w.chars().count() >= 3 && w.chars().any(char::is_alphabetic) && !GENERIC_NAME_WORDS.contains(&w.as_str()))
        .filter(|w| sizes::params_from_name(w, cx.p).is_none())
        .collect();
    if family.is_empty() {
        return false;
    }
    let mut own = words(&cx.record.id);
    for t in cx.tags.iter().filter(|t| !t.contains(':')) {
        own.extend(words(t));
    }
    if family.iter().any(|w| own.contains(w)) {
        return true;
    }
    let prose = clean::cap_bytes(&cx.prose, cx.p.size_scan_bytes).to_lowercase();
    let prose = words(&prose);
    family.iter().any(|w| prose.contains(w))
}

/// Squashed names this model goes by: its id's name, that name without a quantization or
/// format suffix ("-GGUF", "-AWQ", "-4bit"), and its base model's name (a fine-tune or a
/// quantization has its base's size).
fn own_keys(cx: &Ctx, base: Option<&str>) -> Vec<String> {
    let squash = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let name = cx.record.id.rsplit('/').next().unwrap_or(&cx.record.id);
    let mut keys = vec![squash(name)];
    let lower = name.to_ascii_lowercase();
    let mut cut = lower.as_str();
    for _ in 0..3 {
        let Some((head, tail)) = cut.rsplit_once(['-', '_', '.']) else { break };
        if sizes::quant_format(tail).is_some() || sizes::quant_in(tail).is_some() || ["bf16", "fp16", "f16", "hf", "onnx"].contains(&tail) {
            cut = head;
        } else {
            break;
        }
    }
    keys.push(squash(cut));
    // Cards name their model without its release suffix ("Acme-1B is a 1.2B parameter model" in
    // the card of `acme-1B-v0.1`).
    static VERSION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[-_.]v\d+(?:[._]\d+)*$").unwrap());
    if let Some(m) = VERSION.find(cut) {
        keys.push(squash(&cut[..m.start()]));
    }
    if let Some(b) = base {
        keys.push(squash(b.rsplit('/').next().unwrap_or(b)));
    }
    keys.retain(|k| k.len() >= 3);
    keys.dedup();
    keys
}

/// A parameter count a card table gives this model (a "Params" column, a row named after it).
fn size_in_tables(cx: &Ctx, keys: &[String]) -> Option<u64> {
    let blocks = &cx.card.doc.blocks;
    let mut i = 0;
    let mut scanned = 0;
    while i < blocks.len() && scanned < 400 {
        if blocks[i].kind != BlockKind::TableRow {
            i += 1;
            continue;
        }
        let mut rows: Vec<Vec<String>> = Vec::new();
        while i < blocks.len() && blocks[i].kind == BlockKind::TableRow && rows.len() < 64 {
            rows.push(blocks[i].text.split(" | ").map(|c| c.trim().trim_end_matches('|').trim().to_string()).collect());
            i += 1;
        }
        scanned += rows.len();
        if let Some(p) = sizes::size_in_table(&rows, keys, cx.p) {
            return Some(p);
        }
        while i < blocks.len() && blocks[i].kind == BlockKind::TableRow {
            i += 1;
        }
    }
    None
}

/// The one width the card's prose states for the repository's own weights ("This entry uses
/// the Q4_K_M GGUF quantization", "The GGUF corresponds to Q4_0 quantization", "post-trained
/// with MXFP4 quantization", "ternary TQ2_0 weights"), with the sentence that states it. Two
/// different stated widths say nothing (a card comparing its own files). Only the first
/// `quant_scan_bytes` of prose are read: later mentions are about other repositories' files.
fn width_stated_for_weights(cx: &Ctx) -> Option<(sizes::Quant, String)> {
    let prose = clean::cap_bytes(&cx.prose, cx.p.quant_scan_bytes);
    let [(bits, at)] = sizes::self_stated_widths(prose)[..] else { return None };
    let method = sizes::quant_format(&cx.record.id)
        .or_else(|| cx.record.library_name.as_deref().and_then(sizes::quant_format))
        .unwrap_or(if bits == 8 { "8-bit" } else { "quantized" });
    Some((sizes::Quant { bits, method }, super::derivation::sentence_at(prose, at)))
}

/// A quantized-format repository (by its id or library) whose card lead
/// states exactly one width ("This entry uses the Q4_K_M quantization"). Cards that list a table
/// of widths (Q2…Q8) state none.
fn width_stated_in_lead(cx: &Ctx) -> Option<sizes::Quant> {
    // As for ids: only the id or the library says the repository *is* quantized weights; a
    // `gguf` tag also marks full-precision repositories that ship a GGUF file beside them.
    let format = sizes::quant_format(&cx.record.id).or_else(|| cx.record.library_name.as_deref().and_then(sizes::quant_format))?;
    let lead: String =
        cx.card.doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).take(3).map(|b| b.text.as_str()).collect::<Vec<_>>().join(" ");
    let lead = clean::cap_bytes(&lead, 1500);
    match sizes::widths_in(lead).as_slice() {
        [bits] if !offers_a_choice(lead) && !offers_a_choice(clean::cap_bytes(&cx.prose, 2000)) => {
            Some(sizes::Quant { bits: *bits, method: format })
        }
        _ => None,
    }
}

/// Distinct widths that the repository's own branches name: links into its tree
/// (`https://huggingface.co/<id>/tree/4.0bpw`) and revisions its code downloads
/// (`--revision gptq-3bit-128g`, `revision="gptq-4bit-32g"`). A branch without a width marker
/// (`main`) names none.
fn branch_widths(cx: &Ctx) -> Vec<u8> {
    static REVISION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?:--revision[ =]+|\brevision\s*=\s*["'])([A-Za-z0-9_.\-]{1,80})"#).unwrap());
    let tree = format!("{}/tree/", cx.record.id.to_ascii_lowercase());
    let mut widths = Vec::new();
    let mut add = |branch: &str| {
        if let Some(b) = sizes::width_marker(branch) {
            if !widths.contains(&b) {
                widths.push(b);
            }
        }
    };
    for b in cx.card.doc.blocks.iter().take(4000) {
        for link in b.links.iter().take(100) {
            let link = link.to_ascii_lowercase();
            if let Some(at) = link.find(&tree) {
                add(link[at + tree.len()..].split(['/', '?', '#']).next().unwrap_or(""));
            }
        }
        if b.kind == BlockKind::Code {
            for c in REVISION.captures_iter(clean::cap_bytes(&b.text, 20_000)) {
                add(&c[1]);
            }
        }
    }
    widths
}

/// A lead that presents its one width as a choice among the repository's files ("Q8_0 is the
/// recommended default", "q4_k is the recommended CPU default", "default quant: Q4_K_M") or as
/// examples of them ("the quantized versions (e.g., Q4_K_M, Q4_K_S)") says the repository
/// offers several widths, so it states no single one.
fn offers_a_choice(lead: &str) -> bool {
    static CHOICE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:is|as)\s+the\s+(?:recommended|suggested|default|preferred)\b|\b(?:recommended|suggested)\s+(?:default|choice|quant(?:ization)?|file|variant)\b|\bdefault\s+(?:quant(?:ization)?|file|variant)\s*:|\b(?:quants|quantizations|versions|variants|files)\s*\(?\s*(?:e\.\s?g\.|for example|such as)")
            .unwrap()
    });
    CHOICE.is_match(lead)
}

pub(super) fn counts(cx: &Ctx, inst: &mut ModelInstance) {
    inst.facts.downloads = cx.record.downloads.unwrap_or(0);
    inst.facts.likes = cx.record.likes.unwrap_or(0);
    if let Some(d) = cx.record.downloads {
        cx.put(inst, Field::Downloads, d.to_string(), Source::Metadata);
    }
    if let Some(l) = cx.record.likes {
        cx.put(inst, Field::Likes, l.to_string(), Source::Metadata);
    }
}

#[cfg(test)]
mod tests {
    use ptmpicker::template::Field;

    use super::super::extract_json;

    #[test]
    fn a_license_in_a_table_row_or_alone_under_a_license_heading() {
        let license = |card: &str| extract_json(serde_json::json!({"id": "o/m", "card": card})).facts.license;
        let table =
            "# Tagger\n\n| Feature | Description |\n| --- | --- |\n| **Version** | `1.0` |\n| **Licence** | CC-BY-SA-4.0 license |\n";
        assert_eq!(license(table).as_deref(), Some("cc-by-sa-4.0"));
        let section = "# Painter\n\nDraws pictures.\n\n## License\n\n- [Apache License 2.0](LICENSE)\n\n## Contact\n\nmail us\n";
        assert_eq!(license(section).as_deref(), Some("apache-2.0"));
        // A sentence under the heading is no license name alone; a row of another label is none.
        let sentence = "# M\n\n## License\n\nThe code is MIT. The weights follow our Model License.\n";
        assert_eq!(license(sentence), None);
        let other_row = "# M\n\n| Item | Value |\n| --- | --- |\n| Code | MIT |\n";
        assert_eq!(license(other_row), None);
        let spaced = "# Painter\n\n# License\n\n- [CreativeML Open RAIL-M](LICENSE-MODEL)\n";
        assert_eq!(license(spaced).as_deref(), Some("creativeml-openrail-m"));
        // A `license_name` without a `license` key is the custom license, before any table.
        let named = "---\nlicense_name: acme-research-use\n---\n# M\n\n| License | [Gemma](https://example.org/terms) |\n| --- | --- |\n";
        assert_eq!(license(named).as_deref(), Some("other:acme-research-use"));
    }

    #[test]
    fn license_other_rule_and_card_text() {
        let i = extract_json(serde_json::json!({"id": "o/m", "license": "other", "card": "---\nlicense_name: Acme-Research\n---\nbody"}));
        assert_eq!(i.facts.license.as_deref(), Some("other:acme-research"));
        let i = extract_json(serde_json::json!({"id": "o/m", "card": "# M\n\n- License: Apache License 2.0\n"}));
        assert_eq!(i.facts.license.as_deref(), Some("apache-2.0"));
        let i = extract_json(serde_json::json!({"id": "o/m", "card": "# M\n\n- License: see the file\n"}));
        assert_eq!(i.facts.license, None);
    }

    #[test]
    fn an_untagged_chat_model_tagged_vision_reads_images() {
        let task = |tags: &[&str]| {
            extract_json(serde_json::json!({"id": "lab/Owl-3-3B-Instruct", "tags": tags, "card": "# Owl 3 3B\n\nA small chat model for edge devices.\n"}))
                .facts
                .task
        };
        assert_eq!(task(&["mistral", "chat", "vision"]).as_deref(), Some("image-text-to-text"));
        assert_eq!(task(&["mistral", "chat"]).as_deref(), Some("text-generation"));
    }

    #[test]
    fn an_open_vocabulary_detector_reads_text_queries() {
        let input = |tags: &[&str], card: &str| {
            extract_json(serde_json::json!({"id": "lab/find-it", "pipeline_tag": "object-detection", "tags": tags, "card": card}))
                .template
                .get(Field::InputFormat)
                .unwrap_or("")
                .to_string()
        };
        let got = input(&["object-detection", "open-vocabulary"], "# Find-it\n\nBoxes on CPU.\n");
        assert!(got.contains("image") && got.contains("quer"), "{got}");
        let got = input(&[], "# Find-it\n\nDraws a box around anything a text prompt names.\n");
        assert!(got.contains("quer"), "{got}");
        // A closed-set detector reads the image alone.
        assert_eq!(input(&[], "# Find-it\n\nDetects the 80 COCO classes.\n"), "image");
    }

    #[test]
    fn an_untagged_card_takes_the_task_its_title_names() {
        let i = extract_json(
            serde_json::json!({"id": "lab/Owl", "card": "# Owl: An Efficient Language Model Family\n\nWe release Owl in four sizes.\n"}),
        );
        assert_eq!(i.facts.task.as_deref(), Some("text-generation"));
        assert_eq!(i.template.get(Field::OutputFormat), Some("text"));
        let html = "<center><h3>OwlVoice 2: Expressive Zero-Shot Text-to-Speech</h3></center>\n\n## Usage\n\nSee the repository.\n";
        assert_eq!(extract_json(serde_json::json!({"id": "lab/OwlVoice-2", "card": html})).facts.task.as_deref(), Some("text-to-speech"));
        // A title is read only when nothing else names a task; a body sentence is no title.
        let tagged = serde_json::json!({"id": "lab/Owl", "pipeline_tag": "fill-mask", "card": "# Owl: An Efficient Language Model Family\n\nText.\n"});
        assert_eq!(extract_json(tagged).facts.task.as_deref(), Some("fill-mask"));
        let body = "# Owl 2\n\nWe release Owl, a model family for many uses, trained on a large corpus of web text over several months, with evaluation on reading tasks; it was compared with every open language model of its size that we could find, and with several closed ones.\n";
        assert_eq!(extract_json(serde_json::json!({"id": "lab/Owl-2", "card": body})).facts.task, None);
    }

    #[test]
    fn a_peft_adapter_on_a_quantized_base_has_no_width() {
        let bits = |tags: &[&str]| {
            extract_json(serde_json::json!({"id": "me/chat-dpo-gptq", "tags": tags, "card": "# Adapter\n\nDPO on a chat model.\n"}))
                .facts
                .quant_bits
        };
        assert_eq!(bits(&["peft", "safetensors"]), None);
        assert_eq!(bits(&["safetensors"]), Some(4));
    }

    #[test]
    fn a_recommended_width_is_one_of_several() {
        let bits = |card: &str| extract_json(serde_json::json!({"id": "lab/finder.cpp-gguf", "card": card})).facts.quant_bits;
        assert_eq!(bits("Finder detects objects on CPU. Q8_0 is the recommended default: same boxes as F16, ~3GB.\n"), None);
        assert_eq!(bits("Finder returns depth maps. q4_k is the\nrecommended CPU default.\n"), None);
        assert_eq!(bits("Finder detects objects on CPU, shipped as one Q8_0 file of ~3GB.\n"), Some(8));
        assert_eq!(bits("Finder detects objects. The quantized versions (e.g., Q4_K_M, Q4_K_S) run on laptops.\n"), None);
    }

    #[test]
    fn the_width_a_card_states_for_its_weights_is_read_anywhere_in_its_lead_prose() {
        let bits = |id: &str, card: &str| extract_json(serde_json::json!({"id": id, "card": card})).facts.quant_bits;
        // No format in the id, several widths in the lead: the one stated for the weights wins.
        let entry = "# Owl 9B\n\nOwl 9B reads images and text.\n\nThis entry uses the balanced Q4_K_M GGUF quantization and the matching Q8_0 projector. The Q8_0 variant offers higher fidelity.\n";
        assert_eq!(bits("lab/Owl-9B", entry), Some(4));
        let native = "# Owl\n\n## Highlights\n\n* Owl runs on one GPU: the experts were post-trained with MXFP4 quantization.\n";
        assert_eq!(bits("lab/owl-120b", native), Some(4));
        // A mode the card offers is no statement about the files.
        let offered = "# Owl 6B\n\nOwl 6B chats in two languages. With INT4 quantization, users can deploy it on 6GB GPUs.\n";
        assert_eq!(bits("lab/owl-6b", offered), None);
        // Two stated widths say nothing.
        let two = "# Owl\n\nThis build uses Q4_K_M quantization. The other build uses Q8_0 quantization.\n";
        assert_eq!(bits("lab/owl", two), None);
        // A PEFT adapter holds full-precision adapter weights whatever its card says.
        let i = extract_json(
            serde_json::json!({"id": "me/owl-lora", "tags": ["peft"], "card": "# A\n\nThis entry uses the Q4_K_M GGUF quantization.\n"}),
        );
        assert_eq!(i.facts.quant_bits, None);
    }

    #[test]
    fn branches_of_several_widths_state_no_default_width() {
        let bits = |id: &str, card: &str| extract_json(serde_json::json!({"id": id, "card": card})).facts.quant_bits;
        let linked = "# Owl 7B EXL2\n\n[3.0 bits](https://huggingface.co/lab/Owl-7B-exl2/tree/3.0bpw)\n[6.0 bits](https://huggingface.co/lab/Owl-7B-exl2/tree/6.0bpw)\n";
        assert_eq!(bits("lab/Owl-7B-exl2", linked), None);
        let revisions = "# Owl 70B GPTQ\n\n```shell\nhf download lab/Owl-70B-GPTQ --revision gptq-4bit-32g\nhf download lab/Owl-70B-GPTQ --revision gptq-3bit-128g\n```\n";
        assert_eq!(bits("lab/Owl-70B-GPTQ", revisions), None);
        // Branches of one width, or a width in the id, keep it.
        let one = "# Owl 70B GPTQ\n\n```shell\nhf download lab/Owl-70B-GPTQ --revision gptq-4bit-32g\n```\n";
        assert_eq!(bits("lab/Owl-70B-GPTQ", one), Some(4));
        assert_eq!(bits("lab/Owl-7B-6.0bpw-exl2", linked), Some(6));
        // Links into another repository's branches say nothing about this one.
        let other = linked.replace("lab/Owl-7B-exl2", "else/Owl-7B-exl2");
        assert_eq!(bits("lab/Owl-7B-exl2", &other), Some(4));
    }

    fn license_of(card: &str) -> (Option<String>, Option<String>) {
        let i = extract_json(serde_json::json!({"id": "o/m", "card": card}));
        let because = i.facts.evidence_for(ptmpicker::facts::FactKind::License).and_then(|e| e.quote.clone());
        (i.facts.license, because)
    }

    #[test]
    fn rerankers_filed_as_classifiers_output_a_score() {
        let i = extract_json(
            serde_json::json!({"id": "lab/minilm-reranker-v2", "pipeline_tag": "text-classification", "card": "# R\n\nScores passages.\n"}),
        );
        assert_eq!(i.template.get(Field::OutputFormat), Some("relevance score"));
        let i = extract_json(
            serde_json::json!({"id": "lab/sentiment", "pipeline_tag": "text-classification", "card": "# S\n\nLabels reviews.\n"}),
        );
        assert_ne!(i.template.get(Field::OutputFormat), Some("relevance score"));
    }

    #[test]
    fn an_editing_model_takes_a_prompt_its_title_or_text_names() {
        let input = |card: &str| {
            let i = extract_json(serde_json::json!({"id": "lab/tweak", "pipeline_tag": "image-to-image", "card": card}));
            i.template.get(Field::InputFormat).unwrap_or("").to_string()
        };
        assert_eq!(input("# PhotoTweak: Editing Pictures by Text Instructions\n\n![demo](demo.png)\n"), "image and a text prompt");
        assert_eq!(input("# Tweak\n\nChanges a photo to match a text prompt you write.\n"), "image and a text prompt");
        // An upscaler that names no prompt takes an image only.
        assert_eq!(input("# Upscale 4x\n\n## Results\n\nSharper pictures at four times the size.\n"), "image");
    }

    #[test]
    fn the_language_a_model_was_trained_on_is_its_language() {
        let langs = |card: &str| {
            let i = extract_json(serde_json::json!({"id": "lab/enc", "pipeline_tag": "fill-mask", "card": card}));
            let quote = i.facts.evidence_for(ptmpicker::facts::FactKind::Languages).and_then(|e| e.quote.clone());
            (i.facts.languages, quote)
        };
        let (codes, quote) = langs("# Enc\n\nEnc is a masked language model pre-trained for Dutch forum posts. See the paper.\n");
        assert_eq!(codes, vec!["nl".to_string()]);
        assert!(quote.unwrap().contains("pre-trained for Dutch forum posts"));
        let (codes, _) = langs("# Chat\n\nThese models were trained with data in over 90 spoken languages.\n");
        assert_eq!(codes, vec!["multilingual".to_string()]);
        // A language far from the training cue, or none at all, is no language of the model.
        assert_eq!(super::training_languages_in("A German lab released it. It was trained on a large public corpus of source code."), None);
        // The language of the data, after its amount.
        assert_eq!(
            super::training_languages_in(
                "It has been trained from scratch on a vast dataset of 2 trillion tokens in both English and Korean."
            )
            .map(|x| x.0),
            Some(vec!["en".to_string(), "ko".to_string()])
        );
        assert_eq!(super::training_languages_in("It was trained on 2 trillion tokens in 40 days on our cluster."), None);
        assert_eq!(
            super::training_languages_in("It was trained on a large public corpus of source code written by Dutch developers."),
            None
        );
    }

    #[test]
    fn many_supported_languages_unlisted_are_multilingual() {
        let said = |t: &str| super::many_languages_supported_in(t).is_some();
        assert!(said("Acme 2 brings large gains:\n\n- **Support of 100+ languages and dialects** with strong translation."));
        assert!(said("Acme Voice - native speech synthesis. 24kHz mono output, 512 languages, streaming synthesis."));
        assert!(said("It has a 128K context window, multilingual support in over 140 languages, and more sizes."));
        assert!(!said("- **Expanded OCR**: Supports 32 languages (up from 19); robust in low light."));
        assert!(!said("We evaluated it on a benchmark covering 50 languages."));
        assert!(!said("It supports 3 languages."));
        assert!(!said("Voicer supports 6 languages: English (en), Spanish (es), French (fr), German (de), Finnish (fi), Greek (el)."));
        assert!(!said("The Acme team speaks about models."));
    }

    #[test]
    fn a_translation_id_names_its_pair_with_three_letter_codes() {
        assert_eq!(super::three_letter_pair_in_id("lab/mbart-finetuned-eng-mya"), ["en", "my"]);
        assert_eq!(super::three_letter_pair_in_id("lab/deu-fra-small"), ["de", "fr"]);
        assert!(super::three_letter_pair_in_id("lab/mbart-large-cnn").is_empty());
        assert!(super::three_letter_pair_in_id("lab/eng-base").is_empty());
    }

    #[test]
    fn the_longest_language_list_of_the_lead_is_the_models() {
        let card = "# Voicer\n\nVoicer clones a voice from a short clip.\n\n### Updates\n\n- 2 new languages: Finnish and Greek.\n\n### Languages\n\nVoicer supports 6 languages: English (en), Spanish (es), French (fr), German (de), Finnish (fi), Greek (el).\n";
        let i = extract_json(serde_json::json!({"id": "lab/voicer", "pipeline_tag": "text-to-speech", "card": card}));
        assert_eq!(i.facts.languages, ["en", "es", "fr", "de", "fi", "el"].map(String::from).to_vec());
    }

    #[test]
    fn a_tag_naming_a_language_is_read_last() {
        let langs = |tags: serde_json::Value, card: &str| {
            extract_json(serde_json::json!({"id": "lab/storyteller-70b", "pipeline_tag": "text-generation", "tags": tags, "card": card}))
                .facts
                .languages
        };
        assert_eq!(langs(serde_json::json!(["llama", "roleplay", "english"]), "# Storyteller\n\nA roleplay tune.\n"), ["en"]);
        // The card's own statement wins over the tag.
        let said = langs(serde_json::json!(["english"]), "# Storyteller\n\nIt speaks in more than 90 languages, with streaming output.\n");
        assert_eq!(said, [super::languages::MULTILINGUAL]);
        assert!(langs(serde_json::json!(["chat", "story"]), "# Storyteller\n\nA roleplay tune.\n").is_empty());
    }

    #[test]
    fn licenses_stated_only_in_prose() {
        let (id, because) = license_of("# M\n\nA chat model. The weights are released under the Apache 2.0 license, so use them freely.\n");
        assert_eq!(id.as_deref(), Some("apache-2.0"));
        assert!(because.unwrap().contains("released under the Apache 2.0 license"));
        assert_eq!(
            license_of("# M\n\nThis model is licensed under the Llama 3 Community License Agreement.\n").0.as_deref(),
            Some("llama3")
        );
        assert_eq!(license_of("# M\n\nIt is available under MIT.\n").0.as_deref(), Some("mit"));
        // A named custom license is the Hub's other:<name>.
        assert_eq!(license_of("# M\n\nThe model is released under the Acme Research License.\n").0.as_deref(), Some("other:acme-research"));
        assert_eq!(license_of("# M\n\n- **License:** Zeta Model License v1.0\n").0.as_deref(), Some("other:zeta-model-license-v1.0"));
        assert_eq!(license_of("# M\n\n- License: Apache-2.0 (commercially usable)\n").0.as_deref(), Some("apache-2.0"));
        // The data's or the code's license is not the model's; vague words are none.
        assert_eq!(license_of("# M\n\nThe training dataset is released under CC-BY-4.0.\n").0, None);
        assert_eq!(license_of("# M\n\nOutputs may be shared under a non-commercial license.\n").0, None);
    }

    fn params_of(id: &str, card: &str) -> Option<u64> {
        extract_json(serde_json::json!({"id": id, "card": card})).facts.params
    }

    #[test]
    fn stated_sizes_weighed_against_the_id() {
        // A family range in the lead does not beat the id's size.
        assert_eq!(
            params_of("acme/Chat-7B", "# Chat\n\nChat is a family of models ranging in scale from 7 billion to 70 billion parameters.\n"),
            Some(7_000_000_000)
        );
        // An exact figure that agrees with the id is the one kept.
        assert_eq!(params_of("acme/Coder-32B", "# Coder\n\n- Number of Parameters: 32.5B\n"), Some(32_500_000_000));
        // A figure named with the model's own name beats the id's expert size.
        assert_eq!(
            params_of("acme/Mix-17B-16E", "# Mix\n\nIntro text here.\n\n## Details\n\nMix-17B-16E has 109B total parameters in all.\n"),
            Some(109_000_000_000)
        );
        // A figure named with the model's name less its release suffix beats the id's rounded size.
        assert_eq!(
            params_of("acme/Voicer-1B-v0.1", "# Voicer\n\nVoicer-1B is a 1.2B parameter base model trained for speech.\n"),
            Some(1_200_000_000)
        );
        // Without a size in the id, a stated figure is read, and a table row named after the model.
        assert_eq!(params_of("acme/Painter", "# Painter\n\nWe trained a painter with over 12 billion parameters.\n"), Some(12_000_000_000));
        assert_eq!(
            params_of("acme/Reasoner", "# R\n\n| Model | #Total Params | Context |\n|---|---|---|\n| Reasoner | 600B | 128K |\n"),
            Some(600_000_000_000)
        );
    }

    #[test]
    fn a_derived_model_has_its_catalog_bases_measured_size() {
        let mut known = crate::extract::KnownModels::default();
        known.add("lab/tern-7b", 90_000);
        known.add_measured("lab/tern-7b", 8_540_000_000);
        fn run(known: &crate::extract::KnownModels, json: serde_json::Value) -> (Option<u64>, Option<ptmpicker::facts::Source>) {
            let mut r: crate::catalog::HubRecord = serde_json::from_value(json).unwrap();
            r.normalize();
            let i = crate::extract::extract_known(&r, &crate::extract::ExtractParams::default(), Some(known));
            (i.facts.params, i.facts.evidence_for(ptmpicker::facts::FactKind::Params).map(|e| e.source))
        }
        // A fine-tune whose id states no size: its base's measured count, not the base id's "7b".
        let card = "---\nbase_model: lab/tern-7b\n---\n# SDG helper\n\nTern fine-tuned for policy notes.\n";
        assert_eq!(
            run(&known, serde_json::json!({"id": "me/sdg-helper", "card": card})),
            (Some(8_540_000_000), Some(ptmpicker::facts::Source::BaseModel))
        );
        // A declared base nothing else names (a junk card) lends no size beyond its id's token.
        let junk = "---\nbase_model: lab/tern-7b\n---\n# Model Card\n\n[More Information Needed]\n";
        assert_eq!(run(&known, serde_json::json!({"id": "me/sales-forecast", "card": junk, "tags": ["fastai"]})).0, Some(7_000_000_000));
        // A catalog count far from the size the base's own name states is not believed.
        known.add_measured("lab/tern-7b", 30_000_000_000);
        assert_eq!(run(&known, serde_json::json!({"id": "me/sdg-helper", "card": card})).0, Some(7_000_000_000));
        known.add_measured("lab/tern-7b", 8_540_000_000);
        // An adapter holds only its own small weights: the base's count is not its size.
        let tags = ["base_model:adapter:lab/tern-7b"];
        assert_ne!(run(&known, serde_json::json!({"id": "me/sdg-lora", "card": card, "tags": tags})).0, Some(8_540_000_000));
        // A base whose name states no size refines no guess: a declared base alone sizes nothing.
        known.add("lab/tern", 90_000);
        known.add_measured("lab/tern", 8_540_000_000);
        let bare = "---\nbase_model: lab/tern\n---\n# SDG helper\n\nTern fine-tuned for policy notes.\n";
        assert_eq!(run(&known, serde_json::json!({"id": "me/sdg-helper", "card": bare})).0, None);
        // A size the id states is still read first.
        assert_eq!(run(&known, serde_json::json!({"id": "me/tern-13b-chat", "card": card})).0, Some(13_000_000_000));
    }

    #[test]
    fn languages_from_a_labelled_line_and_sizes_from_the_id() {
        let i = extract_json(serde_json::json!({"id": "o/tiny-350m", "card": "# M\n\n- Language(s): German, français\n"}));
        assert_eq!(i.facts.languages, vec!["de", "fr"]);
        assert_eq!(i.facts.params, Some(350_000_000));
        assert_eq!(i.template.get(Field::ParameterSize), Some("350M parameters"));
    }

    #[test]
    fn language_counts_and_named_codes() {
        let langs = |card: &str| extract_json(serde_json::json!({"id": "o/m", "card": card})).facts.languages;
        assert_eq!(langs("# M\n\n- Supported Languages: 30+ Languages\n"), vec!["multilingual"]);
        // Beside a `multilingual` marker, a highlighted pair is not the list; three names are.
        let yaml = |body: &str| format!("---\nlanguage:\n- multilingual\n---\n# M\n\n{body}\n");
        assert_eq!(langs(&yaml("A multilingual reranker, especially strong in Korean and English.")), vec!["multilingual"]);
        assert_eq!(langs(&yaml("A multilingual reranker for Korean, Thai and English.")), vec!["ko", "th", "en", "multilingual"]);
        // With nothing declared, a pair is the list.
        assert_eq!(langs("# M\n\nA bilingual encoder that supports Korean and English.\n"), vec!["ko", "en"]);
        assert_eq!(langs("# M\n\n- Supported Languages: 3 languages\n"), Vec::<String>::new());
        // One checkpoint of a many-language project: its own language, not the project's title.
        assert_eq!(
            langs("# Massively Multilingual Voices: Foo Text-to-Speech\n\nThis repository holds the **Foo, Upper (fuu)** language text-to-speech checkpoint.\n"),
            vec!["fuu"]
        );
    }
}

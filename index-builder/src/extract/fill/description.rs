//! The model's description (`function`): the card's own lead paragraph, or — when the card only
//! has the Trainer's auto-generated line or nothing — a sentence built from the facts.

use std::sync::LazyLock;

use ptmpicker::facts::{ModelInstance, Source};
use ptmpicker::knowledge::languages;
use ptmpicker::knowledge::tasks::task_by_tag;
use ptmpicker::template::Field;
use regex::Regex;

use super::super::clean;
use super::super::sections::{Block, BlockKind, Doc, Kind};
use super::super::ExtractParams;
use super::facts::base_relation;
use super::Ctx;

/// Paragraphs that announce something rather than describe the model.
pub(super) fn is_notice(text: &str) -> bool {
    let l = text.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    const STARTS: &[&str] = &[
        "disclaimer",
        "note",
        "warning",
        "update",
        "news",
        "important",
        "announcement",
        "notice",
        "tip",
        "caution",
        "model card for",
        "table of contents",
        "edit:",
        "[!",
    ];
    const CONTAINS: &[&str] = &[
        "new version",
        "we suggest using",
        "please use",
        "deprecated",
        "has been moved",
        "is now available",
        "check out our",
        "join our",
        "discord",
        "buy me a coffee",
        "ko-fi",
        "patreon",
        "support me",
        "sponsored by",
        "click here",
        "leaderboard",
    ];
    // Short pointers elsewhere: "See here for a full model overview."
    let pointer = l.len() < 90 && ["see ", "refer to", "check out", "here", "link"].iter().any(|c| l.contains(c));
    pointer || STARTS.iter().any(|s| l.starts_with(s)) || CONTAINS.iter().any(|c| l.contains(c))
}

/// "Label: value" lines ("Developed by: …", "Model Page: Gemma"): metadata, not description.
pub(super) fn is_label_line(text: &str, list_item: bool) -> bool {
    text.split_once(':').is_some_and(|(k, v)| {
        let k = k.trim();
        let short_key = k.len() <= 40 && !k.contains(". ") && k.split_whitespace().count() <= 5;
        short_key && (list_item || v.trim().len() < 160)
    })
}

/// The first meaningful paragraph(s) of `blocks`, ≤ 600 chars.
pub(super) fn lead_text<'a>(blocks: impl Iterator<Item = &'a Block>, allow_lists: bool, p: &ExtractParams) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut total = 0;
    for b in blocks.take(200) {
        let usable_kind = match b.kind {
            BlockKind::Paragraph | BlockKind::Html => true,
            BlockKind::ListItem => allow_lists,
            _ => false,
        };
        let text = if usable_kind { clean::prose(&b.text, 2 * p.short_max) } else { String::new() };
        let good = usable_kind
            && clean::is_meaningful(&text, 25)
            && text.split_whitespace().count() >= 4
            && !text.ends_with(':')
            && !is_notice(&text)
            && !is_label_line(b.text.lines().next().unwrap_or(""), b.kind == BlockKind::ListItem);
        if good {
            total += text.chars().count();
            parts.push(text);
            if total >= p.description_target_chars {
                break;
            }
        } else if !parts.is_empty() && (b.kind != BlockKind::Html || clean::is_meaningful(&text, 25)) {
            break;
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(clean::truncate(&parts.join(" "), p.short_max))
}

/// The card's own description: (text, source, weak). Weak = the Trainer's auto-generated
/// "This model is a fine-tuned version of X on Y" line, which says nothing about the function.
pub(super) fn description(doc: &Doc, p: &ExtractParams) -> Option<(String, Source, bool)> {
    let from_section = doc.sections_of(Kind::Description, |_| 0).into_iter().find_map(|i| lead_text(doc.section_blocks(i), true, p));
    let (text, source) = if let Some(t) = from_section {
        (t, Source::CardSection)
    } else if let Some(t) = lead_text(doc.intro_blocks(), false, p) {
        (t, Source::CardText)
    } else if let Some(t) =
        // The card's first heading, when unclassified or a level-1 title: a model may be named
        // "Helpdesk chat biased" or "Safety guard", and its lead still says what it does.
        doc
            .sections
            .first()
            .filter(|s| s.level <= 2 && (s.kinds.is_empty() || s.level == 1))
            .and_then(|_| lead_text(doc.section_blocks(0), false, p))
    {
        (t, Source::CardText)
    } else {
        return None;
    };
    let lower = text.to_lowercase();
    let weak = text.chars().count() < 300
        && (lower.starts_with("this model is a fine-tuned version of")
            || lower.starts_with("this model is a fine tuned version of")
            || lower.starts_with("this is a fine-tuned version of")
            || lower.starts_with("this model was trained from scratch on"));
    Some((text, source, weak))
}

/// "This model is a fine-tuned version of X" of the Trainer's line: X, when it looks like a Hub id.
pub(super) fn trainer_base(prose: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)this model is a fine[- ]?tuned version of ([A-Za-z0-9][A-Za-z0-9_.-]{0,60}/[A-Za-z0-9_.-]{1,96}|[A-Za-z0-9][A-Za-z0-9_.-]{1,96})")
            .unwrap()
    });
    let c = RE.captures(clean::cap_bytes(prose, 4000))?;
    let b = c[1].trim_end_matches(['.', ',']).to_string();
    // "a fine-tuned version of [](https://huggingface.co/) on the None dataset": an emptied
    // link leaves the template's next word, which names no model.
    let template_word = ["the", "a", "an", "on", "with", "using"].iter().any(|w| b.eq_ignore_ascii_case(w));
    (b.len() >= 2 && !template_word).then_some(b)
}

/// "on the X dataset" of the Trainer's line.
pub(super) fn trainer_dataset(prose: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        // The Trainer writes a dataset's config after it: "the ACME/VOICES - NA dataset".
        Regex::new(r"(?i)(?:fine-tuned version of|trained from scratch on)\s*\S*?\s*(?:on )?the ([^\s]{2,120})(?: - [^\s]{1,40})? dataset")
            .unwrap()
    });
    let c = RE.captures(clean::cap_bytes(prose, 4000))?;
    let d = c[1].trim_matches(|ch: char| ch == '.' || ch == ',').to_string();
    (!d.eq_ignore_ascii_case("none") && !d.eq_ignore_ascii_case("unknown")).then_some(d)
}

pub(super) fn facts_sentence(cx: &Ctx, inst: &ModelInstance, trainer_dataset: Option<&str>) -> Option<String> {
    let task_name = inst.facts.task.as_deref().map(|t| task_by_tag(t).map(|i| i.name.to_string()).unwrap_or_else(|| t.to_string()));
    let base = inst.facts.base_model.as_deref();
    let library = inst.facts.library.as_deref();
    if task_name.is_none() && base.is_none() && library.is_none() {
        return None;
    }
    let mut s = match &task_name {
        Some(n) => format!("{n} model"),
        None => "Model".to_string(),
    };
    if let Some(l) = library {
        s.push_str(&format!(" ({l})"));
    }
    let names: Vec<&str> = inst.facts.languages.iter().filter_map(|c| languages::name(c)).collect();
    if !names.is_empty() && names.len() <= 3 {
        s.push_str(&format!(" for {}", names.join(", ")));
    } else if inst.facts.languages.iter().any(|c| c == languages::MULTILINGUAL) || names.len() > 3 {
        s.push_str(" for many languages");
    }
    if let Some(b) = base {
        let verb = match base_relation(cx).as_deref() {
            Some("quantized") => "quantized from",
            Some("adapter") => "adapter for",
            Some("merge") => "merged from",
            _ => "fine-tuned from",
        };
        s.push_str(&format!(" {verb} {b}"));
    }
    let datasets: Vec<String> = if !cx.record.datasets.is_empty() {
        cx.record.datasets.iter().take(3).cloned().collect()
    } else {
        trainer_dataset.map(|d| vec![d.to_string()]).unwrap_or_default()
    };
    if !datasets.is_empty() {
        s.push_str(&format!(" on {}", datasets.join(", ")));
    }
    s.push('.');
    Some(s)
}

pub(super) fn function(cx: &Ctx, inst: &mut ModelInstance, description: Option<(String, Source, bool)>, trainer_dataset: Option<&str>) {
    match description {
        Some((text, source, false)) => cx.put(inst, Field::Function, text, source),
        Some((text, source, true)) => match facts_sentence(cx, inst, trainer_dataset) {
            Some(s) if inst.facts.task.is_some() => cx.put(inst, Field::Function, s, Source::Metadata),
            _ => cx.put(inst, Field::Function, text, source),
        },
        None => {
            if let Some(s) = facts_sentence(cx, inst, trainer_dataset) {
                cx.put(inst, Field::Function, s, Source::Metadata);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::sections::parse;

    #[test]
    fn notices_and_label_lines_are_not_descriptions() {
        assert!(is_notice("**Note:** this repo has moved."));
        assert!(is_notice("Join our Discord for updates and support of all kinds."));
        assert!(!is_notice("A sentence-embedding model for German legal texts, trained on court rulings."));
        assert!(is_label_line("Model type: encoder", true));
        assert!(!is_label_line("This model works very well on many tasks: accuracy is high everywhere.", false));
    }

    #[test]
    fn trainer_lines_are_weak_and_name_base_and_data() {
        let p = ExtractParams::default();
        let doc = parse("# m\n\nThis model is a fine-tuned version of [bert-base-uncased](https://x) on the imdb dataset.\n");
        let (text, _, weak) = description(&doc, &p).unwrap();
        assert!(weak, "{text}");
        let prose = "This model is a fine-tuned version of google-t5/t5-small on the acme/news dataset.";
        assert_eq!(trainer_base(prose).as_deref(), Some("google-t5/t5-small"));
        assert_eq!(trainer_dataset(prose).as_deref(), Some("acme/news"));
        assert_eq!(trainer_dataset("fine-tuned version of x on the None dataset"), None);
        assert_eq!(trainer_base("This model is a fine-tuned version of  on the None dataset."), None);
        assert_eq!(
            trainer_dataset(
                "This model is a fine-tuned version of [acme/enc](https://huggingface.co/acme/enc) on the ACME/VOICES - NA dataset."
            )
            .as_deref(),
            Some("ACME/VOICES")
        );
    }

    #[test]
    fn a_title_with_topic_words_still_leads_the_description() {
        let p = ExtractParams::default();
        for card in [
            "# Helpdesk chat biased\nA customer support chatbot that answers FAQ questions.\n\n## Bias, Risks, and Limitations\nAnswers show a gender bias.",
            "# Safety guard\nA classifier that flags unsafe prompts before they reach a chatbot.",
        ] {
            let (text, _, weak) = description(&parse(card), &p).unwrap_or_else(|| panic!("no description: {card}"));
            assert!(text.starts_with('A') && !weak, "{text}");
        }
    }

    #[test]
    fn without_a_card_the_facts_make_the_sentence() {
        let i = super::super::extract_json(
            serde_json::json!({"id": "o/m", "pipeline_tag": "translation", "library_name": "marian", "languages": ["de", "en"]}),
        );
        assert_eq!(i.template.get(Field::Function), Some("Translation model (marian) for German, English."));
    }
}

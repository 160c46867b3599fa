//! Framework, software and the usage demo: tags, the library name, imports and "Framework
//! versions" lines, and the first code block that uses the model (not one that only installs).

use ptmpicker::facts::{ModelInstance, Source};
use ptmpicker::template::Field;

use super::super::clean;
use super::super::sections::{Block, BlockKind, Kind};
use super::Ctx;
use crate::extract::{sizes, vocab};

pub(super) fn frameworks(cx: &Ctx, inst: &mut ModelInstance) {
    let mut names: Vec<&'static str> = Vec::new();
    let mut source = None;
    let mut add = |found: Vec<&'static str>, s: Source, names: &mut Vec<&'static str>| {
        for f in found {
            if !names.contains(&f) {
                names.push(f);
                source.get_or_insert(s);
            }
        }
    };
    add(vocab::frameworks_in_tags(cx.tags.iter().map(String::as_str)), Source::Tags, &mut names);
    if let Some(l) = inst.facts.library.as_deref() {
        add(vocab::framework_of_library(l).into_iter().collect(), Source::Metadata, &mut names);
    }
    if cx.card.has_text {
        add(vocab::frameworks_in_text(&cx.card.body), Source::CardText, &mut names);
    }
    if inst.facts.quant_bits.is_some() && sizes::quant_in(&cx.record.id).is_some_and(|q| q.method == "GGUF") {
        add(vec!["GGUF"], Source::ModelId, &mut names);
    }
    if let Some(s) = source {
        cx.put(inst, Field::Framework, names.join(", "), s);
    }

    // Software: the library, other software named in tags and text, and "Framework versions".
    let library = inst.facts.library.clone();
    let mut mentioned = vocab::software_in(cx.tags.iter().map(String::as_str));
    let tag_count = mentioned.len();
    if cx.card.has_text {
        for s in vocab::software_in([cx.card.body.as_str()]) {
            if !mentioned.contains(&s) {
                mentioned.push(s);
            }
        }
    }
    let others: Vec<&str> =
        mentioned.iter().copied().filter(|m| library.as_deref().is_none_or(|l| !l.eq_ignore_ascii_case(m))).take(12).collect();
    let versions = cx.card.doc.best_prose(Kind::Software, 400, |s| s.kinds.has(Kind::Hardware) as u32);
    let mut parts = Vec::new();
    if let Some(l) = &library {
        parts.push(l.clone());
    }
    if !others.is_empty() {
        parts.push(if library.is_some() { format!("also: {}", others.join(", ")) } else { others.join(", ") });
    }
    if let Some(v) = &versions {
        parts.push(format!("versions: {v}"));
    }
    if parts.is_empty() {
        return;
    }
    let source = if library.is_some() {
        inst.source_of(Field::Libraries).unwrap_or(Source::Metadata)
    } else if tag_count > 0 {
        Source::Tags
    } else if !others.is_empty() {
        Source::CardText
    } else {
        Source::CardSection
    };
    cx.put(inst, Field::Software, parts.join("; "), source);
}

pub(super) fn is_install_only(code: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "pip ",
        "pip3 ",
        "!pip",
        "%pip",
        "python -m pip",
        "conda ",
        "git clone",
        "git lfs",
        "cd ",
        "npm ",
        "apt",
        "sudo ",
        "brew ",
        "mkdir",
        "wget ",
        "curl ",
        "huggingface-cli download",
        "hf download",
        "uv pip",
        "#",
        "export ",
    ];
    code.lines().map(str::trim).filter(|l| !l.is_empty()).all(|l| PREFIXES.iter().any(|p| l.starts_with(p)))
}

pub(super) fn demo(cx: &Ctx, inst: &mut ModelInstance) {
    let doc = &cx.card.doc;
    let how = doc.sections_of(Kind::HowToUse, |s| 2 * s.heading.to_lowercase().contains("install") as u32);
    let code_of = |i: usize| doc.section_blocks(i).filter(|b| b.kind == BlockKind::Code && !b.text.trim().is_empty()).collect::<Vec<_>>();
    let mut pick: Option<(&Block, Source)> = None;
    // Output dumps (```text, ```json) are not usage examples.
    let is_output = |b: &Block| matches!(b.lang.as_str(), "text" | "txt" | "json" | "output" | "log" | "csv");
    for &i in &how {
        if let Some(b) = code_of(i).into_iter().find(|b| !is_install_only(&b.text) && !is_output(b)) {
            pick = Some((b, Source::CardSection));
            break;
        }
    }
    if pick.is_none() {
        pick = how.iter().find_map(|&i| code_of(i).into_iter().next()).map(|b| (b, Source::CardSection));
    }
    if pick.is_none() {
        const USAGE: &[&str] =
            &["from_pretrained", "pipeline(", "import ", "llama-cli", "llama-server", "ollama run", "vllm serve", "curl "];
        pick = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Code && !is_install_only(&b.text))
            .find(|b| USAGE.iter().any(|u| b.text.contains(u)))
            .map(|b| (b, Source::CardText));
    }
    if let Some((b, s)) = pick {
        let code = clean::code(&clean::strip_html_comments(&b.text), cx.p.short_max);
        if !code.trim().is_empty() {
            inst.put(Field::Demo, code, s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_lines_are_not_a_demo() {
        assert!(is_install_only("pip install transformers\n# then\ngit clone https://x"));
        assert!(!is_install_only("pip install x\nfrom transformers import pipeline"));
    }

    #[test]
    fn the_first_usage_block_is_the_demo() {
        let card = "# M\n\nA text classifier for support tickets.\n\n## How to use\n\n```bash\npip install transformers\n```\n\n```python\nfrom transformers import pipeline\nclf = pipeline(\"text-classification\")\n```\n";
        let i = super::super::extract_json(serde_json::json!({"id": "o/m", "card": card}));
        assert!(i.template.get(Field::Demo).unwrap().starts_with("from transformers import pipeline"));
    }
}

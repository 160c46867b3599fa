//! The field rules: which signal fills which template field, in which order of trust.
//!
//! Why this shape: each field has a short precedence list (record metadata → front matter → card
//! section → card text → model id); [`instance`] runs the rules in dependency order over a [`Ctx`]
//! parsed once, and each file below holds the rules of one concept with its tests, so the
//! precedence is easy to review and the recorded [`Source`] honest:
//! * `facts` — task, license, library, base model, languages, size, counts;
//! * `description` — the `function` text;
//! * `training` — dataset, domain, fine-tuning;
//! * `card_sections` — limitations, biases, hyper-parameters, hardware, costs, grant, copyright, carbon;
//! * `evaluation`, `software` (framework, software, demo), `provenance` (paper, repository, people),
//!   `keywords` (keywords and card quality).

mod card_sections;
mod conversion;
mod datasets;
mod derivation;
mod description;
mod evaluation;
mod facts;
mod id_base;
mod keywords;
mod modalities;
mod prompting;
mod provenance;
mod software;
mod statements;
mod training;

use std::sync::LazyLock;

use ptmpicker::facts::{ModelFacts, ModelInstance, Source};
use ptmpicker::template::Field;
use regex::Regex;
use serde_json::Value;

use super::clean;
use super::front_matter::{list as fm_list, text as fm_text};
use super::sections::{Block, BlockKind, Doc};
use super::{Card, ExtractParams, KnownModels};
use crate::catalog::HubRecord;
use card_sections::{carbon, sections_fields};

/// The shape of a Hub repo id written in prose (`owner/name`, ASCII, the Hub's length limits): one
/// pattern for every reader that finds ids in card text, whatever it puts around it.
const HUB_ID: &str = r"[A-Za-z0-9][A-Za-z0-9._-]{1,60}/[A-Za-z0-9][A-Za-z0-9._-]{1,95}";
use description::{description, function, trainer_dataset};
use evaluation::evaluation;
use facts::{counts, language, library_and_base, license, size, task};
use keywords::{card_quality, keywords};
use provenance::{people, report_and_repo};
use software::{demo, frameworks};
use training::{dataset, domain, fine_tuning};

/// A "Label: value" line of the card ("**Developed by:** Acme", "- Paper: [title](url)").
pub(super) struct Labelled<'a> {
    pub label: String,
    pub value: String,
    pub block: &'a Block,
}

pub(super) struct Ctx<'a> {
    pub p: &'a ExtractParams,
    pub record: &'a HubRecord,
    pub card: &'a Card,
    pub tags: Vec<String>,
    pub labelled: Vec<Labelled<'a>>,
    pub prose: String,
    /// The card's own description (text, source, weak), computed once.
    pub description: Option<(String, Source, bool)>,
    /// The catalog's model ids, when the caller read them.
    pub known: Option<&'a KnownModels>,
}

impl Ctx<'_> {
    /// Sets a field, capped at [`ExtractParams::field_max`].
    pub fn put(&self, inst: &mut ModelInstance, field: Field, value: impl Into<String>, source: Source) {
        let value = clean::truncate(&value.into(), self.p.field_max);
        inst.put(field, value, source);
    }
}

pub(super) const CONTRIB_LABELS: &[&str] = &[
    "developed by",
    "created by",
    "trained by",
    "model developers",
    "developers",
    "developer",
    "author",
    "authors",
    "model card authors",
    "shared by",
    "maintained by",
    "fine-tuned by",
    "finetuned by",
    "quantized by",
    "quantised by",
    "model creator",
    "made by",
    "built by",
    "contributors",
    "original model creator",
    "creator",
    "organization",
    "organisation",
];
pub(super) const FUNDING_LABELS: &[&str] = &["funded by", "funding", "sponsored by", "supported by", "grant", "funder", "funders"];
pub(super) const LANGUAGE_LABELS: &[&str] =
    &["language", "languages", "language(s)", "language(s) (nlp)", "supported languages", "natural language", "language (nlp)"];
pub(super) const LICENSE_LABELS: &[&str] = &["license", "licence", "model license", "license type"];
pub(super) const BASE_LABELS: &[&str] = &[
    "finetuned from model",
    "fine-tuned from model",
    "finetuned from",
    "fine-tuned from",
    "base model",
    "original model",
    "finetuned from model(s)",
    "continue-pretrained from model",
    "continued pretraining from",
    "parent model",
];
/// [`BASE_LABELS`] in other languages, read at the start of a line followed by any separator
/// ("基础模型，…", "ベースモデル：…", "Basismodell: …").
pub(super) const BASE_LABELS_OTHER_LANGUAGES: &[&str] = &[
    "基础模型",
    "基座模型",
    "底座模型",
    "基模型",
    "基礎模型",
    "ベースモデル",
    "元モデル",
    "베이스 모델",
    "기반 모델",
    "기본 모델",
    "базовая модель",
    "basismodell",
    "modèle de base",
    "modelo base",
    "modello base",
];
pub(super) const REPO_LABELS: &[&str] =
    &["repository", "repo", "code", "github", "source code", "codebase", "github repo", "github repository", "code repository"];
pub(super) const PAPER_LABELS: &[&str] = &["paper", "papers", "technical report", "report", "arxiv", "publication", "research paper"];

fn label_of(raw: &str) -> String {
    let l = raw.to_lowercase().replace("[optional]", " ");
    clean::collapse_ws(l.trim_matches(|c: char| c == '*' || c == '-' || c == ' '))
}

/// "Label: value" lines. The label may be in any script and the colon full-width ("데이터셋: nsmc",
/// "数据集：…", "Датасет: …"): each label table lists the other languages' labels beside the English.
fn labelled_lines<'a>(doc: &'a Doc, p: &ExtractParams) -> Vec<Labelled<'a>> {
    static LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]\s+)?(\p{L}[\p{L}\p{N} ()/&'.\[\]-]{1,48}?)\s*[:：]\s*(.+)$").unwrap());
    let mut out = Vec::new();
    for b in doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)).take(4000) {
        for line in b.text.lines().take(50) {
            if let Some(c) = LINE.captures(line) {
                let value = clean::prose(&c[2], p.field_max);
                out.push(Labelled { label: label_of(&c[1]), value, block: b });
            }
            if out.len() >= 2000 {
                return out;
            }
        }
    }
    out
}

impl<'a> Ctx<'a> {
    fn new(record: &'a HubRecord, card: &'a Card, p: &'a ExtractParams, known: Option<&'a KnownModels>) -> Ctx<'a> {
        let mut tags: Vec<String> = record.tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
        if let Some(v) = card.fm.get("tags") {
            for t in fm_list(v) {
                if !tags.iter().any(|x| x.eq_ignore_ascii_case(&t)) && tags.len() < 500 {
                    tags.push(t);
                }
            }
        }
        let prose = super::sections::join_blocks(card.doc.blocks.iter(), true, "\n");
        let prose = clean::cap_bytes(&prose, p.scan_bytes).to_string();
        let description = if card.has_text { description(&card.doc, p) } else { None };
        Ctx { p, record, card, tags, labelled: labelled_lines(&card.doc, p), prose, description, known }
    }

    pub fn fm(&self, key: &str) -> Option<&Value> {
        self.card.fm.get(key).filter(|v| !v.is_null())
    }

    pub fn fm_text(&self, key: &str) -> Option<String> {
        self.fm(key).and_then(fm_text)
    }

    pub fn labelled(&self, labels: &'static [&'static str]) -> impl Iterator<Item = &Labelled<'a>> + '_ {
        self.labelled
            .iter()
            .filter(move |l| labels.contains(&l.label.as_str()) && l.value.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
    }

    /// The card's title (a first heading of level 1) as a block of prose: "Acme 1.0 is SD 1.5
    /// fine tuned on…", "Model card for X - Finetuned on Y" state base and data in the title.
    pub fn title(&self) -> Option<Block> {
        let s = self.card.doc.sections.first().filter(|s| s.level <= 1)?;
        (s.heading.split_whitespace().count() >= 4).then(|| Block {
            kind: BlockKind::Paragraph,
            text: s.heading.clone(),
            lang: String::new(),
            section: Some(0),
            links: Vec::new(),
        })
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

/// Builds the instance.
pub(crate) fn instance(record: &HubRecord, card: &Card, p: &ExtractParams, known: Option<&KnownModels>) -> ModelInstance {
    let cx = Ctx::new(record, card, p, known);
    let mut inst = ModelInstance { id: record.id.clone(), facts: ModelFacts::default(), ..Default::default() };

    library_and_base(&cx, &mut inst);
    task(&cx, &mut inst);
    license(&cx, &mut inst);
    language(&cx, &mut inst);
    let description = cx.description.clone();
    size(&cx, &mut inst, description.as_ref().map(|d| d.0.as_str()));
    counts(&cx, &mut inst);
    let trainer_dataset = trainer_dataset(&cx.prose);
    dataset(&cx, &mut inst, trainer_dataset.as_deref());
    domain(&cx, &mut inst, description.as_ref().map(|d| d.0.as_str()));
    function(&cx, &mut inst, description, trainer_dataset.as_deref());
    fine_tuning(&cx, &mut inst);
    sections_fields(&cx, &mut inst);
    evaluation(&cx, &mut inst);
    frameworks(&cx, &mut inst);
    demo(&cx, &mut inst);
    report_and_repo(&cx, &mut inst);
    people(&cx, &mut inst);
    carbon(&cx, &mut inst);
    keywords(&cx, &mut inst);
    inst.facts.card_quality = card_quality(&cx, &inst);
    inst
}

/// Extracts a record given as JSON (for the rule tests of each file).
#[cfg(test)]
pub(super) fn extract_json(json: serde_json::Value) -> ModelInstance {
    let mut record: HubRecord = serde_json::from_value(json).expect("test record");
    record.normalize();
    crate::extract::extract(&record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_lines_normalise_labels() {
        let doc = super::super::sections::parse("- **Developed by:** Acme Lab\n- Language(s) (NLP): German\n\nPlain prose: not short.");
        let lines = labelled_lines(&doc, &ExtractParams::default());
        let labels: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
        assert!(labels.contains(&"developed by") && labels.contains(&"language(s) (nlp)"), "{labels:?}");
        assert_eq!(lines[0].value, "Acme Lab");
    }

    #[test]
    fn field_cap_is_a_knob() {
        let record: HubRecord = serde_json::from_value(serde_json::json!({
            "id": "a/b", "card": format!("# B\n\n{}", "A sentence about the model that goes on. ".repeat(40))
        }))
        .unwrap();
        let p = ExtractParams { short_max: 100, ..Default::default() };
        let inst = crate::extract::extract_with(&record, &p);
        assert!(inst.template.get(Field::Function).unwrap().chars().count() <= 100);
    }
}

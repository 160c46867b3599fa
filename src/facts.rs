//! A model-populated template instance plus the typed facts that rules check.
//!
//! Why both: BM25F ranks on text, but constraints need exact facts (a license id, a parameter
//! count, quantization bits). Extraction fills both at once, and remembers where each template
//! field came from so the app can say "license: from the card's YAML front matter".

use serde::{Deserialize, Serialize};

use crate::template::{Field, Template};

/// Where an extracted value came from. Shown in explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Source {
    /// A structured key of the Hub record (`pipeline_tag`, `license`, `params`, …).
    Metadata = 0,
    /// The YAML front matter of the model card.
    FrontMatter = 1,
    /// A Markdown section of the card (by heading).
    CardSection = 2,
    /// Free card text outside a recognised section.
    CardText = 3,
    /// Derived from the Hub task taxonomy (input/output formats of the task).
    TaskTaxonomy = 4,
    /// Parsed from the model id (e.g. "7B", "GGUF").
    ModelId = 5,
    /// Hub tags.
    Tags = 6,
    /// An LLM extraction pass (index-builder extract).
    Llm = 7,
    /// Inherited from the base model (its id names the size or the family).
    BaseModel = 8,
    /// The table of known architecture sizes ("bert-base" → 110M).
    FamilyTable = 9,
}

impl Source {
    pub const ALL: [Source; 10] = [
        Source::Metadata,
        Source::FrontMatter,
        Source::CardSection,
        Source::CardText,
        Source::TaskTaxonomy,
        Source::ModelId,
        Source::Tags,
        Source::Llm,
        Source::BaseModel,
        Source::FamilyTable,
    ];

    pub fn from_code(code: u8) -> Option<Source> {
        Source::ALL.get(code as usize).copied()
    }

    /// Stable snake_case key (JSON reports, tables).
    pub fn key(self) -> &'static str {
        match self {
            Source::Metadata => "metadata",
            Source::FrontMatter => "front_matter",
            Source::CardSection => "card_section",
            Source::CardText => "card_text",
            Source::TaskTaxonomy => "task_taxonomy",
            Source::ModelId => "model_id",
            Source::Tags => "tags",
            Source::Llm => "llm",
            Source::BaseModel => "base_model",
            Source::FamilyTable => "family_table",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Source::Metadata => "Hub metadata",
            Source::FrontMatter => "card YAML front matter",
            Source::CardSection => "card section",
            Source::CardText => "card text",
            Source::TaskTaxonomy => "Hub task taxonomy",
            Source::ModelId => "model id",
            Source::Tags => "Hub tags",
            Source::Llm => "LLM extraction",
            Source::BaseModel => "the base model",
            Source::FamilyTable => "known architecture sizes",
        }
    }
}

/// Typed facts the rule checks and the prior use.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelFacts {
    /// Hub pipeline tag (`automatic-speech-recognition`, …).
    pub task: Option<String>,
    /// Hub license id, lowercased (`apache-2.0`, `llama3.1`, `other:<name>`).
    pub license: Option<String>,
    /// ISO 639-1 codes (or the raw code when no two-letter code exists).
    pub languages: Vec<String>,
    /// Parameter count.
    pub params: Option<u64>,
    /// Bits per weight when the repository holds quantized weights (GGUF/GPTQ/AWQ/int8…).
    pub quant_bits: Option<u8>,
    /// Hub downloads (last 30 days at crawl time).
    pub downloads: u64,
    pub likes: u64,
    pub library: Option<String>,
    pub base_model: Option<String>,
    /// Datasets the model was trained or fine-tuned on (Hub ids or names as the card gives them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub datasets: Vec<String>,
    /// 0.0 (no card) … 1.0 (a complete card: description, uses, limitations, training data, …).
    pub card_quality: f32,
}

/// One model as the index sees it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelInstance {
    /// Hub id `org/name`.
    pub id: String,
    pub facts: ModelFacts,
    pub template: Template,
    /// Where each set template field came from.
    pub sources: Vec<(Field, Source)>,
    /// Extra searchable words that belong to no template field (Hub tags, id aliases).
    pub keywords: Vec<String>,
}

impl ModelInstance {
    /// Where `field` came from, if recorded.
    pub fn source_of(&self, field: Field) -> Option<Source> {
        self.sources.iter().find(|(f, _)| *f == field).map(|(_, s)| *s)
    }

    /// Sets a field and records its source, replacing any earlier value.
    pub fn put(&mut self, field: Field, value: String, source: Source) {
        let value = value.trim().to_string();
        if value.is_empty() {
            return;
        }
        self.template.set(field, Some(value));
        self.sources.retain(|(f, _)| *f != field);
        self.sources.push((field, source));
    }
}

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

/// A typed fact that [`Evidence`] can back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum FactKind {
    Task = 0,
    License = 1,
    Languages = 2,
    Params = 3,
    QuantBits = 4,
    BaseModel = 5,
    Datasets = 6,
    Library = 7,
}

impl FactKind {
    pub const ALL: [FactKind; 8] = [
        FactKind::Task,
        FactKind::License,
        FactKind::Languages,
        FactKind::Params,
        FactKind::QuantBits,
        FactKind::BaseModel,
        FactKind::Datasets,
        FactKind::Library,
    ];

    pub fn from_code(code: u8) -> Option<FactKind> {
        FactKind::ALL.get(code as usize).copied()
    }

    /// Stable snake_case key (JSON, tables).
    pub fn key(self) -> &'static str {
        match self {
            FactKind::Task => "task",
            FactKind::License => "license",
            FactKind::Languages => "languages",
            FactKind::Params => "params",
            FactKind::QuantBits => "quant_bits",
            FactKind::BaseModel => "base_model",
            FactKind::Datasets => "datasets",
            FactKind::Library => "library",
        }
    }

    /// A label for people ("parameters").
    pub fn label(self) -> &'static str {
        match self {
            FactKind::Task => "task",
            FactKind::License => "license",
            FactKind::Languages => "languages",
            FactKind::Params => "parameters",
            FactKind::QuantBits => "quantization",
            FactKind::BaseModel => "base model",
            FactKind::Datasets => "datasets",
            FactKind::Library => "library",
        }
    }
}

/// How sure extraction is of a fact. Why three levels and not a probability: each level is a
/// rule a person can check — *stated* by the record's metadata, YAML or a labelled card line;
/// *read* from card prose or tags by a pattern; *guessed* from the model id, a table of known
/// architectures or the base model. Verdicts resting on a guess say so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Confidence {
    Guessed = 0,
    Read = 1,
    Stated = 2,
}

impl Confidence {
    pub fn from_code(code: u8) -> Option<Confidence> {
        [Confidence::Guessed, Confidence::Read, Confidence::Stated].get(code as usize).copied()
    }

    pub fn key(self) -> &'static str {
        match self {
            Confidence::Guessed => "guessed",
            Confidence::Read => "read",
            Confidence::Stated => "stated",
        }
    }
}

/// Where one typed fact came from: the source, how sure, and for prose the words it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub fact: FactKind,
    pub source: Source,
    pub confidence: Confidence,
    /// The card sentence (or the inference) behind the fact, cut to [`Evidence::QUOTE_CHARS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

impl Evidence {
    /// Longest quote kept (the index stores quotes for every model that has one).
    pub const QUOTE_CHARS: usize = 140;

    pub fn new(fact: FactKind, source: Source, confidence: Confidence, quote: Option<String>) -> Evidence {
        let quote = quote.map(|q| crate::human::truncate_chars(q.trim(), Evidence::QUOTE_CHARS)).filter(|q| !q.is_empty());
        Evidence { fact, source, confidence, quote }
    }

    /// "card text: “fine-tuned from X”" — one line for people.
    pub fn describe(&self) -> String {
        let mut s = format!("{} ({})", self.source.describe(), self.confidence.key());
        if let Some(q) = &self.quote {
            s.push_str(&format!(": “{q}”"));
        }
        s
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
    /// The translation direction its id states (source, target): "opus-mt-ja-en" is (ja, en).
    /// Read from the id when the facts are read back ([`crate::knowledge::languages::direction_in_id`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<(String, String)>,
    /// Where the facts above came from. Facts without an entry came from the Hub metadata.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl ModelFacts {
    /// The evidence of one fact, if recorded.
    pub fn evidence_for(&self, fact: FactKind) -> Option<&Evidence> {
        self.evidence.iter().find(|e| e.fact == fact)
    }

    /// Records (or replaces) the evidence of a fact.
    pub fn set_evidence(&mut self, evidence: Evidence) {
        self.evidence.retain(|e| e.fact != evidence.fact);
        self.evidence.push(evidence);
    }

    /// How sure the parameter count is when it is a guess: "guessed from the model id" etc.
    /// `None` when the count is stated (or absent).
    pub fn size_guess(&self) -> Option<String> {
        self.params?;
        let e = self.evidence_for(FactKind::Params)?;
        (e.confidence < Confidence::Stated).then(|| format!("size {} from {}", e.confidence.key(), e.source.describe()))
    }

    /// The license's family and whether it allows commercial use, from the shared license table.
    pub fn license_terms(&self) -> Option<LicenseTerms> {
        let id = self.license.as_deref()?;
        let info = crate::knowledge::licenses::classify(id);
        Some(LicenseTerms {
            family: info.family,
            family_label: info.family.label(),
            commercial_use: info.commercial(),
            inferred: info.inferred,
        })
    }
}

/// A license read against the license table: its family and the commercial-use permission.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LicenseTerms {
    pub family: crate::knowledge::licenses::Family,
    pub family_label: &'static str,
    pub commercial_use: crate::knowledge::licenses::Commercial,
    /// True when the family was guessed from an `other:<name>` license name.
    pub inferred: bool,
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

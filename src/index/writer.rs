//! Builds an [`Index`] from model instances.
//!
//! Why a writer: every term of every indexed field goes through the one [`Analyzer`], per-field
//! frequencies are collected per document, and postings are appended in doc order so they can be
//! gap-encoded without a sort. Stored text is truncated here, so the index stays small enough to
//! ship to a browser.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use super::fields::{search_field_of, SearchField, FIELD_COUNT};
use super::format::{catalog_name, DocTable, Index, IndexMeta, StoredFields, TermDict, Vocab};
use super::insights::InsightsBuilder;
use super::learned::{learn, typo_word, LearnInput, LearnParams, LearnTerm, TermCounts};
use super::norms::encode_len;
use super::postings::{write_posting, PostingIter};
use crate::analysis::Analyzer;
use crate::facts::{Confidence, Evidence, FactKind, ModelInstance, Source};
use crate::human::truncate_chars;
use crate::template::Field;

/// Longest text kept per stored field (characters).
pub const STORED_FIELD_CHARS: usize = 400;
/// Most stored text per model (characters).
pub const STORED_DOC_CHARS: usize = 2_400;
/// Fields never stored, because the app rebuilds them from facts.
const NOT_STORED: &[Field] =
    &[Field::Task, Field::License, Field::Language, Field::ParameterSize, Field::Downloads, Field::Likes, Field::Libraries];

#[derive(Default)]
struct TermBuilder {
    bytes: Vec<u8>,
    last: Option<u32>,
    doc_freq: u32,
    /// Order of first sight (the forward lists below use it until the dictionary is sorted).
    first_seen: u32,
    learn: TermCounts,
}

/// What the writer reads of one model's text, computed without the writer (so a build analyses
/// models on every core and adds them in order): each term with its count per search field, each
/// field's length in terms, and the card's words as written for the typo lexicon (each once).
/// Only counts, so the order of `terms` and `surfaces` does not matter.
pub struct DocTerms {
    terms: Vec<(String, [u8; FIELD_COUNT])>,
    lens: [u32; FIELD_COUNT],
    surfaces: Vec<String>,
}

/// Room [`DocTerms::of`] reuses from one model to the next (one per thread), so analysing a
/// model allocates its terms and words, not its maps.
#[derive(Default)]
pub struct DocScratch {
    terms: FxHashMap<String, [u8; FIELD_COUNT]>,
    surfaces: FxHashSet<String>,
}

impl DocTerms {
    /// Analyses `m` with `analyzer` (the writer's own is [`Analyzer::new`]), in `scratch`.
    pub fn of(analyzer: &Analyzer, m: &ModelInstance, scratch: &mut DocScratch) -> DocTerms {
        let DocScratch { terms: scratch, surfaces } = scratch;
        scratch.clear();
        surfaces.clear();
        let mut lens = [0u32; FIELD_COUNT];
        let mut add_terms = |scratch: &mut FxHashMap<String, [u8; FIELD_COUNT]>, sf: SearchField, terms: Vec<String>| {
            lens[sf as usize] += terms.len() as u32;
            for t in terms {
                let counts = scratch.entry(t).or_insert([0; FIELD_COUNT]);
                counts[sf as usize] = counts[sf as usize].saturating_add(1);
            }
        };
        add_terms(scratch, SearchField::Name, analyzer.id_terms(&m.id));
        for (field, text) in m.template.iter() {
            if let Some(sf) = search_field_of(field) {
                let terms = if matches!(field, Field::BaseModel) { analyzer.id_terms(text) } else { analyzer.terms(text) };
                add_terms(scratch, sf, terms);
            }
        }
        // The typo lexicon reads every text field of the card (descriptions too) and the tags,
        // as written.
        let texts = m.template.iter().filter(|(field, _)| !matches!(field, Field::BaseModel)).map(|(_, text)| text);
        for text in texts.chain(m.keywords.iter().map(String::as_str)) {
            for word in text.split(|c: char| !c.is_alphabetic()) {
                if typo_word(word) {
                    let lower = word.to_lowercase();
                    if !surfaces.contains(&lower) {
                        surfaces.insert(lower);
                    }
                }
            }
        }
        let keywords: Vec<String> = m.keywords.iter().flat_map(|k| analyzer.terms(&k.replace(['-', '_', ':'], " "))).collect();
        add_terms(scratch, SearchField::Keywords, keywords);
        DocTerms { terms: scratch.drain().collect(), lens, surfaces: surfaces.drain().collect() }
    }
}

/// Accumulates models; [`IndexWriter::finish`] produces the index.
pub struct IndexWriter {
    analyzer: Analyzer,
    vocab: HashMap<String, u16>,
    vocab_words: Vec<String>,
    docs: DocTable,
    stored: StoredFields,
    /// Term → its postings so far (FxHash: a million-term map hashed on every posting; the
    /// dictionary is sorted in `finish`, so the map's order never reaches the index).
    terms: FxHashMap<String, TermBuilder>,
    norms: Vec<u8>,
    field_len_sum: [u64; FIELD_COUNT],
    field_len_docs: [u64; FIELD_COUNT],
    insights: InsightsBuilder,
    source: String,
    learn_params: LearnParams,
    /// Reused by [`IndexWriter::add`]'s analysis.
    scratch: DocScratch,
    /// Summed evidence weight of the tagged models per pipeline-tag code.
    task_docs: HashMap<u16, f32>,
    /// Card word as written → models using it (the typo lexicon).
    surfaces: FxHashMap<String, u32>,
    /// Per doc, first-seen ids of its name / task / keyword terms (expansion targets).
    tag_terms: Vec<u32>,
    tag_ends: Vec<u32>,
}

impl IndexWriter {
    /// `source` names the catalog; only its last path component is kept (see [`catalog_name`]).
    pub fn new(source: impl Into<String>) -> IndexWriter {
        IndexWriter {
            analyzer: Analyzer::new(),
            vocab: HashMap::new(),
            vocab_words: Vec::new(),
            docs: DocTable::default(),
            stored: StoredFields::default(),
            terms: FxHashMap::default(),
            norms: Vec::new(),
            field_len_sum: [0; FIELD_COUNT],
            field_len_docs: [0; FIELD_COUNT],
            insights: InsightsBuilder::new(),
            source: catalog_name(&source.into()).to_string(),
            learn_params: LearnParams::default(),
            scratch: DocScratch::default(),
            task_docs: HashMap::new(),
            surfaces: FxHashMap::default(),
            tag_terms: Vec::new(),
            tag_ends: Vec::new(),
        }
    }

    /// Sets what the writer learns from the catalog ([`LearnParams`]).
    pub fn with_learn_params(mut self, params: LearnParams) -> IndexWriter {
        self.learn_params = params;
        self
    }

    pub fn len(&self) -> usize {
        self.docs.task.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn code(&mut self, word: Option<&str>) -> u16 {
        let Some(word) = word.filter(|w| !w.is_empty()) else { return 0 };
        if let Some(&c) = self.vocab.get(word) {
            return c;
        }
        if self.vocab_words.len() >= u16::MAX as usize - 1 {
            return 0;
        }
        self.vocab_words.push(word.to_string());
        let c = self.vocab_words.len() as u16;
        self.vocab.insert(word.to_string(), c);
        c
    }

    /// Adds one model. Doc ids are assigned in insertion order.
    pub fn add(&mut self, m: &ModelInstance) {
        let doc_terms = DocTerms::of(&self.analyzer, m, &mut self.scratch);
        self.add_analyzed(m, doc_terms);
    }

    /// Adds one model whose terms were analysed beforehand ([`DocTerms::of`], on any thread):
    /// the same index as [`IndexWriter::add`]. Doc ids are assigned in insertion order.
    pub fn add_analyzed(&mut self, m: &ModelInstance, doc_terms: DocTerms) {
        let doc = self.docs.task.len() as u32;
        self.insights.add(m);

        // Facts. The id is display data (stored below); what ranking reads of it, the
        // translation direction it states, is a column.
        let direction = crate::knowledge::languages::direction_in_id(&m.id);
        let (source, target) = match direction.as_ref() {
            Some((s, t)) => (self.code(Some(s)), self.code(Some(t))),
            None => (0, 0),
        };
        let (source, target) = if source == 0 || target == 0 { (0, 0) } else { (source, target) };
        self.docs.direction_source.push(source);
        self.docs.direction_target.push(target);
        let f = &m.facts;
        let task = self.code(f.task.as_deref());
        let license = self.code(f.license.as_deref());
        let library = self.code(f.library.as_deref());
        self.docs.task.push(task);
        self.docs.license.push(license);
        self.docs.library.push(library);
        self.docs.params.push(f.params.unwrap_or(0));
        self.docs.quant_bits.push(f.quant_bits.unwrap_or(0));
        self.docs.card_quality.push((f.card_quality.clamp(0.0, 1.0) * 255.0).round() as u8);
        self.docs.downloads.push(f.downloads);
        self.docs.likes.push(f.likes);
        for lang in &f.languages {
            let c = self.code(Some(lang));
            if c != 0 {
                self.docs.languages.push(c);
            }
        }
        self.docs.lang_ends.push(self.docs.languages.len() as u32);
        let basis = f
            .evidence_for(FactKind::Params)
            .filter(|e| f.params.is_some() && e.source != Source::Metadata && e.confidence < Confidence::Stated);
        self.docs.size_basis.push(basis.map_or(0, |e| 1 + 4 * e.source as u8 + e.confidence as u8));
        let ev = &mut self.stored.evidence;
        for e in f.evidence.iter().filter(|e| e.source != Source::Metadata) {
            ev.fact.push(e.fact as u8);
            ev.source.push(e.source as u8);
            ev.confidence.push(e.confidence as u8);
            if let Some(q) = &e.quote {
                ev.quotes.push_str(&truncate_chars(q, Evidence::QUOTE_CHARS));
            }
            ev.quote_ends.push(ev.quotes.len() as u32);
        }
        ev.ends.push(ev.fact.len() as u32);

        // Stored id and text.
        self.stored.ids.push_str(&m.id);
        self.stored.id_ends.push(self.stored.ids.len() as u32);
        let mut budget = STORED_DOC_CHARS;
        for (field, text) in m.template.iter() {
            let source = m.source_of(field).unwrap_or(Source::CardText);
            let derived = source == Source::TaskTaxonomy || (field == Field::Function && source == Source::Metadata);
            if NOT_STORED.contains(&field) || derived || budget == 0 {
                continue;
            }
            let kept = truncate_chars(text, STORED_FIELD_CHARS.min(budget));
            budget -= kept.chars().count().min(budget);
            self.stored.entry_field.push(field.code());
            self.stored.entry_source.push(source as u8);
            self.stored.text.push_str(&kept);
            self.stored.text_ends.push(self.stored.text.len() as u32);
        }
        self.stored.entry_ends.push(self.stored.text_ends.len() as u32);

        // Terms per search field, and the card's words for the typo lexicon.
        let DocTerms { terms: doc_terms, lens, surfaces } = doc_terms;
        for w in surfaces {
            *self.surfaces.entry(w).or_insert(0) += 1;
        }
        for (i, &len) in lens.iter().enumerate() {
            self.norms.push(encode_len(len));
            if len > 0 {
                self.field_len_sum[i] += u64::from(len);
                self.field_len_docs[i] += 1;
            }
        }
        let mut pairs: Vec<(u8, u8)> = Vec::with_capacity(FIELD_COUNT);
        let weight = super::learned::model_weight(&self.learn_params, f.downloads);
        if task != 0 {
            *self.task_docs.entry(task).or_insert(0.0) += weight;
        }
        for (term, counts) in doc_terms {
            let next_id = self.terms.len() as u32;
            pairs.clear();
            pairs.extend(counts.iter().enumerate().filter(|(_, &c)| c > 0).map(|(i, &c)| (i as u8, c)));
            let tb = self.terms.entry(term).or_insert_with(|| TermBuilder { first_seen: next_id, ..Default::default() });
            write_posting(&mut tb.bytes, tb.last, doc, &pairs);
            tb.last = Some(doc);
            tb.doc_freq += 1;
            // Tasks are learned from what cards and tags say, and (at `task_name_weight`) from the
            // id's words; never from the tag's own name.
            let said =
                [SearchField::Function, SearchField::InputFormat, SearchField::OutputFormat, SearchField::Domain, SearchField::Keywords];
            if task != 0 {
                if said.iter().any(|&f| counts[f as usize] > 0) {
                    tb.learn.add_task(task, weight);
                } else if counts[SearchField::Name as usize] > 0 && self.learn_params.task_name_weight > 0.0 {
                    tb.learn.add_task(task, weight * self.learn_params.task_name_weight);
                }
            }
            let tag_like = [SearchField::Task, SearchField::Keywords].iter().any(|&f| counts[f as usize] > 0);
            if tag_like {
                self.tag_terms.push(tb.first_seen);
            }
        }
        self.tag_ends.push(self.tag_terms.len() as u32);
    }

    /// Produces the finished index.
    pub fn finish(self) -> Index {
        let mut terms: Vec<(String, TermBuilder)> = self.terms.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let learned = {
            // First-seen ids → sorted term indices, then what the catalog teaches.
            let mut final_of = vec![0u32; terms.len()];
            for (i, (_, tb)) in terms.iter().enumerate() {
                final_of[tb.first_seen as usize] = i as u32;
            }
            let tag_terms: Vec<u32> = self.tag_terms.iter().map(|&t| final_of[t as usize]).collect();
            let p = &self.learn_params;
            let learn_terms: Vec<LearnTerm<'_>> = terms
                .iter()
                .map(|(text, tb)| {
                    let expandable = tb.doc_freq >= p.expand_min_df && tb.doc_freq <= p.expand_max_df;
                    let docs = if expandable { PostingIter::new(&tb.bytes).map(|posting| posting.doc).collect() } else { Vec::new() };
                    LearnTerm { text, doc_freq: tb.doc_freq, counts: &tb.learn, docs }
                })
                .collect();
            let input = LearnInput {
                params: p,
                doc_count: self.docs.task.len(),
                task_docs: &self.task_docs,
                surfaces: &self.surfaces,
                tag_terms: &tag_terms,
                tag_ends: &self.tag_ends,
            };
            learn(&input, &learn_terms)
        };
        let mut dict = TermDict::default();
        let mut postings = Vec::with_capacity(terms.iter().map(|t| t.1.bytes.len()).sum());
        for (term, tb) in terms {
            dict.arena.push_str(&term);
            dict.ends.push(dict.arena.len() as u32);
            dict.doc_freq.push(tb.doc_freq);
            postings.extend_from_slice(&tb.bytes);
            dict.postings_ends.push(postings.len() as u32);
        }
        let avg_field_len = (0..FIELD_COUNT)
            .map(|i| if self.field_len_docs[i] == 0 { 1.0 } else { (self.field_len_sum[i] as f64 / self.field_len_docs[i] as f64) as f32 })
            .collect();
        let max_downloads = self.docs.downloads.iter().copied().max().unwrap_or(0);
        Index {
            meta: IndexMeta {
                doc_count: self.docs.task.len() as u32,
                source: self.source,
                engine_version: env!("CARGO_PKG_VERSION").to_string(),
                max_downloads,
            },
            vocab: Vocab { words: self.vocab_words },
            docs: self.docs,
            stored: self.stored,
            terms: dict,
            postings: serde_bytes::ByteBuf::from(postings),
            norms: serde_bytes::ByteBuf::from(self.norms),
            avg_field_len,
            insights: self.insights.finish(),
            learned,
            shards: None,
            doc_parts: Vec::new(),
            term_parts: Vec::new(),
            misses: Default::default(),
        }
    }
}

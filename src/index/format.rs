//! The in-memory (and, through [`super::codec`], on-disk) index.
//!
//! Why columnar: the app downloads and decodes this in the browser. A few large vectors and string
//! arenas decode with a handful of allocations instead of one per model, which is what keeps decoding
//! 87k models fast and the file small once gzip has seen the long runs of zeros.

use serde::{Deserialize, Serialize};
use serde_bytes::ByteBuf;

use super::fields::{SearchField, FIELD_COUNT};
use super::insights::Insights;
use super::learned::Learned;
use super::shards::ShardManifest;
use crate::facts::{Confidence, Evidence, FactKind, ModelFacts, Source};
use crate::template::Field;

/// Facts about how the index was built.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexMeta {
    pub doc_count: u32,
    /// What catalog this came from: its file name or a label, never the builder's path (the
    /// index is published; see [`catalog_name`]).
    pub source: String,
    /// Engine version that wrote it.
    pub engine_version: String,
    /// Largest download count (normalises the popularity prior).
    pub max_downloads: u64,
}

impl IndexMeta {
    /// The catalog's name to show (an older index may still carry a path).
    pub fn catalog(&self) -> &str {
        catalog_name(&self.source)
    }
}

/// The name of a catalog given as a path or a label: its last path component. This is all an
/// index records about where it came from, so a published index names no directory of the
/// machine that built it.
pub fn catalog_name(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().map(str::trim).filter(|name| !name.is_empty()).unwrap_or("unnamed catalog")
}

/// Small vocabulary of repeated strings (task tags, license ids, libraries, language codes).
/// Columns store `index + 1`, with 0 meaning "none".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Vocab {
    pub words: Vec<String>,
}

impl Vocab {
    pub fn get(&self, code: u16) -> Option<&str> {
        (code as usize).checked_sub(1).and_then(|i| self.words.get(i)).map(String::as_str)
    }

    /// The column code of `word` (the inverse of [`Vocab::get`]); `None` when no model has it.
    pub fn code(&self, word: &str) -> Option<u16> {
        self.words.iter().position(|w| w == word).map(|i| (i + 1) as u16)
    }
}

/// Per-model facts, one vector per column: everything a rule or the ranking reads. The ids are
/// not here: they are display data ([`StoredFields::ids`]), so a sharded head ships none (format 5).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocTable {
    /// One entry per doc: its length is the doc count.
    pub task: Vec<u16>,
    pub license: Vec<u16>,
    pub library: Vec<u16>,
    /// 0 = unknown.
    pub params: Vec<u64>,
    /// 0 = not quantized / unknown.
    pub quant_bits: ByteBuf,
    /// 0–255 ↔ card quality 0.0–1.0.
    pub card_quality: ByteBuf,
    pub downloads: Vec<u64>,
    pub likes: Vec<u64>,
    /// `languages[lang_ends[d-1]..lang_ends[d]]` are doc `d`'s language vocab codes.
    #[serde(with = "super::deltas")]
    pub lang_ends: Vec<u32>,
    pub languages: Vec<u16>,
    /// The translation direction the id states ([`crate::knowledge::languages::direction_in_id`],
    /// read once at build time so ranking and rules never read an id): source and target language
    /// vocab codes, 0 = none (both 0 or both set).
    pub direction_source: Vec<u16>,
    pub direction_target: Vec<u16>,
    /// Where a parameter count that is not stated came from, for the reason of a size verdict
    /// ("size read from model id", [`crate::facts::ModelFacts::size_guess`]): 0 = stated or no
    /// count, else `1 + 4 × source code + confidence code`. The rest of the evidence is display
    /// data ([`StoredFields::evidence`]); this byte stays with the facts so a verdict reads the
    /// same before a model's document shard arrives (format 7).
    pub size_basis: ByteBuf,
}

/// The evidence of every doc, columnar (see [`crate::facts::Evidence`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidenceColumns {
    #[serde(with = "super::deltas")]
    pub ends: Vec<u32>,
    pub fact: ByteBuf,
    pub source: ByteBuf,
    pub confidence: ByteBuf,
    #[serde(with = "super::deltas")]
    pub quote_ends: Vec<u32>,
    pub quotes: String,
}

/// What only display reads, per model: the Hub id and the extracted template text kept for
/// display ("expand to the whole instance"). In a sharded index this travels in document shards.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredFields {
    /// All ids concatenated; `id_ends[d]` is where doc `d`'s id ends.
    pub ids: String,
    #[serde(with = "super::deltas")]
    pub id_ends: Vec<u32>,
    /// `entries[entry_ends[d-1]..entry_ends[d]]` belong to doc `d`.
    #[serde(with = "super::deltas")]
    pub entry_ends: Vec<u32>,
    pub entry_field: ByteBuf,
    pub entry_source: ByteBuf,
    /// End of each entry's text in `text`.
    #[serde(with = "super::deltas")]
    pub text_ends: Vec<u32>,
    pub text: String,
    /// Evidence of facts not taken from the Hub metadata: entries `ends[d-1]..ends[d]`, each a
    /// fact, source and confidence code and a quote (`quote_ends`, often empty). Display data:
    /// rules and ranking never read it (a size verdict's basis is [`DocTable::size_basis`]), so
    /// a sharded head ships none (format 7: 7% of the head at 100k models).
    pub evidence: EvidenceColumns,
}

/// Sorted term dictionary with document frequencies and posting ranges.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TermDict {
    /// The terms' strings, sorted: `arena[ends[i-1]..ends[i]]` is term `i`. A sharded head ships
    /// none (format 6): each postings shard carries its terms' strings (`shards::PostingsPart`),
    /// and the head keeps only [`TermDict::head_numbers`] / [`TermDict::head_strings`].
    pub arena: String,
    #[serde(with = "super::deltas")]
    pub ends: Vec<u32>,
    /// Models using each term: one per term in both kinds of index, so its length is the term
    /// count (a sharded head keeps them: 0.15 MB gzip at 1M, read by term number before shards).
    pub doc_freq: Vec<u32>,
    /// End of each term's postings in [`Index::postings`]. A sharded head ships none: they
    /// travel with their postings shard (`shards::PostingsPart`) and decoding makes room.
    #[serde(with = "super::deltas")]
    pub postings_ends: Vec<u32>,
    /// A sharded head only: the terms the learned tables name (their numbers, ascending, and
    /// strings), so typo correction, learned intents and expansions read the head as before
    /// their shards arrive (`shards::learned_terms`); empty in a single file, which has them all.
    #[serde(with = "super::deltas")]
    pub head_numbers: Vec<u32>,
    pub head_strings: TermStrings,
}

/// Strings of a run of dictionary terms, in dictionary order: `arena[ends[i-1]..ends[i]]` is the
/// run's term `i`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermStrings {
    pub arena: String,
    #[serde(with = "super::deltas")]
    pub ends: Vec<u32>,
}

impl TermStrings {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Term `i` of the run (validated: `ends` in order, inside `arena`, on char boundaries).
    pub fn get(&self, i: usize) -> &str {
        &self.arena[range(&self.ends, i)]
    }

    /// Position of `term` in the run (binary search; the run is sorted).
    pub fn find(&self, term: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0usize, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(term) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

/// The postings shards a sharded head's term lookups wanted but did not have (see
/// [`Index::take_misses`]).
///
/// Why a log inside the index: typo correction, learned intents and expansions look terms up
/// through [`Index::term_index`] / [`Index::term_text`] / [`Index::term`] while a query is being
/// read; with the term strings in shards, a lookup may need a shard not fetched yet. Logging
/// which keeps those callers unchanged, and lets `Engine::missing_shards` say exactly what the
/// query read: fetch those, read the request again, until nothing is missing — then every lookup
/// answered as the single file would, so the query (and the ranking) is the same. A mutex, not a
/// cell, so an index stays `Sync`; it is locked only on a miss.
#[derive(Debug, Default)]
pub struct Misses(std::sync::Mutex<Vec<u32>>);

impl Clone for Misses {
    /// A copy starts with an empty log (the log belongs to one reading of a request).
    fn clone(&self) -> Misses {
        Misses::default()
    }
}

impl PartialEq for Misses {
    /// The log is not part of what an index says.
    fn eq(&self, _: &Misses) -> bool {
        true
    }
}

impl Misses {
    fn note(&self, shard: usize) {
        if let Ok(mut log) = self.0.lock() {
            if !log.contains(&(shard as u32)) {
                log.push(shard as u32);
            }
        }
    }

    fn take(&self) -> Vec<usize> {
        self.0.lock().map(|mut log| log.drain(..).map(|s| s as usize).collect()).unwrap_or_default()
    }
}

/// The whole index.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub meta: IndexMeta,
    pub vocab: Vocab,
    pub docs: DocTable,
    pub stored: StoredFields,
    pub terms: TermDict,
    pub postings: ByteBuf,
    /// `norms[d * FIELD_COUNT + f]`: quantized length of field `f` in doc `d`. A sharded head
    /// ships none (format 6): each postings shard carries the norm of every (doc, field) pair
    /// its postings have, which is all the scorer reads, and installing it fills them in here.
    pub norms: ByteBuf,
    /// Average token length of each search field over docs that have it.
    pub avg_field_len: Vec<f32>,
    pub insights: Insights,
    /// What the builder learned from the catalog (typo lexicon, word → task, expansions).
    pub learned: Learned,
    /// Set in the head of a sharded index ([`super::shards`]): its posting bytes and its stored
    /// text live in these shards, fetched on demand; `None` in a single-file index, which holds
    /// them all.
    pub shards: Option<ShardManifest>,
    /// A sharded head's installed document shards (stored text of a range of docs, see
    /// [`super::shards`]), by document shard; never encoded (the head ships [`Index::stored`]
    /// empty and the shards come as files).
    #[serde(skip)]
    pub doc_parts: Vec<Option<StoredFields>>,
    /// A sharded head's installed postings shards' term strings, by postings shard (format 6;
    /// never encoded: they come with the shard files).
    #[serde(skip)]
    pub term_parts: Vec<Option<TermStrings>>,
    /// Postings shards a lookup wanted and did not have (see [`Misses`]).
    #[serde(skip)]
    pub misses: Misses,
}

/// A term's entry in the dictionary.
#[derive(Clone, Copy, Debug)]
pub struct TermEntry<'a> {
    pub doc_freq: u32,
    pub postings: &'a [u8],
}

fn range(ends: &[u32], i: usize) -> std::ops::Range<usize> {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    start..ends[i] as usize
}

impl Index {
    pub fn doc_count(&self) -> usize {
        self.docs.task.len()
    }

    /// The Hub id of a doc: `None` for a doc of a sharded head whose document shard is not
    /// installed yet (`Engine::missing_display_shards` names it). Nothing that ranks or checks a
    /// rule reads it.
    pub fn doc_id(&self, doc: u32) -> Option<&str> {
        let (s, d) = self.stored_of(doc)?;
        Some(&s.ids[range(&s.id_ends, d)])
    }

    /// The translation direction the doc's id states, as vocabulary codes (source, target).
    pub fn doc_direction_codes(&self, doc: u32) -> Option<(u16, u16)> {
        let d = doc as usize;
        Some((self.docs.direction_source[d], self.docs.direction_target[d])).filter(|&(s, t)| s != 0 && t != 0)
    }

    /// The translation direction the doc's id states: "opus-mt-ja-en" is (ja, en).
    pub fn doc_direction(&self, doc: u32) -> Option<(String, String)> {
        let (s, t) = self.doc_direction_codes(doc)?;
        Some((self.vocab.get(s)?.to_string(), self.vocab.get(t)?.to_string()))
    }

    pub fn doc_task(&self, doc: u32) -> Option<&str> {
        self.vocab.get(self.docs.task[doc as usize])
    }

    pub fn doc_license(&self, doc: u32) -> Option<&str> {
        self.vocab.get(self.docs.license[doc as usize])
    }

    pub fn doc_params(&self, doc: u32) -> Option<u64> {
        Some(self.docs.params[doc as usize]).filter(|&p| p > 0)
    }

    pub fn doc_quant_bits(&self, doc: u32) -> Option<u8> {
        Some(self.docs.quant_bits[doc as usize]).filter(|&b| b > 0)
    }

    pub fn doc_languages(&self, doc: u32) -> Vec<String> {
        self.docs.languages[range(&self.docs.lang_ends, doc as usize)]
            .iter()
            .filter_map(|&c| self.vocab.get(c).map(str::to_string))
            .collect()
    }

    pub fn doc_card_quality(&self, doc: u32) -> f32 {
        f32::from(self.docs.card_quality[doc as usize]) / 255.0
    }

    /// One model's facts: the one view that rules, results, prompts and exports read (each
    /// column is decoded by its accessor above). The base model is kept as stored template text,
    /// so it is read back from there (its first name): no rule reads it, so in a sharded index it
    /// travels with the display text, and a result's facts are whole once its document shard is
    /// installed (`Engine::missing_display_shards`).
    pub fn facts(&self, doc: u32) -> ModelFacts {
        let d = doc as usize;
        ModelFacts {
            task: self.doc_task(doc).map(str::to_string),
            license: self.doc_license(doc).map(str::to_string),
            languages: self.doc_languages(doc),
            params: self.doc_params(doc),
            quant_bits: self.doc_quant_bits(doc),
            downloads: self.docs.downloads[d],
            likes: self.docs.likes[d],
            library: self.vocab.get(self.docs.library[d]).map(str::to_string),
            base_model: self
                .doc_fields(doc)
                .find(|(field, _, _)| *field == Field::BaseModel)
                .and_then(|(_, _, text)| text.split(", ").next())
                .map(str::to_string),
            datasets: Vec::new(),
            card_quality: self.doc_card_quality(doc),
            direction: self.doc_direction(doc),
            evidence: self.doc_evidence(doc),
        }
    }

    /// The evidence stored for a doc (entries with an unknown code are skipped). For a doc of a
    /// sharded head whose document shard is not installed yet, only the basis of a parameter count
    /// that is not stated ([`DocTable::size_basis`]: what a verdict reads), without quote.
    pub fn doc_evidence(&self, doc: u32) -> Vec<Evidence> {
        let Some((s, d)) = self.stored_of(doc) else { return self.doc_size_basis(doc).into_iter().collect() };
        let ev = &s.evidence;
        if d >= ev.ends.len() {
            return Vec::new();
        }
        range(&ev.ends, d)
            .filter_map(|e| {
                let quote = &ev.quotes[range(&ev.quote_ends, e)];
                Some(Evidence {
                    fact: FactKind::from_code(ev.fact[e])?,
                    source: Source::from_code(ev.source[e])?,
                    confidence: Confidence::from_code(ev.confidence[e])?,
                    quote: (!quote.is_empty()).then(|| quote.to_string()),
                })
            })
            .collect()
    }

    /// The evidence of doc `doc`'s parameter count when it is not stated ([`DocTable::size_basis`]).
    pub fn doc_size_basis(&self, doc: u32) -> Option<Evidence> {
        let code = self.docs.size_basis.get(doc as usize)?.checked_sub(1)?;
        Some(Evidence::new(FactKind::Params, Source::from_code(code / 4)?, Confidence::from_code(code % 4)?, None))
    }

    /// Where doc `doc`'s stored id and text are: the single file's [`Index::stored`], or an
    /// installed document shard (with the doc's position in it); `None` while its shard is not
    /// installed.
    fn stored_of(&self, doc: u32) -> Option<(&StoredFields, usize)> {
        match self.shards.as_ref().and_then(|m| m.doc_part_of(doc)) {
            None => Some((&self.stored, doc as usize)).filter(|(s, d)| *d < s.entry_ends.len()),
            Some((part, local)) => self.doc_parts.get(part)?.as_ref().map(|s| (s, local)),
        }
    }

    /// The stored template text of a doc: (field, source, text). Empty for a doc of a sharded
    /// head whose document shard is not installed yet.
    pub fn doc_fields(&self, doc: u32) -> impl Iterator<Item = (Field, Source, &str)> + '_ {
        let (s, d) = self.stored_of(doc).unwrap_or((&self.stored, usize::MAX));
        let entries = if d == usize::MAX { 0..0 } else { range(&s.entry_ends, d) };
        entries.filter_map(move |e| {
            let field = Field::from_code(s.entry_field[e])?;
            let source = Source::from_code(s.entry_source[e]).unwrap_or(Source::CardText);
            Some((field, source, &s.text[range(&s.text_ends, e)]))
        })
    }

    pub fn term_count(&self) -> usize {
        self.terms.doc_freq.len()
    }

    /// The manifest of a head whose term strings travel in postings shards (format 6).
    fn term_shards(&self) -> Option<&ShardManifest> {
        self.shards.as_ref().filter(|m| m.postings_len() > 0)
    }

    /// Where term `t` of a sharded head is: its postings shard, and the shard's strings when it
    /// is installed.
    fn term_part(&self, m: &ShardManifest, t: usize) -> (usize, Option<&TermStrings>) {
        let shard = m.shard_of(t);
        (shard, self.term_parts.get(shard).and_then(Option::as_ref))
    }

    /// The text of term number `t`. In a sharded head, from its installed shard or the head's
    /// table of learned terms; otherwise "" (and the shard is logged, see [`Index::take_misses`]).
    pub fn term_text(&self, t: usize) -> &str {
        let Some(m) = self.term_shards() else { return &self.terms.arena[range(&self.terms.ends, t)] };
        match self.term_part(m, t) {
            (shard, Some(part)) => part.get(t - m.first_term[shard] as usize),
            (shard, None) => match self.terms.head_numbers.binary_search(&(t as u32)) {
                Ok(i) => self.terms.head_strings.get(i),
                Err(_) => {
                    self.misses.note(shard);
                    ""
                }
            },
        }
    }

    /// The dictionary position of an analysed term. In a sharded head, `None` also when its
    /// shard is not installed and the head's table of learned terms lacks it (the shard is
    /// logged, see [`Index::take_misses`]).
    pub fn term_index(&self, term: &str) -> Option<usize> {
        let Some(m) = self.term_shards() else {
            let (mut lo, mut hi) = (0usize, self.term_count());
            while lo < hi {
                let mid = (lo + hi) / 2;
                match self.terms.arena[range(&self.terms.ends, mid)].cmp(term) {
                    std::cmp::Ordering::Less => lo = mid + 1,
                    std::cmp::Ordering::Greater => hi = mid,
                    std::cmp::Ordering::Equal => return Some(mid),
                }
            }
            return None;
        };
        // Before the dictionary's first term: no shard holds it.
        let shard = m.route(term)?;
        if let Some(part) = self.term_parts.get(shard).and_then(Option::as_ref) {
            return part.find(term).map(|i| m.first_term[shard] as usize + i);
        }
        if let Some(i) = self.terms.head_strings.find(term) {
            return self.terms.head_numbers.get(i).map(|&t| t as usize);
        }
        self.misses.note(shard);
        None
    }

    /// The postings shards lookups wanted since the last call and did not find installed
    /// (empty for a single file), clearing the log: `Engine::missing_shards` reads a request,
    /// then fetches these with the query's own shards.
    pub fn take_misses(&self) -> Vec<usize> {
        self.misses.take()
    }

    /// A word as cards write it for an analysed term ("emot" → "emotion"): the most used
    /// typo-lexicon word with that term, or the term itself.
    pub fn surface_of(&self, term: &str, analyzer: &crate::analysis::Analyzer) -> String {
        let l = &self.learned;
        let start = {
            let (mut lo, mut hi) = (0usize, l.word_count());
            while lo < hi {
                let mid = (lo + hi) / 2;
                if l.word(mid) < term {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        (start..l.word_count())
            .take_while(|&i| l.word(i).starts_with(term))
            .take(64)
            .filter(|&i| analyzer.term(l.word(i)).as_deref() == Some(term))
            .max_by_key(|&i| l.word_df[i])
            .map_or_else(|| term.to_string(), |i| l.word(i).to_string())
    }

    /// Looks up an analysed term. In a sharded head whose shard for it is not installed, the
    /// postings are empty (and the shard is logged, see [`Index::take_misses`]): never rank
    /// before `Engine::missing_shards` is empty.
    pub fn term(&self, term: &str) -> Option<TermEntry<'_>> {
        let i = self.term_index(term)?;
        let doc_freq = self.terms.doc_freq[i];
        if let Some(m) = self.term_shards() {
            if let (shard, None) = self.term_part(m, i) {
                self.misses.note(shard);
                return Some(TermEntry { doc_freq, postings: &[] });
            }
        }
        Some(TermEntry { doc_freq, postings: &self.postings[range(&self.terms.postings_ends, i)] })
    }

    /// Quantized length of a search field in a doc.
    #[inline]
    pub fn norm(&self, doc: u32, field: SearchField) -> u8 {
        self.norms.get(doc as usize * FIELD_COUNT + field as usize).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_names_its_catalog_never_a_path() {
        assert_eq!(catalog_name("hf-models.jsonl"), "hf-models.jsonl");
        assert_eq!(catalog_name("/home/builder/data/hf-models.jsonl"), "hf-models.jsonl");
        assert_eq!(catalog_name("C:\\data\\hub.jsonl"), "hub.jsonl");
        assert_eq!(catalog_name("the Hub, May 2026"), "the Hub, May 2026");
        assert_eq!(catalog_name(""), "unnamed catalog");
        assert_eq!(catalog_name("/data/"), "unnamed catalog");
        let meta = IndexMeta { source: "/srv/x/catalog.jsonl".into(), ..Default::default() };
        assert_eq!(meta.catalog(), "catalog.jsonl");
    }
}

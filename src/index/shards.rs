//! Shards: a first load without the posting lists or the display text, and the parts a query
//! needs fetched on demand (the sharded static index, issue 11).
//!
//! Why this shape: a layer over the existing [`Index`] and codec, not a second format. The *head*
//! is an ordinary index file that ships no posting bytes, no model ids and no stored text and
//! carries the [`ShardManifest`] in [`Index::shards`] — the document table (every fact a rule or
//! the ranking reads, including the translation direction an id states, read at build time),
//! every term's doc freq, the learned tables and insights are there, so head and manifest can
//! never disagree. There are two kinds of shard, numbered in one sequence:
//! - *postings shards* (`0..postings_len()`): one run of the real posting bytes each, cut at term
//!   boundaries in dictionary order, with where each of its terms' lists ends, its terms' strings
//!   and the norm of every (doc, field) pair its postings have ([`PostingsPart`]). Format 5 moved
//!   the posting ends (1.9 MB gzip at 1M), format 6 the dictionary strings (4.6 MB) and the norms
//!   (3.9 MB): the scorer reads a doc's field norm only for a field a query term's posting has, so
//!   the norms a query reads arrive with its postings. The head keeps a routing table (each
//!   shard's first term, [`ShardManifest::first_text`]) and the strings of the few terms the
//!   learned tables name ([`learned_terms`]), so reading a request (typo correction, learned
//!   intents and expansions, through `Index::term_index` / `term_text` / `term`) answers from the
//!   head for those; any other lookup logs the shard it wanted (`Index::take_misses`), which
//!   `Engine::missing_shards` adds to the query's own shards — one fetch round with the default
//!   knobs, a second only when a word's shard changes how the request reads (a typo knob).
//!   Decoding a head makes room ([`make_room`]: zeroed posting bytes and norms, every term of a
//!   shard not yet here ending where the shard ends), so installing one is a check (CRC-32, term
//!   count, ends in order and inside its bytes, strings sorted and routed here, one norm per pair)
//!   and a copy.
//! - *document shards* (after them): the display data ([`StoredFields`]: Hub ids, descriptions,
//!   base model, the card text an LLM check reads, and since format 7 the facts' evidence — the
//!   head keeps only a guessed size's basis, which a size verdict's reason reads) of a range of
//!   docs, encoded like an index part.
//!   Only the shown results read it, so a search fetches the few it shows ([`display_needed`]);
//!   it is checked (CRC-32, then [`validate_part`]) before it is installed in [`Index::doc_parts`].
//!   Ids are the largest part of a head that moved (1.1 MB of 2.3 MB gzip at 87k): a list of many
//!   models without their shards (the app's left-out list) shows a placeholder until asked.
//!
//! The builder names shard files by content hash, so a host and the service worker may cache them
//! forever.
//!
//! Exactness: the scorer and the explanation read only the posting lists (and the norms of their
//! pairs) of the query's terms, reading the request reads only terms whose shard is installed or
//! whose string the head keeps (else it logs the shard), and no rule or bonus reads an id or
//! stored text (ties break by doc number, not id), so once `Engine::missing_shards` is empty a
//! ranking is the same as on the single-file index — same order, scores and verdicts — and once
//! [`display_needed`] shards are installed, so are the shown facts and texts (tested below).
//! Rule: never rank with a query before `Engine::missing_shards` is empty (ask again after each
//! round); `Engine::missing_display_shards` says which document shards a selection shows.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::codec::{decode_part, encode_part, DecodeError, MAX_PAYLOAD};
use super::fields::FIELD_COUNT;
use super::format::{EvidenceColumns, Index, StoredFields, TermStrings};
use super::learned::Learned;
use super::postings::PostingIter;
use super::validate::{check_ends, check_evidence, check_len};
use crate::rank::Query;

/// Where each shard starts, how to check it, and where to fetch it. Postings shards come first,
/// then document shards; `crc`, `files` and `sizes` list both kinds in that order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardManifest {
    /// Postings shard `i` holds the posting lists of terms `first_term[i]..first_term[i + 1]`
    /// (the last one up to the dictionary's end), in dictionary order.
    #[serde(with = "super::deltas")]
    pub first_term: Vec<u32>,
    /// The text of each postings shard's first term (format 6): the routing table that says
    /// which shard holds a term, since the head ships no dictionary strings.
    pub first_text: Vec<String>,
    /// Where postings shard `i`'s bytes start in the postings (its terms' ends travel with it).
    #[serde(with = "super::deltas")]
    pub first_byte: Vec<u32>,
    /// Bytes of all posting lists (what the head makes room for).
    pub postings_bytes: u32,
    /// Document shard `j` (shard number `first_term.len() + j`) holds the stored text of docs
    /// `first_doc[j]..first_doc[j + 1]` (the last one up to the last doc).
    #[serde(with = "super::deltas")]
    pub first_doc: Vec<u32>,
    /// CRC-32 of each shard's (uncompressed) bytes.
    pub crc: Vec<u32>,
    /// File of each shard beside the head, named by the builder after its content hash
    /// (empty in memory-only splits).
    pub files: Vec<String>,
    /// Bytes of each shard file as shipped (gzip), for "make all models available offline"
    /// (empty in memory-only splits).
    pub sizes: Vec<u64>,
}

/// A postings shard: its terms' posting lists and where each ends (relative to the shard's
/// first byte), in dictionary order; its terms' strings; and the norm (quantized field length)
/// of every (doc, field) pair its postings have, once each, by doc then field ([`norm_slots`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingsPart {
    #[serde(with = "super::deltas")]
    pub ends: Vec<u32>,
    pub bytes: serde_bytes::ByteBuf,
    pub terms: TermStrings,
    pub norms: serde_bytes::ByteBuf,
}

/// A single-file index cut into a head and shards.
pub struct Split {
    /// The head as shipped: no posting bytes or ends, term strings (but those of the learned
    /// tables), norms, ids or stored text, the manifest in [`Index::shards`].
    pub head: Index,
    pub manifest: ShardManifest,
    pub shards: Vec<Vec<u8>>,
}

fn postings_start(index: &Index, term: usize) -> usize {
    if term == 0 {
        0
    } else {
        index.terms.postings_ends.get(term - 1).map_or(index.postings.len(), |&e| e as usize)
    }
}

fn entry_start(ends: &[u32], i: usize) -> usize {
    if i == 0 {
        0
    } else {
        ends.get(i - 1).copied().unwrap_or(0) as usize
    }
}

/// The stored text of docs `docs` of a single file, as its own [`StoredFields`] (ends rebased).
pub fn stored_slice(stored: &StoredFields, docs: std::ops::Range<usize>) -> StoredFields {
    let docs_again = docs.clone();
    let (e0, e1) = (entry_start(&stored.entry_ends, docs.start), entry_start(&stored.entry_ends, docs.end));
    let (t0, t1) = (entry_start(&stored.text_ends, e0), entry_start(&stored.text_ends, e1));
    let (i0, i1) = (entry_start(&stored.id_ends, docs.start), entry_start(&stored.id_ends, docs.end));
    StoredFields {
        ids: stored.ids[i0..i1].to_string(),
        id_ends: stored.id_ends[docs.clone()].iter().map(|&e| e - i0 as u32).collect(),
        entry_ends: stored.entry_ends[docs].iter().map(|&e| e - e0 as u32).collect(),
        entry_field: serde_bytes::ByteBuf::from(stored.entry_field[e0..e1].to_vec()),
        entry_source: serde_bytes::ByteBuf::from(stored.entry_source[e0..e1].to_vec()),
        text_ends: stored.text_ends[e0..e1].iter().map(|&e| e - t0 as u32).collect(),
        text: stored.text[t0..t1].to_string(),
        evidence: evidence_slice(&stored.evidence, docs_again),
    }
}

/// The evidence of docs `docs`, as its own columns (ends rebased).
fn evidence_slice(ev: &EvidenceColumns, docs: std::ops::Range<usize>) -> EvidenceColumns {
    let (e0, e1) = (entry_start(&ev.ends, docs.start), entry_start(&ev.ends, docs.end));
    let (q0, q1) = (entry_start(&ev.quote_ends, e0), entry_start(&ev.quote_ends, e1));
    EvidenceColumns {
        ends: ev.ends[docs].iter().map(|&e| e - e0 as u32).collect(),
        fact: serde_bytes::ByteBuf::from(ev.fact[e0..e1].to_vec()),
        source: serde_bytes::ByteBuf::from(ev.source[e0..e1].to_vec()),
        confidence: serde_bytes::ByteBuf::from(ev.confidence[e0..e1].to_vec()),
        quote_ends: ev.quote_ends[e0..e1].iter().map(|&e| e - q0 as u32).collect(),
        quotes: ev.quotes[q0..q1].to_string(),
    }
}

/// Where to cut `index` into shards of about `target` bytes (the last of each kind may be
/// smaller): postings at term boundaries (weighed by posting bytes and term strings; norms come on top),
/// stored text at doc boundaries, each with its CRC; the postings are not copied (a 1M-model
/// build writes each shard straight from [`ShardManifest::bytes`]).
pub fn plan(index: &Index, target: usize) -> ShardManifest {
    let terms = index.term_count();
    let mut first_term = Vec::new();
    let mut first_text = Vec::new();
    let mut first_byte = Vec::new();
    let mut crc = Vec::new();
    let weight = |t: usize| postings_start(index, t + 1) - postings_start(index, t) + index.term_text(t).len();
    let mut t = 0;
    while t < terms {
        let mut end_term = t + 1;
        let mut bytes = weight(t);
        while end_term < terms && bytes < target.max(1) {
            bytes += weight(end_term);
            end_term += 1;
        }
        first_term.push(t as u32);
        first_text.push(index.term_text(t).to_string());
        first_byte.push(postings_start(index, t) as u32);
        crc.push(crc32fast::hash(&encode_part(&postings_part(index, t..end_term))));
        t = end_term;
    }
    // Document shards: cut by stored text and id bytes (what a shard weighs).
    let s = &index.stored;
    let docs = s.entry_ends.len();
    let text_end = |d: usize| entry_start(&s.text_ends, entry_start(&s.entry_ends, d)) + entry_start(&s.id_ends, d);
    let mut first_doc = Vec::new();
    let mut d = 0;
    while d < docs {
        let start = text_end(d);
        let mut end = d + 1;
        while end < docs && text_end(end) - start < target.max(1) {
            end += 1;
        }
        first_doc.push(d as u32);
        crc.push(crc32fast::hash(&encode_part(&stored_slice(s, d..end))));
        d = end;
    }
    let postings_bytes = index.postings.len() as u32;
    ShardManifest { first_term, first_text, first_byte, postings_bytes, first_doc, crc, files: Vec::new(), sizes: Vec::new() }
}

/// The posting lists of terms `terms` of a single file, with their ends rebased to the first,
/// their strings, and the norm of each (doc, field) pair of their postings.
fn postings_part(index: &Index, terms: std::ops::Range<usize>) -> PostingsPart {
    let (start, end) = (postings_start(index, terms.start), postings_start(index, terms.end));
    let mut strings = TermStrings::default();
    for t in terms.clone() {
        strings.arena.push_str(index.term_text(t));
        strings.ends.push(strings.arena.len() as u32);
    }
    let mut part = PostingsPart {
        ends: index.terms.postings_ends[terms].iter().map(|&e| e - start as u32).collect(),
        bytes: serde_bytes::ByteBuf::from(index.postings[start..end].to_vec()),
        terms: strings,
        norms: serde_bytes::ByteBuf::new(),
    };
    let slots = norm_slots(&part, index.doc_count()).expect("a single file's postings name its docs and fields");
    part.norms = serde_bytes::ByteBuf::from(slots.iter().map(|&at| index.norms.get(at).copied().unwrap_or(0)).collect::<Vec<u8>>());
    part
}

/// The terms a head keeps the strings of: those the learned tables name (task words, expanded
/// words and their targets), so reading a request — learned intents and expansions — needs no
/// shard beyond its own words' (`Index::term_index` / `term_text` answer from the head). A few
/// thousand of the dictionary's terms; every other term is named only by its shard. A new learned
/// table keyed by term number belongs here too (or its lookups cost a second fetch round).
pub fn learned_terms(learned: &Learned) -> Vec<u32> {
    let mut out: Vec<u32> = learned.task_terms.iter().chain(&learned.expand_terms).chain(&learned.expand_targets).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Cuts `index` into a head and shards (see [`plan`]). The head is the index without posting
/// bytes, posting ends, ids or stored text, with the manifest.
pub fn split(index: &Index, target: usize) -> Split {
    let manifest = plan(index, target);
    let shards = (0..manifest.len()).map(|s| manifest.bytes(index, s).map(Cow::into_owned).unwrap_or_default()).collect();
    let mut head = index.clone();
    strip(&mut head, manifest.clone());
    Split { head, manifest, shards }
}

/// Makes `index` a head: what travels in shards removed (posting bytes and ends, term strings
/// but those of [`learned_terms`], norms, ids and stored text), `manifest` in.
pub fn strip(index: &mut Index, manifest: ShardManifest) {
    if !manifest.first_term.is_empty() {
        let numbers = learned_terms(&index.learned);
        let mut strings = TermStrings::default();
        for &t in &numbers {
            strings.arena.push_str(index.term_text(t as usize));
            strings.ends.push(strings.arena.len() as u32);
        }
        index.terms.head_numbers = numbers;
        index.terms.head_strings = strings;
        index.terms.arena = String::new();
        index.terms.ends = Vec::new();
        index.postings = serde_bytes::ByteBuf::new();
        index.terms.postings_ends = Vec::new();
        index.norms = serde_bytes::ByteBuf::new();
    }
    if !manifest.first_doc.is_empty() {
        index.stored = StoredFields::default();
    }
    index.shards = Some(manifest);
}

/// A decoded head: zeroed posting bytes of the length the manifest declares and, for every term,
/// a posting end at the end of its shard (so a term whose shard is not installed reads zeros, or
/// nothing, and never past its shard), and zeroed norms, for shards to fill; an empty slot per
/// postings shard's term strings and per document shard.
pub(crate) fn make_room(index: &mut Index) -> Result<(), DecodeError> {
    let Some(manifest) = &index.shards else { return Ok(()) };
    // Checked here (again by `validate`), since the room is made from it.
    manifest.validate(index.term_count(), index.doc_count()).map_err(DecodeError::Invalid)?;
    index.doc_parts = vec![None; manifest.first_doc.len()];
    index.term_parts = vec![None; manifest.postings_len()];
    if manifest.first_term.is_empty() || !index.postings.is_empty() || !index.terms.postings_ends.is_empty() {
        return Ok(());
    }
    if index.norms.is_empty() {
        index.norms = serde_bytes::ByteBuf::from(vec![0u8; index.doc_count() * FIELD_COUNT]);
    }
    if u64::from(manifest.postings_bytes) > MAX_PAYLOAD {
        return Err(DecodeError::SizeLimit { limit: MAX_PAYLOAD });
    }
    let terms = index.term_count();
    let mut ends = Vec::with_capacity(terms);
    for shard in 0..manifest.postings_len() {
        let end_term = manifest.first_term.get(shard + 1).map_or(terms, |&t| t as usize);
        let end_byte = manifest.first_byte.get(shard + 1).copied().unwrap_or(manifest.postings_bytes);
        ends.resize(end_term, end_byte);
    }
    index.terms.postings_ends = ends;
    index.postings = serde_bytes::ByteBuf::from(vec![0u8; manifest.postings_bytes as usize]);
    Ok(())
}

impl ShardManifest {
    /// How many shards, both kinds.
    pub fn len(&self) -> usize {
        self.first_term.len() + self.first_doc.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many postings shards (the document shards are numbered after them).
    pub fn postings_len(&self) -> usize {
        self.first_term.len()
    }

    /// The shard holding term number `term`.
    pub fn shard_of(&self, term: usize) -> usize {
        self.first_term.partition_point(|&f| f as usize <= term).saturating_sub(1)
    }

    /// The postings shard that holds analysed term `term` if the dictionary has it (by the
    /// routing table [`ShardManifest::first_text`]); `None` before the dictionary's first term.
    pub fn route(&self, term: &str) -> Option<usize> {
        self.first_text.partition_point(|f| f.as_str() <= term).checked_sub(1)
    }

    /// The document shard holding doc `doc`'s stored text, as (document shard index, the doc's
    /// position in it); `None` when this manifest has no document shards (its head keeps the text).
    pub fn doc_part_of(&self, doc: u32) -> Option<(usize, usize)> {
        let part = self.first_doc.partition_point(|&f| f <= doc).checked_sub(1)?;
        Some((part, (doc - self.first_doc[part]) as usize))
    }

    /// Bytes shipped for these shards (all of them with `0..len()`).
    pub fn shipped_bytes(&self, shards: impl IntoIterator<Item = usize>) -> u64 {
        shards.into_iter().filter_map(|s| self.sizes.get(s)).sum()
    }

    /// A short name of this set of shards (their CRCs hashed): what the app stores to remember
    /// that every shard of *this* index was downloaded.
    pub fn signature(&self) -> String {
        let mut bytes = Vec::with_capacity(self.crc.len() * 4);
        self.crc.iter().for_each(|c| bytes.extend_from_slice(&c.to_le_bytes()));
        format!("{:08x}-{}", crc32fast::hash(&bytes), self.len())
    }

    /// Shard `shard`'s bytes from a full (single-file) index: an encoded [`PostingsPart`], or a
    /// document shard's encoded stored text.
    pub fn bytes<'a>(&self, index: &'a Index, shard: usize) -> Option<Cow<'a, [u8]>> {
        if shard < self.postings_len() {
            let terms = self.term_range(shard, index.term_count())?;
            let bytes = self.byte_range(shard)?;
            return (bytes.end <= index.postings.len() && terms.end <= index.terms.postings_ends.len())
                .then(|| Cow::Owned(encode_part(&postings_part(index, terms))));
        }
        let docs = self.doc_range(shard - self.postings_len(), index.doc_count())?;
        (docs.end <= index.stored.entry_ends.len()).then(|| Cow::Owned(encode_part(&stored_slice(&index.stored, docs))))
    }

    /// Docs of document shard `part` in an index of `doc_count` docs.
    fn doc_range(&self, part: usize, doc_count: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.first_doc.get(part)? as usize;
        let end = self.first_doc.get(part + 1).map_or(doc_count, |&d| d as usize);
        (start < end && end <= doc_count).then_some(start..end)
    }

    /// Terms of postings shard `shard` in a dictionary of `terms` terms.
    fn term_range(&self, shard: usize, terms: usize) -> Option<std::ops::Range<usize>> {
        let first = *self.first_term.get(shard)? as usize;
        let end = self.first_term.get(shard + 1).map_or(terms, |&t| t as usize);
        (first < end && end <= terms).then_some(first..end)
    }

    /// Byte range of postings shard `shard` in the postings (from the manifest).
    fn byte_range(&self, shard: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.first_byte.get(shard)? as usize;
        let end = self.first_byte.get(shard + 1).copied().unwrap_or(self.postings_bytes) as usize;
        (start <= end).then_some(start..end)
    }

    /// Checks the manifest against a dictionary of `terms` terms and `docs` docs (called by the
    /// decoder).
    pub(crate) fn validate(&self, terms: usize, docs: usize) -> Result<(), String> {
        let n = self.len();
        if self.crc.len() != n || (!self.files.is_empty() && self.files.len() != n) || (!self.sizes.is_empty() && self.sizes.len() != n) {
            return Err(format!(
                "shard manifest lists {n} shards but {} checksums, {} files, {} sizes",
                self.crc.len(),
                self.files.len(),
                self.sizes.len()
            ));
        }
        if terms > 0 && self.first_term.first() != Some(&0) {
            return Err("the first shard must start at the first term".into());
        }
        if self.first_term.windows(2).any(|w| w[0] >= w[1]) || self.first_term.last().is_some_and(|&t| t as usize >= terms.max(1)) {
            return Err("shard boundaries must increase and lie inside the dictionary".into());
        }
        if self.first_text.len() != self.first_term.len() || self.first_text.windows(2).any(|w| w[0] >= w[1]) {
            return Err("the routing table must name each postings shard's first term, in order".into());
        }
        if self.first_byte.len() != self.first_term.len()
            || self.first_byte.first().is_some_and(|&b| b != 0)
            || self.first_byte.windows(2).any(|w| w[0] > w[1])
            || self.first_byte.last().is_some_and(|&b| b > self.postings_bytes)
        {
            return Err("postings shards must start at increasing bytes inside the postings".into());
        }
        if !self.first_doc.is_empty() && self.first_doc[0] != 0 {
            return Err("the first document shard must start at the first doc".into());
        }
        if self.first_doc.windows(2).any(|w| w[0] >= w[1]) || self.first_doc.last().is_some_and(|&d| d as usize >= docs) {
            return Err("document shard boundaries must increase and lie inside the document table".into());
        }
        if self.files.iter().any(|f| f.is_empty() || f.contains(['/', '\\', '?', '#']) || f.starts_with('.')) {
            return Err("a shard file name must be a plain file name beside the index".into());
        }
        Ok(())
    }
}

/// Checks a decoded document shard holds exactly `docs` docs and that every offset in it is in
/// bounds (so no byte string can make a later `doc_fields` panic).
pub(crate) fn validate_part(part: &StoredFields, docs: usize) -> Result<(), String> {
    check_len("stored.entry_ends", part.entry_ends.len(), docs)?;
    check_len("stored.id_ends", part.id_ends.len(), docs)?;
    check_ends("stored.id_ends", &part.id_ends, part.ids.len(), Some(&part.ids))?;
    let entries = part.text_ends.len();
    check_len("stored.entry_field", part.entry_field.len(), entries)?;
    check_len("stored.entry_source", part.entry_source.len(), entries)?;
    check_ends("stored.entry_ends", &part.entry_ends, entries, None)?;
    check_ends("stored.text_ends", &part.text_ends, part.text.len(), Some(&part.text))?;
    check_evidence(&part.evidence, docs)
}

/// The postings shards a query's terms lie in (sorted, without duplicates), by the routing table:
/// a term the dictionary lacks still names the shard that would hold it (fetched to learn that).
/// With [`Index::take_misses`] after reading the request, what `Engine::missing_shards` fetches.
pub fn needed(manifest: &ShardManifest, query: &Query) -> Vec<usize> {
    let mut out: Vec<usize> = query.terms.iter().filter_map(|qt| manifest.route(&qt.term)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Turns a head with every shard installed into a single-file index (the native commands that
/// read the whole index): the document shards' text joined into [`Index::stored`], no manifest.
/// An error names the first document shard not installed.
pub fn into_single(index: &mut Index) -> Result<(), DecodeError> {
    if let Some(missing) = index.term_parts.iter().position(Option::is_none) {
        return Err(DecodeError::Invalid(format!("postings shard {missing} is not installed")));
    }
    let parts = std::mem::take(&mut index.doc_parts);
    if let Some(missing) = parts.iter().position(Option::is_none) {
        index.doc_parts = parts;
        return Err(DecodeError::Invalid(format!("document shard {missing} is not installed")));
    }
    if !index.term_parts.is_empty() {
        let mut strings = TermStrings::default();
        for part in std::mem::take(&mut index.term_parts).into_iter().flatten() {
            let base = strings.arena.len() as u32;
            strings.ends.extend(part.ends.iter().map(|&e| e + base));
            strings.arena.push_str(&part.arena);
        }
        index.terms.arena = strings.arena;
        index.terms.ends = strings.ends;
        index.terms.head_numbers = Vec::new();
        index.terms.head_strings = TermStrings::default();
    }
    let mut stored = std::mem::take(&mut index.stored);
    for part in parts.into_iter().flatten() {
        let (entries, text, ids) = (stored.text_ends.len() as u32, stored.text.len() as u32, stored.ids.len() as u32);
        stored.id_ends.extend(part.id_ends.iter().map(|&e| e + ids));
        stored.ids.push_str(&part.ids);
        stored.entry_ends.extend(part.entry_ends.iter().map(|&e| e + entries));
        stored.entry_field.extend_from_slice(&part.entry_field);
        stored.entry_source.extend_from_slice(&part.entry_source);
        stored.text_ends.extend(part.text_ends.iter().map(|&e| e + text));
        stored.text.push_str(&part.text);
        let ev = &mut stored.evidence;
        let (entries, quotes) = (ev.fact.len() as u32, ev.quotes.len() as u32);
        ev.ends.extend(part.evidence.ends.iter().map(|&e| e + entries));
        ev.fact.extend_from_slice(&part.evidence.fact);
        ev.source.extend_from_slice(&part.evidence.source);
        ev.confidence.extend_from_slice(&part.evidence.confidence);
        ev.quote_ends.extend(part.evidence.quote_ends.iter().map(|&e| e + quotes));
        ev.quotes.push_str(&part.evidence.quotes);
    }
    index.stored = stored;
    index.shards = None;
    Ok(())
}

/// The document shards that hold the stored text of `docs` (sorted, without duplicates; empty
/// when the head keeps the text).
pub fn display_needed(manifest: &ShardManifest, docs: impl IntoIterator<Item = u32>) -> Vec<usize> {
    let mut out: Vec<usize> =
        docs.into_iter().filter_map(|d| manifest.doc_part_of(d)).map(|(part, _)| manifest.postings_len() + part).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Installs a fetched shard after checking its length (postings) or contents (documents) and
/// its checksum: postings are copied into the head's postings, a document shard's stored text
/// into [`Index::doc_parts`].
pub fn install(index: &mut Index, manifest: &ShardManifest, shard: usize, bytes: &[u8]) -> Result<(), DecodeError> {
    let not_listed = || DecodeError::Invalid(format!("shard {shard} is not in the manifest"));
    let check_crc = |bytes: &[u8]| {
        let expected = manifest.crc.get(shard).copied().unwrap_or_default();
        let actual = crc32fast::hash(bytes);
        if actual != expected {
            return Err(DecodeError::ChecksumMismatch { expected, actual });
        }
        Ok(())
    };
    if shard >= manifest.postings_len() {
        let part = shard - manifest.postings_len();
        let docs = manifest.doc_range(part, index.doc_count()).ok_or_else(not_listed)?;
        check_crc(bytes)?;
        let stored: StoredFields = decode_part(bytes)?;
        validate_part(&stored, docs.len()).map_err(|e| DecodeError::Invalid(format!("document shard {shard}: {e}")))?;
        let slot = index.doc_parts.get_mut(part).ok_or_else(not_listed)?;
        *slot = Some(stored);
        return Ok(());
    }
    let range = manifest.byte_range(shard).ok_or_else(not_listed)?;
    let terms = manifest.term_range(shard, index.term_count()).ok_or_else(not_listed)?;
    check_crc(bytes)?;
    let part: PostingsPart = decode_part(bytes)?;
    if part.bytes.len() != range.len() || range.end > index.postings.len() {
        return Err(DecodeError::Invalid(format!("shard {shard} has {} bytes, the head expects {}", part.bytes.len(), range.len())));
    }
    check_len("postings shard ends", part.ends.len(), terms.len())
        .and_then(|()| check_ends("postings shard ends", &part.ends, part.bytes.len(), None))
        .map_err(|e| DecodeError::Invalid(format!("shard {shard}: {e}")))?;
    if part.ends.last().is_some_and(|&e| e as usize != part.bytes.len()) {
        return Err(DecodeError::Invalid(format!("shard {shard}: its last posting list does not end with its bytes")));
    }
    let invalid = |why: String| DecodeError::Invalid(format!("shard {shard}: {why}"));
    check_terms(&part.terms, manifest, shard, terms.len()).map_err(invalid)?;
    let norms = pair_norms(&part, index.doc_count()).map_err(invalid)?;
    for (at, code) in norms {
        index.norms[at] = code;
    }
    index.postings[range.clone()].copy_from_slice(&part.bytes);
    for (t, &end) in terms.zip(&part.ends) {
        index.terms.postings_ends[t] = range.start as u32 + end;
    }
    index.term_parts[shard] = Some(part.terms);
    Ok(())
}

/// Checks a postings shard's term strings: one per term of the shard, in order, inside their
/// arena, sorted, the first being the one the routing table names and the last before the next
/// shard's (so a lookup routed here finds the term if the dictionary has it).
fn check_terms(strings: &TermStrings, manifest: &ShardManifest, shard: usize, terms: usize) -> Result<(), String> {
    check_len("term strings", strings.len(), terms)?;
    check_ends("term strings", &strings.ends, strings.arena.len(), Some(&strings.arena))?;
    if (1..terms).any(|i| strings.get(i - 1) >= strings.get(i)) {
        return Err("its term strings are not sorted".into());
    }
    if terms > 0 && Some(strings.get(0)) != manifest.first_text.get(shard).map(String::as_str) {
        return Err("its first term is not the one the routing table names".into());
    }
    if let Some(next) = manifest.first_text.get(shard + 1).filter(|_| terms > 0) {
        if strings.get(terms - 1) >= next.as_str() {
            return Err("its last term is not before the next shard's first".into());
        }
    }
    Ok(())
}

/// Where a postings shard's norms go in the head's norms (`doc × FIELD_COUNT + field`): every
/// (doc, field) pair its postings have, once, ascending — a doc's field norm travels once per
/// shard however many of the shard's terms it has. An error when a posting names a doc or field
/// the head has not.
fn norm_slots(part: &PostingsPart, doc_count: usize) -> Result<Vec<usize>, String> {
    let mut slots = Vec::new();
    let mut start = 0usize;
    for &end in &part.ends {
        let list = part.bytes.get(start..end as usize).ok_or("its posting ends run past its bytes")?;
        start = end as usize;
        for p in PostingIter::new(list) {
            if p.doc as usize >= doc_count {
                return Err(format!("a posting names doc {} of {doc_count}", p.doc));
            }
            for pair in p.fields.chunks_exact(2) {
                let field = pair[0] as usize;
                if field >= FIELD_COUNT {
                    return Err(format!("a posting names field {field}"));
                }
                slots.push(p.doc as usize * FIELD_COUNT + field);
            }
        }
    }
    slots.sort_unstable();
    slots.dedup();
    Ok(slots)
}

/// A postings shard's norms with where each goes ([`norm_slots`]); an error unless there is
/// exactly one per slot.
fn pair_norms(part: &PostingsPart, doc_count: usize) -> Result<Vec<(usize, u8)>, String> {
    let slots = norm_slots(part, doc_count)?;
    if slots.len() != part.norms.len() {
        return Err(format!("it has {} norms for {} (doc, field) pairs", part.norms.len(), slots.len()));
    }
    Ok(slots.into_iter().zip(part.norms.iter().copied()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Confidence, Evidence, FactKind, ModelFacts, ModelInstance, Source};
    use crate::index::IndexWriter;
    use crate::select::Engine;
    use crate::template::{Field, Template};

    const WORDS: [&str; 24] = [
        "speech",
        "podcast",
        "transcribe",
        "german",
        "sentiment",
        "review",
        "image",
        "caption",
        "translate",
        "french",
        "summarize",
        "news",
        "chat",
        "assistant",
        "code",
        "python",
        "embed",
        "search",
        "detect",
        "object",
        "music",
        "generate",
        "medical",
        "legal",
    ];
    const LICENSES: [&str; 4] = ["mit", "apache-2.0", "cc-by-nc-4.0", "gpl-3.0"];
    const TASKS: [&str; 4] = ["automatic-speech-recognition", "text-classification", "image-to-text", "translation"];

    /// A few hundred models with overlapping words, licenses and tasks (deterministic).
    fn index() -> Index {
        let mut w = IndexWriter::new("shards-test");
        for i in 0..400usize {
            let words: Vec<&str> = (0..6).map(|k| WORDS[(i * 7 + k * k * 5 + k) % WORDS.len()]).collect();
            // Some ids state a translation direction (ranking and the language rule read it).
            let id = match i % 8 {
                3 => format!("org{i}/opus-mt-{}", ["en-de", "de-en", "fr-en", "en-fr"][(i / 8) % 4]),
                _ => format!("org/model-{i}"),
            };
            let mut m = ModelInstance {
                id,
                facts: ModelFacts {
                    task: Some(TASKS[i % TASKS.len()].into()),
                    license: Some(LICENSES[(i / 3) % LICENSES.len()].into()),
                    params: Some(10_000_000 * (1 + (i as u64 % 50))),
                    downloads: (i as u64 * 7919) % 10_000,
                    ..Default::default()
                },
                ..Default::default()
            };
            // Evidence is display data (document shards) but for a guessed size's basis, which a
            // size verdict's reason reads (the head's `size_basis`).
            if i % 3 == 1 {
                let (source, confidence) = [(Source::ModelId, Confidence::Read), (Source::FamilyTable, Confidence::Guessed)][i % 2];
                m.facts.set_evidence(Evidence::new(FactKind::Params, source, confidence, Some(format!("size of model {i}"))));
            }
            if i % 4 == 2 {
                m.facts.set_evidence(Evidence::new(
                    FactKind::License,
                    Source::FrontMatter,
                    Confidence::Stated,
                    Some(format!("license {i}")),
                ));
            }
            m.put(Field::Function, words.join(" "), Source::CardText);
            m.put(Field::Domain, WORDS[(i * 11) % WORDS.len()].into(), Source::CardSection);
            if i % 3 == 0 {
                m.put(Field::BaseModel, format!("org/base-{}", i % 7), Source::Metadata);
            }
            m.put(Field::Limitations, format!("Model {i} may fail on {}.", words.join(", ")), Source::CardText);
            w.add(&m);
        }
        w.finish()
    }

    fn requests() -> Vec<Template> {
        let mut out = Vec::new();
        for i in 0..60usize {
            let mut r = Template::default();
            let function = format!("{} {} {}", WORDS[i % 24], WORDS[(i * 5 + 3) % 24], WORDS[(i * 13 + 1) % 24]);
            r.set(Field::Function, Some(function));
            if i % 3 == 0 {
                r.set(Field::License, Some("commercial use".into()));
            }
            if i % 4 == 1 {
                r.set(Field::ParameterSize, Some("under 200M parameters".into()));
            }
            if i % 5 == 2 {
                r.set(Field::Task, Some(TASKS[i % 4].into()));
            }
            match i % 7 {
                4 => r.set(Field::Language, Some(["English to German", "French to English"][i % 2].into())),
                6 => r.set(Field::Function, Some(format!("translate English to German {}", WORDS[i % 24]))),
                _ => {}
            }
            out.push(r);
        }
        out
    }

    /// The head as the app receives it: encoded without postings, decoded with room for them.
    fn shipped_head(split: &Split) -> Index {
        crate::index::decode(&crate::index::encode(&split.head)).expect("a head decodes")
    }

    /// The evidence travels in the document shards (the head keeps only a guessed size's basis)
    /// and comes back whole with them.
    #[test]
    fn evidence_travels_with_the_document_shards() {
        let full = index();
        let split = split(&full, 256);
        assert!(split.head.stored.evidence.fact.is_empty(), "the head ships no evidence");
        let mut head = shipped_head(&split);
        let guessed = (0..full.doc_count() as u32).filter(|&d| full.facts(d).size_guess().is_some()).count();
        assert!(guessed > 50, "{guessed} guessed sizes");
        for d in 0..full.doc_count() as u32 {
            let (before, want) = (head.facts(d), full.facts(d));
            assert_eq!(before.size_guess(), want.size_guess(), "doc {d}");
            assert!(before.evidence.iter().all(|e| e.fact == FactKind::Params && e.quote.is_none()), "doc {d}");
        }
        for s in split.manifest.postings_len()..split.manifest.len() {
            install(&mut head, &split.manifest, s, &split.shards[s]).unwrap();
        }
        for d in 0..full.doc_count() as u32 {
            assert_eq!(head.facts(d).evidence, full.facts(d).evidence, "doc {d}");
        }
        // A document shard whose evidence lies is refused.
        let first = split.manifest.postings_len();
        let mut part: StoredFields = decode_part(&split.shards[first]).unwrap();
        part.evidence.ends.pop();
        let (lying, mut manifest) = (encode_part(&part), split.manifest.clone());
        manifest.crc[first] = crc32fast::hash(&lying);
        let refused = install(&mut shipped_head(&split), &manifest, first, &lying);
        assert!(matches!(&refused, Err(DecodeError::Invalid(e)) if e.contains("evidence")), "{refused:?}");
    }

    #[test]
    fn shards_cover_the_postings_exactly() {
        let full = index();
        let split = split(&full, 256);
        let postings = split.manifest.postings_len();
        assert!(postings > 5 && split.manifest.first_doc.len() > 5, "{} shards", split.shards.len());
        let parts: Vec<PostingsPart> = split.shards[..postings].iter().map(|s| decode_part(s).unwrap()).collect();
        assert_eq!(parts.iter().map(|p| p.bytes.to_vec()).collect::<Vec<_>>().concat(), full.postings.to_vec());
        assert_eq!(parts.iter().map(|p| p.ends.len()).sum::<usize>(), full.term_count(), "every term's end travels in one shard");
        assert_eq!(parts.iter().map(|p| p.terms.arena.as_str()).collect::<String>(), full.terms.arena, "every term's string too");
        let pairs: usize = (0..full.term_count())
            .map(|t| {
                PostingIter::new(&full.postings[postings_start(&full, t)..postings_start(&full, t + 1)])
                    .map(|p| p.fields.len() / 2)
                    .sum::<usize>()
            })
            .sum();
        let norms: usize = parts.iter().map(|p| p.norms.len()).sum();
        assert!(
            norms < pairs && norms >= full.norms.iter().filter(|&&n| n > 0).count(),
            "a norm per (doc, field) pair of a shard: {norms} for {pairs} pairs"
        );
        assert!(split.head.terms.postings_ends.is_empty(), "the head ships no posting ends");
        assert!(split.head.terms.arena.is_empty() && split.head.terms.ends.is_empty(), "the head ships no dictionary strings");
        assert_eq!(split.head.terms.doc_freq, full.terms.doc_freq, "but every term's doc freq");
        assert!(split.head.norms.is_empty(), "the head ships no norms");
        assert!(split.head.postings.is_empty(), "the head ships no posting bytes");
        assert!(split.head.stored.text.is_empty(), "the head ships no stored text");
        assert!(split.head.stored.ids.is_empty() && split.head.doc_id(0).is_none(), "the head ships no model ids");
        assert!(crate::index::encode(&split.head).len() + 1000 < crate::index::encode(&full).len());
        let mut head = shipped_head(&split);
        assert_eq!(head.postings.len(), full.postings.len());
        for (i, s) in split.shards.iter().enumerate() {
            install(&mut head, &split.manifest, i, s).unwrap();
        }
        into_single(&mut head).unwrap();
        assert_eq!(head, full);
        // Damage is refused.
        let mut wrong = split.shards[1].clone();
        wrong[0] ^= 1;
        assert!(matches!(install(&mut head, &split.manifest, 1, &wrong), Err(DecodeError::ChecksumMismatch { .. })));
        assert!(install(&mut head, &split.manifest, 1, &split.shards[2]).is_err());
        assert!(install(&mut head, &split.manifest, 999, &[]).is_err());
        // A postings shard that decodes but lies about its ends is refused, never installed.
        let mut head = shipped_head(&split);
        let before = head.terms.postings_ends.clone();
        for lie in [0, 1, 2] {
            let mut part: PostingsPart = decode_part(&split.shards[1]).unwrap();
            match lie {
                0 => part.ends.reverse(),
                1 => drop(part.ends.pop()),
                _ => *part.ends.last_mut().unwrap() += 1,
            }
            let bytes = encode_part(&part);
            let mut manifest = split.manifest.clone();
            manifest.crc[1] = crc32fast::hash(&bytes);
            assert!(matches!(install(&mut head, &manifest, 1, &bytes), Err(DecodeError::Invalid(_))), "lie {lie}");
        }
        assert_eq!(head.terms.postings_ends, before);
        // ...or about its strings or norms.
        for lie in 0..5 {
            let mut part: PostingsPart = decode_part(&split.shards[1]).unwrap();
            match lie {
                0 => part.terms.ends.swap(0, 1),
                1 => part.terms.arena.replace_range(0..1, "~"),
                2 => drop(part.norms.pop()),
                3 => part.norms.push(1),
                _ => part.terms = decode_part::<PostingsPart>(&split.shards[2]).unwrap().terms,
            }
            let bytes = encode_part(&part);
            let mut manifest = split.manifest.clone();
            manifest.crc[1] = crc32fast::hash(&bytes);
            assert!(matches!(install(&mut head, &manifest, 1, &bytes), Err(DecodeError::Invalid(_))), "string/norm lie {lie}");
        }
        assert!(head.term_parts.iter().all(Option::is_none) && head.norms.iter().all(|&n| n == 0), "nothing installed");
        // A document shard that decodes but lies about its contents is refused, never installed.
        let mut head = shipped_head(&split);
        let doc_shard = postings + 1;
        let range = split.manifest.doc_range(1, full.doc_count()).unwrap();
        let mut lying = stored_slice(&full.stored, range.clone());
        lying.entry_ends.pop();
        let bytes = encode_part(&lying);
        let mut manifest = split.manifest.clone();
        manifest.crc[doc_shard] = crc32fast::hash(&bytes);
        assert!(matches!(install(&mut head, &manifest, doc_shard, &bytes), Err(DecodeError::Invalid(_))));
        let mut past_end = stored_slice(&full.stored, range);
        past_end.text_ends.iter_mut().for_each(|e| *e += 1000);
        let bytes = encode_part(&past_end);
        manifest.crc[doc_shard] = crc32fast::hash(&bytes);
        assert!(install(&mut head, &manifest, doc_shard, &bytes).is_err());
        assert!(install(&mut head, &manifest, doc_shard, &bytes[..bytes.len() / 2]).is_err());
        assert!(head.doc_parts.iter().all(Option::is_none));
        assert_eq!(head.doc_fields(range_start(&split.manifest, 1)).count(), 0, "no text before its shard is installed");
        assert_eq!(head.doc_id(range_start(&split.manifest, 1)), None, "no id before its shard is installed");
        // A document shard whose ids run past its text is refused too.
        let mut bad_ids = stored_slice(&full.stored, split.manifest.doc_range(1, full.doc_count()).unwrap());
        bad_ids.id_ends.iter_mut().for_each(|e| *e += 1000);
        let bytes = encode_part(&bad_ids);
        manifest.crc[doc_shard] = crc32fast::hash(&bytes);
        assert!(install(&mut head, &manifest, doc_shard, &bytes).is_err());
    }

    fn range_start(m: &ShardManifest, part: usize) -> u32 {
        m.first_doc[part]
    }

    #[test]
    fn a_damaged_manifest_is_refused_by_the_decoder() {
        let full = index();
        let good = split(&full, 256);
        let damage: [fn(&mut ShardManifest); 10] = [
            |m| m.first_text.swap(1, 2),
            |m| drop(m.first_text.pop()),
            |m| m.first_byte[1] = m.postings_bytes + 1,
            |m| m.first_byte.swap(1, 2),
            |m| m.first_term[0] = 1,
            |m| m.first_doc[0] = 1,
            |m| m.first_doc.swap(1, 2),
            |m| m.first_term.swap(1, 2),
            |m| m.crc.pop().map(drop).unwrap_or(()),
            |m| m.files = vec!["../x.bin".into(); m.first_term.len()],
        ];
        for (n, f) in damage.iter().enumerate() {
            let mut head = good.head.clone();
            f(head.shards.as_mut().unwrap());
            assert!(crate::index::decode(&crate::index::encode(&head)).is_err(), "damage {n}");
        }
    }

    /// The head plus only the shards a request needs ranks exactly like the single-file index:
    /// the same top 10 in the same order, the same scores, verdicts and explanations.
    #[test]
    fn head_plus_needed_shards_ranks_like_the_single_file() {
        let full = index();
        let split = split(&full, 200);
        let mut single = Engine::new(full);
        let mut fetched_total = 0;
        for (n, request) in requests().iter().enumerate() {
            let want = single.select(request, 10);
            let mut sharded = Engine::new(shipped_head(&split));
            let shards = sharded.missing_shards(request);
            for &s in &shards {
                sharded.install_shard(s, &split.shards[s]).unwrap();
            }
            assert!(sharded.missing_shards(request).is_empty());
            fetched_total += shards.len();
            // The ranking is exact before the display text is here; then the shown models' facts
            // (the base model) and texts become whole.
            let ranked = sharded.select(request, 10);
            let docs = |s: &crate::select::Selection| s.results.iter().map(|m| (m.doc, m.score.to_bits())).collect::<Vec<_>>();
            assert_eq!(docs(&ranked), docs(&want), "request {n}");
            let verdicts = |s: &crate::select::Selection| s.results.iter().map(|m| m.verdicts.clone()).collect::<Vec<_>>();
            assert_eq!(verdicts(&ranked), verdicts(&want), "request {n}: verdicts need no id");
            assert_eq!(ranked.excluded, want.excluded, "request {n}: the same models left out");
            // The head ships no ids: a model's name arrives with its document shard.
            assert!(ranked.results.iter().all(|m| m.id.is_empty() == sharded.index.doc_id(m.doc).is_none()));
            let display = sharded.missing_display_shards(ranked.results.iter().map(|m| m.doc));
            assert!(display.iter().all(|&s| s >= split.manifest.postings_len()));
            for &s in &display {
                sharded.install_shard(s, &split.shards[s]).unwrap();
            }
            assert!(sharded.missing_display_shards(ranked.results.iter().map(|m| m.doc)).is_empty());
            let got = sharded.select(request, 10);
            for m in &got.results {
                let text = |index: &Index| index.doc_fields(m.doc).map(|(f, s, t)| (f, s, t.to_string())).collect::<Vec<_>>();
                assert_eq!(text(&sharded.index), text(&single.index), "request {n}: display text of {}", m.id);
            }
            assert!(!want.results.is_empty(), "request {n} finds models");
            assert_eq!(got, want, "request {n}");
            // The models left out: facts and verdicts from the head, names once their shards are in.
            let left = sharded.left_out(request, &got);
            let left_want = single.left_out(request, &want);
            for (a, b) in left.iter().zip(&left_want) {
                assert_eq!((a.doc, &a.facts.license, &a.verdicts), (b.doc, &b.facts.license, &b.verdicts), "request {n}");
                assert_eq!(a.facts.size_guess(), b.facts.size_guess(), "request {n}: a size's basis is in the head");
                assert!(a.id.is_none() || a.id == b.id, "request {n}");
            }
            let names = sharded.missing_display_shards(got.excluded.iter().map(|e| e.doc));
            for &s in &names {
                sharded.install_shard(s, &split.shards[s]).unwrap();
            }
            assert_eq!(sharded.left_out(request, &got), left_want, "request {n}: left out, named");
        }
        assert!(fetched_total < requests().len() * split.shards.len(), "queries fetch only some shards");
        // And the comparison can fail: without its shards a request ranks differently.
        let request = &requests()[0];
        assert_ne!(Engine::new(shipped_head(&split)).select(request, 10), single.select(request, 10));
    }

    /// Before any shard: the learned tables' terms answer from the head; any other lookup says
    /// which shard it wanted, and answers once that shard is installed.
    #[test]
    fn a_head_answers_learned_lookups_and_logs_the_rest() {
        let full = crate::index::learned::testing::catalog();
        let split = split(&full, 64);
        let head = shipped_head(&split);
        let learned = learned_terms(&full.learned);
        assert!(!learned.is_empty() && learned.len() < full.term_count());
        for &t in &learned {
            let text = full.term_text(t as usize);
            assert_eq!(head.term_index(text), Some(t as usize), "{text}");
            assert_eq!(head.term_text(t as usize), text);
        }
        assert!(head.take_misses().is_empty(), "learned terms need no shard");
        let other = (0..full.term_count()).find(|t| learned.binary_search(&(*t as u32)).is_err()).unwrap();
        let text = full.term_text(other);
        let shard = split.manifest.shard_of(other);
        assert_eq!(split.manifest.route(text), Some(shard));
        assert_eq!(head.term_index(text), None);
        assert_eq!(head.term_text(other), "");
        assert_eq!(head.take_misses(), vec![shard]);
        assert!(head.take_misses().is_empty(), "taking the log clears it");
        // A learned term's doc freq is known, its postings are not here yet.
        let t = learned[0] as usize;
        let entry = head.term(full.term_text(t)).unwrap();
        assert_eq!((entry.doc_freq, entry.postings.len()), (full.terms.doc_freq[t], 0));
        assert_eq!(head.take_misses(), vec![split.manifest.shard_of(t)]);
        let mut head = head;
        install(&mut head, &split.manifest, shard, &split.shards[shard]).unwrap();
        assert_eq!(head.term_index(text), Some(other));
        assert_eq!(head.term_text(other), text);
        assert_eq!(head.term(text).unwrap().postings, full.term(text).unwrap().postings);
        assert!(head.take_misses().is_empty());
        // Words before the dictionary's first term, or between two of its terms, are absent.
        assert_eq!(head.term_index(""), None);
        assert!(head.take_misses().is_empty());
    }

    /// Requests whose reading looks terms up (typos, learned intents and expansions) rank
    /// exactly like the single file once `missing_shards` is empty — in one round with the
    /// default knobs, and in more when a knob makes a typo correction depend on a word's shard.
    #[test]
    fn reading_a_request_fetches_what_it_looks_up() {
        let full = crate::index::learned::testing::catalog();
        let split = split(&full, 64);
        assert!(split.manifest.postings_len() > 8);
        let knobs = ["learned_decisive_lift=1", "learned_min_score=1", "learned_expansion_weight=0.35", "typo_min_target_df=1"];
        let requests =
            ["make my upscale work", "make my upsclae work", "happy", "angry text", "qqqq zzzz", "upscle old fotos", "chat modle"];
        for strict_typos in [false, true] {
            let engine = |index: Index| {
                let mut e = Engine::new(index);
                for knob in knobs {
                    e.params.set(knob).unwrap();
                }
                if strict_typos {
                    // Corrections then need far more users than the word has: its doc freq
                    // (in its shard) decides.
                    e.params.set("typo_min_gain=100").unwrap();
                }
                e
            };
            let mut single = engine(full.clone());
            for (n, text) in requests.iter().enumerate() {
                let request = Template { function: Some(text.to_string()), ..Default::default() };
                let want = single.select(&request, 5);
                let mut sharded = engine(shipped_head(&split));
                let mut rounds = 0;
                loop {
                    let missing = sharded.missing_shards(&request);
                    if missing.is_empty() {
                        break;
                    }
                    rounds += 1;
                    for s in missing {
                        sharded.install_shard(s, &split.shards[s]).unwrap();
                    }
                }
                assert!(rounds >= 1 && (strict_typos || rounds == 1), "request {n}: {rounds} rounds");
                let got = sharded.select(&request, 5);
                let key = |s: &crate::select::Selection| {
                    (
                        s.results.iter().map(|m| (m.doc, m.score.to_bits())).collect::<Vec<_>>(),
                        s.corrections.clone(),
                        s.expansions.clone(),
                        s.intents.clone(),
                    )
                };
                assert_eq!(key(&got), key(&want), "request {n} ({text})");
            }
        }
    }
}

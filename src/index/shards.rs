//! Shards: a first load without the posting lists or the display text, and the parts a query
//! needs fetched on demand (the sharded static index, issue 11).
//!
//! Why this shape: a layer over the existing [`Index`] and codec, not a second format. The *head*
//! is an ordinary index file that ships no posting bytes, no model ids and no stored text and
//! carries the [`ShardManifest`] in [`Index::shards`] — the term dictionary (with each term's
//! posting range), document table (every fact a rule or the ranking reads, including the
//! translation direction an id states, read at build time), norms, learned tables and insights
//! are there, so everything but scoring and display works from the head alone, and head and
//! manifest can never disagree. There are two kinds of shard, numbered in one sequence:
//! - *postings shards* (`0..postings_len()`): one run of the real posting bytes each, cut at term
//!   boundaries in dictionary order, with where each of its terms' lists ends ([`PostingsPart`];
//!   format 5: the head ships no posting ends — 1.9 MB gzip at 1M — only each shard's first byte).
//!   Decoding a head makes room for them ([`make_room`]: zeroed bytes, and every term of a shard
//!   not yet here ending where the shard ends), so installing one is a check (CRC-32, term count,
//!   ends in order and inside its bytes) and a copy.
//! - *document shards* (after them): the display data ([`StoredFields`]: Hub ids, descriptions,
//!   base model, the card text an LLM check reads) of a range of docs, encoded like an index part.
//!   Only the shown results read it, so a search fetches the few it shows ([`display_needed`]);
//!   it is checked (CRC-32, then [`validate_part`]) before it is installed in [`Index::doc_parts`].
//!   Ids are the largest part of a head that moved (1.1 MB of 2.3 MB gzip at 87k): a list of many
//!   models without their shards (the app's left-out list) shows a placeholder until asked.
//!
//! The builder names shard files by content hash, so a host and the service worker may cache them
//! forever.
//!
//! Exactness: the scorer and the explanation read only the posting lists of the query's terms
//! (intents, typo correction and expansions read the head), and no rule or bonus reads an id or
//! stored text (ties break by doc number, not id), so
//! once [`needed`] shards are installed a ranking is the same as on the single-file index — same
//! order, scores and verdicts — and once [`display_needed`] shards are installed, so are the
//! shown facts and texts (tested below). Rule: never rank with a query before its postings shards
//! are installed (a zeroed list reads as doc 0); `Engine::missing_shards` says which are missing,
//! `Engine::missing_display_shards` which document shards a selection shows.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::codec::{decode_part, encode_part, DecodeError, MAX_PAYLOAD};
use super::format::{Index, StoredFields};
use super::validate::{check_ends, check_len};
use crate::rank::Query;

/// Where each shard starts, how to check it, and where to fetch it. Postings shards come first,
/// then document shards; `crc`, `files` and `sizes` list both kinds in that order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardManifest {
    /// Postings shard `i` holds the posting lists of terms `first_term[i]..first_term[i + 1]`
    /// (the last one up to the dictionary's end), in dictionary order.
    pub first_term: Vec<u32>,
    /// Where postings shard `i`'s bytes start in the postings (its terms' ends travel with it).
    pub first_byte: Vec<u32>,
    /// Bytes of all posting lists (what the head makes room for).
    pub postings_bytes: u32,
    /// Document shard `j` (shard number `first_term.len() + j`) holds the stored text of docs
    /// `first_doc[j]..first_doc[j + 1]` (the last one up to the last doc).
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
/// first byte), in dictionary order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingsPart {
    pub ends: Vec<u32>,
    pub bytes: serde_bytes::ByteBuf,
}

/// A single-file index cut into a head and shards.
pub struct Split {
    /// The head as shipped: no posting bytes or ends, ids or stored text, the manifest in
    /// [`Index::shards`].
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
    }
}

/// Where to cut `index` into shards of about `target` bytes (the last of each kind may be
/// smaller): postings at term boundaries, stored text at doc boundaries, each with its CRC; the
/// postings are not copied (a 1M-model build writes each shard straight from
/// [`ShardManifest::bytes`]).
pub fn plan(index: &Index, target: usize) -> ShardManifest {
    let terms = index.term_count();
    let mut first_term = Vec::new();
    let mut first_byte = Vec::new();
    let mut crc = Vec::new();
    let mut t = 0;
    while t < terms {
        let start = postings_start(index, t);
        let mut end_term = t + 1;
        while end_term < terms && postings_start(index, end_term) - start < target.max(1) {
            end_term += 1;
        }
        first_term.push(t as u32);
        first_byte.push(start as u32);
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
    ShardManifest { first_term, first_byte, postings_bytes, first_doc, crc, files: Vec::new(), sizes: Vec::new() }
}

/// The posting lists of terms `terms` of a single file, with their ends rebased to the first.
fn postings_part(index: &Index, terms: std::ops::Range<usize>) -> PostingsPart {
    let (start, end) = (postings_start(index, terms.start), postings_start(index, terms.end));
    PostingsPart {
        ends: index.terms.postings_ends[terms].iter().map(|&e| e - start as u32).collect(),
        bytes: serde_bytes::ByteBuf::from(index.postings[start..end].to_vec()),
    }
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

/// Makes `index` a head: what travels in shards removed, `manifest` in.
pub fn strip(index: &mut Index, manifest: ShardManifest) {
    if !manifest.first_term.is_empty() {
        index.postings = serde_bytes::ByteBuf::new();
        index.terms.postings_ends = Vec::new();
    }
    if !manifest.first_doc.is_empty() {
        index.stored = StoredFields::default();
    }
    index.shards = Some(manifest);
}

/// A decoded head: zeroed posting bytes of the length the manifest declares and, for every term,
/// a posting end at the end of its shard (so a term whose shard is not installed reads zeros, or
/// nothing, and never past its shard), for shards to fill; an empty slot per document shard.
pub(crate) fn make_room(index: &mut Index) -> Result<(), DecodeError> {
    let Some(manifest) = &index.shards else { return Ok(()) };
    // Checked here (again by `validate`), since the room is made from it.
    manifest.validate(index.term_count(), index.doc_count()).map_err(DecodeError::Invalid)?;
    index.doc_parts = vec![None; manifest.first_doc.len()];
    if manifest.first_term.is_empty() || !index.postings.is_empty() || !index.terms.postings_ends.is_empty() {
        return Ok(());
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
    check_ends("stored.text_ends", &part.text_ends, part.text.len(), Some(&part.text))
}

/// Term number of an analysed term (binary search of the sorted dictionary).
fn term_number(index: &Index, term: &str) -> Option<usize> {
    let (mut lo, mut hi) = (0usize, index.term_count());
    while lo < hi {
        let mid = (lo + hi) / 2;
        match index.term_text(mid).cmp(term) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

/// The shards a query reads (sorted, without duplicates).
pub fn needed(index: &Index, manifest: &ShardManifest, query: &Query) -> Vec<usize> {
    let mut out: Vec<usize> = query.terms.iter().filter_map(|qt| term_number(index, &qt.term)).map(|t| manifest.shard_of(t)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Turns a head with every shard installed into a single-file index (the native commands that
/// read the whole index): the document shards' text joined into [`Index::stored`], no manifest.
/// An error names the first document shard not installed.
pub fn into_single(index: &mut Index) -> Result<(), DecodeError> {
    let parts = std::mem::take(&mut index.doc_parts);
    if let Some(missing) = parts.iter().position(Option::is_none) {
        index.doc_parts = parts;
        return Err(DecodeError::Invalid(format!("document shard {missing} is not installed")));
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
    index.postings[range.clone()].copy_from_slice(&part.bytes);
    for (t, &end) in terms.zip(&part.ends) {
        index.terms.postings_ends[t] = range.start as u32 + end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{ModelFacts, ModelInstance, Source};
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

    #[test]
    fn shards_cover_the_postings_exactly() {
        let full = index();
        let split = split(&full, 256);
        let postings = split.manifest.postings_len();
        assert!(postings > 5 && split.manifest.first_doc.len() > 5, "{} shards", split.shards.len());
        let parts: Vec<PostingsPart> = split.shards[..postings].iter().map(|s| decode_part(s).unwrap()).collect();
        assert_eq!(parts.iter().map(|p| p.bytes.to_vec()).collect::<Vec<_>>().concat(), full.postings.to_vec());
        assert_eq!(parts.iter().map(|p| p.ends.len()).sum::<usize>(), full.term_count(), "every term's end travels in one shard");
        assert!(split.head.terms.postings_ends.is_empty(), "the head ships no posting ends");
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
        let damage: [fn(&mut ShardManifest); 8] = [
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
            let left = sharded.left_out(request, &got.excluded);
            let left_want = single.left_out(request, &want.excluded);
            for (a, b) in left.iter().zip(&left_want) {
                assert_eq!((a.doc, &a.facts.license, &a.verdicts), (b.doc, &b.facts.license, &b.verdicts), "request {n}");
                assert!(a.id.is_none() || a.id == b.id, "request {n}");
            }
            let names = sharded.missing_display_shards(got.excluded.iter().map(|e| e.doc));
            for &s in &names {
                sharded.install_shard(s, &split.shards[s]).unwrap();
            }
            assert_eq!(sharded.left_out(request, &got.excluded), left_want, "request {n}: left out, named");
        }
        assert!(fetched_total < requests().len() * split.shards.len(), "queries fetch only some shards");
        // And the comparison can fail: without its shards a request ranks differently.
        let request = &requests()[0];
        assert_ne!(Engine::new(shipped_head(&split)).select(request, 10), single.select(request, 10));
    }
}

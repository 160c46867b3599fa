//! Postings shards: a first load without the posting lists, and the lists of the terms a query
//! needs fetched on demand (the first layer of the sharded static index, issue 11 item 3).
//!
//! Why this shape: a layer over the existing [`Index`] and codec, not a second format. The *head*
//! is an ordinary index file whose posting bytes are all zero — the term dictionary, document
//! table, norms, stored text and insights are all there, and the zero run compresses to almost
//! nothing in the gzip container ([`super::container`]). Each *shard* is one run of the real
//! posting bytes, cut at term boundaries in dictionary order, so a shard is a contiguous range of
//! [`Index::postings`] and installing it is one copy. The [`ShardManifest`] says where each shard
//! starts (by term) and its CRC-32; the builder names shard files by content hash.
//!
//! Exactness: the scorer and the explanation read only the posting lists of the query's terms
//! (intents read the document table), so once [`needed`] shards are installed, a selection is the
//! same as on the single-file index — same order, scores and verdicts (tested below).
//! Rule: never rank with a query before its shards are installed (a zeroed list reads as doc 0).

use serde::{Deserialize, Serialize};

use super::codec::DecodeError;
use super::format::Index;
use crate::rank::Query;

/// Where each shard of the posting bytes starts and how to check it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardManifest {
    /// Shard `i` holds the posting lists of terms `first_term[i]..first_term[i + 1]` (the last one
    /// up to the dictionary's end), in dictionary order.
    pub first_term: Vec<u32>,
    /// CRC-32 of each shard's (uncompressed) bytes.
    pub crc: Vec<u32>,
    /// File of each shard beside the head, named by the builder after its content hash
    /// (empty in memory-only splits).
    #[serde(default)]
    pub files: Vec<String>,
}

/// A single-file index cut into a head and posting shards.
pub struct Split {
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

/// Cuts `index`'s postings into shards of at least `target` bytes (the last may be smaller), at
/// term boundaries. The head is the index with every posting byte set to zero.
pub fn split(index: &Index, target: usize) -> Split {
    let terms = index.term_count();
    let mut first_term = Vec::new();
    let mut shards = Vec::new();
    let mut t = 0;
    while t < terms {
        let start = postings_start(index, t);
        let mut end_term = t + 1;
        while end_term < terms && postings_start(index, end_term) - start < target.max(1) {
            end_term += 1;
        }
        let end = postings_start(index, end_term);
        first_term.push(t as u32);
        shards.push(index.postings[start..end].to_vec());
        t = end_term;
    }
    let crc = shards.iter().map(|s| crc32fast::hash(s)).collect();
    let mut head = index.clone();
    head.postings.iter_mut().for_each(|b| *b = 0);
    Split { head, manifest: ShardManifest { first_term, crc, files: Vec::new() }, shards }
}

impl ShardManifest {
    /// The shard holding term number `term`.
    pub fn shard_of(&self, term: usize) -> usize {
        self.first_term.partition_point(|&f| f as usize <= term).saturating_sub(1)
    }

    /// Byte range of shard `shard` in the index's postings.
    fn range(&self, index: &Index, shard: usize) -> Option<std::ops::Range<usize>> {
        let first = *self.first_term.get(shard)? as usize;
        let end_term = self.first_term.get(shard + 1).map_or(index.term_count(), |&t| t as usize);
        let (start, end) = (postings_start(index, first), postings_start(index, end_term));
        (start <= end && end <= index.postings.len()).then_some(start..end)
    }
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

/// Copies a fetched shard into a head's postings, after checking its length and checksum.
pub fn install(index: &mut Index, manifest: &ShardManifest, shard: usize, bytes: &[u8]) -> Result<(), DecodeError> {
    let range = manifest.range(index, shard).ok_or_else(|| DecodeError::Invalid(format!("shard {shard} is not in the manifest")))?;
    if range.len() != bytes.len() {
        return Err(DecodeError::Invalid(format!("shard {shard} has {} bytes, the head expects {}", bytes.len(), range.len())));
    }
    let expected = manifest.crc.get(shard).copied().unwrap_or_default();
    let actual = crc32fast::hash(bytes);
    if actual != expected {
        return Err(DecodeError::ChecksumMismatch { expected, actual });
    }
    index.postings[range].copy_from_slice(bytes);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{ModelFacts, ModelInstance, Source};
    use crate::index::IndexWriter;
    use crate::rank::RankParams;
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
            let mut m = ModelInstance {
                id: format!("org/model-{i}"),
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
            out.push(r);
        }
        out
    }

    #[test]
    fn shards_cover_the_postings_exactly() {
        let full = index();
        let split = split(&full, 256);
        assert!(split.shards.len() > 5, "{} shards", split.shards.len());
        assert_eq!(split.shards.concat(), full.postings.to_vec());
        assert!(split.head.postings.iter().all(|&b| b == 0));
        let mut head = split.head.clone();
        for (i, s) in split.shards.iter().enumerate() {
            install(&mut head, &split.manifest, i, s).unwrap();
        }
        assert_eq!(head, full);
        // Damage is refused.
        let mut wrong = split.shards[1].clone();
        wrong[0] ^= 1;
        assert!(matches!(install(&mut head, &split.manifest, 1, &wrong), Err(DecodeError::ChecksumMismatch { .. })));
        assert!(install(&mut head, &split.manifest, 1, &split.shards[2]).is_err());
        assert!(install(&mut head, &split.manifest, 999, &[]).is_err());
    }

    /// The head plus only the shards a request needs ranks exactly like the single-file index:
    /// the same top 10 in the same order, the same scores, verdicts and explanations.
    #[test]
    fn head_plus_needed_shards_ranks_like_the_single_file() {
        let full = index();
        let split = split(&full, 200);
        let mut single = Engine::new(full);
        let params = RankParams::default();
        let mut fetched_total = 0;
        for (n, request) in requests().iter().enumerate() {
            let want = single.select(request, 10);
            let mut head = split.head.clone();
            let query = Query::from_request(&single.lexicon, request, &params);
            let shards = needed(&head, &split.manifest, &query);
            for &s in &shards {
                install(&mut head, &split.manifest, s, &split.shards[s]).unwrap();
            }
            fetched_total += shards.len();
            let got = Engine::new(head).select(request, 10);
            assert!(!want.results.is_empty(), "request {n} finds models");
            assert_eq!(got, want, "request {n}");
        }
        assert!(fetched_total < requests().len() * split.shards.len(), "queries fetch only some shards");
        // And the comparison can fail: without its shards a request ranks differently.
        let request = &requests()[0];
        assert_ne!(Engine::new(split.head.clone()).select(request, 10), single.select(request, 10));
    }
}

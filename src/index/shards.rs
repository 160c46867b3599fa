//! Postings shards: a first load without the posting lists, and the lists of the terms a query
//! needs fetched on demand (the sharded static index, issue 11 item 3).
//!
//! Why this shape: a layer over the existing [`Index`] and codec, not a second format. The *head*
//! is an ordinary index file that ships no posting bytes and carries the [`ShardManifest`] in
//! [`Index::shards`] — the term dictionary (with each term's posting range), document table,
//! norms, stored text and insights are all there, so everything but scoring works from the head
//! alone, and head and manifest can never disagree. Decoding a head makes room for the postings
//! ([`make_room`]: zeros). Each *shard* is one run of the real posting bytes, cut at term
//! boundaries in dictionary order, so a shard is a contiguous range of [`Index::postings`] and
//! installing it is one copy after a length and CRC-32 check. The builder names shard files by
//! content hash, so a host and the service worker may cache them forever.
//!
//! Exactness: the scorer and the explanation read only the posting lists of the query's terms
//! (intents, typo correction and expansions read the head), so once [`needed`] shards are
//! installed, a selection is the same as on the single-file index — same order, scores and
//! verdicts (tested below). Rule: never rank with a query before its shards are installed (a
//! zeroed list reads as doc 0); `Engine::missing_shards` says which are still missing.

use serde::{Deserialize, Serialize};

use super::codec::{DecodeError, MAX_PAYLOAD};
use super::format::Index;
use crate::rank::Query;

/// Where each shard of the posting bytes starts, how to check it, and where to fetch it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardManifest {
    /// Shard `i` holds the posting lists of terms `first_term[i]..first_term[i + 1]` (the last one
    /// up to the dictionary's end), in dictionary order.
    pub first_term: Vec<u32>,
    /// CRC-32 of each shard's (uncompressed) bytes.
    pub crc: Vec<u32>,
    /// File of each shard beside the head, named by the builder after its content hash
    /// (empty in memory-only splits).
    pub files: Vec<String>,
    /// Bytes of each shard file as shipped (gzip), for "make all models available offline"
    /// (empty in memory-only splits).
    pub sizes: Vec<u64>,
}

/// A single-file index cut into a head and posting shards.
pub struct Split {
    /// The head as shipped: no posting bytes, the manifest in [`Index::shards`].
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

/// Where to cut `index`'s postings into shards of at least `target` bytes (the last may be
/// smaller), at term boundaries, with each shard's CRC; no bytes are copied (a 1M-model build
/// writes each shard straight from [`ShardManifest::bytes`]).
pub fn plan(index: &Index, target: usize) -> ShardManifest {
    let terms = index.term_count();
    let mut first_term = Vec::new();
    let mut crc = Vec::new();
    let mut t = 0;
    while t < terms {
        let start = postings_start(index, t);
        let mut end_term = t + 1;
        while end_term < terms && postings_start(index, end_term) - start < target.max(1) {
            end_term += 1;
        }
        let end = postings_start(index, end_term);
        first_term.push(t as u32);
        crc.push(crc32fast::hash(&index.postings[start..end]));
        t = end_term;
    }
    ShardManifest { first_term, crc, files: Vec::new(), sizes: Vec::new() }
}

/// Cuts `index` into a head and shards (see [`plan`]). The head is the index without posting
/// bytes, with the manifest.
pub fn split(index: &Index, target: usize) -> Split {
    let manifest = plan(index, target);
    let shards = (0..manifest.len()).map(|s| manifest.bytes(index, s).unwrap_or_default().to_vec()).collect();
    let mut head = index.clone();
    head.postings = serde_bytes::ByteBuf::new();
    head.shards = Some(manifest.clone());
    Split { head, manifest, shards }
}

/// A decoded head: zeroed posting bytes of the length its dictionary declares, for shards to fill.
pub(crate) fn make_room(index: &mut Index) -> Result<(), DecodeError> {
    if index.shards.is_some() && index.postings.is_empty() {
        let len = index.terms.postings_ends.last().copied().unwrap_or(0) as u64;
        if len > MAX_PAYLOAD {
            return Err(DecodeError::SizeLimit { limit: MAX_PAYLOAD });
        }
        index.postings = serde_bytes::ByteBuf::from(vec![0u8; len as usize]);
    }
    Ok(())
}

impl ShardManifest {
    /// How many shards.
    pub fn len(&self) -> usize {
        self.first_term.len()
    }

    pub fn is_empty(&self) -> bool {
        self.first_term.is_empty()
    }

    /// The shard holding term number `term`.
    pub fn shard_of(&self, term: usize) -> usize {
        self.first_term.partition_point(|&f| f as usize <= term).saturating_sub(1)
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

    /// Shard `shard`'s bytes in a full index's postings.
    pub fn bytes<'a>(&self, index: &'a Index, shard: usize) -> Option<&'a [u8]> {
        self.range(index, shard).map(|r| &index.postings[r])
    }

    /// Byte range of shard `shard` in the index's postings.
    fn range(&self, index: &Index, shard: usize) -> Option<std::ops::Range<usize>> {
        let first = *self.first_term.get(shard)? as usize;
        let end_term = self.first_term.get(shard + 1).map_or(index.term_count(), |&t| t as usize);
        let (start, end) = (postings_start(index, first), postings_start(index, end_term));
        (start <= end && end <= index.postings.len()).then_some(start..end)
    }

    /// Checks the manifest against a dictionary of `terms` terms (called by the decoder).
    pub(crate) fn validate(&self, terms: usize) -> Result<(), String> {
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
        if self.files.iter().any(|f| f.is_empty() || f.contains(['/', '\\', '?', '#']) || f.starts_with('.')) {
            return Err("a shard file name must be a plain file name beside the index".into());
        }
        Ok(())
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

    /// The head as the app receives it: encoded without postings, decoded with room for them.
    fn shipped_head(split: &Split) -> Index {
        crate::index::decode(&crate::index::encode(&split.head)).expect("a head decodes")
    }

    #[test]
    fn shards_cover_the_postings_exactly() {
        let full = index();
        let split = split(&full, 256);
        assert!(split.shards.len() > 5, "{} shards", split.shards.len());
        assert_eq!(split.shards.concat(), full.postings.to_vec());
        assert!(split.head.postings.is_empty(), "the head ships no posting bytes");
        assert!(crate::index::encode(&split.head).len() + 1000 < crate::index::encode(&full).len());
        let mut head = shipped_head(&split);
        assert_eq!(head.postings.len(), full.postings.len());
        for (i, s) in split.shards.iter().enumerate() {
            install(&mut head, &split.manifest, i, s).unwrap();
        }
        head.shards = None;
        assert_eq!(head, full);
        // Damage is refused.
        let mut wrong = split.shards[1].clone();
        wrong[0] ^= 1;
        assert!(matches!(install(&mut head, &split.manifest, 1, &wrong), Err(DecodeError::ChecksumMismatch { .. })));
        assert!(install(&mut head, &split.manifest, 1, &split.shards[2]).is_err());
        assert!(install(&mut head, &split.manifest, 999, &[]).is_err());
    }

    #[test]
    fn a_damaged_manifest_is_refused_by_the_decoder() {
        let full = index();
        let good = split(&full, 256);
        let damage: [fn(&mut ShardManifest); 4] = [
            |m| m.first_term[0] = 1,
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
            let got = sharded.select(request, 10);
            assert!(!want.results.is_empty(), "request {n} finds models");
            assert_eq!(got, want, "request {n}");
        }
        assert!(fetched_total < requests().len() * split.shards.len(), "queries fetch only some shards");
        // And the comparison can fail: without its shards a request ranks differently.
        let request = &requests()[0];
        assert_ne!(Engine::new(shipped_head(&split)).select(request, 10), single.select(request, 10));
    }
}

//! BM25F over the index's per-field postings, plus the task bonus and the prior.
//!
//! BM25F (Robertson & Zaragoza): for each query term, per-field frequencies are weighted and
//! length-normalised *before* saturation, `tf~ = Σ_f w_f·tf_f / ((1-b_f) + b_f·len_f/avg_f)`,
//! `score = w_q · idf · tf~ / (k1 + tf~)`. Scores accumulate in a dense array reused across
//! queries, so a query allocates almost nothing.

use super::params::RankParams;
use super::prior::prior;
use super::query::Query;
use crate::index::norms::decode_len;
use crate::index::postings::PostingIter;
use crate::index::{Index, FIELD_COUNT};

/// Per-doc score parts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ScoreParts {
    pub bm25f: f32,
    pub task_bonus: f32,
    pub prior: f32,
    /// The request's own language ([`crate::rank::RankParams::request_language_bonus`]), added by selection.
    pub language_bonus: f32,
}

impl ScoreParts {
    pub fn total(&self) -> f32 {
        self.bm25f + self.task_bonus + self.prior + self.language_bonus
    }
}

/// Reusable scoring state for one index.
pub struct Scorer {
    /// `inv_norm[f][code]` = w_f / ((1-b_f) + b_f·len/avg_f).
    weighted_inv_norm: Vec<[f32; 256]>,
    k1: f32,
    /// [`RankParams::too_common_divisor`].
    too_common_divisor: f32,
    /// Query-independent prior per doc (computed once).
    prior: Vec<f32>,
    /// Docs per task-tag vocabulary code, for the intent bonus.
    task_docs: rustc_hash::FxHashMap<u16, Vec<u32>>,
    bm25: Vec<f32>,
    bonus: Vec<f32>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

/// Inverse document frequency (BM25's, always positive).
pub fn idf(doc_count: usize, doc_freq: u32) -> f32 {
    let n = doc_count as f32;
    let df = doc_freq as f32;
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

impl Scorer {
    pub fn new(index: &Index, params: &RankParams) -> Scorer {
        let n = index.doc_count();
        let weighted_inv_norm = (0..FIELD_COUNT)
            .map(|f| {
                let mut table = [0.0f32; 256];
                let avg = index.avg_field_len.get(f).copied().unwrap_or(1.0).max(1e-3);
                let b = params.b[f];
                for (code, slot) in table.iter_mut().enumerate() {
                    let len = decode_len(code as u8);
                    *slot = params.field_weight[f] / ((1.0 - b) + b * len / avg);
                }
                table
            })
            .collect();
        let prior_scores = (0..n as u32).map(|d| prior(index, d, params)).collect();
        let mut task_docs: rustc_hash::FxHashMap<u16, Vec<u32>> = rustc_hash::FxHashMap::default();
        for (d, &t) in index.docs.task.iter().enumerate() {
            if t != 0 {
                task_docs.entry(t).or_default().push(d as u32);
            }
        }
        Scorer {
            weighted_inv_norm,
            k1: params.k1,
            too_common_divisor: params.too_common_divisor,
            prior: prior_scores,
            task_docs,
            bm25: vec![0.0; n],
            bonus: vec![0.0; n],
            seen: vec![false; n],
            touched: Vec::new(),
        }
    }

    /// Words in more than 1/[`RankParams::too_common_divisor`] of all models ("model", "text")
    /// carry almost no information (idf < 0.9) but cost the longest posting lists, and the task
    /// intent already captures what they would say: they are skipped, unless they are all the
    /// query has. Scoring and explaining share this rule so explanations add up to the score.
    pub fn too_common(&self, doc_freq: u32, doc_count: usize, query: &Query) -> bool {
        doc_freq as f32 * self.too_common_divisor > doc_count as f32 && query.terms.len() > 1
    }

    /// tf~ of one posting.
    #[inline]
    pub fn field_tf(&self, index: &Index, doc: u32, field: usize, tf: u8) -> f32 {
        let code = index.norms.get(doc as usize * FIELD_COUNT + field).copied().unwrap_or(0);
        self.weighted_inv_norm.get(field).map_or(0.0, |t| t[code as usize] * f32::from(tf))
    }

    #[inline]
    pub fn saturate(&self, tf_tilde: f32) -> f32 {
        tf_tilde / (self.k1 + tf_tilde)
    }

    /// Scores every doc that matches a query term or an intent. Returns (doc, parts) for touched docs.
    #[inline(never)] // a query phase: keep it visible to profilers
    pub fn score(&mut self, index: &Index, query: &Query, params: &RankParams) -> Vec<(u32, ScoreParts)> {
        let n = index.doc_count();
        for &d in &self.touched {
            self.bm25[d as usize] = 0.0;
            self.bonus[d as usize] = 0.0;
            self.seen[d as usize] = false;
        }
        self.touched.clear();

        for qt in &query.terms {
            let Some(entry) = index.term(&qt.term) else { continue };
            if self.too_common(entry.doc_freq, n, query) {
                continue;
            }
            let w = qt.weight * idf(n, entry.doc_freq);
            for p in PostingIter::new(entry.postings) {
                let d = p.doc as usize;
                if d >= n {
                    break;
                }
                let mut tf_tilde = 0.0;
                for pair in p.fields.chunks_exact(2) {
                    tf_tilde += self.field_tf(index, p.doc, pair[0] as usize, pair[1]);
                }
                if !self.seen[d] {
                    self.seen[d] = true;
                    self.touched.push(p.doc);
                }
                self.bm25[d] += w * self.saturate(tf_tilde);
            }
        }

        // Task intents: every model with a wanted pipeline tag gets the bonus, matched words or not.
        for intent in &query.intents {
            let Some(code) = index.vocab.words.iter().position(|w| *w == intent.tag) else { continue };
            let Some(docs) = self.task_docs.get(&((code + 1) as u16)) else { continue };
            let bonus = params.task_bonus * intent.confidence;
            for &d in docs {
                let i = d as usize;
                if !self.seen[i] {
                    self.seen[i] = true;
                    self.touched.push(d);
                }
                self.bonus[i] = self.bonus[i].max(bonus);
            }
        }

        self.touched
            .iter()
            .map(|&d| {
                let i = d as usize;
                (d, ScoreParts { bm25f: self.bm25[i], task_bonus: self.bonus[i], prior: self.prior[i], language_bonus: 0.0 })
            })
            .collect()
    }
}

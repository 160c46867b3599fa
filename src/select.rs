//! Model selection: the paper's Algorithm 1 with explainable verdicts.
//!
//! 1. Split the request into trivial (function) and special (requirement) attributes.
//! 2. Rank every model by BM25F over the trivial ones (+ task bonus + prior).
//! 3. Check each special requirement by rule; drop models that violate one; order models whose
//!    verdicts are all satisfied before those with unknown verdicts (among the relevant ones).
//! 4. Leave LLM-only requirements pending (the LLM pass runs on the shown candidates).
//!
//! Why an [`Engine`] object: it owns the decoded index, the analysed lexicon and the scoring
//! buffers, built once per page load (or CLI run) and reused for every query.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analysis::Lexicon;
use crate::constraints::{Check, DocFacts, FieldVerdict, RequestConstraints, Status};
use crate::index::{DocSummary, Index};
use crate::rank::{explain, Explanation, Query, RankParams, ScoreParts, Scorer, TaskIntent};
use crate::template::Template;

/// One ranked model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankedModel {
    pub doc: u32,
    pub score: f32,
    pub summary: DocSummary,
    pub verdicts: Vec<FieldVerdict>,
    pub explanation: Explanation,
}

/// The answer to one request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Selection {
    pub results: Vec<RankedModel>,
    pub intents: Vec<TaskIntent>,
    /// Models that matched the request at all.
    pub matched: usize,
    /// Relevant models dropped because a rule said a requirement is violated.
    pub violations_filtered: usize,
}

pub struct Engine {
    pub index: Index,
    pub lexicon: Lexicon,
    pub params: RankParams,
    scorer: Scorer,
}

impl Engine {
    pub fn new(index: Index) -> Engine {
        Engine::with_params(index, RankParams::default())
    }

    pub fn with_params(index: Index, params: RankParams) -> Engine {
        let scorer = Scorer::new(&index, &params);
        Engine { index, lexicon: Lexicon::new(), params, scorer }
    }

    /// Rule verdicts for one doc.
    pub fn verdicts(&self, request: &Template, constraints: &RequestConstraints, doc: u32) -> Vec<FieldVerdict> {
        let languages = self.index.doc_languages(doc);
        let facts = DocFacts {
            license: self.index.doc_license(doc),
            params: self.index.doc_params(doc),
            quant_bits: self.index.doc_quant_bits(doc),
            languages: &languages,
            downloads: self.index.docs.downloads[doc as usize],
            likes: self.index.docs.likes[doc as usize],
        };
        constraints.check(request, &facts)
    }

    /// Runs the selection for a request and returns the `top` results.
    pub fn select(&mut self, request: &Template, top: usize) -> Selection {
        let query = Query::from_request(&self.lexicon, request, &self.params);
        let constraints = RequestConstraints::parse(request);
        let all = self.scorer.score(&self.index, &query, &self.params);
        let matched = all.len();
        let best = all.iter().map(|s| s.1.total()).fold(0.0f32, f32::max);
        let scored = BestFirst::new(all);

        // Rule tiers, memoised on the facts that decide them (many models share the same facts).
        let rule_checks: Vec<_> = constraints.checks.iter().filter(|(_, c)| !matches!(c, Check::ForLlm { .. })).cloned().collect();
        let rule_only = RequestConstraints { checks: rule_checks };
        let mut memo: HashMap<(u16, u64, u8, u32, u64, u64), Option<u8>> = HashMap::new();
        let uses = |f: fn(&Check) -> bool| rule_only.checks.iter().any(|(_, c)| f(c));
        let uses_license = uses(|c| matches!(c, Check::License(_)));
        let uses_size = uses(|c| matches!(c, Check::Params(_) | Check::Memory(_)));
        let uses_language = uses(|c| matches!(c, Check::Language(_)));
        let uses_counts = uses(|c| matches!(c, Check::MinCount { .. }));
        let floor = best * self.params.relevance_floor;

        let mut kept: Vec<(u32, ScoreParts, bool, u8)> = Vec::new();
        let mut violations = 0usize;
        let mut satisfied_relevant = 0usize;
        for (doc, parts) in scored {
            let relevant = parts.total() >= floor;
            // Candidates come best first: once `top` relevant models satisfy everything, nothing
            // later can outrank them; past the relevant ones, a few spares are enough.
            if satisfied_relevant >= top || (!relevant && kept.len() >= top * 3) {
                break;
            }
            let d = doc as usize;
            // Memoise on just the facts the request's checks read: many models share them.
            let key = (
                if uses_license { self.index.docs.license[d] } else { 0 },
                if uses_size { self.index.docs.params[d] } else { 0 },
                if uses_size { self.index.docs.quant_bits[d] } else { 0 },
                if uses_language { lang_signature(&self.index, doc) } else { 0 },
                if uses_counts { self.index.docs.downloads[d] } else { 0 },
                if uses_counts { self.index.docs.likes[d] } else { 0 },
            );
            let tier = *memo.entry(key).or_insert_with(|| {
                let v = self.verdicts(request, &rule_only, doc);
                if v.iter().any(|x| x.verdict.status == Status::Violated) {
                    None
                } else {
                    Some(v.iter().map(|x| x.verdict.status.rank_tier()).max().unwrap_or(0))
                }
            });
            match tier {
                None => {
                    if relevant {
                        violations += 1;
                    }
                }
                Some(t) => {
                    if relevant && t == 0 {
                        satisfied_relevant += 1;
                    }
                    kept.push((doc, parts, relevant, t));
                }
            }
        }
        // Satisfied before unknown among the relevant; weak matches after both.
        kept.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then(a.3.cmp(&b.3))
                .then(b.1.total().total_cmp(&a.1.total()))
                .then(a.0.cmp(&b.0))
        });
        kept.truncate(top);

        let shown: Vec<(u32, ScoreParts)> = kept.iter().map(|k| (k.0, k.1)).collect();
        let explanations = explain(&self.index, &self.scorer, &query, &shown);
        let results = kept
            .iter()
            .zip(explanations)
            .map(|(k, explanation)| RankedModel {
                doc: k.0,
                score: k.1.total(),
                summary: self.index.doc_summary(k.0),
                verdicts: self.verdicts(request, &constraints, k.0),
                explanation,
            })
            .collect();
        Selection { results, intents: query.intents, matched, violations_filtered: violations }
    }
}

/// Candidates best first, lazily: a binary heap is built in O(n) and popped only as far as the
/// selection needs (it usually stops after a few dozen), instead of sorting every touched model.
struct BestFirst {
    heap: std::collections::BinaryHeap<ByScore>,
}

struct ByScore(u32, ScoreParts);

impl PartialEq for ByScore {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for ByScore {}
impl PartialOrd for ByScore {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for ByScore {
    /// Higher score first; ties by lower doc id (stable, deterministic output).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.1.total().total_cmp(&other.1.total()).then(other.0.cmp(&self.0))
    }
}

impl BestFirst {
    fn new(all: Vec<(u32, ScoreParts)>) -> BestFirst {
        BestFirst { heap: all.into_iter().map(|(d, p)| ByScore(d, p)).collect::<Vec<_>>().into() }
    }
}

impl Iterator for BestFirst {
    type Item = (u32, ScoreParts);
    fn next(&mut self) -> Option<(u32, ScoreParts)> {
        self.heap.pop().map(|ByScore(d, p)| (d, p))
    }
}

fn lang_signature(index: &Index, doc: u32) -> u32 {
    let d = doc as usize;
    let start = if d == 0 { 0 } else { index.docs.lang_ends[d - 1] as usize };
    let end = index.docs.lang_ends[d] as usize;
    index.docs.languages[start..end].iter().fold((end - start) as u32, |h, &c| h.wrapping_mul(65_599).wrapping_add(u32::from(c)))
}

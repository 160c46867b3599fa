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

use rustc_hash::FxHashMap;

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
        let constraints = RequestConstraints::parse_with(request, &self.params.rules);
        let all = self.scorer.score(&self.index, &query, &self.params);
        let matched = all.len();
        let best = all.iter().map(|s| s.1.total()).fold(0.0f32, f32::max);
        let floor = best * self.params.relevance_floor;
        let (relevant, weak): (Vec<_>, Vec<_>) = all.into_iter().partition(|s| s.1.total() >= floor);

        // Final order: relevant before weak, then by rule tier (satisfied < pending < unknown), then
        // score. Each relevant model's tier is found first (cheap: statuses only, memoised on the
        // facts each check reads), then only the few models shown are selected and sorted.
        let rules = RuleTiers::new(&constraints);
        let mut tiers = TierBuckets::default();
        let mut violations = 0usize;
        for item in relevant {
            match rules.tier(&self.index, item.0) {
                Some(t) => tiers.push(t, item),
                None => violations += 1,
            }
        }
        let mut kept = tiers.best(top);
        if kept.len() < top {
            // Fill a short list from the best weak matches, in the same tier order.
            let mut spares = TierBuckets::default();
            for item in best_n(weak, (top - kept.len()) * 3) {
                if let Some(t) = rules.tier(&self.index, item.0) {
                    spares.push(t, item);
                }
            }
            let need = top - kept.len();
            kept.extend(spares.best(need));
        }

        let explanations = explain(&self.index, &self.scorer, &query, &kept);
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

/// Best first: higher total score, then lower doc id (stable, deterministic output).
fn better(a: &(u32, ScoreParts), b: &(u32, ScoreParts)) -> std::cmp::Ordering {
    b.1.total().total_cmp(&a.1.total()).then(a.0.cmp(&b.0))
}

/// The best `n` items, sorted best first (quickselect, then sort only those).
fn best_n(mut items: Vec<(u32, ScoreParts)>, n: usize) -> Vec<(u32, ScoreParts)> {
    if n == 0 {
        return Vec::new();
    }
    if n < items.len() {
        items.select_nth_unstable_by(n - 1, better);
        items.truncate(n);
    }
    items.sort_unstable_by(better);
    items
}

/// Candidates grouped by rule tier.
#[derive(Default)]
struct TierBuckets {
    buckets: [Vec<(u32, ScoreParts)>; 3],
}

impl TierBuckets {
    fn push(&mut self, tier: u8, item: (u32, ScoreParts)) {
        self.buckets[usize::from(tier).min(2)].push(item);
    }

    /// Up to `n` items: the best of tier 0, then of tier 1, then of tier 2.
    fn best(self, n: usize) -> Vec<(u32, ScoreParts)> {
        let mut out = Vec::with_capacity(n);
        for bucket in self.buckets {
            let need = n - out.len();
            if need == 0 {
                break;
            }
            out.extend(best_n(bucket, need));
        }
        out
    }
}

/// Rule statuses → a rank tier per model (`None` = violated), memoised per check on the facts it
/// reads (license code, language list); size checks are plain arithmetic.
struct RuleTiers<'c, 'i> {
    checks: Vec<&'c Check>,
    license_memo: std::cell::RefCell<FxHashMap<u16, Status>>,
    /// Keyed by the model's exact language-code list (a slice of the index).
    language_memo: std::cell::RefCell<FxHashMap<&'i [u16], Status>>,
}

impl<'c, 'i> RuleTiers<'c, 'i> {
    fn new(constraints: &'c RequestConstraints) -> RuleTiers<'c, 'i> {
        RuleTiers {
            checks: constraints.checks.iter().map(|(_, c)| c).filter(|c| !matches!(c, Check::ForLlm { .. })).collect(),
            license_memo: Default::default(),
            language_memo: Default::default(),
        }
    }

    fn tier(&self, index: &'i Index, doc: u32) -> Option<u8> {
        let d = doc as usize;
        let mut tier = 0;
        for check in &self.checks {
            let status = match check {
                Check::License(_) => *self
                    .license_memo
                    .borrow_mut()
                    .entry(index.docs.license[d])
                    .or_insert_with(|| check.status(&DocFacts { license: index.doc_license(doc), ..Default::default() })),
                Check::Language(_) => *self.language_memo.borrow_mut().entry(language_codes(index, doc)).or_insert_with(|| {
                    let languages = index.doc_languages(doc);
                    check.status(&DocFacts { languages: &languages, ..Default::default() })
                }),
                _ => check.status(&DocFacts {
                    params: index.doc_params(doc),
                    quant_bits: index.doc_quant_bits(doc),
                    downloads: index.docs.downloads[d],
                    likes: index.docs.likes[d],
                    ..Default::default()
                }),
            };
            if status == Status::Violated {
                return None;
            }
            tier = tier.max(status.rank_tier());
        }
        Some(tier)
    }
}

fn language_codes(index: &Index, doc: u32) -> &[u16] {
    let d = doc as usize;
    let start = if d == 0 { 0 } else { index.docs.lang_ends[d - 1] as usize };
    &index.docs.languages[start..index.docs.lang_ends[d] as usize]
}

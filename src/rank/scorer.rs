//! BM25F over the index's per-field postings, plus the task bonus and the prior.
//!
//! BM25F (Robertson & Zaragoza): for each query term, per-field frequencies are weighted and
//! length-normalised *before* saturation, `tf~ = Σ_f w_f·tf_f / ((1-b_f) + b_f·len_f/avg_f)`,
//! `score = w_q · idf · tf~ / (k1 + tf~)`. Scores accumulate in a dense array reused across
//! queries, so a query allocates almost nothing.

use super::params::RankParams;
use super::prior::Priors;
use super::query::Query;
use crate::index::norms::decode_len;
use crate::index::postings::PostingIter;
use crate::index::{Index, SearchField, FIELD_COUNT};

/// Per-doc score parts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ScoreParts {
    pub bm25f: f32,
    pub task_bonus: f32,
    pub prior: f32,
    /// The request's own language ([`crate::rank::RankParams::request_language_bonus`]), added by selection.
    pub language_bonus: f32,
    /// A generative model sized for the request's device ([`crate::rank::RankParams::device_size_bonus`]), added by selection.
    pub device_bonus: f32,
    /// A model not stating the license or size a requirement asks about (≤ 0;
    /// [`crate::constraints::RuleParams::unstated_share`]), added by selection.
    pub unstated_penalty: f32,
}

impl ScoreParts {
    pub fn total(&self) -> f32 {
        self.bm25f + self.task_bonus + self.prior + self.language_bonus + self.device_bonus + self.unstated_penalty
    }
}

/// One document's running score during a query (kept together: one bounds check and one cache
/// line per posting instead of three), beside its query-independent prior (read for every touched
/// doc when the scores are collected: the same cache line, not a second random read) and its
/// quantized field lengths (read for every posting: a posting then touches one random line of
/// memory, not one here and one in the index's norms).
/// 28 bytes aligned to 32: never split over two cache lines.
#[derive(Clone, Copy, Default)]
#[repr(align(32))]
struct Acc {
    bm25: f32,
    bonus: f32,
    seen: bool,
    /// The doc's norms, a copy of the index's ([`Scorer::refresh_norms`] after shards install).
    norms: [u8; FIELD_COUNT],
    /// The doc's prior (computed once per engine; never reset).
    prior: f32,
}

impl Acc {
    /// Ready for the next query: the running score cleared, the norms and the prior kept (three
    /// stores, not a copy of the whole slot).
    #[inline]
    fn reset(&mut self) {
        self.bm25 = 0.0;
        self.bonus = 0.0;
        self.seen = false;
    }
}

/// Reusable scoring state for one index.
pub struct Scorer {
    /// `inv_norm[f][code]` = w_f / ((1-b_f) + b_f·len/avg_f).
    weighted_inv_norm: Box<[[f32; 256]; FIELD_COUNT]>,
    k1: f32,
    /// [`RankParams::too_common_divisor`].
    too_common_divisor: f32,
    /// [`RankParams::other_sense_share`].
    other_sense_share: f32,
    /// Per vocabulary code (index = code): the tag is a task that takes or returns no images.
    not_visual: Vec<bool>,
    /// Docs per task-tag vocabulary code, for the intent bonus.
    task_docs: rustc_hash::FxHashMap<u16, Vec<u32>>,
    /// Vocabulary code of each task tag (the intents' tags are looked up once, not per query).
    task_codes: rustc_hash::FxHashMap<String, u16>,
    acc: Vec<Acc>,
    touched: Vec<u32>,
    /// Every [`MARK_EVERY`]th position of each posting list the last query scored, so the
    /// explanation of its few shown models jumps to them instead of decoding each list again.
    marks: Marks,
    /// How well-used models split over tasks, for pseudo-relevance feedback.
    pub feedback_base: super::feedback::FeedbackBase,
}

/// How many postings apart the scoring loop notes where it stands in a list ([`Marks`]): the
/// explanation then decodes at most this many postings per shown model and term, where it decoded
/// the whole list (at 300k models a third of the scoring loop's work); noting costs a counter per
/// posting.
const MARK_EVERY: u32 = 64;

/// Positions noted in the posting lists of the last query scored: (doc before, byte offset) of
/// every [`MARK_EVERY`]th posting, per list. A list is known by where its bytes are and how many
/// (a list of the index the query read), so a list the last query did not score has none and is
/// read from its start.
#[derive(Default)]
struct Marks {
    /// [`PostingIter::position`]s, in list order.
    at: Vec<(usize, u32)>,
    /// (address of the list's bytes, their length, its range of `at`).
    lists: Vec<(usize, usize, std::ops::Range<usize>)>,
}

impl Marks {
    fn clear(&mut self) {
        self.at.clear();
        self.lists.clear();
    }

    /// The positions noted in `postings` (empty when the last query did not score it).
    fn of(&self, postings: &[u8]) -> &[(usize, u32)] {
        let key = (postings.as_ptr() as usize, postings.len());
        self.lists.iter().find(|l| (l.0, l.1) == key).map_or(&[], |l| &self.at[l.2.clone()])
    }
}

/// Each doc's quantized field lengths into its accumulator (zeros where the index has none, as
/// the scorer read them before: a doc whose norms are missing).
fn copy_norms(acc: &mut [Acc], index: &Index) {
    for (d, a) in acc.iter_mut().enumerate() {
        a.norms = index.norms.get(d * FIELD_COUNT..(d + 1) * FIELD_COUNT).and_then(|s| s.try_into().ok()).unwrap_or([0u8; FIELD_COUNT]);
    }
}

/// Inverse document frequency (BM25's, always positive).
pub fn idf(doc_count: usize, doc_freq: u32) -> f32 {
    let n = doc_count as f32;
    let df = doc_freq as f32;
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// tf~ of a whole posting (its (field, tf) pairs), given the doc's quantized field lengths:
/// the same sum, in the same order, as adding [`Scorer::field_tf`] per pair. A posting of one
/// field (most are) takes no loop: `0.0 + x` is `x` for the non-negative `x` the table gives
/// (and adding a field code past the last one's 0 changes no sum).
#[inline]
fn posting_tf(table: &[[f32; 256]; FIELD_COUNT], norms: &[u8; FIELD_COUNT], fields: &[u8]) -> f32 {
    if let &[f, tf] = fields {
        return pair_tf(table, norms, f, tf);
    }
    fields.chunks_exact(2).fold(0.0, |tf_tilde, pair| tf_tilde + pair_tf(table, norms, pair[0], pair[1]))
}

/// One (field, tf) pair's part of tf~; a field code past the last counts nothing.
#[inline]
fn pair_tf(table: &[[f32; 256]; FIELD_COUNT], norms: &[u8; FIELD_COUNT], field: u8, tf: u8) -> f32 {
    let f = field as usize;
    if f < FIELD_COUNT {
        table[f][norms[f] as usize] * f32::from(tf)
    } else {
        0.0
    }
}

/// What the scoring loop of one query term touches, borrowed apart from the scorer so the loop
/// (`ListPass::add`, its own function) keeps them in registers: the innermost loop of every
/// query, one iteration per posting.
struct ListPass<'s> {
    table: &'s [[f32; 256]; FIELD_COUNT],
    k1: f32,
    /// The term's weight times its idf.
    w: f32,
    acc: &'s mut [Acc],
    touched: &'s mut Vec<u32>,
    marks: &'s mut Vec<(usize, u32)>,
}

impl ListPass<'_> {
    /// Adds one posting list into the accumulators, noting every [`MARK_EVERY`]th position
    /// (before the 1st, 65th, … posting read, and where the list ends when its length is a
    /// multiple of it). `SENSED`: the term is a visual word of a visual request, its score in a
    /// doc scaled by [`task_sense_share`] over `tasks` (two copies of the loop: the common one
    /// tests nothing per posting for it).
    #[inline(never)] // a query phase: keep it visible to profilers
    fn add<const SENSED: bool>(self, postings: &[u8], not_visual: &[bool], other_sense_share: f32, tasks: &[u16]) {
        let ListPass { table, k1, w, acc, touched, marks } = self;
        let mut it = PostingIter::new(postings);
        'list: loop {
            marks.push(it.position());
            for _ in 0..MARK_EVERY {
                let Some(p) = it.next() else { break 'list };
                let Some(a) = acc.get_mut(p.doc as usize) else { break 'list };
                let tf_tilde = posting_tf(table, &a.norms, p.fields);
                let mut add = w * (tf_tilde / (k1 + tf_tilde));
                if SENSED {
                    add *= task_sense_share(not_visual, other_sense_share, tasks, p.doc);
                    if add <= 0.0 {
                        continue;
                    }
                }
                if !a.seen {
                    a.seen = true;
                    touched.push(p.doc);
                }
                a.bm25 += add;
            }
        }
    }
}

/// [`Scorer::sense_share`] on the scorer's fields (the scoring loop borrows them apart).
#[inline]
fn sense_share_of(not_visual: &[bool], other_sense_share: f32, index: &Index, doc: u32, query: &Query, term: &str) -> f32 {
    if query.visual_terms.is_empty() || !query.visual_terms.iter().any(|t| t == term) {
        return 1.0;
    }
    task_sense_share(not_visual, other_sense_share, &index.docs.task, doc)
}

/// The share of a visual term's score a doc gets: [`RankParams::other_sense_share`] when its
/// task (`tasks`: the index's task code per doc) takes or returns no images, else 1.
#[inline]
fn task_sense_share(not_visual: &[bool], other_sense_share: f32, tasks: &[u16], doc: u32) -> f32 {
    let code = tasks.get(doc as usize).copied().unwrap_or(0) as usize;
    if not_visual.get(code).copied().unwrap_or(false) {
        other_sense_share
    } else {
        1.0
    }
}

impl Scorer {
    pub fn new(index: &Index, params: &RankParams) -> Scorer {
        let n = index.doc_count();
        let mut weighted_inv_norm = Box::new([[0.0f32; 256]; FIELD_COUNT]);
        for (f, table) in weighted_inv_norm.iter_mut().enumerate() {
            let avg = index.avg_field_len.get(f).copied().unwrap_or(1.0).max(1e-3);
            let b = params.b[f];
            for (code, slot) in table.iter_mut().enumerate() {
                let len = decode_len(code as u8);
                *slot = params.field_weight[f] / ((1.0 - b) + b * len / avg);
            }
        }
        let priors = Priors::new(index, params);
        let mut acc: Vec<Acc> = (0..n as u32).map(|d| Acc { prior: priors.of(index, d), ..Acc::default() }).collect();
        copy_norms(&mut acc, index);
        let mut task_docs: rustc_hash::FxHashMap<u16, Vec<u32>> = rustc_hash::FxHashMap::default();
        for (d, &t) in index.docs.task.iter().enumerate() {
            if t != 0 {
                task_docs.entry(t).or_default().push(d as u32);
            }
        }
        let not_visual: Vec<bool> =
            std::iter::once(false).chain(index.vocab.words.iter().map(|w| !super::intent::visual_task(w))).collect();
        let mut task_codes = rustc_hash::FxHashMap::default();
        for (code, word) in index.vocab.words.iter().enumerate() {
            task_codes.entry(word.clone()).or_insert((code + 1) as u16);
        }
        Scorer {
            weighted_inv_norm,
            k1: params.k1,
            too_common_divisor: params.too_common_divisor,
            other_sense_share: params.other_sense_share,
            not_visual,
            task_docs,
            task_codes,
            acc,
            touched: Vec::new(),
            marks: Marks::default(),
            feedback_base: super::feedback::FeedbackBase::new(index, params),
        }
    }

    /// Copies the index's norms again: after shards are installed (they fill norms in), before
    /// the next [`Scorer::score`].
    pub fn refresh_norms(&mut self, index: &Index) {
        copy_norms(&mut self.acc, index);
    }

    /// Words in more than 1/[`RankParams::too_common_divisor`] of all models ("model", "text")
    /// carry almost no information (idf < 0.9) but cost the longest posting lists, and the task
    /// intent already captures what they would say: they are skipped, unless they are all the
    /// query has. Scoring and explaining share this rule so explanations add up to the score.
    pub fn too_common(&self, doc_freq: u32, doc_count: usize, query: &Query) -> bool {
        doc_freq as f32 * self.too_common_divisor > doc_count as f32 && query.terms.len() > 1
    }

    /// The share of a query term's score a doc gets: [`RankParams::other_sense_share`] for an
    /// image word of a visual request in a model whose task takes no images, else 1. Scoring
    /// and explaining share this rule.
    #[inline]
    pub fn sense_share(&self, index: &Index, doc: u32, query: &Query, term: &str) -> f32 {
        sense_share_of(&self.not_visual, self.other_sense_share, index, doc, query, term)
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

    /// BM25F of the given terms alone in the given search fields (short posting lists only: the
    /// terms are rare), per matching doc. For [`crate::rank::feedback::apply_specific_words`].
    pub fn term_scores(&self, index: &Index, terms: &[(&str, f32)], fields: &[SearchField]) -> rustc_hash::FxHashMap<u32, f32> {
        let n = index.doc_count();
        let mut out: rustc_hash::FxHashMap<u32, f32> = rustc_hash::FxHashMap::default();
        for &(term, weight) in terms {
            let Some(entry) = index.term(term) else { continue };
            let w = weight * idf(n, entry.doc_freq);
            for p in PostingIter::new(entry.postings) {
                let mut tf_tilde = 0.0;
                for pair in p.fields.chunks_exact(2) {
                    if fields.iter().any(|f| *f as u8 == pair[0]) {
                        tf_tilde += self.field_tf(index, p.doc, pair[0] as usize, pair[1]);
                    }
                }
                if tf_tilde > 0.0 {
                    *out.entry(p.doc).or_insert(0.0) += w * self.saturate(tf_tilde);
                }
            }
        }
        out
    }

    /// The positions the last [`Scorer::score`] noted in `postings` ([`MARK_EVERY`] postings apart,
    /// each a [`PostingIter::position`]; empty for a list it did not score).
    pub fn marks(&self, postings: &[u8]) -> &[(usize, u32)] {
        self.marks.of(postings)
    }

    /// Vocabulary code of a task tag (`None` when no model has it).
    pub fn task_code(&self, tag: &str) -> Option<u16> {
        self.task_codes.get(tag).copied()
    }

    /// Scores every doc that matches a query term or an intent. Returns (doc, parts) for touched docs.
    #[inline(never)] // a query phase: keep it visible to profilers
    pub fn score(&mut self, index: &Index, query: &Query, params: &RankParams) -> Vec<(u32, ScoreParts)> {
        let n = index.doc_count();
        // Collecting a query's scores (below) resets the slots it read, so this finds nothing to
        // reset unless a query stopped half-way.
        for &d in &self.touched {
            self.acc[d as usize].reset();
        }
        self.touched.clear();
        self.marks.clear();

        for qt in &query.terms {
            let Some(entry) = index.term(&qt.term) else { continue };
            if self.too_common(entry.doc_freq, n, query) {
                continue;
            }
            let w = qt.weight * idf(n, entry.doc_freq);
            let live = n.min(self.acc.len());
            let first_mark = self.marks.at.len();
            let list = ListPass {
                table: &self.weighted_inv_norm,
                k1: self.k1,
                w,
                acc: &mut self.acc[..live],
                touched: &mut self.touched,
                marks: &mut self.marks.at,
            };
            if query.visual_terms.contains(&qt.term) {
                // `sense_share_of` for a term known to be visual: the doc's task alone decides
                // (no search of the query's visual terms per posting).
                list.add::<true>(entry.postings, &self.not_visual, self.other_sense_share, &index.docs.task);
            } else {
                list.add::<false>(entry.postings, &[], 1.0, &[]);
            }
            let marks = &self.marks.at;
            let noted = first_mark..marks.len();
            self.marks.lists.push((entry.postings.as_ptr() as usize, entry.postings.len(), noted));
        }

        // Task intents: every model with a wanted pipeline tag gets the bonus, matched words or not.
        for intent in &query.intents {
            let Some(code) = self.task_codes.get(intent.tag.as_str()) else { continue };
            let Some(docs) = self.task_docs.get(code) else { continue };
            let bonus = params.task_bonus * intent.confidence;
            for &d in docs {
                let Some(acc) = self.acc.get_mut(d as usize) else { continue };
                if !acc.seen {
                    acc.seen = true;
                    self.touched.push(d);
                }
                acc.bonus = acc.bonus.max(bonus);
            }
        }

        // A generic request ("small chat model") leans on quality: see `generic_max_words`.
        let own_words = query.terms.iter().filter(|t| t.via.is_none()).count();
        let prior_scale = if own_words <= params.generic_max_words { 1.0 + params.generic_prior_boost } else { 1.0 };
        // Collecting a doc's score resets its slot for the next query in the same visit: one
        // random read of each touched slot per query, not a second pass.
        let mut out = Vec::with_capacity(self.touched.len());
        let acc = &mut self.acc;
        out.extend(self.touched.drain(..).map(|d| {
            let slot = &mut acc[d as usize];
            let parts = ScoreParts {
                bm25f: slot.bm25,
                task_bonus: slot.bonus,
                prior: prior_scale * slot.prior,
                language_bonus: 0.0,
                device_bonus: 0.0,
                unstated_penalty: 0.0,
            };
            slot.reset();
            (d, parts)
        }));
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::select::testing::engine_of;
    use crate::template::Template;

    use super::{posting_tf, Acc, ListPass, MARK_EVERY};
    use crate::index::postings::{write_posting, PostingIter};
    use crate::index::FIELD_COUNT;

    /// A table of distinct, non-negative weights per (field, length code).
    fn table() -> Box<[[f32; 256]; FIELD_COUNT]> {
        let mut t = Box::new([[0.0f32; 256]; FIELD_COUNT]);
        for (f, row) in t.iter_mut().enumerate() {
            for (code, slot) in row.iter_mut().enumerate() {
                *slot = (1.0 + f as f32 * 0.37) / (0.6 + code as f32 * 0.013);
            }
        }
        t
    }

    #[test]
    fn a_one_field_posting_has_the_tf_the_general_sum_gives() {
        // The fast path of one (field, tf) pair against the sum over pairs it replaces, bit for
        // bit: every field (and codes past the last, which count nothing), lengths and tfs.
        let t = table();
        let norms: [u8; FIELD_COUNT] = std::array::from_fn(|f| (f * 23 % 256) as u8);
        for f in 0..FIELD_COUNT as u8 + 3 {
            for tf in [0u8, 1, 2, 7, 255] {
                let mut sum = 0.0f32;
                if (f as usize) < FIELD_COUNT {
                    sum += t[f as usize][norms[f as usize] as usize] * f32::from(tf);
                }
                assert_eq!(posting_tf(&t, &norms, &[f, tf]).to_bits(), sum.to_bits(), "field {f}, tf {tf}");
            }
        }
        // Two pairs still add in order.
        let two = posting_tf(&t, &norms, &[1, 3, 4, 2]);
        let want = 0.0 + t[1][norms[1] as usize] * 3.0 + t[4][norms[4] as usize] * 2.0;
        assert_eq!(two.to_bits(), want.to_bits());
    }

    #[test]
    fn a_list_pass_notes_every_64th_position_and_adds_each_posting_once() {
        let t = table();
        let (k1, w) = (1.2f32, 0.8f32);
        for len in [0usize, 1, 63, 64, 65, 128, 130] {
            // Docs 0, 3, 6, …: one or two fields each, gaps of one byte.
            let mut bytes = Vec::new();
            let mut last = None;
            for i in 0..len as u32 {
                let fields: &[(u8, u8)] = if i % 5 == 0 { &[(0, 2), (3, 1)] } else { &[(1, 1)] };
                write_posting(&mut bytes, last, i * 3, fields);
                last = Some(i * 3);
            }
            // The positions a reader stands at before each posting (and at the end).
            let mut it = PostingIter::new(&bytes);
            let mut before = vec![it.position()];
            while it.next().is_some() {
                before.push(it.position());
            }
            let mut acc = vec![Acc::default(); 400];
            let (mut touched, mut marks) = (Vec::new(), Vec::new());
            let pass = ListPass { table: &t, k1, w, acc: &mut acc, touched: &mut touched, marks: &mut marks };
            pass.add::<false>(&bytes, &[], 1.0, &[]);
            let want_marks: Vec<_> = before.iter().copied().step_by(MARK_EVERY as usize).collect();
            assert_eq!(marks, want_marks, "{len} postings");
            assert_eq!(touched, (0..len as u32).map(|i| i * 3).collect::<Vec<_>>());
            for p in PostingIter::new(&bytes) {
                let tf = posting_tf(&t, &[0; FIELD_COUNT], p.fields);
                assert_eq!(acc[p.doc as usize].bm25.to_bits(), (0.0 + w * (tf / (k1 + tf))).to_bits());
            }
        }
    }

    #[test]
    fn a_visual_term_scales_by_the_docs_task_and_skips_docs_it_scores_zero() {
        let t = table();
        let mut bytes = Vec::new();
        let mut last = None;
        for d in 0..4u32 {
            write_posting(&mut bytes, last, d, &[(0, 1)]);
            last = Some(d);
        }
        // Task codes per doc: 0 none, 1 visual, 2 not visual; doc 3 has no task entry.
        let tasks = [0u16, 1, 2];
        let not_visual = [false, false, true];
        for share in [0.5f32, 0.0] {
            let mut acc = vec![Acc::default(); 4];
            let (mut touched, mut marks) = (Vec::new(), Vec::new());
            let pass = ListPass { table: &t, k1: 1.2, w: 1.0, acc: &mut acc, touched: &mut touched, marks: &mut marks };
            pass.add::<true>(&bytes, &not_visual, share, &tasks);
            let full = acc[0].bm25;
            assert!(full > 0.0);
            assert_eq!((acc[1].bm25, acc[3].bm25), (full, full));
            assert_eq!(acc[2].bm25, full * share);
            let want: Vec<u32> = if share > 0.0 { vec![0, 1, 2, 3] } else { vec![0, 1, 3] };
            assert_eq!(touched, want, "share {share}");
        }
    }

    /// (id, score, bm25f, task bonus) of each result.
    fn scored(engine: &mut crate::select::Engine, function: &str) -> Vec<(String, f32, f32, f32)> {
        let request = Template { function: Some(function.into()), task: Some("summarization".into()), ..Default::default() };
        let selection = engine.select(&request, 8);
        selection.results.into_iter().map(|r| (r.id, r.score, r.explanation.bm25f, r.explanation.task_bonus)).collect()
    }

    #[test]
    fn a_query_scores_the_same_after_other_queries_as_on_a_fresh_engine() {
        // Collecting a query's scores resets the slots it touched: nothing of one query (its
        // word matches, its task bonus) may leak into the next.
        let mut rows: Vec<(&str, &str, &str, &str)> = vec![
            ("news/brief-summarizer", "mit", "summarization", "summarize news articles into short briefs"),
            ("legal/contract-summarizer", "apache-2.0", "summarization", "summarize long legal contracts"),
            ("speech/meeting-transcriber", "mit", "automatic-speech-recognition", "transcribe meeting recordings"),
            ("vision/receipt-reader", "mit", "image-to-text", "read receipts and invoices from photos"),
        ];
        let filler: Vec<(String, String)> = (0..20).map(|i| (format!("org/filler-{i}"), format!("a filler model number {i}"))).collect();
        for (id, text) in &filler {
            rows.push((id.as_str(), "mit", "text-classification", text.as_str()));
        }
        let requests = ["summarize legal contracts", "transcribe meeting recordings", "read receipts from photos", "summarize news"];
        let fresh: Vec<_> = requests.iter().map(|r| scored(&mut engine_of(&rows), r)).collect();
        let mut engine = engine_of(&rows);
        for round in 0..2 {
            for (request, want) in requests.iter().zip(&fresh) {
                assert!(!want.is_empty(), "{request}");
                assert_eq!(&scored(&mut engine, request), want, "round {round}: {request}");
            }
        }
    }
}

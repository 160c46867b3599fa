//! Model selection: the paper's Algorithm 1 with explainable verdicts.
//!
//! 1. Split the request into trivial (function) and special (requirement) attributes.
//! 2. Rank every model by BM25F over the trivial ones (+ task bonus + prior).
//! 3. Check each special requirement by rule; drop models that violate one; order models whose
//!    verdicts are all satisfied before those with unknown verdicts (among the relevant ones). A
//!    model that merely does not *state* the license or size asked about (no metadata: common for
//!    well-used older repos) is not put after all of them: its verdict stays unknown and it ranks
//!    at a share of its score (`rules.unstated_share`), so a clearly better match is not buried
//!    under weak satisfied ones. Nor does a listed language lift a model that matches none of
//!    the request's words above the models that match them (most models list no language).
//! 4. Leave LLM-only requirements pending (the LLM pass runs on the shown candidates).
//! 5. Keep the best-scoring few hundred of the models a rule removed, with the requirement that
//!    removed them, so a user can see what was left out and why — the one place a wrong rule
//!    would be caught. Their reasons are written only when asked ([`Engine::left_out`]).
//!
//! Why an [`Engine`] object: it owns the decoded index, the analysed lexicon and the scoring
//! buffers, built once per page load (or CLI run) and reused for every query.

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use crate::analysis::Lexicon;
use crate::constraints::{Check, FieldVerdict, RequestConstraints, Status};
use crate::facts::ModelFacts;
use crate::human::human_params;
use crate::index::{shards, DecodeError, Index};
use crate::knowledge::devices::{device_in, Device};
use crate::knowledge::languages::{direction_by_sides, direction_in_text, direction_side_in_text};
use crate::knowledge::quantities::size_word_in_words;
use crate::knowledge::request_language::RequestLanguage;
use crate::knowledge::tasks::{is_generative, refine_run_kind, run_kind, RunKind};
use crate::rank::{explain, Correction, Explanation, Learning, Query, RankParams, ScoreParts, Scorer, TaskIntent, TypoIndex};
use crate::request_text::constraints_in_description;
use crate::template::{Field, Template};

/// How many candidates per shown result are read for near-identical copies
/// ([`crate::rank::near_duplicates`]): on the dev sets 3 moved the same as 10.
const NEAR_DUPLICATE_WINDOW: usize = 3;

/// How many of the models a rule removed a selection keeps (the best-scoring ones): enough to
/// browse and to catch a wrong rule, bounded so a request that removes 80,000 models stays cheap.
pub const LEFT_OUT_KEPT: usize = 200;

/// One ranked model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankedModel {
    pub doc: u32,
    pub score: f32,
    /// Hub id `org/name`: display data, so empty for a model of a sharded head whose document
    /// shard is not installed yet ([`Engine::missing_display_shards`]; the app and `search`
    /// install it before they show the model).
    pub id: String,
    pub facts: ModelFacts,
    pub verdicts: Vec<FieldVerdict>,
    pub explanation: Explanation,
}

/// A relevant model a rule removed: which requirement removed it (the first violated one).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Excluded {
    pub doc: u32,
    pub score: f32,
    pub removed_by: Field,
}

/// A removed model with its facts and every rule verdict (the violated ones say why).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeftOut {
    pub doc: u32,
    pub score: f32,
    /// Hub id; `None` while the model's document shard is not installed (a sharded head lists up
    /// to [`LEFT_OUT_KEPT`] of them without fetching their shards: the app shows a placeholder
    /// and fetches their names when asked).
    pub id: Option<String>,
    pub facts: ModelFacts,
    pub removed_by: Field,
    pub verdicts: Vec<FieldVerdict>,
}

impl LeftOut {
    /// The verdict that removed the model.
    pub fn removing_verdict(&self) -> Option<&FieldVerdict> {
        self.verdicts.iter().find(|v| v.field == self.removed_by)
    }
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
    /// The best-scoring of those (at most [`LEFT_OUT_KEPT`]), best first.
    pub excluded: Vec<Excluded>,
    /// Request words corrected against the index's lexicon.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// Learned expansions added to the query ("angry → emotion").
    #[serde(default)]
    pub expansions: Vec<String>,
    /// The language the request is written in (not English), and the words that decided it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_language: Option<RequestLanguage>,
    /// What the rules could not read, how the request's language and a translation direction
    /// were used, and — when few models match the request's words — what the list follows instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

pub struct Engine {
    pub index: Index,
    pub lexicon: Lexicon,
    pub params: RankParams,
    scorer: Scorer,
    typo: TypoIndex,
    /// For the head of a sharded index: which shards are installed (empty for a single file).
    installed: Vec<bool>,
    /// A shard was installed since the scorer copied the index's norms ([`Scorer::refresh_norms`]).
    norms_stale: bool,
    /// The scored models' totals of the last query, kept so a query reuses their room.
    totals: Vec<f32>,
}

impl Engine {
    pub fn new(index: Index) -> Engine {
        Engine::with_params(index, RankParams::default())
    }

    pub fn with_params(index: Index, params: RankParams) -> Engine {
        let scorer = Scorer::new(&index, &params);
        let typo = TypoIndex::new(&index.learned);
        let installed = vec![false; index.shards.as_ref().map_or(0, |m| m.len())];
        Engine { index, lexicon: Lexicon::new(), params, scorer, typo, installed, norms_stale: false, totals: Vec::new() }
    }

    /// The shards `request` reads that are not installed yet (empty for a single-file index):
    /// fetch and [`Engine::install_shard`] them, then ask again until it is empty, before
    /// [`Engine::select`], which would otherwise read empty posting lists. Why it may take a
    /// second round (format 6): the head has no term dictionary but the learned tables' terms,
    /// so reading the request (typo correction, learned intents, expansions) may look up a term
    /// whose shard is not here; its shard is fetched in this round, and the request read again
    /// with it may name other terms (a typo correction that only the word's shard rules out or
    /// changes). With the default knobs one round is enough; every round is exact once empty.
    pub fn missing_shards(&self, request: &Template) -> Vec<usize> {
        let Some(manifest) = self.index.shards.as_ref().filter(|_| self.installed.contains(&false)) else { return Vec::new() };
        self.index.take_misses();
        let learning = Learning { index: &self.index, typo: &self.typo };
        let query = Query::understand(&self.lexicon, Some(learning), request, &self.params);
        // What reading the request looked up and did not have (a typo's own word, a learned
        // table's term), and the shards of the query's terms.
        let mut out = self.index.take_misses();
        out.extend(shards::needed(manifest, &query));
        out.sort_unstable();
        out.dedup();
        out.retain(|&s| !self.installed.get(s).copied().unwrap_or(true));
        out
    }

    /// The document shards holding the display data (ids and stored text) of `docs` that are not
    /// installed yet (empty for a single-file index): fetch and install them before showing
    /// those models, then [`Engine::select`] again (the ranking is the same; ids, facts and texts
    /// are then whole).
    pub fn missing_display_shards(&self, docs: impl IntoIterator<Item = u32>) -> Vec<usize> {
        let Some(manifest) = self.index.shards.as_ref() else { return Vec::new() };
        shards::display_needed(manifest, docs).into_iter().filter(|&s| !self.installed.get(s).copied().unwrap_or(true)).collect()
    }

    /// Installs a fetched shard (inflated) after checking its length and checksum.
    pub fn install_shard(&mut self, shard: usize, bytes: &[u8]) -> Result<(), DecodeError> {
        let manifest = self.index.shards.take().ok_or_else(|| DecodeError::Invalid("this index has no shards".into()))?;
        let done = shards::install(&mut self.index, &manifest, shard, bytes);
        self.index.shards = Some(manifest);
        // The shard's norms are in the index now; the scorer copies them before it next scores.
        self.norms_stale = true;
        done?;
        self.installed[shard] = true;
        Ok(())
    }

    /// Shards not installed yet, in order (all shards of a head just loaded; none for a single file).
    pub fn uninstalled_shards(&self) -> Vec<usize> {
        self.installed.iter().enumerate().filter(|(_, &done)| !done).map(|(i, _)| i).collect()
    }

    /// The requirements a selection checks (`checked`: the request with what its sentence states,
    /// [`constraints_in_description`]) under this engine's rule knobs; the hardware caps of the
    /// task read first (a reranker on a CPU server) hold every model offered for it
    /// ([`RequestConstraints::for_job`]). One place, so the left-out verdicts match the selection's.
    fn checked_constraints(&self, checked: &Template, intents: &[TaskIntent]) -> RequestConstraints {
        let mut constraints = RequestConstraints::parse_with(checked, &self.params.rules);
        if let Some(i) = intents.first() {
            constraints.for_job(&i.tag);
        }
        constraints
    }

    /// The removed models of a selection with their facts and verdicts (reasons included).
    pub fn left_out(&self, request: &Template, selection: &Selection) -> Vec<LeftOut> {
        let described = constraints_in_description(request);
        let request = described.as_ref().map_or(request, |d| &d.0);
        let constraints = self.checked_constraints(request, &selection.intents);
        selection
            .excluded
            .iter()
            .map(|e| {
                let facts = self.index.facts(e.doc);
                LeftOut {
                    doc: e.doc,
                    score: e.score,
                    id: self.index.doc_id(e.doc).map(str::to_string),
                    verdicts: constraints.check(request, &facts),
                    facts,
                    removed_by: e.removed_by,
                }
            })
            .collect()
    }

    /// Runs the selection for a request and returns the `top` results.
    pub fn select(&mut self, request: &Template, top: usize) -> Selection {
        if std::mem::take(&mut self.norms_stale) {
            self.scorer.refresh_norms(&self.index);
        }
        let learning = Learning { index: &self.index, typo: &self.typo };
        let mut query = Query::understand(&self.lexicon, Some(learning), request, &self.params);
        // License and hardware stated in the sentence itself ("…the plugin we sell") are checked
        // like their fields; the ranking still reads the request as written.
        let described = constraints_in_description(request);
        let checked = described.as_ref().map_or(request, |d| &d.0);
        let mut all = self.scorer.score(&self.index, &query, &self.params);
        // A task field the sentence does not name, while the request's own rare words name models
        // of other tasks: the field becomes a hint (and a task those models share is followed).
        if let Some(intents) =
            crate::rank::feedback::apply_specific_words(&self.index, &self.lexicon, request, &self.scorer, &query, &mut all, &self.params)
        {
            query.intents = intents;
        }
        // No task read from the words: the best-matching well-used models vote for one.
        if let Some(intent) =
            crate::rank::feedback::apply_feedback(&self.index, &self.scorer.feedback_base, &mut all, &query.intents, &self.params)
        {
            query.intents.push(intent);
        }
        let constraints = self.checked_constraints(checked, &query.intents);
        let mut notices = constraints.notices();
        notices.extend(described.iter().flat_map(|d| d.1.iter().cloned()));
        // The function of a translation request with no language field: where sides are read.
        let translation_function = || {
            request
                .get(Field::Function)
                .filter(|_| request.get(Field::Language).is_none() && query.intents.iter().any(|i| i.tag == "translation"))
        };
        if let Some(d) = request.get(Field::Function).filter(|_| request.get(Field::Language).is_none()).and_then(direction_in_text) {
            self.prefer_direction(&mut all, d.source, d.target);
            notices.push(format!(
                "'{}' read as a translation direction {}→{}: models whose id states it rank higher, the reverse lower",
                d.phrase, d.source, d.target
            ));
        }
        // Both sides named one at a time ("du français … vers l'arabe", "English pages turned into
        // Italian", "auf Italienisch … auf Deutsch"), for a translation.
        else if let Some(d) = translation_function().and_then(direction_by_sides) {
            self.prefer_direction(&mut all, d.source, d.target);
            notices.push(format!(
                "'{}' read as a translation direction {}→{}: models whose id states it rank higher, those stating another pair lower",
                d.phrase, d.source, d.target
            ));
        }
        // One side alone ("from English into 30 languages", "into Japanese"), for a translation.
        else if let Some(side) = translation_function().and_then(direction_side_in_text) {
            self.prefer_direction_side(&mut all, side.code, side.source);
            notices.push(format!(
                "'{}' read as the translation's {} {}: models whose id states it there rank higher, those stating another language there lower",
                side.phrase,
                if side.source { "source" } else { "target" },
                side.code
            ));
        }
        if let Some(lang) = query.language.as_ref().filter(|_| request.get(Field::Language).is_none()) {
            if self.prefer_language(&mut all, &lang.code) {
                notices.push(format!(
                    "the request is written in {} ({}): models listing {} rank higher, models listing only other languages lower",
                    lang.name, lang.because, lang.name
                ));
            }
        }
        // Only when the request asks for a generative model: a phone classifier stays small.
        let generative = query.intents.first().is_some_and(|i| is_generative(&i.tag));
        if let Some(device) = checked.get(Field::Hardware).filter(|_| generative).and_then(|t| device_in(&t.to_ascii_lowercase())) {
            if let Some((least, most)) = device.generative.filter(|_| self.prefer_device_sizes(&mut all, device)) {
                notices.push(format!(
                    "'{}' runs generative models of {}–{} parameters well: chat and vision-language models of that size rank higher",
                    device.phrase,
                    human_params(least),
                    human_params(most)
                ));
            }
        }
        // "small chat model": a size word in the request's own words, with no size or hardware
        // field to read, prefers the generative sizes that word means (not a hard limit: the
        // word is vague, so nothing is removed).
        let sized = [Field::ParameterSize, Field::ModelSize, Field::Hardware].iter().any(|f| checked.get(*f).is_some());
        if generative && !sized {
            let words = request.get(Field::Function).and_then(size_word_in_words);
            if let Some((word, (least, most))) = words.and_then(|(class, word)| class.generative_range().map(|r| (word, r))) {
                if self.prefer_generative_sizes(&mut all, least, most) {
                    notices.push(format!(
                        "'{word}' read as a wish for a {}–{} parameter model: chat and vision-language models of that size rank higher",
                        human_params(least),
                        human_params(most)
                    ));
                }
            }
        }
        let matched = all.len();
        // Models matching at least one of the request's words (the rest are related by task alone).
        // (With the best total: one pass over the scored models.)
        // Each model's total is added up once here (the parts are final until `place`) and read
        // again from `totals` by the relevance floor below.
        let mut totals = std::mem::take(&mut self.totals);
        totals.clear();
        totals.reserve(all.len());
        let (mut word_matches, mut best) = (0usize, 0.0f32);
        for s in &all {
            let total = s.1.total();
            word_matches += usize::from(s.1.bm25f > 0.0);
            best = f32::max(best, total);
            totals.push(total);
        }
        if let Some(n) = fallback_notice(&self.index, &query, word_matches, self.params.fallback_min_matches) {
            notices.push(n);
        }
        let floor = best * self.params.relevance_floor;
        // Some model matches the request's words: one that matches none (its task alone relates
        // it) is not lifted by the language it lists above the ones that do
        // (`wordless_language_lift`): most models list no language, so a language verdict alone
        // would put any classifier listing Portuguese above the toxicity models.
        let mut rules = RuleTiers::new(&constraints, &self.params.rules)
            .wordless_language_unlifted(word_matches > 0 && self.params.wordless_language_lift < 0.5);

        // Final order: relevant before weak, then by rule tier (satisfied < pending < unknown), then
        // score. Each relevant model's tier is found first (cheap: statuses only, memoised on the
        // facts each check reads), then only the few models shown are selected and sorted.
        // A model stating no license or no size: unknown, ranked at a share of its score (once,
        // however many such unknowns: `rules.unstated_share`) instead of after every satisfied model. (A model
        // listing no language is not: most such models are English-only, so they rank after the
        // models listing the language asked for.)
        let place = |(t, keep): (u8, f32), mut item: (u32, ScoreParts)| {
            if keep >= 1.0 {
                (t, item)
            } else if keep <= 0.0 {
                (Status::Unknown.rank_tier(), item)
            } else {
                item.1.unstated_penalty = -(1.0 - keep) * item.1.total();
                (t, item)
            }
        };
        // Near-identical copies follow the distinct models (`rank::near_duplicates`), read from
        // a window of candidates a few times the list's length.
        let window = if self.params.near_duplicate_tolerance > 0.0 { top.saturating_mul(NEAR_DUPLICATE_WINDOW) } else { top };
        let mut tiers = TierBuckets::new(window);
        let mut violations = 0usize;
        let mut removed = BestKept::new(LEFT_OUT_KEPT);
        // Relevant models in scoring order; the weak ones are read (a second pass) only when the
        // list is short, so a query copies nothing it does not need. Each model's total is the
        // one added up above (the parts have not changed since); only a model keeping a share of
        // its score (`place`) has a new one. With no rule to check, every model is tier 0 and
        // keeps its whole score (what `rules.tier` would say): no call per model.
        let unchecked = rules.is_empty();
        for (&item, &total) in all.iter().zip(&totals).filter(|(_, &total)| total >= floor) {
            if unchecked {
                tiers.push_total(0, total, item);
                continue;
            }
            match rules.tier(&self.index, item.0, item.1.bm25f <= 0.0) {
                Ok((t, keep)) if keep >= 1.0 => tiers.push_total(t, total, item),
                Ok(t) => {
                    let (t, item) = place(t, item);
                    tiers.push(t, item)
                }
                Err(field) => {
                    violations += 1;
                    removed.push(total, item.0, field);
                }
            }
        }
        let (mut kept, copies) =
            crate::rank::near_duplicates::spread(&self.index, tiers.best(window), self.params.near_duplicate_tolerance, top);
        kept.truncate(top);
        if copies > 0 {
            notices.push(format!(
                "{copies} near-identical repo{} (same task, size, documentation and word matches as a model above) shown after the other models",
                if copies == 1 { "" } else { "s" }
            ));
        }
        self.totals = totals;
        if kept.len() < top {
            // Fill a short list from the best weak matches, in the same tier order.
            let need = top - kept.len();
            let mut spares = TierBuckets::new(need);
            let weak = all.into_iter().filter(|s| s.1.total() < floor).collect();
            for item in best_n(weak, (top - kept.len()) * 3) {
                if let Ok(t) = rules.tier(&self.index, item.0, item.1.bm25f <= 0.0) {
                    let (t, item) = place(t, item);
                    spares.push(t, item);
                }
            }
            kept.extend(spares.best(need));
        }

        let explanations = explain(&self.index, &self.scorer, &query, &kept);
        let results = kept
            .iter()
            .zip(explanations)
            .map(|(k, explanation)| {
                let facts = self.index.facts(k.0);
                RankedModel {
                    doc: k.0,
                    score: k.1.total(),
                    id: self.index.doc_id(k.0).unwrap_or_default().to_string(),
                    verdicts: constraints.check(checked, &facts),
                    facts,
                    explanation,
                }
            })
            .collect();
        Selection {
            results,
            intents: query.intents,
            matched,
            violations_filtered: violations,
            excluded: removed.finish().into_iter().map(|(score, doc, removed_by)| Excluded { doc, score, removed_by }).collect(),
            corrections: query.corrections,
            expansions: query.expansions,
            request_language: query.language,
            notices,
        }
    }

    /// Adds [`RankParams::direction_bonus`] to models whose id states `source`→`target` and
    /// takes it from those whose id states any other pair — the reverse ("opus-mt-ja-en" for
    /// English → Japanese) or another pair altogether ("opus-mt-zh-en" for English → French): a
    /// pair model translates nothing else. Models stating no pair (many-to-many ones) are left as
    /// they are. Read from the direction column, so a sharded head ranks without ids.
    fn prefer_direction(&self, scored: &mut [(u32, ScoreParts)], source: &str, target: &str) {
        let bonus = self.params.direction_bonus;
        let (Some(source), Some(target)) = (self.index.vocab.code(source), self.index.vocab.code(target)) else { return };
        for (doc, parts) in scored.iter_mut() {
            if let Some((s, t)) = self.index.doc_direction_codes(*doc) {
                parts.language_bonus += if s == source && t == target { bonus } else { -bonus };
            }
        }
    }

    /// [`Engine::prefer_direction`] for one side: models whose id states `code` as the source
    /// (or target) gain [`RankParams::direction_bonus`], those stating another language there lose it.
    /// Reads the direction column, like [`Engine::prefer_direction`], so a sharded head ranks
    /// without ids.
    fn prefer_direction_side(&self, scored: &mut [(u32, ScoreParts)], code: &str, source: bool) {
        let bonus = self.params.direction_bonus;
        let wanted = self.index.vocab.code(code);
        for (doc, parts) in scored.iter_mut() {
            if let Some((s, t)) = self.index.doc_direction_codes(*doc) {
                let side = if source { s } else { t };
                parts.language_bonus += if Some(side) == wanted { bonus } else { -bonus };
            }
        }
    }

    /// Adds [`RankParams::device_size_bonus`] to generative models whose parameter count lies
    /// in the range `device` runs well; false when the device has no such range.
    fn prefer_device_sizes(&self, scored: &mut [(u32, ScoreParts)], device: &Device) -> bool {
        let Some((least, most)) = device.generative else { return false };
        self.prefer_generative_sizes(scored, least, most)
    }

    /// Adds [`RankParams::device_size_bonus`] to generative models of `least..=most` parameters.
    fn prefer_generative_sizes(&self, scored: &mut [(u32, ScoreParts)], least: u64, most: u64) -> bool {
        let bonus = self.params.device_size_bonus;
        if bonus <= 0.0 {
            return false;
        }
        for (doc, parts) in scored.iter_mut() {
            let generative = self.index.doc_task(*doc).is_some_and(is_generative);
            if generative && self.index.doc_params(*doc).is_some_and(|p| (least..=most).contains(&p)) {
                parts.device_bonus += bonus;
            }
        }
        true
    }

    /// Adds [`RankParams::request_language_bonus`] to models listing language `code` and takes
    /// [`RankParams::request_language_mismatch`] from models that list languages, none of them
    /// `code` (an English-only summarizer for a Russian request); false when no model of the index
    /// lists `code`.
    fn prefer_language(&self, scored: &mut [(u32, ScoreParts)], code: &str) -> bool {
        let (bonus, mismatch) = (self.params.request_language_bonus, self.params.request_language_mismatch);
        let Some(word) = self.index.vocab.code(code) else { return false };
        if bonus <= 0.0 && mismatch <= 0.0 {
            return false;
        }
        for (doc, parts) in scored.iter_mut() {
            let listed = language_codes(&self.index, *doc);
            if listed.contains(&word) {
                parts.language_bonus += bonus;
            } else if !listed.is_empty() {
                parts.language_bonus -= mismatch;
            }
        }
        true
    }
}

/// What to say when few models match the request's words (see
/// [`RankParams::fallback_min_matches`]): the list then follows the task intent and quality.
fn fallback_notice(index: &Index, query: &Query, word_matches: usize, min_matches: usize) -> Option<String> {
    let own: Vec<&str> = query.terms.iter().filter(|t| t.via.is_none()).map(|t| t.surface.as_str()).collect();
    if own.is_empty() || word_matches >= min_matches {
        return None;
    }
    let unknown: Vec<&str> =
        query.terms.iter().filter(|t| t.via.is_none() && index.term(&t.term).is_none()).map(|t| t.surface.as_str()).collect();
    let words = if unknown.is_empty() { String::new() } else { format!(" (no model uses: {})", unknown.join(", ")) };
    Some(match query.intents.first() {
        Some(intent) => format!(
            "Few models use these words{words}: results follow the task they point at ({}) and how well used and documented models are.",
            intent.tag
        ),
        None => {
            format!("Few models use these words{words} and no task could be read from them: try other words for what the model should do.")
        }
    })
}

/// The selection order on scored items, for the tests (the code compares stored keys:
/// [`best_keys`], [`key_order`]).
#[cfg(test)]
fn better(a: &(u32, ScoreParts), b: &(u32, ScoreParts)) -> std::cmp::Ordering {
    b.1.total().total_cmp(&a.1.total()).then(a.0.cmp(&b.0))
}

/// The best `n` items, sorted best first (quickselect, then sort only those). The order is
/// [`key_order`]'s, on keys computed once per item (total score, doc, position): a comparison then
/// reads two numbers instead of adding up two items' six parts, and moves 12 bytes, not 32.
fn best_n(items: Vec<(u32, ScoreParts)>, n: usize) -> Vec<(u32, ScoreParts)> {
    let keys = items.iter().enumerate().map(|(i, (d, p))| (p.total(), *d, i as u32));
    best_keys(keys, n).iter().map(|k| items[k.2 as usize]).collect()
}

/// Up to this many best keys are kept in one sorted pass (each key is compared with the worst
/// kept one, and most stop there); more are selected by partitioning.
const STREAMED_BEST: usize = 64;

/// The best `n` of (total, doc, slot) keys, best first, ties broken by doc (as [`key_order`]).
fn best_keys(keys: impl Iterator<Item = (f32, u32, u32)>, n: usize) -> Vec<(f32, u32, u32)> {
    if n == 0 {
        return Vec::new();
    }
    let by_key = |a: &(f32, u32, u32), b: &(f32, u32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if n <= STREAMED_BEST {
        let mut top: Vec<(f32, u32, u32)> = Vec::with_capacity(n + 1);
        for k in keys {
            if top.len() == n && top.last().is_some_and(|worst| by_key(&k, worst).is_ge()) {
                continue;
            }
            let at = top.partition_point(|t| by_key(t, &k).is_lt());
            top.insert(at, k);
            top.truncate(n);
        }
        return top;
    }
    let mut keys: Vec<(f32, u32, u32)> = keys.collect();
    if n < keys.len() {
        keys.select_nth_unstable_by(n - 1, by_key);
        keys.truncate(n);
    }
    keys.sort_unstable_by(by_key);
    keys
}

/// The best `keep` models of each rule tier (0 satisfied, 1 pending, 2 unknown or later), kept
/// as they are pushed: a query that finds 100,000 relevant models at 1M keeps a few hundred, not
/// a list of all of them read again per tier.
struct TierBuckets {
    tiers: [BestKept<ScoreParts>; 3],
}

impl TierBuckets {
    /// Ready for [`TierBuckets::best`] of up to `keep`.
    fn new(keep: usize) -> TierBuckets {
        TierBuckets { tiers: [BestKept::new(keep), BestKept::new(keep), BestKept::new(keep)] }
    }

    #[inline]
    fn push(&mut self, tier: u8, item: (u32, ScoreParts)) {
        self.push_total(tier, item.1.total(), item);
    }

    /// [`TierBuckets::push`] of an item whose total (`item.1.total()`) is known.
    #[inline]
    fn push_total(&mut self, tier: u8, total: f32, item: (u32, ScoreParts)) {
        self.tiers[usize::from(tier.min(2))].push(total, item.0, item.1);
    }

    /// The best `n` (at most the `keep` it was made for): tier 0's best first, then tier 1's,
    /// then tier 2's, each in [`best_keys`]' order.
    fn best(self, n: usize) -> Vec<(u32, ScoreParts)> {
        let mut out = Vec::with_capacity(n);
        for tier in self.tiers {
            let need = n - out.len();
            if need == 0 {
                break;
            }
            out.extend(tier.finish().into_iter().take(need).map(|(_, doc, parts)| (doc, parts)));
        }
        out
    }
}

/// The best `keep` of the items pushed: higher total first, then lower doc (the order of
/// [`best_keys`]). Why bounded as it goes: the items come one per relevant model (tens of
/// thousands at scale) and only a few are read. A buffer of up to twice `keep` (at least
/// `keep + 64`) is cut back to the best `keep` by partitioning, and an item worse than the worst
/// one kept at the last cut is not stored at all. Exact: (total, doc) orders every pair of
/// distinct models, and an item worse than `keep` kept ones is never among the best `keep`.
struct BestKept<T> {
    keep: usize,
    /// (total, doc, payload).
    items: Vec<(f32, u32, T)>,
    /// (total, doc) of the worst item kept at the last cut.
    bar: Option<(f32, u32)>,
}

/// Best first: higher total, then lower doc id (stable, deterministic output).
fn key_order(a: (f32, u32), b: (f32, u32)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

impl<T> BestKept<T> {
    fn new(keep: usize) -> BestKept<T> {
        BestKept { keep, items: Vec::new(), bar: None }
    }

    #[inline]
    fn push(&mut self, total: f32, doc: u32, payload: T) {
        // (A total below the bar's is worse in `key_order` too: the cheap test first.)
        if self.keep == 0 || self.bar.is_some_and(|bar| total < bar.0 || key_order((total, doc), bar).is_gt()) {
            return;
        }
        self.items.push((total, doc, payload));
        if self.items.len() >= (self.keep * 2).max(self.keep + 64) {
            self.cut();
        }
    }

    fn cut(&mut self) {
        if self.items.len() > self.keep {
            let order = |a: &(f32, u32, T), b: &(f32, u32, T)| key_order((a.0, a.1), (b.0, b.1));
            self.items.select_nth_unstable_by(self.keep - 1, order);
            self.items.truncate(self.keep);
            self.bar = self.items.last().map(|w| (w.0, w.1));
        }
    }

    /// Best first.
    fn finish(mut self) -> Vec<(f32, u32, T)> {
        self.cut();
        self.items.sort_unstable_by(|a, b| key_order((a.0, a.1), (b.0, b.1)));
        self.items
    }
}

/// A model's language-code list and the direction its id states (vocabulary codes).
type DirectionKey<'i> = (&'i [u16], Option<(u16, u16)>);

/// Rule statuses → a rank tier per model (`None` = violated), memoised per check on the facts it
/// reads (license code, language list); size checks are plain arithmetic.
struct RuleTiers<'c, 'i> {
    checks: Vec<(Field, &'c Check)>,
    /// Indexed by the model's license code (a small vocabulary: a slot read beats a hash lookup
    /// on the thousands of relevant models a query tiers).
    license_memo: Vec<Option<Status>>,
    /// How each task code's models run, for memory checks (indexed by task code).
    run_kind_memo: Vec<Option<RunKind>>,
    /// Keyed by the model's exact language-code list (a slice of the index).
    language_memo: FxHashMap<&'i [u16], Status>,
    /// The language verdict of a model listing no language (slot 0) or one (slot code + 1).
    one_language_memo: Vec<Option<Status>>,
    /// A language rule with a direction reads the direction the id states too.
    direction_memo: FxHashMap<DirectionKey<'i>, Status>,
    /// Share of its score a model keeps per unstated license or size.
    unstated_share: f32,
    /// A satisfied language verdict ranks like an unknown one for a model matching none of the
    /// request's words (set when other models match them).
    wordless_language_unlifted: bool,
}

impl<'c, 'i> RuleTiers<'c, 'i> {
    fn new(constraints: &'c RequestConstraints, params: &crate::constraints::RuleParams) -> RuleTiers<'c, 'i> {
        RuleTiers {
            checks: constraints
                .checks
                .iter()
                .filter(|(_, c)| !matches!(c, Check::ForLlm { .. } | Check::NotUnderstood { .. }))
                .map(|(f, c)| (*f, c))
                .collect(),
            license_memo: Default::default(),
            run_kind_memo: Default::default(),
            language_memo: Default::default(),
            one_language_memo: Default::default(),
            direction_memo: Default::default(),
            unstated_share: params.unstated_share.clamp(0.0, 1.0) as f32,
            wordless_language_unlifted: false,
        }
    }

    /// No rule to check: every model is tier 0 and keeps its whole score.
    fn is_empty(&self) -> bool {
        self.checks.is_empty()
    }

    /// See [`RankParams::wordless_language_lift`](crate::rank::RankParams).
    fn wordless_language_unlifted(mut self, on: bool) -> Self {
        self.wordless_language_unlifted = on;
        self
    }

    /// The model's tier and the share of its score it keeps for the unknowns that are a fact it
    /// does not state (no license under a license wish, no parameter count under a size or
    /// hardware wish: those do not raise the tier, the caller lowers the score instead; 1 =
    /// nothing unstated), or the field whose requirement it violates. Each check reads only the
    /// facts it needs (no allocation for the numeric ones).
    fn tier(&mut self, index: &'i Index, doc: u32, wordless: bool) -> Result<(u8, f32), Field> {
        let d = doc as usize;
        let mut tier = 0;
        let mut keep = 1.0f32;
        for (field, check) in &self.checks {
            let status = match check {
                Check::License(_) => {
                    let code = usize::from(index.docs.license[d]);
                    let known = self.license_memo.get(code).copied().flatten();
                    known.unwrap_or_else(|| {
                        let status =
                            check.status(&ModelFacts { license: index.doc_license(doc).map(str::to_string), ..Default::default() });
                        memo_put(&mut self.license_memo, code, status);
                        status
                    })
                }
                Check::Language(w) if w.direction.is_some() => {
                    let direction = index.doc_direction_codes(doc);
                    *self.direction_memo.entry((language_codes(index, doc), direction)).or_insert_with(|| {
                        check.status(&ModelFacts {
                            languages: index.doc_languages(doc),
                            direction: index.doc_direction(doc),
                            ..Default::default()
                        })
                    })
                }
                Check::Language(_) => {
                    let codes = language_codes(index, doc);
                    let status = || check.status(&ModelFacts { languages: index.doc_languages(doc), ..Default::default() });
                    match codes {
                        // Most models list no language or one: memoised by its code, no hashing.
                        [] | [_] => {
                            let slot = codes.first().map_or(0, |&c| usize::from(c) + 1);
                            let known = self.one_language_memo.get(slot).copied().flatten();
                            known.unwrap_or_else(|| {
                                let status = status();
                                memo_put(&mut self.one_language_memo, slot, status);
                                status
                            })
                        }
                        _ => *self.language_memo.entry(codes).or_insert_with(status),
                    }
                }
                Check::Memory(m) => {
                    let code = usize::from(index.docs.task[d]);
                    let known = self.run_kind_memo.get(code).copied().flatten();
                    let kind = known.unwrap_or_else(|| {
                        let kind = run_kind(index.doc_task(doc));
                        memo_put(&mut self.run_kind_memo, code, kind);
                        kind
                    });
                    // Memoised by task; a text-embedding library makes a feature extractor a text encoder.
                    let kind = match kind {
                        RunKind::Other => refine_run_kind(kind, index.doc_task(doc), index.vocab.get(index.docs.library[d])),
                        _ => kind,
                    };
                    m.status(index.doc_params(doc), index.doc_quant_bits(doc), kind)
                }
                // The numeric checks read their one column directly (as `Check::status` does on
                // facts): no facts record is built and dropped per model.
                Check::Params(r) => r.status(index.doc_params(doc)),
                Check::MinCount { field, min } => {
                    let have = if *field == Field::Likes { index.docs.likes[d] } else { index.docs.downloads[d] };
                    if have >= *min {
                        Status::Satisfied
                    } else {
                        Status::Violated
                    }
                }
                _ => check.status(&ModelFacts {
                    params: index.doc_params(doc),
                    quant_bits: index.doc_quant_bits(doc),
                    downloads: index.docs.downloads[d],
                    likes: index.docs.likes[d],
                    ..Default::default()
                }),
            };
            if status == Status::Violated {
                return Err(*field);
            }
            let status = match check {
                Check::Language(_) if wordless && self.wordless_language_unlifted && status == Status::Satisfied => Status::Unknown,
                _ => status,
            };
            // Looked up only for an unknown verdict (most checks are satisfied or pending).
            let not_stated = || match check {
                Check::License(_) => index.doc_license(doc).is_none(),
                Check::Params(_) | Check::Memory(_) => index.doc_params(doc).is_none(),
                _ => false,
            };
            if status == Status::Unknown && not_stated() {
                keep = keep.min(self.unstated_share);
                continue;
            }
            tier = tier.max(status.rank_tier());
        }
        Ok((tier, keep))
    }
}

/// Stores `value` at `slot` of a memo indexed by a vocabulary code, growing it as needed.
fn memo_put<T: Copy>(memo: &mut Vec<Option<T>>, slot: usize, value: T) {
    if memo.len() <= slot {
        memo.resize(slot + 1, None);
    }
    memo[slot] = Some(value);
}

fn language_codes(index: &Index, doc: u32) -> &[u16] {
    let d = doc as usize;
    let start = if d == 0 { 0 } else { index.docs.lang_ends[d - 1] as usize };
    &index.docs.languages[start..index.docs.lang_ends[d] as usize]
}

/// Small engines for the crate's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::Engine;
    use crate::facts::{ModelFacts, ModelInstance, Source};
    use crate::index::IndexWriter;
    use crate::template::Field;

    /// An engine over `(id, license, task, function text)` rows: 39M parameters, 100 downloads,
    /// and a limitations text with markup in it. Add filler rows: with only a few models, words
    /// in most of them carry too little information and the scorer skips them.
    pub fn engine_of(rows: &[(&str, &str, &str, &str)]) -> Engine {
        let mut w = IndexWriter::new("test");
        for (id, license, task, text) in rows {
            let mut m = ModelInstance {
                id: id.to_string(),
                facts: ModelFacts {
                    task: Some(task.to_string()),
                    license: Some(license.to_string()),
                    params: Some(39_000_000),
                    downloads: 100,
                    ..Default::default()
                },
                ..Default::default()
            };
            m.put(Field::Function, text.to_string(), Source::CardText);
            m.put(Field::Limitations, "May hallucinate on <script>noisy</script> audio.".into(), Source::CardSection);
            w.add(&m);
        }
        Engine::new(w.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_no_rule_to_check_every_model_is_tier_0_keeping_its_score() {
        // `select` skips `RuleTiers::tier` when there is no rule to check: what it would say
        // for every model, also for a request whose only requirement is for the LLM.
        let engine = testing::engine_of(&[
            ("a/summarizer", "mit", "summarization", "summarize news articles"),
            ("b/closed", "", "summarization", "summarize legal contracts"),
            ("c/transcriber", "other", "automatic-speech-recognition", "transcribe meetings"),
        ]);
        let function = Some("summarize contracts".to_string());
        let plain = Template { function: function.clone(), ..Default::default() };
        let llm_only = Template { function: function.clone(), limitations: Some("must not make up facts".into()), ..Default::default() };
        for request in [plain, llm_only] {
            let constraints = RequestConstraints::parse_with(&request, &engine.params.rules);
            let mut rules = RuleTiers::new(&constraints, &engine.params.rules).wordless_language_unlifted(true);
            assert!(rules.is_empty(), "{request:?}");
            for doc in 0..engine.index.doc_count() as u32 {
                for wordless in [false, true] {
                    assert_eq!(rules.tier(&engine.index, doc, wordless), Ok((0, 1.0)), "{request:?} doc {doc}");
                }
            }
        }
        let licensed = Template { function, license: Some("mit".into()), ..Default::default() };
        let constraints = RequestConstraints::parse_with(&licensed, &engine.params.rules);
        assert!(!RuleTiers::new(&constraints, &engine.params.rules).is_empty());
    }

    #[test]
    fn tiers_kept_as_they_come_are_the_head_of_each_tier_fully_sorted() {
        // Scores in a scrambled order with many ties, rising runs (every push a new best) and
        // pushes far past the bound: the kept best of each tier, tier by tier, are the head of a
        // full sort of that tier, whatever the bound.
        let items: Vec<(u8, (u32, ScoreParts))> = (0..3000u32)
            .map(|doc| {
                let s = if doc < 600 { doc as f32 } else { ((doc * 7919) % 53) as f32 };
                let parts = ScoreParts { bm25f: s / 2.0, prior: s / 2.0, task_bonus: f32::from(doc % 3 == 0), ..Default::default() };
                ((doc % 7 % 3) as u8, (doc, parts))
            })
            .collect();
        for n in [1, 2, 10, 30, 64, 65, 200, 1500, 3000, 4000] {
            let mut tiers = TierBuckets::new(n);
            for &(t, item) in &items {
                tiers.push(t, item);
            }
            let mut want = Vec::new();
            for tier in 0..3u8 {
                let mut of_tier: Vec<(u32, ScoreParts)> = items.iter().filter(|x| x.0 == tier).map(|x| x.1).collect();
                of_tier.sort_by(better);
                want.extend(of_tier);
            }
            want.truncate(n);
            assert_eq!(tiers.best(n), want, "n = {n}");
        }
    }

    #[test]
    fn the_best_n_are_the_head_of_a_full_sort_ties_broken_by_doc() {
        // Scrambled scores with many ties, split over parts so totals must be added up.
        let items: Vec<(u32, ScoreParts)> = (0..500u32)
            .map(|doc| {
                let s = ((doc * 7919) % 37) as f32;
                (doc, ScoreParts { bm25f: s / 2.0, prior: s / 2.0, task_bonus: if doc % 3 == 0 { 1.0 } else { 0.0 }, ..Default::default() })
            })
            .collect();
        let mut sorted = items.clone();
        sorted.sort_by(better);
        for n in [0, 1, 10, 37, 64, 65, 499, 500, 600] {
            assert_eq!(best_n(items.clone(), n), sorted[..n.min(sorted.len())].to_vec(), "n = {n}");
        }
    }

    #[test]
    fn the_left_out_keep_the_best_few_in_bounded_memory() {
        let mut kept = BestKept::new(3);
        // Scores in a scrambled order; many more pushes than the bound.
        for doc in 0..1000u32 {
            let score = ((doc * 7919) % 1000) as f32;
            kept.push(score, doc, Field::License);
            assert!(kept.items.len() < 3 + 64, "never more than the bound and a buffer");
        }
        let best: Vec<f32> = kept.finish().iter().map(|e| e.0).collect();
        assert_eq!(best, vec![999.0, 998.0, 997.0]);
        let mut none = BestKept::new(0);
        none.push(1.0, 1, Field::License);
        assert!(none.finish().is_empty());
    }

    #[test]
    fn a_listed_language_does_not_lift_a_model_that_matches_none_of_the_words() {
        use crate::facts::{ModelFacts, ModelInstance, Source};
        let mut w = crate::index::IndexWriter::new("t");
        // Toxicity models list no language (as most do); a Portuguese classifier of another need
        // lists Portuguese and shares only the task with the request.
        let rows: [(&str, &[&str], &str); 3] = [
            ("a/toxic-comment-classifier", &[], "flags toxic comments and insults"),
            ("b/toxicity-detector", &[], "detects toxic comments in social media"),
            ("c/bert-portuguese-job-offers", &["pt"], "classifies tweets about job offers"),
        ];
        for (id, langs, text) in rows {
            let facts = ModelFacts {
                task: Some("text-classification".into()),
                languages: langs.iter().map(|l| l.to_string()).collect(),
                downloads: 1_000,
                ..Default::default()
            };
            let mut m = ModelInstance { id: id.into(), facts, ..Default::default() };
            m.put(Field::Function, text.into(), Source::CardText);
            w.add(&m);
        }
        for i in 0..20 {
            let facts = ModelFacts { task: Some("fill-mask".into()), downloads: 10, ..Default::default() };
            let mut m = ModelInstance { id: format!("f/filler-{i}"), facts, ..Default::default() };
            m.put(Field::Function, format!("a masked language model number {i}"), Source::CardText);
            w.add(&m);
        }
        let mut engine = Engine::new(w.finish());
        let request = Template {
            function: Some("detect toxic comments".into()),
            task: Some("text-classification".into()),
            language: Some("Portuguese".into()),
            ..Default::default()
        };
        let ids = |engine: &mut Engine| -> Vec<String> { engine.select(&request, 3).results.into_iter().map(|r| r.id).collect() };
        let ranked = ids(&mut engine);
        assert_eq!(ranked.last().map(String::as_str), Some("c/bert-portuguese-job-offers"), "{ranked:?}");
        // Its verdict still says what it is: the language is satisfied.
        let sel = engine.select(&request, 3);
        let pt = sel.results.iter().find(|r| r.id.ends_with("job-offers")).unwrap();
        assert!(pt.verdicts.iter().any(|v| v.field == Field::Language && v.verdict.status == Status::Satisfied), "{:?}", pt.verdicts);
        // At the knob's other extreme the listed language lifts it first.
        engine.params.set("wordless_language_lift=1").unwrap();
        assert_eq!(ids(&mut engine).first().map(String::as_str), Some("c/bert-portuguese-job-offers"));
    }

    #[test]
    fn a_request_written_in_russian_prefers_russian_models_over_english_only_ones() {
        use crate::facts::{ModelFacts, ModelInstance, Source};
        let mut w = crate::index::IndexWriter::new("t");
        let rows: [(&str, &[&str], u64); 4] = [
            ("a/bart-large-cnn-summarizer", &["en"], 500_000),
            ("b/t5-russian-summarization", &[], 300),
            ("c/mbart-sum-gazeta", &["ru"], 300),
            ("d/mt5-multilingual-sum", &["en", "ru", "de"], 300),
        ];
        for (id, langs, downloads) in rows {
            let facts = ModelFacts {
                task: Some("summarization".into()),
                languages: langs.iter().map(|l| l.to_string()).collect(),
                downloads,
                ..Default::default()
            };
            let mut m = ModelInstance { id: id.into(), facts, ..Default::default() };
            m.put(Field::Function, "a summarization model".into(), Source::CardText);
            w.add(&m);
        }
        for i in 0..20 {
            // The most used model of this catalog is another task's (as on the Hub).
            let facts = ModelFacts { task: Some("fill-mask".into()), downloads: 5_000_000, ..Default::default() };
            w.add(&ModelInstance { id: format!("f/filler-{i}"), facts, ..Default::default() });
        }
        let mut engine = Engine::new(w.finish());
        let request =
            Template { function: Some("краткое содержание новостных статей".into()), ..Default::default() };
        let sel = engine.select(&request, 4);
        let ids: Vec<&str> = sel.results.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.last(), Some(&"a/bart-large-cnn-summarizer"), "{ids:?}");
        assert!(
            sel.notices.iter().any(|n| n.contains("written in Russian") && n.contains("only other languages lower")),
            "{:?}",
            sel.notices
        );
        // The language's name is searched: the id that says "russian" matched it.
        let named = sel.results.iter().find(|r| r.id == "b/t5-russian-summarization").unwrap();
        assert!(named.explanation.bm25f > 0.0, "{:?}", named.explanation);
        // With a language field, the field decides and the name is not added.
        let with_field = Template { language: Some("Russian".into()), ..request };
        let sel = engine.select(&with_field, 4);
        assert!(sel.results.iter().all(|r| r.explanation.bm25f == 0.0), "{:?}", sel.results);
    }

    #[test]
    fn a_chat_assistant_on_an_iphone_brings_small_instruct_models_not_toys() {
        use crate::facts::{ModelFacts, ModelInstance, Source};
        let mut w = crate::index::IndexWriter::new("t");
        let rows: [(&str, u64, u64); 4] = [
            ("toy/chat-gpt2-19m", 19_000_000, 50),
            ("org/instruct-1.5b", 1_500_000_000, 40),
            ("org/instruct-70b", 70_000_000_000, 90),
            ("org/classifier-20m", 20_000_000, 40),
        ];
        for (id, params, downloads) in rows {
            let task = if id.contains("classifier") { "text-classification" } else { "text-generation" };
            let facts = ModelFacts { task: Some(task.into()), params: Some(params), downloads, ..Default::default() };
            let mut m = ModelInstance { id: id.into(), facts, ..Default::default() };
            m.put(Field::Function, "a chat assistant".into(), Source::CardText);
            w.add(&m);
        }
        for i in 0..20 {
            let facts = ModelFacts { task: Some("fill-mask".into()), ..Default::default() };
            w.add(&ModelInstance { id: format!("f/filler-{i}"), facts, ..Default::default() });
        }
        let mut engine = Engine::new(w.finish());
        let request = Template {
            function: Some("chat assistant for our app".into()),
            hardware: Some("runs on an iPhone".into()),
            ..Default::default()
        };
        let sel = engine.select(&request, 4);
        let ids: Vec<&str> = sel.results.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids[0], "org/instruct-1.5b", "{ids:?}");
        assert!(!ids.contains(&"org/instruct-70b"), "a 70B model does not run on a phone: {ids:?}");
        assert!(sel.notices.iter().any(|n| n.contains("'iphone' runs generative models of 500M–3.5B")), "{:?}", sel.notices);
        // A classifier request on the same phone gets no size preference for generative models.
        let classify = Template { function: Some("classify support tickets".into()), ..request };
        let sel = engine.select(&classify, 4);
        assert!(!sel.notices.iter().any(|n| n.contains("generative models")), "{:?}", sel.notices);
    }

    #[test]
    fn a_direction_in_the_words_ranks_the_right_direction_first() {
        let mut rows = vec![
            ("Helsinki-NLP/opus-mt-ja-en", "apache-2.0", "translation", "Japanese English translation model"),
            ("Helsinki-NLP/opus-mt-en-ja", "apache-2.0", "translation", "English Japanese translation"),
            // Another pair altogether, with more matching words: still below the asked pair.
            ("Helsinki-NLP/opus-mt-zh-en", "apache-2.0", "translation", "translate translation English Japanese Chinese"),
        ];
        let filler: Vec<(String, String)> = (0..20).map(|i| (format!("org/filler-{i}"), format!("a filler model number {i}"))).collect();
        for (id, text) in &filler {
            rows.push((id.as_str(), "mit", "text-classification", text.as_str()));
        }
        let mut engine = testing::engine_of(&rows);
        let request = Template { function: Some("translate English to Japanese".into()), ..Default::default() };
        let sel = engine.select(&request, 5);
        assert_eq!(sel.results[0].id, "Helsinki-NLP/opus-mt-en-ja", "{:?}", sel.results.iter().map(|r| &r.id).collect::<Vec<_>>());
        assert!(sel.notices.iter().any(|n| n.contains("en→ja")), "{:?}", sel.notices);
        let rank_of = |id: &str| sel.results.iter().position(|r| r.id == id);
        assert!(rank_of("Helsinki-NLP/opus-mt-zh-en") > rank_of("Helsinki-NLP/opus-mt-en-ja"));
        // As a language field, the reverse direction is a violation.
        let field = Template { language: Some("English to Japanese".into()), ..request };
        let sel = engine.select(&field, 5);
        assert!(sel.results.iter().all(|r| r.id != "Helsinki-NLP/opus-mt-ja-en"));
        // One side alone, for a translation: "into Japanese" is the target.
        let request = Template { function: Some("translate our shop's pages into Japanese".into()), ..Default::default() };
        let sel = engine.select(&request, 5);
        assert_eq!(sel.results[0].id, "Helsinki-NLP/opus-mt-en-ja", "{:?}", sel.results.iter().map(|r| &r.id).collect::<Vec<_>>());
        assert!(sel.notices.iter().any(|n| n.contains("'into Japanese' read as the translation's target ja")), "{:?}", sel.notices);
        let request = Template { function: Some("translate manuals from Japanese".into()), ..Default::default() };
        assert_eq!(engine.select(&request, 5).results[0].id, "Helsinki-NLP/opus-mt-ja-en");
        // Two languages named apart: the first is the source, the one named last is wanted.
        let request = Template {
            function: Some("our manuals are written in English and visitors from Tokyo keep asking for them in Japanese".into()),
            ..Default::default()
        };
        let sel = engine.select(&request, 5);
        assert_eq!(sel.results[0].id, "Helsinki-NLP/opus-mt-en-ja", "{:?}", sel.results.iter().map(|r| &r.id).collect::<Vec<_>>());
        assert!(sel.notices.iter().any(|n| n.contains("'English … Japanese' read as a translation direction en→ja")), "{:?}", sel.notices);
    }

    #[test]
    fn an_image_word_of_an_image_request_counts_only_in_image_models() {
        // "selfie" is the SELFIES chemistry notation in a fill-mask model's words: a request about
        // selfies is about photos, and the chemistry model gets no credit for the word.
        let mut rows: Vec<(&str, &str, &str, &str)> = vec![
            ("chem/selfies-selfie-bert", "mit", "fill-mask", "selfie selfies molecules selfie strings"),
            ("vision/portrait-filter", "mit", "image-to-image", "a filter for selfie photos"),
        ];
        let filler: Vec<(String, String)> = (0..20).map(|i| (format!("org/filler-{i}"), format!("a filler model number {i}"))).collect();
        for (id, text) in &filler {
            rows.push((id.as_str(), "mit", "text-classification", text.as_str()));
        }
        let ids = |engine: &mut Engine, params: Option<crate::rank::RankParams>| {
            if let Some(p) = params {
                *engine = Engine::with_params(std::mem::take(&mut engine.index), p);
            }
            let request = Template { function: Some("a fun filter for selfie".into()), ..Default::default() };
            engine.select(&request, 5).results.into_iter().map(|r| r.id).collect::<Vec<_>>()
        };
        let mut engine = testing::engine_of(&rows);
        let got = ids(&mut engine, None);
        assert_eq!(got.first().map(String::as_str), Some("vision/portrait-filter"), "{got:?}");
        assert!(!got.iter().any(|id| id == "chem/selfies-selfie-bert"), "{got:?}");
        // At share 1 both senses count and the chemistry model is listed for its "selfie" words.
        let all_senses = crate::rank::RankParams { other_sense_share: 1.0, ..Default::default() };
        let got = ids(&mut engine, Some(all_senses));
        assert!(got.iter().any(|id| id == "chem/selfies-selfie-bert"), "{got:?}");
    }

    #[test]
    fn a_model_stating_no_license_ranks_by_a_share_of_its_score_and_is_never_satisfied() {
        use crate::facts::{ModelFacts, ModelInstance, Source};
        use crate::rank::RankParams;
        let build = || {
            let mut w = crate::index::IndexWriter::new("t");
            // (id, license, words): the best match states no license, another declares `other`.
            let rows: [(&str, Option<&str>, &str); 4] = [
                ("a/garden-bird-song-classifier", None, "classify garden bird song recordings by species"),
                ("b/bird-audio-tagger", Some("apache-2.0"), "bird audio recordings tagger"),
                ("c/bird-song-species-id", Some("other"), "classify garden bird song recordings by species"),
                ("d/weak-audio-thing", Some("mit"), "sound recordings"),
            ];
            for (id, license, text) in rows {
                let facts = ModelFacts {
                    task: Some("audio-classification".into()),
                    license: license.map(str::to_string),
                    params: Some(90_000_000),
                    downloads: 100,
                    ..Default::default()
                };
                let mut m = ModelInstance { id: id.into(), facts, ..Default::default() };
                m.put(Field::Function, text.into(), Source::CardText);
                w.add(&m);
            }
            for i in 0..20 {
                let facts = ModelFacts { task: Some("fill-mask".into()), license: Some("mit".into()), ..Default::default() };
                let mut m = ModelInstance { id: format!("f/filler-{i}"), facts, ..Default::default() };
                m.put(Field::Function, format!("a filler text model {i}"), Source::CardText);
                w.add(&m);
            }
            w.finish()
        };
        let request = Template {
            function: Some("classify garden bird song recordings by species".into()),
            license: Some("we sell the app".into()),
            ..Default::default()
        };
        let ids = |sel: &Selection| sel.results.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        // A share high enough for the clearly better match to stay ahead of a weak one.
        let mut params = RankParams::default();
        params.set("rules.unstated_share=0.9").unwrap();
        let mut engine = Engine::with_params(build(), params);
        let sel = engine.select(&request, 4);
        let got = ids(&sel);
        let pos = |id: &str| got.iter().position(|x| x == id);
        // The unstated license is ranked on (a share of) its relevance, above a weaker satisfied
        // match, with an unknown verdict; the declared `other` stays after every satisfied one.
        let scores: Vec<(String, f32, f32)> = sel.results.iter().map(|r| (r.id.clone(), r.score, r.explanation.bm25f)).collect();
        assert!(pos("a/garden-bird-song-classifier") < pos("d/weak-audio-thing"), "{scores:?}");
        assert!(pos("c/bird-song-species-id") > pos("d/weak-audio-thing"), "{got:?}");
        let a = sel.results.iter().find(|r| r.id == "a/garden-bird-song-classifier").unwrap();
        assert_eq!(a.verdicts.iter().find(|v| v.field == Field::License).unwrap().verdict.status, Status::Unknown);
        let c = sel.results.iter().find(|r| r.id == "c/bird-song-species-id").unwrap();
        assert!(a.score < c.score * 0.95, "the same words, the score shown is the lowered one: {} vs {}", a.score, c.score);
        // Share 0: unstated licenses rank after every satisfied model.
        let mut params = RankParams::default();
        params.set("rules.unstated_share=0").unwrap();
        let mut strict = Engine::with_params(build(), params);
        let got = ids(&strict.select(&request, 4));
        let pos = |id: &str| got.iter().position(|x| x == id);
        assert!(pos("a/garden-bird-song-classifier") > pos("d/weak-audio-thing"), "{got:?}");
    }
}

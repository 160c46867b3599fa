//! What the index learns from its own catalog at build time, shipped beside the postings:
//! a typo lexicon, a word → task table and word → related-word expansions.
//!
//! Why learn it from the catalog: a hand-written cue lexicon covers the phrasings its authors
//! thought of. Tens of thousands of models already say, in their own words, which task they do
//! (their pipeline tag) — "upscale", "nsfw", "angry", "locomotion" — so the catalog itself can tell
//! which words point at which task and which words travel together, in every language the cards
//! use, with no model and no network at query time. Every table is bounded by a knob
//! ([`LearnParams`]) so the index stays small, and every learned fact is plain counts, so an
//! explanation can name the words that decided.
//!
//! - **Typo lexicon**: words as written in cards (lowercase, alphabetic) used by at least
//!   `typo_min_df` models, with their document counts. A request word the index does not know is
//!   corrected to the most used word within an edit or two (`rank/typo.rs`).
//! - **Task table** (a bounded naive-Bayes / log-odds table): for each task, the `task_top_k`
//!   words whose presence most raises the odds that a model has that pipeline tag, with the
//!   log-lift `ln P(task | word) / P(task)` (Dirichlet-smoothed towards the task's base rate).
//! - **Expansions**: for words used by `expand_min_df..=expand_max_df` models, the few tag/name
//!   words that co-occur far above chance (lift) in those models ("angry" → emotion).

use serde::{Deserialize, Serialize};
use serde_bytes::ByteBuf;

crate::knobs! {
    /// What the builder learns from the catalog (`build --param learn.<name>=value`).
    pub struct LearnParams {
        /// A card word must be used by this many models to be a typo correction target.
        /// 1 → every hapax (and every typo in a card) is a target; large → only common words.
        typo_min_df: u32 = 4,
        /// Most words kept per task in the task table (the most telling ones).
        /// 0 → nothing is learned about tasks; large → long tails of weak words ship too.
        task_top_k: usize = 400,
        /// A word must occur in this many models of a task to count for it (noise floor).
        /// 1 → single models decide; large → only very common words are learned.
        task_min_count: u32 = 4,
        /// A model's evidence weighs `1 + task_popularity × log10(1 + downloads)`, so a thousand
        /// empty copies of one tutorial ("ppo-LunarLander", autotrain repos) do not outvote the
        /// models people use. 0 → every repo counts alike; large → only downloaded models teach.
        task_popularity: f32 = 1.0,
        /// Weight of the words of a model's id ("real-esrgan-x4-upscaler", "ppo-MountainCar")
        /// relative to its card words: most of the catalog has no card, but every model has an id.
        /// 0 → ids teach nothing about tasks; 1 → id words count like card words.
        task_name_weight: f32 = 1.0,
        /// Dirichlet smoothing towards the task's base rate (pseudo-models per word).
        /// 0 → a word seen twice in one task is certain; large → only very frequent words lift.
        task_smoothing: f32 = 8.0,
        /// Smallest log-lift kept: ln 3 means "three times more likely than chance".
        /// 0 → every positive association ships; large → only near-certain words.
        task_min_lift: f32 = 1.1,
        /// Words used by fewer models are not expanded (too little evidence).
        /// 1 → hapaxes get expansions; large → only common words.
        expand_min_df: u32 = 5,
        /// Words used by more models are not expanded: they match plenty on their own (and cost
        /// the most to learn). 0 → nothing expands; large → common words expand too (slower build).
        expand_max_df: u32 = 1500,
        /// A related word must be used by this many models (so it can help recall).
        /// 1 → rare names qualify; large → only common tag words.
        expand_target_min_df: u32 = 30,
        /// A related word used by more than this share of all models is too generic to expand
        /// to ("transformers", "safetensors").
        /// 0 → no target qualifies; 1 → any word may be a target.
        expand_target_max_share: f32 = 0.03,
        /// A related word must occur in this share of the word's models.
        /// 0 → any co-occurrence; 1 → only words present in every model that has the word.
        expand_min_share: f32 = 0.25,
        /// ...and in at least this many of them. 1 → a single model decides; large → only common pairs.
        expand_min_co: u32 = 3,
        /// ...and this many times more often than chance. 1 → chance co-occurrence counts;
        /// large → only words that nearly always travel together.
        expand_min_lift: f32 = 20.0,
        /// Most related words kept per word. 0 → no expansions; large → long lists.
        expand_top_k: usize = 3,
        /// A related word found for more source words than this is a hub of the co-occurrence
        /// graph — packaging and format tags ("gguf", "safetensors", "onnx") travel with
        /// everything — and is dropped as a target everywhere. 0 → no target survives;
        /// large → hubs stay (e.g. "analytics → gguf"). Dev sets: 8 and 15 kept every set at or
        /// above its score without expansions; 40 and more cost people MRR@10 0.655 → 0.645.
        expand_max_sources: u32 = 8,
    }
}

impl LearnParams {
    /// Sets `learn.<name>=value` (the prefix is optional).
    pub fn set(&mut self, assignment: &str) -> Result<(), crate::rank::knobs::KnobError> {
        let (name, value) = crate::rank::knobs::parse_assignment(assignment)?;
        let name = name.strip_prefix("learn.").unwrap_or(name);
        if self.set_knob(name, value) {
            Ok(())
        } else {
            Err(crate::rank::knobs::KnobError::Unknown {
                name: name.to_string(),
                known: crate::rank::knobs::names("learn.", LearnParams::KNOBS),
            })
        }
    }
}

/// Log-lifts are stored in 1/[`LIFT_SCALE`] nats (0–255 ↔ 0–8 nats).
pub const LIFT_SCALE: f32 = 32.0;

/// The learned section of the index.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Learned {
    /// Typo lexicon: words sorted, `word_ends[i]` ends word `i` in `word_arena`.
    pub word_arena: String,
    #[serde(with = "super::deltas")]
    pub word_ends: Vec<u32>,
    /// Models using each word.
    pub word_df: Vec<u32>,
    /// Task table, grouped by term (ascending term index): `task_terms[i]` is a term of the
    /// dictionary whose entries end at `task_ends[i]` in `task_codes` / `task_lifts`.
    #[serde(with = "super::deltas")]
    pub task_terms: Vec<u32>,
    #[serde(with = "super::deltas")]
    pub task_ends: Vec<u32>,
    /// Vocabulary code of the pipeline tag.
    pub task_codes: Vec<u16>,
    /// Log-lift in 1/[`LIFT_SCALE`] nats.
    pub task_lifts: ByteBuf,
    /// Smoothed share of the word's (popularity-weighted) tagged models that have the task,
    /// `P(task | word)` (0–255 ↔ 0–1): a word can lift a rare task a lot and still mostly mean
    /// another ("es" in a few Spanish audio repos), so deciding reads this too.
    pub task_posteriors: ByteBuf,
    /// Expansions, grouped by source term (ascending term index), like the task table.
    #[serde(with = "super::deltas")]
    pub expand_terms: Vec<u32>,
    #[serde(with = "super::deltas")]
    pub expand_ends: Vec<u32>,
    /// Term index of the related word.
    pub expand_targets: Vec<u32>,
    /// Share of the source's models that also have the target (0–255 ↔ 0–1).
    pub expand_shares: ByteBuf,
}

fn range(ends: &[u32], i: usize) -> std::ops::Range<usize> {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    start..ends[i] as usize
}

impl Learned {
    pub fn word_count(&self) -> usize {
        self.word_ends.len()
    }

    pub fn word(&self, i: usize) -> &str {
        &self.word_arena[range(&self.word_ends, i)]
    }

    /// Models using a typo-lexicon word (0 when it is not in the lexicon).
    pub fn word_df(&self, word: &str) -> u32 {
        let (mut lo, mut hi) = (0usize, self.word_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.word(mid).cmp(word) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.word_df[mid],
            }
        }
        0
    }

    /// (task vocabulary code, log-lift in nats) for a term index.
    pub fn tasks_of(&self, term: u32) -> impl Iterator<Item = (u16, f32)> + '_ {
        self.task_entries_of(term).map(|(c, lift, _)| (c, lift))
    }

    /// (task vocabulary code, log-lift in nats, `P(task | word)` 0–1) for a term index.
    pub fn task_entries_of(&self, term: u32) -> impl Iterator<Item = (u16, f32, f32)> + '_ {
        let r = self.task_terms.binary_search(&term).map(|i| range(&self.task_ends, i)).unwrap_or(0..0);
        r.map(move |e| {
            let posterior = self.task_posteriors.get(e).map_or(0.0, |&p| f32::from(p) / 255.0);
            (self.task_codes[e], f32::from(self.task_lifts[e]) / LIFT_SCALE, posterior)
        })
    }

    /// (related term index, share 0–1) for a term index.
    pub fn expansions_of(&self, term: u32) -> impl Iterator<Item = (u32, f32)> + '_ {
        let r = self.expand_terms.binary_search(&term).map(|i| range(&self.expand_ends, i)).unwrap_or(0..0);
        r.map(move |e| (self.expand_targets[e], f32::from(self.expand_shares[e]) / 255.0))
    }

    /// Structural checks (see [`super::validate`]): every slice and lookup stays in bounds.
    pub fn validate(&self, term_count: usize, vocab_len: usize) -> Result<(), String> {
        super::validate::check_ends("learned.word_ends", &self.word_ends, self.word_arena.len(), Some(&self.word_arena))?;
        super::validate::check_len("learned.word_df", self.word_df.len(), self.word_ends.len())?;
        for (name, terms, ends, entries) in [
            ("learned.task", &self.task_terms, &self.task_ends, self.task_codes.len()),
            ("learned.expand", &self.expand_terms, &self.expand_ends, self.expand_targets.len()),
        ] {
            super::validate::check_len(&format!("{name}_ends"), ends.len(), terms.len())?;
            super::validate::check_ends(&format!("{name}_ends"), ends, entries, None)?;
            if terms.windows(2).any(|w| w[0] >= w[1]) || terms.iter().any(|&t| t as usize >= term_count) {
                return Err(format!("{name}_terms are not ascending term indices"));
            }
        }
        super::validate::check_len("learned.task_lifts", self.task_lifts.len(), self.task_codes.len())?;
        super::validate::check_len("learned.task_posteriors", self.task_posteriors.len(), self.task_codes.len())?;
        super::validate::check_len("learned.expand_shares", self.expand_shares.len(), self.expand_targets.len())?;
        if self.task_codes.iter().any(|&c| c == 0 || c as usize > vocab_len) {
            return Err("learned.task_codes refer to no vocabulary entry".into());
        }
        if self.expand_targets.iter().any(|&t| t as usize >= term_count) {
            return Err("learned.expand_targets refer to no term".into());
        }
        Ok(())
    }
}

/// Whether a card word is worth a place in the typo lexicon: alphabetic, 4–20 characters.
pub fn typo_word(word: &str) -> bool {
    let n = word.chars().count();
    (4..=20).contains(&n) && word.chars().all(char::is_alphabetic)
}

/// Per-term counts the writer keeps while adding models.
#[derive(Default)]
pub struct TermCounts {
    /// Per pipeline tag (vocab code): models that use the term, and their summed evidence
    /// weight ([`model_weight`], times `task_name_weight` when only the id has the word).
    pub tasks: Vec<(u16, u32, f32)>,
}

impl TermCounts {
    pub fn add_task(&mut self, task: u16, weight: f32) {
        match self.tasks.iter_mut().find(|t| t.0 == task) {
            Some(t) => {
                t.1 += 1;
                t.2 += weight;
            }
            None => self.tasks.push((task, 1, weight)),
        }
    }
}

/// How much one model's words teach the task table (see `task_popularity`).
pub fn model_weight(params: &LearnParams, downloads: u64) -> f32 {
    1.0 + params.task_popularity * ((1.0 + downloads as f64).log10() as f32)
}

/// One term as [`learn`] sees it after the dictionary is sorted.
pub struct LearnTerm<'a> {
    pub text: &'a str,
    pub doc_freq: u32,
    pub counts: &'a TermCounts,
    /// Its documents (ascending).
    pub docs: Vec<u32>,
}

/// What the writer gathered, ready to be turned into [`Learned`].
pub struct LearnInput<'a> {
    pub params: &'a LearnParams,
    pub doc_count: usize,
    /// Summed evidence weight ([`model_weight`]) of the models with each task (vocab code).
    pub task_docs: &'a std::collections::HashMap<u16, f32>,
    /// Surface word → models using it.
    pub surfaces: &'a rustc_hash::FxHashMap<String, u32>,
    /// Per doc, final term indices of its tag and task words.
    pub tag_terms: &'a [u32],
    pub tag_ends: &'a [u32],
}

/// Builds the learned section. `terms` is the sorted dictionary (index = term index).
pub fn learn(input: &LearnInput<'_>, terms: &[LearnTerm<'_>]) -> Learned {
    let p = input.params;
    let mut out = Learned::default();

    // Typo lexicon.
    let mut words: Vec<(&String, u32)> = input.surfaces.iter().filter(|(_, &df)| df >= p.typo_min_df).map(|(w, &df)| (w, df)).collect();
    words.sort_unstable();
    for (w, df) in words {
        out.word_arena.push_str(w);
        out.word_ends.push(out.word_arena.len() as u32);
        out.word_df.push(df);
    }

    // Task table: per task, candidates (term, lift, rank key).
    // Counts are weighted by popularity (`model_weight`): base rates and word evidence alike.
    let tagged: f32 = input.task_docs.values().sum();
    let mut per_task: std::collections::HashMap<u16, Vec<(u32, f32, f32, f32)>> = std::collections::HashMap::new();
    if tagged > 0.0 && p.task_top_k > 0 {
        for (ti, t) in terms.iter().enumerate() {
            let n_w: u32 = t.counts.tasks.iter().map(|x| x.1).sum();
            if n_w < p.task_min_count {
                continue;
            }
            let w_w: f32 = t.counts.tasks.iter().map(|x| x.2).sum();
            for &(task, n_wt, w_wt) in &t.counts.tasks {
                if n_wt < p.task_min_count {
                    continue;
                }
                let base = input.task_docs.get(&task).copied().unwrap_or(1.0).max(1e-6) / tagged;
                let posterior = (w_wt + p.task_smoothing * base) / (w_w + p.task_smoothing);
                let lift = (posterior / base).ln();
                if lift >= p.task_min_lift {
                    // Rank by evidence as well as strength: a word seen in 500 models of the task
                    // beats one seen in 4 with the same lift.
                    per_task.entry(task).or_default().push((ti as u32, lift, lift * (1.0 + w_wt).ln(), posterior));
                }
            }
        }
    }
    let mut entries: Vec<(u32, u16, u8, u8)> = Vec::new();
    for (task, mut cands) in per_task {
        cands.sort_unstable_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        for (term, lift, _, posterior) in cands.into_iter().take(p.task_top_k) {
            let byte = |x: f32, scale: f32| (x * scale).round().clamp(1.0, 255.0) as u8;
            entries.push((term, task, byte(lift, LIFT_SCALE), byte(posterior, 255.0)));
        }
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(&b.1)));
    for (term, task, lift, posterior) in entries {
        if out.task_terms.last() != Some(&term) {
            if !out.task_terms.is_empty() {
                out.task_ends.push(out.task_codes.len() as u32);
            }
            out.task_terms.push(term);
        }
        out.task_codes.push(task);
        out.task_lifts.push(lift);
        out.task_posteriors.push(posterior);
    }
    if !out.task_terms.is_empty() {
        out.task_ends.push(out.task_codes.len() as u32);
    }

    // Expansions: co-occurrence of a word with the tag / name / task words of its models.
    let n = input.doc_count.max(1) as f32;
    let mut counter: Vec<u32> = vec![0; terms.len()];
    let mut touched: Vec<u32> = Vec::new();
    // (source, its targets best first); hubs are dropped once every list is known.
    let mut lists: Vec<(u32, Vec<(u32, f32)>)> = Vec::new();
    if p.expand_top_k > 0 {
        for (si, s) in terms.iter().enumerate() {
            if s.doc_freq < p.expand_min_df.max(1) || s.doc_freq > p.expand_max_df || !typo_word(s.text) {
                continue;
            }
            for &d in &s.docs {
                let d = d as usize;
                if d >= input.tag_ends.len() {
                    continue;
                }
                let start = if d == 0 { 0 } else { input.tag_ends[d - 1] as usize };
                for &t in &input.tag_terms[start..input.tag_ends[d] as usize] {
                    if counter[t as usize] == 0 {
                        touched.push(t);
                    }
                    counter[t as usize] += 1;
                }
            }
            let df_s = s.doc_freq as f32;
            let mut best: Vec<(u32, f32)> = Vec::new();
            for &t in &touched {
                let c = counter[t as usize];
                counter[t as usize] = 0;
                let target = &terms[t as usize];
                let generic = target.doc_freq as f32 > p.expand_target_max_share * n;
                if t as usize == si || c < p.expand_min_co || target.doc_freq < p.expand_target_min_df || generic || !typo_word(target.text)
                {
                    continue;
                }
                let share = c as f32 / df_s;
                let lift = share / (target.doc_freq as f32 / n);
                if share >= p.expand_min_share && lift >= p.expand_min_lift {
                    best.push((t, share));
                }
            }
            touched.clear();
            if best.is_empty() {
                continue;
            }
            best.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            lists.push((si as u32, best));
        }
    }
    // In-degree over the untruncated lists: a hub is a hub wherever it ranks.
    let mut sources_of: Vec<u32> = vec![0; terms.len()];
    for (_, best) in &lists {
        for &(t, _) in best {
            sources_of[t as usize] += 1;
        }
    }
    for (si, mut best) in lists {
        best.retain(|&(t, _)| sources_of[t as usize] <= p.expand_max_sources);
        best.truncate(p.expand_top_k);
        if best.is_empty() {
            continue;
        }
        out.expand_terms.push(si);
        for (t, share) in best {
            out.expand_targets.push(t);
            out.expand_shares.push((share * 255.0).round().clamp(1.0, 255.0) as u8);
        }
        out.expand_ends.push(out.expand_targets.len() as u32);
    }
    out
}

/// A small catalog for tests of what is learned and how queries use it.
#[cfg(test)]
pub(crate) mod testing {
    use crate::facts::{ModelFacts, ModelInstance, Source};
    use crate::index::{Index, IndexWriter, LearnParams};
    use crate::template::Field;

    /// A small catalog: upscalers say "upscale", emotion classifiers say "angry" and carry the
    /// tag "emotion", and plenty of filler models say neither.
    pub fn catalog() -> Index {
        let params = LearnParams {
            task_min_count: 2,
            expand_min_df: 2,
            expand_target_min_df: 2,
            expand_target_max_share: 0.5,
            expand_min_lift: 2.0,
            ..Default::default()
        };
        let mut w = IndexWriter::new("t").with_learn_params(params);
        let mut add = |id: String, task: &str, text: &str, keywords: &[&str]| {
            let mut m = ModelInstance { id, facts: ModelFacts { task: Some(task.into()), ..Default::default() }, ..Default::default() };
            m.put(Field::Function, text.into(), Source::CardText);
            m.keywords = keywords.iter().map(|k| k.to_string()).collect();
            w.add(&m);
        };
        for i in 0..6 {
            add(format!("a/up{i}"), "image-to-image", "upscale old photos to a higher resolution", &["esrgan"]);
            add(format!("b/emo{i}"), "text-classification", "tells whether a text is angry, happy or sad", &["emotion"]);
        }
        for i in 0..30 {
            add(format!("c/filler{i}"), "text-generation", "a general chat model for many things", &["chat"]);
        }
        w.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::catalog;
    use super::LearnParams;
    use crate::facts::{ModelFacts, ModelInstance, Source};
    use crate::index::{decode, encode, Index, IndexWriter};
    use crate::template::Field;

    #[test]
    fn the_catalog_teaches_tasks_words_and_related_words() {
        let index = catalog();
        let l = &index.learned;
        let tasks_of = |word: &str| -> Vec<String> {
            let t = index.term_index(word).unwrap() as u32;
            l.tasks_of(t).map(|(c, _)| index.vocab.get(c).unwrap().to_string()).collect()
        };
        assert_eq!(tasks_of("upscal"), vec!["image-to-image"]);
        assert_eq!(tasks_of("angri"), vec!["text-classification"]);
        // Most models here chat: saying "chat" barely raises the odds of any task.
        assert!(tasks_of("chat").is_empty());
        let angry = index.term_index("angri").unwrap() as u32;
        let related: Vec<&str> = l.expansions_of(angry).map(|(t, _)| index.term_text(t as usize)).collect();
        assert!(related.contains(&"emot"), "{related:?}");
        assert!(l.word_df("upscale") >= 6 && l.word_df("nonexistent") == 0);
        // The learned section survives the codec and its checks.
        let back = decode(&encode(&index)).unwrap();
        assert_eq!(back.learned, index.learned);
    }

    /// A catalog where ten empty text-generation copies say "walker" and three downloaded
    /// reinforcement-learning agents say it in their ids only ("ppo-walker"); every model also
    /// carries the packaging tag "gguf" or "onnx" beside a topic tag.
    fn flooded(params: LearnParams) -> Index {
        let mut w = IndexWriter::new("t").with_learn_params(params);
        let mut add = |id: String, task: &str, text: &str, downloads: u64, keywords: &[&str]| {
            let facts = ModelFacts { task: Some(task.into()), downloads, ..Default::default() };
            let mut m = ModelInstance { id, facts, ..Default::default() };
            m.put(Field::Function, text.into(), Source::CardText);
            m.keywords = keywords.iter().map(|k| k.to_string()).collect();
            w.add(&m);
        };
        for i in 0..10 {
            add(format!("toy/walker-copy{i}"), "text-generation", "walker copy", 0, &["gguf"]);
        }
        for i in 0..3 {
            add(format!("rl/ppo-walker{i}"), "reinforcement-learning", "an agent for the environment", 5_000_000, &["onnx", "locomotion"]);
        }
        for topic in ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"] {
            for j in 0..3 {
                add(format!("x/{topic}{j}"), "fill-mask", &format!("{topic} words"), 10, &["onnx", &format!("{topic}tag")]);
            }
        }
        for i in 0..20 {
            add(format!("f/filler{i}"), "text-classification", "plain filler", 10, &[]);
        }
        w.finish()
    }

    fn best_task(index: &Index, word: &str) -> Option<(String, f32)> {
        let t = index.term_index(word)? as u32;
        let (code, _, posterior) = index.learned.task_entries_of(t).max_by(|a, b| a.2.total_cmp(&b.2))?;
        Some((index.vocab.get(code).unwrap().to_string(), posterior))
    }

    fn small(params: LearnParams) -> LearnParams {
        LearnParams {
            task_min_count: 2,
            task_min_lift: 0.3,
            expand_min_df: 2,
            expand_target_min_df: 2,
            expand_target_max_share: 0.6,
            expand_min_lift: 1.5,
            ..params
        }
    }

    #[test]
    fn downloads_outweigh_empty_copies_and_ids_teach_tasks() {
        // Every repo alike: the ten copies make "walker" a text-generation word.
        let flat = flooded(small(LearnParams { task_popularity: 0.0, ..Default::default() }));
        assert_eq!(best_task(&flat, "walker").unwrap().0, "text-generation");
        // Weighted by downloads, the three agents people use decide, and say so with a posterior.
        let weighted = flooded(small(LearnParams::default()));
        let (task, posterior) = best_task(&weighted, "walker").unwrap();
        assert_eq!(task, "reinforcement-learning");
        assert!(posterior > 0.5, "{posterior}");
        // "ppo" is only in the agents' ids: it teaches nothing when ids do not count.
        assert_eq!(best_task(&weighted, "ppo").unwrap().0, "reinforcement-learning");
        let no_ids = flooded(small(LearnParams { task_name_weight: 0.0, ..Default::default() }));
        assert!(best_task(&no_ids, "ppo").is_none());
    }

    #[test]
    fn hub_tags_are_no_expansion_targets() {
        let related = |index: &Index, word: &str| -> Vec<String> {
            let t = index.term_index(word).unwrap() as u32;
            index.learned.expansions_of(t).map(|(t, _)| index.term_text(t as usize).to_string()).collect()
        };
        // "onnx" travels with every topic: with hubs kept it is a target of many words.
        let kept = flooded(small(LearnParams { expand_max_sources: 1000, ..Default::default() }));
        assert!(related(&kept, "alpha").contains(&"onnx".to_string()), "{:?}", related(&kept, "alpha"));
        let dropped = flooded(small(LearnParams { expand_max_sources: 3, ..Default::default() }));
        let alpha = related(&dropped, "alpha");
        assert!(!alpha.contains(&"onnx".to_string()) && alpha.contains(&"alphatag".to_string()), "{alpha:?}");
    }

    #[test]
    fn a_broken_learned_section_is_refused() {
        let index = catalog();
        let mut bad = index.clone();
        bad.learned.task_codes[0] = 9999;
        assert!(bad.learned.validate(bad.term_count(), bad.vocab.words.len()).is_err());
        let mut bad = index.clone();
        bad.learned.expand_targets[0] = u32::MAX;
        assert!(bad.learned.validate(bad.term_count(), bad.vocab.words.len()).is_err());
        let mut bad = index.clone();
        bad.learned.task_posteriors.pop();
        assert!(bad.learned.validate(bad.term_count(), bad.vocab.words.len()).is_err());
        let mut bad = index;
        bad.learned.word_ends.push(u32::MAX);
        assert!(bad.learned.validate(bad.term_count(), bad.vocab.words.len()).is_err());
    }
}

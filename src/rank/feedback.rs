//! Pseudo-relevance feedback for intent: when the request's words name no task, the models its
//! words match best say which task it is about.
//!
//! Why: a plain-language request ("photos I take at night come out almost black") often uses no
//! cue phrase at all, yet the well-used models whose cards and ids match its words mostly share
//! one pipeline tag. Reading that tag off the first-pass ranking needs no list of our own: the
//! catalog votes. Only models with at least `feedback_min_downloads` downloads vote (toy copies
//! whose names happen to hold a word do not), each with its word-match score, and the task
//! becomes a soft intent only when the vote is concentrated (`feedback_min_share`) and well above
//! the task's share of all well-used models (`feedback_min_lift`, the contrast against the
//! collection that relevance-model feedback uses): long, popular chat-model cards match a little of
//! everything, so text-generation wins many votes by its size alone. The explanation says so:
//! "most well-used models matching the words are image-to-image".

use super::intent::TaskIntent;
use super::params::RankParams;
use super::scorer::ScoreParts;
use crate::index::Index;

/// How the well-used models of the whole catalog split over tasks (computed once per engine).
#[derive(Clone, Debug, Default)]
pub struct FeedbackBase {
    /// Well-used models per task code.
    per_task: rustc_hash::FxHashMap<u16, u32>,
    total: u32,
}

impl FeedbackBase {
    pub fn new(index: &Index, params: &RankParams) -> FeedbackBase {
        let mut base = FeedbackBase::default();
        for (&task, &downloads) in index.docs.task.iter().zip(&index.docs.downloads) {
            if task != 0 && downloads >= params.feedback_min_downloads {
                *base.per_task.entry(task).or_insert(0) += 1;
                base.total += 1;
            }
        }
        base
    }

    /// The task's share of all well-used models (0 when unknown).
    pub fn share(&self, task: u16) -> f32 {
        if self.total == 0 {
            return 0.0;
        }
        self.per_task.get(&task).copied().unwrap_or(0) as f32 / self.total as f32
    }
}

/// The task most well-used word matches share, if the vote is concentrated enough and well above
/// the task's share of the catalog, with the share of the vote it won.
pub fn feedback_task(index: &Index, base: &FeedbackBase, scored: &[(u32, ScoreParts)], params: &RankParams) -> Option<(u16, f32)> {
    if params.feedback_top == 0 {
        return None;
    }
    let mut voters: Vec<(f32, u16)> = scored
        .iter()
        .filter(|(_, p)| p.bm25f > 0.0)
        .filter_map(|&(d, p)| {
            let d = d as usize;
            let task = *index.docs.task.get(d)?;
            let used = index.docs.downloads.get(d).is_some_and(|&n| n >= params.feedback_min_downloads);
            (task != 0 && used).then_some((p.bm25f, task))
        })
        .collect();
    if voters.len() < params.feedback_min_voters.max(1) {
        return None;
    }
    let k = params.feedback_top.min(voters.len());
    if voters.len() > k {
        voters.select_nth_unstable_by(k - 1, |a, b| b.0.total_cmp(&a.0));
        voters.truncate(k);
    }
    let total: f32 = voters.iter().map(|v| v.0).sum();
    if total <= 0.0 {
        return None;
    }
    let mut tally: Vec<(u16, f32)> = Vec::new();
    for &(score, task) in &voters {
        match tally.iter_mut().find(|t| t.0 == task) {
            Some(t) => t.1 += score,
            None => tally.push((task, score)),
        }
    }
    let lifted = |&(task, votes): &(u16, f32)| votes / total >= params.feedback_min_lift * base.share(task);
    let (task, votes) = tally.into_iter().filter(lifted).max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
    let share = votes / total;
    (share >= params.feedback_min_share).then_some((task, share))
}

/// Applies the feedback task (see the module doc) to a first-pass scoring when the request named
/// no task: its models get the task bonus at `feedback_confidence × share`, and the intent is
/// returned for the explanation. Nothing changes when an intent is already known.
pub fn apply_feedback(
    index: &Index,
    base: &FeedbackBase,
    scored: &mut [(u32, ScoreParts)],
    intents: &[TaskIntent],
    params: &RankParams,
) -> Option<TaskIntent> {
    if !intents.is_empty() || params.feedback_confidence <= 0.0 {
        return None;
    }
    let (code, share) = feedback_task(index, base, scored, params)?;
    let tag = index.vocab.get(code)?.to_string();
    let confidence = params.feedback_confidence * share;
    let bonus = params.task_bonus * confidence;
    for (d, parts) in scored.iter_mut() {
        if index.docs.task.get(*d as usize) == Some(&code) {
            parts.task_bonus = parts.task_bonus.max(bonus);
        }
    }
    let because = format!("most well-used models matching the words are {tag} ({:.0}% of the best matches)", share * 100.0);
    Some(TaskIntent { tag, confidence, because })
}

#[cfg(test)]
mod tests {
    use crate::facts::{ModelFacts, ModelInstance, Source};
    use crate::index::IndexWriter;
    use crate::select::Engine;
    use crate::template::{Field, Template};

    /// Brightening night photos: the well-used models saying "night" and "brighten" restore
    /// images; a chat model and a toy repo say "night" too.
    fn engine() -> Engine {
        let mut w = IndexWriter::new("t");
        let mut add = |id: &str, task: &str, text: &str, downloads: u64| {
            let facts = ModelFacts { task: Some(task.into()), downloads, ..Default::default() };
            let mut m = ModelInstance { id: id.into(), facts, ..Default::default() };
            m.put(Field::Function, text.into(), Source::CardText);
            w.add(&m);
        };
        add("a/night-enhancer", "image-to-image", "brighten dark night photos, low light enhancement", 5000);
        add("a/lowlight", "image-to-image", "low light enhancement for photos taken at night", 800);
        add("a/denoise", "image-to-image", "remove noise from dark photos", 300);
        add("b/night-chat", "text-generation", "a chat model that talks at night", 200);
        add("c/night-toy", "text-classification", "night night night brighten dark photos", 0);
        // Well-used models of another task: image-to-image is rare among well-used models, so a
        // vote for it is well above its share of the catalog.
        for i in 0..20 {
            add(&format!("d/filler{i}"), "fill-mask", "a masked language model", 500);
        }
        Engine::new(w.finish())
    }

    #[test]
    fn well_used_matches_vote_for_the_task_and_say_so() {
        let mut e = engine();
        let request = Template { function: Some("my night photos are too dark, brighten them".into()), ..Default::default() };
        let s = e.select(&request, 3);
        let intent = s.intents.iter().find(|i| i.because.starts_with("most well-used models")).expect("a feedback intent");
        assert_eq!(intent.tag, "image-to-image", "{:?}", s.intents);
        // The toy repo matches more words but has no downloads: it neither votes nor leads.
        assert_eq!(s.results[0].id, "a/night-enhancer");
        assert!(s.results[0].explanation.task_intent.as_deref().unwrap_or("").contains("most well-used models"));
        // Off: no feedback intent.
        e.params.set("feedback_top=0").unwrap();
        let s = e.select(&request, 3);
        assert!(!s.intents.iter().any(|i| i.because.starts_with("most well-used models")), "{:?}", s.intents);
    }

    #[test]
    fn a_split_vote_says_nothing() {
        let mut e = engine();
        e.params.set("feedback_min_share=0.9").unwrap();
        // "night" alone: image models and the chat model split the vote.
        let s = e.select(&Template { function: Some("something for the night".into()), ..Default::default() }, 3);
        assert!(!s.intents.iter().any(|i| i.because.starts_with("most well-used models")), "{:?}", s.intents);
    }
}

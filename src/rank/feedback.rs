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

use super::intent::detect_intents;
use super::intent::TaskIntent;
use super::params::RankParams;
use super::query::Query;
use super::scorer::{ScoreParts, Scorer};
use crate::analysis::Lexicon;
use crate::index::{Index, SearchField};
use crate::template::{Field, Template};

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
    let voters = scored.iter().filter(|(_, p)| p.bm25f > 0.0).map(|&(d, p)| (d, p.bm25f));
    vote(index, base, voters, params, params.feedback_min_share)
}

/// The vote itself: the `feedback_top` best of `matches` (doc, match score) among models
/// downloaded at least `min_downloads` times, weighted by score; the winning task (lifted above
/// its catalog share) and its share, when the share reaches `min_share`.
fn vote(
    index: &Index,
    base: &FeedbackBase,
    matches: impl Iterator<Item = (u32, f32)>,
    params: &RankParams,
    min_share: f32,
) -> Option<(u16, f32)> {
    let tally = tally(index, matches, params, params.feedback_min_downloads)?;
    let (task, share) = winner(base, &tally, params, None)?;
    (share >= min_share).then_some((task, share))
}

/// Each task's share of the vote of the `feedback_top` best matches (see [`vote`]); `None` with
/// fewer than `feedback_min_voters` voters.
fn tally(index: &Index, matches: impl Iterator<Item = (u32, f32)>, params: &RankParams, min_downloads: u64) -> Option<Vec<(u16, f32)>> {
    if params.feedback_top == 0 {
        return None;
    }
    let mut voters: Vec<(f32, u16)> = matches
        .filter_map(|(d, score)| {
            let d = d as usize;
            let task = *index.docs.task.get(d)?;
            let used = index.docs.downloads.get(d).is_some_and(|&n| n >= min_downloads);
            (task != 0 && used && score > 0.0).then_some((score, task))
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
            Some(t) => t.1 += score / total,
            None => tally.push((task, score / total)),
        }
    }
    Some(tally)
}

/// The task with the largest share that is `feedback_min_lift` times its share of the catalog
/// (and is not `except`).
fn winner(base: &FeedbackBase, tally: &[(u16, f32)], params: &RankParams, except: Option<u16>) -> Option<(u16, f32)> {
    tally
        .iter()
        .copied()
        .filter(|&(task, share)| Some(task) != except && share >= params.feedback_min_lift * base.share(task))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
}

/// Search fields where a model is *named* for something: its id, its tags, its function text.
const NAMING_FIELDS: [SearchField; 3] = [SearchField::Name, SearchField::Keywords, SearchField::Function];

/// Specific-word feedback: when the `task` field names a task the request's sentence does not, but the
/// request's own rare words — names of methods, datasets, models ("doc2query", "msmarco", "qqp"),
/// used by at most `specific_max_df` models — name a coherent set of well-used models of another
/// task, that task is followed and the read one becomes a hint (`intent.task_hint_share`).
///
/// Why: a developer who writes "doc2query / docT5query expansion, msmarco t5" under
/// `task: question-answering` knows the models by name better than the Hub's tag for them; a task
/// bonus would otherwise bury every named model under question-answering ones. Only the user's own
/// words vote (no synonyms, glosses or learned expansions, no task-field words), and only in the
/// fields that name a model (id, tags, function). Task bonuses of `scored` are recomputed; the
/// returned intents replace the read ones and say which was followed.
pub fn apply_specific_words(
    index: &Index,
    lexicon: &Lexicon,
    request: &Template,
    scorer: &Scorer,
    query: &Query,
    scored: &mut [(u32, ScoreParts)],
    params: &RankParams,
) -> Option<Vec<TaskIntent>> {
    let lead = query.intents.iter().max_by(|a, b| a.confidence.total_cmp(&b.confidence))?;
    // In another language than English every word is rare in a mostly English catalog: rarity
    // says nothing about naming there.
    if params.specific_confidence <= 0.0 || params.specific_max_df == 0 || query.language.is_some() {
        return None;
    }
    // Only a task the developer named in the `task` field, and that the request's own sentence
    // does not name too ("reranker for site search" under `task: text-ranking` agrees): a task
    // read from the words is the words' own reading.
    // (The sentence is read last: only when the rest holds.)
    if !lead.because.starts_with("task field") {
        return None;
    }
    let own: Vec<_> = query.terms.iter().filter(|t| t.via.is_none() && t.from_field != Field::Task).collect();
    let rare: Vec<(&str, f32, &str)> = own
        .iter()
        .filter(|t| index.term(&t.term).is_some_and(|e| e.doc_freq <= params.specific_max_df))
        .map(|t| (t.term.as_str(), t.weight, t.surface.as_str()))
        .collect();
    // Jargon is mostly names: a request whose own words are mostly common describes its need,
    // and its rarer words ("sad", "house") are labels and examples, not names.
    if rare.is_empty() || (rare.len() as f32) < params.specific_min_rare_share * own.len() as f32 {
        return None;
    }
    let weighted: Vec<(&str, f32)> = rare.iter().map(|r| (r.0, r.1)).collect();
    let scores = scorer.term_scores(index, &weighted, &NAMING_FIELDS);
    let matches = scores.iter().map(|(&d, &s)| (d, s));
    let tally = tally(index, matches, params, params.specific_min_downloads)?;
    // The read task must have (almost) no part in what the words name: then they name something else.
    let lead_code = scorer.task_code(&lead.tag);
    let read_share = tally.iter().filter(|t| Some(t.0) == lead_code).map(|t| t.1).sum::<f32>();
    if read_share > params.specific_max_read_share {
        return None;
    }
    let sentence = Template { task: None, ..request.clone() };
    if detect_intents(lexicon, &sentence, &params.intent).iter().any(|i| i.tag == lead.tag) {
        return None;
    }
    // A task the words' models concentrate on is followed; a split vote only makes the read task a hint.
    let followed = winner(&scorer.feedback_base, &tally, params, lead_code)
        .filter(|w| w.1 >= params.specific_min_share)
        .and_then(|(code, share)| Some((code, index.vocab.get(code)?.to_string(), share)));
    if followed.as_ref().is_some_and(|f| query.intents.iter().any(|i| i.tag == f.1 && i.confidence >= lead.confidence)) {
        return None;
    }
    // The words that named those models (the followed task's, else any other task's), most telling first.
    let names = |task: u16| match &followed {
        Some(f) => task == f.0,
        None => task != 0 && Some(task) != lead_code,
    };
    let mut named: Vec<(f32, &str)> = Vec::new();
    for &(term, weight, surface) in &rare {
        let Some(entry) = index.term(term) else { continue };
        let hits = crate::index::postings::PostingIter::new(entry.postings)
            .filter(|p| index.docs.task.get(p.doc as usize).is_some_and(|&t| names(t)))
            .any(|p| p.fields.chunks_exact(2).any(|pair| NAMING_FIELDS.iter().any(|f| *f as u8 == pair[0])));
        if hits {
            named.push((weight * super::scorer::idf(index.doc_count(), entry.doc_freq), surface));
        }
    }
    named.sort_by(|a, b| b.0.total_cmp(&a.0));
    let words: Vec<String> = named.iter().take(3).map(|w| format!("'{}'", w.1)).collect();
    let words = words.join(", ");
    let what = match &followed {
        Some((_, tag, _)) => format!("{words} name {tag} models"),
        None if read_share < 0.005 => format!("{words} name models of other tasks (none of the best matches is {})", lead.tag),
        None => format!("{words} name models of other tasks (only {:.0}% of the best matches are {})", read_share * 100.0, lead.tag),
    };
    let mut intents = Vec::new();
    if let Some((_, tag, share)) = &followed {
        let read: Vec<&str> = query.intents.iter().filter(|i| &i.tag != tag).map(|i| i.tag.as_str()).collect();
        intents.push(TaskIntent {
            tag: tag.clone(),
            confidence: params.specific_confidence,
            because: format!(
                "{what} ({:.0}% of the best matches of the request's rarest words) — followed over '{}'",
                share * 100.0,
                read.join(", ")
            ),
        });
    }
    for i in query.intents.iter().filter(|i| followed.as_ref().is_none_or(|f| i.tag != f.1)) {
        let source =
            if i.because.starts_with("task field") { format!("task field '{}'", i.tag) } else { format!("'{}' ({})", i.tag, i.because) };
        intents.push(TaskIntent {
            tag: i.tag.clone(),
            confidence: i.confidence.min(params.intent.task_hint_share),
            because: format!("{source} followed as a hint: {what}"),
        });
    }
    // Each model's task bonus is its task's confidence among the new intents.
    let bonus: Vec<(u16, f32)> =
        intents.iter().filter_map(|i| Some((scorer.task_code(&i.tag)?, params.task_bonus * i.confidence))).collect();
    for (d, parts) in scored.iter_mut() {
        let task = index.docs.task.get(*d as usize).copied().unwrap_or(0);
        parts.task_bonus = bonus.iter().filter(|b| b.0 == task).map(|b| b.1).fold(0.0, f32::max);
    }
    Some(intents)
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

    /// Adds a model with a task, a function text and a download count.
    fn add(w: &mut IndexWriter, id: &str, task: &str, text: &str, downloads: u64) {
        let facts = ModelFacts { task: Some(task.into()), downloads, ..Default::default() };
        let mut m = ModelInstance { id: id.into(), facts, ..Default::default() };
        m.put(Field::Function, text.into(), Source::CardText);
        w.add(&m);
    }

    /// Brightening night photos: the well-used models saying "night" and "brighten" restore
    /// images; a chat model and a toy repo say "night" too.
    fn engine() -> Engine {
        let mut w = IndexWriter::new("t");
        let mut add = |id: &str, task: &str, text: &str, downloads: u64| add(&mut w, id, task, text, downloads);
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

    /// Query-generation models named by their method ("doc2query") are text2text-generation,
    /// while the request's task field says question-answering.
    fn named_engine() -> Engine {
        let mut w = IndexWriter::new("t");
        let mut add = |id: &str, task: &str, text: &str, downloads: u64| add(&mut w, id, task, text, downloads);
        add("castorini/doc2query-t5-base-msmarco", "text2text-generation", "doc2query: generate queries for a passage, msmarco", 3000);
        add("castorini/doc2query-t5-large-msmarco", "text2text-generation", "doc2query expansion of passages, trained on msmarco", 900);
        add("beir/query-gen-msmarco-t5", "text2text-generation", "query generation for doc2query style expansion", 500);
        add("nboost/msmarco-passage-encoder", "feature-extraction", "msmarco passage encoder", 400);
        add("a/squad-qa", "question-answering", "extractive question answering on squad", 90000);
        add("b/web-qa", "question-answering", "answer questions from web documents", 200);
        for i in 0..20 {
            add(&format!("q/qa{i}"), "question-answering", "question answering model for documents", 1000);
            add(&format!("d/filler{i}"), "fill-mask", "a masked language model", 500);
        }
        Engine::new(w.finish())
    }

    #[test]
    fn rare_own_words_naming_other_models_turn_the_task_field_into_a_hint() {
        let mut e = named_engine();
        let request = Template {
            task: Some("question-answering".into()),
            function: Some("doc2query expansion of passages, msmarco".into()),
            ..Default::default()
        };
        let s = e.select(&request, 3);
        let ids: Vec<&str> = s.results.iter().map(|r| r.id.as_str()).collect();
        assert!(ids[0].starts_with("castorini/doc2query"), "{ids:?} {:?}", s.intents);
        let followed = &s.intents[0];
        assert_eq!(followed.tag, "text2text-generation", "{:?}", s.intents);
        assert!(
            followed.because.contains("'doc2query'") && followed.because.contains("followed over 'question-answering'"),
            "{followed:?}"
        );
        let hint = s.intents.iter().find(|i| i.tag == "question-answering").expect("the field stays");
        assert!(hint.confidence < 1.0 && hint.because.starts_with("task field 'question-answering' followed as a hint"), "{hint:?}");
        let qa = s.results.iter().find(|r| r.id.starts_with("a/") || r.id.starts_with("q/"));
        assert!(qa.is_none_or(|r| r.explanation.task_bonus < e.params.task_bonus), "{qa:?}");
        // Off: the field decides at full strength.
        e.params.set("specific_confidence=0").unwrap();
        let s = e.select(&request, 3);
        assert_eq!((s.intents[0].tag.as_str(), s.intents[0].confidence), ("question-answering", 1.0), "{:?}", s.intents);
    }

    #[test]
    fn rare_words_naming_the_fields_own_task_or_a_sentence_naming_it_leave_it_alone() {
        let mut e = named_engine();
        // The words name text2text-generation models, and the field says so.
        let request = Template {
            task: Some("text2text-generation".into()),
            function: Some("doc2query expansion of passages, msmarco".into()),
            ..Default::default()
        };
        let s = e.select(&request, 3);
        assert_eq!(s.intents.len(), 1, "{:?}", s.intents);
        assert_eq!((s.intents[0].tag.as_str(), s.intents[0].confidence), ("text2text-generation", 1.0), "{:?}", s.intents);
        // The sentence itself asks for question answering: the field stands.
        let request = Template {
            task: Some("question-answering".into()),
            function: Some("answer questions about msmarco passages, doc2query".into()),
            ..Default::default()
        };
        let s = e.select(&request, 3);
        assert_eq!((s.intents[0].tag.as_str(), s.intents[0].confidence), ("question-answering", 1.0), "{:?}", s.intents);
    }
}

//! Task intent learned from the catalog: which tasks a request's words point at, by the index's
//! word → task table (a bounded naive-Bayes / log-odds table, see [`crate::index::learned`]).
//!
//! Why beside the cue phrases: cues are precise but only cover phrasings someone wrote down;
//! the table knows how tens of thousands of models describe themselves ("upscale", "nsfw",
//! "locomotion", "angry"), in whatever language their cards use. Each request word adds its
//! log-lift to every task it points at (naive Bayes with the words as independent evidence);
//! the tasks that clearly lead become intents, and the explanation names the words that decided.
//! Cues stay first: learned tasks fill in where no cue fired, agree with (and explain) cue
//! intents, and join them only when the evidence is strong.

use super::intent::TaskIntent;
use super::params::RankParams;
use crate::analysis::Lexicon;
use crate::index::Index;
use crate::knowledge::request_language;
use crate::template::{Field, Template};

/// One task the learned table points at.
#[derive(Clone, Debug, PartialEq)]
pub struct LearnedTask {
    pub tag: String,
    /// Sum of the words' log-lifts (nats).
    pub score: f32,
    /// The request words that pointed here, strongest first.
    pub words: Vec<String>,
    /// The strongest single word's log-lift.
    pub top_lift: f32,
    /// The highest `P(task | word)` among its words (0–1).
    pub top_posterior: f32,
}

/// The fields whose words describe what the model should do.
const FIELDS: [Field; 6] = [Field::Task, Field::Function, Field::InputFormat, Field::OutputFormat, Field::Domain, Field::Others];

/// Tasks the request's words point at, best first. Stop words and the function words of the
/// request's language (`language`, an ISO code) say nothing about a task and are skipped, and a
/// word counts for a task only when at least `learned_word_min_posterior` of the models using it
/// have that task.
pub fn learned_tasks(
    index: &Index,
    lexicon: &Lexicon,
    request: &Template,
    language: Option<&str>,
    params: &RankParams,
) -> Vec<LearnedTask> {
    let learned = &index.learned;
    if learned.task_terms.is_empty() {
        return Vec::new();
    }
    let mut seen: Vec<String> = Vec::new();
    // (task code, summed lift, (lift, word) per word, best posterior).
    type Evidence = (u16, f32, Vec<(f32, String)>, f32);
    let mut per_task: Vec<Evidence> = Vec::new();
    for f in FIELDS {
        let Some(text) = request.get(f) else { continue };
        for tok in lexicon.analyzer.tokens(&text.replace(['-', '_'], " ")) {
            if seen.contains(&tok.term) {
                continue;
            }
            seen.push(tok.term.clone());
            let lower = tok.surface.to_lowercase();
            if lexicon.analyzer.is_stop_word(&lower) || language.is_some_and(|l| request_language::is_function_word(l, &lower)) {
                continue;
            }
            let Some(ti) = index.term_index(&tok.term) else { continue };
            for (code, lift, posterior) in learned.task_entries_of(ti as u32) {
                if posterior < params.learned_word_min_posterior {
                    continue;
                }
                match per_task.iter_mut().find(|t| t.0 == code) {
                    Some(t) => {
                        t.1 += lift;
                        t.2.push((lift, tok.surface.clone()));
                        t.3 = t.3.max(posterior);
                    }
                    None => per_task.push((code, lift, vec![(lift, tok.surface.clone())], posterior)),
                }
            }
        }
    }
    let mut out: Vec<LearnedTask> = per_task
        .into_iter()
        .filter_map(|(code, score, mut words, top_posterior)| {
            words.sort_by(|a, b| b.0.total_cmp(&a.0));
            let tag = index.vocab.get(code)?.to_string();
            let top_lift = words.first().map_or(0.0, |w| w.0);
            Some(LearnedTask { tag, score, words: words.into_iter().map(|w| w.1).collect(), top_lift, top_posterior })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.tag.cmp(&b.tag)));
    out
}

fn because(t: &LearnedTask) -> String {
    let words: Vec<String> = t.words.iter().take(4).map(|w| format!("'{w}'")).collect();
    format!("learned from {}", words.join(", "))
}

/// Combines the cue intents with the learned tasks (see the module doc). A task named in the
/// request's task field is never second-guessed here.
pub fn combine(mut intents: Vec<TaskIntent>, learned: &[LearnedTask], params: &RankParams) -> Vec<TaskIntent> {
    let Some(best) = learned.first() else { return intents };
    if intents.iter().any(|i| i.because == "task field") || best.score < params.learned_min_score {
        return intents;
    }
    let leaders: Vec<&LearnedTask> =
        learned.iter().filter(|t| t.score >= params.learned_keep_share * best.score).take(params.intent.max_intents).collect();
    let clear_lead = learned.get(1).is_none_or(|second| best.score >= params.learned_margin * second.score);
    if intents.is_empty() {
        if !clear_lead || best.top_lift < params.learned_decisive_lift || best.top_posterior < params.learned_decisive_posterior {
            return intents;
        }
        return leaders
            .iter()
            .map(|t| TaskIntent { tag: t.tag.clone(), confidence: params.learned_confidence * t.score / best.score, because: because(t) })
            .collect();
    }
    for i in &mut intents {
        if let Some(t) = leaders.iter().find(|t| t.tag == i.tag) {
            i.because = format!("{}; {}", i.because, because(t));
        }
    }
    // Strong learned evidence for a task no cue named joins the cue intents.
    if clear_lead && best.score >= params.learned_join_score && !intents.iter().any(|i| i.tag == best.tag) {
        intents.push(TaskIntent { tag: best.tag.clone(), confidence: params.learned_join_confidence, because: because(best) });
    }
    intents
}

#[cfg(test)]
mod tests {
    use crate::index::learned::testing::catalog;
    use crate::select::Engine;
    use crate::template::Template;

    fn engine() -> Engine {
        let mut e = Engine::new(catalog());
        for knob in [
            "learned_decisive_lift=1",
            "learned_decisive_posterior=0.3",
            "learned_min_score=1",
            "learned_expansion_weight=0.35",
            "typo_min_target_df=1",
        ] {
            e.params.set(knob).unwrap();
        }
        e
    }

    fn ask(engine: &mut Engine, function: &str) -> crate::select::Selection {
        engine.select(&Template { function: Some(function.into()), ..Default::default() }, 3)
    }

    #[test]
    fn learned_words_decide_the_task_and_say_so() {
        let mut e = engine();
        let s = ask(&mut e, "make my upscale work");
        assert_eq!(s.intents[0].tag, "image-to-image", "{:?}", s.intents);
        assert!(s.intents[0].because.contains("learned from 'upscale'"), "{}", s.intents[0].because);
        assert!(s.results[0].id.starts_with("a/up"));
        // Typos are corrected against the catalog's words before anything else reads them.
        let s = ask(&mut e, "make my upsclae work");
        assert_eq!(s.corrections.iter().map(ToString::to_string).collect::<Vec<_>>(), vec!["upsclae → upscale"]);
        assert_eq!(s.intents[0].tag, "image-to-image");
        assert_eq!(s.results[0].explanation.corrected, vec!["upsclae → upscale"]);
        // Learned related words are added below the request's own and shown.
        // ("angry" → emotion is in the hand-written synonym table, which comes first.)
        let s = ask(&mut e, "happy");
        assert!(s.expansions.iter().any(|x| x == "happy → emotion"), "{:?}", s.expansions);
        assert!(!s.notices.iter().any(|n| n.starts_with("Few models")), "{:?}", s.notices);
        // A word must also mostly mean the task (`P(task | word)`), not only lift it.
        e.params.set("learned_decisive_posterior=1").unwrap();
        let s = ask(&mut e, "make my upscale work");
        assert!(!s.intents.iter().any(|i| i.because.starts_with("learned from")), "{:?}", s.intents);
        e.params.set("learned_decisive_posterior=0.3").unwrap();
        // Words no model uses: the list falls back and says so.
        let s = ask(&mut e, "qqqq zzzz");
        assert!(s.notices.iter().any(|n| n.contains("no model uses: qqqq, zzzz")), "{:?}", s.notices);
    }
}

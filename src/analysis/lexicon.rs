//! Task cues and synonyms, analysed once.
//!
//! Why: query understanding compares the request's terms with hundreds of cue phrases. Analysing
//! those phrases on every query would cost more than ranking itself, so a [`Lexicon`] is built once
//! per session (next to the loaded index) and reused.

use super::synonyms::SYNONYMS;
use super::Analyzer;
use crate::knowledge::tasks::{CONTEXT_WORDS, TASKS};

pub struct Lexicon {
    pub analyzer: Analyzer,
    /// `task_cues[task][cue]` = analysed cue phrase, aligned with [`TASKS`].
    pub task_cues: Vec<Vec<Vec<String>>>,
    /// `task_cue_first[task][cue]` = the number of the cue's first word in [`Lexicon::cue_first_words`]
    /// (`u32::MAX` for an empty cue): every cue match starts with its first word, so a query marks
    /// which first words it has once and rules out most cues by one array read each.
    pub task_cue_first: Vec<Vec<u32>>,
    /// The distinct first words of the cues, numbered.
    pub cue_first_words: rustc_hash::FxHashMap<String, u32>,
    /// Analysed (input, output) words per task.
    pub task_io: Vec<(Vec<String>, Vec<String>)>,
    /// Analysed (phrase, expansion tokens) per [`SYNONYMS`] entry; tokens keep the written word
    /// so explanations can show "recognition", not the stem "recognit".
    pub synonyms: Vec<(Vec<String>, Vec<super::Token>)>,
    /// Analysed [`CONTEXT_WORDS`]: the objects and people a request names around its need.
    pub context_terms: Vec<String>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new()
    }
}

impl Lexicon {
    pub fn new() -> Lexicon {
        let analyzer = Analyzer::new();
        let task_cues: Vec<Vec<Vec<String>>> = TASKS.iter().map(|t| t.cues.iter().map(|c| analyzer.terms(c)).collect()).collect();
        let mut cue_first_words: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
        let task_cue_first = task_cues
            .iter()
            .map(|cues: &Vec<Vec<String>>| {
                cues.iter()
                    .map(|c| match c.first() {
                        Some(w) => {
                            let next = cue_first_words.len() as u32;
                            *cue_first_words.entry(w.clone()).or_insert(next)
                        }
                        None => u32::MAX,
                    })
                    .collect()
            })
            .collect();
        let task_io = TASKS.iter().map(|t| (analyzer.terms(t.input), analyzer.terms(t.output))).collect();
        let synonyms = SYNONYMS.iter().map(|(from, to)| (analyzer.terms(from), analyzer.tokens(to))).collect();
        let mut context_terms: Vec<String> = CONTEXT_WORDS.iter().flat_map(|w| analyzer.terms(w)).collect();
        context_terms.sort();
        context_terms.dedup();
        Lexicon { analyzer, task_cues, task_cue_first, cue_first_words, task_io, synonyms, context_terms }
    }
}

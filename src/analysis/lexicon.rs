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
        let task_cues = TASKS.iter().map(|t| t.cues.iter().map(|c| analyzer.terms(c)).collect()).collect();
        let task_io = TASKS.iter().map(|t| (analyzer.terms(t.input), analyzer.terms(t.output))).collect();
        let synonyms = SYNONYMS.iter().map(|(from, to)| (analyzer.terms(from), analyzer.tokens(to))).collect();
        let mut context_terms: Vec<String> = CONTEXT_WORDS.iter().flat_map(|w| analyzer.terms(w)).collect();
        context_terms.sort();
        context_terms.dedup();
        Lexicon { analyzer, task_cues, task_io, synonyms, context_terms }
    }
}

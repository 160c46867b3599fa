//! Task cues and synonyms, analysed once.
//!
//! Why: query understanding compares the request's terms with hundreds of cue phrases. Analysing
//! those phrases on every query would cost more than ranking itself, so a [`Lexicon`] is built once
//! per session (next to the loaded index) and reused.

use super::synonyms::SYNONYMS;
use super::Analyzer;
use crate::knowledge::everyday_words::EVERYDAY_WORDS;
use crate::knowledge::tasks::{AUDIO_STEMS, CONTEXT_WORDS, GENERATED_TEXT_WORDS, TASKS, VISUAL_STEMS};

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
    /// The [`EVERYDAY_WORDS`] whose English gloss makes a request about images or video
    /// ([`VISUAL_STEMS`]) and about audio ([`AUDIO_STEMS`]), deduplicated across languages: read
    /// in any language, so a request whose language is not recognised still says its data.
    pub visual_words_abroad: Vec<&'static str>,
    pub audio_words_abroad: Vec<&'static str>,
    /// Analysed [`GENERATED_TEXT_WORDS`]: output words naming written text, not a label.
    pub generated_text_terms: Vec<String>,
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
        let words_glossed_as = |stems: &[&str]| {
            let mut out: Vec<&'static str> =
                EVERYDAY_WORDS.iter().filter(|w| analyzer.terms(w.2).iter().any(|t| stems.contains(&t.as_str()))).map(|w| w.0).collect();
            out.sort_unstable();
            out.dedup();
            out
        };
        let visual_words_abroad = words_glossed_as(VISUAL_STEMS);
        let audio_words_abroad = words_glossed_as(AUDIO_STEMS);
        let mut generated_text_terms: Vec<String> = GENERATED_TEXT_WORDS.iter().flat_map(|w| analyzer.terms(w)).collect();
        generated_text_terms.sort();
        generated_text_terms.dedup();
        Lexicon {
            analyzer,
            task_cues,
            task_cue_first,
            cue_first_words,
            task_io,
            synonyms,
            context_terms,
            visual_words_abroad,
            audio_words_abroad,
            generated_text_terms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_words_abroad_come_from_the_everyday_glosses() {
        let lexicon = Lexicon::new();
        for w in ["kamera", "照片", "картинк", "カメラ", "vídeo"] {
            assert!(lexicon.visual_words_abroad.contains(&w), "{w}");
            assert!(!lexicon.audio_words_abroad.contains(&w), "{w}");
        }
        for w in ["llamada", "录音", "stimme", "aufnahme", "звонк"] {
            assert!(lexicon.audio_words_abroad.contains(&w), "{w}");
        }
        // Skin, meetings and phones say nothing about the data's kind.
        for w in ["haut", "réunion", "telefon"] {
            assert!(!lexicon.visual_words_abroad.contains(&w) && !lexicon.audio_words_abroad.contains(&w), "{w}");
        }
        // "foto" is written alike in four languages: listed once.
        assert_eq!(lexicon.visual_words_abroad.iter().filter(|w| **w == "foto").count(), 1);
    }
}

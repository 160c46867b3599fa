//! Tokenizer: Unicode word segmentation (UAX #29), lowercasing, stop-word removal (NLTK English
//! list) and Snowball English stemming.
//!
//! Why these choices: model cards and requests are mostly English prose mixed with identifiers
//! ("Llama-3.1-8B", "wav2vec2"). Word segmentation keeps "3.1" and "wav2vec2" whole; stemming
//! conflates "transcribes"/"transcribed"; identifiers with digits are never stemmed.

use std::cell::RefCell;
use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_segmentation::UnicodeSegmentation;

include!(concat!(env!("OUT_DIR"), "/stop_words_en.rs"));

/// Longest token kept; longer runs are hashes, base64 or URLs and only bloat the index.
const MAX_TOKEN_CHARS: usize = 32;

/// One analysed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The index term (lowercased, stemmed).
    pub term: String,
    /// The word as written (lowercased), for highlighting.
    pub surface: String,
}

/// Words whose stems an analyzer remembers before it forgets them all and starts again.
///
/// Why remember stems: Snowball costs thousands of instructions a word, and a catalog repeats its
/// words (a build stems each card word; 16% of a build's instructions went to stemming before).
/// Why a bound: an analyzer lives as long as a build worker or the app, and card text holds
/// millions of distinct words; at this size the memo is a few megabytes and still hits on the
/// words that repeat.
const STEM_MEMO_WORDS: usize = 1 << 16;

/// The one tokenizer shared by index and query.
///
/// Not `Sync` (the stem memo is a `RefCell`): each thread makes its own, as a build's workers do.
pub struct Analyzer {
    stemmer: Stemmer,
    stop_words: HashSet<&'static str>,
    /// Word → its stem, for words seen before ([`STEM_MEMO_WORDS`]).
    stems: RefCell<FxHashMap<Box<str>, Box<str>>>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    pub fn new() -> Analyzer {
        let stop_words = STOP_WORDS_EN.iter().copied().collect();
        Analyzer { stemmer: Stemmer::create(Algorithm::English), stop_words, stems: RefCell::default() }
    }

    /// True for words that carry no meaning for search ("the", "with", …).
    pub fn is_stop_word(&self, lowercase_word: &str) -> bool {
        self.stop_words.contains(lowercase_word)
    }

    /// Analyses `text` into tokens, calling `emit` for each (no allocation for the caller).
    /// Hyphenated pairs also yield their joined form ("X-ray" → x, ray, xray; "e-commerce" →
    /// e, commerce, ecommerce), so either spelling matches the other.
    pub fn for_each_token(&self, text: &str, mut emit: impl FnMut(&str, &str)) {
        let mut lower = String::new();
        let mut joined = String::new();
        // (end byte offset, lowercased word) of the previous word.
        let mut prev: Option<(usize, String)> = None;
        // Chinese and Japanese: a run of ideographs (and kana) is written without spaces and word
        // segmentation splits it into single characters, which match nearly every card in the
        // script ("中", "文"). As Lucene's CJK analyzer does, adjacent characters become overlapping
        // pairs ("商品评论" → 商品, 品评, 评论); a character alone stays itself.
        let mut run = CjkRun::default();
        for (start, word) in text.unicode_word_indices() {
            if let Some(c) = single_cjk(word) {
                run.push(start, c, word.len(), |t| self.emit_word(t, &mut emit));
                prev = None;
                continue;
            }
            run.flush(|t| self.emit_word(t, &mut emit));
            if word.chars().count() > MAX_TOKEN_CHARS {
                prev = None;
                continue;
            }
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            let trimmed = lower.trim_matches(|c: char| c == '.' || c == '\'' || c == '_');
            if let Some((end, before)) = prev.take() {
                if end + 1 == start
                    && text.as_bytes().get(end) == Some(&b'-')
                    && before.len() + trimmed.len() <= 16
                    && !trimmed.is_empty()
                    && !before.contains('.')
                    && !trimmed.contains('.')
                {
                    joined.clear();
                    joined.push_str(&before);
                    joined.push_str(trimmed);
                    self.emit_word(&joined, &mut emit);
                }
            }
            prev = Some((start + word.len(), trimmed.to_string()));
            if trimmed.is_empty() || self.stop_words.contains(trimmed) {
                continue;
            }
            self.emit_word(trimmed, &mut emit);
        }
        run.flush(|t| self.emit_word(t, &mut emit));
    }

    fn emit_word(&self, word: &str, emit: &mut impl FnMut(&str, &str)) {
        if word.chars().all(|c| c.is_alphabetic()) && word.chars().count() > 3 {
            // An `emit` that analyses more text from inside finds the memo borrowed and stems
            // without it.
            let Ok(mut stems) = self.stems.try_borrow_mut() else {
                emit(&self.stemmer.stem(word), word);
                return;
            };
            if let Some(stem) = stems.get(word) {
                emit(stem, word);
                return;
            }
            if stems.len() >= STEM_MEMO_WORDS {
                stems.clear();
            }
            let stem: Box<str> = self.stemmer.stem(word).into();
            emit(&stem, word);
            stems.insert(word.into(), stem);
        } else {
            emit(word, word);
        }
    }

    /// Analyses `text` into tokens.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.for_each_token(text, |term, surface| out.push(Token { term: term.to_string(), surface: surface.to_string() }));
        out
    }

    /// Analyses `text` into index terms only.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each_token(text, |term, _| out.push(term.to_string()));
        out
    }

    /// The index term for one word (or `None` for a stop word).
    pub fn term(&self, word: &str) -> Option<String> {
        self.terms(word).into_iter().next()
    }

    /// Model ids become words: `TheBloke/Llama-2-7B-Chat-GGUF` → the, bloke, llama, 2, 7b, chat, gguf,
    /// plus camelCase and letter/digit parts ("DeepSeek" → deepseek, deep, seek; "wav2vec2" → wav2vec2, wav, vec).
    pub fn id_terms(&self, id: &str) -> Vec<String> {
        let mut out = self.terms(&id.replace(['/', '_', '-'], " "));
        for word in id.split(|c: char| !c.is_alphanumeric()) {
            for part in split_identifier(word) {
                if part.len() >= 2 && part.len() < word.len() {
                    if let Some(t) = self.term(part) {
                        out.push(t);
                    }
                }
            }
        }
        out
    }
}

/// Splits "DeepSeekCoder" → Deep, Seek, Coder and "wav2vec2" → wav, 2, vec, 2.
/// The character of a one-character word in a script written without spaces (Han ideographs,
/// hiragana, katakana), if `word` is one.
fn single_cjk(word: &str) -> Option<char> {
    let mut chars = word.chars();
    let c = chars.next()?;
    let cjk = matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff);
    (cjk && chars.next().is_none()).then_some(c)
}

/// The characters of a run of adjacent [`single_cjk`] words, emitted as overlapping pairs.
#[derive(Default)]
struct CjkRun {
    /// (end byte offset, last character) of the run so far.
    last: Option<(usize, char)>,
    /// A pair was emitted for this run (else its one character is emitted alone on flush).
    paired: bool,
}

impl CjkRun {
    fn push(&mut self, start: usize, c: char, len: usize, mut emit: impl FnMut(&str)) {
        match self.last {
            Some((end, before)) if end == start => {
                let mut pair = String::with_capacity(8);
                pair.push(before);
                pair.push(c);
                emit(&pair);
                self.paired = true;
            }
            _ => {
                self.flush(&mut emit);
            }
        }
        self.last = Some((start + len, c));
    }

    fn flush(&mut self, mut emit: impl FnMut(&str)) {
        if let (Some((_, c)), false) = (self.last, self.paired) {
            emit(c.encode_utf8(&mut [0; 4]));
        }
        self.last = None;
        self.paired = false;
    }
}

fn split_identifier(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for i in 1..chars.len() {
        let (pos, c) = chars[i];
        let prev = chars[i - 1].1;
        let boundary = (prev.is_lowercase() && c.is_uppercase())
            || (prev.is_alphabetic() != c.is_alphabetic() && (prev.is_ascii_digit() || c.is_ascii_digit()));
        if boundary {
            parts.push(&word[start..pos]);
            start = pos;
        }
    }
    if start < word.len() {
        parts.push(&word[start..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memo gives the stems Snowball gives, also when it was full and started again, and
    /// when an `emit` analyses more text from inside.
    #[test]
    fn remembered_stems_are_the_stems() {
        let a = Analyzer::new();
        let fresh = || Stemmer::create(Algorithm::English);
        for round in 0..2 {
            for w in ["transcribes", "transcribed", "summarization", "classifying"] {
                assert_eq!(a.terms(w), vec![fresh().stem(w).into_owned()], "round {round}");
            }
        }
        // More distinct words than the memo holds: it fills, forgets and fills again.
        for i in 0..STEM_MEMO_WORDS + 10 {
            let (mut word, mut n) = (String::from("word"), i);
            while n > 0 {
                word.push(char::from(b'a' + (n % 26) as u8));
                n /= 26;
            }
            a.terms(&word);
        }
        assert!(a.stems.borrow().len() < STEM_MEMO_WORDS);
        assert_eq!(a.terms("classifying"), vec![fresh().stem("classifying").into_owned()]);
        let mut inner = Vec::new();
        a.for_each_token("running translations", |term, _| inner.push((term.to_string(), a.terms("jumping"))));
        assert_eq!(inner, vec![("run".to_string(), vec!["jump".to_string()]), ("translat".to_string(), vec!["jump".to_string()])]);
    }

    #[test]
    fn chinese_and_japanese_runs_become_overlapping_pairs() {
        let a = Analyzer::new();
        assert_eq!(a.terms("商品评论"), vec!["商品", "品评", "评论"]);
        // A character alone stays itself; runs end at spaces, punctuation and other scripts.
        assert_eq!(a.terms("猫 狗"), vec!["猫", "狗"]);
        assert_eq!(a.terms("中文 bert 模型"), vec!["中文", "bert", "模型"]);
        assert_eq!(a.terms("判断，正面"), vec!["判断", "正面"]);
        // Korean words are spaced: unchanged.
        assert_eq!(a.terms("감정 분류"), vec!["감정", "분류"]);
    }

    #[test]
    fn words_are_lowercased_stemmed_and_filtered() {
        let a = Analyzer::new();
        assert_eq!(a.terms("Transcribes the English recordings"), vec!["transcrib", "english", "record"]);
        assert_eq!(a.terms("Llama-3.1-8B runs in 4-bit"), vec!["llama", "3.1", "8b", "run", "4", "4bit", "bit"]);
    }

    #[test]
    fn identifiers_split_into_parts() {
        let a = Analyzer::new();
        let t = a.id_terms("deepseek-ai/DeepSeekCoder-6.7b");
        for want in ["deepseek", "ai", "deepseekcod", "deep", "seek", "coder", "6.7b"] {
            let want = a.term(want).unwrap();
            assert!(t.contains(&want), "{want} not in {t:?}");
        }
        assert!(a.id_terms("facebook/wav2vec2-base").contains(&"wav".to_string()));
    }

    #[test]
    fn hyphenated_pairs_also_join() {
        let a = Analyzer::new();
        assert_eq!(a.terms("chest X-rays"), vec!["chest", "x", "xray", "ray"]);
        assert!(a.terms("e-commerce").contains(&"ecommerc".to_string()));
        assert!(!a.terms("speech to text").iter().any(|t| t.contains("speechto")));
    }

    #[test]
    fn hostile_text_is_bounded() {
        let a = Analyzer::new();
        let long = "x".repeat(10_000);
        assert!(a.terms(&long).is_empty());
        assert!(a.terms("\u{0}\u{feff}\u{202e}").is_empty());
    }
}

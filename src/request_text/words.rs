//! The description as words with byte spans and clauses, and the scan state every reader shares:
//! which words a reader has already taken, so each word fills at most one field.
//!
//! Why clauses: "commercial use, not gpl" holds two wishes; a negator or a "license" word only
//! belongs to the wish in its own clause (split at , ; : ! ? ( ) line breaks and sentence ends, and
//! at their Chinese and Japanese forms).

/// One word of the description with its byte span.
#[derive(Clone, Debug)]
pub(super) struct Word {
    pub start: usize,
    pub end: usize,
    /// ASCII-lowercased text.
    pub lower: String,
    /// Index of the clause the word belongs to.
    pub clause: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '.' | '+' | '_' | '\'' | '<' | '≤' | '>' | '≥')
}

/// Splits text into words and clauses.
pub(super) fn split_words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut clause = 0;
    let mut start: Option<usize> = None;
    let push = |words: &mut Vec<Word>, s: usize, e: usize, clause: usize| {
        // Trim punctuation that ends a sentence or wraps a word ("1B." "'apache'").
        let raw = &text[s..e];
        let trimmed_start = raw.len() - raw.trim_start_matches(['.', '-', '\'', '_']).len();
        let inner = raw.trim_start_matches(['.', '-', '\'', '_']).trim_end_matches(['.', '-', '\'', '_']);
        if inner.is_empty() {
            return;
        }
        let s2 = s + trimmed_start;
        // A sign glued to a number ("<150M", "<=8B") is a bound word of its own.
        let sign = inner.len() - inner.trim_start_matches(['<', '≤', '>', '≥', '=']).len();
        if sign > 0 && inner[sign..].starts_with(|c: char| c.is_ascii_digit()) {
            words.push(Word { start: s2, end: s2 + sign, lower: inner[..sign].to_string(), clause });
            words.push(Word { start: s2 + sign, end: s2 + inner.len(), lower: inner[sign..].to_ascii_lowercase(), clause });
            return;
        }
        words.push(Word { start: s2, end: s2 + inner.len(), lower: inner.to_ascii_lowercase(), clause });
    };
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            push(&mut words, s, i, clause);
        }
        // Chinese and Japanese end clauses with their own marks ("，" "、" "。").
        if matches!(c, ',' | ';' | '!' | '?' | '\n' | ':' | '(' | ')' | '，' | '、' | '。' | '；' | '：' | '！' | '？' | '（' | '）')
        {
            clause += 1;
        }
    }
    if let Some(s) = start {
        push(&mut words, s, text.len(), clause);
    }
    // A word ending in '.' closed a sentence: the next word starts a new clause.
    let mut shift = 0;
    for word in &mut words {
        word.clause += shift;
        if text[word.end..].starts_with(". ") || text[word.end..].starts_with(".\n") {
            shift += 1;
        }
    }
    words
}

/// The words of a description and which of them a reader has taken.
pub(super) struct Scan<'a> {
    pub text: &'a str,
    pub words: Vec<Word>,
    pub used: Vec<bool>,
}

impl<'a> Scan<'a> {
    pub fn new(text: &'a str) -> Scan<'a> {
        let words = split_words(text);
        let used = vec![false; words.len()];
        Scan { text, words, used }
    }

    /// The words at `i..` are `phrase` (a space-separated lowercase phrase).
    pub fn matches_at(&self, i: usize, phrase: &str) -> bool {
        phrase.split(' ').enumerate().all(|(k, p)| self.words.get(i + k).is_some_and(|w| w.lower == p))
    }

    /// Number of words in a phrase.
    pub fn len_of(phrase: &str) -> usize {
        phrase.split(' ').count()
    }

    pub fn mark(&mut self, range: std::ops::Range<usize>) {
        for i in range {
            if let Some(u) = self.used.get_mut(i) {
                *u = true;
            }
        }
    }

    /// The original text of words `range`.
    pub fn text_of(&self, range: std::ops::Range<usize>) -> String {
        if range.is_empty() {
            return String::new();
        }
        self.text[self.words[range.start].start..self.words[range.end - 1].end].to_string()
    }

    /// Length of the longest phrase of `phrases` ending right before word `i` in the same clause
    /// (for bound words like "less than").
    pub fn phrase_before(&self, i: usize, phrases: impl Iterator<Item = &'static str>) -> Option<usize> {
        phrases
            .map(|p| (p, Scan::len_of(p)))
            .filter(|&(p, n)| n <= i && self.matches_at(i - n, p) && self.words[i - n].clause == self.words[i].clause)
            .map(|(_, n)| n)
            .max()
    }

    /// Length of the longest phrase of `phrases` starting at word `i`.
    pub fn longest_at(&self, i: usize, phrases: impl Iterator<Item = &'static str>) -> Option<usize> {
        phrases.filter(|p| self.matches_at(i, p)).map(Scan::len_of).max()
    }

    /// The words of clause `c` (a clause's words are contiguous); `None` when it has none.
    pub fn clause_range(&self, c: usize) -> Option<std::ops::Range<usize>> {
        let first = self.words.iter().position(|w| w.clause == c)?;
        let len = self.words[first..].iter().take_while(|w| w.clause == c).count();
        Some(first..first + len)
    }

    /// Number of clauses.
    pub fn clause_count(&self) -> usize {
        self.words.last().map(|w| w.clause + 1).unwrap_or(0)
    }

    /// The text without used words, clause by clause, with `filler` trimmed at clause edges.
    pub fn remaining_text(&self, filler: &[&str]) -> String {
        let words = &self.words;
        let mut clauses: Vec<String> = Vec::new();
        for c in 0..self.clause_count() {
            // Runs of consecutive unused words keep their original spacing and inner punctuation.
            let mut kept: Vec<usize> = (0..words.len()).filter(|&i| words[i].clause == c && !self.used[i]).collect();
            while kept.first().is_some_and(|&i| filler.contains(&words[i].lower.as_str())) {
                kept.remove(0);
            }
            while kept.last().is_some_and(|&i| filler.contains(&words[i].lower.as_str())) {
                kept.pop();
            }
            if kept.is_empty() {
                continue;
            }
            let mut out = String::new();
            let mut prev: Option<usize> = None;
            for &i in &kept {
                match prev {
                    Some(p) if p + 1 == i => out.push_str(&self.text[words[p].end..words[i].end]),
                    Some(_) => {
                        out.push(' ');
                        out.push_str(&self.text[words[i].start..words[i].end]);
                    }
                    None => out.push_str(&self.text[words[i].start..words[i].end]),
                }
                prev = Some(i);
            }
            let cleaned: String = out.split_whitespace().collect::<Vec<_>>().join(" ");
            if !cleaned.is_empty() {
                clauses.push(cleaned);
            }
        }
        clauses.join(", ")
    }
}

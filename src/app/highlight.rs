//! Splits card text into plain and highlighted runs: a word is highlighted when it analyses to
//! one of the terms the request matched. The runs are rendered as Leptos text nodes (inside
//! `<mark>` for hits), never as HTML, so card text can't inject markup.

use std::collections::HashSet;

use unicode_segmentation::UnicodeSegmentation;

use crate::analysis::Analyzer;

/// A run of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// Runs of `text`, alternating plain and highlighted; concatenated they give back `text`.
pub fn segments(analyzer: &Analyzer, text: &str, terms: &HashSet<String>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |piece: &str, hit: bool| match out.last_mut() {
        Some(last) if last.hit == hit => last.text.push_str(piece),
        _ => out.push(Segment { text: piece.to_string(), hit }),
    };
    if terms.is_empty() {
        if !text.is_empty() {
            push(text, false);
        }
        return out;
    }
    for piece in text.split_word_bounds() {
        let wordy = piece.chars().any(char::is_alphanumeric);
        let hit = wordy && analyzer.term(piece).is_some_and(|t| terms.contains(&t));
        push(piece, hit);
    }
    out
}

/// The first `max` characters of `text`, cut at a word boundary, with "…" when cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(char::is_whitespace).filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_words_by_their_terms() {
        let a = Analyzer::new();
        let want: HashSet<String> = ["transcribe", "podcast"].iter().filter_map(|w| a.term(w)).collect();
        let segs = segments(&a, "It transcribes podcasts <b>fast</b>.", &want);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, "It transcribes podcasts <b>fast</b>.");
        let hits: Vec<&str> = segs.iter().filter(|s| s.hit).map(|s| s.text.as_str()).collect();
        assert_eq!(hits, vec!["transcribes", "podcasts"]);
        assert_eq!(segments(&a, "plain", &HashSet::new()), vec![Segment { text: "plain".into(), hit: false }]);
    }

    #[test]
    fn clip_cuts_at_words() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("one two three four five", 12), "one two…");
    }
}

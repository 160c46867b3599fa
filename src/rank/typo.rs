//! Typo tolerance against the index's own lexicon ("sumarize" → "summarize").
//!
//! Why, and why this way: a misspelt word matches nothing, and a request of three words loses a
//! third of its meaning. Like Meilisearch and MiniSearch, a word of `typo_one_edit_len`+ letters
//! may be one edit away from a lexicon word and one of `typo_two_edit_len`+ letters two edits
//! (Damerau: a swap of neighbours is one edit, "transalte"); as in Meilisearch, the first letter is
//! never the typo (it would open every bucket and mostly find unrelated words). Only words the
//! index does not know (or knows from at most `typo_rare_df` models) are corrected, and only to a
//! word many more models use; among candidates the fewest edits win, then the most used word.
//!
//! Speed: the lexicon (words used by a few models or more, shipped in the index) is bucketed by
//! first letter and length once per session; a candidate must pass a 32-bit letter-set filter (an
//! edit changes at most two bits of the set) before the bounded edit distance runs, which stops
//! as soon as a row exceeds the limit. Correct words never reach the scan.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::params::RankParams;
use crate::analysis::{bounded_osa, Analyzer};
use crate::index::{Index, Learned};
use crate::knowledge::english_forms::{INFLECTION_SUFFIXES, IRREGULAR_FORMS};
use crate::knowledge::task_words::{task_words_in, SPLIT, TASK_WORDS};

/// The one-word task phrases of each language ("zusammenfassen", "clasificar"): the candidates of
/// [`TypoIndex::correct_in_language`], gathered once per session rather than filtered out of every
/// task phrase for every word of a request.
static ONE_WORD_TASK_PHRASES: LazyLock<FxHashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut by_language: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
    for &(phrase, lang, ..) in TASK_WORDS.iter().filter(|w| !w.0.contains([' ', SPLIT])) {
        by_language.entry(lang).or_default().push(phrase);
    }
    by_language
});

/// One corrected word, shown as "sumarize → summarize".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub from: String,
    pub to: String,
}

impl std::fmt::Display for Correction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} → {}", self.from, self.to)
    }
}

/// The typo lexicon bucketed for fast candidate scans.
#[derive(Default)]
pub struct TypoIndex {
    /// (first letter, length in chars) → (letter-set mask, word index).
    buckets: FxHashMap<(char, u8), Vec<(u32, u32)>>,
    words: Vec<String>,
    /// Models using each word; the engine's own vocabulary counts as [`VOCABULARY_DF`].
    df: Vec<u32>,
}

/// How many models the engine's own vocabulary words (task names, cue phrases, synonyms) count
/// as: they are always known and always good corrections ("sumarize" → "summarize").
const VOCABULARY_DF: u32 = 1_000_000;

/// The words of the engine's vocabulary: task names and cue phrases, synonym phrases.
fn vocabulary_words() -> impl Iterator<Item = &'static str> {
    let tasks = crate::knowledge::tasks::TASKS.iter().flat_map(|t| t.cues.iter().copied().chain([t.name, t.input, t.output]));
    let synonyms = crate::analysis::SYNONYMS.iter().flat_map(|(a, b)| [*a, *b]);
    tasks.chain(synonyms).flat_map(|phrase| phrase.split(|c: char| !c.is_alphabetic()))
}

fn letter_mask(word: &str) -> u32 {
    word.chars().fold(0u32, |m, c| m | 1 << (c as u32 % 32))
}

impl TypoIndex {
    pub fn new(learned: &Learned) -> TypoIndex {
        let mut all: FxHashMap<String, u32> =
            (0..learned.word_count()).map(|i| (learned.word(i).to_string(), learned.word_df[i])).collect();
        for w in vocabulary_words().filter(|w| w.chars().count() >= 4) {
            all.insert(w.to_lowercase(), VOCABULARY_DF);
        }
        let mut entries: Vec<(String, u32)> = all.into_iter().collect();
        entries.sort_unstable();
        let mut t = TypoIndex::default();
        for (i, (w, df)) in entries.into_iter().enumerate() {
            let Some(first) = w.chars().next() else { continue };
            let len = w.chars().count().min(255) as u8;
            t.buckets.entry((first, len)).or_default().push((letter_mask(&w), i as u32));
            t.words.push(w);
            t.df.push(df);
        }
        t
    }

    /// Models using a word of the lexicon (0 when it is not in it).
    fn df_of(&self, word: &str) -> u32 {
        self.words.binary_search_by(|w| w.as_str().cmp(word)).map_or(0, |i| self.df[i])
    }

    /// True when `word` is a regular English inflection of a word many models use ("older" of
    /// "old", "stopped" of "stop", "prettier" of "pretty") or a common irregular form
    /// ([`IRREGULAR_FORMS`]): a real word the cards rarely use, not a typo of a nearby common one
    /// ("older" is not "order", "wrote" is not "write").
    fn is_inflection_of_known(&self, index: &Index, analyzer: &Analyzer, word: &str, params: &RankParams) -> bool {
        if IRREGULAR_FORMS.binary_search(&word).is_ok() {
            return true;
        }
        let known = |base: &str| {
            base.len() >= 3
                && (self.df_of(base) > params.typo_rare_df
                    || analyzer.term(base).and_then(|t| index.term(&t)).is_some_and(|e| e.doc_freq > params.typo_rare_df))
        };
        INFLECTION_SUFFIXES.iter().any(|suffix| {
            let Some(stem) = word.strip_suffix(suffix) else { return false };
            let undoubled = stem.len() > 3 && stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2];
            known(stem)
                || known(&format!("{stem}e"))
                || (undoubled && known(&stem[..stem.len() - 1]))
                || (stem.ends_with('i') && known(&format!("{}y", &stem[..stem.len() - 1])))
        })
    }

    /// The correction of one lowercase word, if it needs one and has one.
    pub fn correct(&self, index: &Index, analyzer: &Analyzer, word: &str, params: &RankParams) -> Option<String> {
        let chars: Vec<char> = word.chars().collect();
        let n = chars.len();
        if n < params.typo_one_edit_len || n > 40 || !chars.iter().all(|c| c.is_alphabetic()) {
            return None;
        }
        let own_df = self.df_of(word);
        let own_term = analyzer.term(word);
        let term_df = own_term.as_ref().and_then(|t| index.term(t)).map_or(0, |e| e.doc_freq);
        if own_df.max(term_df) > params.typo_rare_df || self.is_inflection_of_known(index, analyzer, word, params) {
            return None;
        }
        let max_edits = if n >= params.typo_two_edit_len { 2 } else { 1 };
        let need_df = ((own_df.max(term_df).max(1) as f32 * params.typo_min_gain) as u32).max(params.typo_min_target_df);
        let mask = letter_mask(word);
        let mut best: Option<(usize, u32, u32)> = None; // (edits, df, word index)
        for len in n.saturating_sub(max_edits)..=n + max_edits {
            let Some(bucket) = self.buckets.get(&(chars[0], len.min(255) as u8)) else { continue };
            for &(m, wi) in bucket {
                if (m ^ mask).count_ones() as usize > 2 * max_edits {
                    continue;
                }
                let df = self.df[wi as usize];
                if df < need_df {
                    continue;
                }
                let limit = best.map_or(max_edits, |b| b.0);
                let Some(d) = bounded_osa(&chars, &self.words[wi as usize], limit) else { continue };
                if d == 0 {
                    return None;
                }
                // A changed letter in a short word is trusted only toward the engine's own
                // vocabulary ("speach" → "speech"); other targets need a typing slip.
                let changed_to_vocabulary = df == VOCABULARY_DF && len == n;
                if n < params.typo_any_edit_len && !changed_to_vocabulary && !typing_slip(&chars, &self.words[wi as usize]) {
                    continue;
                }
                // A near word of the same stem ("tweet" / "tweets") means the word is a known
                // form, not a typo: both are one search term already.
                if own_term.is_some() && analyzer.term(&self.words[wi as usize]) == own_term {
                    return None;
                }
                if best.is_none_or(|b| (d, std::cmp::Reverse(df)) < (b.0, std::cmp::Reverse(b.1))) {
                    best = Some((d, df, wi));
                }
            }
        }
        best.map(|(_, _, wi)| self.words[wi as usize].clone())
    }
}

impl TypoIndex {
    /// The correction of one lowercase word of a request written in language `lang` (a code of
    /// [`crate::knowledge::task_words`]): a task phrase of that language misspelt at its start
    /// ("zusammenfasung" → "zusammenfassung", "clasifcar" → "clasificar"). The English lexicon does
    /// not fit such a request, so only the one-word task phrases of its own language are
    /// candidates, and more strictly than in English, since the cards rarely tell a real word of
    /// the language from a typo: the phrase has `typo_any_edit_len`+ letters, the typo is one
    /// typing slip ([`typing_slip`]: "gerichts" is no "gedicht", "restauran" no "restaurar"), the
    /// first letter is never it, nor a left-out letter of a shorter phrase where the word goes on, and a word that starts a task phrase (of any language) or
    /// begins one ("áudio" of "áudios"), or that more than `typo_rare_df` models use, is a word.
    /// The phrase replaces the misspelt beginning; the word's ending stays ("…ung").
    pub fn correct_in_language(&self, index: &Index, analyzer: &Analyzer, word: &str, lang: &str, params: &RankParams) -> Option<String> {
        let chars: Vec<char> = word.chars().collect();
        let n = chars.len();
        if n < params.typo_any_edit_len || n > 40 || !chars.iter().all(|c| c.is_alphabetic()) {
            return None;
        }
        // The candidates first: most words of a request are near no task phrase of its language,
        // and the tests that a word is a word (its use by the cards, the scans of every phrase
        // below) cost more than this language's short list. The result is the same either way.
        let candidates = ONE_WORD_TASK_PHRASES.get(lang).map_or(&[][..], Vec::as_slice);
        let mut best: Option<(usize, &str)> = None; // (prefix length, phrase)
        for &phrase in candidates.iter().filter(|p| p.starts_with(chars[0])) {
            let m = phrase.chars().count();
            if m < params.typo_any_edit_len {
                continue;
            }
            for len in m - 1..=(m + 1).min(n) {
                // A letter left out where the word goes on ("restaura|ntes" of "restaurar") is
                // mostly another word of the same stem; trusted only in a long phrase
                // ("zusammenfas|ung" of "zusammenfass").
                let last_left_out = len + 1 == m && len < n;
                if last_left_out && len < params.typo_two_edit_len {
                    continue;
                }
                if typing_slip(&chars[..len], phrase) && best.is_none_or(|b| len < b.0) {
                    best = Some((len, phrase));
                }
            }
        }
        let (len, phrase) = best?;
        let term_df = analyzer.term(word).and_then(|t| index.term(&t)).map_or(0, |e| e.doc_freq);
        if self.df_of(word).max(term_df) > params.typo_rare_df
            || !task_words_in(word).is_empty()
            || ONE_WORD_TASK_PHRASES.values().flatten().any(|p| word.starts_with(p) || p.starts_with(word))
        {
            return None;
        }
        Some(format!("{phrase}{}", chars[len..].iter().collect::<String>()))
    }
}

/// True when `b` is `a` with one typing slip undone: two neighbouring letters swapped back
/// ("pyhton"), a left-out letter put back ("serch"), or a doubled letter made single ("babby").
/// A changed letter ("naked" / "named") or an extra letter that doubles nothing ("chair" /
/// "char") is not one: in a short word that is mostly another real word.
fn typing_slip(a: &[char], b: &str) -> bool {
    let b: Vec<char> = b.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    match (a.len() as isize) - (b.len() as isize) {
        // A letter missing from `a`: the rest of `a` follows `b` one later.
        -1 => a[prefix..] == b[prefix + 1..],
        // An extra letter in `a`: it must double a neighbour.
        1 => {
            let doubles = (prefix > 0 && a[prefix] == a[prefix - 1]) || a.get(prefix + 1) == Some(&a[prefix]);
            doubles && a[prefix + 1..] == b[prefix..]
        }
        0 => prefix + 1 < a.len() && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix] && a[prefix + 2..] == b[prefix + 2..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{ModelFacts, ModelInstance, Source};
    use crate::index::IndexWriter;
    use crate::template::Field;

    #[test]
    fn typing_slips_are_swaps_left_out_letters_and_doubled_letters() {
        let slip = |a: &str, b: &str| typing_slip(&a.chars().collect::<Vec<_>>(), b);
        assert!(slip("pyhton", "python"));
        assert!(slip("stroy", "story"));
        assert!(slip("serch", "search"));
        assert!(slip("whispr", "whisper"));
        assert!(slip("babby", "baby"));
        assert!(slip("emials", "emails"));
        // Real words one changed or added letter from a catalog word are not slips.
        assert!(!slip("naked", "named"));
        assert!(!slip("chair", "char"));
        assert!(!slip("stuck", "stick"));
        assert!(!slip("shelf", "self"));
        assert!(!slip("blurb", "blur"));
        assert!(!slip("whose", "whole"));
        assert!(!slip("same", "same"));
    }

    fn index(words: &[(&str, usize)]) -> Index {
        let mut w = IndexWriter::new("t");
        let mut doc = 0;
        for &(text, copies) in words {
            for _ in 0..copies {
                let mut m = ModelInstance {
                    id: format!("org/m{doc}"),
                    facts: ModelFacts { task: Some("summarization".into()), ..Default::default() },
                    ..Default::default()
                };
                m.put(Field::Function, text.into(), Source::CardText);
                w.add(&m);
                doc += 1;
            }
        }
        w.finish()
    }

    #[test]
    fn unknown_words_become_the_most_used_near_word() {
        let idx = index(&[("summarize contracts", 30), ("summarise reports", 6), ("translate french", 30), ("sumarize", 1)]);
        let t = TypoIndex::new(&idx.learned);
        let a = Analyzer::new();
        let p = RankParams { typo_min_target_df: 10, ..Default::default() };
        // Rare misspelling in the catalog (1 model) still corrects to the common spelling.
        assert_eq!(t.correct(&idx, &a, "sumarize", &p).as_deref(), Some("summarize"));
        assert_eq!(t.correct(&idx, &a, "transalte", &p).as_deref(), Some("translate"));
        // Known words, short words, non-words and first-letter typos are left alone.
        assert_eq!(t.correct(&idx, &a, "summarise", &p), None);
        assert_eq!(t.correct(&idx, &a, "frech", &p).as_deref(), Some("french"));
        assert_eq!(t.correct(&idx, &a, "gpt4o", &p), None);
        assert_eq!(t.correct(&idx, &a, "xummarize", &p), None);
        assert_eq!(t.correct(&idx, &a, "contrcts", &p).as_deref(), Some("contracts"));
        // A short word one changed letter from a common one is taken as a word, not a typo; a
        // long one ("summerize") is a typo.
        assert_eq!(t.correct(&idx, &a, "frenc", &p).as_deref(), Some("french"));
        assert_eq!(t.correct(&idx, &a, "frunch", &p), None);
        // ... unless it is the engine's own vocabulary ("speech" is a task word).
        assert_eq!(t.correct(&idx, &a, "speach", &p).as_deref(), Some("speech"));
        assert_eq!(t.correct(&idx, &a, "summerize", &p).as_deref(), Some("summarize"));
        // Two edits only for long words.
        assert_eq!(t.correct(&idx, &a, "contrts", &p), None);
        assert_eq!(t.correct(&idx, &a, "sumariize", &p).as_deref(), Some("summarize"));
        // The engine's own vocabulary is known even when no card uses it.
        assert_eq!(t.correct(&idx, &a, "transcibe", &p).as_deref(), Some("transcribe"));
        assert_eq!(t.correct(&idx, &a, "transcribe", &p), None);
        // Another form of a word is no typo ("transcribed" is one edit from the engine's
        // "transcribe", but both are the search term "transcrib").
        assert_eq!(t.correct(&idx, &a, "transcribed", &p), None);
        assert_eq!(t.correct(&idx, &a, "transcribes", &p), None);
    }

    #[test]
    fn inflections_of_known_words_and_irregular_forms_are_words() {
        let idx = index(&[("order books", 30), ("old photos", 30), ("stop signs", 30), ("write stories", 30), ("happy customers", 30)]);
        let t = TypoIndex::new(&idx.learned);
        let (a, p) = (Analyzer::new(), RankParams { typo_min_target_df: 10, ..Default::default() });
        // "older" is one letter from "order" (and "order" is engine vocabulary), but it is "old" + "er".
        assert_eq!(t.correct(&idx, &a, "older", &p), None);
        assert_eq!(t.correct(&idx, &a, "stopped", &p), None, "a doubled consonant before -ed");
        assert_eq!(t.correct(&idx, &a, "happier", &p), None, "y → i before -er");
        assert_eq!(t.correct(&idx, &a, "wrote", &p), None, "an irregular past");
        // Real typos are still corrected.
        assert_eq!(t.correct(&idx, &a, "ordre", &p).as_deref(), Some("order"));
        assert!(IRREGULAR_FORMS.windows(2).all(|w| w[0] < w[1]), "sorted for binary search");
    }

    #[test]
    fn task_words_of_the_request_language_are_corrected_at_their_start() {
        let idx = index(&[("summarize invoices", 30), ("zusammenfassen", 5)]);
        let t = TypoIndex::new(&idx.learned);
        let (a, p) = (Analyzer::new(), RankParams { typo_min_target_df: 10, ..Default::default() });
        let fix = |w: &str, lang: &str| t.correct_in_language(&idx, &a, w, lang, &p);
        // A left-out letter in long German and Italian task words, a swap in Spanish; the ending stays.
        assert_eq!(fix("zusammenfasung", "de").as_deref(), Some("zusammenfassung"));
        assert_eq!(fix("riasunto", "it").as_deref(), Some("riassunto"));
        assert_eq!(fix("clasifciar", "es").as_deref(), Some("clasificar"));
        // A swap of neighbours in French.
        assert_eq!(fix("tarduction", "fr").as_deref(), Some("traduction"));
        // Only the request's own language's phrases are candidates.
        assert_eq!(fix("zusammenfasung", "es"), None);
        // Words that start a task phrase already, words the cards use, first-letter typos and
        // short words are left alone.
        assert_eq!(fix("zusammenfassung", "de"), None);
        assert_eq!(fix("traducción", "fr"), None);
        assert_eq!(fix("zusammenfassen", "de"), None);
        assert_eq!(fix("susammenfassung", "de"), None);
        assert_eq!(fix("tradu", "pt"), None);
        // A word that begins a task phrase is a shorter word; a changed letter is another word.
        assert_eq!(fix("übersetzung", "de"), None);
        assert_eq!(fix("traduzion", "it"), None);
        assert_eq!(fix("riassonto", "it"), None);
        // A letter of a shorter phrase left out where the word goes on: mostly another word.
        assert_eq!(fix("restaurantes", "es"), None);
    }
}

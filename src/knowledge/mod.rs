//! The engine's vocabulary: what words *mean*, written once and read by every side.
//!
//! Why one module: the [`crate::analysis::Analyzer`] makes sure the index and the query produce
//! the same terms; this module makes sure they give those words the same *meaning*. A license
//! alias, a language name, a device, a domain word, a unit or a bound word is defined here once and
//! read by request parsing ([`crate::constraints`]), the free-text fill ([`crate::request_text`]),
//! card extraction (`index-builder/src/extract`) and ranking ([`crate::rank`]). Adding "RTX 5090"
//! or a license alias is one edit in one table; `agreement_tests` check that the request-side and
//! card-side readings of every table entry agree.
//!
//! One concept per file:
//! * [`licenses`] — license ids, families, permissions, aliases, the `other:<name>` rule.
//! * [`languages`] — ISO 639 codes, names in many languages, and the careful readers.
//! * [`devices`] — named hardware (memory, compute caps) and CPU/GPU/memory words.
//! * [`domains`] — application domains and their id, tag and prose words.
//! * [`quantities`] — numbers with units, upper/lower bound words, negators, size words.
//! * [`english_forms`] — English inflection endings and irregular forms: words, not typos.
//! * [`tasks`] — the Hub task taxonomy and the cue phrases developers use for each task.
//! * [`task_words`] — task phrases in other languages (German … Arabic) with English glosses.
//! * [`everyday_words`] — everyday words of other languages (photos, songs, reviews, skin…) with
//!   English glosses, read in the request's own language.
//! * [`request_language`] — which language a request is written in (script + function words).
//! * [`programming_languages`] — names of programming languages: code on both sides of a
//!   "translation" is a code model's work.
//! * [`senses`] — English phrases read as what they mean ("who speaks when", "they sound happy").
//!
//! Everything here is data plus small pure readers; the rules that *judge* (is this license
//! commercial enough?) live in [`crate::constraints`], and every number that tunes a judgement is
//! a knob in [`crate::rank::RankParams`].

pub mod decisions;
pub mod devices;
pub mod domains;
pub mod english_forms;
pub mod everyday_words;
pub mod languages;
pub mod licenses;
pub mod programming_languages;
pub mod quantities;
pub mod request_language;
pub mod senses;
pub mod task_words;
pub mod tasks;

#[cfg(test)]
mod agreement_tests;

/// `phrase` occurs in `hay` with no letter or digit glued to its word edges ("under" is not in
/// "understand", "phone" is not in "iphone"); an edge that is a symbol ("<", "+") needs no
/// boundary.
pub fn contains_phrase(hay: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    let first_alnum = phrase.chars().next().is_some_and(char::is_alphanumeric);
    let last_alnum = phrase.chars().next_back().is_some_and(char::is_alphanumeric);
    hay.match_indices(phrase).any(|(pos, _)| {
        let before = hay[..pos].chars().next_back();
        let after = hay[pos + phrase.len()..].chars().next();
        let glued_before = first_alnum && before.is_some_and(char::is_alphanumeric);
        let glued_after = last_alnum && after.is_some_and(char::is_alphanumeric);
        !glued_before && !glued_after
    })
}

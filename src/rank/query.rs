//! A request's trivial (function-related) fields become a weighted bag of terms.
//!
//! Why weights per request field: the developer's `function` sentence is the heart of a request,
//! while a `dataset` or `evaluation` wish is a weaker signal. The weights are the template table's
//! ([`Field::default_request_weight`]), tunable as `request_weight.<field>`. Synonym expansions are added at a
//! reduced weight and remember what they came from, so explanations can say "via asr".

use serde::{Deserialize, Serialize};

use super::intent::{detect_intents, TaskIntent};
use super::params::RankParams;
use crate::analysis::{expand_synonyms, Lexicon};
use crate::knowledge::request_language::{self, RequestLanguage};
use crate::knowledge::task_words::task_words_in;
use crate::template::{Field, FieldRole, Template};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueryTerm {
    pub term: String,
    /// The word as the developer wrote it (or the expansion word).
    pub surface: String,
    pub weight: f32,
    /// Request field it came from.
    pub from_field: Field,
    /// Set when added by a synonym: the shorthand that triggered it.
    pub via: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub terms: Vec<QueryTerm>,
    pub intents: Vec<TaskIntent>,
    /// The language the request is written in, when not English
    /// ([`crate::knowledge::request_language`]); a soft preference when no language field is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<RequestLanguage>,
}

impl Query {
    #[inline(never)] // a query phase: keep it visible to profilers
    pub fn from_request(lexicon: &Lexicon, request: &Template, params: &RankParams) -> Query {
        let analyzer = &lexicon.analyzer;
        let mut terms: Vec<QueryTerm> = Vec::new();
        let mut add = |term: String, surface: String, weight: f32, from_field: Field, via: Option<String>| {
            if let Some(existing) = terms.iter_mut().find(|t| t.term == term) {
                // A word repeated across fields counts a little more, never double.
                existing.weight = (existing.weight.max(weight) + params.repeat_boost * existing.weight.min(weight)).min(params.repeat_cap);
                return;
            }
            terms.push(QueryTerm { term, surface, weight, from_field, via });
        };
        let mut all_terms = Vec::new();
        for (field, text) in request.iter() {
            if field.role() != FieldRole::Trivial {
                continue;
            }
            let weight = params.request_weight(field);
            let tokens = if field == Field::Task {
                // "automatic-speech-recognition" reads as words.
                analyzer.tokens(&text.replace(['-', '_'], " "))
            } else {
                analyzer.tokens(text)
            };
            for tok in tokens {
                all_terms.push(tok.term.clone());
                add(tok.term, tok.surface, weight, field, None);
            }
        }
        for e in expand_synonyms(lexicon, &all_terms) {
            for (t, surface) in e.terms.into_iter().zip(e.surfaces) {
                add(t, surface, params.synonym_weight, Field::Function, Some(e.from.to_string()));
            }
        }
        // Task phrases of other languages add their English gloss, like a synonym ("resumir" →
        // summarize), so English cards match a request in another language.
        let mut written = String::new();
        for f in [Field::Function, Field::InputFormat, Field::OutputFormat, Field::Others] {
            if let Some(v) = request.get(f) {
                written.push_str(v);
                written.push_str(" . ");
            }
        }
        for w in task_words_in(&written) {
            for tok in analyzer.tokens(w.3) {
                add(tok.term, tok.surface, params.synonym_weight, Field::Function, Some(w.0.to_string()));
            }
        }
        let intents = detect_intents(lexicon, request, &params.intent);
        let language = request_language::detect(&written);
        if let Some(lang) = &language {
            // Function words of the request's language ("de", "en", "la") would match language
            // codes in ids: they are not search words.
            terms.retain(|t| t.via.is_some() || !request_language::is_function_word(&lang.code, &t.surface.to_lowercase()));
        }
        Query { terms, intents, language }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.intents.is_empty()
    }
}

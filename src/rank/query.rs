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
        let intents = detect_intents(lexicon, request, &params.intent);
        Query { terms, intents }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.intents.is_empty()
    }
}

//! Learned query expansion: words the catalog says travel with a request word ("angry" →
//! emotion, "adult" → nsfw), added below the developer's own words and shown as expansions.
//!
//! Why learned: the hand-written synonym table ([`crate::analysis::SYNONYMS`]) covers shorthand
//! its authors thought of; plain-language requests use words cards rarely put in their tags. The
//! index ships, per word, the few tag / name / task words that co-occur with it far above chance
//! in the models that use it ([`crate::index::learned`]). An expansion weighs
//! `learned_expansion_weight × share × the request word's weight`, so it helps recall and never
//! outranks what was written.

use super::params::RankParams;
use super::query::QueryTerm;
use crate::analysis::Analyzer;
use crate::index::Index;

/// The learned expansions of the request's own words (not of other expansions), minus words the
/// query already has, with the shown text "angry → emotion".
pub fn learned_expansions(index: &Index, analyzer: &Analyzer, terms: &[QueryTerm], params: &RankParams) -> Vec<(QueryTerm, String)> {
    let mut out: Vec<(QueryTerm, String)> = Vec::new();
    if params.learned_expansion_weight <= 0.0 {
        return out;
    }
    for qt in terms.iter().filter(|t| t.via.is_none()) {
        let Some(ti) = index.term_index(&qt.term) else { continue };
        if index.terms.doc_freq[ti] > params.learned_expansion_max_df {
            continue;
        }
        for (target, share) in index.learned.expansions_of(ti as u32) {
            let term = index.term_text(target as usize);
            if terms.iter().any(|t| t.term == term) || out.iter().any(|(t, _)| t.term == term) {
                continue;
            }
            let surface = index.surface_of(term, analyzer);
            let shown = format!("{} → {surface}", qt.surface);
            out.push((
                QueryTerm {
                    term: term.to_string(),
                    surface,
                    weight: qt.weight * params.learned_expansion_weight * share,
                    from_field: qt.from_field,
                    via: Some(format!("{} (learned)", qt.surface)),
                },
                shown,
            ));
        }
    }
    out
}

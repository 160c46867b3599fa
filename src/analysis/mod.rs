//! Text analysis: how free text (cards, requests, model ids) becomes index terms.
//!
//! Why it is its own module: the index builder and the query side must produce *identical* terms,
//! so there is exactly one [`Analyzer`], used by both.

mod analyzer;
mod edit_distance;
mod lexicon;
mod synonyms;

pub use analyzer::{Analyzer, Token};
pub use edit_distance::{bounded_osa, within_one_slip};
pub use lexicon::Lexicon;
pub use synonyms::{contains_phrase, expand_synonyms, Expansion, SYNONYMS};

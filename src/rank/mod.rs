//! Ranking: request → [`Query`] (weighted terms + task intents) → [`Scorer`] (BM25F + task bonus
//! + prior) → [`explain`] for the results shown.

pub mod expansion;
pub mod explain;
pub mod feedback;
pub mod input_side;
pub mod intent;
pub mod knobs;
pub mod learned_intent;
pub mod near_duplicates;
pub mod params;
pub mod prior;
pub mod query;
pub mod scorer;
pub mod typo;

pub use explain::{explain, Explanation, FieldMatch, TermMatch};
pub use intent::TaskIntent;
pub use params::{IntentParams, RankParams};
pub use query::{Learning, Query, QueryTerm};
pub use scorer::{ScoreParts, Scorer};
pub use typo::{Correction, TypoIndex};

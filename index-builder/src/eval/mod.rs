//! Evaluation of judged requests: our engine against two baselines, on the same catalog.
//!
//! Why judge from the raw catalog: predicates (task, license, size, language, keywords) are
//! checked against the catalog's own records, never against our extraction, so a bug in
//! extraction can't make the engine look better than it is.

pub mod baselines;
pub mod judge;
pub mod metrics;
pub mod styles;

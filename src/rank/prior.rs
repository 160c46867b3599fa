//! The query-independent prior: popularity and card quality.
//!
//! Why: the Hub holds thousands of empty or copied repositories per popular model. Two models that
//! match a request equally well should be ordered by how much the community uses them and how well
//! they are documented. Both parts are bounded (0..weight), so the prior never outweighs a clearly
//! better text match. Weights live in [`super::RankParams`].

use super::params::RankParams;
use crate::index::Index;

pub fn prior(index: &Index, doc: u32, params: &RankParams) -> f32 {
    let d = doc as usize;
    let downloads = index.docs.downloads.get(d).copied().unwrap_or(0) as f64;
    let max = index.meta.max_downloads.max(1) as f64;
    let popularity = ((1.0 + downloads).ln() / (1.0 + max).ln()) as f32;
    params.popularity_weight * popularity + params.card_weight * index.doc_card_quality(doc)
}

//! The query-independent prior: popularity and card quality.
//!
//! Why: the Hub holds thousands of empty or copied repositories per popular model. Two models that
//! match a request equally well should be ordered by how much the community uses them and how well
//! they are documented. Both parts are bounded (0..weight), so the prior never outweighs a clearly
//! better text match; an empty repo (no card, no or a handful of downloads) gets a small penalty
//! instead, shrinking as downloads grow (`little_used_downloads`). Likes can stand in for downloads
//! the crawl did not see (`like_downloads`, off). Weights live in [`super::RankParams`].

use super::params::RankParams;
use crate::index::Index;

pub fn prior(index: &Index, doc: u32, params: &RankParams) -> f32 {
    Priors::new(index, params).of(index, doc)
}

/// [`prior`] of every model in turn (the scorer's setup): the logarithms of the index's most
/// downloads and of `little_used_downloads` are taken once, and a model's own once, instead of
/// up to four per model — the same operations on the same values, so the same bits.
pub struct Priors<'p> {
    params: &'p RankParams,
    /// ln(1 + the index's most downloads).
    log_max: f64,
    /// ln(1 + `little_used_downloads`).
    log_little_used: f64,
}

impl<'p> Priors<'p> {
    pub fn new(index: &Index, params: &'p RankParams) -> Priors<'p> {
        let max = index.meta.max_downloads.max(1) as f64;
        Priors { params, log_max: (1.0 + max).ln(), log_little_used: (1.0 + params.little_used_downloads as f64).ln() }
    }

    pub fn of(&self, index: &Index, doc: u32) -> f32 {
        let params = self.params;
        let d = doc as usize;
        let downloads = index.docs.downloads.get(d).copied().unwrap_or(0) as f64;
        // Likes count as uses where they say more than the downloads (a gated original whose
        // downloads the crawl did not see), on the same scale: see `like_downloads`.
        let likes = index.docs.likes.get(d).copied().unwrap_or(0) as f64;
        let uses = downloads.max(likes * f64::from(params.like_downloads));
        let log_uses = (1.0 + uses).ln();
        let popularity = (log_uses / self.log_max).min(1.0) as f32;
        let card = index.doc_card_quality(doc);
        // An empty copy (no card to speak of, (almost) no downloads) goes below documented models.
        let empty = if card < EMPTY_CARD {
            params.empty_repo_penalty * unused_share(uses, log_uses, params.little_used_downloads, self.log_little_used)
        } else {
            0.0
        };
        params.popularity_weight * popularity + params.card_weight * card - empty
    }
}

/// How unused a repo is, 1 (never downloaded) → 0 (`threshold` downloads or more), on the same
/// log scale as popularity: a handful of downloads is a copy nobody uses, not a used model.
/// (`log_downloads` = ln(1 + downloads), `log_threshold` = ln(1 + threshold), taken by the caller.)
fn unused_share(downloads: f64, log_downloads: f64, threshold: u64, log_threshold: f64) -> f32 {
    if downloads <= 0.0 {
        return 1.0;
    }
    if threshold == 0 {
        return 0.0;
    }
    (1.0 - log_downloads / log_threshold).max(0.0) as f32
}

/// Card quality below which a repo with no downloads counts as empty (about one documented
/// section in ten).
const EMPTY_CARD: f32 = 0.1;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{ModelFacts, ModelInstance};
    use crate::index::IndexWriter;

    #[test]
    fn empty_copies_go_below_documented_used_models() {
        let mut w = IndexWriter::new("t");
        for (id, downloads, card) in [("a/used", 1000, 0.8), ("b/empty", 0, 0.0), ("c/new-but-documented", 0, 0.6)] {
            let facts = ModelFacts { downloads, card_quality: card, ..Default::default() };
            w.add(&ModelInstance { id: id.into(), facts, ..Default::default() });
        }
        let index = w.finish();
        let p = RankParams::default();
        let (used, empty, documented) = (prior(&index, 0, &p), prior(&index, 1, &p), prior(&index, 2, &p));
        assert!(used > documented && documented > 0.0 && empty < 0.0, "{used} {documented} {empty}");
        let p = RankParams { empty_repo_penalty: 0.0, ..Default::default() };
        assert_eq!(prior(&index, 1, &p), 0.0);
    }

    #[test]
    fn barely_downloaded_undocumented_copies_share_the_penalty() {
        let mut w = IndexWriter::new("t");
        for (id, downloads) in [("a/used", 100_000), ("b/one", 1), ("c/five", 5), ("d/hundreds", 500)] {
            let facts = ModelFacts { downloads, ..Default::default() };
            w.add(&ModelInstance { id: id.into(), facts, ..Default::default() });
        }
        let index = w.finish();
        let p = RankParams { little_used_downloads: 100, ..Default::default() };
        let popularity_only = |d: u32| {
            let off = RankParams { empty_repo_penalty: 0.0, ..p.clone() };
            prior(&index, d, &off)
        };
        let penalty = |d: u32| popularity_only(d) - prior(&index, d, &p);
        assert!(penalty(1) > penalty(2) && penalty(2) > 0.0, "{} {}", penalty(1), penalty(2));
        assert!(penalty(1) < p.empty_repo_penalty);
        assert_eq!((penalty(0), penalty(3)), (0.0, 0.0));
        // 0: only never-downloaded repos pay.
        let p0 = RankParams { little_used_downloads: 0, ..p.clone() };
        assert_eq!(prior(&index, 1, &p0), popularity_only(1));
    }

    #[test]
    fn likes_count_as_uses_where_the_downloads_say_less() {
        let mut w = IndexWriter::new("t");
        for (id, downloads, likes) in
            [("a/gated-original", 0, 400), ("b/used", 5000, 2), ("c/nothing", 0, 0), ("d/most-used", 10_000_000, 0)]
        {
            let facts = ModelFacts { downloads, likes, ..Default::default() };
            w.add(&ModelInstance { id: id.into(), facts, ..Default::default() });
        }
        let index = w.finish();
        let off = RankParams { like_downloads: 0.0, ..Default::default() };
        let on = RankParams { like_downloads: 60.0, ..Default::default() };
        // Off: the liked original with no downloads seen is an empty repo.
        assert!(prior(&index, 0, &off) < 0.0);
        // On: its 400 likes count as 24,000 uses, above the used model's 5,000 downloads; a
        // model whose downloads say more keeps them; no likes, no change.
        assert!(prior(&index, 0, &on) > prior(&index, 1, &on), "{} {}", prior(&index, 0, &on), prior(&index, 1, &on));
        assert_eq!(prior(&index, 1, &on), prior(&index, 1, &off));
        assert_eq!(prior(&index, 2, &on), prior(&index, 2, &off));
    }
}

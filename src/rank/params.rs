//! Every ranking knob in one place, with the reasoning for its default.

use serde::{Deserialize, Serialize};

use crate::index::{SearchField, FIELD_COUNT};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankParams {
    /// BM25 term-frequency saturation. 1.2 is the classic default; cards are short.
    pub k1: f32,
    /// Length normalisation per search field (0 = none, 1 = full).
    pub b: [f32; FIELD_COUNT],
    /// BM25F field weights (see [`SearchField::default_weight`]).
    pub field_weight: [f32; FIELD_COUNT],
    /// Weight of query terms added by a synonym, relative to words the developer wrote.
    pub synonym_weight: f32,
    /// Added when a model's pipeline tag is a task the request asks for (× intent confidence).
    /// About the score of two strong term matches: the task is the single most telling fact.
    pub task_bonus: f32,
    /// Popularity prior: `popularity_weight × ln(1+downloads) / ln(1+max downloads)`.
    /// Small next to relevance, but it separates the real model from its thousand empty copies.
    pub popularity_weight: f32,
    /// Card-quality prior: `card_weight × quality` (0–1, share of documented sections).
    pub card_weight: f32,
    /// Results scoring below this share of the best score are ordered after all others,
    /// whatever their verdicts (a weak match with a known license must not beat a strong match).
    pub relevance_floor: f32,
}

impl Default for RankParams {
    fn default() -> Self {
        let mut field_weight = [0.0; FIELD_COUNT];
        for f in SearchField::ALL {
            field_weight[f as usize] = f.default_weight();
        }
        let mut b = [0.75; FIELD_COUNT];
        b[SearchField::Name as usize] = 0.5;
        b[SearchField::Task as usize] = 0.3;
        b[SearchField::Keywords as usize] = 0.5;
        RankParams {
            k1: 1.2,
            b,
            field_weight,
            synonym_weight: 0.5,
            task_bonus: 8.0,
            popularity_weight: 4.0,
            card_weight: 1.5,
            relevance_floor: 0.45,
        }
    }
}

impl RankParams {
    /// Sets one knob from `name=value` text (`k1`, `synonym_weight`, `task_bonus`,
    /// `popularity_weight`, `card_weight`, `relevance_floor`, `weight.<field>`, `b.<field>`), so
    /// tuning runs need no rebuild.
    pub fn set(&mut self, assignment: &str) -> Result<(), String> {
        let (name, value) = assignment.split_once('=').ok_or_else(|| format!("expected name=value, got {assignment:?}"))?;
        let value: f32 = value.trim().parse().map_err(|_| format!("{name}: {value:?} is not a number"))?;
        if !value.is_finite() || value < 0.0 {
            return Err(format!("{name}: must be a non-negative number"));
        }
        let field = |prefix: &str| -> Result<usize, String> {
            let f = name.strip_prefix(prefix).unwrap_or_default();
            SearchField::ALL.iter().find(|sf| sf.name() == f).map(|sf| *sf as usize).ok_or_else(|| format!("unknown search field {f:?}"))
        };
        match name.trim() {
            "k1" => self.k1 = value,
            "synonym_weight" => self.synonym_weight = value,
            "task_bonus" => self.task_bonus = value,
            "popularity_weight" => self.popularity_weight = value,
            "card_weight" => self.card_weight = value,
            "relevance_floor" => self.relevance_floor = value.min(1.0),
            n if n.starts_with("weight.") => self.field_weight[field("weight.")?] = value,
            n if n.starts_with("b.") => self.b[field("b.")?] = value.min(1.0),
            other => return Err(format!("unknown ranking parameter {other:?}")),
        }
        Ok(())
    }
}

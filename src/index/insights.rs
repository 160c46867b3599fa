//! The paper's RQ2 as numbers: how many models document each template attribute, and how
//! downloads differ with vs without it. Computed once by the builder, shipped in the index, drawn
//! by the app's insights page.

use serde::{Deserialize, Serialize};

use crate::facts::{ModelInstance, Source};
use crate::template::Field;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldInsight {
    pub field: Field,
    /// Models whose card or metadata documents the attribute (values derived from the task
    /// taxonomy alone don't count).
    pub documented: u32,
    pub mean_downloads_with: f64,
    pub median_downloads_with: f64,
    pub mean_downloads_without: f64,
    pub median_downloads_without: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Insights {
    pub models: u32,
    pub models_with_card: u32,
    pub fields: Vec<FieldInsight>,
}

/// Accumulates downloads per field while the index is built.
#[derive(Default)]
pub struct InsightsBuilder {
    models: u32,
    with_card: u32,
    with: Vec<Vec<u64>>,
    without: Vec<Vec<u64>>,
}

impl InsightsBuilder {
    pub fn new() -> InsightsBuilder {
        InsightsBuilder { with: vec![Vec::new(); Field::ALL.len()], without: vec![Vec::new(); Field::ALL.len()], ..Default::default() }
    }

    pub fn add(&mut self, m: &ModelInstance) {
        self.models += 1;
        if m.facts.card_quality > 0.0 {
            self.with_card += 1;
        }
        for f in Field::ALL {
            let documented = m.template.get(f).is_some() && m.source_of(f) != Some(Source::TaskTaxonomy);
            let bucket = if documented { &mut self.with } else { &mut self.without };
            bucket[f as usize].push(m.facts.downloads);
        }
    }

    pub fn finish(mut self) -> Insights {
        let fields = Field::ALL
            .iter()
            .map(|&f| {
                let (mw, medw) = mean_median(&mut self.with[f as usize]);
                let (mo, medo) = mean_median(&mut self.without[f as usize]);
                FieldInsight {
                    field: f,
                    documented: self.with[f as usize].len() as u32,
                    mean_downloads_with: mw,
                    median_downloads_with: medw,
                    mean_downloads_without: mo,
                    median_downloads_without: medo,
                }
            })
            .collect();
        Insights { models: self.models, models_with_card: self.with_card, fields }
    }
}

fn mean_median(v: &mut [u64]) -> (f64, f64) {
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let mean = v.iter().map(|&x| x as f64).sum::<f64>() / v.len() as f64;
    v.sort_unstable();
    let n = v.len();
    let median = if n % 2 == 1 { v[n / 2] as f64 } else { (v[n / 2 - 1] as f64 + v[n / 2] as f64) / 2.0 };
    (mean, median)
}

//! Two baselines, run on the same catalog as the engine:
//! (a) the Hub's way — filter by the request's task tag (or, with no tag, keep models whose id
//!     contains a request word, as the Hub's search box does), sort by downloads;
//! (b) plain BM25 (k1 = 1.2, b = 0.75) over each model's id and raw card text, queried with all of
//!     the request's text, no fields, synonyms, task inference, prior or constraints.

use std::collections::HashMap;

use ptmpicker::analysis::Analyzer;
use ptmpicker::knowledge::tasks::task_by_tag;
use ptmpicker::template::{Field, Template};

use crate::catalog::HubRecord;

/// (a) Task filter + downloads.
pub fn hub_way(records: &[HubRecord], analyzer: &Analyzer, request: &Template, top: usize) -> Vec<usize> {
    let task = request.get(Field::Task).and_then(task_by_tag).map(|t| t.tag);
    let mut picked: Vec<usize> = match task {
        Some(tag) => (0..records.len()).filter(|&i| records[i].pipeline_tag.as_deref() == Some(tag)).collect(),
        None => {
            let words: Vec<String> = request
                .get(Field::Function)
                .map(|f| {
                    f.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| w.len() > 2 && !analyzer.is_stop_word(&w.to_lowercase()))
                        .map(|w| w.to_lowercase())
                        .collect()
                })
                .unwrap_or_default();
            (0..records.len())
                .filter(|&i| {
                    let id = records[i].id.to_lowercase();
                    words.iter().any(|w| id.contains(w.as_str()))
                })
                .collect()
        }
    };
    picked.sort_by(|&a, &b| records[b].downloads.unwrap_or(0).cmp(&records[a].downloads.unwrap_or(0)).then(a.cmp(&b)));
    picked.truncate(top);
    picked
}

/// (b) Plain BM25 over id + card text.
pub struct PlainBm25 {
    postings: HashMap<String, Vec<(u32, u32)>>,
    lens: Vec<u32>,
    avg: f64,
}

impl PlainBm25 {
    pub fn build(records: &[HubRecord], analyzer: &Analyzer) -> PlainBm25 {
        let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        let mut lens = Vec::with_capacity(records.len());
        let mut counts: HashMap<String, u32> = HashMap::new();
        for (d, r) in records.iter().enumerate() {
            counts.clear();
            let text = format!("{} {}", r.id.replace(['/', '-', '_'], " "), r.card.as_deref().unwrap_or(""));
            let terms = analyzer.terms(&text);
            lens.push(terms.len() as u32);
            for t in terms {
                *counts.entry(t).or_default() += 1;
            }
            for (t, c) in counts.drain() {
                postings.entry(t).or_default().push((d as u32, c));
            }
        }
        let avg = lens.iter().map(|&l| l as f64).sum::<f64>() / lens.len().max(1) as f64;
        PlainBm25 { postings, lens, avg: avg.max(1.0) }
    }

    pub fn search(&self, analyzer: &Analyzer, request: &Template, top: usize) -> Vec<usize> {
        let text: Vec<&str> = request.iter().map(|(_, v)| v).collect();
        let n = self.lens.len() as f64;
        let mut scores: HashMap<u32, f64> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for t in analyzer.terms(&text.join(" ")) {
            if !seen.insert(t.clone()) {
                continue;
            }
            let Some(list) = self.postings.get(&t) else { continue };
            let df = list.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for &(d, tf) in list {
                let tf = tf as f64;
                let norm = 1.2 * (0.25 + 0.75 * self.lens[d as usize] as f64 / self.avg);
                *scores.entry(d).or_default() += idf * tf * 2.2 / (tf + norm);
            }
        }
        let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(top).map(|(d, _)| d as usize).collect()
    }
}

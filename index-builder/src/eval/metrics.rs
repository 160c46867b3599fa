//! Ranking metrics over judged requests.

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Metrics {
    pub requests: usize,
    pub hit1: f64,
    pub hit3: f64,
    pub hit5: f64,
    pub hit10: f64,
    pub mrr10: f64,
    /// Share of returned top-10 results that break a stated hard constraint.
    pub violation_share: f64,
    /// Results returned in all (≤ 10 per request).
    pub results: usize,
}

impl Metrics {
    /// The metric cells of a Markdown table row: `hit@1 | hit@3 | hit@5 | hit@10 | MRR@10 |
    /// top-10 violating` (the README's tables, overall and per style).
    pub fn markdown_cells(&self) -> String {
        format!(
            "{:.2} | {:.2} | {:.2} | {:.2} | {:.3} | {:.1}%",
            self.hit1,
            self.hit3,
            self.hit5,
            self.hit10,
            self.mrr10,
            self.violation_share * 100.0
        )
    }
}

#[derive(Default)]
pub struct MetricsBuilder {
    n: usize,
    hits: [usize; 4],
    rr: f64,
    violations: usize,
    results: usize,
}

impl MetricsBuilder {
    /// `suitable[i]` / `violating[i]`: the i-th returned result (rank i+1) is suitable / violating.
    pub fn add(&mut self, suitable: &[bool], violating: &[bool]) {
        self.n += 1;
        let first = suitable.iter().take(10).position(|&s| s);
        for (slot, k) in [1usize, 3, 5, 10].iter().enumerate() {
            if first.is_some_and(|r| r < *k) {
                self.hits[slot] += 1;
            }
        }
        if let Some(r) = first {
            self.rr += 1.0 / (r as f64 + 1.0);
        }
        self.results += violating.len().min(10);
        self.violations += violating.iter().take(10).filter(|&&v| v).count();
    }

    pub fn finish(&self) -> Metrics {
        let n = self.n.max(1) as f64;
        Metrics {
            requests: self.n,
            hit1: self.hits[0] as f64 / n,
            hit3: self.hits[1] as f64 / n,
            hit5: self.hits[2] as f64 / n,
            hit10: self.hits[3] as f64 / n,
            mrr10: self.rr / n,
            violation_share: if self.results == 0 { 0.0 } else { self.violations as f64 / self.results as f64 },
            results: self.results,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_and_mrr() {
        let mut m = MetricsBuilder::default();
        m.add(&[false, true, false], &[false, false, true]);
        m.add(&[false; 10], &[false; 10]);
        let r = m.finish();
        assert_eq!(r.requests, 2);
        assert_eq!((r.hit1, r.hit3, r.hit10), (0.0, 0.5, 0.5));
        assert!((r.mrr10 - 0.25).abs() < 1e-9);
        assert!((r.violation_share - 1.0 / 13.0).abs() < 1e-9);
    }
}

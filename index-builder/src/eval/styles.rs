//! Metrics broken down by how a request is written.
//!
//! Why: an engine can rank carefully filled forms well and still fail the same needs typed as
//! jargon, in plain words, with licence and hardware in everyday language, or as a paper-like
//! wish list (issue 10). Judged sets written that way tag each line with a `style`; averaging
//! over the whole set would hide a weak style behind a strong one, so `eval` reports every style
//! on its own row, next to the overall row, for the engine and each baseline alike.
//!
//! Styles are free strings taken from the set; the ones documented in
//! `tests/eval/people-README.md` are listed first in their documented order, any other style
//! after them alphabetically, and requests without a style (in a set where others have one)
//! under [`NO_STYLE`].

use std::collections::BTreeMap;

use super::metrics::{Metrics, MetricsBuilder};

/// The documented styles, in the order the tables show them.
pub const KNOWN_STYLES: [&str; 5] = ["terse", "plain", "form", "constraint", "paper"];
/// Row name for requests that carry no `style` in a set where other requests do.
pub const NO_STYLE: &str = "(no style)";
/// Row name for the whole set.
pub const ALL: &str = "all";

/// Per-style metrics builders, one per system, filled request by request.
pub struct StyleBreakdown {
    systems: usize,
    rows: BTreeMap<String, Vec<MetricsBuilder>>,
    any_style: bool,
}

/// One finished row: a style (or [`ALL`]) and its metrics per system, in system order.
#[derive(Debug)]
pub struct StyleRow {
    pub style: String,
    pub metrics: Vec<Metrics>,
}

impl StyleBreakdown {
    pub fn new(systems: usize) -> StyleBreakdown {
        StyleBreakdown { systems, rows: BTreeMap::new(), any_style: false }
    }

    /// Record one request's ranked results for one system (`suitable[i]` / `violating[i]` describe
    /// rank i+1, as for [`MetricsBuilder::add`]). Call once per system for every request.
    pub fn add(&mut self, style: Option<&str>, system: usize, suitable: &[bool], violating: &[bool]) {
        assert!(system < self.systems, "system {system} out of range (have {})", self.systems);
        self.any_style |= style.is_some();
        let key = style.map(str::trim).filter(|s| !s.is_empty()).unwrap_or(NO_STYLE).to_string();
        let systems = self.systems;
        let row = self.rows.entry(key).or_insert_with(|| (0..systems).map(|_| MetricsBuilder::default()).collect());
        row[system].add(suitable, violating);
        let all = self.rows.entry(ALL.to_string()).or_insert_with(|| (0..systems).map(|_| MetricsBuilder::default()).collect());
        all[system].add(suitable, violating);
    }

    /// True when no request carried a style: the set is an old one and gets no breakdown.
    pub fn is_empty(&self) -> bool {
        !self.any_style
    }

    /// The rows in display order: documented styles, other styles alphabetically, requests
    /// without a style, then [`ALL`]. Empty when no request carried a style.
    pub fn finish(&self) -> Vec<StyleRow> {
        if self.is_empty() {
            return Vec::new();
        }
        let rank = |s: &str| match KNOWN_STYLES.iter().position(|k| *k == s) {
            Some(i) => (0, i),
            None if s == NO_STYLE => (2, 0),
            None if s == ALL => (3, 0),
            None => (1, 0),
        };
        let mut names: Vec<&String> = self.rows.keys().collect();
        names.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
        names
            .into_iter()
            .map(|name| StyleRow { style: name.clone(), metrics: self.rows[name].iter().map(MetricsBuilder::finish).collect() })
            .collect()
    }
}

/// A Markdown table with one row per (style, system), pasted into READMEs as is.
pub fn style_table(rows: &[StyleRow], systems: &[&str]) -> String {
    let mut out = String::from(
        "| style | system | requests | hit@1 | hit@3 | hit@5 | hit@10 | MRR@10 | top-10 violating |\n|---|---|---|---|---|---|---|---|---|\n",
    );
    for row in rows {
        for (name, m) in systems.iter().zip(&row.metrics) {
            let style = if row.style == ALL { format!("**{ALL}**") } else { row.style.clone() };
            out.push_str(&format!("| {style} | {name} | {} | {} |\n", m.requests, m.markdown_cells()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit_at(rank: usize) -> Vec<bool> {
        (1..=10).map(|r| r == rank).collect()
    }

    #[test]
    fn a_set_without_styles_has_no_breakdown() {
        let mut b = StyleBreakdown::new(2);
        b.add(None, 0, &hit_at(1), &[false; 10]);
        b.add(None, 1, &hit_at(2), &[false; 10]);
        assert!(b.is_empty());
        assert!(b.finish().is_empty());
    }

    #[test]
    fn each_style_is_scored_on_its_own_and_all_pools_them() {
        let mut b = StyleBreakdown::new(2);
        // Two terse requests: system 0 hits at rank 1 and misses; system 1 hits at 3 twice.
        b.add(Some("terse"), 0, &hit_at(1), &[false; 10]);
        b.add(Some("terse"), 1, &hit_at(3), &[false; 10]);
        b.add(Some("terse"), 0, &[false; 10], &[false; 10]);
        b.add(Some("terse"), 1, &hit_at(3), &[false; 10]);
        // One plain request: system 0 hits at rank 2 with one violating result of 10.
        let mut violating = [false; 10];
        violating[4] = true;
        b.add(Some("plain"), 0, &hit_at(2), &violating);
        b.add(Some("plain"), 1, &[false; 10], &[false; 10]);

        let rows = b.finish();
        let names: Vec<&str> = rows.iter().map(|r| r.style.as_str()).collect();
        assert_eq!(names, ["terse", "plain", ALL]);

        let terse = &rows[0].metrics;
        assert_eq!(terse[0].requests, 2);
        assert_eq!((terse[0].hit1, terse[0].hit10), (0.5, 0.5));
        assert!((terse[0].mrr10 - 0.5).abs() < 1e-9);
        assert_eq!((terse[1].hit1, terse[1].hit3), (0.0, 1.0));
        assert!((terse[1].mrr10 - 1.0 / 3.0).abs() < 1e-9);

        let plain = &rows[1].metrics;
        assert_eq!(plain[0].requests, 1);
        assert_eq!((plain[0].hit1, plain[0].hit3), (0.0, 1.0));
        assert!((plain[0].violation_share - 0.1).abs() < 1e-9);
        assert_eq!(plain[1].hit10, 0.0);

        let all = &rows[2].metrics;
        assert_eq!(all[0].requests, 3);
        assert!((all[0].hit10 - 2.0 / 3.0).abs() < 1e-9);
        assert!((all[0].mrr10 - (1.0 + 0.0 + 0.5) / 3.0).abs() < 1e-9);
        assert!((all[0].violation_share - 1.0 / 30.0).abs() < 1e-9);
        assert!((all[1].mrr10 - (1.0 / 3.0 + 1.0 / 3.0) / 3.0).abs() < 1e-9);
    }

    #[test]
    fn documented_styles_come_first_then_others_then_unstyled_then_all() {
        let mut b = StyleBreakdown::new(1);
        for style in [Some("paper"), Some("zzz-custom"), None, Some("form"), Some("abc-custom"), Some("terse"), Some("  ")] {
            b.add(style, 0, &hit_at(1), &[false; 10]);
        }
        let names: Vec<String> = b.finish().into_iter().map(|r| r.style).collect();
        assert_eq!(names, ["terse", "form", "paper", "abc-custom", "zzz-custom", NO_STYLE, ALL]);
    }

    #[test]
    fn the_table_has_a_row_per_style_and_system() {
        let mut b = StyleBreakdown::new(2);
        b.add(Some("form"), 0, &hit_at(1), &[false; 10]);
        b.add(Some("form"), 1, &hit_at(5), &[false; 10]);
        let table = style_table(&b.finish(), &["ours", "baseline"]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 2 + 2 * 2, "{table}");
        assert_eq!(lines[2], "| form | ours | 1 | 1.00 | 1.00 | 1.00 | 1.00 | 1.000 | 0.0% |");
        assert_eq!(lines[3], "| form | baseline | 1 | 0.00 | 0.00 | 1.00 | 1.00 | 0.200 | 0.0% |");
        assert!(lines[4].starts_with("| **all** | ours | 1 |"), "{table}");
    }

    #[test]
    #[should_panic(expected = "out of range")]
    fn a_system_index_beyond_the_breakdown_is_a_bug() {
        StyleBreakdown::new(1).add(Some("terse"), 1, &[], &[]);
    }
}

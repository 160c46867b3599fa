//! Reads a catalog file: JSON Lines (one record per line) or the Hub API's JSON array.
//!
//! Why this is careful: catalogs are big and come from many places. One bad line must never sink
//! a build, and none may vanish silently: each skip is reported with its line (or array position)
//! and counted by reason.

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;

use super::HubRecord;

/// Why a record was not indexed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    InvalidJson,
    NotAnObject,
    MissingId,
    InvalidId,
    DuplicateId,
    BelowMinDownloads,
}

impl SkipReason {
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::InvalidJson => "invalid JSON",
            SkipReason::NotAnObject => "not a JSON object",
            SkipReason::MissingId => "missing id",
            SkipReason::InvalidId => "invalid id",
            SkipReason::DuplicateId => "duplicate id",
            SkipReason::BelowMinDownloads => "below --min-downloads",
        }
    }
}

/// What reading a catalog found.
#[derive(Debug, Default, serde::Serialize)]
pub struct CatalogReport {
    /// Records seen (non-blank lines or array elements).
    pub read: usize,
    /// Skipped records by reason.
    pub skipped: BTreeMap<SkipReason, usize>,
    /// The first few problems, with their line number, for the user to fix.
    pub problems: Vec<String>,
}

impl CatalogReport {
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    fn skip(&mut self, reason: SkipReason, location: String, detail: &str) {
        *self.skipped.entry(reason).or_default() += 1;
        if self.problems.len() < 20 {
            self.problems.push(format!(
                "{location}: {}{}",
                reason.describe(),
                if detail.is_empty() { String::new() } else { format!(" ({detail})") }
            ));
        }
    }
}

/// Reads every record from `input`, applying `min_downloads`. Records are normalized
/// ([`HubRecord::normalize`]). The first duplicate of an id (case-insensitive) wins.
pub fn read_catalog(input: impl BufRead, min_downloads: u64) -> std::io::Result<(Vec<HubRecord>, CatalogReport)> {
    let mut records = Vec::new();
    let report = for_each_record(input, min_downloads, |r| records.push(r))?;
    Ok((records, report))
}

/// Streams every accepted record to `sink` (in file order) without holding the catalog in memory;
/// same rules and report as [`read_catalog`].
pub fn for_each_record(mut input: impl BufRead, min_downloads: u64, mut sink: impl FnMut(HubRecord)) -> std::io::Result<CatalogReport> {
    let mut report = CatalogReport::default();
    let mut seen = HashSet::new();
    let mut accept = |value: Result<serde_json::Value, String>, location: String, report: &mut CatalogReport| {
        report.read += 1;
        let value = match value {
            Ok(v) => v,
            Err(e) => return report.skip(SkipReason::InvalidJson, location, &e),
        };
        if !value.is_object() {
            return report.skip(SkipReason::NotAnObject, location, "");
        }
        let mut record: HubRecord = match serde_json::from_value(value) {
            Ok(r) => r,
            Err(e) => return report.skip(SkipReason::InvalidJson, location, &e.to_string()),
        };
        record.normalize();
        if record.id.is_empty() {
            return report.skip(SkipReason::MissingId, location, "");
        }
        if !valid_id(&record.id) {
            let id = record.id.chars().take(60).collect::<String>();
            return report.skip(SkipReason::InvalidId, location, &id);
        }
        if record.downloads.unwrap_or(0) < min_downloads {
            return report.skip(SkipReason::BelowMinDownloads, location, "");
        }
        if !seen.insert(record.id.to_ascii_lowercase()) {
            let id = record.id.clone();
            return report.skip(SkipReason::DuplicateId, location, &id);
        }
        sink(record);
    };

    // Peek at the first non-blank byte: '[' means a JSON array, anything else JSON Lines.
    let first = loop {
        let buf = input.fill_buf()?;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => break Some(buf[i]),
            None if buf.is_empty() => break None,
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    };
    if first == Some(b'[') {
        let mut text = String::new();
        input.read_to_string(&mut text).map_err(|e| std::io::Error::new(e.kind(), format!("catalog is not valid UTF-8 text: {e}")))?;
        let items: Vec<serde_json::Value> = serde_json::from_str(&text).map_err(|e| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, format!("catalog looks like a JSON array but does not parse: {e}"))
        })?;
        for (i, item) in items.into_iter().enumerate() {
            accept(Ok(item), format!("element {}", i + 1), &mut report);
        }
    } else {
        let mut line = Vec::new();
        let mut number = 0usize;
        loop {
            line.clear();
            if input.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            number += 1;
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let parsed = serde_json::from_str::<serde_json::Value>(text).map_err(|e| e.to_string());
            accept(parsed, format!("line {number}"), &mut report);
        }
    }
    Ok(report)
}

/// Hub ids are `name` (legacy) or `org/name`, from a restricted alphabet.
fn valid_id(id: &str) -> bool {
    id.len() <= 400
        && id.split('/').count() <= 2
        && id.split('/').all(|part| !part.is_empty())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_counted_with_line_numbers() {
        let input = "{\"id\":\"a/b\",\"downloads\":5}\n\nnot json\n[1]\n{\"pipeline_tag\":\"x\"}\n{\"id\":\"A/B\",\"downloads\":9}\n{\"id\":\"bad id!\"}\n{\"id\":\"c/d\",\"downloads\":1}\n";
        let (records, report) = read_catalog(input.as_bytes(), 2).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(report.read, 7);
        assert_eq!(report.skipped_total(), 6);
        assert_eq!(report.skipped[&SkipReason::InvalidJson], 1);
        assert_eq!(report.skipped[&SkipReason::DuplicateId], 1);
        assert!(report.problems[0].starts_with("line 3: invalid JSON"), "{:?}", report.problems);
    }

    #[test]
    fn hub_api_array_is_read() {
        let input = r#" [{"_id":"x","id":"org/m","modelId":"org/m","pipeline_tag":"fill-mask","downloads":10,"createdAt":"2024-01-01T00:00:00.000Z"}, 3]"#;
        let (records, report) = read_catalog(input.as_bytes(), 0).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].created_at.as_deref(), Some("2024-01-01T00:00:00.000Z"));
        assert_eq!(report.skipped[&SkipReason::NotAnObject], 1);
    }
}

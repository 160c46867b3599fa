//! Reads a catalog file: JSON Lines (one record per line) or the Hub API's JSON array.
//!
//! Why this is careful: catalogs are big and come from many places. One bad line must never sink
//! a build, and none may vanish silently: each skip is reported with its line (or array position)
//! and counted by reason. Memory stays bounded whatever the input: a line longer than the cap
//! (`--max-line-bytes`, default 64 MiB) is skipped without being held, and an array is read
//! element by element. A UTF-8 byte-order mark (Windows editors write one) is skipped and reported.

use std::cell::Cell;
use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, Read};

use serde::de::{Deserializer as _, SeqAccess, Visitor};

use super::HubRecord;

/// Longest catalog line (or array element) read by default: far above any real record (the
/// longest in the 87k dump is ~2 MB), far below what would exhaust memory.
pub const DEFAULT_MAX_LINE_BYTES: u64 = 64 << 20;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a catalog is read.
#[derive(Clone, Copy, Debug)]
pub struct ReadOptions {
    /// Skip models with fewer downloads.
    pub min_downloads: u64,
    /// Skip (and report) lines longer than this many bytes; fail an array element longer than this.
    pub max_line_bytes: u64,
}

impl ReadOptions {
    pub fn new(min_downloads: u64) -> ReadOptions {
        ReadOptions { min_downloads, max_line_bytes: DEFAULT_MAX_LINE_BYTES }
    }
}

/// Why a catalog could not be read at all (as opposed to a record being skipped).
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("the catalog looks like a JSON array but does not parse after element {elements_read}: {detail}")]
    Array { elements_read: usize, detail: String },
    #[error("element {element} of the catalog's JSON array is longer than {limit} bytes (--max-line-bytes)")]
    ArrayElementTooLong { element: usize, limit: u64 },
}

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
    LineTooLong,
    /// A parquet value of an unusable type for its column.
    InvalidValue,
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
            SkipReason::LineTooLong => "line too long",
            SkipReason::InvalidValue => "unusable value",
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
    /// Things fixed on the way that the user should know about (a byte-order mark skipped).
    pub notices: Vec<String>,
}

impl CatalogReport {
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    pub(crate) fn skip(&mut self, reason: SkipReason, location: String, detail: &str) {
        *self.skipped.entry(reason).or_default() += 1;
        if self.problems.len() < 20 {
            self.problems.push(format!(
                "{location}: {}{}",
                reason.describe(),
                if detail.is_empty() { String::new() } else { format!(" ({detail})") }
            ));
        }
    }

    pub(crate) fn notice(&mut self, text: String) {
        if self.notices.len() < 20 {
            self.notices.push(text);
        }
    }
}

/// The rules every catalog reader (JSON or parquet) applies to a record it has read: normalize it,
/// require a usable id, apply `--min-downloads`, and let the first record of an id (compared
/// case-insensitively) win within one catalog.
pub(crate) struct Admission {
    seen: HashSet<String>,
    min_downloads: u64,
}

impl Admission {
    pub fn new(min_downloads: u64) -> Admission {
        Admission { seen: HashSet::new(), min_downloads }
    }

    /// The record, normalized, if it is admitted; otherwise the skip is counted in `report` under
    /// `location` (e.g. "line 12"). The caller counts the record as read.
    pub fn admit(&mut self, mut record: HubRecord, location: String, report: &mut CatalogReport) -> Option<HubRecord> {
        record.normalize();
        if record.id.is_empty() {
            report.skip(SkipReason::MissingId, location, "");
            return None;
        }
        if !valid_id(&record.id) {
            let id = record.id.chars().take(60).collect::<String>();
            report.skip(SkipReason::InvalidId, location, &id);
            return None;
        }
        if record.downloads.unwrap_or(0) < self.min_downloads {
            report.skip(SkipReason::BelowMinDownloads, location, "");
            return None;
        }
        if !self.seen.insert(record.id.to_ascii_lowercase()) {
            let id = record.id.clone();
            report.skip(SkipReason::DuplicateId, location, &id);
            return None;
        }
        Some(record)
    }
}

/// Reads every record from `input`, applying `min_downloads`. Records are normalized
/// ([`HubRecord::normalize`]). The first duplicate of an id (case-insensitive) wins.
pub fn read_catalog(input: impl BufRead, min_downloads: u64) -> Result<(Vec<HubRecord>, CatalogReport), CatalogError> {
    let mut records = Vec::new();
    let report = for_each_record(input, min_downloads, |r| records.push(r))?;
    Ok((records, report))
}

/// Streams every accepted record to `sink` (in file order) without holding the catalog in memory;
/// same rules and report as [`read_catalog`], with the default line cap.
pub fn for_each_record(input: impl BufRead, min_downloads: u64, sink: impl FnMut(HubRecord)) -> Result<CatalogReport, CatalogError> {
    for_each_record_with(input, ReadOptions::new(min_downloads), sink)
}

/// [`for_each_record`] with every reading option.
pub fn for_each_record_with(
    mut input: impl BufRead,
    options: ReadOptions,
    mut sink: impl FnMut(HubRecord),
) -> Result<CatalogReport, CatalogError> {
    let mut report = CatalogReport::default();
    let mut admission = Admission::new(options.min_downloads);
    let mut accept = |value: Result<serde_json::Value, String>, location: String, report: &mut CatalogReport| {
        report.read += 1;
        let value = match value {
            Ok(v) => v,
            Err(e) => return report.skip(SkipReason::InvalidJson, location, &e),
        };
        if !value.is_object() {
            return report.skip(SkipReason::NotAnObject, location, "");
        }
        let record: HubRecord = match serde_json::from_value(value) {
            Ok(r) => r,
            Err(e) => return report.skip(SkipReason::InvalidJson, location, &e.to_string()),
        };
        if let Some(record) = admission.admit(record, location, report) {
            sink(record);
        }
    };

    if input.fill_buf()?.starts_with(BOM) {
        input.consume(BOM.len());
        report.notice("the catalog starts with a UTF-8 byte-order mark (BOM); it was skipped".into());
    }
    // Peek at the first non-blank byte: '[' means a JSON array, anything else JSON Lines.
    let mut blank_lines = 0;
    let first = loop {
        let buf = input.fill_buf()?;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                blank_lines += buf[..i].iter().filter(|&&b| b == b'\n').count();
                let first = buf[i];
                input.consume(i);
                break Some(first);
            }
            None if buf.is_empty() => break None,
            None => {
                let n = buf.len();
                blank_lines += buf.iter().filter(|&&b| b == b'\n').count();
                input.consume(n);
            }
        }
    };
    if first == Some(b'[') {
        read_array(input, options.max_line_bytes, |i, item| accept(Ok(item), format!("element {i}"), &mut report))?;
        return Ok(report);
    }
    let cap = options.max_line_bytes;
    let mut line = Vec::new();
    let mut number = blank_lines;
    loop {
        line.clear();
        // At most cap + 1 bytes of a line are ever held: one more than the cap proves it too long.
        let n = (&mut input).take(cap.saturating_add(1)).read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        number += 1;
        if line.last() != Some(&b'\n') && n as u64 > cap {
            let rest = skip_rest_of_line(&mut input)?;
            report.read += 1;
            let detail = format!("{} bytes; the cap is {cap}, set with --max-line-bytes", n as u64 + rest);
            report.skip(SkipReason::LineTooLong, format!("line {number}"), &detail);
            continue;
        }
        let mut bytes = &line[..];
        if let Some(rest) = bytes.strip_prefix(BOM) {
            bytes = rest;
            if number > 1 {
                report.notice(format!("line {number} starts with a UTF-8 byte-order mark (BOM); it was skipped"));
            }
        }
        let text = String::from_utf8_lossy(bytes);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<serde_json::Value>(text).map_err(|e| e.to_string());
        accept(parsed, format!("line {number}"), &mut report);
    }
    Ok(report)
}

/// Consumes the rest of the current line (and its newline) without keeping it; returns its length
/// without the newline.
fn skip_rest_of_line(input: &mut impl BufRead) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(skipped + i as u64);
            }
            None => {
                let n = buf.len();
                input.consume(n);
                skipped += n as u64;
            }
        }
    }
}

/// Streams the elements of a JSON array (1-based index, value) to `each`, holding one element
/// at a time; an element longer than `cap` bytes fails the read.
fn read_array(input: impl BufRead, cap: u64, mut each: impl FnMut(usize, serde_json::Value)) -> Result<(), CatalogError> {
    let since_element = Cell::new(0u64);
    let elements = Cell::new(0usize);
    let reader = CappedReader { inner: input, used: &since_element, cap };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let visitor = ArrayVisitor {
        each: |value| {
            elements.set(elements.get() + 1);
            since_element.set(0);
            each(elements.get(), value);
        },
    };
    let result = de.deserialize_seq(visitor).and_then(|()| de.end());
    result.map_err(|e| {
        if since_element.get() > cap {
            CatalogError::ArrayElementTooLong { element: elements.get() + 1, limit: cap }
        } else if let Some(kind) = e.io_error_kind() {
            CatalogError::Io(std::io::Error::new(kind, e.to_string()))
        } else {
            CatalogError::Array { elements_read: elements.get(), detail: e.to_string() }
        }
    })
}

/// Counts the bytes read since the last element ended, and refuses to read past the cap.
struct CappedReader<'a, R> {
    inner: R,
    used: &'a Cell<u64>,
    cap: u64,
}

impl<R: Read> Read for CappedReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.used.get() > self.cap {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "array element longer than the cap"));
        }
        let n = self.inner.read(buf)?;
        self.used.set(self.used.get() + n as u64);
        Ok(n)
    }
}

struct ArrayVisitor<F> {
    each: F,
}

impl<'de, F: FnMut(serde_json::Value)> Visitor<'de> for ArrayVisitor<F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON array of model records")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<serde_json::Value>()? {
            (self.each)(value);
        }
        Ok(())
    }
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

    fn record(id: &str) -> String {
        format!("{{\"id\":\"{id}\",\"downloads\":5}}")
    }

    #[test]
    fn a_bom_before_json_lines_is_skipped_and_reported() {
        let input = format!("\u{feff}{}\n{}\n", record("a/first"), record("b/second"));
        let (records, report) = read_catalog(input.as_bytes(), 0).unwrap();
        let ids: Vec<_> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a/first", "b/second"], "{report:?}");
        assert_eq!(report.skipped_total(), 0);
        assert!(report.notices[0].contains("byte-order mark"), "{:?}", report.notices);
        // Two files concatenated: the second one's BOM is mid-file, on its first line.
        let input = format!("\u{feff}{}\n\u{feff}{}\n", record("a/first"), record("b/second"));
        let (records, report) = read_catalog(input.as_bytes(), 0).unwrap();
        assert_eq!(records.len(), 2);
        assert!(report.notices.iter().any(|n| n.starts_with("line 2 starts with a UTF-8 byte-order mark")), "{:?}", report.notices);
    }

    #[test]
    fn a_bom_before_a_json_array_is_skipped_and_reported() {
        let input = format!("\u{feff} [{}, {}]", record("a/first"), record("b/second"));
        let (records, report) = read_catalog(input.as_bytes(), 0).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(report.notices.len(), 1);
    }

    #[test]
    fn lines_over_the_cap_are_skipped_with_their_number() {
        let long = format!("{{\"id\":\"c/long\",\"card\":\"{}\"}}", "x".repeat(5000));
        let input = format!("\n{}\n{long}\n{}\n{long}", record("a/first"), record("b/second"));
        // A small read buffer, so lines cross buffer boundaries.
        let options = ReadOptions { min_downloads: 0, max_line_bytes: 100 };
        let mut records = Vec::new();
        let report = for_each_record_with(std::io::BufReader::with_capacity(16, input.as_bytes()), options, |r| records.push(r)).unwrap();
        let ids: Vec<_> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a/first", "b/second"]);
        assert_eq!(report.read, 4);
        assert_eq!(report.skipped[&SkipReason::LineTooLong], 2);
        assert!(
            report.problems[0].starts_with("line 3: line too long (5025 bytes; the cap is 100, set with --max-line-bytes)"),
            "{:?}",
            report.problems
        );
        assert!(report.problems[1].starts_with("line 5: line too long"), "{:?}", report.problems);
        // Exactly at the cap is fine, one byte over is not.
        let exact = record("d/exact");
        for (cap, kept) in [(exact.len() as u64, 1), (exact.len() as u64 - 1, 0)] {
            let options = ReadOptions { min_downloads: 0, max_line_bytes: cap };
            let report = for_each_record_with(format!("{exact}\n").as_bytes(), options, |_| {}).unwrap();
            assert_eq!(report.read - report.skipped_total(), kept, "cap {cap}");
        }
    }

    #[test]
    fn an_array_element_over_the_cap_fails_the_read_with_its_position() {
        let input = format!("[{}, {{\"id\":\"c/long\",\"card\":\"{}\"}}]", record("a/first"), "x".repeat(5000));
        let options = ReadOptions { min_downloads: 0, max_line_bytes: 200 };
        let err = for_each_record_with(input.as_bytes(), options, |_| {}).unwrap_err();
        assert!(matches!(err, CatalogError::ArrayElementTooLong { element: 2, limit: 200 }), "{err:?}");
        assert!(err.to_string().contains("element 2") && err.to_string().contains("--max-line-bytes"), "{err}");
        // A broken array names where it broke.
        let err = read_catalog(format!("[{}, {{\"id\": ", record("a/first")).as_bytes(), 0).unwrap_err();
        assert!(err.to_string().contains("does not parse after element 1"), "{err}");
    }
}

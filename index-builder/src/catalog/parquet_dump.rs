//! Reads the Hub's own bulk dump of model cards: the parquet dataset
//! `librarian-bots/model_cards_with_metadata` (columns `modelId, author, last_modified, downloads,
//! likes, library_name, tags, pipeline_tag, createdAt, card`), one file or a directory of them.
//!
//! Why rows become [`HubRecord`]s exactly as crawled ones do: the dump carries the same listing
//! facts as the Hub API plus the whole README, so a row is mapped field by field (`modelId` → id,
//! timestamps → RFC 3339 strings with milliseconds, as the API writes them) and then goes through
//! the same [`Admission`] rules as a JSON line. License, languages, datasets and base model come
//! from the tags and the card's YAML header, read later by extraction, as for a crawled record.
//!
//! Why the schema is checked before any row is read: a file of another dataset, a column renamed,
//! or a column of another type would otherwise yield a catalog of empty records. Each problem
//! names the file and the column. Memory stays bounded by the row iterator reading page by page,
//! one row group after another; only the columns used are decoded.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::{ConvertedType, LogicalType, Repetition, TimeUnit, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use parquet::schema::types::Type;

use super::read::{Admission, CatalogReport, SkipReason};
use super::HubRecord;

/// What a column of the dump must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    Count,
    Time,
    TextList,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Text => "a string (BYTE_ARRAY)",
            Kind::Count => "an integer (INT64 or INT32)",
            Kind::Time => "a timestamp (INT64 TIMESTAMP, INT96) or a string",
            Kind::TextList => "a list of strings",
        }
    }
}

/// The published columns the import reads, in the order rows are decoded. `author` is in the
/// dump too but says nothing the id does not.
const COLUMNS: [(&str, Kind); 9] = [
    ("modelId", Kind::Text),
    ("last_modified", Kind::Time),
    ("downloads", Kind::Count),
    ("likes", Kind::Count),
    ("library_name", Kind::Text),
    ("tags", Kind::TextList),
    ("pipeline_tag", Kind::Text),
    ("createdAt", Kind::Time),
    ("card", Kind::Text),
];

/// Why a dump could not be read (as opposed to a row being skipped).
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: not a parquet file ({detail})")]
    NotParquet { path: PathBuf, detail: String },
    #[error("{path}: not the model-card dump's schema: missing column(s) {missing}; the file has {found}")]
    MissingColumns { path: PathBuf, missing: String, found: String },
    #[error("{path}: column `{column}` should be {expected}, but it is {found}")]
    WrongType { path: PathBuf, column: &'static str, expected: &'static str, found: String },
    #[error("{path}: row group {group} of {groups} cannot be read ({detail}); the file is damaged or truncated")]
    Damaged { path: PathBuf, group: usize, groups: usize, detail: String },
    #[error("{path}: a directory with no .parquet files")]
    EmptyDirectory { path: PathBuf },
}

/// What importing a dump measured, besides the [`CatalogReport`].
#[derive(Debug, Default, Clone, Copy)]
pub struct DumpStats {
    pub files: usize,
    pub row_groups: usize,
    /// Bytes of the parquet files read (compressed, as on disk).
    pub bytes: u64,
}

/// Whether `path` is meant as a parquet dump: a directory, a `.parquet` file, or a file starting
/// with the magic `PAR1`. (A `.parquet` file that is not parquet then gets the parquet reader's
/// error, not a JSON reader's pile of skipped lines.)
pub fn is_parquet(path: &Path) -> bool {
    if path.is_dir() || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet")) {
        return true;
    }
    let mut magic = [0u8; 4];
    File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && &magic == b"PAR1"
}

/// The parquet files of a dump: the file itself, or a directory's `*.parquet` in name order
/// (the dump's `train-00000-of-000NN.parquet` order).
pub fn dump_files(path: &Path) -> Result<Vec<PathBuf>, DumpError> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let io = |source| DumpError::Io { path: path.to_path_buf(), source };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(io)? {
        let p = entry.map_err(io)?.path();
        if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet")) && p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(DumpError::EmptyDirectory { path: path.to_path_buf() });
    }
    Ok(files)
}

/// Streams every admitted row of the dump at `path` (a file or a directory) to `sink`, with the
/// same rules and report as the JSON reader (`location` = "FILE row N").
pub fn for_each_dump_record(
    path: &Path,
    admission: &mut Admission,
    report: &mut CatalogReport,
    mut sink: impl FnMut(HubRecord),
) -> Result<DumpStats, DumpError> {
    let mut stats = DumpStats::default();
    for file in dump_files(path)? {
        read_file(&file, admission, report, &mut stats, &mut sink)?;
    }
    Ok(stats)
}

fn read_file(
    path: &Path,
    admission: &mut Admission,
    report: &mut CatalogReport,
    stats: &mut DumpStats,
    sink: &mut impl FnMut(HubRecord),
) -> Result<(), DumpError> {
    let file = File::open(path).map_err(|source| DumpError::Io { path: path.to_path_buf(), source })?;
    let len = file.metadata().map_err(|source| DumpError::Io { path: path.to_path_buf(), source })?.len();
    let reader = SerializedFileReader::new(file).map_err(|e| {
        let mut magic = [0u8; 4];
        let starts_like_parquet = File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && &magic == b"PAR1";
        let detail = match starts_like_parquet {
            true => format!("it starts like one, but its footer is missing or damaged, so it was cut short or corrupted: {e}"),
            false => e.to_string(),
        };
        DumpError::NotParquet { path: path.to_path_buf(), detail }
    })?;
    let root = reader.metadata().file_metadata().schema_descr().root_schema().clone();
    let projection = projection(path, &root)?;
    let groups = reader.num_row_groups();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    let damaged = |group: usize, e: parquet::errors::ParquetError| DumpError::Damaged {
        path: path.to_path_buf(),
        group: group + 1,
        groups,
        detail: e.to_string(),
    };
    let mut row_number = 0u64;
    for g in 0..groups {
        let group = reader.get_row_group(g).map_err(|e| damaged(g, e))?;
        let rows = group.get_row_iter(Some(projection.clone())).map_err(|e| damaged(g, e))?;
        for row in rows {
            let row = row.map_err(|e| damaged(g, e))?;
            row_number += 1;
            report.read += 1;
            let location = format!("{name} row {row_number}");
            match to_record(row.get_column_iter().map(|(_, f)| f)) {
                Ok(record) => {
                    if let Some(record) = admission.admit(record, location, report) {
                        sink(record);
                    }
                }
                Err(detail) => report.skip(SkipReason::InvalidValue, location, &detail),
            }
        }
        stats.row_groups += 1;
    }
    stats.files += 1;
    stats.bytes += len;
    Ok(())
}

/// The file's own types of the columns read (so list element names, `item` or `element`, match),
/// after checking each is there and of a usable type.
fn projection(path: &Path, root: &Type) -> Result<Type, DumpError> {
    let fields = root.get_fields();
    let missing: Vec<&str> = COLUMNS.iter().map(|(n, _)| *n).filter(|n| !fields.iter().any(|f| f.name() == *n)).collect();
    if !missing.is_empty() {
        let found: Vec<&str> = fields.iter().map(|f| f.name()).collect();
        return Err(DumpError::MissingColumns {
            path: path.to_path_buf(),
            missing: missing.join(", "),
            found: if found.is_empty() { "no columns".into() } else { found.join(", ") },
        });
    }
    let mut chosen = Vec::with_capacity(COLUMNS.len());
    for (name, kind) in COLUMNS {
        let field = fields.iter().find(|f| f.name() == name).expect("checked above");
        if let Err(found) = check_type(field, kind) {
            return Err(DumpError::WrongType { path: path.to_path_buf(), column: name, expected: kind.describe(), found });
        }
        chosen.push(Arc::clone(field));
    }
    Type::group_type_builder(root.name())
        .with_fields(chosen)
        .build()
        .map_err(|e| DumpError::NotParquet { path: path.to_path_buf(), detail: e.to_string() })
}

/// `Ok` when the column's type is one `kind` accepts; otherwise a description of what it is.
fn check_type(field: &Type, kind: Kind) -> Result<(), String> {
    let describe = |t: &Type| -> String {
        if t.is_primitive() {
            let info = t.get_basic_info();
            match info.logical_type_ref() {
                Some(l) => format!("{:?} ({l:?})", t.get_physical_type()),
                None if info.converted_type() != ConvertedType::NONE => format!("{:?} ({})", t.get_physical_type(), info.converted_type()),
                None => format!("{:?}", t.get_physical_type()),
            }
        } else {
            format!("a group of {} field(s)", t.get_fields().len())
        }
    };
    let ok = match kind {
        Kind::Text => is_text(field) && field.get_basic_info().repetition() != Repetition::REPEATED,
        Kind::Count => {
            field.is_primitive()
                && matches!(field.get_physical_type(), Physical::INT64 | Physical::INT32)
                && matches!(
                    field.get_basic_info().converted_type(),
                    ConvertedType::NONE
                        | ConvertedType::INT_64
                        | ConvertedType::INT_32
                        | ConvertedType::UINT_64
                        | ConvertedType::UINT_32
                        | ConvertedType::INT_16
                        | ConvertedType::INT_8
                        | ConvertedType::UINT_16
                        | ConvertedType::UINT_8
                )
        }
        Kind::Time => {
            is_text(field)
                || (field.is_primitive()
                    && match field.get_physical_type() {
                        Physical::INT96 => true,
                        // The record reader decodes milli- and microsecond timestamps; nanoseconds
                        // (logical type only) arrive as plain integers and are scaled below.
                        Physical::INT64 => {
                            matches!(
                                field.get_basic_info().converted_type(),
                                ConvertedType::TIMESTAMP_MILLIS | ConvertedType::TIMESTAMP_MICROS
                            ) || matches!(field.get_basic_info().logical_type_ref(), Some(LogicalType::Timestamp(t)) if t.unit == TimeUnit::NANOS)
                        }
                        _ => false,
                    })
        }
        Kind::TextList => is_text_list(field),
    };
    if ok {
        Ok(())
    } else {
        Err(describe(field))
    }
}

fn is_text(t: &Type) -> bool {
    t.is_primitive()
        && t.get_physical_type() == Physical::BYTE_ARRAY
        && matches!(t.get_basic_info().converted_type(), ConvertedType::UTF8 | ConvertedType::NONE)
}

/// A LIST-annotated group over one string leaf (3-level `list.item`/`list.element`, or 2-level).
fn is_text_list(t: &Type) -> bool {
    if t.is_primitive() {
        return false;
    }
    let info = t.get_basic_info();
    let annotated = info.converted_type() == ConvertedType::LIST || matches!(info.logical_type_ref(), Some(LogicalType::List));
    let [repeated] = t.get_fields() else { return false };
    if !annotated || repeated.get_basic_info().repetition() != Repetition::REPEATED {
        return false;
    }
    if repeated.is_primitive() {
        return is_text(repeated);
    }
    matches!(repeated.get_fields(), [leaf] if is_text(leaf) && leaf.get_basic_info().repetition() != Repetition::REPEATED)
}

/// One row (columns in [`COLUMNS`] order) as a record, or why a value is unusable.
fn to_record<'a>(mut values: impl Iterator<Item = &'a Field>) -> Result<HubRecord, String> {
    let mut next = |name: &str| values.next().ok_or_else(|| format!("the row has no {name}"));
    let id = text(next("modelId")?, "modelId")?.unwrap_or_default();
    let last_modified = time(next("last_modified")?, "last_modified")?;
    let downloads = count(next("downloads")?, "downloads")?;
    let likes = count(next("likes")?, "likes")?;
    let library_name = text(next("library_name")?, "library_name")?;
    let tags = match next("tags")? {
        Field::Null => Vec::new(),
        Field::ListInternal(list) => list.elements().iter().filter_map(|e| text(e, "tags").ok().flatten()).collect(),
        other => return Err(format!("tags is {other:?}, not a list")),
    };
    let pipeline_tag = text(next("pipeline_tag")?, "pipeline_tag")?;
    let created_at = time(next("createdAt")?, "createdAt")?;
    let card = text(next("card")?, "card")?.filter(|c| !c.trim().is_empty());
    Ok(HubRecord { id, pipeline_tag, library_name, tags, downloads, likes, created_at, last_modified, card, ..Default::default() })
}

fn text(field: &Field, column: &str) -> Result<Option<String>, String> {
    match field {
        Field::Null => Ok(None),
        Field::Str(s) => Ok(Some(s.clone())),
        Field::Bytes(b) => Ok(Some(String::from_utf8_lossy(b.data()).into_owned())),
        other => Err(format!("{column} is {other:?}, not a string")),
    }
}

fn count(field: &Field, column: &str) -> Result<Option<u64>, String> {
    let n: i128 = match *field {
        Field::Null => return Ok(None),
        Field::Byte(n) => n.into(),
        Field::Short(n) => n.into(),
        Field::Int(n) => n.into(),
        Field::Long(n) => n.into(),
        Field::UByte(n) => n.into(),
        Field::UShort(n) => n.into(),
        Field::UInt(n) => n.into(),
        Field::ULong(n) => n.into(),
        ref other => return Err(format!("{column} is {other:?}, not an integer")),
    };
    // A negative count is no count (as in the JSON reader).
    Ok(u64::try_from(n).ok())
}

fn time(field: &Field, column: &str) -> Result<Option<String>, String> {
    let micros = match *field {
        Field::Null => return Ok(None),
        Field::Str(ref s) => return Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Field::TimestampMillis(ms) => ms.saturating_mul(1000),
        Field::TimestampMicros(us) => us,
        Field::Long(ns) => ns.div_euclid(1000),
        ref other => return Err(format!("{column} is {other:?}, not a timestamp")),
    };
    Ok(Some(rfc3339_millis(micros)))
}

/// Microseconds since the Unix epoch as the Hub API writes times: `2024-05-01T12:00:00.000Z`.
pub fn rfc3339_millis(micros: i64) -> String {
    let secs = micros.div_euclid(1_000_000);
    let millis = micros.rem_euclid(1_000_000) / 1000;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = ptmpicker::llm::policy::civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_as_the_hub_api_writes_them() {
        assert_eq!(rfc3339_millis(0), "1970-01-01T00:00:00.000Z");
        // 2024-05-01T12:00:00.123456Z
        assert_eq!(rfc3339_millis(1_714_564_800_123_456), "2024-05-01T12:00:00.123Z");
        assert_eq!(rfc3339_millis(951_782_400_000_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339_millis(-1_000), "1969-12-31T23:59:59.999Z");
    }
}

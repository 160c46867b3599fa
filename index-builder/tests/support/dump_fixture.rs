//! Writes small parquet files in the schema of the Hub's model-card dump
//! (`librarian-bots/model_cards_with_metadata`), snappy-compressed like the published files, with
//! the parquet crate's own writer: the import tests make their fixtures, never read shared data.
#![allow(dead_code)]

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

/// The published schema (HF `datasets` names the list item `item`).
pub const DUMP_SCHEMA: &str = "
message schema {
  optional binary modelId (STRING);
  optional binary author (STRING);
  optional int64 last_modified (TIMESTAMP(MICROS,true));
  optional int64 downloads;
  optional int64 likes;
  optional binary library_name (STRING);
  optional group tags (LIST) { repeated group list { optional binary item (STRING); } }
  optional binary pipeline_tag (STRING);
  optional int64 createdAt (TIMESTAMP(MICROS,true));
  optional binary card (STRING);
}";

#[derive(Clone, Debug, Default)]
pub struct DumpRow {
    pub id: Option<String>,
    pub last_modified_us: Option<i64>,
    pub downloads: Option<i64>,
    pub likes: Option<i64>,
    pub library: Option<String>,
    pub tags: Option<Vec<String>>,
    pub pipeline_tag: Option<String>,
    pub created_us: Option<i64>,
    pub card: Option<String>,
}

impl DumpRow {
    pub fn new(id: &str, downloads: i64) -> DumpRow {
        DumpRow { id: Some(id.into()), downloads: Some(downloads), likes: Some(downloads / 100), ..Default::default() }
    }
}

/// Writes `groups` (each a row group) to `path` in the dump's schema.
pub fn write_dump(path: &Path, groups: &[Vec<DumpRow>]) {
    let schema = Arc::new(parse_message_type(DUMP_SCHEMA).unwrap());
    let props = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
    let mut writer = SerializedFileWriter::new(File::create(path).unwrap(), schema, props).unwrap();
    for rows in groups {
        let mut group = writer.next_row_group().unwrap();
        let mut column = 0;
        while let Some(mut col) = group.next_column().unwrap() {
            let text = |f: &dyn Fn(&DumpRow) -> Option<String>| optional(rows.iter().map(f).collect());
            let int = |f: &dyn Fn(&DumpRow) -> Option<i64>| optional(rows.iter().map(f).collect());
            match (column, col.untyped()) {
                (0, ColumnWriter::ByteArrayColumnWriter(w)) => write_text(w, text(&|r| r.id.clone())),
                (1, ColumnWriter::ByteArrayColumnWriter(w)) => {
                    write_text(w, text(&|r| r.id.as_ref().and_then(|i| i.split('/').next()).map(String::from)))
                }
                (2, ColumnWriter::Int64ColumnWriter(w)) => write_int(w, int(&|r| r.last_modified_us)),
                (3, ColumnWriter::Int64ColumnWriter(w)) => write_int(w, int(&|r| r.downloads)),
                (4, ColumnWriter::Int64ColumnWriter(w)) => write_int(w, int(&|r| r.likes)),
                (5, ColumnWriter::ByteArrayColumnWriter(w)) => write_text(w, text(&|r| r.library.clone())),
                (6, ColumnWriter::ByteArrayColumnWriter(w)) => {
                    // optional list (def 1 = empty list), repeated group, optional item (def 3).
                    let (mut values, mut defs, mut reps) = (Vec::new(), Vec::new(), Vec::new());
                    for r in rows {
                        match &r.tags {
                            None => {
                                defs.push(0);
                                reps.push(0);
                            }
                            Some(t) if t.is_empty() => {
                                defs.push(1);
                                reps.push(0);
                            }
                            Some(t) => {
                                for (i, tag) in t.iter().enumerate() {
                                    values.push(ByteArray::from(tag.as_str()));
                                    defs.push(3);
                                    reps.push(i16::from(i > 0));
                                }
                            }
                        }
                    }
                    w.write_batch(&values, Some(&defs), Some(&reps)).unwrap();
                }
                (7, ColumnWriter::ByteArrayColumnWriter(w)) => write_text(w, text(&|r| r.pipeline_tag.clone())),
                (8, ColumnWriter::Int64ColumnWriter(w)) => write_int(w, int(&|r| r.created_us)),
                (9, ColumnWriter::ByteArrayColumnWriter(w)) => write_text(w, text(&|r| r.card.clone())),
                (n, _) => panic!("unexpected column {n}"),
            }
            col.close().unwrap();
            column += 1;
        }
        group.close().unwrap();
    }
    writer.close().unwrap();
}

fn optional<T>(values: Vec<Option<T>>) -> (Vec<T>, Vec<i16>) {
    let defs = values.iter().map(|v| i16::from(v.is_some())).collect();
    (values.into_iter().flatten().collect(), defs)
}

fn write_text(
    w: &mut parquet::column::writer::ColumnWriterImpl<'_, parquet::data_type::ByteArrayType>,
    (values, defs): (Vec<String>, Vec<i16>),
) {
    let values: Vec<ByteArray> = values.iter().map(|v| ByteArray::from(v.as_str())).collect();
    w.write_batch(&values, Some(&defs), None).unwrap();
}

fn write_int(w: &mut parquet::column::writer::ColumnWriterImpl<'_, parquet::data_type::Int64Type>, (values, defs): (Vec<i64>, Vec<i16>)) {
    w.write_batch(&values, Some(&defs), None).unwrap();
}

/// Writes a parquet file of any schema with one row group of `rows` rows, every column filled with
/// a placeholder: for the wrong-schema and wrong-type tests.
pub fn write_other_schema(path: &Path, message: &str, rows: usize) {
    let schema = Arc::new(parse_message_type(message).unwrap());
    let props = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
    let mut writer = SerializedFileWriter::new(File::create(path).unwrap(), schema, props).unwrap();
    let mut group = writer.next_row_group().unwrap();
    while let Some(mut col) = group.next_column().unwrap() {
        let defs = vec![1i16; rows];
        match col.untyped() {
            ColumnWriter::ByteArrayColumnWriter(w) => {
                let values: Vec<ByteArray> = (0..rows).map(|i| ByteArray::from(format!("org/m{i}").as_str())).collect();
                w.write_batch(&values, Some(&defs), None).unwrap();
            }
            ColumnWriter::Int64ColumnWriter(w) => {
                w.write_batch(&vec![7i64; rows], Some(&defs), None).unwrap();
            }
            ColumnWriter::Int32ColumnWriter(w) => {
                w.write_batch(&vec![7i32; rows], Some(&defs), None).unwrap();
            }
            ColumnWriter::DoubleColumnWriter(w) => {
                w.write_batch(&vec![7.5f64; rows], Some(&defs), None).unwrap();
            }
            _ => panic!("write_other_schema: unsupported column type"),
        }
        col.close().unwrap();
    }
    group.close().unwrap();
    writer.close().unwrap();
}

//! The index file format: a fixed header, then the bincode-encoded [`Index`].
//!
//! ```text
//! offset size  field
//! 0      8     magic  b"PTMPIDX\x01"
//! 8      4     format version (u32 LE)
//! 12     8     payload length (u64 LE)
//! 20     4     CRC-32 of the payload (u32 LE)
//! 24     n     payload: bincode 1.3 (varint integers, little endian) of `Index`
//! ```
//! Why a header: the app fetches this file over the network and from caches. A stale, truncated
//! or foreign file must produce a clear, typed error ("built by an older index-builder; rebuild"),
//! never a panic or a garbage result. After decoding, [`super::validate`] checks every offset
//! so that queries can index without bounds panics.

use std::fmt;

use bincode::Options;

use super::format::Index;
use super::validate::validate;

pub const MAGIC: &[u8; 8] = b"PTMPIDX\x01";
/// Bump when the layout of [`Index`] changes.
pub const FORMAT_VERSION: u32 = 1;
pub const HEADER_LEN: usize = 24;
/// Refuse payloads above this size (a corrupt length must not make us allocate gigabytes).
pub const MAX_PAYLOAD: u64 = 1 << 31;

/// Why an index could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    TooShort { len: usize },
    BadMagic,
    UnsupportedVersion { found: u32, expected: u32 },
    Truncated { expected: u64, actual: u64 },
    TrailingBytes { extra: u64 },
    ChecksumMismatch { expected: u32, actual: u32 },
    Malformed(String),
    Invalid(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::TooShort { len } => write!(f, "index file is too short ({len} bytes) to be a PTMPicker index"),
            DecodeError::BadMagic => write!(f, "not a PTMPicker index (wrong magic bytes): was the right file served?"),
            DecodeError::UnsupportedVersion { found, expected } => write!(
                f,
                "index format version {found} is not supported (this app reads version {expected}); rebuild the index with the matching index-builder"
            ),
            DecodeError::Truncated { expected, actual } => {
                write!(f, "index file is truncated: header promises {expected} payload bytes, found {actual}")
            }
            DecodeError::TrailingBytes { extra } => write!(f, "index file has {extra} unexpected bytes after the payload"),
            DecodeError::ChecksumMismatch { expected, actual } => {
                write!(f, "index file is corrupt: checksum {actual:08x} does not match {expected:08x}")
            }
            DecodeError::Malformed(e) => write!(f, "index payload could not be decoded: {e}"),
            DecodeError::Invalid(e) => write!(f, "index is internally inconsistent: {e}"),
        }
    }
}

impl std::error::Error for DecodeError {}

fn options() -> impl Options {
    bincode::DefaultOptions::new().with_varint_encoding().with_little_endian().with_limit(MAX_PAYLOAD)
}

/// Serializes an index with its header.
pub fn encode(index: &Index) -> Vec<u8> {
    let payload = options().serialize(index).expect("an in-memory index always serializes");
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// Reads and validates the header only; returns the payload slice.
pub fn check_header(bytes: &[u8]) -> Result<&[u8], DecodeError> {
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        if bytes.len() >= 8 || !MAGIC.starts_with(bytes) {
            return Err(if bytes.len() < 8 && MAGIC.starts_with(bytes) {
                DecodeError::TooShort { len: bytes.len() }
            } else {
                DecodeError::BadMagic
            });
        }
        return Err(DecodeError::TooShort { len: bytes.len() });
    }
    if bytes.len() < HEADER_LEN {
        return Err(DecodeError::TooShort { len: bytes.len() });
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(DecodeError::UnsupportedVersion { found: version, expected: FORMAT_VERSION });
    }
    let len = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
    let crc = u32::from_le_bytes(bytes[20..24].try_into().expect("4 bytes"));
    let actual = (bytes.len() - HEADER_LEN) as u64;
    if actual < len {
        return Err(DecodeError::Truncated { expected: len, actual });
    }
    if actual > len {
        return Err(DecodeError::TrailingBytes { extra: actual - len });
    }
    let payload = &bytes[HEADER_LEN..];
    let computed = crc32fast::hash(payload);
    if computed != crc {
        return Err(DecodeError::ChecksumMismatch { expected: crc, actual: computed });
    }
    Ok(payload)
}

/// Decodes and validates an index file.
pub fn decode(bytes: &[u8]) -> Result<Index, DecodeError> {
    let payload = check_header(bytes)?;
    let index: Index = options().deserialize(payload).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    validate(&index).map_err(DecodeError::Invalid)?;
    Ok(index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{ModelFacts, ModelInstance};
    use crate::index::IndexWriter;

    fn tiny() -> Vec<u8> {
        let mut w = IndexWriter::new("test");
        let mut m = ModelInstance {
            id: "org/model".into(),
            facts: ModelFacts { task: Some("fill-mask".into()), ..Default::default() },
            ..Default::default()
        };
        m.put(crate::template::Field::Function, "predicts masked words".into(), crate::facts::Source::CardText);
        w.add(&m);
        encode(&w.finish())
    }

    #[test]
    fn round_trip() {
        let bytes = tiny();
        let index = decode(&bytes).unwrap();
        assert_eq!(index.doc_id(0), "org/model");
        assert!(index.term("mask").is_some());
    }

    #[test]
    fn every_kind_of_damage_is_a_typed_error() {
        let bytes = tiny();
        assert_eq!(decode(&bytes[..5]), Err(DecodeError::TooShort { len: 5 }));
        assert_eq!(decode(b"<!DOCTYPE html><html>"), Err(DecodeError::BadMagic));
        let mut v = bytes.clone();
        v[8] = 99;
        assert!(matches!(decode(&v), Err(DecodeError::UnsupportedVersion { found: 99, .. })));
        assert!(matches!(decode(&bytes[..bytes.len() - 3]), Err(DecodeError::Truncated { .. })));
        let mut v = bytes.clone();
        v.push(0);
        assert!(matches!(decode(&v), Err(DecodeError::TrailingBytes { extra: 1 })));
        let mut v = bytes.clone();
        let last = v.len() - 1;
        v[last] ^= 0x55;
        assert!(matches!(decode(&v), Err(DecodeError::ChecksumMismatch { .. })));
        for e in [DecodeError::BadMagic, DecodeError::UnsupportedVersion { found: 2, expected: 1 }] {
            assert!(!e.to_string().is_empty());
        }
    }
}

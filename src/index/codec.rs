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
//! so that queries can index without bounds panics. On disk and on the wire the file is usually
//! gzip-compressed around all of this ([`super::container`]); [`decode`] accepts both.

use bincode::Options;

use super::container;
use super::format::Index;
use super::validate::validate;

pub const MAGIC: &[u8; 8] = b"PTMPIDX\x01";
/// Bump when the layout of [`Index`] changes.
/// 4: display text moved out of a sharded head into document shards (`index::shards`).
/// 5: model ids moved with it (display data, `StoredFields::ids`); the translation direction an id
///    states is a column of the document table, so a head ships no ids; the posting ends travel
///    with their postings shard (`shards::PostingsPart`).
/// 6: the term strings and the norms travel with their postings shard too; a sharded head keeps
///    a routing table (each postings shard's first term) and the strings of the terms the
///    learned tables name (`TermDict::head_numbers`); the learned word → task table carries
///    `P(task | word)` beside each log-lift.
/// 7: ascending columns (ends of runs, sorted term numbers, shard starts) are encoded as the
///    differences between neighbours ([`super::deltas`]), in the head and in the shards; the
///    evidence is display data (`StoredFields::evidence`, in document shards), the document table
///    keeps the basis of a guessed parameter count (`DocTable::size_basis`).
pub const FORMAT_VERSION: u32 = 7;
pub const HEADER_LEN: usize = 24;
/// Refuse payloads above this size (a corrupt length must not make us allocate gigabytes).
pub const MAX_PAYLOAD: u64 = 1 << 31;

/// Why an index could not be read. Each message says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("index file is too short ({len} bytes) to be a PTMPicker index")]
    TooShort { len: usize },
    #[error("not a PTMPicker index (wrong magic bytes): was the right file served?")]
    BadMagic,
    #[error(
        "index format version {found} is not supported (this app reads version {expected}); rebuild the index with the matching index-builder"
    )]
    UnsupportedVersion { found: u32, expected: u32 },
    #[error("index file is truncated: header promises {expected} payload bytes, found {actual}")]
    Truncated { expected: u64, actual: u64 },
    #[error("index file has {extra} unexpected bytes after the payload")]
    TrailingBytes { extra: u64 },
    #[error("index file is corrupt: checksum {actual:08x} does not match {expected:08x}")]
    ChecksumMismatch { expected: u32, actual: u32 },
    /// The payload's checksum holds but its data stops before the index does: the file was cut
    /// and re-framed, or written by a different (incompatible) build with the same version number.
    #[error(
        "index payload ends before the index does (all {payload_len} bytes were read and more were expected): the file is incomplete or was written by an incompatible index-builder; rebuild it with `index-builder build`"
    )]
    PayloadEnded { payload_len: u64 },
    /// A length inside the payload is larger than any real index could hold.
    #[error("index payload declares a size above the {limit}-byte limit: the file is corrupt; rebuild it with `index-builder build`")]
    SizeLimit { limit: u64 },
    #[error("index payload could not be decoded: {0}")]
    Malformed(String),
    #[error("index is internally inconsistent: {0}")]
    Invalid(String),
    /// The file is a gzip container ([`super::container`]) that could not be inflated.
    #[error("compressed index could not be inflated: {0}")]
    Compressed(String),
}

impl DecodeError {
    /// The typed error for a bincode failure on a payload of `payload_len` bytes.
    fn from_bincode(e: &bincode::ErrorKind, payload_len: u64) -> DecodeError {
        match e {
            bincode::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => DecodeError::PayloadEnded { payload_len },
            bincode::ErrorKind::SizeLimit => DecodeError::SizeLimit { limit: MAX_PAYLOAD },
            other => DecodeError::Malformed(other.to_string()),
        }
    }
}

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

/// The payload bytes of one part of an index, encoded as inside the file: what `build` reports
/// per part of a head, so the parts a first load pays for are measured, not guessed.
pub fn encode_part<T: serde::Serialize + ?Sized>(part: &T) -> Vec<u8> {
    options().serialize(part).expect("an in-memory index part always serializes")
}

/// Bytes [`encode`] would write for `index`, computed without writing them (a 1M-model build
/// decides whether to shard from this instead of holding a 600 MB single file it never ships).
pub fn encoded_len(index: &Index) -> u64 {
    HEADER_LEN as u64 + options().serialized_size(index).expect("an in-memory index always serializes")
}

/// Decodes one part encoded by [`encode_part`] (a document shard's payload), with the same size
/// limit and typed errors as a whole file; the caller validates what it holds.
pub fn decode_part<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut reader = bytes;
    let value = options().deserialize_from(&mut reader).map_err(|e| DecodeError::from_bincode(&e, bytes.len() as u64))?;
    if !reader.is_empty() {
        return Err(DecodeError::TrailingBytes { extra: reader.len() as u64 });
    }
    Ok(value)
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

/// Decodes and validates an index file, compressed ([`super::container`], what `index-builder
/// build` writes) or not.
pub fn decode(bytes: &[u8]) -> Result<Index, DecodeError> {
    if container::is_compressed(bytes) {
        return decode_uncompressed(&container::inflate(bytes)?);
    }
    decode_uncompressed(bytes)
}

/// Decodes and validates an uncompressed index file (the browser inflates natively first).
pub fn decode_uncompressed(bytes: &[u8]) -> Result<Index, DecodeError> {
    let payload = check_header(bytes)?;
    let mut index: Index = options().deserialize(payload).map_err(|e| DecodeError::from_bincode(&e, payload.len() as u64))?;
    // The head of a sharded index ships no posting bytes: make room for the shards to fill.
    super::shards::make_room(&mut index)?;
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
        assert_eq!(index.doc_id(0), Some("org/model"));
        assert!(index.term("mask").is_some());
    }

    #[test]
    fn a_compressed_index_decodes_like_the_plain_one() {
        let bytes = tiny();
        let gz = crate::index::container::tests::gzip_stored(&bytes, 0, &[]);
        assert_eq!(decode(&gz).unwrap().doc_id(0), Some("org/model"));
        let mut cut = gz.clone();
        cut.truncate(gz.len() - 20);
        assert!(matches!(decode(&cut), Err(DecodeError::Compressed(_))));
    }

    #[test]
    fn evidence_round_trips_and_metadata_evidence_is_not_stored() {
        use crate::facts::{Confidence, Evidence, FactKind, Source};
        let mut w = IndexWriter::new("test");
        let mut facts = ModelFacts { license: Some("mit".into()), params: Some(7_000_000_000), ..Default::default() };
        facts.set_evidence(Evidence::new(FactKind::License, Source::Metadata, Confidence::Stated, None));
        facts.set_evidence(Evidence::new(
            FactKind::Params,
            Source::ModelId,
            Confidence::Read,
            Some("size token in the id org/chat-7b".into()),
        ));
        w.add(&ModelInstance { id: "org/chat-7b".into(), facts, ..Default::default() });
        w.add(&ModelInstance { id: "org/other".into(), ..Default::default() });
        let index = decode(&encode(&w.finish())).unwrap();
        let ev = index.facts(0).evidence;
        assert_eq!(ev.len(), 1);
        assert_eq!((ev[0].fact, ev[0].source, ev[0].confidence), (FactKind::Params, Source::ModelId, Confidence::Read));
        assert_eq!(ev[0].quote.as_deref(), Some("size token in the id org/chat-7b"));
        assert_eq!(index.facts(0).size_guess().as_deref(), Some("size read from model id"));
        assert!(index.facts(1).evidence.is_empty());
        // A damaged evidence column is refused, not read out of bounds.
        let mut broken = index.clone();
        broken.stored.evidence.quote_ends.pop();
        assert!(super::validate(&broken).is_err());
    }

    #[test]
    fn every_kind_of_damage_is_a_typed_error() {
        let bytes = tiny();
        assert_eq!(decode(&bytes[..5]), Err(DecodeError::TooShort { len: 5 }));
        assert_eq!(decode(b"<!DOCTYPE html><html>"), Err(DecodeError::BadMagic));
        let mut v = bytes.clone();
        v[8] = 99;
        assert!(matches!(decode(&v), Err(DecodeError::UnsupportedVersion { found: 99, .. })));
        // A format-6 file (absolute ends, evidence in the document table) is refused with what to
        // do, never misread.
        v[8] = 6;
        let old = decode(&v).unwrap_err();
        assert_eq!(old, DecodeError::UnsupportedVersion { found: 6, expected: 7 });
        assert!(old.to_string().contains("rebuild the index"), "{old}");
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

    /// A payload cut short but framed with a matching length and checksum (what a writer that
    /// crashed mid-way and a careless copy produce): bincode's "unexpected end of file" becomes a
    /// typed error whose message says what happened and what to do.
    #[test]
    fn a_cut_payload_with_a_valid_frame_says_so() {
        let bytes = tiny();
        let payload = &bytes[HEADER_LEN..];
        for keep in [0, 1, payload.len() / 2, payload.len() - 1] {
            let cut = &payload[..keep];
            let mut framed = Vec::new();
            framed.extend_from_slice(MAGIC);
            framed.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
            framed.extend_from_slice(&(cut.len() as u64).to_le_bytes());
            framed.extend_from_slice(&crc32fast::hash(cut).to_le_bytes());
            framed.extend_from_slice(cut);
            let err = decode(&framed).unwrap_err();
            assert_eq!(err, DecodeError::PayloadEnded { payload_len: keep as u64 }, "kept {keep} bytes");
            let message = err.to_string();
            assert!(message.contains("ends before the index does") && message.contains("rebuild"), "{message}");
            assert!(!message.contains("io error"), "{message}");
        }
    }
}

//! The compressed container around an index file: plain gzip (RFC 1952) of the [`super::codec`]
//! bytes.
//!
//! Why: a static host need not compress a binary file (GitHub Pages compresses text types; an
//! `application/octet-stream` is commonly sent as is), so `index.bin` is written compressed and
//! inflated by the reader, as Pagefind does with its chunks. Gzip, not a format of our own: the
//! browser inflates it natively (`DecompressionStream("gzip")`, see `app/boundary.rs`), `zcat`
//! reads it, and its magic bytes (`1f 8b 08`) can never start an uncompressed index
//! (`PTMPIDX\x01`), so [`super::codec::decode`] accepts both and tells them apart by the first bytes.
//!
//! This module only inflates (the builder compresses, with flate2). Inflation is bounded: the
//! output may not exceed the codec's payload limit, and the gzip trailer's CRC-32 and length must
//! match, so a cut or altered download is a typed error, never a panic or a huge allocation.

use super::codec::{DecodeError, HEADER_LEN, MAX_PAYLOAD};

/// The first bytes of every gzip member with deflate compression.
pub const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];
/// Gzip header flags (RFC 1952 §2.3.1).
const FHCRC: u8 = 0x02;
const FEXTRA: u8 = 0x04;
const FNAME: u8 = 0x08;
const FCOMMENT: u8 = 0x10;
/// Fixed gzip header and trailer sizes.
const GZIP_HEADER: usize = 10;
const GZIP_TRAILER: usize = 8;

/// Whether `bytes` is a gzip container (and needs [`inflate`] before decoding).
pub fn is_compressed(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

fn corrupt(why: impl Into<String>) -> DecodeError {
    DecodeError::Compressed(why.into())
}

/// Where the deflate stream starts: after the fixed header and its optional fields.
fn deflate_start(bytes: &[u8]) -> Result<usize, DecodeError> {
    if bytes.len() < GZIP_HEADER + GZIP_TRAILER {
        return Err(corrupt(format!("only {} bytes", bytes.len())));
    }
    let flags = bytes[3];
    let mut at = GZIP_HEADER;
    if flags & FEXTRA != 0 {
        let len = bytes.get(at..at + 2).ok_or_else(|| corrupt("header ends inside its extra field"))?;
        at += 2 + u16::from_le_bytes([len[0], len[1]]) as usize;
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let rest = bytes.get(at..).ok_or_else(|| corrupt("header ends inside its name or comment"))?;
            let nul = rest.iter().position(|&b| b == 0).ok_or_else(|| corrupt("header name or comment is not terminated"))?;
            at += nul + 1;
        }
    }
    if flags & FHCRC != 0 {
        at += 2;
    }
    if at + GZIP_TRAILER > bytes.len() {
        return Err(corrupt("header runs into the trailer"));
    }
    Ok(at)
}

/// Inflates a gzip container (one member) into the uncompressed index bytes.
pub fn inflate(bytes: &[u8]) -> Result<Vec<u8>, DecodeError> {
    if !is_compressed(bytes) {
        return Err(corrupt("missing gzip magic bytes"));
    }
    let start = deflate_start(bytes)?;
    let (body, trailer) = bytes.split_at(bytes.len() - GZIP_TRAILER);
    let expected_crc = u32::from_le_bytes(trailer[..4].try_into().expect("4 bytes"));
    let expected_len = u32::from_le_bytes(trailer[4..].try_into().expect("4 bytes"));
    let limit = HEADER_LEN + MAX_PAYLOAD as usize;
    let out = miniz_oxide::inflate::decompress_to_vec_with_limit(&body[start..], limit).map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => DecodeError::SizeLimit { limit: limit as u64 },
        miniz_oxide::inflate::TINFLStatus::FailedCannotMakeProgress => {
            corrupt("the compressed data is truncated (the download was cut off); reload, or rebuild the index")
        }
        status => corrupt(format!("inflate failed ({status:?})")),
    })?;
    if out.len() as u32 != expected_len {
        return Err(corrupt(format!("inflated {} bytes, the trailer promises {expected_len} (mod 2^32)", out.len())));
    }
    let crc = crc32fast::hash(&out);
    if crc != expected_crc {
        return Err(corrupt(format!("checksum {crc:08x} does not match {expected_crc:08x}")));
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A gzip member with stored (uncompressed) deflate blocks, written by hand so the engine
    /// needs no compressor: header, one final stored block, CRC-32 and length.
    pub(crate) fn gzip_stored(data: &[u8], flags: u8, extra: &[u8]) -> Vec<u8> {
        assert!(data.len() <= u16::MAX as usize);
        let mut out = vec![0x1f, 0x8b, 0x08, flags, 0, 0, 0, 0, 0, 0xff];
        out.extend_from_slice(extra);
        out.push(0x01);
        let len = data.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(data);
        out.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out
    }

    #[test]
    fn inflates_what_it_is_given_and_honours_header_fields() {
        let data = b"PTMPIDX\x01 and some payload";
        assert_eq!(inflate(&gzip_stored(data, 0, &[])).unwrap(), data);
        let named = gzip_stored(data, FNAME | FCOMMENT, b"index.bin\0a comment\0");
        assert_eq!(inflate(&named).unwrap(), data);
        let extra = gzip_stored(data, FEXTRA, &[3, 0, 1, 2, 3]);
        assert_eq!(inflate(&extra).unwrap(), data);
    }

    #[test]
    fn damage_is_a_typed_error() {
        let good = gzip_stored(b"some index bytes here", 0, &[]);
        for cut in [3, 12, good.len() - 9, good.len() - 1] {
            assert!(matches!(inflate(&good[..cut]), Err(DecodeError::Compressed(_))), "cut at {cut}");
        }
        let mut flipped = good.clone();
        flipped[20] ^= 0x20;
        assert!(matches!(inflate(&flipped), Err(DecodeError::Compressed(m)) if m.contains("checksum")));
        let unterminated = gzip_stored(b"x", FNAME, b"no-nul");
        assert!(inflate(&unterminated[..16]).is_err());
    }
}

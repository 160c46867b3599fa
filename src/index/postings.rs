//! Posting lists: for each term, the documents that contain it and how often, per field.
//!
//! Layout per posting: doc-id gap (LEB128 varint), number of fields (1 byte), then (field, tf) byte
//! pairs (tf capped at 255). Why this layout: it keeps per-field term frequencies, so BM25F weights
//! and `b` stay tunable at query time and every score can be split into per-field contributions
//! for explanations, while a typical posting still takes 4 bytes.

/// Appends one posting. `last_doc` is the previous doc id written to this list (or `None`).
pub fn write_posting(out: &mut Vec<u8>, last_doc: Option<u32>, doc: u32, fields: &[(u8, u8)]) {
    let gap = match last_doc {
        Some(prev) => doc - prev,
        None => doc,
    };
    write_varint(out, gap);
    out.push(fields.len() as u8);
    for &(f, tf) in fields {
        out.push(f);
        out.push(tf);
    }
}

pub fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// One decoded posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting<'a> {
    pub doc: u32,
    /// (field code, term frequency) pairs, flattened.
    pub fields: &'a [u8],
}

/// Iterates a validated posting list. On malformed bytes it stops (never panics).
pub struct PostingIter<'a> {
    bytes: &'a [u8],
    pos: usize,
    doc: u32,
    first: bool,
}

impl<'a> PostingIter<'a> {
    pub fn new(bytes: &'a [u8]) -> PostingIter<'a> {
        PostingIter { bytes, pos: 0, doc: 0, first: true }
    }
}

impl<'a> Iterator for PostingIter<'a> {
    type Item = Posting<'a>;

    #[inline]
    fn next(&mut self) -> Option<Posting<'a>> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let mut gap: u32 = 0;
        let mut shift = 0;
        loop {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            if shift > 28 {
                self.pos = self.bytes.len();
                return None;
            }
            gap |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        let n = *self.bytes.get(self.pos)? as usize;
        self.pos += 1;
        let end = self.pos + 2 * n;
        let fields = self.bytes.get(self.pos..end)?;
        self.pos = end;
        self.doc = if self.first { gap } else { self.doc.checked_add(gap)? };
        self.first = false;
        Some(Posting { doc: self.doc, fields })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_and_survive_garbage() {
        let mut buf = Vec::new();
        write_posting(&mut buf, None, 3, &[(0, 2)]);
        write_posting(&mut buf, Some(3), 300, &[(1, 1), (5, 255)]);
        let got: Vec<_> = PostingIter::new(&buf).collect();
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].doc, got[0].fields), (3, &[0u8, 2][..]));
        assert_eq!((got[1].doc, got[1].fields), (300, &[1u8, 1, 5, 255][..]));
        for cut in 0..buf.len() {
            let _ = PostingIter::new(&buf[..cut]).count();
        }
        let _ = PostingIter::new(&[0xff; 16]).count();
    }
}

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
///
/// Why it is written this way: it is the innermost loop of every query (each posting of each
/// query term, once for scoring and once more for explaining the shown results). A gap that fits
/// in one byte (most do) takes one branch; the first gap is the first doc id (the doc starts at 0).
pub struct PostingIter<'a> {
    bytes: &'a [u8],
    pos: usize,
    doc: u32,
}

impl<'a> PostingIter<'a> {
    pub fn new(bytes: &'a [u8]) -> PostingIter<'a> {
        PostingIter { bytes, pos: 0, doc: 0 }
    }

    /// Where the iteration stands: the byte offset of the next posting and the doc of the last
    /// one read (0 before the first), as [`PostingIter::resume`] takes them.
    #[inline]
    pub fn position(&self) -> (usize, u32) {
        (self.pos, self.doc)
    }

    /// Iterates `bytes` from a [`PostingIter::position`] an iteration over the same bytes had:
    /// the postings after that point, exactly as that iteration read them. Lets a reader that
    /// noted a few positions on one pass jump ahead on a later one (the explanation of the shown
    /// models, `rank::explain`).
    pub fn resume(bytes: &'a [u8], (pos, doc): (usize, u32)) -> PostingIter<'a> {
        PostingIter { bytes, pos: pos.min(bytes.len()), doc }
    }

    /// Stops the iteration (malformed bytes).
    #[cold]
    fn stop(&mut self) -> Option<Posting<'a>> {
        self.pos = self.bytes.len();
        None
    }
}

impl<'a> Iterator for PostingIter<'a> {
    type Item = Posting<'a>;

    #[inline]
    fn next(&mut self) -> Option<Posting<'a>> {
        let bytes = self.bytes;
        let mut pos = self.pos;
        let &b = bytes.get(pos)?;
        pos += 1;
        let gap = if b < 0x80 {
            u32::from(b)
        } else {
            let mut gap = u32::from(b & 0x7f);
            let mut shift = 7;
            loop {
                let Some(&b) = bytes.get(pos) else { return self.stop() };
                pos += 1;
                if shift > 28 {
                    return self.stop();
                }
                gap |= u32::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    break gap;
                }
                shift += 7;
            }
        };
        let Some(&n) = bytes.get(pos) else { return self.stop() };
        pos += 1;
        let end = pos + 2 * n as usize;
        let Some(fields) = bytes.get(pos..end) else { return self.stop() };
        let Some(doc) = self.doc.checked_add(gap) else { return self.stop() };
        self.pos = end;
        self.doc = doc;
        Some(Posting { doc, fields })
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

    #[test]
    fn an_iteration_resumed_at_a_noted_position_reads_what_the_first_read_after_it() {
        let mut buf = Vec::new();
        let mut last = None;
        for (i, d) in [0u32, 1, 5, 200, 201, 70_000, 70_001, 1_000_000].into_iter().enumerate() {
            write_posting(&mut buf, last, d, &[(i as u8 % 12, 1), (12, 2)][..1 + i % 2]);
            last = Some(d);
        }
        let mut it = PostingIter::new(&buf);
        let mut noted = Vec::new();
        loop {
            noted.push(it.position());
            if it.next().is_none() {
                break;
            }
        }
        let all: Vec<_> = PostingIter::new(&buf).collect();
        for (k, &at) in noted.iter().enumerate() {
            assert_eq!(PostingIter::resume(&buf, at).collect::<Vec<_>>(), all[k..].to_vec(), "from posting {k}");
        }
        assert_eq!(PostingIter::resume(&buf, (buf.len() + 9, 3)).count(), 0);
    }

    #[test]
    fn long_gaps_take_several_bytes_and_a_doc_past_u32_stops_the_list() {
        // Gaps of one, two, three and five bytes; the first gap is the first doc.
        let docs = [0u32, 127, 128, 16_511, 2_113_663, 2_113_663, u32::MAX];
        let mut buf = Vec::new();
        let mut last = None;
        for (i, &d) in docs.iter().enumerate() {
            write_posting(&mut buf, last, d, &[(i as u8 % 12, 1 + i as u8)]);
            last = Some(d);
        }
        let got: Vec<_> = PostingIter::new(&buf).map(|p| (p.doc, p.fields[0], p.fields[1])).collect();
        let want: Vec<_> = docs.iter().enumerate().map(|(i, &d)| (d, i as u8 % 12, 1 + i as u8)).collect();
        assert_eq!(got, want);
        // One more posting whose gap passes u32::MAX: the list ends before it.
        write_posting(&mut buf, Some(0), 1, &[(0, 1)]);
        assert_eq!(PostingIter::new(&buf).count(), docs.len());
        // A posting cut inside its field pairs ends the list too.
        let mut cut = Vec::new();
        write_posting(&mut cut, None, 5, &[(0, 1), (1, 2)]);
        cut.pop();
        assert_eq!(PostingIter::new(&cut).count(), 0);
    }
}

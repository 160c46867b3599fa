//! Ascending `u32` columns — where each run ends in an arena (`lang_ends`, `text_ends`, the
//! dictionary's and posting lists' ends), sorted term numbers, shards' first terms and docs — are
//! encoded as the differences between neighbours (`#[serde(with = "deltas")]`); in memory they
//! stay absolute, so nothing that reads them changes.
//!
//! Why: bincode writes each integer as a varint, so an absolute end near a million takes five
//! bytes whose low bytes look random to gzip, while the run's length (a model's 0–3 languages)
//! takes one byte from a small alphabet. At 1M models the languages' ends alone were most of the
//! head's 0.54 MB of languages. The transform wraps (differences and sums modulo 2³²), so any
//! column round-trips exactly, ascending or not; [`super::validate`] still checks the order after
//! decoding, as before.

use serde::de::Deserializer;
use serde::ser::{SerializeSeq, Serializer};
use serde::Deserialize;

/// A column encoded as inside the file, on its own (`build --head-parts` measures parts so).
pub struct AsDeltas<'a>(pub &'a [u32]);

impl serde::Serialize for AsDeltas<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, serializer)
    }
}

pub fn serialize<S: Serializer>(column: &[u32], serializer: S) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(column.len()))?;
    let mut previous = 0u32;
    for &value in column {
        seq.serialize_element(&value.wrapping_sub(previous))?;
        previous = value;
    }
    seq.end()
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u32>, D::Error> {
    let mut column = Vec::<u32>::deserialize(deserializer)?;
    let mut previous = 0u32;
    for value in &mut column {
        *value = value.wrapping_add(previous);
        previous = *value;
    }
    Ok(column)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Column(#[serde(with = "super")] Vec<u32>);

    fn round_trip(column: Vec<u32>) -> (Vec<u8>, Column) {
        let bytes = crate::index::codec::encode_part(&Column(column));
        let back = crate::index::codec::decode_part(&bytes).expect("decodes");
        (bytes, back)
    }

    /// Any column comes back exactly — ascending, descending, wrapping, empty.
    #[test]
    fn every_column_round_trips() {
        for column in [vec![], vec![0, 3, 3, 9, 1_000_000, 1_000_002], vec![5, 2, u32::MAX, 0, 7], vec![u32::MAX]] {
            assert_eq!(round_trip(column.clone()).1, Column(column));
        }
    }

    /// An ascending column of short runs costs a byte per entry instead of the varint of its end.
    #[test]
    fn short_runs_cost_a_byte_each() {
        let ends: Vec<u32> = (1..=1000u32).map(|i| 1_000_000 + i * 2).collect();
        let (bytes, _) = round_trip(ends);
        // Length prefix (3 bytes for 1000), the first end (5), then 999 one-byte differences.
        assert_eq!(bytes.len(), 3 + 5 + 999);
    }
}

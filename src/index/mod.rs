//! The search index: format, writer, codec.
//!
//! Data flows [`IndexWriter`] (from model instances) → [`Index`] → [`codec::encode`] → file →
//! gzip ([`container`]) → [`codec::decode`] (header, checksum, bincode, [`validate`]) → [`Index`] for ranking.

pub mod codec;
pub mod container;
pub mod deltas;
pub mod fields;
pub mod format;
pub mod insights;
pub mod learned;
pub mod norms;
pub mod postings;
pub mod shards;
mod validate;
mod writer;

pub use codec::{decode, decode_uncompressed, encode, DecodeError};
pub use fields::{SearchField, FIELD_COUNT};
pub use format::Index;
pub use insights::{FieldInsight, Insights};
pub use learned::{LearnParams, Learned};
pub use writer::{DocScratch, DocTerms, IndexWriter};

//! The search index: format, writer, codec.
//!
//! Data flows [`IndexWriter`] (from model instances) → [`Index`] → [`codec::encode`] → file →
//! [`codec::decode`] (header, checksum, bincode, [`validate`]) → [`Index`] for ranking.

pub mod codec;
pub mod fields;
pub mod format;
pub mod insights;
pub mod learned;
pub mod norms;
pub mod postings;
mod validate;
mod writer;

pub use codec::{decode, encode, DecodeError};
pub use fields::{SearchField, FIELD_COUNT};
pub use format::Index;
pub use insights::{FieldInsight, Insights};
pub use learned::{LearnParams, Learned};
pub use writer::IndexWriter;

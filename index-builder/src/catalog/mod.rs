//! Catalog input: Hub-shaped model records from JSON Lines or a Hub API JSON array.

mod read;
mod record;

pub use read::{for_each_record, for_each_record_with, read_catalog, ReadOptions, DEFAULT_MAX_LINE_BYTES};
pub use record::HubRecord;

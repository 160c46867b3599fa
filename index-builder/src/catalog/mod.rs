//! Catalog input: Hub-shaped model records from JSON Lines or a Hub API JSON array.

mod read;
mod record;

pub use read::{for_each_record, read_catalog};
pub use record::HubRecord;

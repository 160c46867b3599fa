//! Catalog input: Hub-shaped model records from JSON Lines or a Hub API JSON array.

mod read;
mod record;

pub use read::{read_catalog, CatalogReport, SkipReason};
pub use record::HubRecord;

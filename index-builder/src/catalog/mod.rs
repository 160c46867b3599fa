//! Catalog input: Hub-shaped model records from JSON Lines, a Hub API JSON array, or the Hub's
//! parquet dump of model cards; several catalogs merge by model id ([`sources`]).

mod parquet_dump;
mod read;
mod record;
mod sources;

pub use read::{for_each_record, read_catalog, ReadOptions, DEFAULT_MAX_LINE_BYTES};
pub use record::HubRecord;
pub use sources::for_each_catalog_record;

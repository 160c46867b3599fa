//! A sharded index in the page (`index::shards`): the shards a search reads, fetched before it
//! ranks, and the "Make all models available offline" action that fetches the rest.
//!
//! Why here: the engine says which shards a request reads ([`Engine::missing_shards`]) and checks
//! and installs each one ([`Engine::install_shard`]); this module only moves bytes between the
//! network, the service worker's cache and the engine (through [`boundary`]), and keeps the
//! offline state the page shows (`#offline[data-state=partial|downloading|complete|error]`).
//! Shards are fetched through the service worker when it controls the page (it caches them);
//! before that (a first visit) the page hands their bytes to it, as with `index.bin`. Whether
//! every shard of *this* index was downloaded is remembered in `localStorage` by the manifest's
//! signature, and checked against the cache on load (an app update or a cleared cache resets it).
//!
//! [`Engine::missing_shards`]: crate::select::Engine::missing_shards
//! [`Engine::install_shard`]: crate::select::Engine::install_shard

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use leptos::prelude::*;

use super::boundary::{self, FetchError, StorageArea};
use super::Ctx;
use crate::human::human_bytes;
use crate::index::container;
use crate::index::shards::ShardManifest;

/// `localStorage` key: the signature of the index whose shards are all in the offline cache.
pub const OFFLINE_KEY: &str = "ptmpicker-offline";
/// Shard downloads in flight during "make available offline".
const PARALLEL: usize = 4;

/// Where a sharded index's shard files are and what they weigh (plain data from the manifest).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShardFiles {
    /// The index's directory URL, ending in '/' (or empty: relative to the page).
    pub base: String,
    pub files: Vec<String>,
    pub sizes: Vec<u64>,
    pub signature: String,
}

impl ShardFiles {
    pub fn new(index_url: &str, manifest: &ShardManifest) -> ShardFiles {
        let base = index_url.rfind('/').map(|i| index_url[..=i].to_string()).unwrap_or_default();
        ShardFiles { base, files: manifest.files.clone(), sizes: manifest.sizes.clone(), signature: manifest.signature() }
    }

    fn url(&self, shard: usize) -> Option<String> {
        self.files.get(shard).map(|f| format!("{}{f}", self.base))
    }

    /// Bytes shipped for these shards.
    pub fn bytes(&self, shards: &[usize]) -> u64 {
        shards.iter().filter_map(|&s| self.sizes.get(s)).sum()
    }
}

/// The offline action's state.
#[derive(Clone, Debug, PartialEq)]
pub enum OfflineStatus {
    /// A single-file index: it is offline as soon as it is loaded (no action shown).
    Single,
    /// Some shards are not on this device.
    Partial,
    Downloading {
        done: usize,
        of: usize,
        bytes: u64,
        total: u64,
    },
    /// Every shard is in the offline cache.
    Complete,
    Failed(String),
}

/// What the offline bar shows.
#[derive(Clone, Debug, PartialEq)]
pub struct OfflineView {
    pub status: OfflineStatus,
    pub shards: usize,
    /// Shards not yet fetched by this page, and their size as shipped.
    pub missing: usize,
    pub missing_bytes: u64,
    pub total_bytes: u64,
}

impl Default for OfflineView {
    fn default() -> Self {
        OfflineView { status: OfflineStatus::Single, shards: 0, missing: 0, missing_bytes: 0, total_bytes: 0 }
    }
}

impl OfflineView {
    /// `data-state` of `#offline`.
    pub fn data_state(&self) -> &'static str {
        match self.status {
            OfflineStatus::Single => "single",
            OfflineStatus::Partial => "partial",
            OfflineStatus::Downloading { .. } => "downloading",
            OfflineStatus::Complete => "complete",
            OfflineStatus::Failed(_) => "error",
        }
    }

    /// The bar's sentence.
    pub fn describe(&self) -> String {
        match &self.status {
            OfflineStatus::Single => String::new(),
            OfflineStatus::Partial => format!(
                "Searches download the parts of the index they need ({} of {} parts here). Download the other {} ({}) to search every model offline.",
                self.shards - self.missing,
                self.shards,
                self.missing,
                human_bytes(self.missing_bytes)
            ),
            OfflineStatus::Downloading { done, of, bytes, total } => {
                format!("Downloading the index for offline use… {done} of {of} parts, {} of {}", human_bytes(*bytes), human_bytes(*total))
            }
            OfflineStatus::Complete => format!("All models are available offline ({} parts, {}).", self.shards, human_bytes(self.total_bytes)),
            OfflineStatus::Failed(message) => format!("Not every part could be downloaded: {message}. Try again when online."),
        }
    }
}

/// Why a search's shards could not be had, in words a user can act on.
fn unavailable_message(missing: usize, bytes: u64, error: &FetchError) -> String {
    let parts = if missing == 1 { "1 part".to_string() } else { format!("{missing} parts") };
    match error {
        FetchError::Network(_) | FetchError::Body(_) => format!(
            "This search needs {parts} of the model index ({}) that are not on this device, and the network cannot be reached. \
             Connect and search again — or, while online, use “Make all models available offline” so every search works offline.",
            human_bytes(bytes)
        ),
        FetchError::Status { status, .. } => format!(
            "This search needs {parts} of the model index that the server does not have (HTTP {status}): the site may be updating. Reload the page."
        ),
    }
}

/// Sets up the offline state for a freshly loaded index (`manifest` = its shards, if sharded).
pub fn on_index_loaded(ctx: Ctx, index_url: &str, manifest: Option<&ShardManifest>) {
    let Some(manifest) = manifest else {
        ctx.offline.set(OfflineView::default());
        return;
    };
    let files = ShardFiles::new(index_url, manifest);
    ctx.shard_files.set_value(Some(files.clone()));
    refresh(ctx, OfflineStatus::Partial);
    if !ctx.browser || boundary::storage_get(StorageArea::Local, OFFLINE_KEY).as_deref() != Some(files.signature.as_str()) {
        return;
    }
    // Remembered complete: believe it once the cache confirms (an update may have cleared it).
    leptos::task::spawn_local(async move {
        let urls: Vec<String> = (0..files.files.len()).filter_map(|s| files.url(s)).collect();
        if boundary::cached_count(&urls).await == urls.len() {
            refresh(ctx, OfflineStatus::Complete);
        } else {
            boundary::storage_remove(StorageArea::Local, OFFLINE_KEY);
        }
    });
}

/// Recomputes the counts (from the engine) with a new status.
fn refresh(ctx: Ctx, status: OfflineStatus) {
    let missing = ctx.engine.with_value(|e| e.as_ref().map(|e| e.uninstalled_shards()).unwrap_or_default());
    let (shards, missing_bytes, total_bytes) =
        ctx.shard_files.with_value(|f| f.as_ref().map(|f| (f.files.len(), f.bytes(&missing), f.sizes.iter().sum())).unwrap_or_default());
    ctx.offline.set(OfflineView { status, shards, missing: missing.len(), missing_bytes, total_bytes });
}

/// A shard download started ([`start_shard`]) and not yet read.
struct Started {
    shard: usize,
    url: String,
    pending: Result<js_sys::Promise, FetchError>,
}

/// Starts downloading one shard now (see [`boundary::start_fetch`]).
fn start_shard(ctx: Ctx, shard: usize) -> Started {
    let url = ctx.shard_files.with_value(|f| f.as_ref().and_then(|f| f.url(shard))).unwrap_or_default();
    let pending = match url.is_empty() {
        true => Err(FetchError::Body(format!("shard {shard} is not in the index's manifest"))),
        false => boundary::start_fetch(&url),
    };
    Started { shard, url, pending }
}

/// Fetches, checks and installs one shard; returns its bytes as shipped.
async fn fetch_shard(ctx: Ctx, shard: usize) -> Result<u64, FetchError> {
    finish_shard(ctx, start_shard(ctx, shard)).await
}

/// Reads, checks and installs a started shard download; returns its bytes as shipped.
async fn finish_shard(ctx: Ctx, started: Started) -> Result<u64, FetchError> {
    let Started { shard, url, pending } = started;
    let through_worker = ctx.browser && boundary::service_worker_controls_page();
    let (bytes, inflated) = boundary::fetch_bytes_from(pending?, true, |_, _| {}).await?;
    if ctx.browser && !through_worker {
        boundary::offer_to_offline_cache(&url, &bytes);
    }
    let shipped = bytes.len() as u64;
    let plain = match (inflated, container::is_compressed(&bytes)) {
        (Some(p), true) => p,
        (_, true) => container::inflate(&bytes).map_err(|e| FetchError::Body(e.to_string()))?,
        (_, false) => bytes,
    };
    let installed = ctx.engine.try_update_value(|e| e.as_mut().map(|e| e.install_shard(shard, &plain))).flatten();
    match installed {
        Some(Err(e)) => Err(FetchError::Body(format!("a part of the index is damaged ({e}); reload the page"))),
        _ => Ok(shipped),
    }
}

/// Fetches the shards a search reads (all at once). `Err` is the message for the page.
pub async fn fetch_for_search(ctx: Ctx, shards: Vec<usize>) -> Result<(), String> {
    // Every download starts here, at once; reading them is queued behind whatever else is.
    let started: Vec<Started> = shards.iter().map(|&s| start_shard(ctx, s)).collect();
    let results = boundary::join_all(started.into_iter().map(|s| Box::pin(finish_shard(ctx, s)) as _).collect()).await;
    let failed: Vec<FetchError> = results.into_iter().filter_map(Result::err).collect();
    let status = ctx.offline.with_untracked(|o| o.status.clone());
    if matches!(status, OfflineStatus::Partial) {
        refresh(ctx, OfflineStatus::Partial);
    }
    match failed.first() {
        None => Ok(()),
        Some(error) => {
            let still = ctx.engine.with_value(|e| e.as_ref().map(|e| e.uninstalled_shards()).unwrap_or_default());
            let missing: Vec<usize> = shards.into_iter().filter(|s| still.contains(s)).collect();
            let bytes = ctx.shard_files.with_value(|f| f.as_ref().map(|f| f.bytes(&missing)).unwrap_or(0));
            Err(unavailable_message(missing.len(), bytes, error))
        }
    }
}

/// "Make all models available offline": fetches every shard not yet here, a few at a time, with
/// progress; remembers completion.
pub fn make_available_offline(ctx: Ctx) {
    if matches!(ctx.offline.get_untracked().status, OfflineStatus::Downloading { .. }) {
        return;
    }
    let todo = ctx.engine.with_value(|e| e.as_ref().map(|e| e.uninstalled_shards()).unwrap_or_default());
    let (total, signature) = ctx.shard_files.with_value(|f| f.as_ref().map(|f| (f.bytes(&todo), f.signature.clone())).unwrap_or_default());
    let of = todo.len();
    refresh(ctx, OfflineStatus::Downloading { done: 0, of, bytes: 0, total });
    leptos::task::spawn_local(async move {
        // PARALLEL workers take shards from one queue; progress is shared.
        let queue = Rc::new(RefCell::new(VecDeque::from(todo)));
        let progress = Rc::new(RefCell::new((0usize, 0u64, None::<FetchError>)));
        let worker = |queue: Rc<RefCell<VecDeque<usize>>>, progress: Rc<RefCell<(usize, u64, Option<FetchError>)>>| async move {
            loop {
                let Some(shard) = queue.borrow_mut().pop_front() else { break };
                let result = fetch_shard(ctx, shard).await;
                let (done, bytes) = {
                    let mut p = progress.borrow_mut();
                    match result {
                        Ok(b) => {
                            p.0 += 1;
                            p.1 += b;
                        }
                        Err(e) => p.2 = Some(e),
                    }
                    (p.0, p.1)
                };
                refresh(ctx, OfflineStatus::Downloading { done, of, bytes, total });
            }
        };
        let workers = (0..PARALLEL).map(|_| Box::pin(worker(queue.clone(), progress.clone())) as _).collect();
        boundary::join_all::<()>(workers).await;
        let failure = progress.borrow_mut().2.take();
        match failure {
            None => {
                if ctx.browser {
                    let _ = boundary::storage_set(StorageArea::Local, OFFLINE_KEY, &signature);
                }
                refresh(ctx, OfflineStatus::Complete);
            }
            Some(e) => refresh(ctx, OfflineStatus::Failed(e.to_string().replace("the model index", "a part of the model index"))),
        }
    });
}

/// The offline bar: shown for a sharded index only.
#[component]
pub fn OfflinePanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let view = move || ctx.offline.get();
    view! {
        <section
            id="offline"
            class="offline-bar"
            aria-label="Offline use"
            data-state=move || view().data_state()
            hidden=move || view().status == OfflineStatus::Single
        >
            <p class="offline-text" role="status" aria-live="polite">
                {move || view().describe()}
            </p>
            {move || match view().status {
                OfflineStatus::Downloading { bytes, total, .. } => {
                    let value = if total > 0 { (bytes as f64 / total as f64).min(1.0) } else { 0.0 };
                    Some(view! { <progress max="1" value=value.to_string() aria-label="Offline download progress"></progress> }.into_any())
                }
                OfflineStatus::Partial | OfflineStatus::Failed(_) => {
                    let label = format!("Make all models available offline ({})", human_bytes(view().missing_bytes));
                    Some(
                        view! {
                            <button type="button" id="make-offline" on:click=move |_| make_available_offline(ctx)>
                                {label}
                            </button>
                        }
                            .into_any(),
                    )
                }
                OfflineStatus::Single | OfflineStatus::Complete => None,
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_urls_sit_beside_the_index() {
        let m = ShardManifest {
            first_term: vec![0, 5],
            first_text: vec!["a".into(), "m".into()],
            first_byte: vec![0, 100],
            postings_bytes: 200,
            first_doc: Vec::new(),
            crc: vec![1, 2],
            files: vec!["index-a.bin".into(), "index-b.bin".into()],
            sizes: vec![10, 20],
        };
        let f = ShardFiles::new("./index.bin", &m);
        assert_eq!(f.url(1).as_deref(), Some("./index-b.bin"));
        assert_eq!(ShardFiles::new("index.bin", &m).url(0).as_deref(), Some("index-a.bin"));
        assert_eq!(f.bytes(&[0, 1]), 30);
    }

    #[test]
    fn offline_texts_say_what_to_do() {
        let mut v =
            OfflineView { status: OfflineStatus::Partial, shards: 10, missing: 7, missing_bytes: 7_000_000, total_bytes: 10_000_000 };
        assert_eq!(v.data_state(), "partial");
        assert!(v.describe().contains("3 of 10 parts"), "{}", v.describe());
        v.status = OfflineStatus::Complete;
        assert!(v.describe().starts_with("All models are available offline"));
        let m = unavailable_message(2, 300_000, &FetchError::Network("Failed to fetch".into()));
        assert!(m.contains("2 parts") && m.contains("Make all models available offline"), "{m}");
    }
}

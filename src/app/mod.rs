//! The PTMPicker web app (Leptos, client-side rendered, WebAssembly).
//!
//! Data flows: [`boundary::fetch_bytes_from`] downloads `./index.bin` (with progress; index.html
//! preloads it while the wasm downloads, and the browser inflates it as it arrives) → the engine's
//! [`crate::index::decode`] → an [`Engine`] kept for the page's life → each request (form, free-text
//! description or the URL's query string; a sharded index first fetches the shards it reads, see
//! [`offline`]) → [`view_model::build`] → the views. The request always
//! lives in the query string, so a search can be shared as a link.
//!
//! Test contract (outside checks rely on it): `<ol id="results" data-state="loading|ready|error|unavailable">`
//! whose `<li data-model-id="org/name">` children are the results in rank order; "ready" with no
//! children means there is no request yet. "ready" means the ranking is done; the LLM checks that
//! follow (see [`llm_run`]) report on their own element, `#llm-status[data-state=idle|running|done|error]`,
//! and re-render the list (still in rank order) as their answers drop or confirm models.
//! "unavailable": a sharded index's parts this search reads could not be fetched (offline); the
//! summary says why. A sharded index also shows `#offline[data-state=partial|downloading|complete|error]`
//! (see [`offline`]).

pub mod boundary;
mod compare;
mod form;
pub mod highlight;
mod insights;
mod llm_fill;
mod llm_panel;
mod llm_run;
pub mod llm_state;
mod llm_verdict;
pub mod offline;
mod results;
pub mod state;
pub mod view_model;

use leptos::prelude::*;

use crate::index::{container, decode, decode_uncompressed, Insights};
use crate::request_text::Note;
use crate::select::Engine;
use crate::template::Template;
use llm_state::{LlmConfig, LlmProgress};
use state::{encode_query, normalized, Phase, Tab};
use view_model::ResultsView;

/// Results shown per search.
pub const TOP: usize = 10;

/// Where the index comes from.
#[derive(Clone, Debug)]
pub enum IndexSource {
    /// Fetched over HTTP (relative to the page: `./index.bin`).
    Url(String),
    /// Already in memory (component tests).
    Bytes(Vec<u8>),
}

/// How the app is started.
#[derive(Clone, Debug)]
pub struct AppConfig {
    pub index: IndexSource,
    /// The initial request as a query string; `None` reads the page's address.
    pub query: Option<String>,
    /// Keep the address bar in sync, register the service worker and install the benchmark hook.
    /// Off in component tests, which share one page.
    pub browser: bool,
}

impl AppConfig {
    /// The real page: `./index.bin`, the request from the address bar, offline support on.
    pub fn page() -> AppConfig {
        AppConfig { index: IndexSource::Url("./index.bin".into()), query: None, browser: true }
    }
}

/// Facts about the loaded index, for the footer.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexInfo {
    pub models: usize,
    pub bytes: usize,
    pub source: String,
    /// Shards of a sharded index, fetched on demand (0 = one file).
    pub shards: usize,
}

/// The app's shared state: arena handles only, so it is `Copy` and can be captured anywhere.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub engine: StoredValue<Option<Engine>, LocalStorage>,
    pub phase: RwSignal<Phase>,
    /// The request being edited.
    pub form: RwSignal<Template>,
    /// The free-text description and what was read from it.
    pub describe: RwSignal<String>,
    pub notes: RwSignal<Vec<Note>>,
    /// What the user's LLM suggested and the rules did not use, with why ("Fill with my LLM").
    pub set_aside: RwSignal<Vec<Note>>,
    /// "Fill with my LLM" (`#llm-fill-status`).
    pub llm_fill: RwSignal<llm_fill::FillState>,
    /// The request of the latest search (normalized): what the address bar shows.
    pub searched: RwSignal<Template>,
    /// The last finished search.
    pub results: RwSignal<ResultsView>,
    /// Model ids picked for side-by-side comparison (2–4).
    pub compare: RwSignal<Vec<String>>,
    pub tab: RwSignal<Tab>,
    pub insights: RwSignal<Option<Insights>>,
    pub info: RwSignal<Option<IndexInfo>>,
    /// A short message after export / copy (announced politely).
    pub toast: RwSignal<String>,
    /// The LLM endpoint settings in use (saved ones; the settings panel edits a draft).
    pub llm_config: RwSignal<LlmConfig>,
    /// The LLM pass of the current results (`#llm-status`).
    pub llm_progress: RwSignal<LlmProgress>,
    /// A sharded index's shard files (None for a single file).
    pub shard_files: StoredValue<Option<offline::ShardFiles>>,
    /// "Make all models available offline" (`#offline`).
    pub offline: RwSignal<offline::OfflineView>,
    /// Cancels the running LLM pass (a newer search aborts it).
    llm_abort: StoredValue<boundary::AbortGroup, LocalStorage>,
    seq: StoredValue<u64>,
    browser: bool,
}

impl Ctx {
    fn new(browser: bool, initial: Template, tab: Tab, llm_config: LlmConfig) -> Ctx {
        Ctx {
            engine: StoredValue::new_local(None),
            phase: RwSignal::new(Phase::Fetching { received: 0, total: None }),
            form: RwSignal::new(initial.clone()),
            describe: RwSignal::new(String::new()),
            notes: RwSignal::new(Vec::new()),
            set_aside: RwSignal::new(Vec::new()),
            llm_fill: RwSignal::new(llm_fill::FillState::Idle),
            searched: RwSignal::new(normalized(&initial)),
            results: RwSignal::new(ResultsView::empty()),
            compare: RwSignal::new(Vec::new()),
            tab: RwSignal::new(tab),
            insights: RwSignal::new(None),
            info: RwSignal::new(None),
            toast: RwSignal::new(String::new()),
            llm_config: RwSignal::new(llm_config),
            llm_progress: RwSignal::new(LlmProgress::default()),
            shard_files: StoredValue::new(None),
            offline: RwSignal::new(offline::OfflineView::default()),
            llm_abort: StoredValue::new_local(boundary::AbortGroup::new()),
            seq: StoredValue::new(0),
            browser,
        }
    }

    /// Runs the current form as a search (and puts it in the address bar).
    pub fn search_form(self) {
        self.search(self.form.get_untracked(), false);
    }

    /// The user asked for a search: run it, then move focus to the results (so keyboard and
    /// screen-reader users, and phones where the form fills the screen, land on them).
    pub fn submit(self) {
        self.search(self.form.get_untracked(), true);
    }

    /// Runs `request`. Before the index is loaded this only records the request: loading runs it.
    /// The address bar follows [`Ctx::searched`] (see [`sync_address`]).
    pub fn search(self, request: Template, focus_results: bool) {
        let request = normalized(&request);
        self.searched.set(request.clone());
        let loaded = self.engine.with_value(|e| e.is_some());
        if !loaded {
            return;
        }
        let seq = self.seq.get_value() + 1;
        self.seq.set_value(seq);
        // A newer search supersedes the LLM checks of the older one.
        self.llm_abort.with_value(|g| g.abort());
        if request.is_empty() {
            self.results.set(ResultsView::empty());
            self.compare.set(Vec::new());
            self.llm_progress.set(LlmProgress::default());
            self.phase.set(Phase::Ready);
            return;
        }
        // The task is queued before the page re-renders for the new phase, so its downloads
        // start first.
        leptos::task::spawn_local(async move {
            // A sharded index: the parts this request reads are fetched at once (while they
            // download the page shows "Ranking models…"); otherwise let the page show it before
            // the (synchronous) ranking runs.
            let mut postings = self.engine.with_value(|e| e.as_ref().map(|e| e.missing_shards(&request))).unwrap_or_default();
            if postings.is_empty() {
                boundary::sleep(0).await;
                if self.seq.get_value() != seq {
                    return; // a newer search superseded this one
                }
            }
            // A sharded index: fetch the parts this request reads first (never rank without them),
            // then the display text and names of the results it shows (never a card without its
            // text or id) — with an LLM endpoint set, of the LLM pass's candidates too (a
            // candidate moves up when the LLM drops a shown model, and its check reads its card).
            let llm = self.llm_config.with_untracked(|c| if c.base_url.trim().is_empty() { 0 } else { c.candidates });
            let shown_count = TOP.max(llm);
            // Postings rounds until none is missing (reading the request with its shards may name
            // another: `Engine::missing_shards`), then one round of display shards.
            let mut display = false;
            // The display round's own ranking, with its time, when it is the one shown (no LLM
            // candidates beyond TOP, and no shard installed after it): not ranked a second time.
            let mut ranked = None;
            loop {
                let missing = self
                    .engine
                    .try_update_value(|e| {
                        e.as_mut().map(|e| match display {
                            false => std::mem::take(&mut postings),
                            true if !e.index.doc_parts.iter().any(Option::is_none) => Vec::new(),
                            true => {
                                let t0 = boundary::now_ms();
                                let shown = e.select(&request, shown_count);
                                let elapsed = boundary::now_ms() - t0;
                                let missing = e.missing_display_shards(shown.results.iter().map(|m| m.doc));
                                if missing.is_empty() && shown_count == TOP {
                                    ranked = Some((shown, elapsed));
                                }
                                missing
                            }
                        })
                    })
                    .flatten()
                    .unwrap_or_default();
                if missing.is_empty() {
                    if display {
                        break;
                    }
                    display = true;
                    continue;
                }
                let fetched = offline::fetch_for_search(self, missing).await;
                if self.seq.get_value() != seq {
                    return;
                }
                if self.browser {
                    boundary::mark(if display { "ptmpicker:display-shards" } else { "ptmpicker:postings-shards" });
                }
                if let Err(message) = fetched {
                    self.results.set(ResultsView::empty());
                    self.compare.set(Vec::new());
                    self.llm_progress.set(LlmProgress::default());
                    self.phase.set(Phase::Unavailable(message));
                    if self.browser {
                        boundary::register_service_worker();
                    }
                    return;
                }
                if display {
                    break;
                }
            }
            let started = boundary::now_ms();
            let config = self.llm_config.get_untracked();
            let prepared = self
                .engine
                .try_update_value(|engine| {
                    engine.as_mut().map(|engine| {
                        let (selection, elapsed) = ranked.take().unwrap_or_else(|| {
                            let selection = engine.select(&request, TOP);
                            (selection, boundary::now_ms() - started)
                        });
                        llm_run::prepare(engine, &config, &request, selection, elapsed)
                    })
                })
                .flatten();
            let mut pass = None;
            if let Some((view, progress, llm_pass)) = prepared {
                let ids: Vec<String> = view.items.iter().map(|i| i.id.clone()).collect();
                self.compare.update(|c| c.retain(|id| ids.contains(id)));
                self.results.set(view);
                self.llm_progress.set(progress);
                pass = llm_pass;
            }
            self.phase.set(Phase::Ready);
            if let Some(pass) = pass {
                llm_run::start(self, seq, pass);
            }
            if focus_results {
                boundary::focus("results-heading");
            }
            if self.browser {
                boundary::mark("ptmpicker:results");
                boundary::register_service_worker();
            }
        });
        self.phase.set(Phase::Searching);
    }

    /// Shows the search or insights view.
    pub fn show_tab(self, tab: Tab) {
        self.tab.set(tab);
    }
}

/// The address bar follows the state, router-free (the URL-as-state idea of Leptos'
/// `counter_url_query` example): one Effect writes it, one listener reads it back.
/// - A search with a new request adds a history entry; a tab switch replaces the current one.
/// - Back / Forward restore the entry's request in the form and run it, without a new entry
///   (the state then equals the address, so the Effect leaves the history alone).
fn sync_address(ctx: Ctx) {
    Effect::new(move |first_run_done: Option<()>| {
        let request = ctx.searched.get();
        let fragment = ctx.tab.get().fragment();
        let query = encode_query(&request);
        let current = boundary::query_string();
        // On load the address is only tidied (no entry); later, a different request is a new entry.
        if first_run_done.is_some() && normalized(&state::decode_query(&current)) != request {
            boundary::push_url(&query, fragment);
        } else if query != current || fragment != boundary::fragment() {
            boundary::replace_url(&query, fragment);
        }
    });
    boundary::on_history_move(move || {
        let request = normalized(&state::decode_query(&boundary::query_string()));
        let tab = Tab::from_fragment(&boundary::fragment());
        if tab != ctx.tab.get_untracked() {
            ctx.tab.set(tab);
        }
        // A move within the page (the skip link's `#results-heading`) is a history step too:
        // only a different request is searched (and replaces the form being edited).
        if request != ctx.searched.get_untracked() {
            ctx.form.set(request.clone());
            ctx.notes.set(Vec::new());
            ctx.set_aside.set(Vec::new());
            ctx.search(request, false);
        }
    });
}

/// Loads the index, builds the engine, then runs the initial request.
fn load(ctx: Ctx, source: IndexSource) {
    leptos::task::spawn_local(async move {
        let index_url = match &source {
            IndexSource::Url(url) => url.clone(),
            IndexSource::Bytes(_) => String::new(),
        };
        let fetched = match source {
            IndexSource::Bytes(b) => Ok((b, None)),
            IndexSource::Url(url) => {
                // Fetched before a service worker controls the page (a first visit): hand the
                // bytes to the worker's offline cache so it never downloads them again. The index
                // travels gzip-compressed (`index::container`): the browser inflates it natively
                // while it downloads, where it can.
                let through_worker = ctx.browser && boundary::service_worker_controls_page();
                let fetched = match boundary::start_fetch(&url) {
                    Ok(pending) => {
                        boundary::fetch_bytes_from(pending, true, |received, total| ctx.phase.set(Phase::Fetching { received, total }))
                            .await
                    }
                    Err(e) => Err(e),
                };
                if let (Ok((bytes, _)), true, false) = (&fetched, ctx.browser, through_worker) {
                    boundary::offer_to_offline_cache(&url, bytes);
                }
                fetched.map_err(|e| e.to_string())
            }
        };
        let (bytes, inflated) = match fetched {
            Ok(b) => b,
            Err(message) => {
                ctx.phase.set(Phase::Failed(message));
                if ctx.browser {
                    boundary::register_service_worker();
                }
                return;
            }
        };
        if ctx.browser {
            boundary::mark("ptmpicker:index-downloaded");
        }
        ctx.phase.set(Phase::Decoding { bytes: bytes.len() as u64 });
        boundary::sleep(0).await;
        let shipped = bytes.len();
        // Inflated while downloading, or now natively where the browser can; otherwise (or if
        // that fails) the engine inflates and names any damage.
        let decoded = match (inflated, container::is_compressed(&bytes)) {
            (Some(inflated), true) => decode_uncompressed(&inflated),
            (None, true) => match boundary::inflate_gzip(&bytes).await {
                Ok(inflated) => decode_uncompressed(&inflated),
                Err(_) => decode(&bytes),
            },
            (_, false) => decode(&bytes),
        };
        match decoded {
            Err(e) => {
                ctx.phase.set(Phase::Failed(e.to_string()));
                if ctx.browser {
                    boundary::register_service_worker();
                }
            }
            Ok(index) => {
                let shards = index.shards.clone();
                let info = IndexInfo {
                    models: index.doc_count(),
                    bytes: shipped,
                    source: index.meta.catalog().to_string(),
                    shards: shards.as_ref().map_or(0, |m| m.len()),
                };
                let insights = index.insights.clone();
                drop(bytes);
                ctx.engine.set_value(Some(Engine::new(index)));
                offline::on_index_loaded(ctx, &index_url, shards.as_ref());
                if ctx.browser {
                    boundary::mark("ptmpicker:index-ready");
                }
                // The initial request first (it sets the phase: searching, or ready when there is
                // none): a sharded index's downloads for it start before the page renders what
                // the footer and insights show.
                ctx.search_form();
                ctx.info.set(Some(info));
                ctx.insights.set(Some(insights));
                // No request to run: the page is loaded (a search registers the worker when it is shown).
                if ctx.browser && ctx.phase.get_untracked() == Phase::Ready {
                    boundary::register_service_worker();
                }
            }
        }
    });
}

/// Installs `window.__ptmpicker_bench(requests)` for the browser benchmark: it ranks each request
/// (a template JSON object) and returns `{ "ms": [...], "top": [...] }` (time per query in the
/// WASM engine, and each query's first model id).
fn install_bench_hook(ctx: Ctx) {
    let run = move |input: String| -> String {
        let requests: Vec<Template> = match serde_json::from_str::<serde_json::Value>(&input) {
            Ok(serde_json::Value::Array(items)) => items.iter().filter_map(|v| Template::from_json(&v.to_string()).ok()).collect(),
            Ok(v) => Template::from_json(&v.to_string()).ok().into_iter().collect(),
            Err(_) => Vec::new(),
        };
        let mut ms = Vec::new();
        let mut top = Vec::new();
        let unfetched = ctx.engine.with_value(|e| e.as_ref().is_some_and(|e| requests.iter().any(|r| !e.missing_shards(r).is_empty())));
        if unfetched {
            // Never rank without the shards a query reads: call __ptmpicker_fetch_shards first.
            return serde_json::json!({ "error": "these requests read shards not fetched yet: call __ptmpicker_fetch_shards(requests) first" }).to_string();
        }
        ctx.engine.update_value(|engine| {
            if let Some(engine) = engine.as_mut() {
                for r in &requests {
                    let t0 = boundary::now_ms();
                    let sel = engine.select(r, TOP);
                    ms.push(boundary::now_ms() - t0);
                    // From a sharded head the id comes with a document shard the hook does not fetch.
                    top.push(sel.results.first().map(|m| m.id.clone()).filter(|id| !id.is_empty()));
                }
            }
        });
        serde_json::json!({ "ms": ms, "top": top }).to_string()
    };
    boundary::expose_bench_hook(std::rc::Rc::new(run));
    // `window.__ptmpicker_fetch_shards(requests)`: fetches the shards these requests read (a
    // sharded index), so the timed hook above measures ranking only. Resolves to the count.
    let fetch = move |input: String| -> boundary::JsonFuture {
        Box::pin(async move {
            let requests: Vec<Template> = match serde_json::from_str::<serde_json::Value>(&input) {
                Ok(serde_json::Value::Array(items)) => items.iter().filter_map(|v| Template::from_json(&v.to_string()).ok()).collect(),
                _ => Vec::new(),
            };
            // Rounds until none is missing (see `Engine::missing_shards`).
            let mut count = 0;
            loop {
                let mut missing: Vec<usize> = ctx
                    .engine
                    .with_value(|e| e.as_ref().map(|e| requests.iter().flat_map(|r| e.missing_shards(r)).collect()).unwrap_or_default());
                missing.sort_unstable();
                missing.dedup();
                if missing.is_empty() {
                    return count.to_string();
                }
                count += missing.len();
                if let Err(message) = offline::fetch_for_search(ctx, missing).await {
                    return serde_json::json!({ "error": message }).to_string();
                }
            }
        })
    };
    boundary::expose_async_hook("__ptmpicker_fetch_shards", std::rc::Rc::new(fetch));
}

/// The whole app.
#[component]
pub fn App(config: AppConfig) -> impl IntoView {
    let query = config.query.clone().unwrap_or_else(|| if config.browser { boundary::query_string() } else { String::new() });
    let tab = if config.browser { Tab::from_fragment(&boundary::fragment()) } else { Tab::Search };
    // Component tests (browser: false) share one page: they never read or write its storage.
    let llm_config = if config.browser { llm_run::load_config() } else { LlmConfig::default() };
    let ctx = Ctx::new(config.browser, state::decode_query(&query), tab, llm_config);
    provide_context(ctx);
    if config.browser {
        install_bench_hook(ctx);
        sync_address(ctx);
    }
    load(ctx, config.index.clone());

    let tab_button = move |which: Tab, id: &'static str, panel: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                id=id
                aria-controls=panel
                aria-selected=move || if ctx.tab.get() == which { "true" } else { "false" }
                tabindex=move || if ctx.tab.get() == which { "0" } else { "-1" }
                on:click=move |_| ctx.show_tab(which)
                on:keydown=move |ev| {
                    let key = ev.key();
                    if key == "ArrowRight" || key == "ArrowLeft" {
                        let next = if ctx.tab.get_untracked() == Tab::Search { Tab::Insights } else { Tab::Search };
                        ctx.show_tab(next);
                        boundary::focus(if next == Tab::Search { "tab-search" } else { "tab-insights" });
                    }
                }
            >
                {label}
            </button>
        }
    };

    view! {
        <a class="skip-link" href="#results-heading">"Skip to results"</a>
        <header class="site-header">
            <div class="brand">
                <h1>"PTMPicker"</h1>
                <p class="tagline">"Pick a pretrained model from the Hugging Face Hub by describing what you need."</p>
            </div>
            <div class="tabs" role="tablist" aria-label="Views">
                {tab_button(Tab::Search, "tab-search", "panel-search", "Search")}
                {tab_button(Tab::Insights, "tab-insights", "panel-insights", "Insights")}
            </div>
        </header>
        <StatusBar/>
        <offline::OfflinePanel/>
        <main id="main">
            <div
                id="panel-search"
                role="tabpanel"
                aria-labelledby="tab-search"
                hidden=move || ctx.tab.get() != Tab::Search
            >
                <llm_panel::LlmSettingsPanel/>
                <div class="layout">
                    <form::RequestForm/>
                    <results::ResultsPane/>
                </div>
            </div>
            <div
                id="panel-insights"
                role="tabpanel"
                aria-labelledby="tab-insights"
                hidden=move || ctx.tab.get() != Tab::Insights
            >
                <insights::InsightsPage/>
            </div>
        </main>
        <footer class="site-footer">
            {move || {
                ctx.info
                    .get()
                    .map(|i| {
                        let parts = if i.shards > 0 { format!(", {} more parts on demand", i.shards) } else { String::new() };
                        format!(
                            "Index: {} models ({}{parts}) · built from {}. ",
                            i.models,
                            crate::human::human_bytes(i.bytes as u64),
                            i.source,
                        )
                    })
            }}
            "Model data from the Hugging Face Hub. Verdicts are decided by rules over the metadata, or by the LLM you configure where rules can't judge; check them against the model card."
        </footer>
    }
}

/// Why the index could not be loaded (the progress itself shows in the results column).
#[component]
fn StatusBar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        ctx.phase
            .with(|p| match p {
                Phase::Failed(message) => Some(message.clone()),
                _ => None,
            })
            .map(|message| {
                view! {
                    <div class="error-banner" role="alert" id="load-error">
                        <h2>"The model index could not be loaded"</h2>
                        <p class="error-message">{message}</p>
                        <p>
                            "Reload the page to try again. If this keeps happening, the site's index file ("
                            <code>"index.bin"</code>
                            ") needs to be rebuilt with the matching index-builder."
                        </p>
                    </div>
                }
            })
    }
}

/// Starts the app on the page (called by `main`).
pub fn start() {
    console_error_panic_hook::set_once();
    boundary::mark("ptmpicker:start");
    // The service worker registers once the first search is shown (see `load` and `Ctx::search`):
    // installing it precaches the whole app, which would compete with the first load's downloads.
    leptos::mount::mount_to_body(|| view! { <App config=AppConfig::page()/> });
}

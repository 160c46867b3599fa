//! The app's only door to the browser: fetch with progress, the URL, the service worker,
//! downloads, the clipboard, timers, web storage, the LLM endpoint's HTTP calls (with timeouts
//! and cancellation) and the benchmark hook.
//!
//! Why one file: everything else in `app/` is plain Rust (state, view models) or Leptos views, so
//! it can be reasoned about — and much of it tested natively — without a browser. Every function
//! here turns JavaScript failures into `Err(String)` messages fit to show on the page.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::Request;
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn js_error(e: JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Why the index could not be fetched.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// The server answered with an error status (404 = the index was not built or deployed).
    Status { status: u16, text: String },
    /// No answer at all (offline and not cached, blocked, CORS…).
    Network(String),
    /// The answer broke off while downloading.
    Body(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Status { status: 404, .. } => {
                write!(f, "the model index was not found on the server (HTTP 404): it has not been built or deployed")
            }
            FetchError::Status { status, text } => write!(f, "the server answered HTTP {status} {text} for the model index"),
            FetchError::Network(e) => write!(f, "the model index could not be downloaded ({e}); check the connection"),
            FetchError::Body(e) => write!(f, "the download of the model index broke off ({e})"),
        }
    }
}

/// Starts downloading `url` now (the browser's `fetch`): several downloads started in one go
/// begin at once, before any is awaited or any queued task (a render) runs; [`fetch_bytes_from`]
/// reads the answer.
pub fn start_fetch(url: &str) -> Result<Promise, FetchError> {
    let w = window().ok_or_else(|| FetchError::Network("no window".into()))?;
    Ok(w.fetch_with_str(url))
}

/// Downloads `url` as bytes, calling `on_progress(received, total)` as chunks arrive. `total` is
/// the Content-Length when known (and dropped when the body turns out longer, e.g. a compressed
/// transfer whose header counts compressed bytes).
pub async fn fetch_bytes(url: &str, on_progress: impl Fn(u64, Option<u64>)) -> Result<Vec<u8>, FetchError> {
    Ok(fetch_bytes_from(start_fetch(url)?, false, on_progress).await?.0)
}

/// Reads the answer of [`start_fetch`] as bytes, with progress (see [`fetch_bytes`]). With
/// `inflate`, a gzip body is also inflated by the browser's `DecompressionStream` *while it
/// arrives* (inflating after the download would add its time to the load): the second value is
/// the inflated bytes, or `None` when the body is not gzip, the browser has no
/// `DecompressionStream` or inflating failed — the caller then inflates the shipped bytes itself
/// (and names any damage).
pub async fn fetch_bytes_from(
    pending: Promise,
    inflate: bool,
    on_progress: impl Fn(u64, Option<u64>),
) -> Result<(Vec<u8>, Option<Vec<u8>>), FetchError> {
    let response = JsFuture::from(pending).await.map_err(|e| FetchError::Network(js_error(e)))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| FetchError::Network("the answer was not an HTTP response".into()))?;
    if !response.ok() {
        return Err(FetchError::Status { status: response.status(), text: response.status_text() });
    }
    let total = response.headers().get("content-length").ok().flatten().and_then(|v| v.trim().parse::<u64>().ok());
    on_progress(0, total);
    let Some(stream) = response.body() else {
        let buffer = response.array_buffer().map_err(|e| FetchError::Body(js_error(e)))?;
        let buffer = JsFuture::from(buffer).await.map_err(|e| FetchError::Body(js_error(e)))?;
        let bytes = Uint8Array::new(&buffer).to_vec();
        on_progress(bytes.len() as u64, Some(bytes.len() as u64));
        return Ok((bytes, None));
    };
    // Two branches of the body: one read here (progress, the shipped bytes for the offline
    // cache), one piped through the inflater.
    let (stream, inflating) = match inflate.then(|| NativeInflater::new("gzip").ok()).flatten() {
        Some(inflater) if has_decompression_stream() => {
            let branches = stream.tee();
            let (mine, other): (web_sys::ReadableStream, web_sys::ReadableStream) =
                (branches.get(0).unchecked_into(), branches.get(1).unchecked_into());
            let pair = web_sys::ReadableWritablePair::new(&inflater.readable(), &inflater.writable());
            let inflated = other.pipe_through(&pair);
            let buffer = web_sys::Response::new_with_opt_readable_stream(Some(&inflated)).and_then(|r| r.array_buffer());
            (mine, buffer.ok().map(JsFuture::from))
        }
        _ => (stream, None),
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut buf: Vec<u8> = Vec::with_capacity(total.unwrap_or(0).min(1 << 30) as usize);
    // Report at most every 50 ms: each report re-renders the status line.
    let mut last_report = now_ms();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| FetchError::Body(js_error(e)))?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done")).map(|v| v.is_truthy()).unwrap_or(true);
        if done {
            break;
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value")).map_err(|e| FetchError::Body(js_error(e)))?;
        let array: Uint8Array = value.dyn_into().map_err(|_| FetchError::Body("a chunk was not bytes".into()))?;
        let start = buf.len();
        buf.resize(start + array.length() as usize, 0);
        array.copy_to(&mut buf[start..]);
        let received = buf.len() as u64;
        let now = now_ms();
        if now - last_report >= 50.0 {
            last_report = now;
            on_progress(received, total.filter(|&t| t >= received));
        }
    }
    let received = buf.len() as u64;
    on_progress(received, total.filter(|&t| t >= received));
    let inflated = match inflating {
        Some(buffer) => buffer.await.ok().map(|b| Uint8Array::new(&b).to_vec()),
        None => None,
    };
    Ok((buf, inflated))
}

/// Waits `ms` milliseconds (0 = until the browser has had a chance to paint and run other tasks).
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve: Function, _reject: Function| match window() {
        Some(w) => {
            if w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).is_err() {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
        None => {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Milliseconds since page start (high resolution).
pub fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The page's query string without the leading '?'.
pub fn query_string() -> String {
    window().and_then(|w| w.location().search().ok()).map(|s| s.trim_start_matches('?').to_string()).unwrap_or_default()
}

/// The page's fragment without the leading '#'.
pub fn fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).map(|s| s.trim_start_matches('#').to_string()).unwrap_or_default()
}

/// The page's path with `query` and `fragment` (the path is kept, so this works under any
/// sub-path, like GitHub Pages' `/<repo>/`).
fn address(w: &web_sys::Window, query: &str, fragment: &str) -> String {
    let mut url = w.location().pathname().unwrap_or_else(|_| "./".into());
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    if !fragment.is_empty() {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

/// Replaces the address bar's query and fragment (no reload, no new history entry).
pub fn replace_url(query: &str, fragment: &str) {
    let Some(w) = window() else { return };
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&address(&w, query, fragment)));
    }
}

/// Adds a history entry with this query and fragment (no reload), so Back returns to the
/// address before it.
pub fn push_url(query: &str, fragment: &str) {
    let Some(w) = window() else { return };
    if let Ok(history) = w.history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&address(&w, query, fragment)));
    }
}

thread_local! {
    /// Window listeners installed for the page's life (popstate, resize).
    static WINDOW_LISTENERS: RefCell<Vec<Closure<dyn Fn()>>> = const { RefCell::new(Vec::new()) };
}

/// Calls `f` on every `event` of the window, for the page's life.
fn on_window_event(event: &str, f: impl Fn() + 'static) {
    let Some(w) = window() else { return };
    let closure = Closure::<dyn Fn()>::new(f);
    if w.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref()).is_ok() {
        WINDOW_LISTENERS.with(|l| l.borrow_mut().push(closure));
    }
}

/// Calls `f` when the user moves through history (Back / Forward) within the page.
pub fn on_history_move(f: impl Fn() + 'static) {
    on_window_event("popstate", f);
}

/// Calls `f` when the window is resized (or a phone is turned).
pub fn on_resize(f: impl Fn() + 'static) {
    on_window_event("resize", f);
}

/// The viewport's width in CSS pixels (1024 when unknown).
pub fn viewport_width() -> f64 {
    window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(1024.0)
}

/// Scrolls the element with this id into view (smoothly unless the user prefers reduced motion,
/// which the page's CSS `scroll-behavior` decides) and moves focus to it.
pub fn reveal(id: &str) {
    let element = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(el) = element {
        el.scroll_into_view();
        if let Ok(html) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = html.focus();
        }
    }
}

/// The full address of the page (for "copy link").
pub fn page_url() -> String {
    window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

thread_local! {
    /// Whether [`register_service_worker`] ran (it is called at several points; once is enough).
    static WORKER_REGISTERED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Registers `./sw.js` with scope `./` (relative, so it works under a sub-path), once per page.
/// Where service workers are unavailable (insecure origin, old browser) nothing happens.
pub fn register_service_worker() {
    if WORKER_REGISTERED.with(|r| r.replace(true)) {
        return;
    }
    let Some(w) = window() else { return };
    let navigator = w.navigator();
    let available = Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    if !available {
        return;
    }
    let options = web_sys::RegistrationOptions::new();
    options.set_scope("./");
    let promise = navigator.service_worker().register_with_options("./sw.js", &options);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            // Offline support is an extra: the app works without it, so only log.
            leptos::logging::warn!("service worker not registered: {}", js_error(e));
        }
    });
}

/// Whether a service worker controls this page now (then its fetches go through the worker's cache).
pub fn service_worker_controls_page() -> bool {
    let Some(w) = window() else { return false };
    let navigator = w.navigator();
    if !Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return false;
    }
    navigator.service_worker().controller().is_some()
}

/// Hands bytes the page downloaded itself (before the service worker controlled it) to the worker,
/// which stores them for `url` (`public/sw.js`, "ptmpicker:cache"): the first visit downloads the
/// index once, not once for the page and again for the offline cache. Best effort: without a
/// worker nothing happens.
pub fn offer_to_offline_cache(url: &str, bytes: &[u8]) {
    let Some(w) = window() else { return };
    let navigator = w.navigator();
    if !Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let Ok(ready) = navigator.service_worker().ready() else { return };
    let absolute = w.location().href().ok().and_then(|base| web_sys::Url::new_with_base(url, &base).ok()).map(|u| u.href());
    let Some(absolute) = absolute else { return };
    let message = js_sys::Object::new();
    let _ = Reflect::set(&message, &JsValue::from_str("type"), &JsValue::from_str("ptmpicker:cache"));
    let _ = Reflect::set(&message, &JsValue::from_str("url"), &JsValue::from_str(&absolute));
    let _ = Reflect::set(&message, &JsValue::from_str("bytes"), &Uint8Array::from(bytes));
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(ready).await else { return };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        if let Some(worker) = registration.active() {
            if let Err(e) = worker.post_message(&message) {
                leptos::logging::warn!("index not handed to the offline cache: {}", js_error(e));
            }
        }
    });
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `DecompressionStream` (web-sys only offers it behind `web_sys_unstable_apis`).
    #[wasm_bindgen(js_name = DecompressionStream)]
    type NativeInflater;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<NativeInflater, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &NativeInflater) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &NativeInflater) -> web_sys::WritableStream;
}

fn has_decompression_stream() -> bool {
    window().is_some_and(|w| Reflect::has(&w, &JsValue::from_str("DecompressionStream")).unwrap_or(false))
}

/// Inflates a gzip container with the browser's native `DecompressionStream` (much faster than
/// inflating in WASM). `Err` when the browser has none or the data is damaged; the caller then
/// lets the engine inflate (and report exactly what is wrong).
pub async fn inflate_gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if !has_decompression_stream() {
        return Err("this browser has no DecompressionStream".into());
    }
    let inflater = NativeInflater::new("gzip").map_err(js_error)?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(js_error)?;
    let pair = web_sys::ReadableWritablePair::new(&inflater.readable(), &inflater.writable());
    let inflated = blob.stream().pipe_through(&pair);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&inflated)).map_err(js_error)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(js_error)?).await.map_err(js_error)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let w = window().ok_or("no window")?;
    let document = w.document().ok_or("no document")?;
    let parts = Array::of1(&JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag).map_err(js_error)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").map_err(js_error)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.set_attribute("hidden", "").map_err(js_error)?;
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(js_error)?;
    anchor.click();
    let _ = body.remove_child(&anchor);
    // Revoke later: the download reads the URL asynchronously.
    let url_later = url.clone();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url_later);
    });
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    Ok(())
}

/// Copies text to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let w = window().ok_or("no window")?;
    let clipboard = w.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(js_error)
}

type BenchClosure = Closure<dyn Fn(JsValue) -> JsValue>;

thread_local! {
    /// Keeps the hook's closure alive for the page's life.
    static BENCH_HOOK: RefCell<Option<BenchClosure>> = const { RefCell::new(None) };
}

/// Installs `window.__ptmpicker_bench(requests)`: `requests` is any JSON value; `run` receives it
/// as JSON text and returns JSON text, which the hook parses back into a JS value.
pub fn expose_bench_hook(run: Rc<dyn Fn(String) -> String>) {
    let Some(w) = window() else { return };
    let closure = BenchClosure::new(move |arg: JsValue| {
        let input = js_sys::JSON::stringify(&arg).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "null".into());
        let output = run(input);
        js_sys::JSON::parse(&output).unwrap_or_else(|_| JsValue::from_str(&output))
    });
    let _ = Reflect::set(&w, &JsValue::from_str("__ptmpicker_bench"), closure.as_ref());
    BENCH_HOOK.with(|slot| *slot.borrow_mut() = Some(closure));
}

type AsyncHookClosure = Closure<dyn Fn(JsValue) -> Promise>;
/// A future of JSON text (an async hook's answer).
pub type JsonFuture = std::pin::Pin<Box<dyn std::future::Future<Output = String>>>;

thread_local! {
    /// Keeps async hooks' closures alive for the page's life.
    static ASYNC_HOOKS: RefCell<Vec<AsyncHookClosure>> = const { RefCell::new(Vec::new()) };
}

/// Installs `window[name](value)` returning a Promise of `run`'s JSON answer (benchmark hooks
/// that wait for the network, e.g. fetching the shards of a sharded index).
pub fn expose_async_hook(name: &str, run: Rc<dyn Fn(String) -> JsonFuture>) {
    let Some(w) = window() else { return };
    let closure = AsyncHookClosure::new(move |arg: JsValue| {
        let input = js_sys::JSON::stringify(&arg).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "null".into());
        let future = run(input);
        wasm_bindgen_futures::future_to_promise(async move {
            let output = future.await;
            Ok(js_sys::JSON::parse(&output).unwrap_or_else(|_| JsValue::from_str(&output)))
        })
    });
    let _ = Reflect::set(&w, &JsValue::from_str(name), closure.as_ref());
    ASYNC_HOOKS.with(|hooks| hooks.borrow_mut().push(closure));
}

/// Runs `tasks` concurrently on the page's event loop and waits for all of them, answers in
/// order. No executor crate: each task is a promise, joined with `Promise.all`.
pub async fn join_all<T: 'static>(tasks: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = T>>>>) -> Vec<T> {
    let slots: Rc<RefCell<Vec<Option<T>>>> = Rc::new(RefCell::new((0..tasks.len()).map(|_| None).collect()));
    let promises = Array::new();
    for (i, task) in tasks.into_iter().enumerate() {
        let slots = slots.clone();
        promises.push(&wasm_bindgen_futures::future_to_promise(async move {
            let out = task.await;
            slots.borrow_mut()[i] = Some(out);
            Ok(JsValue::UNDEFINED)
        }));
    }
    let _ = JsFuture::from(Promise::all(&promises)).await;
    let answers = std::mem::take(&mut *slots.borrow_mut());
    answers.into_iter().flatten().collect()
}

/// How many of `urls` the offline cache (the service worker's Cache Storage) holds; 0 where the
/// browser has no Cache Storage.
pub async fn cached_count(urls: &[String]) -> usize {
    let Some(w) = window() else { return 0 };
    let Ok(caches) = Reflect::get(&w, &JsValue::from_str("caches")) else { return 0 };
    let Ok(lookup) = Reflect::get(&caches, &JsValue::from_str("match")).and_then(|f| f.dyn_into::<Function>()) else {
        return 0;
    };
    let mut found = 0;
    for url in urls {
        let Ok(promise) = lookup.call1(&caches, &JsValue::from_str(url)) else { return found };
        let Ok(promise) = promise.dyn_into::<Promise>() else { return found };
        if JsFuture::from(promise).await.is_ok_and(|hit| !hit.is_undefined() && !hit.is_null()) {
            found += 1;
        }
    }
    found
}

/// Whether the browser believes it is online (`navigator.onLine`; true when unknown).
pub fn is_online() -> bool {
    window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// Adds a `performance.mark` (read by the browser benchmark).
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Moves keyboard focus to the element with this id.
pub fn focus(id: &str) {
    let element = window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(el) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

// ---------------------------------------------------------------------------------------------
// Web storage.

/// Which web storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageArea {
    /// `sessionStorage`: this tab, until it closes.
    Session,
    /// `localStorage`: this browser, until removed.
    Local,
}

fn storage(area: StorageArea) -> Option<web_sys::Storage> {
    let w = window()?;
    match area {
        StorageArea::Session => w.session_storage(),
        StorageArea::Local => w.local_storage(),
    }
    .ok()
    .flatten()
}

/// The stored value (None when absent or when storage is unavailable, e.g. blocked).
pub fn storage_get(area: StorageArea, key: &str) -> Option<String> {
    storage(area)?.get_item(key).ok().flatten()
}

/// Stores a value; fails when storage is unavailable or full.
pub fn storage_set(area: StorageArea, key: &str, value: &str) -> Result<(), String> {
    let s = storage(area).ok_or("browser storage is not available")?;
    s.set_item(key, value).map_err(|e| format!("browser storage refused the value ({})", js_error(e)))
}

pub fn storage_remove(area: StorageArea, key: &str) {
    if let Some(s) = storage(area) {
        let _ = s.remove_item(key);
    }
}

/// The current time in whole seconds since 1970 (for HTTP-date `Retry-After` values).
pub fn unix_now_secs() -> u64 {
    (js_sys::Date::now() / 1000.0).max(0.0) as u64
}

// ---------------------------------------------------------------------------------------------
// HTTP to the LLM endpoint.

#[derive(Default)]
struct AbortGroupInner {
    aborted: bool,
    next: u64,
    live: Vec<(u64, web_sys::AbortController)>,
}

/// The in-flight requests of one LLM pass: [`AbortGroup::abort`] cancels them all at once (a newer
/// search supersedes the pass), and any later request of the group fails at once as aborted.
#[derive(Clone, Default)]
pub struct AbortGroup(Rc<RefCell<AbortGroupInner>>);

impl AbortGroup {
    pub fn new() -> AbortGroup {
        AbortGroup::default()
    }

    pub fn abort(&self) {
        let live = {
            let mut inner = self.0.borrow_mut();
            inner.aborted = true;
            std::mem::take(&mut inner.live)
        };
        for (_, c) in live {
            c.abort();
        }
    }

    pub fn is_aborted(&self) -> bool {
        self.0.borrow().aborted
    }

    fn add(&self, c: &web_sys::AbortController) -> u64 {
        let mut inner = self.0.borrow_mut();
        inner.next += 1;
        let id = inner.next;
        inner.live.push((id, c.clone()));
        id
    }

    fn remove(&self, id: u64) {
        self.0.borrow_mut().live.retain(|(i, _)| *i != id);
    }
}

/// How an HTTP exchange ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HttpOutcome {
    /// A response with any status; `retry_after` only when the server exposes it to the page
    /// (`Access-Control-Expose-Headers: Retry-After` for another origin).
    Response { status: u16, retry_after: Option<String>, body: String },
    /// No (complete) answer within the timeout.
    Timeout,
    /// No answer: refused, DNS, CORS, mixed content, a redirect (refused on purpose)…
    Failed(String),
    /// The group was aborted (the pass was superseded).
    Aborted,
}

/// Sends one JSON request (POST with `body`, else GET) to `url` and reads the whole answer.
///
/// The key, when given, goes only into this request's `Authorization: Bearer` header. Redirects
/// are refused (the key must not follow them elsewhere), no cookies or referrer are sent, nothing is
/// cached. The request is aborted after `timeout_ms`, or when `group` is aborted. Error texts never
/// contain the key (callers redact them again anyway).
pub async fn http_json(url: &str, body: Option<&str>, bearer: Option<&str>, timeout_ms: u64, group: &AbortGroup) -> HttpOutcome {
    use web_sys::{ReferrerPolicy, RequestCache, RequestCredentials, RequestRedirect};

    if group.is_aborted() {
        return HttpOutcome::Aborted;
    }
    let Ok(controller) = web_sys::AbortController::new() else {
        return HttpOutcome::Failed("the browser cannot cancel requests (no AbortController)".into());
    };
    let id = group.add(&controller);
    let timed_out = Rc::new(std::cell::Cell::new(false));
    let on_timeout = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer = window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), timeout_ms.min(i32::MAX as u64) as i32)
            .ok()
    });

    let signal = controller.signal();
    let mut builder = if body.is_some() { Request::post(url) } else { Request::get(url) };
    builder = builder
        .header("Accept", "application/json")
        .abort_signal(Some(&signal))
        .redirect(RequestRedirect::Error)
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .cache(RequestCache::NoStore);
    if let Some(key) = bearer.map(str::trim).filter(|k| !k.is_empty()) {
        builder = builder.header("Authorization", &format!("Bearer {key}"));
    }
    let result = async move {
        let request = match body {
            Some(b) => builder.header("Content-Type", "application/json").body(b.to_string()),
            None => builder.build(),
        }
        .map_err(|e| e.to_string())?;
        let response = request.send().await.map_err(|e| e.to_string())?;
        let status = response.status();
        let retry_after = response.headers().get("retry-after");
        let text = response.text().await.map_err(|e| e.to_string())?;
        Ok::<_, String>(HttpOutcome::Response { status, retry_after, body: text })
    }
    .await;

    if let (Some(w), Some(t)) = (window(), timer) {
        w.clear_timeout_with_handle(t);
    }
    drop(on_timeout);
    group.remove(id);
    match result {
        Ok(outcome) => outcome,
        Err(_) if timed_out.get() => HttpOutcome::Timeout,
        Err(_) if group.is_aborted() => HttpOutcome::Aborted,
        Err(message) => HttpOutcome::Failed(describe_fetch_error(&message)),
    }
}

/// A fetch failure in words a user can act on (the browser itself says only "Failed to fetch").
fn describe_fetch_error(message: &str) -> String {
    let m = message.trim().trim_start_matches("TypeError: ");
    format!(
        "{m} — no answer: the server is not running or not reachable at this address, or it does not allow requests from this page (CORS), or it redirected"
    )
}

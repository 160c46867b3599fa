//! The Hub crawler: lists models page by page (RFC 8288 `Link: rel="next"`), fetches each model's
//! README with a few polite workers, and appends one flat [`HubRecord`] JSON line per model to the
//! output — resumably (see [`state`] for why a `kill -9` at any moment loses nothing and duplicates
//! nothing).
//!
//! Data flows: listing page ([`http::Client`], [`record::parse_page`]) → filters (done set,
//! `--min-downloads`, `--pipeline-tag`, `--limit`) → card workers → in-order writer → checkpoint.

pub mod http;
pub mod record;
pub mod state;
pub mod url;

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::ProgressBar;

use crate::catalog::HubRecord;
use crate::io_util::Result;
use http::{Client, FetchError, HttpConfig};
use state::{CrawlState, Fingerprint, STATE_VERSION};

/// Properties asked for with `expand=`: everything a [`HubRecord`] needs, plus `safetensors` and
/// `gguf` for parameter counts. The Hub answers `expand` *instead of* `full`/`cardData`, so the
/// list must be complete; `full=true&cardData=true` stay in the URL for servers that ignore
/// `expand` (they then return the full shape, minus parameter counts).
pub const EXPAND: &[&str] = &["pipeline_tag", "library_name", "tags", "downloads", "likes", "createdAt", "cardData", "safetensors", "gguf"];

/// Longest listing page body read.
const MAX_PAGE_BYTES: u64 = 256 << 20;

#[derive(Clone, Debug)]
pub struct CrawlOptions {
    pub endpoint: String,
    pub out: PathBuf,
    pub min_downloads: u64,
    pub limit: Option<u64>,
    pub pipeline_tags: Vec<String>,
    pub concurrency: usize,
    pub page_size: u32,
    pub max_card_bytes: u64,
    pub http: HttpConfig,
    /// Throw away an existing output and state and start over.
    pub restart: bool,
    /// Checkpoint at least this often while a page is being written.
    pub checkpoint_every: Duration,
}

/// What a crawl run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub counters: state::Counters,
    /// Records in the output.
    pub written: u64,
    /// Records this run added.
    pub added: u64,
    pub resumed: bool,
    pub already_complete: bool,
    /// Up to 10 "id: reason" lines for cards that failed.
    pub card_errors: Vec<String>,
    pub warnings: Vec<String>,
}

/// First page of listing stream `stream` (one per pipeline tag, or one unfiltered).
pub fn first_page_url(opts_endpoint: &str, page_size: u32, tag: Option<&str>, expand: bool) -> String {
    let mut u = format!("{opts_endpoint}/api/models?full=true&cardData=true&sort=downloads&direction=-1&limit={page_size}");
    if expand {
        for e in EXPAND {
            u.push_str("&expand=");
            u.push_str(e);
        }
    }
    if let Some(tag) = tag {
        u.push_str("&pipeline_tag=");
        u.push_str(&url::encode(tag, false));
    }
    u
}

pub fn card_url(endpoint: &str, id: &str) -> String {
    format!("{endpoint}/{}/resolve/main/README.md", url::encode(id, true))
}

enum CardOutcome {
    Found { text: String, truncated: bool },
    Missing,
    Failed(String),
}

struct Crawler<'a> {
    opts: &'a CrawlOptions,
    client: &'a Client,
    state: CrawlState,
    state_path: PathBuf,
    out: BufWriter<File>,
    out_len: u64,
    written_since_checkpoint: u64,
    last_checkpoint: Instant,
    done: HashSet<String>,
    base_retries: u64,
    bar: &'a ProgressBar,
    summary: Summary,
}

/// Runs (or resumes) a crawl. `bar` shows records written.
pub fn crawl(opts: &CrawlOptions, bar: &ProgressBar) -> Result<Summary> {
    let endpoint = opts.endpoint.trim_end_matches('/').to_string();
    if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
        return Err(format!("--endpoint must be an http(s) URL, got {endpoint:?}"));
    }
    let mut tags: Vec<String> = opts.pipeline_tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    tags.sort();
    tags.dedup();
    let fingerprint = Fingerprint {
        endpoint: endpoint.clone(),
        min_downloads: opts.min_downloads,
        limit: opts.limit,
        pipeline_tags: tags.clone(),
        page_size: opts.page_size,
    };
    let state_path = state::state_path(&opts.out);
    if opts.restart {
        for p in [&state_path, &opts.out] {
            match std::fs::remove_file(p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("cannot remove {}: {e}", p.display())),
            }
        }
    }
    let mut summary = Summary::default();
    let (state, done) = match state::load(&state_path)? {
        Some(st) => {
            if st.options != fingerprint {
                return Err(format!(
                    "{} belongs to a crawl with other options ({}); rerun with the same --endpoint/--min-downloads/--limit/--pipeline-tag/--page-size, or pass --restart",
                    state_path.display(),
                    serde_json::to_string(&st.options).unwrap_or_default()
                ));
            }
            if st.complete {
                summary.already_complete = true;
                summary.written = st.written;
                summary.counters = st.counters.clone();
                return Ok(summary);
            }
            let (done, lines) = state::recover_output(&opts.out, st.output_len)?;
            if lines != st.written {
                return Err(format!(
                    "{} holds {lines} complete lines but the crawl state says {}; pass --restart",
                    opts.out.display(),
                    st.written
                ));
            }
            summary.resumed = true;
            (st, done)
        }
        None => {
            if std::fs::metadata(&opts.out).map(|m| m.len() > 0).unwrap_or(false) {
                return Err(format!(
                    "{} exists and has no crawl state ({}); pass --restart to replace it, or choose another --out",
                    opts.out.display(),
                    state_path.display()
                ));
            }
            let mut st = CrawlState {
                version: STATE_VERSION,
                options: fingerprint.clone(),
                stream: 0,
                next_url: Some(first_page_url(&endpoint, opts.page_size, tags.first().map(String::as_str), true)),
                output_len: 0,
                written: 0,
                sorted_so_far: true,
                last_downloads: None,
                no_expand: false,
                counters: state::Counters::default(),
                complete: false,
                updated_at: 0,
            };
            // The state exists before the first output byte, so an output without state is never ours.
            state::save(&state_path, &mut st)?;
            if std::fs::metadata(&opts.out).is_ok() {
                std::fs::remove_file(&opts.out).map_err(|e| format!("cannot replace empty {}: {e}", opts.out.display()))?;
            }
            (st, HashSet::new())
        }
    };
    let out = state::open_append(&opts.out)?;
    let notice_bar = bar.clone();
    let client = Client::new(opts.http.clone(), Box::new(move |m: &str| notice_bar.suspend(|| eprintln!("crawl: {m}"))));
    bar.set_position(state.written);
    let mut crawler = Crawler {
        opts,
        client: &client,
        out_len: state.output_len,
        base_retries: state.counters.retries,
        state,
        state_path,
        out: BufWriter::with_capacity(1 << 20, out),
        written_since_checkpoint: 0,
        last_checkpoint: Instant::now(),
        done,
        bar,
        summary,
    };
    crawler.run(&endpoint, &tags)?;
    let mut summary = std::mem::take(&mut crawler.summary);
    summary.counters = crawler.state.counters.clone();
    summary.written = crawler.state.written;
    Ok(summary)
}

impl Crawler<'_> {
    fn limit_reached(&self) -> bool {
        self.opts.limit.is_some_and(|l| self.state.written >= l)
    }

    fn run(&mut self, endpoint: &str, tags: &[String]) -> Result<()> {
        while !self.state.complete {
            if self.limit_reached() {
                self.state.complete = true;
                self.checkpoint()?;
                break;
            }
            let Some(page_url) = self.state.next_url.clone() else {
                // Current stream exhausted: the next pipeline tag, or done.
                self.state.stream += 1;
                if self.state.stream < tags.len() {
                    self.state.next_url =
                        Some(first_page_url(endpoint, self.opts.page_size, Some(&tags[self.state.stream]), !self.state.no_expand));
                    self.state.sorted_so_far = true;
                    self.state.last_downloads = None;
                } else {
                    self.state.complete = true;
                }
                self.checkpoint()?;
                continue;
            };
            let (fetched, items) = match self.client.get(&page_url, MAX_PAGE_BYTES, |f| record::parse_page(&f.body)) {
                Ok(r) => r,
                Err(e) => return Err(self.fail_page(e)),
            };
            let items = match items {
                Some(items) => items,
                None if fetched.status == 400 && !self.state.no_expand && page_url.contains("&expand=") => {
                    // The server refuses our expand list: fall back to the plain full listing.
                    let plain = strip_expand(&page_url);
                    self.summary
                        .warnings
                        .push(format!("the server answered HTTP 400 to expand=…; using {plain} (no safetensors parameter counts)"));
                    self.state.no_expand = true;
                    self.state.next_url = Some(plain);
                    self.checkpoint()?;
                    continue;
                }
                None => {
                    self.checkpoint()?;
                    return Err(format!(
                        "GET {page_url}: HTTP {} for a listing page; the crawl state is kept, rerun to resume",
                        fetched.status
                    ));
                }
            };
            self.state.counters.pages += 1;
            let next = url::next_link(fetched.links.iter().map(String::as_str)).and_then(|t| url::resolve(&page_url, &t));
            let next = match next {
                Some(n) if n == page_url => {
                    self.summary.warnings.push(format!("the listing's next link points at the same page ({n}); stopping this listing"));
                    None
                }
                other => other,
            };
            let (todo, stop_stream) = self.select(items, tags);
            self.process(endpoint, todo)?;
            self.state.next_url = if stop_stream { None } else { next };
            self.checkpoint()?;
        }
        Ok(())
    }

    fn fail_page(&mut self, e: FetchError) -> String {
        let _ = self.checkpoint();
        format!("{e}; the crawl state is kept, rerun the same command to resume from this page")
    }

    /// Picks the models of a page to fetch: not done, downloads ≥ minimum, pipeline tag wanted,
    /// within the limit. Returns them and whether the stream can stop after this page.
    fn select(&mut self, items: Vec<serde_json::Value>, tags: &[String]) -> (Vec<HubRecord>, bool) {
        let mut todo = Vec::new();
        let mut below_min = false;
        let room = self.opts.limit.map(|l| l.saturating_sub(self.state.written));
        let mut last_downloads = self.state.last_downloads;
        let mut limit_hit = false;
        for item in items {
            let record = match record::to_record(item) {
                Ok(r) => r,
                Err(_) => {
                    self.state.counters.invalid_items += 1;
                    continue;
                }
            };
            let downloads = record.downloads.unwrap_or(0);
            if last_downloads.is_some_and(|last| downloads > last) {
                self.state.sorted_so_far = false;
            }
            last_downloads = Some(downloads);
            if downloads < self.opts.min_downloads {
                below_min = true;
                continue;
            }
            if self.done.contains(&record.id.to_ascii_lowercase()) {
                continue;
            }
            if !tags.is_empty() && !record.pipeline_tag.as_ref().is_some_and(|t| tags.iter().any(|w| w == t)) {
                self.state.counters.filtered += 1;
                continue;
            }
            if room.is_some_and(|r| todo.len() as u64 >= r) {
                limit_hit = true;
                continue;
            }
            if todo.iter().any(|r: &HubRecord| r.id.eq_ignore_ascii_case(&record.id)) {
                continue;
            }
            todo.push(record);
        }
        self.state.last_downloads = last_downloads;
        // Sorted by downloads (descending) and one model fell below the minimum: every later one will.
        let stop = (below_min && self.state.sorted_so_far && self.opts.min_downloads > 0) || limit_hit;
        (todo, stop)
    }

    /// Fetches the cards of `todo` with the worker pool and writes the records in listing order.
    fn process(&mut self, endpoint: &str, todo: Vec<HubRecord>) -> Result<()> {
        if todo.is_empty() {
            return Ok(());
        }
        let n = todo.len();
        let workers = self.opts.concurrency.clamp(1, 64).min(n);
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let (tx, rx) = mpsc::channel::<(usize, CardOutcome)>();
        let client: &Client = self.client;
        let max_card = self.opts.max_card_bytes;
        let todo_ref = &todo;
        std::thread::scope(|scope| -> Result<()> {
            for _ in 0..workers {
                let tx = tx.clone();
                let (next, stop) = (&next, &stop);
                scope.spawn(move || loop {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let outcome = fetch_card(client, &card_url(endpoint, &todo_ref[i].id), max_card);
                    if tx.send((i, outcome)).is_err() {
                        break;
                    }
                });
            }
            drop(tx);
            let mut pending: Vec<Option<CardOutcome>> = (0..n).map(|_| None).collect();
            let mut cursor = 0;
            for (i, outcome) in rx.iter() {
                pending[i] = Some(outcome);
                while cursor < n {
                    let Some(outcome) = pending[cursor].take() else { break };
                    if let Err(e) = self.write(todo_ref[cursor].clone(), outcome) {
                        stop.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                    cursor += 1;
                }
            }
            Ok(())
        })
    }

    fn write(&mut self, mut record: HubRecord, outcome: CardOutcome) -> Result<()> {
        match outcome {
            CardOutcome::Found { text, truncated } => {
                self.state.counters.cards_fetched += 1;
                if truncated {
                    self.state.counters.cards_truncated += 1;
                }
                record.card = Some(text);
            }
            CardOutcome::Missing => self.state.counters.cards_missing += 1,
            CardOutcome::Failed(why) => {
                self.state.counters.errors += 1;
                if self.summary.card_errors.len() < 10 {
                    self.summary.card_errors.push(format!("{}: {why}", record.id));
                }
            }
        }
        let mut line = serde_json::to_vec(&record).map_err(|e| format!("serializing {}: {e}", record.id))?;
        line.push(b'\n');
        self.out.write_all(&line).map_err(|e| format!("cannot write {}: {e}", self.opts.out.display()))?;
        self.out_len += line.len() as u64;
        self.done.insert(record.id.to_ascii_lowercase());
        self.state.written += 1;
        self.state.counters.listed += 1;
        self.summary.added += 1;
        self.written_since_checkpoint += 1;
        self.bar.set_position(self.state.written);
        if self.written_since_checkpoint >= 256 || self.last_checkpoint.elapsed() >= self.opts.checkpoint_every {
            self.checkpoint()?;
        }
        Ok(())
    }

    /// Output first (flush + fsync), then the state that vouches for it.
    fn checkpoint(&mut self) -> Result<()> {
        self.out.flush().map_err(|e| format!("cannot write {}: {e}", self.opts.out.display()))?;
        self.out.get_ref().sync_data().map_err(|e| format!("cannot sync {}: {e}", self.opts.out.display()))?;
        self.state.output_len = self.out_len;
        self.state.counters.retries = self.base_retries + self.client.retries();
        state::save(&self.state_path, &mut self.state)?;
        self.written_since_checkpoint = 0;
        self.last_checkpoint = Instant::now();
        Ok(())
    }
}

fn strip_expand(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else { return url.to_string() };
    let kept: Vec<&str> = query.split('&').filter(|p| !p.starts_with("expand=") && !p.starts_with("expand%5B%5D=")).collect();
    format!("{base}?{}", kept.join("&"))
}

fn fetch_card(client: &Client, url: &str, max_bytes: u64) -> CardOutcome {
    match client.get(url, max_bytes, |f| Ok(record::decode_card(&f.body, f.truncated))) {
        Ok((f, Some(Some(text)))) => CardOutcome::Found { text, truncated: f.truncated },
        Ok((_, Some(None))) => CardOutcome::Missing,
        Ok((f, None)) => match f.status {
            404 | 410 | 401 | 403 => CardOutcome::Missing,
            s => CardOutcome::Failed(format!("HTTP {s}")),
        },
        Err(e) => CardOutcome::Failed(e.last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_urls() {
        let u = first_page_url("https://huggingface.co", 100, Some("text-generation"), true);
        assert!(u.starts_with(
            "https://huggingface.co/api/models?full=true&cardData=true&sort=downloads&direction=-1&limit=100&expand=pipeline_tag"
        ));
        assert!(u.contains("&expand=safetensors") && u.ends_with("&pipeline_tag=text-generation"));
        assert_eq!(
            strip_expand(&u),
            "https://huggingface.co/api/models?full=true&cardData=true&sort=downloads&direction=-1&limit=100&pipeline_tag=text-generation"
        );
        assert_eq!(card_url("http://h", "org/m.v1"), "http://h/org/m.v1/resolve/main/README.md");
    }
}

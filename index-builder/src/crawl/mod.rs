//! The Hub crawler: lists models page by page (RFC 8288 `Link: rel="next"`), fetches each model's
//! README with a few polite workers, and appends one flat [`HubRecord`] JSON line per model to the
//! output — resumably (see [`state`] for why a `kill -9` at any moment loses nothing and duplicates
//! nothing).
//!
//! Data flows: listing page ([`http::Client`], [`record::parse_page`]) → filters (done set,
//! `--min-downloads`, `--pipeline-tag`, `--limit`) → card workers → in-order writer → checkpoint.
//!
//! Why the listing is distrusted: the server names the next page, so a hostile or broken one could
//! send the crawl (and the token) elsewhere, or keep it busy forever. Next links are followed only
//! on the endpoint's origin; a link back to a page already fetched, or a page that brings no model
//! not already listed, stops the crawl with an error. `--max-minutes` and
//! `--max-retry-after-minutes` (enforced in [`http`]) bound the run's time; the time budget stops
//! cleanly, with the checkpoint a rerun resumes from.
//!
//! Incremental (`--previous F`, see [`previous`]): a listed model whose `sha`/`lastModified` is
//! the same as in the previous crawl's catalog keeps its previous card (not fetched); its listing
//! facts (downloads, likes, parameter counts, gated status, tags) are the fresh ones. Changed and
//! new models are fetched; models the listing no longer has are dropped, as a fresh crawl would.

pub mod http;
pub mod previous;
pub mod record;
pub mod state;
pub mod url;

use std::collections::HashSet;
use std::fs::File;
use std::hash::{BuildHasher, RandomState};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ::url::Url;
use anyhow::{anyhow, bail, Context};
use indicatif::ProgressBar;

use crate::catalog::HubRecord;
use crate::io_util::Result;
use http::{Client, FetchError, HttpConfig, Redirects, Stop};
use previous::{Lookup, Previous};
use state::{CrawlState, Fingerprint, STATE_VERSION};

/// Properties asked for with `expand=`: everything a [`HubRecord`] needs, plus `safetensors` and
/// `gguf` for parameter counts, and `lastModified`/`sha` for incremental crawls. The Hub answers `expand` *instead of* `full`/`cardData`, so the
/// list must be complete; `full=true&cardData=true` stay in the URL for servers that ignore
/// `expand` (they then return the full shape, minus parameter counts).
pub const EXPAND: &[&str] = &[
    "pipeline_tag",
    "library_name",
    "tags",
    "downloads",
    "likes",
    "createdAt",
    "lastModified",
    "sha",
    "gated",
    "cardData",
    "safetensors",
    "gguf",
];

/// Longest listing page body read.
const MAX_PAGE_BYTES: u64 = 256 << 20;

/// Said after every error that leaves a usable checkpoint.
const KEPT: &str = "the crawl state is kept: the models written so far stay, and a rerun of the same command resumes";

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
    /// The previous crawl's catalog: unchanged models keep their card from it (not fetched).
    pub previous: Option<PathBuf>,
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
    /// Set when the run stopped cleanly before the end (the time budget): why. Rerun to resume.
    pub stopped: Option<String>,
    /// Up to 10 "id: reason" lines for cards that failed.
    pub card_errors: Vec<String>,
    /// With `--previous`, once the crawl is complete: its models the new catalog does not have.
    pub dropped: Option<usize>,
    /// With `--previous`: models it holds.
    pub previous_models: Option<usize>,
    pub warnings: Vec<String>,
}

/// First page of a listing stream (one per pipeline tag, or one unfiltered).
pub fn first_page_url(endpoint: &Url, page_size: u32, tag: Option<&str>, expand: bool) -> Url {
    let mut u = url::api_models(endpoint);
    {
        let mut q = u.query_pairs_mut();
        q.append_pair("full", "true")
            .append_pair("cardData", "true")
            .append_pair("sort", "downloads")
            .append_pair("direction", "-1")
            .append_pair("limit", &page_size.to_string());
        if expand {
            for e in EXPAND {
                q.append_pair("expand", e);
            }
        }
        if let Some(tag) = tag {
            q.append_pair("pipeline_tag", tag);
        }
    }
    u
}

/// The endpoint as a base URL: http(s), with a host, no query.
pub fn parse_endpoint(endpoint: &str) -> Result<Url> {
    let trimmed = endpoint.trim().trim_end_matches('/');
    let url = Url::parse(trimmed).map_err(|e| anyhow!("--endpoint must be an http(s) URL, got {endpoint:?} ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        bail!("--endpoint must be an http(s) URL, got {endpoint:?}");
    }
    Ok(url)
}

enum CardOutcome {
    Found {
        text: String,
        truncated: bool,
    },
    Missing,
    Failed(String),
    /// The crawl must stop (time budget, Retry-After allowance): nothing is recorded for this card.
    Stopped(Stop),
    /// Unchanged since `--previous`: the card is read back from there, not fetched.
    Reused(previous::Line),
}

/// A listed model to write, and whether its card can be carried over.
#[derive(Clone)]
struct Todo {
    record: HubRecord,
    reuse: Option<previous::Line>,
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
    /// Listing pages fetched in this run (as requested and as answered), to detect loops.
    pages_seen: HashSet<String>,
    /// Hashes of the (lowercased) ids listed in this run's current stream, to detect pages that
    /// only repeat.
    listed: HashSet<u64>,
    hasher: RandomState,
    base_retries: u64,
    bar: &'a ProgressBar,
    summary: Summary,
    previous: Option<Previous>,
}

/// Runs (or resumes) a crawl. `bar` shows records written.
pub fn crawl(opts: &CrawlOptions, bar: &ProgressBar) -> Result<Summary> {
    let endpoint_url = parse_endpoint(&opts.endpoint)?;
    let endpoint = opts.endpoint.trim().trim_end_matches('/').to_string();
    let mut tags: Vec<String> = opts.pipeline_tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    tags.sort();
    tags.dedup();
    let fingerprint = Fingerprint {
        endpoint: endpoint.clone(),
        min_downloads: opts.min_downloads,
        limit: opts.limit,
        pipeline_tags: tags.clone(),
        page_size: opts.page_size,
        previous: opts.previous.as_ref().map(|p| p.display().to_string()),
    };
    let previous = match &opts.previous {
        Some(p) => {
            if same_file(p, &opts.out) {
                bail!("--previous and --out are the same file ({}); write the new crawl to another file", p.display());
            }
            Some(Previous::open(p)?)
        }
        None => None,
    };
    let state_path = state::state_path(&opts.out);
    if opts.restart {
        for p in [&state_path, &opts.out] {
            match std::fs::remove_file(p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("cannot remove {}", p.display())),
            }
        }
    }
    let mut summary = Summary::default();
    let (state, done) = match state::load(&state_path)? {
        Some(st) => {
            if st.options != fingerprint {
                bail!(
                    "{} belongs to a crawl with other options ({}); rerun with the same --endpoint/--min-downloads/--limit/--pipeline-tag/--page-size/--previous, or pass --restart",
                    state_path.display(),
                    serde_json::to_string(&st.options).unwrap_or_default()
                );
            }
            if st.complete {
                summary.already_complete = true;
                summary.written = st.written;
                summary.counters = st.counters.clone();
                return Ok(summary);
            }
            let (done, lines) = state::recover_output(&opts.out, st.output_len)?;
            if lines != st.written {
                bail!("{} holds {lines} complete lines but the crawl state says {}; pass --restart", opts.out.display(), st.written);
            }
            summary.resumed = true;
            (st, done)
        }
        None => {
            if std::fs::metadata(&opts.out).map(|m| m.len() > 0).unwrap_or(false) {
                bail!(
                    "{} exists and has no crawl state ({}); pass --restart to replace it, or choose another --out",
                    opts.out.display(),
                    state_path.display()
                );
            }
            let mut st = CrawlState {
                version: STATE_VERSION,
                options: fingerprint.clone(),
                stream: 0,
                next_url: Some(first_page_url(&endpoint_url, opts.page_size, tags.first().map(String::as_str), true).into()),
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
                std::fs::remove_file(&opts.out).with_context(|| format!("cannot replace empty {}", opts.out.display()))?;
            }
            (st, HashSet::new())
        }
    };
    let out = state::open_append(&opts.out)?;
    let notice_bar = bar.clone();
    let client = Client::new(&endpoint_url, opts.http.clone(), Box::new(move |m: &str| notice_bar.suspend(|| eprintln!("crawl: {m}"))));
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
        pages_seen: HashSet::new(),
        listed: HashSet::new(),
        hasher: RandomState::new(),
        bar,
        summary,
        previous,
    };
    crawler.run(&endpoint_url, &tags)?;
    if let Some(previous) = &crawler.previous {
        crawler.summary.previous_models = Some(previous.len());
        if crawler.state.complete {
            crawler.summary.dropped = Some(previous.dropped(&crawler.done));
        }
    }
    let mut summary = std::mem::take(&mut crawler.summary);
    summary.counters = crawler.state.counters.clone();
    summary.written = crawler.state.written;
    Ok(summary)
}

/// What a listing page contributed, for the loop checks.
struct PageSelection {
    todo: Vec<Todo>,
    /// The stream can stop after this page (below `--min-downloads` in sorted order, or `--limit`).
    stop_stream: bool,
    /// Model ids on the page not listed before in this run.
    fresh: usize,
    /// Model ids on the page.
    models: usize,
    /// One id of the page, for messages.
    example: Option<String>,
}

impl Crawler<'_> {
    fn limit_reached(&self) -> bool {
        self.opts.limit.is_some_and(|l| self.state.written >= l)
    }

    fn run(&mut self, endpoint: &Url, tags: &[String]) -> Result<()> {
        while !self.state.complete {
            if self.limit_reached() {
                self.state.complete = true;
                self.checkpoint()?;
                break;
            }
            if let Err(stop) = self.client.check_time() {
                return self.stopped(stop);
            }
            let Some(page_url) = self.state.next_url.clone() else {
                // Current stream exhausted: the next pipeline tag, or done.
                self.state.stream += 1;
                if self.state.stream < tags.len() {
                    self.state.next_url =
                        Some(first_page_url(endpoint, self.opts.page_size, Some(&tags[self.state.stream]), !self.state.no_expand).into());
                    self.state.sorted_so_far = true;
                    self.state.last_downloads = None;
                    // "Already listed" is per stream: a server that ignores `pipeline_tag` lists
                    // the same models in every stream, which is wasteful but not a loop.
                    self.listed.clear();
                } else {
                    self.state.complete = true;
                }
                self.checkpoint()?;
                continue;
            };
            let page = Url::parse(&page_url).with_context(|| {
                format!("{}: the page to resume from ({page_url:?}) is not a URL; pass --restart", self.state_path.display())
            })?;
            if !url::same_origin(&page, endpoint) {
                bail!(
                    "{}: the page to resume from ({page}) is not on the endpoint's origin ({}); pass --restart",
                    self.state_path.display(),
                    endpoint.origin().ascii_serialization()
                );
            }
            let (fetched, items) = match self.client.get(&page, MAX_PAGE_BYTES, Redirects::SameOrigin, |f| record::parse_page(&f.body)) {
                Ok(r) => r,
                Err(FetchError::Stopped(stop)) => return self.stopped(stop),
                Err(e) => return Err(self.fail_page(e)),
            };
            let items = match items {
                Some(items) => items,
                None if fetched.status == 400 && !self.state.no_expand && page.query_pairs().any(|(k, _)| k == "expand") => {
                    // The server refuses our expand list: fall back to the plain full listing.
                    let plain = url::without_param(&page, "expand");
                    self.summary
                        .warnings
                        .push(format!("the server answered HTTP 400 to expand=…; using {plain} (no safetensors parameter counts)"));
                    self.state.no_expand = true;
                    self.state.next_url = Some(plain.into());
                    self.checkpoint()?;
                    continue;
                }
                None => {
                    self.checkpoint()?;
                    bail!("GET {page}: HTTP {} for a listing page; {KEPT}", fetched.status);
                }
            };
            self.state.counters.pages += 1;
            self.pages_seen.insert(page.to_string());
            self.pages_seen.insert(fetched.url.to_string());
            let next = match url::next_link(fetched.links.iter().map(String::as_str)) {
                None => None,
                Some(target) => Some(fetched.url.join(&target).map_err(|e| {
                    let _ = self.checkpoint();
                    anyhow!("listing page {page}: its next link {target:?} is not a usable URL ({e}); {KEPT}")
                })?),
            };
            let selection = self.select(items, tags);
            let (stop_stream, fresh, models, example) = (selection.stop_stream, selection.fresh, selection.models, selection.example);
            if let Some(stop) = self.process(endpoint, selection.todo)? {
                return self.stopped(stop);
            }
            let next = if stop_stream { None } else { next };
            if let Some(next) = &next {
                if let Err(e) = self.check_next(endpoint, &page, next, fresh, models, example.as_deref()) {
                    self.checkpoint()?;
                    return Err(e);
                }
            }
            self.state.next_url = next.map(String::from);
            self.checkpoint()?;
        }
        Ok(())
    }

    /// Whether the crawl may follow `next` from `page`: same origin, not seen before, and the page
    /// brought at least one model not listed before (otherwise the pagination is not advancing).
    fn check_next(&self, endpoint: &Url, page: &Url, next: &Url, fresh: usize, models: usize, example: Option<&str>) -> Result<()> {
        if !url::same_origin(next, endpoint) {
            bail!(
                "listing page {page}: its next link points at another origin ({next}); only {} is crawled, so the link is not followed and the Hub token is not sent there. Stopped; {KEPT}",
                endpoint.origin().ascii_serialization()
            );
        }
        if self.pages_seen.contains(next.as_str()) {
            bail!(
                "listing page {page}: its next link leads back to {next}, a page already fetched in this run; the server's pagination loops. Stopped; {KEPT}"
            );
        }
        if fresh == 0 {
            if models == 0 {
                bail!("listing page {page} lists no models, yet links to a next page ({next}); the server's pagination does not advance. Stopped; {KEPT}");
            }
            bail!(
                "listing page {page} lists only models already listed in this run ({models} of {models}, e.g. {}), yet links to a next page ({next}); the server's pagination does not advance. Stopped; {KEPT}",
                example.unwrap_or("?")
            );
        }
        Ok(())
    }

    /// Ends the run at a stop: checkpoint (the current page stays the one to resume from), then a
    /// clean end for the time budget or an error for the Retry-After allowance.
    fn stopped(&mut self, stop: Stop) -> Result<()> {
        self.checkpoint()?;
        if stop.is_time_budget() {
            self.summary.stopped = Some(stop.to_string());
            return Ok(());
        }
        Err(anyhow!("{stop}. Stopped; {KEPT} (later, or with a larger --max-retry-after-minutes)"))
    }

    fn fail_page(&mut self, e: FetchError) -> anyhow::Error {
        let _ = self.checkpoint();
        anyhow!("{e}; {KEPT} from this page")
    }

    /// Picks the models of a page to fetch: not done, downloads ≥ minimum, pipeline tag wanted,
    /// within the limit; and notes which of the page's models this run had not listed before.
    fn select(&mut self, items: Vec<serde_json::Value>, tags: &[String]) -> PageSelection {
        let mut todo = Vec::new();
        let mut below_min = false;
        let room = self.opts.limit.map(|l| l.saturating_sub(self.state.written));
        let mut last_downloads = self.state.last_downloads;
        let mut limit_hit = false;
        let (mut fresh, mut models, mut example) = (0, 0, None);
        for item in items {
            let record = match record::to_record(item) {
                Ok(r) => r,
                Err(_) => {
                    self.state.counters.invalid_items += 1;
                    continue;
                }
            };
            let id_key = record.id.to_ascii_lowercase();
            models += 1;
            if self.listed.insert(self.hasher.hash_one(&id_key)) {
                fresh += 1;
            }
            example.get_or_insert_with(|| record.id.clone());
            let downloads = record.downloads.unwrap_or(0);
            if last_downloads.is_some_and(|last| downloads > last) {
                self.state.sorted_so_far = false;
            }
            last_downloads = Some(downloads);
            if downloads < self.opts.min_downloads {
                below_min = true;
                continue;
            }
            if self.done.contains(&id_key) {
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
            if todo.iter().any(|t: &Todo| t.record.id.eq_ignore_ascii_case(&record.id)) {
                continue;
            }
            let reuse = match self.previous.as_ref().map(|p| p.lookup(&record)) {
                Some(Lookup::Unchanged(line)) => Some(line),
                Some(Lookup::Changed | Lookup::New) | None => None,
            };
            todo.push(Todo { record, reuse });
        }
        self.state.last_downloads = last_downloads;
        // Sorted by downloads (descending) and one model fell below the minimum: every later one will.
        let stop_stream = (below_min && self.state.sorted_so_far && self.opts.min_downloads > 0) || limit_hit;
        PageSelection { todo, stop_stream, fresh, models, example }
    }

    /// Fetches the cards of `todo` with the worker pool and writes the records in listing order.
    /// Returns the stop that ended it early, if any: the records before the first stopped card
    /// are written, the rest are left for the rerun (the page stays the one to resume from).
    fn process(&mut self, endpoint: &Url, todo: Vec<Todo>) -> Result<Option<Stop>> {
        if todo.is_empty() {
            return Ok(None);
        }
        let n = todo.len();
        let workers = self.opts.concurrency.clamp(1, 64).min(n);
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let (tx, rx) = mpsc::channel::<(usize, CardOutcome)>();
        let client: &Client = self.client;
        let max_card = self.opts.max_card_bytes;
        let todo_ref = &todo;
        std::thread::scope(|scope| -> Result<Option<Stop>> {
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
                    let outcome = match todo_ref[i].reuse {
                        Some(line) => CardOutcome::Reused(line),
                        None => fetch_card(client, &url::readme(endpoint, &todo_ref[i].record.id), max_card),
                    };
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
                    if let CardOutcome::Stopped(why) = outcome {
                        stop.store(true, Ordering::Relaxed);
                        return Ok(Some(why));
                    }
                    if let Err(e) = self.write(todo_ref[cursor].record.clone(), outcome) {
                        stop.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                    cursor += 1;
                }
            }
            Ok(None)
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
                record.card_error = Some(why);
            }
            CardOutcome::Reused(line) => {
                let previous = self.previous.as_mut().expect("a reused card comes from --previous");
                record.card = previous.card(&record.id, line)?;
                self.state.counters.cards_reused += 1;
            }
            CardOutcome::Stopped(_) => unreachable!("a stopped card is never written"),
        }
        let mut line = serde_json::to_vec(&record).with_context(|| format!("serializing {}", record.id))?;
        line.push(b'\n');
        self.out.write_all(&line).with_context(|| format!("cannot write {}", self.opts.out.display()))?;
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
        self.out.flush().with_context(|| format!("cannot write {}", self.opts.out.display()))?;
        self.out.get_ref().sync_data().with_context(|| format!("cannot sync {}", self.opts.out.display()))?;
        self.state.output_len = self.out_len;
        self.state.counters.retries = self.base_retries + self.client.retries();
        state::save(&self.state_path, &mut self.state)?;
        self.written_since_checkpoint = 0;
        self.last_checkpoint = Instant::now();
        Ok(())
    }
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn fetch_card(client: &Client, url: &Url, max_bytes: u64) -> CardOutcome {
    match client.get(url, max_bytes, Redirects::Anywhere, |f| Ok(record::decode_card(&f.body, f.truncated))) {
        Ok((f, Some(Some(text)))) => CardOutcome::Found { text, truncated: f.truncated },
        Ok((_, Some(None))) => CardOutcome::Missing,
        Ok((f, None)) => match f.status {
            404 | 410 | 401 | 403 => CardOutcome::Missing,
            s => CardOutcome::Failed(format!("HTTP {s}")),
        },
        Err(FetchError::Stopped(stop)) => CardOutcome::Stopped(stop),
        Err(FetchError::Failed { last, .. }) => CardOutcome::Failed(last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_urls() {
        let hub = parse_endpoint("https://huggingface.co/").unwrap();
        let u = first_page_url(&hub, 100, Some("text-generation"), true);
        assert!(u.as_str().starts_with(
            "https://huggingface.co/api/models?full=true&cardData=true&sort=downloads&direction=-1&limit=100&expand=pipeline_tag"
        ));
        assert!(u.as_str().contains("&expand=safetensors") && u.as_str().ends_with("&pipeline_tag=text-generation"));
        assert_eq!(
            url::without_param(&u, "expand").as_str(),
            "https://huggingface.co/api/models?full=true&cardData=true&sort=downloads&direction=-1&limit=100&pipeline_tag=text-generation"
        );
        assert_eq!(url::readme(&parse_endpoint("http://h").unwrap(), "org/m.v1").as_str(), "http://h/org/m.v1/resolve/main/README.md");
        for bad in ["huggingface.co", "ftp://h", "file:///etc", "http://"] {
            assert!(parse_endpoint(bad).is_err(), "{bad}");
        }
    }
}

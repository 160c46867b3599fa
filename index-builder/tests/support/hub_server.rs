//! A fake Hugging Face Hub for crawler tests: `/api/models` (sorted by downloads, `limit`,
//! `pipeline_tag`, cursor pagination with an RFC 8288 `Link` header) and
//! `/{id}/resolve/main/README.md`, over hand-written HTTP/1.1 on a `TcpListener`, one thread per
//! connection, `Connection: close`. Faults (status codes with headers, stalls, garbage bodies,
//! bodies cut short) are queued per path substring and served to the next matching requests.
//! Hostile pagination ([`Paging`]) sends next links elsewhere, in a loop, or with fresh cursors for
//! the same models; it stops linking after [`HOSTILE_PAGE_BOUND`] listing requests, so a crawler
//! that does not notice still ends (and its test fails instead of hanging).
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct Model {
    pub id: String,
    pub downloads: u64,
    pub pipeline_tag: Option<String>,
    pub license: Option<String>,
    pub params: Option<u64>,
    /// README bytes; `None` = 404.
    pub card: Option<Vec<u8>>,
    /// Served instead of the card (e.g. 403 for a gated repo).
    pub card_status: Option<u16>,
    /// The repository's head commit and last change, as the listing reports them.
    pub sha: Option<String>,
    pub last_modified: Option<String>,
}

impl Model {
    pub fn new(id: &str, downloads: u64) -> Model {
        Model {
            id: id.to_string(),
            downloads,
            pipeline_tag: None,
            license: None,
            params: None,
            card: None,
            card_status: None,
            sha: None,
            last_modified: None,
        }
    }
}

/// `n` models with distinct, descending downloads; every 5th has no card.
pub fn models(n: usize) -> Vec<Model> {
    const TAGS: [&str; 3] = ["text-generation", "fill-mask", "automatic-speech-recognition"];
    (0..n)
        .map(|i| Model {
            id: format!("org{}/model-{i:05}", i % 7),
            downloads: 1_000_000 - i as u64 * 13,
            pipeline_tag: Some(TAGS[i % 3].to_string()),
            license: Some(["mit", "apache-2.0", "cc-by-nc-4.0"][i % 3].to_string()),
            params: (i % 4 != 0).then_some(1_000_000 + i as u64),
            card: (i % 5 != 4).then(|| format!("---\nlicense: mit\n---\n# Model {i}\n\nThis model does thing {i}.\n").into_bytes()),
            card_status: None,
            sha: Some(format!("{:040x}", i + 1)),
            last_modified: Some(format!("2024-06-{:02}T08:00:00.000Z", 1 + i % 28)),
        })
        .collect()
}

#[derive(Clone, Debug)]
pub enum Fault {
    /// Respond with this status, headers and a short body.
    Status(u16, Vec<(String, String)>),
    /// Sleep this long before answering normally (the client should time out first).
    Stall(Duration),
    /// 200 with this body instead of the real one.
    Garbage(Vec<u8>),
    /// The real response, but the connection closes halfway through the body.
    CutShort,
}

#[derive(Clone, Debug)]
pub struct Logged {
    pub target: String,
    pub authorization: Option<String>,
    pub at: Instant,
}

/// Listing requests after which hostile pagination stops linking to a next page.
pub const HOSTILE_PAGE_BOUND: usize = 40;

/// How the listing names its next page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Paging {
    /// Cursor links to the following page on this server.
    Honest,
    /// Next links name this prefix (another server's `http://host:port`, or `//host:port`) instead
    /// of this server's origin.
    Elsewhere(String),
    /// The last page links back to the second page (page 2 → 3 → 2 → …).
    LoopBack,
    /// Every page lists the first page's models again, with a fresh cursor each time.
    FreshCursorsSameModels,
}

#[derive(Clone, Debug)]
pub struct HubConfig {
    /// Link targets relative (`/api/models?…`) instead of absolute.
    pub relative_links: bool,
    /// Page size the server uses whatever `limit=` says (like a server clamping).
    pub force_page_size: Option<usize>,
    /// Delay before each card response.
    pub card_delay: Duration,
    /// Sort by downloads when asked (the Hub does).
    pub honor_sort: bool,
    pub paging: Paging,
}

impl Default for HubConfig {
    fn default() -> Self {
        HubConfig { relative_links: false, force_page_size: None, card_delay: Duration::ZERO, honor_sort: true, paging: Paging::Honest }
    }
}

/// A dataset repository: its name and files (path in the repo, bytes).
type Dataset = (String, Vec<(String, Vec<u8>)>);

struct Inner {
    models: Vec<Model>,
    /// Files of a dataset repository (path in the repo, bytes), served by the tree API and
    /// `resolve`, like the Hub's parquet dump.
    dataset: Mutex<Option<Dataset>>,
    config: Mutex<HubConfig>,
    faults: Mutex<Vec<(String, VecDeque<Fault>)>>,
    log: Mutex<Vec<Logged>>,
    listings: AtomicUsize,
    stop: AtomicBool,
    addr: SocketAddr,
}

pub struct FakeHub {
    inner: Arc<Inner>,
}

impl FakeHub {
    pub fn start(models: Vec<Model>, config: HubConfig) -> FakeHub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().unwrap();
        let inner = Arc::new(Inner {
            models,
            dataset: Mutex::new(None),
            config: Mutex::new(config),
            faults: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
            listings: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            addr,
        });
        let server = Arc::clone(&inner);
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if server.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let server = Arc::clone(&server);
                std::thread::spawn(move || {
                    let _ = handle(&server, conn);
                });
            }
        });
        FakeHub { inner }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.inner.addr)
    }

    /// Queues `faults` for the next requests whose target contains `needle`.
    pub fn fail(&self, needle: &str, faults: Vec<Fault>) {
        self.inner.faults.lock().unwrap().push((needle.to_string(), faults.into()));
    }

    pub fn clear_faults(&self) {
        self.inner.faults.lock().unwrap().clear();
    }

    pub fn requests(&self) -> Vec<Logged> {
        self.inner.log.lock().unwrap().clone()
    }

    /// The model ids whose README was requested, in request order (repeats kept).
    pub fn card_requests(&self) -> Vec<String> {
        self.requests()
            .into_iter()
            .filter_map(|l| l.target.strip_prefix('/').and_then(|t| t.strip_suffix("/resolve/main/README.md")).map(percent_decode))
            .collect()
    }

    pub fn listing_requests(&self) -> Vec<Logged> {
        self.requests().into_iter().filter(|l| l.target.starts_with("/api/models")).collect()
    }

    /// Serves `files` (path in the repo → bytes) as the dataset `repo`:
    /// `/api/datasets/{repo}/tree/main/data` lists those under `data/` with their sha256 (as
    /// `lfs.oid`), `/datasets/{repo}/resolve/main/{path}` serves them.
    pub fn set_dataset(&self, repo: &str, files: Vec<(String, Vec<u8>)>) {
        *self.inner.dataset.lock().unwrap() = Some((repo.to_string(), files));
    }

    pub fn set_card_delay(&self, d: Duration) {
        self.inner.config.lock().unwrap().card_delay = d;
    }

    pub fn models(&self) -> &[Model] {
        &self.inner.models
    }
}

impl Drop for FakeHub {
    fn drop(&mut self) {
        self.inner.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.inner.addr);
    }
}

fn handle(server: &Inner, mut conn: TcpStream) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = conn.read(&mut chunk)?;
        if n == 0 || buf.len() > 64 * 1024 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buf).to_string();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or("");
    let target = request_line.split(' ').nth(1).unwrap_or("/").to_string();
    let authorization = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("authorization"))
        .map(|(_, v)| v.trim().to_string());
    server.log.lock().unwrap().push(Logged { target: target.clone(), authorization, at: Instant::now() });

    let fault = {
        let mut faults = server.faults.lock().unwrap();
        faults.iter_mut().find(|(needle, q)| target.contains(needle.as_str()) && !q.is_empty()).and_then(|(_, q)| q.pop_front())
    };
    let (status, headers, body) = match fault {
        Some(Fault::Status(code, headers)) => (code, headers, format!("{{\"error\":\"status {code}\"}}").into_bytes()),
        Some(Fault::Garbage(body)) => (200, vec![], body),
        Some(Fault::Stall(d)) => {
            std::thread::sleep(d);
            route(server, &target)
        }
        Some(Fault::CutShort) => {
            let (status, headers, body) = route(server, &target);
            let half = body.len() / 2;
            write_head(&mut conn, status, &headers, body.len())?;
            conn.write_all(&body[..half])?;
            conn.flush()?;
            return Ok(()); // close early
        }
        None => route(server, &target),
    };
    write_head(&mut conn, status, &headers, body.len())?;
    conn.write_all(&body)?;
    conn.flush()
}

fn write_head(conn: &mut TcpStream, status: u16, headers: &[(String, String)], len: usize) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Whatever",
    };
    let mut head = format!("HTTP/1.1 {status} {reason}\r\nContent-Length: {len}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    conn.write_all(head.as_bytes())
}

fn query_params(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn route(server: &Inner, target: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let config = server.config.lock().unwrap().clone();
    if path == "/api/models" {
        return listing(server, &config, query);
    }
    if let Some((repo, files)) = server.dataset.lock().unwrap().as_ref() {
        if path == format!("/api/datasets/{repo}/tree/main/data") {
            use sha2::Digest;
            let tree: Vec<serde_json::Value> = files
                .iter()
                .filter(|(p, _)| p.starts_with("data/"))
                .map(|(p, bytes)| {
                    let sha: String = sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
                    serde_json::json!({"type": "file", "oid": format!("{:040x}", bytes.len()), "size": bytes.len(), "path": p,
                                       "lfs": {"oid": sha, "size": bytes.len(), "pointerSize": 134}})
                })
                .collect();
            return (200, vec![], serde_json::to_vec(&tree).unwrap());
        }
        if let Some(file) = path.strip_prefix(&format!("/datasets/{repo}/resolve/main/")) {
            return match files.iter().find(|(p, _)| p == file) {
                Some((_, bytes)) => (200, vec![], bytes.clone()),
                None => (404, vec![], b"Entry not found".to_vec()),
            };
        }
    }
    if let Some(id) = path.strip_prefix('/').and_then(|p| p.strip_suffix("/resolve/main/README.md")) {
        if !config.card_delay.is_zero() {
            std::thread::sleep(config.card_delay);
        }
        let id = percent_decode(id);
        return match server.models.iter().find(|m| m.id == id) {
            Some(m) if m.card_status.is_some() => (m.card_status.unwrap(), vec![], b"no".to_vec()),
            Some(Model { card: Some(card), .. }) => (200, vec![], card.clone()),
            _ => (404, vec![], b"Entry not found".to_vec()),
        };
    }
    (404, vec![], b"not found".to_vec())
}

fn listing(server: &Inner, config: &HubConfig, query: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let served = server.listings.fetch_add(1, Ordering::SeqCst) + 1;
    let params = query_params(query);
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let limit = config.force_page_size.unwrap_or_else(|| get("limit").and_then(|l| l.parse().ok()).unwrap_or(1000));
    let cursor = get("cursor");
    let mut start: usize = cursor.as_deref().and_then(|c| usize::from_str_radix(c, 16).ok()).unwrap_or(0);
    if config.paging == Paging::FreshCursorsSameModels {
        start = 0;
    }
    let mut rows: Vec<&Model> = server.models.iter().collect();
    if let Some(tag) = get("pipeline_tag") {
        rows.retain(|m| m.pipeline_tag.as_deref() == Some(tag.as_str()));
    }
    if config.honor_sort && get("sort").as_deref() == Some("downloads") {
        rows.sort_by_key(|m| std::cmp::Reverse(m.downloads));
    }
    let page: Vec<serde_json::Value> = rows.iter().skip(start).take(limit).map(|m| item(m)).collect();
    let hostile_may_link = served < HOSTILE_PAGE_BOUND;
    let next_cursor = match &config.paging {
        Paging::Honest | Paging::Elsewhere(_) => (start + limit < rows.len()).then(|| format!("{:x}", start + limit)),
        Paging::LoopBack if start + limit < rows.len() => Some(format!("{:x}", start + limit)),
        Paging::LoopBack => hostile_may_link.then(|| format!("{limit:x}")),
        Paging::FreshCursorsSameModels => hostile_may_link.then(|| format!("fresh{served}")),
    };
    let mut headers = Vec::new();
    if let Some(next) = next_cursor {
        let kept: Vec<&str> = query.split('&').filter(|p| !p.starts_with("cursor=")).collect();
        let rel = format!("/api/models?{}&cursor={next}", kept.join("&"));
        let target = match &config.paging {
            Paging::Elsewhere(prefix) => format!("{prefix}{rel}"),
            _ if config.relative_links => rel,
            _ => format!("http://{}{rel}", server.addr),
        };
        headers.push(("Link".to_string(), format!("<{target}>; rel=\"next\"")));
    }
    (200, headers, serde_json::to_vec(&page).unwrap())
}

fn item(m: &Model) -> serde_json::Value {
    let mut tags = vec!["transformers".to_string(), "safetensors".to_string()];
    if let Some(l) = &m.license {
        tags.push(format!("license:{l}"));
    }
    serde_json::json!({
        "_id": format!("{:024x}", m.downloads),
        "id": m.id,
        "modelId": m.id,
        "author": m.id.split('/').next(),
        "pipeline_tag": m.pipeline_tag,
        "library_name": "transformers",
        "tags": tags,
        "downloads": m.downloads,
        "likes": m.downloads / 1000,
        "private": false,
        "createdAt": "2024-05-01T12:00:00.000Z",
        "lastModified": m.last_modified,
        "sha": m.sha,
        "cardData": {"license": m.license, "language": ["en"]},
        "safetensors": m.params.map(|p| serde_json::json!({"parameters": {"F32": p}, "total": p})),
        "siblings": [{"rfilename": "README.md"}, {"rfilename": "model.safetensors"}],
    })
}

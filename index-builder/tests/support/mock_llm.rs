//! A misbehaving OpenAI-compatible server for LLM client tests: hand-written HTTP/1.1 on a
//! `TcpListener` (127.0.0.1, ephemeral port), one thread per connection, `Connection: close`.
//! Every request is recorded; a handler closure decides each reply (status, headers, body, a delay
//! before answering, or hanging up without a reply). Shared by the llm_client unit tests and the
//! `tests/llm_*.rs` integration tests.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

/// Words every model card of the LLM test fixtures contains (the evidence of [`Reply::verdict`]).
pub const MOCK_EVIDENCE: &str = "customer support chatbot";

/// One received request.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == &name.to_ascii_lowercase()).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// `response_format.type` of a chat request ("none" when absent).
    pub fn format(&self) -> String {
        self.json()["response_format"]["type"].as_str().unwrap_or("none").to_string()
    }

    /// The last message's content (the rendered user prompt).
    pub fn last_user_message(&self) -> String {
        self.json()["messages"].as_array().and_then(|m| m.last()).and_then(|m| m["content"].as_str()).unwrap_or_default().to_string()
    }

    /// The model id named in the user prompt ("Model: org/name").
    pub fn model_id(&self) -> String {
        let user = self.last_user_message();
        user.lines().find_map(|l| l.strip_prefix("Model: ")).unwrap_or_default().to_string()
    }
}

/// How to answer one request.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
    /// Close the connection without writing anything.
    pub hang_up: bool,
}

impl Reply {
    pub fn status(status: u16, body: &str) -> Reply {
        Reply { status, headers: vec![], body: body.as_bytes().to_vec(), delay: Duration::ZERO, hang_up: false }
    }

    pub fn json(status: u16, value: Value) -> Reply {
        Reply::status(status, &value.to_string()).header("Content-Type", "application/json")
    }

    /// A 200 chat completion whose message content is `content`.
    pub fn completion(content: &str) -> Reply {
        Reply::json(
            200,
            json!({
                "id": "chatcmpl-mock", "object": "chat.completion", "created": 0, "model": "mock-model",
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
                "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}
            }),
        )
    }

    /// A 200 completion with a verdict answer quoting [`MOCK_EVIDENCE`] (words every test card
    /// holds, so the answer is grounded).
    pub fn verdict(verdict: &str, reason: &str) -> Reply {
        Reply::grounded(verdict, reason, MOCK_EVIDENCE)
    }

    /// A 200 completion with a verdict answer and the given evidence quote.
    pub fn grounded(verdict: &str, reason: &str, evidence: &str) -> Reply {
        Reply::completion(&json!({"reason": reason, "evidence": evidence, "verdict": verdict}).to_string())
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    pub fn hang_up() -> Reply {
        Reply { hang_up: true, ..Reply::status(0, "") }
    }
}

type Handler = dyn Fn(&Recorded, usize) -> Reply + Send + Sync;

pub struct MockLlm {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<Recorded>>>,
    in_flight: Arc<AtomicUsize>,
    max_in_flight: Arc<AtomicUsize>,
}

impl MockLlm {
    /// Starts a server; `handler(request, n)` gets each request and its 0-based arrival number.
    pub fn start(handler: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static) -> MockLlm {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let counter = Arc::new(AtomicUsize::new(0));
        {
            let (stop, requests, in_flight, max_in_flight) = (stop.clone(), requests.clone(), in_flight.clone(), max_in_flight.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (handler, requests, counter) = (handler.clone(), requests.clone(), counter.clone());
                    let (in_flight, max_in_flight) = (in_flight.clone(), max_in_flight.clone());
                    std::thread::spawn(move || {
                        let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                        max_in_flight.fetch_max(now, Ordering::SeqCst);
                        serve(stream, &*handler, &requests, &counter);
                        in_flight.fetch_sub(1, Ordering::SeqCst);
                    });
                }
            });
        }
        MockLlm { addr, stop, requests, in_flight, max_in_flight }
    }

    /// `http://127.0.0.1:PORT/v1`
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// Chat-completion requests only.
    pub fn chats(&self) -> Vec<Recorded> {
        self.requests().into_iter().filter(|r| r.path.ends_with("/chat/completions")).collect()
    }

    /// Most connections that were open at once.
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
}

impl Drop for MockLlm {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr); // wake the accept loop
    }
}

/// A URL where nothing listens (connection refused).
pub fn refused_base_url() -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    format!("http://{addr}/v1")
}

fn serve(mut stream: TcpStream, handler: &Handler, requests: &Mutex<Vec<Recorded>>, counter: &AtomicUsize) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(request) = read_request(&mut stream) else { return };
    let n = counter.fetch_add(1, Ordering::SeqCst);
    requests.lock().unwrap().push(request.clone());
    let reply = handler(&request, n);
    if !reply.delay.is_zero() {
        std::thread::sleep(reply.delay);
    }
    if reply.hang_up {
        return;
    }
    let reason = match reply.status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut head = format!("HTTP/1.1 {} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n", reply.status, reply.body.len());
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&reply.body);
    let _ = stream.flush();
}

fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let header_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_string(), first.next()?.to_string());
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())).collect();
    let length: usize = headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = buf[header_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Recorded { method, path, headers, body: String::from_utf8_lossy(&body).to_string() })
}

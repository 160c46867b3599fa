//! A polite HTTP client for the Hub: one global rate limit shared by every worker, per-request
//! timeouts, and retries with exponential backoff.
//!
//! Retry policy (documented in `index-builder crawl --help`):
//! * **429** — wait `Retry-After` (delta-seconds or an HTTP-date; capped at [`MAX_RETRY_AFTER`]),
//!   or the backoff when it is missing, and pause *every* worker until then (the limit is the
//!   server's, not one connection's). 429s draw on their own, larger budget ([`RATE_LIMIT_RETRIES`]).
//! * **5xx**, connection errors, timeouts, bodies cut short, and bodies the caller's `accept` check
//!   rejects (e.g. a listing page that is not valid JSON) — retried up to `max_retries` times with
//!   exponential backoff (`backoff · 2^attempt`, capped, with jitter); `Retry-After` is honoured on
//!   503 as well.
//! * Any other status is returned to the caller as is (404 = no card is not an error).
//!
//! The token (`HF_TOKEN`) is only ever placed in the `Authorization` header; it is never part of an
//! error message.

use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Longest `Retry-After` we honour; a longer one is clamped (and reported).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(15 * 60);
/// Separate budget for 429 responses: a rate-limited crawl should slow down, not give up.
pub const RATE_LIMIT_RETRIES: u32 = 30;

#[derive(Clone, Debug)]
pub struct HttpConfig {
    /// Whole-request budget (connect, headers, body).
    pub timeout: Duration,
    /// Retries after the first attempt for 5xx / network / malformed responses.
    pub max_retries: u32,
    /// First backoff delay; doubles each retry.
    pub backoff: Duration,
    pub backoff_max: Duration,
    /// Requests per second over all workers (0 = unlimited).
    pub rate_per_sec: f64,
    /// Sent as `Authorization: Bearer …`.
    pub token: Option<String>,
}

/// A successful (non-retried) exchange.
pub struct Fetched {
    pub status: u16,
    /// Every `Link` header value.
    pub links: Vec<String>,
    /// The body (empty for statuses other than 2xx: those bodies are not read).
    pub body: Vec<u8>,
    /// True when the body was longer than the caller's limit and was cut.
    pub truncated: bool,
}

/// Why a request failed for good.
#[derive(Debug)]
pub struct FetchError {
    pub url: String,
    pub attempts: u32,
    pub last: String,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GET {} failed after {} attempt(s): {}", self.url, self.attempts, self.last)
    }
}

/// Token-bucket-free rate limit: each request takes the next free slot `1/rate` after the last one;
/// a 429 pushes the next slot out to the end of the server's `Retry-After`.
pub struct RateLimiter {
    interval: Duration,
    next: Mutex<Instant>,
}

impl RateLimiter {
    pub fn new(rate_per_sec: f64) -> RateLimiter {
        let interval =
            if rate_per_sec > 0.0 && rate_per_sec.is_finite() { Duration::from_secs_f64(1.0 / rate_per_sec) } else { Duration::ZERO };
        RateLimiter { interval, next: Mutex::new(Instant::now()) }
    }

    /// Blocks until this caller may send a request.
    pub fn acquire(&self) {
        let wait = {
            let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            let slot = (*next).max(now);
            *next = slot + self.interval;
            slot - now
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }

    /// Nobody sends before `until`.
    pub fn pause_until(&self, until: Instant) {
        let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
        if *next < until {
            *next = until;
        }
    }
}

/// Parses a `Retry-After` value: delta-seconds, or an HTTP-date (IMF-fixdate, RFC 850 or asctime)
/// relative to `now`. A date in the past means "retry now".
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Ok(secs) = value.parse::<f64>() {
        if secs.is_finite() && secs >= 0.0 {
            return Some(Duration::from_secs_f64(secs.min(1e9)));
        }
    }
    let at = parse_http_date(value)?;
    let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since the Unix epoch of an HTTP-date (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`,
/// `Sunday, 06-Nov-94 08:49:37 GMT`, `Sun Nov  6 08:49:37 1994`.
pub fn parse_http_date(value: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let (mut day, mut month, mut year, mut time) = (None, None, None, None);
    for token in value.split([' ', ',', '-']).filter(|t| !t.is_empty()) {
        let lower = token.to_ascii_lowercase();
        if token.contains(':') {
            let parts: Vec<u64> = token.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
            if parts.len() != 3 || parts[0] > 23 || parts[1] > 59 || parts[2] > 60 {
                return None;
            }
            time = Some(parts[0] * 3600 + parts[1] * 60 + parts[2]);
        } else if let Some(m) = MONTHS.iter().position(|m| lower == *m) {
            month = Some(m as u64 + 1);
        } else if let Ok(n) = token.parse::<u64>() {
            if token.len() <= 2 && day.is_none() {
                day = Some(n);
            } else if token.len() == 2 {
                // RFC 850 two-digit year: interpret as 19xx/20xx (RFC 9110: within 50 years).
                year = Some(if n < 70 { 2000 + n } else { 1900 + n });
            } else {
                year = Some(n);
            }
        } else if lower == "gmt" || lower == "utc" || lower.chars().all(|c| c.is_ascii_alphabetic()) {
            // weekday or zone
        } else {
            return None;
        }
    }
    let (day, month, year, time) = (day?, month?, year?, time?);
    if !(1..=31).contains(&day) || year < 1970 {
        return None;
    }
    Some(days_from_civil(year as i64, month as i64, day as i64) as u64 * 86_400 + time)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The delay before retry number `attempt` (0-based): `base · 2^attempt`, capped at `max`, then
/// scaled by a jitter factor in [0.5, 1.0] so workers that failed together don't retry together.
pub fn backoff_delay(base: Duration, max: Duration, attempt: u32, jitter_unit: f64) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.min(20)).min(max);
    exp.mul_f64(0.5 + 0.5 * jitter_unit.clamp(0.0, 1.0))
}

fn jitter() -> f64 {
    // Cheap per-call noise: nanoseconds of the clock mixed through splitmix64.
    let mut x = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// The shared client.
pub struct Client {
    agent: ureq::Agent,
    config: HttpConfig,
    limiter: RateLimiter,
    retries: AtomicU64,
    /// Called with a message when the client waits noticeably (long Retry-After, repeated errors).
    notice: Box<dyn Fn(&str) + Send + Sync>,
}

enum Attempt {
    Done(Fetched),
    Retry { wait: Duration, why: String, rate_limited: bool },
    Fatal(String),
}

impl Client {
    pub fn new(config: HttpConfig, notice: Box<dyn Fn(&str) + Send + Sync>) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            .redirect_auth_headers(ureq::config::RedirectAuthHeaders::SameHost)
            .user_agent(concat!("ptmpicker-index-builder/", env!("CARGO_PKG_VERSION")))
            .max_idle_connections_per_host(16)
            .build()
            .into();
        let limiter = RateLimiter::new(config.rate_per_sec);
        Client { agent, config, limiter, retries: AtomicU64::new(0), notice }
    }

    /// Retries made so far (all kinds).
    pub fn retries(&self) -> u64 {
        self.retries.load(Ordering::Relaxed)
    }

    /// GETs `url`, retrying per the module's policy. 2xx bodies are read (up to `max_body` bytes;
    /// longer ones are cut and flagged) and passed to `accept`, whose value comes back as `Some`; an
    /// `Err` from `accept` is treated like a transient server error (retried, then reported). Other
    /// statuses (404, 403, …) come back with `None` and an empty body.
    pub fn get<T>(
        &self,
        url: &str,
        max_body: u64,
        accept: impl Fn(&Fetched) -> Result<T, String>,
    ) -> Result<(Fetched, Option<T>), FetchError> {
        let (mut attempt_no, mut limited_no) = (0u32, 0u32);
        loop {
            self.limiter.acquire();
            let (wait, why, rate_limited) = match self.attempt(url, max_body, attempt_no) {
                Attempt::Done(fetched) if !(200..300).contains(&fetched.status) => return Ok((fetched, None)),
                Attempt::Done(fetched) => match accept(&fetched) {
                    Ok(v) => return Ok((fetched, Some(v))),
                    Err(e) => (backoff_delay(self.config.backoff, self.config.backoff_max, attempt_no, jitter()), e, false),
                },
                Attempt::Retry { wait, why, rate_limited } => (wait, why, rate_limited),
                Attempt::Fatal(why) => return Err(FetchError { url: url.to_string(), attempts: attempt_no + limited_no + 1, last: why }),
            };
            if rate_limited {
                limited_no += 1;
                if limited_no > RATE_LIMIT_RETRIES {
                    return Err(FetchError { url: url.to_string(), attempts: attempt_no + limited_no, last: why });
                }
                self.limiter.pause_until(Instant::now() + wait);
            } else {
                attempt_no += 1;
                if attempt_no > self.config.max_retries {
                    return Err(FetchError { url: url.to_string(), attempts: attempt_no + limited_no, last: why });
                }
            }
            self.retries.fetch_add(1, Ordering::Relaxed);
            if wait >= Duration::from_secs(5) {
                (self.notice)(&format!("{why}; retrying in {:.0} s", wait.as_secs_f64()));
            }
            std::thread::sleep(wait);
        }
    }

    fn attempt(&self, url: &str, max_body: u64, attempt_no: u32) -> Attempt {
        let backoff = || backoff_delay(self.config.backoff, self.config.backoff_max, attempt_no, jitter());
        let mut request = self.agent.get(url);
        if let Some(token) = &self.config.token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        let mut response = match request.call() {
            Ok(r) => r,
            Err(e) => return classify_error(e, backoff()),
        };
        let status = response.status().as_u16();
        let retry_after =
            response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| parse_retry_after(v, SystemTime::now()));
        if status == 429 || status >= 500 {
            let (wait, clamp_note) = match retry_after {
                Some(ra) if ra > MAX_RETRY_AFTER => (MAX_RETRY_AFTER, " (Retry-After clamped)"),
                Some(ra) => (ra, ""),
                None => (backoff(), ""),
            };
            return Attempt::Retry { wait, why: format!("HTTP {status}{clamp_note}"), rate_limited: status == 429 };
        }
        let links: Vec<String> = response.headers().get_all("link").iter().filter_map(|v| v.to_str().ok().map(str::to_string)).collect();
        if !(200..300).contains(&status) {
            return Attempt::Done(Fetched { status, links, body: Vec::new(), truncated: false });
        }
        let mut body = Vec::new();
        let read = response.body_mut().as_reader().take(max_body.saturating_add(1)).read_to_end(&mut body);
        if let Err(e) = read {
            return Attempt::Retry { wait: backoff(), why: format!("reading the body: {e}"), rate_limited: false };
        }
        let truncated = body.len() as u64 > max_body;
        if truncated {
            body.truncate(max_body as usize);
        }
        Attempt::Done(Fetched { status, links, body, truncated })
    }
}

fn classify_error(e: ureq::Error, backoff: Duration) -> Attempt {
    use ureq::Error as E;
    match e {
        E::Timeout(t) => Attempt::Retry { wait: backoff, why: format!("timed out ({t})"), rate_limited: false },
        E::Io(io) => Attempt::Retry { wait: backoff, why: format!("network error: {io}"), rate_limited: false },
        E::ConnectionFailed | E::HostNotFound => Attempt::Retry { wait: backoff, why: format!("{e}"), rate_limited: false },
        E::Protocol(p) => Attempt::Retry { wait: backoff, why: format!("HTTP protocol error: {p}"), rate_limited: false },
        E::BadUri(u) => Attempt::Fatal(format!("bad URL: {u}")),
        other => Attempt::Fatal(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("1.5", now), Some(Duration::from_millis(1500)));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after("Sunday, 06-Nov-94 08:51:37 GMT", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("Sun Nov  6 08:49:47 1994", now), Some(Duration::from_secs(10)));
        // A date in the past: retry now.
        assert_eq!(parse_retry_after("Sat, 05 Nov 1994 08:49:37 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_http_date("Wed, 29 Feb 2024 12:00:00 GMT"), Some(1_709_208_000));
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let base = Duration::from_millis(100);
        let max = Duration::from_secs(2);
        assert_eq!(backoff_delay(base, max, 0, 1.0), Duration::from_millis(100));
        assert_eq!(backoff_delay(base, max, 3, 1.0), Duration::from_millis(800));
        assert_eq!(backoff_delay(base, max, 10, 1.0), max);
        assert_eq!(backoff_delay(base, max, 40, 0.0), max / 2);
        assert_eq!(backoff_delay(base, max, 1, 0.0), Duration::from_millis(100));
    }

    #[test]
    fn rate_limiter_spaces_requests() {
        let limiter = RateLimiter::new(50.0);
        let start = Instant::now();
        for _ in 0..6 {
            limiter.acquire();
        }
        // 6 requests at 50/s: the 6th waits 5 × 20 ms.
        assert!(start.elapsed() >= Duration::from_millis(95), "{:?}", start.elapsed());
        limiter.pause_until(Instant::now() + Duration::from_millis(60));
        let t = Instant::now();
        limiter.acquire();
        assert!(t.elapsed() >= Duration::from_millis(55));
    }
}

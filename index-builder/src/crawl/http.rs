//! The crawler's HTTP client: one `ureq` agent shared by the workers, with a global rate limit,
//! retries (exponential backoff with jitter for 5xx / network errors / timeouts / garbled bodies;
//! `Retry-After` for 429 and 503), bounded body sizes, and the crawl's two stop rules.
//!
//! Why the client owns the stop rules: every wait (a backoff, a `Retry-After`, a rate-limit slot,
//! a slow response) happens here, so only here can "never sleep past the time budget" and "never
//! wait longer in total than the server-wait allowance" be kept. A stop is not a failure: it comes
//! back as [`FetchError::Stopped`], so the crawler checkpoints and a rerun resumes.
//!
//! Why redirects are followed by hand: the token must reach the endpoint's origin (scheme, host
//! *and* port) and nothing else. `ureq`'s own policy keeps `Authorization` for the same host on
//! another port; here every hop is checked, and listing pages may not leave the origin at all.

use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ptmpicker::llm::policy::parse_retry_after_ms;
use url::Url;

/// Separate budget for 429 responses: a rate-limited crawl should slow down, not give up.
pub const RATE_LIMIT_RETRIES: u32 = 30;
/// Redirect hops followed per request.
const MAX_REDIRECTS: u32 = 10;

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
    /// Sent as `Authorization: Bearer …`, to the endpoint's origin only.
    pub token: Option<String>,
    /// `--max-minutes`: the crawl stops cleanly when it is used up.
    pub time_budget: Option<Budget>,
    /// `--max-retry-after-minutes`: most wall-clock time spent waiting because servers asked to.
    pub retry_after_allowance: Option<Budget>,
}

/// A span of time and the flag value it came from (for messages).
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    pub minutes: f64,
}

impl Budget {
    pub fn duration(self) -> Duration {
        Duration::from_secs_f64(self.minutes.max(0.0) * 60.0)
    }
}

/// A successful (non-retried) exchange.
pub struct Fetched {
    /// The URL that answered (after same-origin or allowed redirects).
    pub url: Url,
    pub status: u16,
    /// Every `Link` header value.
    pub links: Vec<String>,
    /// The body (empty for statuses other than 2xx: those bodies are not read).
    pub body: Vec<u8>,
    /// True when the body was longer than the caller's limit and was cut.
    pub truncated: bool,
}

/// Why the crawl must stop now. Not a failure of the request: nothing is recorded as failed, the
/// crawler checkpoints and a rerun resumes where this one stopped.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Stop {
    #[error("the time budget is used up (--max-minutes {minutes})")]
    TimeBudget { minutes: f64 },
    #[error(
        "GET {url}: the server asked to wait {} (Retry-After), past the end of the time budget (--max-minutes {minutes}, {} left); not waiting",
        human_duration(.asked),
        human_duration(.left)
    )]
    RetryAfterPastBudget { url: String, asked: Duration, left: Duration, minutes: f64 },
    #[error(
        "GET {url}: the server asked to wait {} (Retry-After), but only {} of the allowance for such waits is left (--max-retry-after-minutes {minutes}); not waiting",
        human_duration(.asked),
        human_duration(.left)
    )]
    RetryAfterAllowance { url: String, asked: Duration, left: Duration, minutes: f64 },
}

impl Stop {
    /// A stop the user asked for (the time budget): the run ends successfully, incomplete.
    pub fn is_time_budget(&self) -> bool {
        matches!(self, Stop::TimeBudget { .. } | Stop::RetryAfterPastBudget { .. })
    }
}

/// Why a request did not give a response.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("GET {url} failed after {attempts} attempt(s): {last}")]
    Failed { url: String, attempts: u32, last: String },
    #[error("{0}")]
    Stopped(#[from] Stop),
}

/// Which redirects a request may follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Redirects {
    /// Listing pages: only within the endpoint's origin (another origin's answer is an error).
    SameOrigin,
    /// Cards: anywhere (the Hub sends large files to its CDN), the token only to the endpoint's origin.
    Anywhere,
}

/// "90 s", "15.0 min", "7.5 h".
pub fn human_duration(d: &Duration) -> String {
    let s = d.as_secs_f64();
    if s < 120.0 {
        format!("{s:.0} s")
    } else if s < 7200.0 {
        format!("{:.1} min", s / 60.0)
    } else {
        format!("{:.1} h", s / 3600.0)
    }
}

/// Each request takes the next free slot `1/rate` after the last one; a 429 pushes the next slot
/// out to the end of the server's `Retry-After`.
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

    /// Blocks until this caller may send a request; `false` (without waiting) when that moment is
    /// after `deadline`.
    pub fn acquire(&self, deadline: Option<Instant>) -> bool {
        let wait = {
            let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            let slot = (*next).max(now);
            if deadline.is_some_and(|d| slot >= d) {
                return false;
            }
            *next = slot + self.interval;
            slot - now
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
        true
    }

    /// Nobody sends before `until`.
    pub fn pause_until(&self, until: Instant) {
        let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
        if *next < until {
            *next = until;
        }
    }
}

/// Wall-clock time spent in server-requested waits: overlapping waits of several workers count once.
#[derive(Debug)]
struct WaitLedger {
    used: Duration,
    /// End of the latest server-requested wait so far.
    until: Instant,
}

impl WaitLedger {
    /// How much wall-clock time waiting until `now + wait` adds to what is already being waited.
    fn added(&self, now: Instant, wait: Duration) -> Duration {
        (now + wait).saturating_duration_since(self.until.max(now))
    }
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

/// The `Retry-After` of a response as a wait from now (the engine's parser: seconds or HTTP-date).
fn retry_after(value: &str) -> Option<Duration> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    parse_retry_after_ms(value, now).map(Duration::from_millis)
}

/// The shared client.
pub struct Client {
    agent: ureq::Agent,
    config: HttpConfig,
    /// The endpoint's origin: the only one that gets the token.
    home: url::Origin,
    deadline: Option<Instant>,
    limiter: RateLimiter,
    waited: Mutex<WaitLedger>,
    retries: AtomicU64,
    /// Called with a message when the client waits noticeably (long Retry-After, repeated errors).
    notice: Box<dyn Fn(&str) + Send + Sync>,
}

enum Attempt {
    Done(Fetched),
    Redirect(Url),
    Retry { wait: Duration, why: String, rate_limited: bool, server_asked: bool },
    Fatal(String),
}

impl Client {
    /// A client for the endpoint `home`; the time budget starts now.
    pub fn new(home: &Url, config: HttpConfig, notice: Box<dyn Fn(&str) + Send + Sync>) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            .max_redirects(0)
            .user_agent(concat!("ptmpicker-index-builder/", env!("CARGO_PKG_VERSION")))
            .max_idle_connections_per_host(16)
            .build()
            .into();
        let limiter = RateLimiter::new(config.rate_per_sec);
        let now = Instant::now();
        Client {
            agent,
            home: home.origin(),
            deadline: config.time_budget.map(|b| now + b.duration()),
            config,
            limiter,
            waited: Mutex::new(WaitLedger { used: Duration::ZERO, until: now }),
            retries: AtomicU64::new(0),
            notice,
        }
    }

    /// Retries made so far (all kinds).
    pub fn retries(&self) -> u64 {
        self.retries.load(Ordering::Relaxed)
    }

    /// `Err` once the time budget is used up.
    pub fn check_time(&self) -> Result<(), Stop> {
        match (self.deadline, self.config.time_budget) {
            (Some(d), Some(b)) if Instant::now() >= d => Err(Stop::TimeBudget { minutes: b.minutes }),
            _ => Ok(()),
        }
    }

    /// GETs `url`, retrying per the module's policy. 2xx bodies are read (up to `max_body` bytes;
    /// longer ones are cut and flagged) and passed to `accept`, whose value comes back as `Some`; an
    /// `Err` from `accept` is treated like a transient server error (retried, then reported). Other
    /// statuses (404, 403, …) come back with `None` and an empty body.
    pub fn get<T>(
        &self,
        url: &Url,
        max_body: u64,
        redirects: Redirects,
        accept: impl Fn(&Fetched) -> Result<T, String>,
    ) -> Result<(Fetched, Option<T>), FetchError> {
        let (mut attempt_no, mut limited_no, mut hops) = (0u32, 0u32, 0u32);
        let mut current = url.clone();
        let failed = |attempts: u32, last: String| FetchError::Failed { url: url.to_string(), attempts, last };
        loop {
            self.check_time()?;
            if !self.limiter.acquire(self.deadline) {
                self.check_time()?;
                return Err(Stop::TimeBudget { minutes: self.config.time_budget.map_or(0.0, |b| b.minutes) }.into());
            }
            let attempt = self.attempt(&current, max_body, attempt_no);
            let (wait, why, rate_limited, server_asked) = match attempt {
                Attempt::Done(fetched) if !(200..300).contains(&fetched.status) => return Ok((fetched, None)),
                Attempt::Done(fetched) => match accept(&fetched) {
                    Ok(v) => return Ok((fetched, Some(v))),
                    Err(e) => (backoff_delay(self.config.backoff, self.config.backoff_max, attempt_no, jitter()), e, false, false),
                },
                Attempt::Redirect(to) => {
                    hops += 1;
                    if hops > MAX_REDIRECTS {
                        return Err(failed(attempt_no + limited_no + 1, format!("more than {MAX_REDIRECTS} redirects")));
                    }
                    if redirects == Redirects::SameOrigin && to.origin() != self.home {
                        return Err(failed(
                            attempt_no + limited_no + 1,
                            format!("redirected to another origin ({to}); only {} is crawled", self.home.ascii_serialization()),
                        ));
                    }
                    current = to;
                    continue;
                }
                Attempt::Retry { wait, why, rate_limited, server_asked } => (wait, why, rate_limited, server_asked),
                Attempt::Fatal(why) => {
                    // A request cut by the time budget is a stop, not a failure.
                    self.check_time()?;
                    return Err(failed(attempt_no + limited_no + 1, why));
                }
            };
            if rate_limited {
                limited_no += 1;
                if limited_no > RATE_LIMIT_RETRIES {
                    return Err(failed(attempt_no + limited_no, why));
                }
            } else {
                // A timeout because the budget ran out mid-request is a stop, not a failure.
                self.check_time()?;
                attempt_no += 1;
                if attempt_no > self.config.max_retries {
                    return Err(failed(attempt_no + limited_no, why));
                }
            }
            self.may_wait(&current, wait, server_asked)?;
            if rate_limited {
                self.limiter.pause_until(Instant::now() + wait);
            }
            self.retries.fetch_add(1, Ordering::Relaxed);
            if wait >= Duration::from_secs(5) {
                (self.notice)(&format!("{why}; retrying in {}", human_duration(&wait)));
            }
            std::thread::sleep(wait);
        }
    }

    /// Checks a wait against the time budget and (when the server asked for it) the Retry-After
    /// allowance, and books it. A wait that does not fit is not started at all.
    fn may_wait(&self, url: &Url, wait: Duration, server_asked: bool) -> Result<(), Stop> {
        let now = Instant::now();
        if let (Some(deadline), Some(budget)) = (self.deadline, self.config.time_budget) {
            if now + wait > deadline {
                let left = deadline.saturating_duration_since(now);
                return Err(if server_asked {
                    Stop::RetryAfterPastBudget { url: url.to_string(), asked: wait, left, minutes: budget.minutes }
                } else {
                    Stop::TimeBudget { minutes: budget.minutes }
                });
            }
        }
        if !server_asked {
            return Ok(());
        }
        let mut ledger = self.waited.lock().unwrap_or_else(|p| p.into_inner());
        let added = ledger.added(now, wait);
        if let Some(allowance) = self.config.retry_after_allowance {
            let left = allowance.duration().saturating_sub(ledger.used);
            if added > left {
                return Err(Stop::RetryAfterAllowance { url: url.to_string(), asked: wait, left, minutes: allowance.minutes });
            }
        }
        ledger.used += added;
        ledger.until = ledger.until.max(now + wait);
        Ok(())
    }

    fn attempt(&self, url: &Url, max_body: u64, attempt_no: u32) -> Attempt {
        let backoff = || backoff_delay(self.config.backoff, self.config.backoff_max, attempt_no, jitter());
        let mut request = self.agent.get(url.as_str());
        if let Some(token) = &self.config.token {
            if url.origin() == self.home {
                request = request.header("Authorization", &format!("Bearer {token}"));
            }
        }
        if let Some(deadline) = self.deadline {
            // No request outlives the time budget.
            let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
            request = request.config().timeout_global(Some(self.config.timeout.min(left))).build();
        }
        let mut response = match request.call() {
            Ok(r) => r,
            Err(e) => return classify_error(e, backoff()),
        };
        let status = response.status().as_u16();
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        if (300..400).contains(&status) && status != 304 {
            if let Some(location) = header("location") {
                return match url.join(location.trim()) {
                    Ok(to) if matches!(to.scheme(), "http" | "https") => Attempt::Redirect(to),
                    _ => Attempt::Fatal(format!("HTTP {status} with an unusable Location {location:?}")),
                };
            }
        }
        let retry_after = header("retry-after").and_then(|v| retry_after(&v));
        if status == 429 || status >= 500 {
            let (wait, server_asked) = match retry_after {
                Some(ra) => (ra, true),
                None => (backoff(), false),
            };
            return Attempt::Retry { wait, why: format!("HTTP {status}"), rate_limited: status == 429, server_asked };
        }
        let links: Vec<String> = response.headers().get_all("link").iter().filter_map(|v| v.to_str().ok().map(str::to_string)).collect();
        if !(200..300).contains(&status) {
            return Attempt::Done(Fetched { url: url.clone(), status, links, body: Vec::new(), truncated: false });
        }
        let mut body = Vec::new();
        let read = response.body_mut().as_reader().take(max_body.saturating_add(1)).read_to_end(&mut body);
        if let Err(e) = read {
            return Attempt::Retry { wait: backoff(), why: format!("reading the body: {e}"), rate_limited: false, server_asked: false };
        }
        let truncated = body.len() as u64 > max_body;
        if truncated {
            body.truncate(max_body as usize);
        }
        Attempt::Done(Fetched { url: url.clone(), status, links, body, truncated })
    }
}

fn classify_error(e: ureq::Error, backoff: Duration) -> Attempt {
    use ureq::Error as E;
    let retry = |why: String| Attempt::Retry { wait: backoff, why, rate_limited: false, server_asked: false };
    match e {
        E::Timeout(t) => retry(format!("timed out ({t})")),
        E::Io(io) => retry(format!("network error: {io}")),
        E::ConnectionFailed | E::HostNotFound => retry(format!("{e}")),
        E::Protocol(p) => retry(format!("HTTP protocol error: {p}")),
        E::BadUri(u) => Attempt::Fatal(format!("bad URL: {u}")),
        other => Attempt::Fatal(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_server_waits_count_once() {
        let t0 = Instant::now();
        let mut ledger = WaitLedger { used: Duration::ZERO, until: t0 };
        let book = |l: &mut WaitLedger, now: Instant, wait: Duration| {
            let added = l.added(now, wait);
            l.used += added;
            l.until = l.until.max(now + wait);
            added
        };
        // Four workers told "60 s" at the same moment wait one minute, not four.
        for _ in 0..4 {
            book(&mut ledger, t0, Duration::from_secs(60));
        }
        assert_eq!(ledger.used, Duration::from_secs(60));
        // A wait that starts inside the current one adds only what sticks out.
        assert_eq!(book(&mut ledger, t0 + Duration::from_secs(30), Duration::from_secs(60)), Duration::from_secs(30));
        assert_eq!(ledger.used, Duration::from_secs(90));
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human_duration(&Duration::from_secs(90)), "90 s");
        assert_eq!(human_duration(&Duration::from_secs(900)), "15.0 min");
        assert_eq!(human_duration(&Duration::from_secs(27_000)), "7.5 h");
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
            assert!(limiter.acquire(None));
        }
        // 6 requests at 50/s: the 6th waits 5 × 20 ms.
        assert!(start.elapsed() >= Duration::from_millis(95), "{:?}", start.elapsed());
        limiter.pause_until(Instant::now() + Duration::from_millis(60));
        // A slot past the deadline is refused at once.
        let t = Instant::now();
        assert!(!limiter.acquire(Some(Instant::now() + Duration::from_millis(10))));
        assert!(t.elapsed() < Duration::from_millis(50));
        assert!(limiter.acquire(None));
        assert!(t.elapsed() >= Duration::from_millis(55));
    }
}

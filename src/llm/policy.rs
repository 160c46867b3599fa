//! Retry, backoff, timeout and format-fallback policy, as pure data and pure functions.
//!
//! Why pure: the native client (ureq + threads) and the browser client (fetch) must behave the
//! same, and the behaviour must be testable without clocks or sockets. Transports report what
//! happened ([`Failure`]) and sleep for what [`RetryPolicy::decide`] says; the current time is passed
//! in (for `Retry-After` HTTP dates), never read here.
//!
//! Rules:
//! - retry on 408, 409, 429 and 5xx, and on connection errors and timeouts (timeouts at most
//!   `timeout_retries` times: a slow model will usually be slow again);
//! - never retry other 4xx (bad request, auth): they won't change;
//! - wait `Retry-After` when the server sends it (seconds or an HTTP date), else a deterministic
//!   exponential backoff `base · 2^(attempt-1)` capped at `max_delay_ms` (no jitter: runs are
//!   reproducible; concurrency is small, so thundering herds are not a concern);
//! - give up when the server asks for a longer wait than `max_retry_after_ms`, or after
//!   `max_attempts` attempts in all.
//! - a 4xx/5xx whose message mentions `response_format` / `json_schema` / `json_object` means the
//!   server does not support that format: fall back to the next [`ResponseMode`] at once (this
//!   does not count as a retry).

use serde::{Deserialize, Serialize};

use super::request::ResponseMode;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetryPolicy {
    /// Attempts in all (1 = no retry).
    pub max_attempts: u32,
    pub base_delay_ms: u64,
    pub max_delay_ms: u64,
    /// Longest `Retry-After` wait honoured; a longer one gives up.
    pub max_retry_after_ms: u64,
    /// How many of the retries may follow a timeout.
    pub timeout_retries: u32,
    pub connect_timeout_ms: u64,
    /// Whole request (send + model time + body).
    pub request_timeout_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay_ms: 500,
            max_delay_ms: 8_000,
            max_retry_after_ms: 60_000,
            timeout_retries: 1,
            connect_timeout_ms: 5_000,
            request_timeout_ms: 120_000,
        }
    }
}

/// What went wrong with one attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// A non-2xx response.
    Status(u16),
    /// Connection refused / reset / DNS: nothing (complete) came back.
    Connect,
    Timeout,
}

/// What to do next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then try again.
    RetryAfter { delay_ms: u64 },
    /// Stop; `why` explains (for the error message).
    GiveUp { why: String },
}

impl RetryPolicy {
    /// Whether this HTTP status is worth retrying.
    pub fn retryable_status(status: u16) -> bool {
        matches!(status, 408 | 409 | 429) || (500..600).contains(&status)
    }

    /// Backoff before attempt `attempt + 1`, after `attempt` (1-based) failed attempts.
    pub fn backoff_ms(&self, attempt: u32) -> u64 {
        let exp = attempt.saturating_sub(1).min(32);
        self.base_delay_ms.saturating_mul(1u64 << exp).min(self.max_delay_ms)
    }

    /// The whole deterministic schedule of waits (without Retry-After), for documentation and tests.
    pub fn schedule_ms(&self) -> Vec<u64> {
        (1..self.max_attempts).map(|a| self.backoff_ms(a)).collect()
    }

    /// Decides after `attempt` (1-based) failed with `failure`. `timeouts_so_far` counts earlier
    /// timed-out attempts including this one; `retry_after` is the raw header; `now_unix_secs` is the
    /// current time (only used for an HTTP-date `Retry-After`).
    pub fn decide(&self, attempt: u32, failure: &Failure, timeouts_so_far: u32, retry_after: Option<&str>, now_unix_secs: u64) -> Decision {
        match failure {
            Failure::Status(s) if !Self::retryable_status(*s) => return Decision::GiveUp { why: format!("HTTP {s} is not retryable") },
            Failure::Timeout if timeouts_so_far > self.timeout_retries => {
                return Decision::GiveUp { why: format!("{timeouts_so_far} timeouts") };
            }
            _ => {}
        }
        if attempt >= self.max_attempts {
            return Decision::GiveUp { why: format!("{attempt} attempts") };
        }
        if let Some(wait) = retry_after.and_then(|v| parse_retry_after_ms(v, now_unix_secs)) {
            if wait > self.max_retry_after_ms {
                return Decision::GiveUp {
                    why: format!(
                        "the server asked to retry after {} s, more than the {} s limit",
                        wait / 1000,
                        self.max_retry_after_ms / 1000
                    ),
                };
            }
            return Decision::RetryAfter { delay_ms: wait };
        }
        Decision::RetryAfter { delay_ms: self.backoff_ms(attempt) }
    }
}

/// Whether an error response means "this response format is not supported", so the next
/// [`ResponseMode`] should be tried. Any 4xx/5xx whose body names the format parameter qualifies
/// (llama-cpp-python answers 500 with a pydantic message; OpenAI-style servers 400).
pub fn format_fallback(mode: ResponseMode, status: u16, body: &str) -> Option<ResponseMode> {
    if !(400..600).contains(&status) || status == 401 || status == 403 || status == 429 {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let mentions = ["response_format", "json_schema", "json_object", "response format", "structured output", "grammar"]
        .iter()
        .any(|w| lower.contains(w));
    mentions.then(|| mode.fallback()).flatten()
}

/// Parses `Retry-After`: delta-seconds or an HTTP date (IMF-fixdate, RFC 850, asctime), as the wait
/// in milliseconds from `now_unix_secs` (0 for dates in the past). `None` if unparseable.
pub fn parse_retry_after_ms(value: &str, now_unix_secs: u64) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<u64>().ok().map(|s| s.saturating_mul(1000));
    }
    let at = parse_http_date(v)?;
    Some(at.saturating_sub(now_unix_secs).saturating_mul(1000))
}

/// An HTTP date as Unix seconds.
pub fn parse_http_date(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split([' ', ',']).filter(|p| !p.is_empty()).collect();
    let (day, month, year, time) = match parts.as_slice() {
        // Sun, 06 Nov 1994 08:49:37 GMT
        [_, d, m, y, t, "GMT"] => (d.parse::<u32>().ok()?, month_number(m)?, y.parse::<i64>().ok()?, *t),
        // Sunday, 06-Nov-94 08:49:37 GMT
        [_, dmy, t, "GMT"] => {
            let mut it = dmy.split('-');
            let d = it.next()?.parse::<u32>().ok()?;
            let m = month_number(it.next()?)?;
            let y2 = it.next()?.parse::<i64>().ok()?;
            // RFC 7231: a two-digit year more than 50 years in the future is in the past century.
            (d, m, if y2 < 70 { 2000 + y2 } else { 1900 + y2 }, *t)
        }
        // Sun Nov  6 08:49:37 1994
        [_, m, d, t, y] => (d.parse::<u32>().ok()?, month_number(m)?, y.parse::<i64>().ok()?, *t),
        _ => return None,
    };
    let hms: Vec<u32> = time.split(':').map(|x| x.parse::<u32>().ok()).collect::<Option<_>>()?;
    let [h, mi, s] = hms[..] else { return None };
    if !(1..=31).contains(&day) || h > 23 || mi > 59 || s > 60 || year < 1970 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    u64::try_from(days * 86_400 + i64::from(h * 3600 + mi * 60 + s)).ok()
}

fn month_number(m: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = m.to_ascii_lowercase();
    MONTHS.iter().position(|x| *x == lower).map(|i| i as u32 + 1)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date (year, month 1–12, day 1–31) of a day count since 1970-01-01:
/// the inverse of `days_from_civil` (Howard Hinnant's algorithm). Shared by everything that
/// writes dates without a date crate (the parquet import's RFC 3339 times, test HTTP dates).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for days in [-719_468, -1, 0, 59, 60, 10_957, 19_844, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{days}: {y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_844), (2024, 5, 1));
    }

    #[test]
    fn deterministic_exponential_schedule() {
        let p = RetryPolicy::default();
        assert_eq!(p.schedule_ms(), vec![500, 1000, 2000]);
        let p = RetryPolicy { max_attempts: 8, ..RetryPolicy::default() };
        assert_eq!(p.schedule_ms(), vec![500, 1000, 2000, 4000, 8000, 8000, 8000]);
        assert_eq!(RetryPolicy { base_delay_ms: u64::MAX, ..p.clone() }.backoff_ms(40), p.max_delay_ms);
    }

    #[test]
    fn which_failures_retry() {
        let p = RetryPolicy::default();
        for s in [408, 409, 429, 500, 502, 503, 504] {
            assert_eq!(p.decide(1, &Failure::Status(s), 0, None, 0), Decision::RetryAfter { delay_ms: 500 }, "{s}");
        }
        for s in [400, 401, 403, 404, 422] {
            assert!(matches!(p.decide(1, &Failure::Status(s), 0, None, 0), Decision::GiveUp { .. }), "{s}");
        }
        assert_eq!(p.decide(2, &Failure::Connect, 0, None, 0), Decision::RetryAfter { delay_ms: 1000 });
        assert!(matches!(p.decide(4, &Failure::Connect, 0, None, 0), Decision::GiveUp { .. }));
        // One timeout may be retried, a second gives up.
        assert_eq!(p.decide(1, &Failure::Timeout, 1, None, 0), Decision::RetryAfter { delay_ms: 500 });
        assert!(matches!(p.decide(2, &Failure::Timeout, 2, None, 0), Decision::GiveUp { .. }));
    }

    #[test]
    fn retry_after_seconds_and_dates_are_honoured() {
        let p = RetryPolicy::default();
        assert_eq!(p.decide(1, &Failure::Status(429), 0, Some("3"), 0), Decision::RetryAfter { delay_ms: 3000 });
        assert_eq!(p.decide(1, &Failure::Status(503), 0, Some(" 0 "), 0), Decision::RetryAfter { delay_ms: 0 });
        let now = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(
            p.decide(1, &Failure::Status(429), 0, Some("Sun, 06 Nov 1994 08:49:47 GMT"), now),
            Decision::RetryAfter { delay_ms: 10_000 }
        );
        // A date in the past means "now".
        assert_eq!(p.decide(1, &Failure::Status(429), 0, Some("Sun, 06 Nov 1994 08:49:00 GMT"), now), Decision::RetryAfter { delay_ms: 0 });
        // Garbage falls back to the backoff.
        assert_eq!(p.decide(1, &Failure::Status(429), 0, Some("soon"), now), Decision::RetryAfter { delay_ms: 500 });
        // Too long a wait gives up, with the reason.
        match p.decide(1, &Failure::Status(429), 0, Some("3600"), 0) {
            Decision::GiveUp { why } => assert!(why.contains("3600 s"), "{why}"),
            other => panic!("{other:?}"),
        }
        // Retry-After does not extend the attempt budget.
        assert!(matches!(p.decide(4, &Failure::Status(429), 0, Some("1"), 0), Decision::GiveUp { .. }));
    }

    #[test]
    fn http_dates_in_all_three_formats() {
        let expected = 784_111_777; // 1994-11-06T08:49:37Z
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(expected));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(expected));
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(expected));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_http_date("Tue, 29 Feb 2028 23:59:59 GMT"), Some(1_835_481_599));
        for bad in ["", "tomorrow", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:00:00 GMT", "Sun, 06 Nov 1994 08:49 GMT"] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn format_rejections_fall_back_in_order() {
        // llama-cpp-python's answer to json_schema.
        let body = r#"{"detail":[{"loc":["body","response_format","type"],"msg":"Input should be 'text' or 'json_object'"}]}"#;
        assert_eq!(format_fallback(ResponseMode::JsonSchema, 500, body), Some(ResponseMode::JsonObject));
        assert_eq!(format_fallback(ResponseMode::JsonSchema, 400, "json_schema not supported"), Some(ResponseMode::JsonObject));
        assert_eq!(format_fallback(ResponseMode::JsonObject, 400, "Unsupported response_format"), Some(ResponseMode::Plain));
        assert_eq!(format_fallback(ResponseMode::Plain, 400, "response_format"), None);
        // Not about the format, or not an error: no fallback.
        assert_eq!(format_fallback(ResponseMode::JsonSchema, 500, "out of memory"), None);
        assert_eq!(format_fallback(ResponseMode::JsonSchema, 200, "json_schema"), None);
        assert_eq!(format_fallback(ResponseMode::JsonSchema, 401, "bad key for json_schema"), None);
        assert_eq!(format_fallback(ResponseMode::JsonSchema, 429, "json_schema"), None);
    }
}

//! The few URL operations the crawler needs, without a URL crate: percent-encoding query values and
//! path segments, resolving a `Link` target against the page it came from (RFC 3986 §5.2, enough
//! for absolute, scheme-relative, absolute-path, query-only and relative-path references), and
//! reading RFC 8288 `Link` headers.

/// Percent-encodes everything except RFC 3986 unreserved characters (and `/` when `keep_slash`).
pub fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `scheme://authority` of an absolute URL.
fn origin(base: &str) -> Option<&str> {
    let scheme_end = base.find("://")?;
    let rest = &base[scheme_end + 3..];
    let end = rest.find(['/', '?', '#']).map(|i| scheme_end + 3 + i).unwrap_or(base.len());
    Some(&base[..end])
}

fn has_scheme(reference: &str) -> bool {
    match reference.find(':') {
        Some(i) if i > 0 => {
            let scheme = &reference[..i];
            scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !reference[..i].contains('/')
        }
        _ => false,
    }
}

/// Removes `.` and `..` segments (RFC 3986 §5.2.4).
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if path.starts_with('/') && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Resolves `reference` (from a `Link` header) against the absolute URL `base` of the response
/// that carried it. Fragments are dropped (they never reach the server).
pub fn resolve(base: &str, reference: &str) -> Option<String> {
    let reference = reference.trim();
    let reference = reference.split('#').next().unwrap_or("");
    if has_scheme(reference) {
        return Some(reference.to_string());
    }
    let origin = origin(base)?;
    if let Some(rest) = reference.strip_prefix("//") {
        let scheme = &base[..base.find("://")?];
        return Some(format!("{scheme}://{rest}"));
    }
    let base_no_frag = base.split('#').next().unwrap_or(base);
    let base_path_and_query = &base_no_frag[origin.len()..];
    let (base_path, _) = base_path_and_query.split_once('?').unwrap_or((base_path_and_query, ""));
    let base_path = if base_path.is_empty() { "/" } else { base_path };
    if reference.is_empty() {
        return Some(base_no_frag.to_string());
    }
    if reference.starts_with('?') {
        return Some(format!("{origin}{base_path}{reference}"));
    }
    let (ref_path, ref_query) = match reference.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (reference, None),
    };
    let merged = if ref_path.starts_with('/') {
        ref_path.to_string()
    } else {
        let dir = &base_path[..base_path.rfind('/').map(|i| i + 1).unwrap_or(0)];
        format!("{dir}{ref_path}")
    };
    let path = remove_dot_segments(&merged);
    Some(match ref_query {
        Some(q) => format!("{origin}{path}?{q}"),
        None => format!("{origin}{path}"),
    })
}

/// Splits a `Link` header value on the commas that separate link-values (not those inside `<…>` or
/// quoted strings).
fn split_link_values(value: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut in_angle, mut in_quote, mut escaped) = (false, false, false);
    let mut start = 0;
    for (i, c) in value.char_indices() {
        if in_quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_quote = false;
            }
            continue;
        }
        match c {
            '<' => in_angle = true,
            '>' => in_angle = false,
            '"' if !in_angle => in_quote = true,
            ',' if !in_angle => {
                parts.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    parts
}

/// The target of the first `rel="next"` link among `Link` header values (RFC 8288: rel may be
/// quoted or not, hold several space-separated relation types, and is case-insensitive). The
/// target is returned as written; resolve it with [`resolve`].
pub fn next_link<'a>(headers: impl IntoIterator<Item = &'a str>) -> Option<String> {
    for header in headers {
        for link_value in split_link_values(header) {
            let link_value = link_value.trim();
            let Some(open) = link_value.find('<') else { continue };
            let Some(close) = link_value[open..].find('>').map(|i| open + i) else { continue };
            let target = link_value[open + 1..close].trim();
            for param in link_value[close + 1..].split(';') {
                let Some((name, val)) = param.split_once('=') else { continue };
                if !name.trim().eq_ignore_ascii_case("rel") {
                    continue;
                }
                let val = val.trim().trim_matches('"');
                if val.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("next")) {
                    return Some(target.to_string());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_query_values_and_paths() {
        assert_eq!(encode("text-generation", false), "text-generation");
        assert_eq!(encode("a b&c=d/é", false), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(encode("org/model.v1_x~", true), "org/model.v1_x~");
    }

    #[test]
    fn resolves_references() {
        let base = "http://127.0.0.1:8080/api/models?limit=10&cursor=abc";
        assert_eq!(resolve(base, "https://huggingface.co/api/models?cursor=x").unwrap(), "https://huggingface.co/api/models?cursor=x");
        assert_eq!(resolve(base, "/api/models?cursor=x").unwrap(), "http://127.0.0.1:8080/api/models?cursor=x");
        assert_eq!(resolve(base, "?cursor=y").unwrap(), "http://127.0.0.1:8080/api/models?cursor=y");
        assert_eq!(resolve(base, "models?cursor=z").unwrap(), "http://127.0.0.1:8080/api/models?cursor=z");
        assert_eq!(resolve(base, "../v2/models").unwrap(), "http://127.0.0.1:8080/v2/models");
        assert_eq!(resolve(base, "//mirror.example/api/models?p=2").unwrap(), "http://mirror.example/api/models?p=2");
        assert_eq!(resolve("http://h", "x?y").unwrap(), "http://h/x?y");
        assert_eq!(resolve(base, "./models#frag").unwrap(), "http://127.0.0.1:8080/api/models");
        assert!(resolve("not a url", "/x").is_none());
    }

    #[test]
    fn finds_next_links() {
        assert_eq!(next_link(["<https://h/api/models?cursor=a>; rel=\"next\""]).unwrap(), "https://h/api/models?cursor=a");
        assert_eq!(next_link(["</p?c=1,2>; rel=prev, </p?c=3>; REL=Next"]).unwrap(), "/p?c=3");
        assert_eq!(next_link(["<a>; rel=\"prev\"", "<b>; title=\"x, rel=next\"; rel=\"last next\""]).unwrap(), "b");
        assert_eq!(next_link(["<a>; rel=\"prev\""]), None);
        assert_eq!(next_link(Vec::<&str>::new()), None);
        assert_eq!(next_link(["garbage"]), None);
    }
}

//! The crawler's URLs, built and resolved with the `url` crate (WHATWG parsing, RFC 3986
//! reference resolution, percent-encoding of path segments and query values), plus the one thing
//! that crate does not do: reading RFC 8288 `Link` headers.
//!
//! Why origins matter here: a listing page names the next one in its `Link` header, and the
//! crawler sends the Hub token with its requests. [`same_origin`] is the check that keeps both the
//! crawl and the token on the endpoint's origin (scheme, host and port).

use url::Url;

/// The listing `/api/models` under `endpoint` (which may carry a path prefix, e.g. a mirror).
pub fn api_models(endpoint: &Url) -> Url {
    let mut u = endpoint.clone();
    u.set_query(None);
    u.set_fragment(None);
    u.path_segments_mut().expect("an http(s) URL has a path").pop_if_empty().extend(["api", "models"]);
    u
}

/// `{endpoint}/{org}/{name}/resolve/main/README.md`, each id segment percent-encoded.
pub fn readme(endpoint: &Url, id: &str) -> Url {
    let mut u = endpoint.clone();
    u.set_query(None);
    u.set_fragment(None);
    u.path_segments_mut().expect("an http(s) URL has a path").pop_if_empty().extend(id.split('/')).extend(["resolve", "main", "README.md"]);
    u
}

/// `url` without the query parameters named `name` (or `name[]`).
pub fn without_param(url: &Url, name: &str) -> Url {
    let bracketed = format!("{name}[]");
    let kept: Vec<(String, String)> =
        url.query_pairs().filter(|(k, _)| k != name && *k != bracketed.as_str()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let mut u = url.clone();
    u.set_query(None);
    if !kept.is_empty() {
        u.query_pairs_mut().extend_pairs(kept);
    }
    u
}

/// Whether `a` and `b` have the same origin (scheme, host, port; default ports made explicit).
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
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
/// target is returned as written; resolve it with `Url::join` against the page that carried it.
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
    fn builds_listing_and_card_urls() {
        let hub = Url::parse("https://huggingface.co").unwrap();
        assert_eq!(api_models(&hub).as_str(), "https://huggingface.co/api/models");
        let mirror = Url::parse("http://127.0.0.1:9/hub/").unwrap();
        assert_eq!(api_models(&mirror).as_str(), "http://127.0.0.1:9/hub/api/models");
        assert_eq!(readme(&hub, "org/model.v1_x~").as_str(), "https://huggingface.co/org/model.v1_x~/resolve/main/README.md");
        // Segments are encoded; dot segments cannot climb out of the repository path.
        assert_eq!(readme(&hub, "a b/c?d").as_str(), "https://huggingface.co/a%20b/c%3Fd/resolve/main/README.md");
        assert_eq!(readme(&hub, "../x").as_str(), "https://huggingface.co/x/resolve/main/README.md");
        let mut q = api_models(&hub);
        q.query_pairs_mut().append_pair("pipeline_tag", "a b&c=d/é");
        assert_eq!(q.query(), Some("pipeline_tag=a+b%26c%3Dd%2F%C3%A9"));
    }

    #[test]
    fn drops_a_query_parameter() {
        let u = Url::parse("http://h/api/models?full=true&expand=a&limit=5&expand%5B%5D=b&cursor=x%2By").unwrap();
        assert_eq!(without_param(&u, "expand").as_str(), "http://h/api/models?full=true&limit=5&cursor=x%2By");
    }

    #[test]
    fn origins() {
        let base = Url::parse("http://127.0.0.1:8080/api/models?limit=10&cursor=abc").unwrap();
        let join = |r: &str| base.join(r).unwrap();
        assert!(same_origin(&base, &join("/api/models?cursor=x")));
        assert!(same_origin(&base, &join("?cursor=y")));
        assert!(same_origin(&base, &join("models?cursor=z")));
        assert!(same_origin(&base, &join("http://127.0.0.1:8080/api/models?c=1")));
        assert!(!same_origin(&base, &join("http://127.0.0.1:8081/api/models")), "another port");
        assert!(!same_origin(&base, &join("//mirror.example/api/models?p=2")), "protocol-relative");
        assert!(!same_origin(&base, &join("https://127.0.0.1:8080/api/models")), "another scheme");
        assert!(same_origin(&Url::parse("https://h/").unwrap(), &Url::parse("https://h:443/x").unwrap()), "default port");
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

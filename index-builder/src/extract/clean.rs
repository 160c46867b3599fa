//! Text hygiene for values that end up in template fields.
//!
//! Why a module of its own: every field (description, limitations, demo, …) is read by BM25F and
//! shown to people, so the same rules must hold everywhere — no HTML tags, no badge images or bare
//! URLs, no BibTeX, no template placeholders ("[More Information Needed]"), whitespace collapsed,
//! and a hard length cap that never splits a UTF-8 character and prefers to stop at a sentence end.
//! All functions are linear in their input and never panic.

use std::sync::LazyLock;

use regex::Regex;

/// The first `max_bytes` bytes of `s`, cut back to a char boundary.
pub fn cap_bytes(s: &str, max_bytes: usize) -> &str {
    if s.len() <= max_bytes {
        return s;
    }
    let mut end = max_bytes;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The last `max_bytes` bytes of `s`, cut forward to a char boundary.
pub fn tail_bytes(s: &str, max_bytes: usize) -> &str {
    let mut from = s.len().saturating_sub(max_bytes);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

/// Collapses every run of whitespace (and control characters such as NUL) into one space.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() || c == '\u{FEFF}' || c == '\u{200B}' {
            pending_space = true;
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out
}

/// Like [`collapse_ws`] but keeps single line breaks (runs of blank lines become one break), so
/// "Label: value" lines written without list markers stay apart.
pub fn collapse_ws_keep_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        let l = collapse_ws(line);
        if l.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&l);
    }
    out
}

/// Shortens `s` to at most `max` characters. Prefers to stop after a sentence end found in the
/// last 40% of the allowed span, else at a word boundary (then appends "…").
pub fn truncate(s: &str, max: usize) -> String {
    let s = s.trim();
    let Some((cut, _)) = s.char_indices().nth(max) else {
        return s.to_string();
    };
    // `cut` is the byte offset of char number `max`: s[..cut] has exactly `max` chars.
    let head = &s[..cut];
    let min_keep = head.len() * 6 / 10;
    let sentence_end = head
        .char_indices()
        .filter(|&(i, c)| {
            i >= min_keep
                && (matches!(c, '。' | '！' | '？') || (matches!(c, '.' | '!' | '?') && head[i + c.len_utf8()..].starts_with(' ')))
        })
        .map(|(i, c)| i + c.len_utf8())
        .next_back();
    if let Some(end) = sentence_end {
        return head[..end].trim_end().to_string();
    }
    // Leave room for the ellipsis.
    let head = match head.char_indices().last() {
        Some((i, _)) => &head[..i],
        None => head,
    };
    let end = head.rfind(' ').filter(|&i| i >= min_keep).unwrap_or(head.len());
    let mut out = head[..end].trim_end().to_string();
    out.push('…');
    out
}

/// Removes `<!-- … -->` comments (an unterminated comment runs to the end). Linear.
pub fn strip_html_comments(s: &str) -> String {
    if !s.contains("<!--") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start + 4..].find("-->") {
            Some(end) => rest = &rest[start + 4 + end + 3..],
            None => {
                rest = "";
            }
        }
        out.push(' ');
    }
    out.push_str(rest);
    out
}

/// Removes HTML/XML tags (`<div …>`, `</p>`, `<br/>`, `<!doctype>`), keeping the text between them,
/// and decodes the handful of entities cards use. A `<` that does not open a tag is kept.
pub fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let opens_tag = after.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if opens_tag {
            // A tag ends at the next '>' (bounded: tags longer than 2,000 bytes are text).
            let window = cap_bytes(after, 2000);
            if let Some(end) = window.find('>') {
                out.push(' ');
                rest = &after[end + 1..];
                continue;
            }
        }
        out.push('<');
        rest = after;
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&copy;", "©")
        .replace("&amp;", "&")
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:https?|ftp|magnet)://?[^\s)\]>]+|(?-u:\b)www\.[^\s)\]>]+").unwrap());

/// Removes bare URLs from prose (link targets are collected separately, by `links`).
pub fn strip_urls(s: &str) -> String {
    if !s.contains("://") && !s.contains("www.") {
        return s.to_string();
    }
    URL.replace_all(s, "").into_owned()
}

/// Removes BibTeX entries (`@article{key, … }`, braces balanced; an unbalanced entry runs to the end).
pub fn strip_bibtex(s: &str) -> String {
    static START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)@(?:article|inproceedings|misc|book|techreport|online|software|phdthesis|unpublished|incollection|manual)\s*\{")
            .unwrap()
    });
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(m) = START.find(rest) {
        out.push_str(&rest[..m.start()]);
        let mut depth = 0usize;
        let mut end = rest.len();
        for (i, c) in rest[m.end() - 1..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = m.end() - 1 + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Phrases the Hub's card templates leave in place of missing content.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\[?\s*(?-u:\b)(?:more information needed|needs more information|more info(?:rmation)? (?:is )?needed|information needed|to be added|coming soon|to be announced|tbd|tba|todo|n/a|click to expand|click to see|view model plot)(?-u:\b)\s*\]?\.?",
    )
    .unwrap()
});

/// Boilerplate sentences of the Hub's default model-card template: they say nothing about the model.
const BOILERPLATE: &[&str] = &[
    "this is the model card of a 🤗 transformers model that has been pushed on the hub",
    "this model card has been automatically generated",
    "use the code below to get started with the model",
    "users (both direct and downstream) should be made aware of the risks, biases and limitations of the model",
    "more information needed for further recommendations",
    "carbon emissions can be estimated using the machine learning impact calculator",
    "this model card has been generated automatically according to the information",
    "you should probably proofread and complete it, then remove this comment",
    "provide a quick summary of what the model is/does",
    "model card for model id",
    "this modelcard aims to be a base template for new models",
    "it has been generated using this raw template",
    "for further recommendations.",
];

/// Removes template placeholders and the default template's boilerplate sentences, then drops
/// "Label:" stubs that have lost their value.
pub fn strip_placeholders(s: &str) -> String {
    let mut t = s.to_string();
    let lower = t.to_lowercase();
    if BOILERPLATE.iter().any(|b| lower.contains(b)) {
        t = split_sentences(&t)
            .into_iter()
            .filter(|sentence| {
                let l = sentence.to_lowercase();
                !BOILERPLATE.iter().any(|b| l.contains(b))
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    if PLACEHOLDER.is_match(&t) {
        t = PLACEHOLDER.replace_all(&t, " ").into_owned();
    }
    static EMPTY_LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:[-*]\s*)?\**[\w ()\[\]/&,'.-]{1,40}:\**\s*(?:\[optional\])?$").unwrap());
    let t: Vec<String> = t
        .lines()
        .map(|line| {
            line.split(';')
                .filter(|seg| {
                    let seg = seg.trim();
                    !seg.is_empty() && !EMPTY_LABEL.is_match(seg)
                })
                .collect::<Vec<_>>()
                .join(";")
        })
        .collect();
    let t = t.join("\n");
    collapse_ws(&t)
}

/// Splits text into sentences (". ", "! ", "? ", CJK full stops, line breaks). Cheap and approximate.
pub fn split_sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        let boundary = match c {
            '.' => (end >= bytes.len() || bytes[end] == b' ' || bytes[end] == b'\n') && !is_abbreviation(&s[start..i]),
            '!' | '?' => end >= bytes.len() || bytes[end] == b' ' || bytes[end] == b'\n',
            '。' | '！' | '？' | '\n' => true,
            _ => false,
        };
        if boundary {
            let piece = s[start..end].trim();
            if !piece.is_empty() {
                out.push(piece);
            }
            start = end;
        }
    }
    let piece = s[start..].trim();
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// "et al.", "e.g.", "i.e.", "vs.", "Fig.": a full stop that does not end a sentence.
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let w = word.to_ascii_lowercase();
    matches!(
        w.as_str(),
        "al" | "e.g" | "i.e" | "vs" | "fig" | "no" | "approx" | "eq" | "dr" | "mr" | "ms" | "mrs" | "inc" | "ltd" | "cf" | "etc" | "st"
    ) || (w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
}

/// True when `s` carries real content: at least `min_chars` characters after placeholders are
/// removed, two or more words, and mostly letters rather than punctuation or digits.
pub fn is_meaningful(s: &str, min_chars: usize) -> bool {
    let t = s.trim();
    if t.chars().count() < min_chars || t.split_whitespace().count() < 2 {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters * 2 >= t.chars().filter(|c| !c.is_whitespace()).count()
}

/// Full prose cleanup: comments, tags, BibTeX, URLs, placeholders, whitespace, then the cap.
pub fn prose(s: &str, max: usize) -> String {
    let t = strip_html_comments(s);
    let t = strip_tags(&t);
    let t = strip_bibtex(&t);
    let t = strip_urls(&t);
    let t = strip_placeholders(&t);
    truncate(&t, max)
}

/// Cleans a code snippet: keeps line structure and indentation (a demo with collapsed whitespace
/// is unreadable Python), drops trailing spaces, control characters and blank-line runs, caps length.
pub fn code(s: &str, max: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in s.lines() {
        let line: String = line.chars().map(|c| if c == '\t' { ' ' } else { c }).filter(|c| !c.is_control()).collect();
        let line = line.trim_end().to_string();
        if line.is_empty() && lines.last().is_none_or(|l: &String| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let joined = lines.join("\n");
    let Some((cut, _)) = joined.char_indices().nth(max) else {
        return joined;
    };
    let head = &joined[..cut];
    match head.rfind('\n') {
        Some(i) if i > 0 => format!("{}\n…", &head[..i]),
        _ => {
            let mut h: String = head.chars().take(max.saturating_sub(1)).collect();
            h.push('…');
            h
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_chars_and_prefers_sentences() {
        let s = "Ünïcödé text. ".repeat(200);
        let t = truncate(&s, 100);
        assert!(t.chars().count() <= 100);
        assert!(t.ends_with('.'), "{t}");
        let words = "wörd ".repeat(500);
        let t = truncate(&words, 57);
        assert!(t.chars().count() <= 57 && t.ends_with('…'), "{t}");
        assert_eq!(truncate("short", 10), "short");
        let cjk = "模型".repeat(800);
        assert!(truncate(&cjk, 1000).chars().count() <= 1000);
        assert_eq!(cap_bytes("aé", 2), "a");
    }

    #[test]
    fn tags_comments_and_entities() {
        let s = "<div align=\"center\"><img src=\"x.png\"/></div> Fast &amp; small <!-- hidden\nnote --> model 3 < 4";
        assert_eq!(collapse_ws(&strip_tags(&strip_html_comments(s))), "Fast & small model 3 < 4");
        assert_eq!(collapse_ws(&strip_html_comments("a <!-- never closed")), "a");
    }

    #[test]
    fn placeholders_and_boilerplate_vanish() {
        assert_eq!(strip_placeholders("[More Information Needed]"), "");
        assert_eq!(strip_placeholders("- **Developed by:** [More Information Needed]"), "");
        let s = "Use the code below to get started with the model. It tags people.";
        assert_eq!(strip_placeholders(s), "It tags people.");
        assert!(!is_meaningful(&strip_placeholders("More information needed"), 10));
    }

    #[test]
    fn bibtex_and_urls() {
        let s = "See @article{x, title={A {Nested} Title}, year={2020}} and https://arxiv.org/abs/1234.5678 now";
        assert_eq!(collapse_ws(&strip_urls(&strip_bibtex(s))), "See and now");
        assert_eq!(strip_bibtex("@misc{open, title={never"), "");
    }

    #[test]
    fn code_keeps_indentation() {
        let c = code("def f():\n\n\n    return 1   \n\n", 600);
        assert_eq!(c, "def f():\n\n    return 1");
        let long = "x = 1\n".repeat(300);
        let c = code(&long, 50);
        assert!(c.chars().count() <= 52 && c.ends_with('…'));
    }
}

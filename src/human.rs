//! Quantities and text for people: one formatter per quantity, used by verdict reasons, results,
//! prompts, exports, the page and the CLI alike.
//!
//! Why one place: the same number must read the same everywhere ("7.24B" in a verdict, the
//! result card and the LLM prompt). Two functions with one name and different output is how a
//! verdict ends up saying "7.0B" next to a card saying "7B".

/// Parameters: "7.24B", "82M", "950K", "512".
pub fn human_params(p: u64) -> String {
    let p = p as f64;
    let (value, suffix) = if p >= 1e12 {
        (p / 1e12, "T")
    } else if p >= 1e9 {
        (p / 1e9, "B")
    } else if p >= 1e6 {
        (p / 1e6, "M")
    } else if p >= 1e3 {
        (p / 1e3, "K")
    } else {
        return format!("{p}");
    };
    format!("{}{suffix}", three_significant(value))
}

/// Bytes (memory estimates, download sizes): "14.5 GB", "350 MB", "840 KB", "512 B".
pub fn human_bytes(b: u64) -> String {
    let f = b as f64;
    if f >= 1e9 {
        format!("{:.1} GB", f / 1e9)
    } else if f >= 1e6 {
        format!("{:.0} MB", f / 1e6)
    } else if f >= 1e3 {
        format!("{:.0} KB", f / 1e3)
    } else {
        format!("{b} B")
    }
}

/// Counts (downloads, likes): "1.2M", "34.5K", "12K", "999".
pub fn human_count(n: u64) -> String {
    let f = n as f64;
    if f >= 1e9 {
        format!("{:.1}B", f / 1e9)
    } else if f >= 1e6 {
        format!("{:.1}M", f / 1e6)
    } else if f >= 1e4 {
        format!("{:.0}K", f / 1e3)
    } else if f >= 1e3 {
        format!("{:.1}K", f / 1e3)
    } else {
        n.to_string()
    }
}

/// A number with about three significant digits and no trailing zeros ("7.24", "46.7", "110").
pub fn three_significant(v: f64) -> String {
    let s = if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `text` cut to at most `max_chars` characters (at a char boundary); a cut text ends in "…"
/// (counted in `max_chars`), so a reader — person or LLM — knows there was more.
pub fn truncate_chars(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_string(),
        Some(_) if max_chars == 0 => String::new(),
        Some(_) => {
            let end = text.char_indices().nth(max_chars - 1).map_or(text.len(), |(i, _)| i);
            format!("{}…", &text[..end])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters() {
        assert_eq!(human_params(7_241_732_096), "7.24B");
        assert_eq!(human_params(7_000_000_000), "7B");
        assert_eq!(human_params(110_106_428), "110M");
        assert_eq!(human_params(82_000_000), "82M");
        assert_eq!(human_params(300_000), "300K");
        assert_eq!(human_params(512), "512");
        assert_eq!(human_params(1_500_000_000_000), "1.5T");
    }

    #[test]
    fn bytes_and_counts() {
        assert_eq!(human_bytes(14_500_000_000), "14.5 GB");
        assert_eq!(human_bytes(350_000_000), "350 MB");
        assert_eq!(human_bytes(840_000), "840 KB");
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_count(1_234_567), "1.2M");
        assert_eq!(human_count(12_345), "12K");
        assert_eq!(human_count(1_234), "1.2K");
        assert_eq!(human_count(999), "999");
    }

    #[test]
    fn truncation_marks_the_cut_and_keeps_char_boundaries() {
        assert_eq!(truncate_chars("héllo", 10), "héllo");
        assert_eq!(truncate_chars("héllo", 5), "héllo");
        assert_eq!(truncate_chars("héllo wörld", 5), "héll…");
        assert_eq!(truncate_chars("日本語のテキスト", 3).chars().count(), 3);
        assert_eq!(truncate_chars("abc", 0), "");
    }
}

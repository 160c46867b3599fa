//! Edit distance for words people mistype: request words against the lexicon ([`crate::rank`]'s
//! typo correction) and model-id words against language names ("portugese").
//!
//! Why its own file: both the query side and the index builder read misspellings, with one
//! definition of "one slip away".

/// Optimal-string-alignment distance (Levenshtein + adjacent swaps) of `a` and `b` if it is at most
/// `limit`; stops as soon as a whole row exceeds it.
///
/// Why no allocation for words up to [`STACK_CHARS`] characters: the builder asks this for every
/// id word against every language name (hundreds of calls per model), so the length check comes
/// before anything is collected and the three rows live on the stack.
pub fn bounded_osa(a: &[char], b: &str, limit: usize) -> Option<usize> {
    let b_len = b.chars().count();
    if a.len().abs_diff(b_len) > limit {
        return None;
    }
    if b_len < STACK_CHARS {
        let mut chars = ['\0'; STACK_CHARS];
        for (slot, c) in chars.iter_mut().zip(b.chars()) {
            *slot = c;
        }
        let mut rows = [[0usize; STACK_CHARS + 1]; 3];
        let [prev2, prev, cur] = &mut rows;
        osa_rows(a, &chars[..b_len], limit, prev2, prev, cur)
    } else {
        let chars: Vec<char> = b.chars().collect();
        let (mut prev2, mut prev, mut cur) = (vec![0; b_len + 1], vec![0; b_len + 1], vec![0; b_len + 1]);
        osa_rows(a, &chars, limit, &mut prev2, &mut prev, &mut cur)
    }
}

/// Whether `written` is `want` with at most one slip (an edit or a swap of neighbours): the test
/// the request readers apply to a word of a phrase ("commerical", "grapics"), without collecting
/// the word when it is short.
pub fn within_one_slip(written: &str, want: &str) -> bool {
    let len = written.chars().count();
    if len.abs_diff(want.chars().count()) > 1 {
        return false;
    }
    if len < STACK_CHARS {
        let mut chars = ['\0'; STACK_CHARS];
        for (slot, c) in chars.iter_mut().zip(written.chars()) {
            *slot = c;
        }
        bounded_osa(&chars[..len], want, 1).is_some()
    } else {
        bounded_osa(&written.chars().collect::<Vec<_>>(), want, 1).is_some()
    }
}

/// Words shorter than this (in characters) are compared without touching the heap.
const STACK_CHARS: usize = 32;

/// The dynamic programme over three rows of at least `b.len() + 1` cells each.
fn osa_rows(a: &[char], b: &[char], limit: usize, prev2: &mut [usize], prev: &mut [usize], cur: &mut [usize]) -> Option<usize> {
    let w = b.len() + 1;
    let (mut prev2, mut prev, mut cur) = (&mut prev2[..w], &mut prev[..w], &mut cur[..w]);
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn osa(a: &str, b: &str, limit: usize) -> Option<usize> {
        bounded_osa(&a.chars().collect::<Vec<_>>(), b, limit)
    }

    #[test]
    fn edit_distance_counts_swaps_as_one_and_stops_early() {
        assert_eq!(osa("sumarize", "summarize", 2), Some(1));
        assert_eq!(osa("transalte", "translate", 2), Some(1));
        assert_eq!(osa("kitten", "sitting", 3), Some(3));
        assert_eq!(osa("kitten", "sitting", 2), None);
        assert_eq!(osa("same", "same", 0), Some(0));
        assert_eq!(osa("abc", "abcdef", 2), None);
        assert_eq!(osa("", "ab", 2), Some(2));
        assert_eq!(osa("ab", "", 2), Some(2));
        assert!(within_one_slip("grapics", "graphics") && within_one_slip("custmers", "customers"));
        assert!(within_one_slip("cleints", "clients") && within_one_slip("same", "same"));
        assert!(!within_one_slip("grpaihcs", "graphics") && !within_one_slip("x".repeat(40).as_str(), &"y".repeat(40)));
    }

    /// Words past the stack rows take the heap path and agree with it.
    #[test]
    fn long_words_measure_the_same_as_short_ones() {
        let long = "a".repeat(40) + "xy";
        let swapped = "a".repeat(40) + "yx";
        assert_eq!(osa(&long, &swapped, 1), Some(1));
        assert_eq!(osa(&swapped, &long, 2), Some(1));
        assert_eq!(osa(&long, &("b".to_string() + &long[1..]), 1), Some(1));
        assert_eq!(osa(&long, &"b".repeat(42), 3), None);
        assert_eq!(osa("äpfel", "apfel", 1), Some(1), "characters, not bytes");
    }
}

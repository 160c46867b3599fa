//! Edit distance for words people mistype: request words against the lexicon ([`crate::rank`]'s
//! typo correction) and model-id words against language names ("portugese").
//!
//! Why its own file: both the query side and the index builder read misspellings, with one
//! definition of "one slip away".

/// Optimal-string-alignment distance (Levenshtein + adjacent swaps) of `a` and `b` if it is at most
/// `limit`; stops as soon as a whole row exceeds it.
pub fn bounded_osa(a: &[char], b: &str, limit: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
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
    }
}

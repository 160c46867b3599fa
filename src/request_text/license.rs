//! License wishes in a description → a `license` text the license policy reads: "commercial
//! use", "non-commercial is fine", "permissive", "no copyleft", "open source", "apache 2.0 or mit",
//! "no gpl".
//!
//! License names and negators come from [`crate::knowledge`]; a negator only counts in the
//! word right before, in the same clause ("not gpl" → "no gpl").

use super::words::Scan;
use super::Filled;
use crate::constraints::LicensePolicy;
use crate::knowledge::licenses::{id_in_prose, wish, ALIASES};
use crate::knowledge::quantities::{is_negator, negations_before};
use crate::knowledge::request_language::{self, is_function_word};
use crate::template::Field;

fn push_part(parts: &mut Vec<String>, p: &str) {
    if !parts.iter().any(|x| x == p) {
        parts.push(p.to_string());
    }
}

/// Length in words of the longest license name at word `i` ("apache 2.0", "mit", "cc-by-nc").
/// A one-word name that is a function word of the language the request is written in ("Laptops
/// *mit* 16 GB RAM": German "with") names the license only when written in capitals ("MIT") or
/// beside a license word ("mit-Lizenz", "Lizenz mit"): `language` is the request's
/// ([`request_language::detect`]).
fn license_name_at(scan: &Scan, i: usize, language: Option<&str>) -> Option<usize> {
    let w = &scan.words[i];
    let licence_word = |j: usize| scan.words.get(j).is_some_and(|n| wish::LICENSE_WORDS.iter().any(|l| n.lower.contains(l)));
    let common_word = language.is_some_and(|code| is_function_word(code, &w.lower))
        && scan.text[w.start..w.end].chars().any(|c| c.is_lowercase())
        && !w.lower.contains("lizenz")
        && !licence_word(i + 1)
        && !(i > 0 && licence_word(i - 1));
    let single = id_in_prose(&w.lower).filter(|_| !common_word).map(|_| 1);
    let phrase = ALIASES
        .iter()
        .filter(|(a, _)| a.contains(' ') && id_in_prose(a).is_some() && scan.matches_at(i, a))
        .map(|(a, _)| Scan::len_of(a))
        .max();
    single.max(phrase)
}

/// "commerical", "commerial", "comercial use": one slip (an edit or a swap, as the ranking's typo
/// tolerance allows for words this long) from "commercial", which a license check must not miss
/// ("the pictures are sold, so commerical use is required"). "commercials" (adverts) and other
/// words that start with it are no slip, nor is the word of another language ("comercial"),
/// which the clause reader below reads with that language's negations.
pub(super) fn misspelt_commercial(word: &str) -> bool {
    const WORD: &str = "commercial";
    word.len() >= WORD.len() - 1
        && !word.starts_with(WORD)
        && word.starts_with("com")
        && !wish::COMMERCIAL_IN_OTHER_LANGUAGES.contains(&word)
        && crate::analysis::within_one_slip(word, WORD)
}

/// Negations governing word `i` within its clause: (first word of the negated phrase, count).
fn negations_in_clause(scan: &Scan, i: usize) -> (usize, usize) {
    let clause = scan.words[i].clause;
    let start = (0..i).rev().take_while(|&j| scan.words[j].clause == clause).last().unwrap_or(i);
    let before: Vec<&str> = scan.words[start..i].iter().map(|w| w.lower.as_str()).collect();
    let count = negations_before(before.iter().copied());
    // The negated phrase starts at the farthest negator counted.
    let mut first = i;
    let mut seen = 0;
    for j in (start..i).rev() {
        if seen == count {
            break;
        }
        if is_negator(&scan.words[j].lower) {
            seen += 1;
        }
        first = j;
    }
    (if count == 0 { i } else { first }, count)
}

/// A phrase after word `i`, in its clause, that negates the wish ("commercial use is not needed").
fn negated_after(scan: &Scan, i: usize) -> bool {
    let clause = scan.words[i].clause;
    (i + 1..scan.words.len().min(i + 6))
        .take_while(|&j| scan.words[j].clause == clause)
        .any(|j| wish::NEGATED_AFTER.iter().any(|p| scan.matches_at(j, p)))
}

/// A phrase describing commercial use at word `i` ("we sell", "for our SaaS"), not negated.
fn commercial_context_at(scan: &Scan, i: usize) -> Option<usize> {
    let n = scan.longest_at(i, wish::COMMERCIAL_CONTEXT.iter().copied()).or_else(|| misspelt_context_at(scan, i))?;
    (negations_in_clause(scan, i).1 % 2 == 0).then_some(n)
}

/// A commercial phrase of two or more words with one slip in a long word ("for paying cleints",
/// "our custmers"), the first word written right: length in words. Requests are typed in a hurry,
/// and a missed sale lets a non-commercial model through.
pub(super) fn misspelt_context_at(scan: &Scan, i: usize) -> Option<usize> {
    wish::COMMERCIAL_CONTEXT
        .iter()
        .filter(|p| p.contains(' ') && p.split(' ').next().is_some_and(|first| scan.words[i].lower == first))
        .filter(|p| {
            p.split(' ').enumerate().all(|(k, want)| {
                scan.words.get(i + k).is_some_and(|w| {
                    w.lower == want
                        || (want.len() >= 6 && w.lower.len().abs_diff(want.len()) <= 1 && crate::analysis::within_one_slip(&w.lower, want))
                })
            })
        })
        .map(|p| Scan::len_of(p))
        .max()
}

/// A license word near word `i`: among the next four words ("open source license") or among the
/// six before it in its clause, a clause in parentheses belonging to the one it explains ("the
/// licence must be free (open source)", "la licence doit être libre (open source)"). "An
/// open-source chatbot" alone names the model's openness, not a license wish.
fn licence_near(scan: &Scan, i: usize) -> bool {
    let licence = |w: &super::words::Word| wish::LICENSE_WORDS.iter().any(|l| w.lower.starts_with(l));
    if scan.words.iter().skip(i).take(4).any(licence) {
        return true;
    }
    let words = &scan.words;
    (i.saturating_sub(6)..i)
        .rev()
        .take_while(|&j| {
            // Word j is still in the wish's clause, or only a '(' separates it from the next word.
            let gap = &scan.text[words[j].end..words[j + 1].start];
            words[j].clause == words[j + 1].clause || gap.trim() == "(" || gap.trim() == "（"
        })
        .any(|j| licence(&words[j]))
}

/// Reads license wishes and fills the license field.
pub(super) fn read_license(scan: &mut Scan, filled: &mut Filled) {
    let mut parts: Vec<String> = Vec::new();
    let mut taken: Vec<usize> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    // The user's own words behind each part (first..=last word), quoted in the note.
    let mut said: Vec<(usize, usize)> = Vec::new();
    let words = &scan.words;
    let language = request_language::detect(scan.text).map(|l| l.code);
    for i in 0..words.len() {
        if scan.used[i] {
            continue;
        }
        let w = words[i].lower.as_str();
        let negated = i > 0 && is_negator(&words[i - 1].lower) && words[i - 1].clause == words[i].clause;
        let from = if negated { i - 1 } else { i };
        let non_commercial = wish::NON_COMMERCIAL.contains(&w)
            || w == "non" && (scan.matches_at(i + 1, "commercial") || words.get(i + 1).is_some_and(|n| misspelt_commercial(&n.lower)))
            || w.strip_prefix("non-").is_some_and(misspelt_commercial);
        if non_commercial || w == "commercial" || w == "commercially" || w == "commercial-use" || misspelt_commercial(w) {
            // One rule with the license field: count the negations before the word (the "non" of
            // "non-commercial" is one) and a "not needed" after it; odd waives, even requires.
            let (first, negations) = negations_in_clause(scan, i);
            let last = if w == "non" { i + 1 } else { i };
            let flips = usize::from(negated_after(scan, last));
            let waives = (usize::from(non_commercial) + negations + flips) % 2 == 1;
            push_part(&mut parts, if waives { "non-commercial is fine" } else { "commercial use" });
            taken.extend(first..=last);
            said.push((first, last));
            if matches!(scan.words.get(last + 1).map(|n| n.lower.as_str()), Some("use" | "usage" | "purposes")) {
                taken.push(last + 1);
            }
        } else if let Some(n) = commercial_context_at(scan, i) {
            push_part(&mut parts, "commercial use");
            // The phrase stays in the function ("an iPhone app that we sell" is what is built).
            said.push((i, i + n - 1));
        } else if wish::RESEARCH.contains(&w) && words.get(i + 1).is_some_and(|n| matches!(n.lower.as_str(), "only" | "use" | "purposes")) {
            push_part(&mut parts, "non-commercial is fine");
            taken.extend(i..=i + 1);
            said.push((i, i + 1));
        } else if w.starts_with(wish::PERMISSIVE) {
            push_part(&mut parts, "permissive");
            taken.push(i);
            said.push((i, i));
        } else if w == wish::COPYLEFT {
            // "no copyleft", and "copyleft is not ok" (a negation after it, in its clause).
            push_part(&mut parts, if negated || negated_after(scan, i) { "no copyleft" } else { "copyleft" });
            taken.extend(from..=i);
            said.push((from, i));
        } else if (w == "open-source" || w == "open" && scan.matches_at(i + 1, "source")) && licence_near(scan, i) {
            push_part(&mut parts, "open source");
            taken.extend(i..=if w == "open" { i + 1 } else { i });
            said.push((i, if w == "open" { i + 1 } else { i }));
        } else if let Some(n) = license_name_at(scan, i, language.as_deref()) {
            let end = i + n - 1;
            let written = scan.text_of(i..end + 1).to_ascii_lowercase();
            if negated {
                push_part(&mut parts, &format!("no {written}"));
            } else if !ids.contains(&written) {
                ids.push(written);
            }
            taken.extend(from..=end);
            said.push((from, end));
        }
    }
    // Other languages: a clause whose words say commercial, selling, paid or non-commercial
    // ("ninguna licencia no comercial", "我们不要非商业许可", "una app que vendemos") is read by the
    // license field's own reader, so both sides read a wish and its negations alike. A clause that
    // names the license is the wish and leaves the function; one describing the app stays in it.
    if !parts.iter().any(|p| p.contains("commercial")) {
        for c in 0..scan.clause_count() {
            let Some(range) = scan.clause_range(c) else { continue };
            let (first, last) = (range.start, range.end - 1);
            let text = scan.text_of(range);
            let lower = text.to_lowercase();
            if !wish::NON_COMMERCIAL.iter().chain(wish::COMMERCIAL_IN_OTHER_LANGUAGES).any(|w| lower.contains(w)) {
                continue;
            }
            let Some(policy) = LicensePolicy::parse(&text) else { continue };
            let part = if policy.require_commercial {
                "commercial use"
            } else if policy.non_commercial_ok {
                "non-commercial is fine"
            } else {
                continue;
            };
            push_part(&mut parts, part);
            said.push((first, last));
            if wish::LICENSE_WORDS.iter().any(|l| lower.contains(l)) {
                taken.extend(first..=last);
            }
        }
    }
    if !ids.is_empty() {
        parts.push(ids.join(" or "));
    }
    if parts.is_empty() {
        return;
    }
    // The word "license(d)" in the same clause belongs to the wish too.
    let clauses: Vec<usize> = taken.iter().map(|&i| scan.words[i].clause).collect();
    for (i, w) in scan.words.iter().enumerate() {
        if wish::LICENSE_WORDS.iter().any(|l| w.lower.starts_with(l)) && clauses.contains(&w.clause) {
            taken.push(i);
        }
    }
    for &i in &taken {
        scan.used[i] = true;
    }
    let v = parts.join(", ");
    if LicensePolicy::parse(&v).is_some() {
        let quoted: Vec<String> = said.iter().map(|&(a, b)| format!("\"{}\"", scan.text_of(a..b + 1))).collect();
        filled.set(Field::License, v.clone(), format!("license wish '{v}' from {}", quoted.join(", ")));
    }
}

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
use crate::knowledge::quantities::{continues_negated_list, is_negator, negations_before};
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
    let licence_word = |j: usize| scan.words.get(j).is_some_and(|n| wish::mentions_license(&n.lower));
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

/// License names that also name other things (the Apache web server and its logs, MIT the
/// university and German "mit", BSD the systems): alone in a sentence they are no wish.
const NAMES_OF_OTHER_THINGS: &[&str] = &["apache", "mit", "bsd", "isc", "mpl"];

/// Whether a description states a license wish without any "license" word: "no GPL", "MIT or
/// Apache only", "GPL-3.0 is fine", "copyleft is out". A name that also names other things
/// ([`NAMES_OF_OTHER_THINGS`]: "parse our Apache logs") counts only in a wish's shape: ruled out
/// ("no MIT"), beside another license name in its clause ("MIT or Apache"), or followed by
/// "only". The description reader runs only when the sentence holds a license or commercial
/// word ([`super::constraints_in_description`]); this is the gate for the rest.
pub(super) fn names_license_wish(scan: &Scan) -> bool {
    let words = &scan.words;
    words.iter().any(|w| wish::names_copyleft(&w.lower))
        || (0..words.len()).any(|i| id_in_prose(&words[i].lower).is_some() && names_license_at(scan, i))
}

/// Whether the license name at word `i` names a license here: always, unless it also names
/// other things ([`NAMES_OF_OTHER_THINGS`]); then only beside a license word ([`licence_near`]),
/// ruled out ("no MIT"), beside another license name in its clause ("MIT or Apache"), or
/// followed by "only", "preferred" or an accepting word ("MIT is fine") — "summarize papers by
/// MIT researchers" states no wish.
fn names_license_at(scan: &Scan, i: usize) -> bool {
    let words = &scan.words;
    !NAMES_OF_OTHER_THINGS.contains(&words[i].lower.as_str())
        || licence_near(scan, i)
        || negations_in_clause(scan, i).1 % 2 == 1
        || words.iter().enumerate().any(|(j, w)| j != i && w.clause == words[i].clause && id_in_prose(&w.lower).is_some())
        || words[i + 1..]
            .iter()
            .take(2)
            .take_while(|n| n.clause == words[i].clause)
            .any(|n| matches!(n.lower.as_str(), "only" | "preferred" | "please") || wish::ACCEPTING.contains(&n.lower.as_str()))
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

/// Whether a license name or "copyleft" at word `i` is ruled out: a negation before it in its
/// clause ("no GPL", "pas de GPL", "keine GPL"), or the list of a ruled-out name ending at word
/// `ruled_out` carrying on to it ("no GPL *or other* copyleft": [`continues_negated_list`]).
/// The negated phrase's first word, when it is.
fn ruled_out_at(scan: &Scan, i: usize, ruled_out: Option<usize>) -> Option<usize> {
    let (first, count) = negations_in_clause(scan, i);
    if count % 2 == 1 {
        return Some(first);
    }
    let end = ruled_out.filter(|&e| e < i && scan.words[e].clause == scan.words[i].clause)?;
    continues_negated_list(scan.words[end + 1..i].iter().map(|w| w.lower.as_str())).then_some(end + 1)
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

/// Words at `i` that say "open source" (their count): a [`wish::OPEN_SOURCE`] phrase ("open
/// source", "código abierto"), the head of a compound ("Open-Source-Lizenzen"), or "source"
/// written with one slip ("open-sorce", "open sorce"): a request typed in a hurry still rules
/// custom terms out.
fn open_source_at(scan: &Scan, i: usize) -> Option<usize> {
    if let Some(n) = scan.longest_at(i, wish::OPEN_SOURCE.iter().copied()) {
        return Some(n);
    }
    let w = scan.words[i].lower.as_str();
    let source = |s: &str| s == "source" || s.len() >= 5 && crate::analysis::within_one_slip(s, "source");
    if let Some(rest) = w.strip_prefix("open-") {
        return source(rest.split('-').next().unwrap_or(rest)).then_some(1);
    }
    if w.strip_prefix("opensource").is_some_and(|rest| rest.is_empty() || rest.starts_with('-')) {
        return Some(1);
    }
    let next = scan.words.get(i + 1).filter(|n| n.clause == scan.words[i].clause);
    (w == "open" && next.is_some_and(|n| source(&n.lower))).then_some(2)
}

/// A license word near word `i`: among the next four words ("open source license") or among the
/// six before it in its clause, a clause in parentheses belonging to the one it explains ("the
/// licence must be free (open source)", "la licence doit être libre (open source)"). "An
/// open-source chatbot" alone names the model's openness, not a license wish.
fn licence_near(scan: &Scan, i: usize) -> bool {
    // A compound holds its license word ("Open-Source-Lizenzen").
    let licence = |w: &super::words::Word| w.lower.split('-').any(wish::is_license_word);
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
    // The last word of the latest license name or "copyleft" ruled out ("no GPL").
    let mut ruled_out: Option<usize> = None;
    for i in 0..words.len() {
        if scan.used[i] {
            continue;
        }
        let w = words[i].lower.as_str();
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
        } else if wish::names_copyleft(w) {
            // "no copyleft", "no GPL or other copyleft", and "copyleft is not ok" (a negation
            // after it, in its clause).
            let before = ruled_out_at(scan, i, ruled_out);
            let from = before.unwrap_or(i);
            if before.is_some() || negated_after(scan, i) {
                push_part(&mut parts, "no copyleft");
                ruled_out = Some(i);
            } else {
                push_part(&mut parts, "copyleft");
            }
            taken.extend(from..=i);
            said.push((from, i));
        } else if let Some(n) = open_source_at(scan, i).filter(|_| licence_near(scan, i)) {
            push_part(&mut parts, "open source");
            taken.extend(i..i + n);
            said.push((i, i + n - 1));
        } else if let Some(n) = license_name_at(scan, i, language.as_deref()).filter(|&n| n > 1 || names_license_at(scan, i)) {
            let end = i + n - 1;
            let written = scan.text_of(i..end + 1).to_ascii_lowercase();
            let before = ruled_out_at(scan, i, ruled_out);
            let from = before.unwrap_or(i);
            if before.is_some() {
                push_part(&mut parts, &format!("no {written}"));
                ruled_out = Some(end);
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
    // An open-source wish glued into its sentence ("只能用开源许可证的模型", "オープンソースのライセンス")
    // is read the same way, in a clause that names the license.
    let commercial_read = parts.iter().any(|p| p.contains("commercial"));
    let open_source_read = parts.iter().any(|p| p == "open source");
    for c in 0..scan.clause_count() {
        let Some(range) = scan.clause_range(c) else { continue };
        let (first, last) = (range.start, range.end - 1);
        let text = scan.text_of(range);
        let lower = text.to_lowercase();
        let licence_clause = wish::mentions_license(&lower);
        let commercial_words =
            !commercial_read && wish::NON_COMMERCIAL.iter().chain(wish::COMMERCIAL_IN_OTHER_LANGUAGES).any(|w| lower.contains(w));
        let open_source_words = !open_source_read && licence_clause && wish::OPEN_SOURCE.iter().any(|w| !w.is_ascii() && lower.contains(w));
        if !commercial_words && !open_source_words {
            continue;
        }
        let Some(policy) = LicensePolicy::parse(&text) else { continue };
        let mut read = false;
        if commercial_words && (policy.require_commercial || policy.non_commercial_ok) {
            push_part(&mut parts, if policy.require_commercial { "commercial use" } else { "non-commercial is fine" });
            read = true;
        }
        if open_source_words && policy.require_open_source {
            push_part(&mut parts, "open source");
            read = true;
        }
        if read {
            said.push((first, last));
            if licence_clause {
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
        if wish::is_license_word(&w.lower) && clauses.contains(&w.clause) {
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

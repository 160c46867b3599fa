//! Size and hardware phrases of a description: "under 1B parameters", "between 100M and 500M",
//! "a small model", "8 GB RAM", "24GB GPU", "CPU only", "Raspberry Pi".
//!
//! Units, bound words, size words and devices come from [`crate::knowledge`], the same tables the
//! size rule reads, and a phrase is only filled in when that rule understands it.

use super::words::Scan;
use super::Filled;
use crate::constraints::{MemoryBudget, ParamRange};
use crate::knowledge::devices::{
    device_context, device_in, hardware_phrases, names, says_answer_time, says_fast, says_gpu, says_no_gpu, spaceless, COMPUTERS,
    CONTEXT_DEVICES, DEVICE_CONTEXT_AFTER_GLUED, MEMORY_WORDS, NO_GPU, REAL_TIME,
};
use crate::knowledge::quantities::{
    bound_around, bound_phrases, bound_suffixes, glued_unit, is_number, quantities, size_word_in, unit_word, SizeWord, Unit,
};
use crate::template::Field;

fn unit_of(word: &str) -> Option<Unit> {
    unit_word(word).map(|(_, u)| u)
}

/// Words after a number that belong to it: its unit words and bound suffixes for counts
/// ("parameters", "or less"), memory words for bytes ("of RAM", "of GPU memory", "GPU").
fn suffixes(unit: Unit) -> Vec<String> {
    match unit {
        Unit::Count => crate::knowledge::quantities::UNITS
            .iter()
            .filter(|(w, m, u)| *u == Unit::Count && *m == 1.0 && w.len() > 5)
            .map(|(w, _, _)| w.to_string())
            .chain(bound_suffixes().filter(|s| *s != "+").map(str::to_string))
            .collect(),
        Unit::Bytes => MEMORY_WORDS
            .iter()
            .map(|m| format!("of {m}"))
            .chain(["of gpu memory".to_string()])
            .chain(MEMORY_WORDS.iter().map(|m| m.to_string()))
            .chain(["gpu".to_string(), "or less".to_string()])
            .collect(),
    }
}

/// The longest suffix phrase at word `i`, in words.
fn suffix_at(scan: &Scan, i: usize, suffixes: &[String]) -> Option<usize> {
    suffixes.iter().filter(|s| scan.matches_at(i, s)).map(|s| Scan::len_of(s)).max()
}

/// The quantity phrase at word `i` ("under 1B parameters", "between 1B and 3B", "8 GB of RAM"):
/// its unit and words; `None` when no number with a unit starts there.
fn quantity_at(scan: &Scan, i: usize) -> Option<(Unit, std::ops::Range<usize>)> {
    let w = scan.words[i].lower.as_str();
    let (unit, mut end) = if let Some(u) = glued_unit(w) {
        (u, i + 1)
    } else if is_number(w) {
        (scan.words.get(i + 1).and_then(|n| unit_of(&n.lower))?, i + 2)
    } else {
        return None;
    };
    let suffixes = suffixes(unit);
    while let Some(n) = suffix_at(scan, end, &suffixes) {
        end += n;
    }
    let mut start = i;
    if let Some(n) = scan.phrase_before(i, bound_phrases()) {
        start = i - n;
    }
    // "between 1B and 3B": take the second number too.
    if scan.words[start].lower == "between" && scan.matches_at(end, "and") {
        let j = end + 1;
        if scan.words.get(j).is_some_and(|w| glued_unit(&w.lower) == Some(unit)) {
            end = j + 1;
        } else if scan.words.get(j).is_some_and(|w| is_number(&w.lower))
            && scan.words.get(j + 1).and_then(|n| unit_of(&n.lower)) == Some(unit)
        {
            end = j + 2;
        }
    }
    while let Some(n) = suffix_at(scan, end, &suffixes) {
        end += n;
    }
    Some((unit, start..end))
}

/// A parameter-size phrase of `text` with a number and a bound ("<150M", "8B or smaller",
/// "between 1B and 3B"), not a bare count ("8B", a model's name) nor a size word ("small"). The
/// bound is looked for right around the number in `text` itself: the scan drops signs ("<", "≤").
pub(super) fn bounded_count(text: &str, phrase: &str) -> bool {
    let (lower, phrase) = (text.to_lowercase(), phrase.to_lowercase());
    let counts: Vec<usize> = quantities(&phrase).into_iter().filter(|q| q.unit == Unit::Count).map(|q| q.at).collect();
    let (Some(&first), Some(at)) = (counts.first(), lower.find(&phrase)) else { return false };
    if counts.len() >= 2 {
        return true;
    }
    let number = at + first;
    let boundary = |mut i: usize| {
        while !lower.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let before = &lower[boundary(number.saturating_sub(16))..number];
    let after = &lower[number..boundary((number + 24).min(lower.len()))];
    bound_around(before, after).is_some()
}

/// Reads parameter limits and memory budgets; returns the memory phrases for the hardware field.
pub(super) fn read_quantities(scan: &mut Scan, filled: &mut Filled) -> Vec<String> {
    let mut param_parts: Vec<String> = Vec::new();
    let mut memory_parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < scan.words.len() {
        if scan.used[i] {
            i += 1;
            continue;
        }
        let Some((unit, range)) = quantity_at(scan, i) else {
            i += 1;
            continue;
        };
        let phrase = scan.text_of(range.clone());
        scan.mark(range.clone());
        match unit {
            Unit::Count => param_parts.push(phrase),
            Unit::Bytes => memory_parts.push(phrase),
        }
        i = range.end;
    }
    // Size words without numbers: "a small model", "lightweight".
    if param_parts.is_empty() {
        for i in 0..scan.words.len() {
            let w = scan.words[i].lower.as_str();
            let next_is_model = scan.words.get(i + 1).is_some_and(|n| matches!(n.lower.as_str(), "model" | "models" | "one"));
            let small = w.chars().all(char::is_alphabetic) && matches!(size_word_in(w), Some(SizeWord::Tiny | SizeWord::Small));
            if (small && next_is_model) || w == "lightweight" {
                param_parts.push(scan.text_of(i..i + 1));
                scan.mark(i..i + 1);
                break;
            }
        }
    }
    if !param_parts.is_empty() {
        let v = param_parts.join(", ");
        if ParamRange::parse(&v).is_some() {
            filled.set(Field::ParameterSize, v.clone(), format!("size limit '{v}'"));
        }
    }
    memory_parts
}

/// Words of the device phrase at word `i` ("graphics card", "on the *phone*" but not "phone
/// calls", "CPU only"), read in its clause's context ([`device_context`]).
fn hardware_at(scan: &Scan, i: usize) -> Option<usize> {
    // Most words start no hardware phrase: one set lookup instead of trying every phrase.
    static FIRST_WORDS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    let first_words = FIRST_WORDS.get_or_init(|| hardware_phrases().filter_map(|p| p.split(' ').next()).collect());
    // A machine named by its processor, glued ("CPU-Server", "CPU-Servern", "cpu-box"): German
    // writes compounds, and the word is the CPU phrase the hardware rule reads.
    if scan.words[i].lower.split_once('-').is_some_and(|(head, rest)| head == "cpu" && rest.starts_with(|c: char| c.is_alphabetic())) {
        return Some(1);
    }
    if !first_words.contains(scan.words[i].lower.as_str()) {
        return None;
    }
    let clause = scan.words[i].clause;
    let in_context = |n: usize| {
        let before: Vec<&str> = scan.words[..i].iter().rev().take_while(|w| w.clause == clause).map(|w| w.lower.as_str()).collect();
        let before: Vec<&str> = before.into_iter().rev().collect();
        let after = scan.words.get(i + n).filter(|w| w.clause == clause).map(|w| w.lower.as_str());
        device_context(&scan.text_of(i..i + n).to_lowercase(), &before, after)
    };
    let n = scan.longest_at(i, hardware_phrases()).filter(|&n| in_context(n))?;
    Some(if scan.matches_at(i + n, "only") { n + 1 } else { n })
}

/// Reads device phrases and, with the memory phrases, fills the hardware field.
pub(super) fn read_hardware(scan: &mut Scan, filled: &mut Filled, memory_parts: Vec<String>) {
    let mut hardware_parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < scan.words.len() {
        if scan.used[i] {
            i += 1;
            continue;
        }
        match hardware_at(scan, i) {
            Some(n) => {
                hardware_parts.push(scan.text_of(i..i + n));
                scan.mark(i..i + n);
                i += n;
            }
            None => i += 1,
        }
    }
    hardware_parts.extend(memory_parts);
    if hardware_parts.is_empty() {
        for range in glued_hardware_clauses(scan) {
            hardware_parts.push(scan.text_of(range.clone()));
            scan.mark(range);
        }
    }
    let mut slips = Vec::new();
    if !hardware_parts.iter().any(|p| says_no_gpu(&p.to_lowercase())) {
        if let Some((range, phrase, slip)) = misspelt_no_gpu(scan) {
            hardware_parts.push(phrase.to_string());
            scan.mark(range);
            slips.push(slip);
        }
    }
    // A device named twice ("in the browser … the browser tab") is one device in the notice.
    let mut seen = rustc_hash::FxHashSet::default();
    hardware_parts.retain(|p| seen.insert(p.to_lowercase()));
    if !hardware_parts.is_empty() {
        let v = hardware_parts.join(", ");
        if MemoryBudget::parse(&v).is_some() || ParamRange::parse(&v).is_some() {
            let slips = if slips.is_empty() { String::new() } else { format!(" (read {})", slips.join(", ")) };
            filled.set(Field::Hardware, v.clone(), format!("device or memory '{v}'{slips}"));
        }
    }
}

/// A "no GPU" phrase ([`NO_GPU`]) written with one slip in a long word ("no grapics card", "ohne
/// Grafikkarde"): its words, the phrase as the table spells it, and the slip as "written →
/// read" for the note. Requests are typed in a hurry, and a missed "no GPU" lets models through
/// that need one. One edit (or swap) in words of seven letters or more, as the ranking's typo
/// tolerance allows; a word the table spells is never a slip.
pub(super) fn misspelt_no_gpu(scan: &Scan) -> Option<(std::ops::Range<usize>, &'static str, String)> {
    for &phrase in NO_GPU.iter().filter(|p| p.is_ascii() || p.contains(' ')) {
        let want: Vec<&str> = phrase.split(' ').collect();
        for i in 0..scan.words.len().saturating_sub(want.len() - 1) {
            let mut slip = None;
            let fits = want.iter().enumerate().all(|(k, w)| {
                let got = &scan.words[i + k];
                if got.lower == *w {
                    return got.clause == scan.words[i].clause;
                }
                // The cheap checks first: this runs for every word against every phrase.
                let want_len = w.chars().count();
                if slip.is_some() || want_len < 7 || got.clause != scan.words[i].clause || got.lower.chars().count().abs_diff(want_len) > 2
                {
                    return false;
                }
                let slipped = crate::analysis::within_one_slip(&got.lower.to_lowercase(), w);
                if slipped {
                    slip = Some(format!("'{}' as '{w}'", scan.text_of(i + k..i + k + 1)));
                }
                slipped
            });
            if let (true, Some(slip)) = (fits, slip) {
                return Some((i..i + want.len(), phrase, slip));
            }
        }
    }
    None
}

/// Clauses in other scripts or inflected languages that name where a model runs in words the
/// word-by-word readers above cannot take apart: Chinese and Japanese write hardware glued to the
/// rest ("服务器只有CPU", "GPUのないサーバー", "VRAM 8GBのもの"), Russian inflects it ("на
/// телефоне"), German compounds it ("CPU-Servern"). The hardware field reads such a clause whole
/// (its rule finds the device words wherever they stand), so a clause the rule understands is the
/// hardware as the user wrote it. Only clauses with a non-ASCII letter and no word already read as
/// a size or hardware; a phone or browser word still needs a device context ("работает прямо на
/// телефоне", "スマホで動かす"), never "phone calls" ("телефонные звонки").
pub(super) fn glued_hardware_clauses(scan: &Scan) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for c in 0..scan.clause_count() {
        let Some(range) = scan.clause_range(c) else { continue };
        if range.clone().any(|i| scan.used[i]) {
            continue;
        }
        let text = scan.text_of(range.clone());
        if !text.chars().any(|ch| !ch.is_ascii() && ch.is_alphabetic()) {
            continue;
        }
        let lower = text.to_lowercase();
        let named = says_no_gpu(&lower)
            || names(&lower, "cpu")
            || COMPUTERS.iter().any(|p| !p.is_ascii() && names(&lower, p))
            || (says_gpu(&lower) && lower.bytes().any(|b| b.is_ascii_digit()))
            || device_in(&lower).is_some_and(|d| device_said_as_hardware(scan, range.clone(), &lower, d.phrase));
        if named && MemoryBudget::parse(&text).is_some() {
            out.push(range);
        }
    }
    out
}

/// A device word of a clause is where the model runs: always for unambiguous devices; a phone or
/// browser word glued to other words (Chinese, Japanese, Korean) right before a place word
/// ([`DEVICE_CONTEXT_AFTER_GLUED`]) or right after "在"; one written as a word (inflected: "на
/// телефоне") with the context words the English reader uses ([`device_context`]).
fn device_said_as_hardware(scan: &Scan, range: std::ops::Range<usize>, lower: &str, phrase: &str) -> bool {
    let glued_before_place = |at: usize| {
        let after = &lower[at + phrase.len()..];
        DEVICE_CONTEXT_AFTER_GLUED.iter().any(|w| after.starts_with(w))
    };
    if phrase.chars().next().is_some_and(spaceless) {
        return lower.match_indices(phrase).any(|(at, _)| glued_before_place(at) || lower[..at].ends_with('在'));
    }
    if !CONTEXT_DEVICES.contains(&phrase) {
        return true;
    }
    // A Latin device word glued to Japanese or Chinese text reads as theirs ("iPhoneアプリで").
    if lower.match_indices(phrase).any(|(at, _)| glued_before_place(at)) {
        return true;
    }
    // The device word itself, or an inflection of it (at most three more letters).
    let lowered: Vec<String> = scan.words[range].iter().map(|w| w.lower.to_lowercase()).collect();
    lowered.iter().enumerate().any(|(k, w)| {
        w.starts_with(phrase)
            && w.chars().count() <= phrase.chars().count() + 3
            && device_context(phrase, &lowered[..k].iter().map(String::as_str).collect::<Vec<_>>(), lowered.get(k + 1).map(String::as_str))
    })
}

/// The words that say where a model runs: memory amounts ("8GB", "16 GB of RAM") and device
/// phrases in a device context ("graphics card", "laptop", "on the phone itself"), as the
/// readers above find them; parameter counts are not among them.
pub(super) fn where_it_runs(scan: &Scan) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut taken = vec![false; scan.words.len()];
    let mut i = 0;
    while i < scan.words.len() {
        match quantity_at(scan, i) {
            Some((unit, range)) => {
                if unit == Unit::Bytes {
                    taken[range.clone()].iter_mut().for_each(|t| *t = true);
                    out.push(range.clone());
                }
                i = range.end;
            }
            None => i += 1,
        }
    }
    let mut i = 0;
    while i < scan.words.len() {
        match hardware_at(scan, i).filter(|_| !taken[i]) {
            Some(n) => {
                out.push(i..i + n);
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// The speed wish of a description, in the words the size rule reads ("50 ms", "quick", "real
/// time", "within a fraction of a second"): it holds on the hardware the description names.
pub(super) fn speed_words(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    // An answer time in milliseconds ("must answer within 50 ms") is the most precise of them.
    if let Some(ms) = crate::constraints::milliseconds(&lower) {
        return Some(format!("{ms} ms"));
    }
    says_answer_time(&lower)
        .or_else(|| REAL_TIME.iter().copied().find(|w| lower.contains(w)))
        .or_else(|| says_fast(&lower))
        .map(str::to_string)
}

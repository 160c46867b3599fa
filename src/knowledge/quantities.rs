//! Numbers with units ("1.5B", "350 million", "8 GB", "1e9"), the words that bound them ("under",
//! "at least", "or more"), negators ("no", "without") and size words ("tiny", "small", "large").
//!
//! Why one place: a request's "under 1B parameters" is read by the size rule, by the free-text
//! fill (which must cut the same phrase out of the function text) and, on the card side, a card's
//! "a 7 billion parameter model" by extraction. When each kept its own unit list, "8 gigabytes"
//! was a memory phrase to the free-text fill and nothing to the rule. Upper and lower bounds are
//! kept apart here so no reader can mistake one for the other.

use super::contains_phrase;
use super::languages::is_cjk;
use super::licenses::wish::is_license_word;

/// What a number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Parameters (or any plain count).
    Count,
    /// Bytes of memory or storage.
    Bytes,
}

/// Bytes in a gigabyte (decimal, as vendors state memory).
pub const GB: f64 = 1e9;

/// Unit words → (multiplier, unit). Matched on whole lowercase words after the number.
pub const UNITS: &[(&str, f64, Unit)] = &[
    ("k", 1e3, Unit::Count),
    ("thousand", 1e3, Unit::Count),
    ("m", 1e6, Unit::Count),
    ("mn", 1e6, Unit::Count),
    ("million", 1e6, Unit::Count),
    ("millions", 1e6, Unit::Count),
    ("b", 1e9, Unit::Count),
    ("bn", 1e9, Unit::Count),
    ("billion", 1e9, Unit::Count),
    ("billions", 1e9, Unit::Count),
    ("t", 1e12, Unit::Count),
    ("trillion", 1e12, Unit::Count),
    ("params", 1.0, Unit::Count),
    ("parameters", 1.0, Unit::Count),
    ("parameter", 1.0, Unit::Count),
    ("param", 1.0, Unit::Count),
    ("gb", GB, Unit::Bytes),
    ("gib", GB, Unit::Bytes),
    ("g", GB, Unit::Bytes),
    ("gigabyte", GB, Unit::Bytes),
    ("gigabytes", GB, Unit::Bytes),
    ("mb", 1e6, Unit::Bytes),
    ("mib", 1e6, Unit::Bytes),
    ("megabyte", 1e6, Unit::Bytes),
    ("megabytes", 1e6, Unit::Bytes),
    ("tb", 1e12, Unit::Bytes),
    // Other languages: French "Go"/"Mo" (octets), Russian "ГБ", "млн", "млрд", German "Mrd".
    ("go", GB, Unit::Bytes),
    ("гб", GB, Unit::Bytes),
    ("мб", 1e6, Unit::Bytes),
    ("млн", 1e6, Unit::Count),
    ("млрд", 1e9, Unit::Count),
    ("mio", 1e6, Unit::Count),
    ("mrd", 1e9, Unit::Count),
    ("milliarden", 1e9, Unit::Count),
    ("millionen", 1e6, Unit::Count),
    // Arabic memory: "16 جيجابايت" (gigabytes).
    ("جيجابايت", GB, Unit::Bytes),
    ("غيغابايت", GB, Unit::Bytes),
    ("جيجا", GB, Unit::Bytes),
    ("ميجابايت", 1e6, Unit::Bytes),
];

/// The multiplier and unit of a unit word ("b" → 1e9 parameters, "gb" → 1e9 bytes).
pub fn unit_word(word: &str) -> Option<(f64, Unit)> {
    UNITS.iter().find(|(w, _, _)| *w == word).map(|&(_, m, u)| (m, u))
}

/// A number with its unit, found in text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantity {
    /// Byte offset of the number.
    pub at: usize,
    /// The value in parameters or bytes.
    pub value: f64,
    pub unit: Unit,
}

/// Finds numbers with units in lowercase text: "1.5b", "150 million", "8 gb", "1e9", "350m".
/// A bare number of 1000 or more counts as a parameter count ("500,000,000").
pub fn quantities(lower: &str) -> Vec<Quantity> {
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'x');
        if !starts_number {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.' || bytes[i] == b',' || bytes[i] == b'_') {
            i += 1;
        }
        let raw: String = lower[start..i].trim_end_matches(['.', ',']).replace([',', '_'], "");
        let mut value: f64 = match raw.parse() {
            Ok(v) => v,
            Err(_) => continue,
        };
        if i < bytes.len() && bytes[i] == b'e' && bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit()) {
            let exp_start = i + 1;
            let mut j = exp_start;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            if let Ok(exp) = lower[exp_start..j].parse::<i32>() {
                value *= 10f64.powi(exp.min(15));
                i = j;
            }
        }
        // "16-GB-Grafikkarte": one hyphen may join a number to its unit.
        let rest = lower[i..].trim_start();
        let rest = rest.strip_prefix('-').filter(|r| r.starts_with(|c: char| c.is_alphabetic())).unwrap_or(rest);
        // A unit ends where Chinese or Japanese text goes on without a space ("8GB显存").
        let word: String = rest.chars().take_while(|c| c.is_alphabetic() && !is_cjk(*c)).flat_map(char::to_lowercase).collect();
        let (mult, unit) = match unit_word(&word) {
            Some(u) => u,
            None if word.is_empty() && value >= 1000.0 => (1.0, Unit::Count),
            None => continue,
        };
        out.push(Quantity { at: start, value: value * mult, unit });
    }
    out
}

/// Number words people write before a count ("seven billion", "half a billion").
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("a", 1.0),
    ("an", 1.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("half", 0.5),
    ("quarter", 0.25),
];

/// Scale words a spelled number must stand before to be read.
const SCALE_WORDS: &[&str] = &["billion", "million", "thousand"];

/// Writes spelled numbers before a scale word as digits: "seven billion" → "7 billion", "half a
/// billion" → "0.5 billion", "under a billion" → "under 1 billion", "one and a half billion" →
/// "1.5 billion", "two hundred million" → "200 million". Other text is kept as written, so the
/// readers of [`quantities`] see digits either way. Returns `None` when nothing changed.
pub fn spell_out_numbers(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    if !SCALE_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let words: Vec<&str> = text.split(' ').collect();
    let value_of = |w: &str| {
        let w = w.to_lowercase();
        NUMBER_WORDS.iter().find(|(n, _)| *n == w.trim_matches(|c: char| !c.is_alphabetic())).map(|&(_, v)| v)
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    let mut changed = false;
    while i < words.len() {
        // The longest run of number words (and "and", "a") ending right before a scale word.
        let mut j = i;
        while j < words.len() && (value_of(words[j]).is_some() || words[j].eq_ignore_ascii_case("and") && j > i) {
            j += 1;
        }
        let scale_next = words.get(j).is_some_and(|w| SCALE_WORDS.contains(&w.to_lowercase().trim_matches(|c: char| !c.is_alphabetic())));
        if j > i && scale_next {
            let mut total = 0.0f64;
            let mut current = 0.0f64;
            let mut half = false;
            for w in &words[i..j] {
                match value_of(w) {
                    Some(100.0) => current = current.max(1.0) * 100.0,
                    Some(v) if v < 1.0 => half = true,
                    // "a" after "half" / "and" is the article, not one.
                    Some(1.0) if w.len() <= 2 && (half || current > 0.0 || total > 0.0) => {}
                    Some(v) => current += v,
                    None => {
                        total += current;
                        current = 0.0;
                    }
                }
            }
            total += current;
            if half {
                total += words[i..j].iter().filter_map(|w| value_of(w)).find(|v| *v < 1.0).unwrap_or(0.0);
            }
            if total > 0.0 {
                out.push(format!("{total}"));
                changed = true;
                i = j;
                continue;
            }
        }
        out.push(words[i].to_string());
        i += 1;
    }
    changed.then(|| out.join(" "))
}

/// True for a word that is a plain number ("8", "1.5", "1,000").
pub fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) && word.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// The unit of a number glued to its unit in one word: "1b", "1.5B", "8gb", "350m".
pub fn glued_unit(word: &str) -> Option<Unit> {
    let digits = word.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',').count();
    if digits == 0 || !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = &word[digits..];
    unit_word(rest).map(|(_, u)| u)
}

/// The first count in text, with a thousand/million word after it: "at least 10k", "1 million",
/// "5,000".
pub fn first_count(lower: &str) -> Option<u64> {
    let start = lower.find(|c: char| c.is_ascii_digit())?;
    let digits: String =
        lower[start..].chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '_').filter(|c| c.is_ascii_digit()).collect();
    let n: u64 = digits.parse().ok()?;
    let rest = lower[start..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '_').trim_start();
    let word: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let mult = match unit_word(&word) {
        Some((m, Unit::Count)) if (1e3..=1e6).contains(&m) => m as u64,
        _ => 1,
    };
    Some(n.saturating_mul(mult))
}

// ---------------------------------------------------------------- bounds

/// Which side of a number a requirement bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// "under 1B", "at most 3B", "8B or smaller".
    Upper,
    /// "at least 7B", "over 1B", "30B or bigger".
    Lower,
}

/// Words before a number that make it a maximum.
pub const UPPER_BEFORE: &[&str] = &[
    "no more than",
    "not more than",
    "no bigger than",
    "no larger than",
    "not exceed",
    "at most",
    "up to",
    "under",
    "below",
    "less than",
    "smaller than",
    "fewer than",
    "max",
    "maximum",
    "within",
    "<",
    "≤",
    "<=",
];
/// Words after a number that make it a maximum.
pub const UPPER_AFTER: &[&str] = &["or less", "or smaller", "or fewer", "max"];
/// Words before a number that make it a minimum.
pub const LOWER_BEFORE: &[&str] =
    &["at least", "more than", "over", "above", "greater than", "bigger than", "larger than", "minimum", "min", ">", "≥", ">="];
/// Words after a number that make it a minimum.
pub const LOWER_AFTER: &[&str] = &["or more", "or larger", "or bigger", "or greater", "or above", "+", "minimum", "at least"];
/// Words before a number that neither bound it nor leave it ("around 150M"): a bare number is
/// read as a maximum.
pub const APPROXIMATE: &[&str] = &["around", "about", "roughly", "approximately", "~"];
/// Words that open a range of two numbers ("between 1B and 3B").
pub const RANGE: &[&str] = &["between"];

/// The bound stated around a number: `before` is the text up to it, `after` the text from it.
/// Upper bounds win when both sides speak ("under 1B or more" is read as a maximum) — except a
/// lower-bound word after the number, which is the last thing the writer said.
pub fn bound_around(before: &str, after: &str) -> Option<Bound> {
    let upper = UPPER_BEFORE.iter().any(|w| contains_phrase(before, w)) || UPPER_AFTER.iter().any(|w| contains_phrase(after, w));
    let lower = !upper && LOWER_BEFORE.iter().any(|w| contains_phrase(before, w)) || LOWER_AFTER.iter().any(|w| contains_phrase(after, w));
    if lower {
        Some(Bound::Lower)
    } else if upper {
        Some(Bound::Upper)
    } else {
        None
    }
}

/// Every phrase that belongs to a number's bound, as word sequences (for word-by-word readers).
pub fn bound_phrases() -> impl Iterator<Item = &'static str> {
    UPPER_BEFORE.iter().chain(LOWER_BEFORE).chain(APPROXIMATE).chain(RANGE).copied()
}

/// Phrases after a number that belong to it ("or less", "max", "or more").
pub fn bound_suffixes() -> impl Iterator<Item = &'static str> {
    UPPER_AFTER.iter().chain(LOWER_AFTER).copied()
}

// ---------------------------------------------------------------- negators

/// Words that turn the next word into its opposite ("no gpl", "not commercial", "without a GPU").
pub const NEGATORS: &[&str] = &[
    "no",
    "not",
    "non",
    "without",
    "avoid",
    "except",
    "exclude",
    "excluding",
    "never",
    "don't",
    "dont",
    "won't",
    "isn't",
    "doesn't",
    "aren't",
    "nor",
    "neither",
    "nothing",
    // Other languages (whole words): "nicht kommerziell", "sin uso comercial", "без продажи".
    "nicht",
    "kein",
    "keine",
    "ohne",
    "sin",
    "sans",
    "não",
    "sem",
    "senza",
    "не",
    "без",
    // "pas de licence non commerciale", "ninguna licencia no comercial", "nenhuma licença…",
    // "nessuna licenza…", "никаких некоммерческих…", "لا نريد ترخيصًا غير تجاري".
    "pas",
    "aucune",
    "aucun",
    "jamais",
    "ninguna",
    "ninguno",
    "ningún",
    "nunca",
    "nenhuma",
    "nenhum",
    "nessuna",
    "nessun",
    "nessuno",
    "niente",
    // "nada de licencias no comerciales", "nichts Nicht-Kommerzielles", "rien de non commercial":
    // "nothing (of)" negates what follows as "nothing with a" does in English.
    "nada",
    "nichts",
    "rien",
    // "Nor" ("ni GPL ni AGPL", "nem GPL nem AGPL", "né GPL né AGPL"): a negator of its own.
    "ni",
    "nem",
    "né",
    "нет",
    "никаких",
    "никакой",
    "никакие",
    "ни",
    "لا",
    "بدون",
    "ليس",
];

/// Negators of unspaced scripts: a token *ending* in one of these negates the word after it
/// ("我们不要非商业许可" = "we do not want a non-commercial licence"); a token that is one is a
/// negator like those of [`NEGATORS`] ([`is_negator`]). "非" and "غير" are not here: they are part
/// of the non-commercial words themselves ("非商用", "غير تجاري").
pub const CJK_NEGATORS: &[&str] = &["不要", "不能", "不可以", "不用", "不接受", "没有", "禁止", "避免", "别用"];

/// Words that may stand between a negator and the word it negates ("not *for* commercial use",
/// "not *intended for* commercial use", "won't *be used* commercially", "no *non*-commercial").
pub const NEGATION_BRIDGES: &[&str] = &[
    "for",
    "a",
    "an",
    "the",
    "any",
    "meant",
    "intended",
    "be",
    "being",
    "used",
    "use",
    "allowed",
    "need",
    "needed",
    "needs",
    "require",
    "required",
    "requires",
    "want",
    "planned",
    "going",
    "to",
    "of",
    "is",
    "it",
    "will",
    "strictly",
    // What the negated thing is or carries ("nothing *with a* non-commercial licence", "no
    // *models under* research-only terms", "avoid *anything* non-commercial").
    "with",
    "under",
    "anything",
    "model",
    "models",
    // Articles and "for/use" in the languages whose negators are listed above ("licence" in any
    // language bridges too: [`crate::knowledge::licenses::wish::LICENSE_WORDS`]).
    "de",
    "d'",
    "d'une",
    "d'un",
    "la",
    "le",
    "les",
    "une",
    "un",
    "el",
    "los",
    "las",
    "una",
    "uno",
    "di",
    "il",
    "lo",
    "der",
    "die",
    "das",
    "eine",
    "einer",
    "einen",
    "para",
    "pour",
    "per",
    "für",
    "uso",
    "usage",
    "utilisation",
    "nutzung",
    "нужны",
    "нужна",
    "نريد",
];

/// Words that join a ruled-out item to the next one it rules out too: "no GPL *or other*
/// copyleft", "keine GPL *oder andere* Copyleft-Lizenzen", "pas de GPL *ni d'autres licences*
/// copyleft". A negation carries along a list joined by "or" (and its kin), never by "and" or a
/// bare comma ("no GPL, MIT is fine" wants MIT). [`LIST_CONJUNCTIONS`] are the joins; the rest may
/// stand beside them ("any other", "d'autres", "andere"), as may a "licence" word in any language.
pub const LIST_CONJUNCTIONS: &[&str] = &["or", "nor", "ni", "ou", "o", "oder", "nem", "né", "или", "ни", "أو"];

/// Words that may stand beside a [`LIST_CONJUNCTIONS`] word between two ruled-out items.
pub const LIST_OTHERS: &[&str] = &[
    "other",
    "others",
    "any",
    "similar",
    "such",
    "autres",
    "d'autres",
    "d'",
    "autre",
    "andere",
    "anderen",
    "sonstige",
    "otras",
    "otros",
    "otra",
    "outras",
    "outros",
    "outra",
    "altre",
    "altri",
    "altra",
    "другие",
    "других",
    "другой",
    "другая",
    "أي",
];

/// Whether the words between a ruled-out item and the next one (lowercase, in order) carry the
/// negation over: at least one [`LIST_CONJUNCTIONS`] word, and nothing but those,
/// [`LIST_OTHERS`] and "licence" words.
pub fn continues_negated_list<'a>(between: impl IntoIterator<Item = &'a str>) -> bool {
    let mut joined = false;
    for w in between {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        if w.is_empty() {
            continue;
        }
        if LIST_CONJUNCTIONS.contains(&w) {
            joined = true;
        } else if !LIST_OTHERS.contains(&w) && !is_license_word(w) {
            return false;
        }
    }
    joined
}

/// A word that negates the next: one of [`NEGATORS`] or [`CJK_NEGATORS`].
pub fn is_negator(word: &str) -> bool {
    NEGATORS.contains(&word) || CJK_NEGATORS.contains(&word)
}

/// A word that may stand between a negator and the word it negates: one of [`NEGATION_BRIDGES`]
/// or "licence" in any language ("pas de *licence* non commerciale", "ninguna *licencia*").
fn is_negation_bridge(word: &str) -> bool {
    NEGATION_BRIDGES.contains(&word) || is_license_word(word)
}

/// How many negators govern the word right after `before` (a list of lowercase words, in order):
/// walking back over negators and [`NEGATION_BRIDGES`] until any other word, at most 5 words.
/// An odd count negates: "not for commercial use" (1), "no non-commercial" with the intrinsic
/// "non" counted by the caller (2 = not negated). Both the license field and the free-text fill
/// read wishes with this one rule, so a negation can never be read differently on the two sides.
pub fn negations_before<'a>(before: impl DoubleEndedIterator<Item = &'a str>) -> usize {
    let mut count = 0;
    for w in before.rev().take(5) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        if NEGATORS.contains(&w) {
            count += 1;
        } else if CJK_NEGATORS.iter().any(|n| w.ends_with(n)) {
            // An unspaced sentence ends in the negator: it governs the word, and nothing before it does.
            count += 1;
            break;
        } else if !is_negation_bridge(w) {
            break;
        }
    }
    count
}

/// True when the text right before a word ends in a negator ("no ", "non-", "without ").
/// Looks at the last 12 characters only, so a "no" earlier in the sentence does not count.
pub fn ends_in_negator(before: &str) -> bool {
    let tail: String = before.chars().rev().take(12).collect::<String>().chars().rev().collect();
    let trimmed = tail.trim_start();
    tail.ends_with("non-")
        || NEGATORS.iter().any(|n| trimmed.ends_with(n) || tail.ends_with(&format!("{n} ")))
        || CJK_NEGATORS.iter().any(|n| trimmed.ends_with(n))
}

// ---------------------------------------------------------------- size words

/// Size classes named by words instead of numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeWord {
    /// "tiny", "very small", "lightweight", "minimal".
    Tiny,
    /// "small", "compact".
    Small,
    /// "large", "big".
    Large,
}

/// Size words, most specific first (matched as substrings: "smaller" is small). The parameter
/// counts each class means are knobs: [`crate::constraints::RuleParams`].
pub const SIZE_WORDS: &[(&str, SizeWord)] = &[
    ("tiny", SizeWord::Tiny),
    ("very small", SizeWord::Tiny),
    ("lightweight", SizeWord::Tiny),
    ("minimal", SizeWord::Tiny),
    ("small", SizeWord::Small),
    ("compact", SizeWord::Small),
    ("large", SizeWord::Large),
    ("big", SizeWord::Large),
    // Other languages ("um modelo leve", "un modèle léger", "要用轻量的模型"). Whole words with
    // their endings ([`size_word_at`]): "leve" is not in "level"; Russian words are stems.
    ("leve", SizeWord::Tiny),
    ("ligero", SizeWord::Tiny),
    ("ligera", SizeWord::Tiny),
    ("liviano", SizeWord::Tiny),
    ("léger", SizeWord::Tiny),
    ("légère", SizeWord::Tiny),
    ("leggero", SizeWord::Tiny),
    ("leggera", SizeWord::Tiny),
    ("leichtgewichtig", SizeWord::Tiny),
    ("лёгк", SizeWord::Tiny),
    ("легк", SizeWord::Tiny),
    ("轻量", SizeWord::Tiny),
    ("軽量", SizeWord::Tiny),
    ("경량", SizeWord::Tiny),
    ("winzig", SizeWord::Tiny),
    ("klein", SizeWord::Small),
    ("pequeño", SizeWord::Small),
    ("pequeña", SizeWord::Small),
    ("pequeno", SizeWord::Small),
    ("pequena", SizeWord::Small),
    ("petit", SizeWord::Small),
    ("piccolo", SizeWord::Small),
    ("piccola", SizeWord::Small),
    ("маленьк", SizeWord::Small),
    ("небольш", SizeWord::Small),
    ("小型", SizeWord::Small),
    ("小さ", SizeWord::Small),
    ("작은", SizeWord::Small),
    ("소형", SizeWord::Small),
];

/// Endings a size word may carry and stay itself ("smaller", "smallest", "leves", "kleines"):
/// not any letters, so "level" is not "leve" and "smallholder" not "small".
const SIZE_WORD_ENDINGS: &[&str] = &["", "s", "er", "est", "ish", "ger", "gest", "e", "es", "en", "em"];

/// `word` (one lowercase word) is the size word `s` with one of its endings. Russian entries are
/// stems and take any Cyrillic ending; Chinese, Japanese and Korean entries stand anywhere.
fn is_size_word(word: &str, s: &str) -> bool {
    let Some(rest) = word.strip_prefix(s) else { return false };
    let last = s.chars().next_back();
    if last.is_some_and(|c| matches!(c as u32, 0x0400..=0x04ff)) {
        return rest.chars().all(|c| matches!(c as u32, 0x0400..=0x04ff)) && rest.chars().count() <= 4;
    }
    SIZE_WORD_ENDINGS.contains(&rest)
}

/// The size word at the start of `text` (a phrase like "very small" or one word), if any.
fn size_word_at(words: &[&str], i: usize) -> Option<&'static (&'static str, SizeWord)> {
    size_word_index_at(words, i).map(|k| &SIZE_WORDS[k])
}

/// [`size_word_at`] as a position in [`SIZE_WORDS`].
fn size_word_index_at(words: &[&str], i: usize) -> Option<usize> {
    SIZE_WORDS.iter().position(|(s, _)| {
        if s.chars().next().is_some_and(|c| matches!(c as u32, 0x3040..=0x30ff | 0x4e00..=0x9fff | 0xac00..=0xd7af)) {
            return words[i].contains(s);
        }
        match s.split_once(' ') {
            Some((a, b)) => words[i] == a && words.get(i + 1).is_some_and(|n| is_size_word(n, b)),
            None => is_size_word(words[i], s),
        }
    })
}

/// The size class lowercase text names, if any: whole words ("small", "smaller", "lightweight",
/// "leve"), not "level", "tinyllama" or "bigram".
pub fn size_word_in(lower: &str) -> Option<SizeWord> {
    let lower = lower.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // The most specific class named anywhere wins, in table order ("very small" before "small"):
    // the earliest entry any word starts (one pass over the words, not one per entry).
    (0..words.len()).filter_map(|i| size_word_index_at(&words, i)).min().map(|k| SIZE_WORDS[k].1)
}

/// The size class a request's own words name, as whole words ("small", "smaller", "tiny"; not
/// "Mistral-Small" in a model name nor "large" in "large language model"), with the word.
pub fn size_word_in_words(text: &str) -> Option<(SizeWord, String)> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for i in 0..words.len() {
        // Names and phrases where the word is not a size wish.
        let next = words.get(i + 1).copied();
        if matches!(next, Some("language")) {
            continue;
        }
        if let Some(&(word, class)) = size_word_at(&words, i) {
            return Some((class, word.to_string()));
        }
    }
    None
}

impl SizeWord {
    /// Sizes of a generative model (a chat or writing assistant, a vision-language model) people
    /// mean by the word: a "small chat model" is a 0.5–4B instruct model (what runs on a laptop or
    /// a phone), a "tiny" one 0.1–1.5B; below those they are toys. "Large" sets no range.
    pub fn generative_range(self) -> Option<(u64, u64)> {
        match self {
            SizeWord::Tiny => Some((100_000_000, 1_500_000_000)),
            SizeWord::Small => Some((500_000_000, 4_000_000_000)),
            SizeWord::Large => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_words_are_whole_words_of_the_request() {
        assert_eq!(size_word_in_words("small chat model").map(|s| s.0), Some(SizeWord::Small));
        assert_eq!(size_word_in_words("a smaller assistant").map(|s| s.0), Some(SizeWord::Small));
        assert_eq!(size_word_in_words("tiny LLM").map(|s| s.0), Some(SizeWord::Tiny));
        assert_eq!(size_word_in_words("a large language model for chat"), None);
        assert_eq!(size_word_in_words("chat assistant"), None);
        assert_eq!(size_word_in_words("smallholder farmers"), None);
    }

    #[test]
    fn numbers_with_units() {
        let q = quantities("between 1.5b and 350 million, 8 gb ram, 1e9, 500,000,000");
        let got: Vec<(f64, Unit)> = q.iter().map(|q| (q.value, q.unit)).collect();
        assert_eq!(got, vec![(1.5e9, Unit::Count), (350e6, Unit::Count), (8e9, Unit::Bytes), (1e9, Unit::Count), (5e8, Unit::Count)]);
        assert_eq!(quantities("8 gigabytes")[0].unit, Unit::Bytes);
        assert!(quantities("gpt2 v3 x").is_empty());
        assert_eq!(glued_unit("8gb"), Some(Unit::Bytes));
        assert_eq!(glued_unit("1.5b"), Some(Unit::Count));
        assert_eq!(glued_unit("1b5"), None);
        assert_eq!(first_count("at least 10k downloads"), Some(10_000));
        assert_eq!(first_count("1,000,000 downloads"), Some(1_000_000));
        assert_eq!(first_count("2 million"), Some(2_000_000));
        assert_eq!(first_count("none"), None);
    }

    #[test]
    fn numbers_in_words() {
        let s = |t: &str| spell_out_numbers(t);
        assert_eq!(s("seven billion parameters").as_deref(), Some("7 billion parameters"));
        assert_eq!(s("half a billion").as_deref(), Some("0.5 billion"));
        assert_eq!(s("under a billion params").as_deref(), Some("under 1 billion params"));
        assert_eq!(s("one and a half billion").as_deref(), Some("1.5 billion"));
        assert_eq!(s("two hundred million").as_deref(), Some("200 million"));
        assert_eq!(s("Seventy billion").as_deref(), Some("70 billion"));
        assert_eq!(s("a model with one head"), None);
        assert_eq!(s("billions of tokens"), None);
        let q = quantities(&s("at most half a billion").unwrap());
        assert_eq!((q[0].value, q[0].unit), (5e8, Unit::Count));
    }

    #[test]
    fn upper_and_lower_bounds_stay_apart() {
        for w in UPPER_BEFORE.iter().chain(UPPER_AFTER) {
            assert!(!LOWER_BEFORE.contains(w) && !LOWER_AFTER.contains(w), "{w} is both");
        }
        assert_eq!(bound_around("under ", "1b"), Some(Bound::Upper));
        assert_eq!(bound_around("no bigger than ", "3b"), Some(Bound::Upper));
        assert_eq!(bound_around("", "30b or bigger"), Some(Bound::Lower));
        assert_eq!(bound_around("at least ", "7b"), Some(Bound::Lower));
        assert_eq!(bound_around("around ", "150m parameters at most"), None);
        assert_eq!(bound_around("i understand ", "7b"), None);
        assert_eq!(bound_around("<", "1b"), Some(Bound::Upper));
    }

    #[test]
    fn negators_end_the_text_before() {
        assert!(ends_in_negator(" no "));
        assert!(ends_in_negator(" something non-"));
        assert!(ends_in_negator("runs without "));
        assert!(!ends_in_negator(" mit or "));
        assert!(!ends_in_negator("no gpu is needed, and "));
        let n = |s: &str| negations_before(s.split_whitespace());
        assert_eq!(n("not for"), 1);
        assert_eq!(n("this is not intended for"), 1);
        assert_eq!(n("no"), 1);
        assert_eq!(n("must permit"), 0);
        assert_eq!(n("no gpl, but for"), 0);
        assert_eq!(n("we don't need"), 1);
        // Other languages: articles and "licence" between the negator and the word.
        assert_eq!(n("pas de licence"), 1);
        assert_eq!(n("ninguna licencia"), 1);
        assert_eq!(n("nenhuma licença"), 1);
        assert_eq!(n("nessuna licenza"), 1);
        assert_eq!(n("никаких"), 1);
        assert_eq!(n("我们不要"), 1);
        assert_eq!(n("une licence"), 0);
    }

    #[test]
    fn units_joined_by_a_hyphen_or_written_in_other_languages() {
        let q = quantities("ein server mit einer 12-gb-karte");
        assert_eq!(q.iter().map(|q| (q.value, q.unit)).collect::<Vec<_>>(), vec![(12e9, Unit::Bytes)]);
        assert_eq!(quantities("ноутбук с 8 ГБ памяти")[0].value, 8e9);
        assert_eq!(quantities("un portable de 32 go")[0].unit, Unit::Bytes);
        assert_eq!(quantities("до 3 млрд параметров")[0].value, 3e9);
        // A unit glued to Chinese or Japanese text, and Arabic units.
        assert_eq!(quantities("只有一张8gb显存的显卡")[0].value, 8e9);
        assert_eq!(quantities("メモリ16gbのノートpc")[0].unit, Unit::Bytes);
        assert_eq!(quantities("ذاكرة 16 جيجابايت")[0].value, 16e9);
        // A range is not a unit after a hyphen.
        assert!(quantities("3-5 tools").is_empty());
    }

    #[test]
    fn size_words_in_other_languages_are_whole_words() {
        assert_eq!(size_word_in("servidores sem gpu, um modelo leve"), Some(SizeWord::Tiny));
        assert_eq!(size_word_in("un modèle léger sur cpu"), Some(SizeWord::Tiny));
        assert_eq!(size_word_in("нужна лёгкая модель"), Some(SizeWord::Tiny));
        assert_eq!(size_word_in("只能用小型的模型"), Some(SizeWord::Small));
        assert_eq!(size_word_in("ein kleines modell"), Some(SizeWord::Small));
        assert_eq!(size_word_in("enterprise-level servers"), None);
        assert_eq!(size_word_in("a bigram counter on tinyllama hardware"), None);
        assert_eq!(size_word_in("a very small one"), Some(SizeWord::Tiny));
        assert_eq!(size_word_in_words("a level of detail"), None);
        assert_eq!(size_word_in_words("modelos pequeños para chat").map(|s| s.0), Some(SizeWord::Small));
    }
}

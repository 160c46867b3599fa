//! "Describe the model you need": one free-text sentence → template fields, by rules.
//!
//! Why rules and not an LLM: the app must work offline and instantly, and every filled field must
//! be explainable ("license ← 'usable commercially'"). The rules only *fill* the form; the developer
//! sees each field and corrects it before (or after) searching.
//!
//! What is recognised:
//! - the task, through the engine's own task cues ([`detect_intents`]) when one task clearly wins;
//! - license wishes ("commercial use", "permissive", "Apache or MIT", "no copyleft",
//!   "non-commercial is fine") → a `license` text the engine's license policy understands;
//! - parameter limits ("under 1B", "at most 350M parameters", "between 1B and 3B", "small model");
//! - device memory and hardware ("8 GB RAM", "24GB GPU", "CPU only", "laptop", "Raspberry Pi");
//! - language names ([`crate::constraints::language`]) and "multilingual";
//! - domains ("medical", "legal", "finance", …), training data ("trained on X");
//! - wishes only an LLM can judge (a clause about bias / limitations).
//!
//! Constraint phrases are removed from the `function` text, so "under 1B" does not become a search
//! word; language and domain words stay in it, because models are often named after them.

use crate::analysis::Lexicon;
use crate::constraints::language::language_code;
use crate::constraints::LanguageWish;
use crate::constraints::{LicensePolicy, MemoryBudget, ParamRange};
use crate::rank::intent::detect_intents;
use crate::tasks::task_by_tag;
use crate::template::{Field, Template};

/// The result of reading a description.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filled {
    pub template: Template,
    /// One note per filled field, saying which words led to it (shown next to the form).
    pub notes: Vec<Note>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub field: Field,
    pub value: String,
    pub because: String,
}

/// One word of the description with its byte span.
#[derive(Clone, Debug)]
struct Word {
    start: usize,
    end: usize,
    /// ASCII-lowercased text.
    lower: String,
    /// Index of the clause (split at . , ; ! ? and line breaks) the word belongs to.
    clause: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '.' | '+' | '_' | '\'' | '<' | '≤' | '>' | '≥')
}

fn split_words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut clause = 0;
    let mut start: Option<usize> = None;
    let push = |words: &mut Vec<Word>, s: usize, e: usize, clause: usize| {
        // Trim punctuation that ends a sentence or wraps a word ("1B." "'apache'").
        let raw = &text[s..e];
        let trimmed_start = raw.len() - raw.trim_start_matches(['.', '-', '\'', '_']).len();
        let inner = raw.trim_start_matches(['.', '-', '\'', '_']).trim_end_matches(['.', '-', '\'', '_']);
        if inner.is_empty() {
            return;
        }
        let s2 = s + trimmed_start;
        words.push(Word { start: s2, end: s2 + inner.len(), lower: inner.to_ascii_lowercase(), clause });
    };
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            push(&mut words, s, i, clause);
        }
        if matches!(c, ',' | ';' | '!' | '?' | '\n' | ':' | '(' | ')') {
            clause += 1;
        }
    }
    if let Some(s) = start {
        push(&mut words, s, text.len(), clause);
    }
    // A word ending in '.' closed a sentence: the next word starts a new clause.
    let mut shift = 0;
    for word in &mut words {
        word.clause += shift;
        if text[word.end..].starts_with(". ") || text[word.end..].starts_with(".\n") {
            shift += 1;
        }
    }
    words
}

/// A number with a unit: parameters (count) or memory (bytes).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Qty {
    Count,
    Bytes,
}

fn unit_of(word: &str) -> Option<Qty> {
    match word {
        "k" | "thousand" | "m" | "mn" | "million" | "millions" | "b" | "bn" | "billion" | "billions" | "t" | "trillion" => Some(Qty::Count),
        "params" | "parameters" | "parameter" | "param" => Some(Qty::Count),
        "gb" | "gib" | "g" | "mb" | "mib" | "tb" | "gigabytes" | "gigabyte" | "megabytes" => Some(Qty::Bytes),
        _ => None,
    }
}

/// "1b", "1.5B", "8gb", "350m" as one word: (number part, unit).
fn glued_quantity(word: &str) -> Option<Qty> {
    let digits = word.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',').count();
    if digits == 0 || !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = &word[digits..];
    if rest.is_empty() {
        return None;
    }
    unit_of(rest)
}

fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) && word.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

const UPPER_BOUND: &[&[&str]] = &[
    &["under"],
    &["below"],
    &["less", "than"],
    &["fewer", "than"],
    &["smaller", "than"],
    &["at", "most"],
    &["no", "more", "than"],
    &["not", "more", "than"],
    &["no", "bigger", "than"],
    &["no", "larger", "than"],
    &["up", "to"],
    &["max"],
    &["maximum"],
    &["<"],
    &["≤"],
    &["<="],
    &["within"],
    &["at", "least"],
    &["more", "than"],
    &["over"],
    &["above"],
    &["bigger", "than"],
    &["larger", "than"],
    &["minimum"],
    &[">"],
    &["≥"],
    &[">="],
    &["between"],
    &["around"],
    &["about"],
    &["roughly"],
    &["approximately"],
    &["~"],
];

const DEVICE_PHRASES: &[&[&str]] = &[
    &["cpu-only"],
    &["cpu", "only"],
    &["cpu"],
    &["no", "gpu"],
    &["without", "gpu"],
    &["without", "a", "gpu"],
    &["laptop"],
    &["desktop"],
    &["raspberry", "pi"],
    &["jetson", "nano"],
    &["smartphone"],
    &["phone"],
    &["mobile"],
    &["android"],
    &["iphone"],
    &["browser"],
    &["edge", "device"],
    &["edge", "devices"],
    &["microcontroller"],
    &["single", "gpu"],
    &["consumer", "gpu"],
    &["gpu"],
    &["t4"],
    &["v100"],
    &["rtx", "3060"],
    &["rtx", "3090"],
    &["rtx", "4090"],
    &["a10g"],
    &["a100"],
    &["h100"],
    &["colab"],
];

const LICENSE_IDS: &[&str] = &[
    "apache",
    "apache-2.0",
    "apache2",
    "mit",
    "bsd",
    "bsd-3-clause",
    "bsd-2-clause",
    "isc",
    "cc0",
    "cc-by",
    "cc-by-4.0",
    "cc-by-sa",
    "cc-by-sa-4.0",
    "cc-by-nc",
    "cc-by-nc-4.0",
    "cc-by-nc-sa",
    "cc-by-nc-sa-4.0",
    "cc-by-nc-nd-4.0",
    "cc-by-nd-4.0",
    "gpl",
    "gpl-2.0",
    "gpl-3.0",
    "agpl",
    "agpl-3.0",
    "lgpl",
    "lgpl-3.0",
    "mpl",
    "mpl-2.0",
    "openrail",
    "openrail++",
    "creativeml-openrail-m",
    "llama2",
    "llama3",
    "llama3.1",
    "gemma",
    "unlicense",
];

const NEGATORS: &[&str] = &["no", "not", "non", "without", "avoid", "except", "exclude", "excluding", "never"];

/// (cue words, domain name written into the field).
const DOMAINS: &[(&[&str], &str)] = &[
    (&["medical"], "medical"),
    (&["clinical"], "clinical"),
    (&["biomedical"], "biomedical"),
    (&["healthcare"], "healthcare"),
    (&["health"], "health"),
    (&["radiology"], "radiology"),
    (&["legal"], "legal"),
    (&["law"], "legal"),
    (&["contracts"], "legal contracts"),
    (&["finance"], "finance"),
    (&["financial"], "finance"),
    (&["banking"], "finance"),
    (&["scientific"], "scientific"),
    (&["science"], "scientific"),
    (&["chemistry"], "chemistry"),
    (&["biology"], "biology"),
    (&["protein"], "proteins"),
    (&["proteins"], "proteins"),
    (&["code"], "code"),
    (&["programming"], "code"),
    (&["source", "code"], "code"),
    (&["news"], "news"),
    (&["social", "media"], "social media"),
    (&["tweets"], "twitter"),
    (&["twitter"], "twitter"),
    (&["reviews"], "reviews"),
    (&["customer", "support"], "customer support"),
    (&["customer", "service"], "customer support"),
    (&["e-commerce"], "e-commerce"),
    (&["ecommerce"], "e-commerce"),
    (&["education"], "education"),
    (&["math"], "math"),
    (&["mathematics"], "math"),
    (&["patents"], "patents"),
    (&["podcasts"], "podcasts"),
    (&["satellite"], "satellite imagery"),
    (&["aerial"], "aerial imagery"),
    (&["retail"], "retail"),
    (&["agriculture"], "agriculture"),
    (&["automotive"], "automotive"),
];

/// Words dropped at the edges of what remains of a clause once constraint phrases are removed.
const FILLER: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "with",
    "that",
    "which",
    "who",
    "must",
    "should",
    "shall",
    "be",
    "is",
    "are",
    "it",
    "its",
    "it's",
    "has",
    "have",
    "to",
    "on",
    "in",
    "for",
    "of",
    "under",
    "below",
    "at",
    "most",
    "least",
    "than",
    "less",
    "max",
    "maximum",
    "up",
    "no",
    "more",
    "runs",
    "run",
    "running",
    "fits",
    "fit",
    "fitting",
    "licensed",
    "license",
    "licence",
    "use",
    "usable",
    "used",
    "only",
    "can",
    "could",
    "needs",
    "need",
    "i",
    "we",
    "want",
    "looking",
    "model",
    "models",
    "allowed",
    "fine",
    "ok",
    "okay",
    "using",
    "by",
    "not",
    "without",
    "also",
    "any",
    "please",
    "something",
    "so",
    "my",
    "our",
    "me",
    "us",
    "would",
    "like",
    "while",
    "but",
    "locally",
    "also",
    "parameters",
    "params",
    "ram",
    "vram",
    "memory",
    "of",
    "device",
    "devices",
    "one",
    "should",
    "will",
    "good",
    "free",
    "available",
];

/// A small pattern helper over the word list.
struct Scan<'a> {
    words: &'a [Word],
    used: Vec<bool>,
}

impl<'a> Scan<'a> {
    fn matches_at(&self, i: usize, phrase: &[&str]) -> bool {
        phrase.iter().enumerate().all(|(k, p)| self.words.get(i + k).is_some_and(|w| w.lower == *p))
    }

    fn mark(&mut self, range: std::ops::Range<usize>) {
        for i in range {
            if let Some(u) = self.used.get_mut(i) {
                *u = true;
            }
        }
    }

    fn text_of(&self, text: &str, range: std::ops::Range<usize>) -> String {
        if range.is_empty() {
            return String::new();
        }
        text[self.words[range.start].start..self.words[range.end - 1].end].to_string()
    }

    /// Longest phrase of `phrases` ending right before word `i` (for bound words like "less than").
    fn phrase_before(&self, i: usize, phrases: &[&[&str]]) -> Option<usize> {
        phrases
            .iter()
            .filter(|p| p.len() <= i && self.matches_at(i - p.len(), p) && self.words[i - p.len()].clause == self.words[i].clause)
            .map(|p| p.len())
            .max()
    }
}

/// Reads a free-text description into template fields.
pub fn fill_from_text(lexicon: &Lexicon, text: &str) -> Filled {
    let words = split_words(text);
    let mut scan = Scan { words: &words, used: vec![false; words.len()] };
    let mut notes: Vec<Note> = Vec::new();
    let mut template = Template::default();

    // 1. Wishes only an LLM can judge: whole clauses about bias or limitations.
    let clause_count = words.last().map(|w| w.clause + 1).unwrap_or(0);
    let mut bias_clauses = Vec::new();
    let mut limitation_clauses = Vec::new();
    for c in 0..clause_count {
        let idx: Vec<usize> = (0..words.len()).filter(|&i| words[i].clause == c).collect();
        let Some((&first, &last)) = idx.first().zip(idx.last()) else { continue };
        let has = |pred: &dyn Fn(&str) -> bool| idx.iter().any(|&i| pred(&words[i].lower));
        let bias = has(&|w| w.starts_with("bias") || w == "unbiased" || w == "fair" || w == "fairness" || w == "stereotypes");
        let limits = has(&|w| w.starts_with("hallucinat") || w == "limitations" || w == "limitation" || w == "robust" || w == "robustness");
        if bias || limits {
            let clause_text = text[words[first].start..words[last].end].to_string();
            scan.mark(first..last + 1);
            if bias {
                bias_clauses.push(clause_text);
            } else {
                limitation_clauses.push(clause_text);
            }
        }
    }
    if !bias_clauses.is_empty() {
        let v = bias_clauses.join("; ");
        notes.push(Note { field: Field::Biases, value: v.clone(), because: "a wish about bias (checked by the LLM)".into() });
        template.set(Field::Biases, Some(v));
    }
    if !limitation_clauses.is_empty() {
        let v = limitation_clauses.join("; ");
        notes.push(Note { field: Field::Limitations, value: v.clone(), because: "a wish about limitations (checked by the LLM)".into() });
        template.set(Field::Limitations, Some(v));
    }

    // 2. Quantities: parameter limits and memory budgets.
    let mut param_parts: Vec<String> = Vec::new();
    let mut memory_parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if scan.used[i] {
            i += 1;
            continue;
        }
        let w = &words[i].lower;
        let (qty, mut end) = if let Some(q) = glued_quantity(w) {
            (Some(q), i + 1)
        } else if is_number(w) {
            match words.get(i + 1).and_then(|n| unit_of(&n.lower)) {
                Some(q) => (Some(q), i + 2),
                None => (None, i + 1),
            }
        } else {
            (None, i + 1)
        };
        let Some(qty) = qty else {
            i += 1;
            continue;
        };
        // Trailing words that belong to the quantity.
        let suffixes: &[&[&str]] = match qty {
            Qty::Count => &[
                &["parameters"],
                &["params"],
                &["parameter"],
                &["or", "less"],
                &["or", "smaller"],
                &["or", "fewer"],
                &["or", "more"],
                &["max"],
            ],
            Qty::Bytes => &[
                &["of", "ram"],
                &["of", "vram"],
                &["of", "memory"],
                &["of", "gpu", "memory"],
                &["ram"],
                &["vram"],
                &["memory"],
                &["gpu"],
                &["or", "less"],
            ],
        };
        while let Some(s) = suffixes.iter().find(|s| scan.matches_at(end, s)) {
            end += s.len();
        }
        let mut start = i;
        if let Some(n) = scan.phrase_before(i, UPPER_BOUND) {
            start = i - n;
        }
        // "between 1B and 3B": take the second number too.
        if words[start].lower == "between" && scan.matches_at(end, &["and"]) {
            let j = end + 1;
            if words.get(j).is_some_and(|w| glued_quantity(&w.lower) == Some(qty)) {
                end = j + 1;
            } else if words.get(j).is_some_and(|w| is_number(&w.lower)) && words.get(j + 1).and_then(|n| unit_of(&n.lower)) == Some(qty) {
                end = j + 2;
            }
        }
        while let Some(s) = suffixes.iter().find(|s| scan.matches_at(end, s)) {
            end += s.len();
        }
        let phrase = scan.text_of(text, start..end);
        scan.mark(start..end);
        match qty {
            Qty::Count => param_parts.push(phrase),
            Qty::Bytes => memory_parts.push(phrase),
        }
        i = end;
    }
    // Size words without numbers: "a small model", "lightweight".
    if param_parts.is_empty() {
        for i in 0..words.len() {
            let w = words[i].lower.as_str();
            let next_is_model = words.get(i + 1).is_some_and(|n| matches!(n.lower.as_str(), "model" | "models" | "one"));
            if (matches!(w, "small" | "tiny" | "compact" | "smaller") && next_is_model) || w == "lightweight" {
                param_parts.push(scan.text_of(text, i..i + 1));
                scan.mark(i..i + 1);
                break;
            }
        }
    }
    if !param_parts.is_empty() {
        let v = param_parts.join(", ");
        if ParamRange::parse(&v).is_some() {
            notes.push(Note { field: Field::ParameterSize, value: v.clone(), because: format!("size limit '{v}'") });
            template.set(Field::ParameterSize, Some(v));
        }
    }

    // 3. Devices.
    let mut device_parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if scan.used[i] {
            i += 1;
            continue;
        }
        let best = DEVICE_PHRASES.iter().filter(|p| scan.matches_at(i, p)).map(|p| p.len()).max();
        match best {
            Some(n) => {
                let mut end = i + n;
                if scan.matches_at(end, &["only"]) {
                    end += 1;
                }
                device_parts.push(scan.text_of(text, i..end));
                scan.mark(i..end);
                i = end;
            }
            None => i += 1,
        }
    }
    let mut hardware_parts = device_parts;
    hardware_parts.extend(memory_parts);
    if !hardware_parts.is_empty() {
        let v = hardware_parts.join(", ");
        if MemoryBudget::parse(&v).is_some() || ParamRange::parse(&v).is_some() {
            notes.push(Note { field: Field::Hardware, value: v.clone(), because: format!("device or memory '{v}'") });
            template.set(Field::Hardware, Some(v));
        }
    }

    // 4. License wishes → a policy text the engine reads.
    let mut license_parts: Vec<String> = Vec::new();
    let mut license_words: Vec<usize> = Vec::new();
    let push_part = |parts: &mut Vec<String>, p: &str| {
        if !parts.iter().any(|x| x == p) {
            parts.push(p.to_string());
        }
    };
    let mut ids: Vec<String> = Vec::new();
    for i in 0..words.len() {
        if scan.used[i] {
            continue;
        }
        let w = words[i].lower.as_str();
        let negated = i > 0 && NEGATORS.contains(&words[i - 1].lower.as_str()) && words[i - 1].clause == words[i].clause;
        let from = if negated { i - 1 } else { i };
        if w == "non-commercial" || w == "noncommercial" || (w == "commercial" && negated) || w == "commercial-use" && negated {
            push_part(&mut license_parts, "non-commercial is fine");
            license_words.extend(from..=i);
        } else if w == "commercial" || w == "commercially" || w == "commercial-use" {
            push_part(&mut license_parts, "commercial use");
            license_words.extend(from..=i);
            if scan.matches_at(i + 1, &["use"]) || scan.matches_at(i + 1, &["usage"]) || scan.matches_at(i + 1, &["purposes"]) {
                license_words.push(i + 1);
            }
        } else if (w == "research" || w == "academic")
            && words.get(i + 1).is_some_and(|n| matches!(n.lower.as_str(), "only" | "use" | "purposes"))
        {
            push_part(&mut license_parts, "non-commercial is fine");
            license_words.extend(i..=i + 1);
        } else if w.starts_with("permissive") {
            push_part(&mut license_parts, "permissive");
            license_words.push(i);
        } else if w == "copyleft" {
            push_part(&mut license_parts, if negated { "no copyleft" } else { "copyleft" });
            license_words.extend(from..=i);
        } else if (w == "open-source" || w == "open" && scan.matches_at(i + 1, &["source"]))
            && words.iter().skip(i).take(4).any(|n| n.lower.starts_with("licen"))
        {
            push_part(&mut license_parts, "open source");
            license_words.extend(i..=if w == "open" { i + 1 } else { i });
        } else if LICENSE_IDS.contains(&w) || (w == "apache" && scan.matches_at(i + 1, &["2.0"])) {
            let mut end = i;
            if w == "apache" && scan.matches_at(i + 1, &["2.0"]) {
                end = i + 1;
            }
            let written = scan.text_of(text, i..end + 1).to_ascii_lowercase();
            if negated {
                push_part(&mut license_parts, &format!("no {written}"));
            } else if !ids.contains(&written) {
                ids.push(written);
            }
            license_words.extend(from..=end);
        }
    }
    if !ids.is_empty() {
        license_parts.push(ids.join(" or "));
    }
    if !license_parts.is_empty() {
        // The word "license(d)" in the same clause belongs to the wish too.
        let clauses: Vec<usize> = license_words.iter().map(|&i| words[i].clause).collect();
        for (i, w) in words.iter().enumerate() {
            if w.lower.starts_with("licen") && clauses.contains(&w.clause) {
                license_words.push(i);
            }
        }
        for &i in &license_words {
            scan.used[i] = true;
        }
        let v = license_parts.join(", ");
        if LicensePolicy::parse(&v).is_some() {
            notes.push(Note { field: Field::License, value: v.clone(), because: format!("license wish '{v}'") });
            template.set(Field::License, Some(v));
        }
    }

    // 5. Languages (names only: two-letter codes are too often English words).
    let mut languages: Vec<String> = Vec::new();
    let mut multilingual = false;
    for w in &words {
        let lw = w.lower.as_str();
        if lw == "multilingual" || lw == "multi-lingual" || lw == "cross-lingual" {
            multilingual = true;
        } else if lw.chars().count() >= 4 && lw.chars().all(char::is_alphabetic) && language_code(lw).is_some() {
            let name = capitalize(lw);
            if !languages.contains(&name) {
                languages.push(name);
            }
        }
    }
    if multilingual {
        languages.push("multilingual".into());
    }
    if !languages.is_empty() {
        let v = languages.join(", ");
        if LanguageWish::parse(&v).is_some() {
            notes.push(Note { field: Field::Language, value: v.clone(), because: format!("language '{v}'") });
            template.set(Field::Language, Some(v));
        }
    }

    // 6. Training data: "trained on X", "fine-tuned on X".
    for i in 0..words.len() {
        let w = words[i].lower.as_str();
        if matches!(w, "trained" | "fine-tuned" | "finetuned" | "pretrained" | "pre-trained") && scan.matches_at(i + 1, &["on"]) {
            let start = i + 2;
            let mut end = start;
            while end < words.len()
                && end < start + 5
                && words[end].clause == words[i].clause
                && !FILLER.contains(&words[end].lower.as_str())
            {
                end += 1;
            }
            if end > start {
                let v = scan.text_of(text, start..end);
                notes.push(Note { field: Field::Dataset, value: v.clone(), because: format!("'{}'", scan.text_of(text, i..end)) });
                template.set(Field::Dataset, Some(v));
                scan.mark(i..end);
                break;
            }
        }
    }

    // 7. Domains (kept in the function text as well).
    let mut domains: Vec<&str> = Vec::new();
    for i in 0..words.len() {
        for (cue, name) in DOMAINS {
            if scan.matches_at(i, cue) && !domains.contains(name) {
                domains.push(name);
            }
        }
    }
    if !domains.is_empty() {
        let v = domains.join(", ");
        notes.push(Note { field: Field::Domain, value: v.clone(), because: format!("domain word(s) '{v}'") });
        template.set(Field::Domain, Some(v));
    }

    // 8. What remains is the function.
    let function = remaining_text(text, &words, &scan.used);
    if !function.is_empty() {
        template.set(Field::Function, Some(function.clone()));
        notes.push(Note { field: Field::Function, value: function, because: "the description without its constraints".into() });
    }

    // 9. The task, when one clearly wins.
    let probe = Template {
        function: template.function.clone().or_else(|| Some(text.to_string())),
        domain: template.domain.clone(),
        ..Default::default()
    };
    let intents = detect_intents(lexicon, &probe);
    if let Some(top) = intents.first() {
        let clear = intents.get(1).is_none_or(|second| second.confidence < 0.9);
        if clear {
            if let Some(task) = task_by_tag(&top.tag) {
                template.set(Field::Task, Some(task.tag.to_string()));
                notes.push(Note { field: Field::Task, value: task.tag.to_string(), because: format!("{} ({})", task.name, top.because) });
            }
        }
    }

    notes.sort_by_key(|n| n.field);
    Filled { template, notes }
}

fn capitalize(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The text without used words, clause by clause, with filler trimmed at clause edges.
fn remaining_text(text: &str, words: &[Word], used: &[bool]) -> String {
    let clause_count = words.last().map(|w| w.clause + 1).unwrap_or(0);
    let mut clauses: Vec<String> = Vec::new();
    for c in 0..clause_count {
        // Runs of consecutive unused words keep their original spacing and inner punctuation.
        let idx: Vec<usize> = (0..words.len()).filter(|&i| words[i].clause == c).collect();
        let mut kept: Vec<usize> = idx.iter().copied().filter(|&i| !used[i]).collect();
        while kept.first().is_some_and(|&i| FILLER.contains(&words[i].lower.as_str())) {
            kept.remove(0);
        }
        while kept.last().is_some_and(|&i| FILLER.contains(&words[i].lower.as_str())) {
            kept.pop();
        }
        if kept.is_empty() {
            continue;
        }
        let mut out = String::new();
        let mut prev: Option<usize> = None;
        for &i in &kept {
            match prev {
                Some(p) if p + 1 == i => out.push_str(&text[words[p].end..words[i].end]),
                Some(_) => {
                    out.push(' ');
                    out.push_str(&text[words[i].start..words[i].end]);
                }
                None => out.push_str(&text[words[i].start..words[i].end]),
            }
            prev = Some(i);
        }
        let cleaned: String = out.split_whitespace().collect::<Vec<_>>().join(" ");
        if !cleaned.is_empty() {
            clauses.push(cleaned);
        }
    }
    clauses.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(text: &str) -> Template {
        fill_from_text(&Lexicon::new(), text).template
    }

    #[test]
    fn the_issue_example() {
        let t = fill("Transcribe German podcasts, must be usable commercially, under 1B parameters, runs on a laptop with 8 GB RAM");
        assert_eq!(t.get(Field::Task), Some("automatic-speech-recognition"));
        assert_eq!(t.get(Field::Function), Some("Transcribe German podcasts"));
        assert_eq!(t.get(Field::License), Some("commercial use"));
        assert_eq!(t.get(Field::ParameterSize), Some("under 1B parameters"));
        assert_eq!(t.get(Field::Hardware), Some("laptop, 8 GB RAM"));
        assert_eq!(t.get(Field::Language), Some("German"));
        assert_eq!(t.get(Field::Domain), Some("podcasts"));
    }

    #[test]
    fn license_phrases_become_policies() {
        assert_eq!(fill("summarize news, Apache 2.0 or MIT licensed").get(Field::License), Some("apache 2.0 or mit"));
        assert_eq!(fill("classify sentiment of tweets; non-commercial is fine").get(Field::License), Some("non-commercial is fine"));
        assert_eq!(fill("named entity recognition with no copyleft license").get(Field::License), Some("no copyleft"));
        assert_eq!(fill("a permissive model for OCR").get(Field::License), Some("permissive"));
        assert_eq!(fill("chatbot for commercial use, not gpl").get(Field::License), Some("commercial use, no gpl"));
        assert_eq!(fill("research only is ok, image captioning").get(Field::License), Some("non-commercial is fine"));
        let t = fill("draw pictures from prompts");
        assert_eq!(t.get(Field::License), None);
        assert_eq!(t.get(Field::Task), Some("text-to-image"));
        assert_eq!(t.get(Field::Function), Some("draw pictures from prompts"));
        for text in ["apache 2.0 or mit", "non-commercial is fine", "no copyleft", "permissive", "commercial use, no gpl"] {
            assert!(LicensePolicy::parse(text).is_some(), "{text}");
        }
    }

    #[test]
    fn sizes_and_hardware() {
        let t = fill("an embedding model between 100M and 500M params for semantic search");
        assert_eq!(t.get(Field::ParameterSize), Some("between 100M and 500M params"));
        let r = ParamRange::parse(t.get(Field::ParameterSize).unwrap()).unwrap();
        assert_eq!((r.min, r.max), (Some(100_000_000), Some(500_000_000)));
        assert_eq!(fill("small model to detect objects").get(Field::ParameterSize), Some("small"));
        assert_eq!(fill("at most 3.5b, chat assistant").get(Field::ParameterSize), Some("at most 3.5b"));
        let t = fill("CPU only, speech to text");
        assert_eq!(t.get(Field::Hardware), Some("CPU only"));
        assert!(MemoryBudget::parse(t.get(Field::Hardware).unwrap()).unwrap().cpu_only);
        assert_eq!(fill("fits a 24GB GPU, text generation").get(Field::Hardware), Some("24GB GPU"));
        assert_eq!(fill("translate on a raspberry pi").get(Field::Hardware), Some("raspberry pi"));
    }

    #[test]
    fn languages_domains_data_and_wishes() {
        let t = fill("legal document question answering in French and English, trained on court rulings. Avoid gender bias.");
        assert_eq!(t.get(Field::Language), Some("French, English"));
        assert_eq!(t.get(Field::Domain), Some("legal"));
        assert_eq!(t.get(Field::Dataset), Some("court rulings"));
        assert_eq!(t.get(Field::Biases), Some("Avoid gender bias"));
        let f = t.get(Field::Function).unwrap();
        assert!(!f.contains("bias") && !f.contains("court") && f.contains("question answering"), "{f}");
        assert_eq!(fill("multilingual sentence embeddings").get(Field::Language), Some("multilingual"));
        // Two-letter codes in prose are not read as languages.
        assert_eq!(fill("it is a model to tag text").get(Field::Language), None);
    }

    #[test]
    fn ambiguous_tasks_are_left_open_and_nothing_crashes() {
        // "embeddings" points at two tasks equally: the task field stays empty.
        assert_eq!(fill("embeddings").get(Field::Task), None);
        for text in ["", "   ", ",,,", "under", "8", "1b", "between 1b and", "ünïcödé ≤ 3B ok", "no", "apache 2.0"] {
            let _ = fill_from_text(&Lexicon::new(), text);
        }
        assert!(fill("").is_empty());
    }

    #[test]
    fn notes_explain_each_field() {
        let f = fill_from_text(&Lexicon::new(), "transcribe podcasts for commercial use");
        let fields: Vec<Field> = f.notes.iter().map(|n| n.field).collect();
        assert!(fields.contains(&Field::License) && fields.contains(&Field::Task) && fields.contains(&Field::Function));
        for n in &f.notes {
            assert_eq!(f.template.get(n.field), Some(n.value.as_str()));
        }
    }
}

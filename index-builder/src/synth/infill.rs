//! Mask-and-infill of a synthesized request's free text (paper §4.2), done by an LLM when one is
//! configured (`index-builder synthesize --llm-base-url …`).
//!
//! For each rule-based request and each of [`INFILL_FIELDS`] it holds (`function` always;
//! `limitations` only when the request states one — the rule-based drafts never do today):
//! 1. **mask**: a seeded choice of a few consecutive, rewordable words (lower-case letters, at least
//!    one word of substance; never a name, number or other fact such as "BERT", "7B", "COCO") is
//!    replaced by `[MASK]`. Long texts are cut to a window around the mask so the whole field fits
//!    the answer schema's 150 characters;
//! 2. **ask**: `prompts/synthesize_request.txt` gets the request with the masked field as its seed
//!    and the mutation `infill <field>: replace [MASK] with different words that mean the same as
//!    "<hidden words>"`. The hidden words are shown on purpose: the request's judge (task, license,
//!    …) was fixed by the rules, so the infill must keep their meaning, only their wording changes;
//! 3. **check** ([`accept`]): the answer's field must keep every unmasked word (so only the masked
//!    span changed), and the infill must be non-empty (a word of substance), not a copy of the
//!    hidden words (nor a reordering or a part of them), not name the origin model (its id, or its
//!    name when that is 4+ characters), add no fact the text did not have (a capitalized name or
//!    language, a number, an identifier: masks never hide those, so rewording must not bring them
//!    in — "a model for text generation" → "a model for English" is refused), and stay within
//!    length limits grounded in the data: at most
//!    `2 × hidden words + 2` words and `2 × hidden characters + 16` characters, and the whole field
//!    at most 240 characters (the cap `shorten` puts on rule-based function text);
//! 4. **apply**: the field becomes the original text with the span replaced, and the request gets
//!    a mutation `{"field", "kind": "infill", "from", "to", "masked", "llm"}`.
//!
//! Anything else — no maskable span, a failed call, an answer that fails a check — leaves the field
//! as the rules wrote it, and [`InfillReport`] says which request, which field and why. Judges,
//! expectations and constraints never change: the infill only rewords.
//!
//! Deterministic: the mask depends only on the seed, the origin, the field and its text; with a
//! cache (or a deterministic server: temperature 0, fixed seed) the output is byte-identical.

use std::collections::{BTreeMap, HashSet};

use ptmpicker::template::Field;
use serde::Serialize;

use super::mutate::Mutation;
use super::prng::Rng;
use super::SynthRequest;
use crate::llm_client::pool::run_bounded;

/// Fields whose text is masked and infilled, when the request has them.
pub const INFILL_FIELDS: [Field; 2] = [Field::Function, Field::Limitations];

/// The placeholder the LLM replaces.
pub const MASK: &str = "[MASK]";

/// Longest infilled field (characters): the cap `shorten` puts on rule-based function text.
pub const FIELD_MAX_CHARS: usize = 240;

/// Longest field value the LLM can write back: the request schema's `maxLength`.
const ANSWER_MAX_CHARS: usize = ptmpicker::llm::schema::VALUE_MAX as usize;

/// Room, beyond the hidden words' own length, kept in the answer for a wordier infill and the
/// window's cut marks.
const ANSWER_SLACK_CHARS: usize = 20;

/// Most words one mask hides.
const MASK_MAX_WORDS: usize = 6;

/// Fewest words a text needs to be masked (at least two stay visible as context).
const MIN_WORDS: usize = 3;

/// Words that carry no meaning of their own (a mask must hide something else too, and an infill
/// must say something else too).
const STOP: &[&str] = &[
    "the", "and", "for", "with", "from", "this", "that", "are", "was", "has", "its", "not", "but", "can", "may", "into", "than", "only",
    "such", "also", "which", "their", "them", "then", "there", "these", "those", "very", "more", "most", "any", "all", "one", "our",
    "your", "you", "who", "how", "what", "when", "where", "while", "via", "using", "use", "used", "model", "models",
];

/// Why a field kept its rule-based text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InfillFailure {
    /// Too few words, or no run of rewordable words (only names, numbers and function words).
    NotMasked,
    /// The LLM call failed, or its answer was not a request.
    LlmFailed,
    /// The answer's field is empty, or the infill has no word of substance.
    Empty,
    /// The answer still contains the mask.
    KeptMask,
    /// The answer changed the words around the mask.
    Rewrote,
    /// The infill is the hidden words again (or a reordering or a part of them).
    Copy,
    /// The infill names the origin model.
    NamesModel,
    /// The infill brings in a fact the text did not have: a name, language, number or identifier
    /// ("English", "7B", "BERT"), which could contradict the judge the rules fixed.
    AddsFact,
    /// The infill or the field is longer than the limits.
    TooLong,
}

impl InfillFailure {
    pub fn describe(self) -> &'static str {
        match self {
            InfillFailure::NotMasked => "nothing to mask",
            InfillFailure::LlmFailed => "no usable LLM answer",
            InfillFailure::Empty => "empty infill",
            InfillFailure::KeptMask => "left [MASK] in place",
            InfillFailure::Rewrote => "changed the unmasked words",
            InfillFailure::Copy => "copy of the hidden words",
            InfillFailure::NamesModel => "names the model",
            InfillFailure::AddsFact => "adds a name or number",
            InfillFailure::TooLong => "too long",
        }
    }
}

/// One field's mask, and what the LLM is asked.
#[derive(Clone, Debug, PartialEq)]
pub struct MaskPlan {
    /// Index of the request in the batch.
    pub request: usize,
    pub origin: String,
    pub field: Field,
    /// The field's rule-based text (trimmed).
    pub original: String,
    /// Byte range of the hidden words in `original`.
    pub span: (usize, usize),
    /// Byte range of `original` shown to the LLM (all of it unless it is long).
    pub window: (usize, usize),
    /// The seed request as sent (JSON): the request's fields, this one masked.
    pub seed_request: String,
    /// The mutation sentence as sent.
    pub mutation: String,
}

impl MaskPlan {
    /// The hidden words.
    pub fn masked(&self) -> &str {
        &self.original[self.span.0..self.span.1]
    }

    /// The field as the LLM sees it: the window with the span replaced by `[MASK]`, and `…` where
    /// the window cuts the text.
    pub fn shown(&self) -> String {
        let (w0, w1) = self.window;
        let mut s = String::new();
        if w0 > 0 {
            s.push_str("… ");
        }
        s.push_str(&self.original[w0..self.span.0]);
        s.push_str(MASK);
        s.push_str(&self.original[self.span.1..w1]);
        if w1 < self.original.len() {
            s.push_str(" …");
        }
        s
    }
}

/// A checked infill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// What the LLM put in place of the mask.
    pub infill: String,
    /// The new field text: `original` with the span replaced by `infill`.
    pub text: String,
}

/// Whitespace-separated tokens as byte ranges.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// A token's comparable form: its letters and digits, lower-cased ("" for punctuation).
fn norm(token: &str) -> String {
    token.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The comparable words of a text.
fn norm_words(text: &str) -> Vec<String> {
    text.split_whitespace().map(norm).filter(|w| !w.is_empty()).collect()
}

fn is_content(word: &str) -> bool {
    word.chars().count() >= 3 && !STOP.contains(&word)
}

/// A word the LLM can reword without changing a fact: lower-case letters, joined only by hyphens or
/// apostrophes ("zero-shot", "callers'"), with punctuation around them (the text's first word may
/// be capitalized). Names ("BERT", "Chinese"), numbers and sizes ("7B", "128k") and identifiers
/// ("fka/awesome-prompts", "mteb:sts", "snake_case", "v1.2") are facts.
fn rewordable(token: &str, first: bool) -> bool {
    let core = token.trim_matches(|c: char| !c.is_alphanumeric());
    let mut letters = 0;
    for c in core.chars() {
        if c.is_alphabetic() {
            if !(c.is_lowercase() || (first && letters == 0)) {
                return false;
            }
            letters += 1;
        } else if !matches!(c, '-' | '\'' | '’') {
            return false;
        }
    }
    letters > 0
}

/// A seeded span of 1–6 consecutive rewordable words (about a fifth to two fifths of the text)
/// that starts and ends with a word of substance, as a byte range without surrounding punctuation.
fn choose_span(text: &str, rng: &mut Rng) -> Option<(usize, usize)> {
    let toks = tokens(text);
    let n = toks.len();
    if n < MIN_WORDS {
        return None;
    }
    let word = |i: usize| &text[toks[i].0..toks[i].1];
    let ok: Vec<bool> = (0..n).map(|i| rewordable(word(i), i == 0)).collect();
    let content: Vec<bool> = (0..n).map(|i| is_content(&norm(word(i)))).collect();
    let max_k = MASK_MAX_WORDS.min((2 * n).div_ceil(5)).min(n - 2).max(1);
    let min_k = (n / 5).clamp(1, max_k);
    let mut k = min_k + rng.below(max_k - min_k + 1);
    loop {
        let starts: Vec<usize> = (0..=n - k).filter(|&s| (s..s + k).all(|i| ok[i]) && (s..s + k).any(|i| content[i])).collect();
        if let Some(&s) = rng.pick(&starts) {
            // Start and end on words of substance ("semantic segmentation", not "for semantic
            // segmentation of"): a phrase is what a developer would word differently.
            let (mut a, mut b) = (s, s + k - 1);
            while !content[a] {
                a += 1;
            }
            while !content[b] {
                b -= 1;
            }
            let (first, last) = (word(a), word(b));
            let lead = first.char_indices().find(|(_, c)| c.is_alphanumeric()).map(|(i, _)| i)?;
            let trail = last.char_indices().rev().find(|(_, c)| c.is_alphanumeric()).map(|(i, c)| i + c.len_utf8())?;
            return Some((toks[a].0 + lead, toks[b].0 + trail));
        }
        if k == 1 {
            return None;
        }
        k -= 1;
    }
}

/// The widest run of whole tokens around `span` whose context (the text besides the span) has at
/// most `budget` characters, growing right then left one token at a time.
fn window(text: &str, span: (usize, usize), budget: usize) -> (usize, usize) {
    let toks = tokens(text);
    let s = toks.iter().position(|t| t.1 > span.0).unwrap_or(0);
    let e = toks.iter().rposition(|t| t.0 < span.1).map_or(toks.len(), |i| i + 1);
    let chars = |a: usize, b: usize| text[a..b].chars().count();
    let context = |l: usize, r: usize| chars(toks[l].0, span.0) + chars(span.1, toks[r - 1].1);
    let (mut l, mut r) = (s, e);
    loop {
        let mut grew = false;
        if r < toks.len() && context(l, r + 1) <= budget {
            r += 1;
            grew = true;
        }
        if l > 0 && context(l - 1, r) <= budget {
            l -= 1;
            grew = true;
        }
        if !grew {
            break;
        }
    }
    (toks[l].0.min(span.0), toks[r - 1].1.max(span.1))
}

/// The mask for `field` of request `index`: `None` when the request does not have the field,
/// `Some(Err(NotMasked))` when its text offers nothing to mask.
pub fn plan(req: &SynthRequest, index: usize, field: Field, seed: u64) -> Option<Result<MaskPlan, InfillFailure>> {
    let original = req.request.get(field.name())?.trim().to_string();
    if original.is_empty() {
        return None;
    }
    let mut rng = Rng::for_key(seed, &format!("infill\u{0}{}\u{0}{}\u{0}{original}", req.origin, field.name()));
    let Some(span) = choose_span(&original, &mut rng) else { return Some(Err(InfillFailure::NotMasked)) };
    let hidden = original[span.0..span.1].chars().count();
    let window = window(&original, span, ANSWER_MAX_CHARS.saturating_sub(hidden + ANSWER_SLACK_CHARS));
    let mut plan = MaskPlan {
        request: index,
        origin: req.origin.clone(),
        field,
        original,
        span,
        window,
        seed_request: String::new(),
        mutation: String::new(),
    };
    let mut seed_request = req.request.clone();
    seed_request.insert(field.name(), plan.shown());
    plan.seed_request = serde_json::to_string(&seed_request).unwrap_or_default();
    plan.mutation = format!("infill {}: replace {MASK} with different words that mean the same as \"{}\"", field.name(), plan.masked());
    Some(Ok(plan))
}

/// `" a b c "`: the lower-cased letter/digit runs of `text`, space-separated and padded, so that
/// `contains` matches whole words.
fn phrase(text: &str) -> String {
    let mut out = String::from(" ");
    for run in text.split(|c: char| !c.is_alphanumeric()).filter(|r| !r.is_empty()) {
        out.push_str(&run.to_lowercase());
        out.push(' ');
    }
    out
}

/// Checks what the LLM wrote for the masked field (see the module notes) and splices the infill in.
pub fn accept(plan: &MaskPlan, written: &str, origin_id: &str) -> Result<Accepted, InfillFailure> {
    let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
    if !written.chars().any(char::is_alphanumeric) {
        return Err(InfillFailure::Empty);
    }
    let context = format!("{}{}", &plan.original[plan.window.0..plan.span.0], &plan.original[plan.span.1..plan.window.1]);
    let masks = |t: &str| t.matches("MASK").count() + t.matches("[mask]").count();
    if masks(&written) > masks(&context) {
        return Err(InfillFailure::KeptMask);
    }
    // Every word around the mask kept, in order: only the span changed.
    let toks: Vec<(usize, usize, String)> =
        tokens(&written).into_iter().map(|(a, b)| (a, b, norm(&written[a..b]))).filter(|(_, _, w)| !w.is_empty()).collect();
    let prefix = norm_words(&plan.original[plan.window.0..plan.span.0]);
    let suffix = norm_words(&plan.original[plan.span.1..plan.window.1]);
    let (p, s, n) = (prefix.len(), suffix.len(), toks.len());
    let same = |got: &[(usize, usize, String)], want: &[String]| got.iter().map(|t| &t.2).eq(want.iter());
    if n < p + s || !same(&toks[..p], &prefix) || !same(&toks[n - s..], &suffix) {
        return Err(InfillFailure::Rewrote);
    }
    let start = if p > 0 { toks[p - 1].1 } else { 0 };
    let end = if s > 0 { toks[n - s].0 } else { written.len() };
    let infill = written[start..end.max(start)].trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let words = norm_words(&infill);
    if !words.iter().any(|w| is_content(w)) {
        return Err(InfillFailure::Empty);
    }
    let hidden = norm_words(plan.masked());
    let hidden_content: HashSet<&String> = hidden.iter().filter(|w| is_content(w)).collect();
    if words == hidden || words.iter().filter(|w| is_content(w)).all(|w| hidden_content.contains(w)) {
        return Err(InfillFailure::Copy);
    }
    let text = format!("{}{}{}", &plan.original[..plan.span.0], infill, &plan.original[plan.span.1..]);
    let id = phrase(origin_id);
    let name = phrase(origin_id.rsplit('/').next().unwrap_or(origin_id));
    let names = |t: &str| {
        let t = phrase(t);
        (id.trim().len() >= 4 && t.contains(&id)) || (name.chars().filter(|c| c.is_alphanumeric()).count() >= 4 && t.contains(&name))
    };
    if names(&infill) || (names(&text) && !names(&plan.original)) {
        return Err(InfillFailure::NamesModel);
    }
    // Masks never hide facts, so an infill must not add one: every word that is not plain
    // lower-case prose must already be in the field.
    let known: HashSet<String> = norm_words(&plan.original).into_iter().collect();
    let infill_toks = tokens(&infill);
    if infill_toks.iter().enumerate().any(|(i, &(a, b))| {
        let tok = &infill[a..b];
        !rewordable(tok, i == 0 && plan.span.0 == 0) && !norm(tok).is_empty() && !known.contains(&norm(tok))
    }) {
        return Err(InfillFailure::AddsFact);
    }
    if words.len() > 2 * hidden.len().max(1) + 2 || infill.chars().count() > 2 * plan.masked().chars().count() + 16 {
        return Err(InfillFailure::TooLong);
    }
    if text.chars().count() > FIELD_MAX_CHARS.max(plan.original.chars().count()) {
        return Err(InfillFailure::TooLong);
    }
    Ok(Accepted { infill, text })
}

/// Replaces the plan's field with the accepted text and records the infill mutation.
pub fn apply(req: &mut SynthRequest, plan: &MaskPlan, accepted: &Accepted) {
    req.request.insert(plan.field.name(), accepted.text.clone());
    req.mutations.push(Mutation {
        field: plan.field.name(),
        kind: "infill",
        from: plan.original.clone(),
        to: accepted.text.clone(),
        from_family: None,
        to_family: None,
        masked: Some(plan.masked().to_string()),
        llm: Some(accepted.infill.clone()),
    });
}

/// A field that kept its rule-based text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kept {
    /// Index of the request in the batch.
    #[serde(skip)]
    pub request: usize,
    pub id: String,
    pub field: &'static str,
    pub reason: InfillFailure,
    /// What the LLM wrote, or the error.
    pub detail: String,
}

/// What the infill pass did.
#[derive(Debug, Default, Serialize)]
pub struct InfillReport {
    /// Fields masked and sent to the LLM.
    pub asked: usize,
    /// Fields whose infill was applied.
    pub applied: usize,
    /// Requests with at least one applied infill.
    pub requests_infilled: usize,
    /// Requests left exactly as the rules wrote them.
    pub requests_rule_based: usize,
    /// Fields not infilled, by reason.
    pub reasons: BTreeMap<InfillFailure, usize>,
    /// Every field not infilled, in request order.
    pub kept: Vec<Kept>,
}

/// Masks every request's infill fields, asks `ask` (at most `concurrency` at once) for what the LLM
/// writes in each masked field, and applies the answers that pass [`accept`]. `on_planned` gets the
/// number of fields about to be asked (for a progress bar). `ask` returns the field's text from the
/// LLM's answer, or an error message.
pub fn infill_requests(
    reqs: &mut [SynthRequest],
    seed: u64,
    concurrency: usize,
    on_planned: impl FnOnce(usize),
    ask: impl Fn(&MaskPlan) -> Result<String, String> + Sync,
) -> InfillReport {
    let mut report = InfillReport::default();
    let mut plans = Vec::new();
    for (i, req) in reqs.iter().enumerate() {
        for field in INFILL_FIELDS {
            match plan(req, i, field, seed) {
                None => {}
                Some(Ok(p)) => plans.push(p),
                Some(Err(reason)) => {
                    *report.reasons.entry(reason).or_default() += 1;
                    report.kept.push(Kept { request: i, id: req.id.clone(), field: field.name(), reason, detail: String::new() });
                }
            }
        }
    }
    report.asked = plans.len();
    on_planned(plans.len());
    let answers = run_bounded(&plans, concurrency, &ask);
    let mut infilled = vec![false; reqs.len()];
    for (plan, answer) in plans.iter().zip(answers) {
        let req = &mut reqs[plan.request];
        let outcome = answer
            .map_err(|e| (InfillFailure::LlmFailed, e))
            .and_then(|written| accept(plan, &written, &req.origin).map_err(|r| (r, written)));
        match outcome {
            Ok(accepted) => {
                apply(req, plan, &accepted);
                report.applied += 1;
                infilled[plan.request] = true;
            }
            Err((reason, detail)) => {
                *report.reasons.entry(reason).or_default() += 1;
                report.kept.push(Kept { request: plan.request, id: req.id.clone(), field: plan.field.name(), reason, detail });
            }
        }
    }
    report.kept.sort_by_key(|k| k.request);
    report.requests_infilled = infilled.iter().filter(|b| **b).count();
    report.requests_rule_based = reqs.len() - report.requests_infilled;
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{ConstraintsOut, JudgeOut};

    fn request(function: &str, limitations: Option<&str>) -> SynthRequest {
        let mut request = BTreeMap::new();
        request.insert("function", function.to_string());
        request.insert("task", "automatic-speech-recognition".to_string());
        if let Some(l) = limitations {
            request.insert("limitations", l.to_string());
        }
        SynthRequest {
            id: "syn-1-00001".into(),
            origin: "acme/whisper-callcenter".into(),
            mutations: vec![],
            request,
            expected: BTreeMap::from([("task", "match")]),
            origin_satisfies: true,
            satisfying: 3,
            judge: JudgeOut { task_any: vec!["automatic-speech-recognition".into()], ..Default::default() },
            constraints: ConstraintsOut::default(),
        }
    }

    /// A plan with a chosen span (tests pick the mask instead of the seed).
    fn plan_at(text: &str, hidden: &str) -> MaskPlan {
        let start = text.find(hidden).unwrap();
        let span = (start, start + hidden.len());
        MaskPlan {
            request: 0,
            origin: "acme/whisper-callcenter".into(),
            field: Field::Function,
            original: text.into(),
            span,
            window: window(text, span, 200),
            seed_request: String::new(),
            mutation: String::new(),
        }
    }

    #[test]
    fn masks_are_seeded_rewordable_and_leave_context() {
        let text = "Transcribes Chinese speech recorded in noisy call centers into text, with 7B parameters";
        let req = request(text, None);
        let a = plan(&req, 0, Field::Function, 42).unwrap().unwrap();
        assert_eq!(a, plan(&req, 0, Field::Function, 42).unwrap().unwrap(), "same seed, same mask");
        let mut masks = HashSet::new();
        for seed in 0..200 {
            let p = plan(&req, 0, Field::Function, seed).unwrap().unwrap();
            let hidden = p.masked();
            assert!(!hidden.is_empty() && hidden.split_whitespace().count() <= MASK_MAX_WORDS, "{hidden:?}");
            assert!(!hidden.contains("Chinese") && !hidden.contains("7B"), "facts are never masked: {hidden:?}");
            assert!(hidden.chars().next().unwrap().is_alphanumeric() && hidden.chars().last().unwrap().is_alphanumeric(), "{hidden:?}");
            let words = norm_words(hidden);
            assert!(is_content(&words[0]) && is_content(words.last().unwrap()), "{hidden:?}");
            assert_eq!(p.shown().matches(MASK).count(), 1);
            assert_eq!(p.shown().replace(MASK, hidden), text, "short texts are shown whole");
            assert!(p.mutation.contains(&format!("\"{hidden}\"")) && p.mutation.starts_with("infill function:"), "{}", p.mutation);
            let seed: serde_json::Value = serde_json::from_str(&p.seed_request).unwrap();
            assert_eq!(seed["function"], p.shown());
            assert_eq!(seed["task"], "automatic-speech-recognition");
            masks.insert(hidden.to_string());
        }
        assert!(masks.len() >= 5, "{masks:?}");
        // Nothing to mask: too short, or only names, numbers and function words.
        assert_eq!(plan(&request("BERT base", None), 0, Field::Function, 1), Some(Err(InfillFailure::NotMasked)));
        assert_eq!(plan(&request("GPT-2 on COCO 2017 by Meta", None), 0, Field::Function, 1), Some(Err(InfillFailure::NotMasked)));
        assert_eq!(
            plan(&request("On fka/awesome-prompts, mteb:sts and snake_case v1.2", None), 0, Field::Function, 1),
            Some(Err(InfillFailure::NotMasked))
        );
        assert!(rewordable("(zero-shot),", false) && rewordable("callers'", false) && rewordable("Transcribes", true));
        assert!(!rewordable("Transcribes", false) && !rewordable("e.g.", false) && !rewordable("--", false));
        // Limitations only when the request has them.
        assert_eq!(plan(&request(text, None), 0, Field::Limitations, 1), None);
        let p = plan(&request(text, Some("may miss words in very noisy rooms")), 0, Field::Limitations, 1).unwrap().unwrap();
        assert!(p.mutation.starts_with("infill limitations:"), "{}", p.mutation);
    }

    #[test]
    fn long_texts_are_windowed_to_fit_the_answer_schema() {
        let text = "A hybrid vision backbone that mixes state space layers with attention blocks to trade accuracy against throughput on large images, and it is trained on a very large and diverse set of labelled natural photographs";
        assert!(text.len() > 200);
        for seed in 0..100 {
            let p = plan(&request(text, None), 0, Field::Function, seed).unwrap().unwrap();
            let shown = p.shown();
            assert!(shown.chars().count() + 12 <= ANSWER_MAX_CHARS, "{shown}");
            assert!(shown.contains(MASK) && (shown.starts_with("… ") || shown.ends_with(" …")), "{shown}");
            // An answer that keeps the window (cut marks or not) is spliced back into the whole text.
            let answer = shown.replace("… ", "").replace(" …", "").replace(MASK, "luminous widgets");
            let acc = accept(&p, &answer, "nvidia/hybrid-vision").unwrap();
            assert_eq!(acc.text, format!("{}luminous widgets{}", &text[..p.span.0], &text[p.span.1..]));
        }
    }

    #[test]
    fn answers_are_checked_and_spliced() {
        let text = "Transcribes customer speech from phone calls into text (call centers).";
        let p = plan_at(text, "customer speech");
        let ok = accept(&p, "Transcribes  what callers say from phone calls into text (call centers)", "acme/whisper-callcenter").unwrap();
        assert_eq!(ok.infill, "what callers say");
        assert_eq!(ok.text, "Transcribes what callers say from phone calls into text (call centers).");
        // Case and punctuation around the kept words do not matter.
        assert_eq!(
            accept(&p, "transcribes the callers' voices from phone calls into text call centers", "a/b").unwrap().infill,
            "the callers' voices"
        );
        let reject = |written: &str| accept(&p, written, "acme/whisper-callcenter").unwrap_err();
        assert_eq!(reject(""), InfillFailure::Empty);
        assert_eq!(reject("  ... "), InfillFailure::Empty);
        assert_eq!(reject("Transcribes from phone calls into text (call centers)"), InfillFailure::Empty);
        assert_eq!(reject("Transcribes the from phone calls into text (call centers)"), InfillFailure::Empty);
        assert_eq!(reject(text), InfillFailure::Copy);
        assert_eq!(reject("Transcribes Customer Speech from phone calls into text (call centers)"), InfillFailure::Copy);
        assert_eq!(reject("Transcribes speech of the customer from phone calls into text (call centers)"), InfillFailure::Copy);
        assert_eq!(reject("Transcribes speech from phone calls into text (call centers)"), InfillFailure::Copy);
        assert_eq!(reject("Transcribes [MASK] from phone calls into text (call centers)"), InfillFailure::KeptMask);
        assert_eq!(reject("Converts what callers say on the phone to text"), InfillFailure::Rewrote);
        assert_eq!(reject("what callers say"), InfillFailure::Rewrote);
        assert_eq!(reject("Transcribes whisper callcenter audio from phone calls into text (call centers)"), InfillFailure::NamesModel);
        assert_eq!(
            reject("Transcribes acme/whisper-callcenter input from phone calls into text (call centers)"),
            InfillFailure::NamesModel
        );
        // New facts: a language, a size, a name, an identifier.
        assert_eq!(reject("Transcribes English from phone calls into text (call centers)"), InfillFailure::AddsFact);
        assert_eq!(reject("Transcribes dialogue with a 7B model from phone calls into text (call centers)"), InfillFailure::AddsFact);
        assert_eq!(reject("Transcribes voices, Whisper-style, from phone calls into text (call centers)"), InfillFailure::AddsFact);
        assert_eq!(reject("Transcribes caller_audio from phone calls into text (call centers)"), InfillFailure::AddsFact);
        // Words the text already has are not new, and a capital is fine where the text starts.
        let p2 = plan_at("Transcribes customer speech from phone calls (call centers)", "Transcribes customer speech");
        assert_eq!(
            accept(&p2, "Turns what callers say from phone calls (call centers)", "a/b").unwrap().text,
            "Turns what callers say from phone calls (call centers)"
        );
        assert_eq!(
            accept(&plan_at("Tags BERT inputs for clinical text", "clinical"), "Tags BERT inputs for medical text", "a/b").unwrap().infill,
            "medical"
        );
        assert_eq!(
            reject("Transcribes everything that every single caller ever says to an agent from phone calls into text (call centers)"),
            InfillFailure::TooLong
        );
        // Short names are not checked as words (an id still is).
        assert!(accept(&plan_at("Tags the parts of speech in text", "parts of speech"), "Tags the word classes in text", "org/pos").is_ok());
        // A [MASK] the original text already has is context, not a left-over mask.
        let p = plan_at("Predicts the [MASK] token in short sentences", "short sentences");
        assert_eq!(accept(&p, "Predicts the [MASK] token in sentences that are short", "a/b").unwrap_err(), InfillFailure::Copy);
        assert_eq!(accept(&p, "Predicts the [MASK] token in brief lines", "a/b").unwrap().text, "Predicts the [MASK] token in brief lines");
        assert_eq!(accept(&p, "Predicts the [MASK] token in [MASK]", "a/b").unwrap_err(), InfillFailure::KeptMask);
    }

    #[test]
    fn infill_requests_applies_good_answers_and_reports_the_rest() {
        let mut reqs = vec![
            request("Transcribes customer speech from phone calls into text", Some("struggles with overlapping speakers in meetings")),
            request("Transcribes customer speech from phone calls into text", None),
            request("BERT base", None),
        ];
        for (i, r) in reqs.iter_mut().enumerate() {
            r.id = format!("syn-1-{i}");
        }
        let before = reqs.clone();
        let mut planned = 0;
        // The first request's fields get a rewording; the second's a copy.
        let report = infill_requests(
            &mut reqs,
            7,
            2,
            |n| planned = n,
            |p| {
                let text = p.shown().replace("… ", "").replace(" …", "");
                if p.request == 0 {
                    Ok(text.replace(MASK, "freshly invented wording"))
                } else {
                    Ok(text.replace(MASK, p.masked()))
                }
            },
        );
        assert_eq!((planned, report.asked, report.applied), (3, 3, 2));
        assert_eq!((report.requests_infilled, report.requests_rule_based), (1, 2));
        assert_eq!(report.reasons, BTreeMap::from([(InfillFailure::NotMasked, 1), (InfillFailure::Copy, 1)]));
        assert_eq!(
            report.kept.iter().map(|k| (k.id.as_str(), k.field)).collect::<Vec<_>>(),
            [("syn-1-1", "function"), ("syn-1-2", "function")]
        );
        let infills: Vec<&Mutation> = reqs[0].mutations.iter().filter(|m| m.kind == "infill").collect();
        assert_eq!(infills.iter().map(|m| m.field).collect::<Vec<_>>(), ["function", "limitations"]);
        for m in infills {
            assert_eq!(m.llm.as_deref(), Some("freshly invented wording"));
            assert_eq!(reqs[0].request[m.field], m.to);
            assert_eq!(m.to, m.from.replace(m.masked.as_deref().unwrap(), "freshly invented wording"));
        }
        assert_eq!(reqs[0].judge, before[0].judge);
        assert_eq!(reqs[0].expected, before[0].expected);
        assert_eq!(serde_json::to_string(&reqs[1]).unwrap(), serde_json::to_string(&before[1]).unwrap(), "kept as the rules wrote it");
        let line = serde_json::to_value(&reqs[0]).unwrap();
        let m = &line["mutations"][0];
        assert_eq!((m["kind"].as_str(), m["field"].as_str()), (Some("infill"), Some("function")));
        assert!(m["masked"].is_string() && m["llm"].is_string() && m.get("from_family").is_none(), "{m}");

        // A failing LLM leaves everything rule-based.
        let mut reqs = before.clone();
        let report = infill_requests(&mut reqs, 7, 2, |_| {}, |_| Err("HTTP 500".into()));
        assert_eq!((report.applied, report.requests_rule_based), (0, 3));
        assert_eq!(report.reasons[&InfillFailure::LlmFailed], 3);
        assert_eq!(serde_json::to_string(&reqs).unwrap(), serde_json::to_string(&before).unwrap());
    }
}

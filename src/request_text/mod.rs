//! "Describe the model you need": one free-text sentence → template fields, by rules.
//!
//! Why rules and not an LLM: the app must work offline and instantly, and every filled field must
//! be explainable ("license ← 'usable commercially'"). The rules only *fill* the form; the developer
//! sees each field and corrects it before (or after) searching.
//!
//! Why in the engine and not in the app: it is plain text → template with no browser API, it
//! reads the same vocabulary ([`crate::knowledge`]) as the rules that will judge the fields, and
//! the CLI and native tests use it as they are.
//!
//! What is recognised, one reader per file:
//! - [`words`] — the words and clauses every reader scans, and what remains for `function`;
//! - [`sizes`] — parameter limits ("under 1B", "between 1B and 3B", "small model") and device
//!   memory and hardware ("8 GB RAM", "24GB GPU", "CPU only", "laptop", "Raspberry Pi");
//! - [`license`] — license wishes ("commercial use", "permissive", "Apache or MIT", "no copyleft",
//!   "non-commercial is fine") → a `license` text the engine's license policy understands;
//! - here: wishes only an LLM can judge (a clause about bias / limitations), language names and
//!   "multilingual", domains, training data ("trained on X"), and the task, through the engine's
//!   own task cues ([`detect_intents`]) when one task clearly wins.
//!
//! Constraint phrases are removed from the `function` text, so "under 1B" does not become a search
//! word; language and domain words stay in it, because models are often named after them.

mod license;
pub mod llm_fill;
mod sizes;
mod words;

use crate::analysis::Lexicon;
use crate::constraints::{DecidedBy, LanguageWish};
use crate::knowledge::domains::domains_in_text;
use crate::knowledge::languages::{code_of_name, direction_in_text, mentions, name as language_name, MULTILINGUAL, MULTILINGUAL_WORDS};
use crate::knowledge::licenses::wish;
use crate::knowledge::quantities::spell_out_numbers;
use crate::knowledge::tasks::task_by_tag;
use crate::rank::intent::detect_intents;
use crate::rank::IntentParams;
use crate::template::{Field, Template};
use words::Scan;

/// The result of reading a description.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filled {
    pub template: Template,
    /// One note per filled field, saying which words led to it (shown next to the form).
    pub notes: Vec<Note>,
    /// Values suggested by the user's LLM and not applied, each with the reason
    /// ([`llm_fill::merge_llm_fill`]); empty for the rules alone.
    pub set_aside: Vec<Note>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub field: Field,
    pub value: String,
    pub because: String,
    /// The rules, or the user's LLM (whose words were checked to be the user's).
    pub by: DecidedBy,
}

impl Filled {
    fn set(&mut self, field: Field, value: String, because: String) {
        self.template.set(field, Some(value.clone()));
        self.notes.push(Note { field, value, because, by: DecidedBy::Rule });
    }
}

/// The second-best task must score below this share of the best for the task field to be filled
/// ("embeddings" points at two tasks equally: the field stays empty).
const CLEAR_TASK_SHARE: f32 = 0.9;

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
    "parameters",
    "params",
    "ram",
    "vram",
    "memory",
    "device",
    "devices",
    "one",
    "will",
    "good",
    "free",
    "available",
];

/// Reads a free-text description into template fields.
pub fn fill_from_text(lexicon: &Lexicon, text: &str) -> Filled {
    // "seven billion" reads as "7 billion" for every reader below.
    let spelled = spell_out_numbers(text);
    let text = spelled.as_deref().unwrap_or(text);
    let mut scan = Scan::new(text);
    let mut filled = Filled::default();
    read_wishes(&mut scan, &mut filled);
    let memory = sizes::read_quantities(&mut scan, &mut filled);
    sizes::read_hardware(&mut scan, &mut filled, memory);
    license::read_license(&mut scan, &mut filled);
    read_languages(&scan, &mut filled);
    read_dataset(&mut scan, &mut filled);
    read_domains(&scan, &mut filled);
    // What remains is the function.
    let function = scan.remaining_text(FILLER);
    if !function.is_empty() {
        filled.set(Field::Function, function, "the description without its constraints".into());
    }
    read_task(lexicon, text, &mut filled);
    filled.notes.sort_by_key(|n| n.field);
    filled
}

/// `text` with the phrases that say where the model runs blanked out ("generate pictures on a
/// 8GB graphics card" → "generate pictures on a"), and those phrases; `None` when it has none.
/// Ranking does not search them: "graphics" in "graphics card" is no function word, and a repo
/// named "graphic-art" is no better for it. Device words that name what a request is about
/// ("phone calls") stay ([`crate::knowledge::devices::device_context`]).
pub fn without_hardware(text: &str) -> Option<(String, Vec<String>)> {
    let scan = Scan::new(text);
    let ranges = sizes::where_it_runs(&scan);
    if ranges.is_empty() {
        return None;
    }
    let mut out = text.to_string();
    let mut phrases = Vec::new();
    for r in ranges.into_iter().filter(|r| !r.is_empty()) {
        let (start, end) = (scan.words[r.start].start, scan.words[r.end - 1].end);
        phrases.push(text[start..end].to_string());
        out.replace_range(start..end, &" ".repeat(end - start));
    }
    Some((out, phrases))
}

/// A license wish stated in the request's own sentence when the license field is empty: "code
/// completion inside the IDE plugin we sell" asks for a licence that allows commercial use. The
/// free-text reader above reads the `function` (and `others` and `limitations`: "at most 8B
/// parameters so it runs on our shared GPU" is a limit, not a wish for the LLM) text; the license it finds is
/// checked like the field, with a line saying which words led to it. So is a parameter count
/// with a bound when no size or hardware field is filled ("text embeddings <150M", "a reasoning
/// LLM, 8B or smaller"): the user's own limit. A bare count is a name, not a limit
/// ("Llama-3.1-8B fine-tune"), and a size word ("a small chat model") a preference that ranking
/// reads. So is where the model runs, when no size or hardware field is filled: a memory amount
/// ("on my 8 GB laptop"), a machine without a GPU ("sur un serveur sans carte graphique"), a
/// device in a device context ("reads books aloud right on the phone", "Raspberry Pi"): the
/// phrases [`sizes::where_it_runs`] finds, read only when the size rule understands them. A
/// device word that names what the request is about ("transcribe phone calls") is no hardware
/// ([`crate::knowledge::devices::device_context`]), so it sets no limit.
pub fn constraints_in_description(request: &Template) -> Option<(Template, Vec<String>)> {
    let want_license = request.get(Field::License).is_none();
    let want_size = [Field::ParameterSize, Field::ModelSize, Field::Hardware].iter().all(|f| request.get(*f).is_none());
    if !want_license && !want_size {
        return None;
    }
    let mut text = String::new();
    for f in [Field::Function, Field::Others, Field::Limitations] {
        if let Some(v) = request.get(f) {
            text.push_str(v);
            text.push_str(". ");
        }
    }
    // Most sentences state no license and no count: skip the scan unless a license or
    // commercial word or a digit occurs.
    let lower = text.to_lowercase();
    let words = wish::commercial_words().chain(wish::NON_COMMERCIAL).chain(wish::COMMERCIAL_CONTEXT).chain(wish::RESEARCH);
    // The checks that need the words split, sharing one split (built only if one of them runs).
    let split = std::cell::OnceCell::new();
    let scan = || split.get_or_init(|| Scan::new(&text));
    let license_words = want_license
        && (wish::mentions_license(&lower)
            || words.into_iter().any(|w| lower.contains(w))
            || lower.split(|c: char| !c.is_alphanumeric()).any(license::misspelt_commercial)
            || (0..scan().words.len()).any(|i| license::misspelt_context_at(scan(), i).is_some())
            || license::names_license_wish(scan()));
    let digits = want_size && lower.bytes().any(|b| b.is_ascii_digit());
    let hardware = want_size
        && !digits
        && (!sizes::where_it_runs(scan()).is_empty()
            || !sizes::glued_hardware_clauses(scan()).is_empty()
            || sizes::misspelt_no_gpu(scan()).is_some());
    if !license_words && !digits && !hardware {
        return None;
    }
    let spelled = spell_out_numbers(&text);
    let text = spelled.as_deref().unwrap_or(&text);
    let mut scan = Scan::new(text);
    let mut filled = Filled::default();
    // Sizes and hardware first, as in the fill: their words are then not read as licence words.
    let memory = sizes::read_quantities(&mut scan, &mut filled);
    sizes::read_hardware(&mut scan, &mut filled, memory);
    license::read_license(&mut scan, &mut filled);
    let mut out = request.clone();
    let mut notices = Vec::new();
    // The user's own bounded count ("fits on one 16 GB card, 7–8B or smaller") already sizes the
    // model for the hardware beside it: the count is the limit, as a judge reads it.
    let counted = want_size && filled.notes.iter().any(|n| n.field == Field::ParameterSize && sizes::bounded_count(text, &n.value));
    for field in [Field::License, Field::ParameterSize, Field::Hardware] {
        let Some(note) = filled.notes.iter().find(|n| n.field == field) else { continue };
        let wanted = match field {
            Field::License => license_words,
            Field::ParameterSize => counted,
            _ => want_size && !counted,
        };
        if !wanted {
            continue;
        }
        let mut value = note.value.clone();
        if field == Field::Hardware {
            // A speed wish in the same sentence holds there ("no GPU, and it should be quick").
            value.extend(sizes::speed_words(text).map(|w| format!(", {w}")));
        }
        notices.push(format!("{} '{value}' read from the description ({})", field.label(), note.because));
        out.set(field, Some(value));
    }
    (!notices.is_empty()).then_some((out, notices))
}

/// Wishes only an LLM can judge: whole clauses about bias or limitations.
fn read_wishes(scan: &mut Scan, filled: &mut Filled) {
    let mut bias_clauses = Vec::new();
    let mut limitation_clauses = Vec::new();
    for c in 0..scan.clause_count() {
        let Some(range) = scan.clause_range(c) else { continue };
        let has = |pred: &dyn Fn(&str) -> bool| scan.words[range.clone()].iter().any(|w| pred(&w.lower));
        let bias = has(&|w| w.starts_with("bias") || w == "unbiased" || w == "fair" || w == "fairness" || w == "stereotypes");
        let limits = has(&|w| w.starts_with("hallucinat") || w == "limitations" || w == "limitation" || w == "robust" || w == "robustness");
        if bias || limits {
            let clause_text = scan.text_of(range.clone());
            scan.mark(range);
            if bias {
                bias_clauses.push(clause_text);
            } else {
                limitation_clauses.push(clause_text);
            }
        }
    }
    if !bias_clauses.is_empty() {
        filled.set(Field::Biases, bias_clauses.join("; "), "a wish about bias (checked by the LLM)".into());
    }
    if !limitation_clauses.is_empty() {
        filled.set(Field::Limitations, limitation_clauses.join("; "), "a wish about limitations (checked by the LLM)".into());
    }
}

/// Language names (two-letter codes are too often English words in prose) and "multilingual";
/// a translation direction ("English to German", "将英文翻译成中文") is written as one
/// ("English to German"), which the language rule reads as a direction, not as either language.
fn read_languages(scan: &Scan, filled: &mut Filled) {
    if let Some(d) = direction_in_text(scan.text) {
        let (s, t) = (language_name(d.source).unwrap_or(d.source), language_name(d.target).unwrap_or(d.target));
        let v = format!("{s} to {t}");
        filled.set(Field::Language, v, format!("translation direction '{}'", d.phrase));
        return;
    }
    let mut languages: Vec<String> = Vec::new();
    let mut multilingual = false;
    for w in &scan.words {
        let lw = w.lower.as_str();
        if MULTILINGUAL_WORDS.contains(&lw) {
            multilingual = true;
        } else if lw.chars().count() >= 4 && lw.chars().all(char::is_alphabetic) && code_of_name(lw).is_some() {
            let name = capitalize(lw);
            if !languages.contains(&name) {
                languages.push(name);
            }
        }
    }
    // Names inside text without spaces ("中文") or after an elision ("l'anglais").
    for m in mentions(scan.text) {
        let name = language_name(m.code).unwrap_or(m.code).to_string();
        if !languages.iter().any(|l| code_of_name(l) == Some(m.code)) && !languages.contains(&name) {
            languages.push(name);
        }
    }
    if multilingual {
        languages.push(MULTILINGUAL.into());
    }
    if !languages.is_empty() {
        let v = languages.join(", ");
        if LanguageWish::parse(&v).is_some() {
            filled.set(Field::Language, v.clone(), format!("language '{v}'"));
        }
    }
}

/// Training data: "trained on X", "fine-tuned on X".
fn read_dataset(scan: &mut Scan, filled: &mut Filled) {
    for i in 0..scan.words.len() {
        let w = scan.words[i].lower.as_str();
        if matches!(w, "trained" | "fine-tuned" | "finetuned" | "pretrained" | "pre-trained") && scan.matches_at(i + 1, "on") {
            let start = i + 2;
            let mut end = start;
            while end < scan.words.len()
                && end < start + 5
                && scan.words[end].clause == scan.words[i].clause
                && !FILLER.contains(&scan.words[end].lower.as_str())
            {
                end += 1;
            }
            if end > start {
                let v = scan.text_of(start..end);
                let because = format!("'{}'", scan.text_of(i..end));
                filled.set(Field::Dataset, v, because);
                scan.mark(i..end);
                break;
            }
        }
    }
}

/// Domains, read with the same phrases as card descriptions (the words stay in the function).
fn read_domains(scan: &Scan, filled: &mut Filled) {
    let domains = domains_in_text(scan.text);
    if !domains.is_empty() {
        let v = domains.join(", ");
        filled.set(Field::Domain, v.clone(), format!("domain word(s) '{v}'"));
    }
}

/// The task, when one clearly wins.
fn read_task(lexicon: &Lexicon, text: &str, filled: &mut Filled) {
    let probe = Template {
        function: filled.template.function.clone().or_else(|| Some(text.to_string())),
        domain: filled.template.domain.clone(),
        ..Default::default()
    };
    let intents = detect_intents(lexicon, &probe, &IntentParams::default());
    if let Some(top) = intents.first() {
        let clear = intents.get(1).is_none_or(|second| second.confidence < CLEAR_TASK_SHARE);
        if clear {
            if let Some(task) = task_by_tag(&top.tag) {
                filled.set(Field::Task, task.tag.to_string(), format!("{} ({})", task.name, top.because));
            }
        }
    }
}

fn capitalize(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod description_tests {
    use super::*;

    #[test]
    fn license_words_of_other_languages_and_slips() {
        let license = |text: &str| {
            let t = Template { function: Some(text.into()), ..Default::default() };
            constraints_in_description(&t).and_then(|d| d.0.get(Field::License).map(str::to_string))
        };
        // German "mit" is "with": no MIT license wish (it would rule out Apache-or-Llama models).
        let de = license("Ein Assistent für Laptops mit 16 GB RAM; kommerzielle Nutzung muss erlaubt sein");
        assert_eq!(de.as_deref(), Some("commercial use"));
        assert!(license("Ein Modell für Rechnungen, Lizenz MIT oder Apache").is_some_and(|l| l.contains("mit")));
        assert!(license("ein Tagger für Rechnungen mit MIT-Lizenz").is_some_and(|l| l.contains("mit")));
        assert_eq!(license("a tagger for invoices, apache or mit license").as_deref(), Some("apache or mit"));
        // One slip in "commercial" is still the wish; adverts are not.
        assert_eq!(license("the pictures are sold, so commerical use is required").as_deref(), Some("commercial use"));
        assert_eq!(license("images for our ads; non-commerical use only").as_deref(), Some("non-commercial is fine"));
        assert_eq!(license("write scripts for TV commercials"), None);
        // Selling and charging in other words.
        assert_eq!(license("embeddings for RAG; we're a company selling the product").as_deref(), Some("commercial use"));
        assert_eq!(license("generate images for ads; the pictures are sold").as_deref(), Some("commercial use"));
        assert_eq!(license("answer questions about photos; it must let us charge for the service").as_deref(), Some("commercial use"));
        assert_eq!(license("predict which of our shoes will sell best"), None);
        // Our own product called paid, with words between ("our paid note-taking web app").
        assert_eq!(license("dictation for our paid note-taking web app").as_deref(), Some("commercial use"));
        assert_eq!(license("compare with a paid API we tried"), None);
    }

    #[test]
    fn constraints_stated_in_the_sentence_are_read() {
        let t = Template { function: Some("code completion inside the IDE plugin we sell".into()), ..Default::default() };
        let (with, notices) = constraints_in_description(&t).unwrap();
        assert_eq!(with.get(Field::License), Some("commercial use"), "{notices:?}");
        assert!(notices[0].contains("read from the description"), "{notices:?}");
        // The notice quotes the user's words, not only the value they were read as.
        assert!(notices[0].contains("\"we sell\""), "{notices:?}");
        // A field the request fills is never overwritten.
        let set = Template { license: Some("mit".into()), ..t.clone() };
        assert!(constraints_in_description(&set).is_none());
        let plain = Template { function: Some("summarize news articles".into()), ..Default::default() };
        assert!(constraints_in_description(&plain).is_none());
    }

    #[test]
    fn a_bounded_parameter_count_in_the_sentence_is_a_limit() {
        let f = |text: &str| Template { function: Some(text.into()), ..Default::default() };
        let size = |t: &Template| constraints_in_description(t).and_then(|(w, _)| w.get(Field::ParameterSize).map(str::to_string));
        let range = |t: &Template| size(t).and_then(|v| crate::constraints::ParamRange::parse(&v));
        let r = range(&f("bge-small / e5-small / minilm-class english text embeddings <150M, onnx on cpu")).expect("<150M");
        assert_eq!(r.max, Some(150_000_000));
        assert_eq!(range(&f("fim-capable base code model, 8B or smaller, for tab completion")).and_then(|r| r.max), Some(8_000_000_000));
        assert_eq!(range(&f("reasoning llm <=8B, long CoT, local")).and_then(|r| r.max), Some(8_000_000_000));
        // A bare count names a model; a size word is a preference ranking reads; neither is a limit.
        assert_eq!(size(&f("a Llama-3.1-8B fine-tune for SQL")), None);
        assert_eq!(size(&f("a 7B model that writes SQL")), None);
        assert_eq!(size(&f("a small chat model")), None);
        // A size or hardware field the request fills wins.
        let sized = Template { parameter_size: Some("under 1B".into()), ..f("embeddings <150M") };
        assert_eq!(size(&sized), None);
        let hw = Template { hardware: Some("one 24 GB GPU".into()), ..f("code model, 8B or smaller") };
        assert_eq!(size(&hw), None);
        // A limit written among the limitations is a limit too.
        let limited = Template {
            limitations: Some("at most 8B parameters so it runs on our shared GPU".into()),
            ..f("write Python functions from docstrings")
        };
        assert_eq!(range(&limited).and_then(|r| r.max), Some(8_000_000_000));
    }
}

#[cfg(test)]
mod hardware_tests {
    use super::*;
    use crate::constraints::MemoryBudget;

    /// The request the search reads from a description: [`constraints_in_description`]'s.
    pub(super) fn described(text: &str) -> Template {
        let t = Template { function: Some(text.into()), ..Default::default() };
        constraints_in_description(&t).map(|d| d.0).unwrap_or(t)
    }

    #[test]
    fn where_it_runs_in_the_sentence_is_a_limit() {
        let budget = |text: &str| described(text).get(Field::Hardware).and_then(MemoryBudget::parse);
        let laptop = budget("transcripe our podcast episodes; it runs on my 8 GB laptop with no GPU").expect("8 GB laptop, no GPU");
        assert!(laptop.cpu_only);
        assert_eq!(laptop.bytes, Some(4_000_000_000));
        let phone = budget("an e-reader app that reads books aloud right on the phone, offline").expect("on the phone");
        assert_eq!(phone.bits, 4.0);
        // Other languages: the device words of knowledge/devices.rs.
        assert!(budget("transcrire les appels en français, sur un serveur sans carte graphique").is_some_and(|b| b.cpu_only));
        assert!(budget("Assistent, der lokal auf Laptops mit 16 GB RAM ohne Grafikkarte läuft").is_some_and(|b| b.cpu_only));
        // Devices a product ships on, in the plural, and a CPU called small: the device's caps.
        let kiosks = budget("our ticket kiosks should read instructions aloud; they only have a small CPU").expect("kiosks, small CPU");
        assert_eq!((kiosks.cpu_only, kiosks.param_cap.map(|c| c.0)), (true, Some(500_000_000)));
        assert!(budget("a notes app that runs on our customers' phones").is_some_and(|b| b.bits == 4.0));
        assert!(described("sort second-hand phones by model from their photos").get(Field::Hardware).is_none());
        // A device that is what the request is about, or no device at all, sets no limit.
        assert!(described("transcribe German phone calls").get(Field::Hardware).is_none());
        assert!(described("summarize news articles for our readers").get(Field::Hardware).is_none());
        assert!(described("a classifier that handles edge cases in invoices").get(Field::Hardware).is_none());
        assert!(budget("detect defects on the line, deployed to the edge").is_some_and(|b| b.bits == 4.0));
        // A browser tab or extension is where the model runs; the browser's history is a thing.
        assert!(budget("positive/negative on product reviews, running in the user's browser tab").is_some());
        assert!(budget("summarize pages inside our browser extension").is_some());
        assert!(described("classify URLs from the browser history").get(Field::Hardware).is_none());
        // A speed word of the sentence holds on the hardware it names.
        let quick = described("embeddings for search; our servers have no GPU and it should be quick");
        assert_eq!(quick.get(Field::Hardware), Some("no GPU, quick"));
        // A hardware field the request fills wins over the sentence.
        let filled = Template { hardware: Some("24 GB GPU".into()), function: Some("chat on my 8 GB laptop".into()), ..Default::default() };
        assert!(constraints_in_description(&filled).is_none());
    }

    #[test]
    fn where_it_runs_glued_or_inflected_in_other_languages() {
        let budget = |text: &str| described(text).get(Field::Hardware).and_then(MemoryBudget::parse);
        // Chinese and Japanese glue hardware to the words around it; the clause is read whole.
        assert!(budget("会议录音转写，我们的服务器只有CPU，要能商用").is_some_and(|b| b.cpu_only));
        assert!(budget("問い合わせ文の分類。GPUのないサーバーで動かします").is_some_and(|b| b.cpu_only));
        let vram = budget("コード補完をしたい。GPUはVRAM 12GBのものしかない").expect("12 GB GPU");
        assert!(!vram.cpu_only && vram.bytes.is_some_and(|b| b > 8_000_000_000 && b < 12_000_000_000));
        assert!(budget("영수증 글자 인식, GPU 없는 서버에서 돌려요").is_some_and(|b| b.cpu_only));
        // German compounds, Russian inflections, French "directly on the phone".
        assert!(budget("Rechnungen klassifizieren, läuft auf unseren CPU-Servern").is_some_and(|b| b.cpu_only));
        assert!(budget("переводчик, который работает прямо на смартфоне без интернета").is_some_and(|b| b.bits == 4.0));
        assert!(budget("lire les menus à voix haute, directement sur le téléphone").is_some_and(|b| b.bits == 4.0));
        assert!(budget("写小说的助手，在手机上运行").is_some_and(|b| b.bits == 4.0));
        // A phone that is what the request is about stays no hardware, in any script.
        assert!(described("транскрибировать телефонные звонки клиентов").get(Field::Hardware).is_none());
        assert!(described("识别手机拍的照片里的文字").get(Field::Hardware).is_none());
        assert!(described("スマホの写真から文字を読み取る").get(Field::Hardware).is_none());
        // Paid apps in Portuguese and Russian are commercial; "free" in Russian is not.
        let license = |text: &str| described(text).get(Field::License).map(str::to_string);
        assert_eq!(license("traduzir as telas do aplicativo; o app é pago").as_deref(), Some("commercial use"));
        assert_eq!(license("чат-бот для приложения; приложение платное").as_deref(), Some("commercial use"));
        assert_eq!(license("чат-бот для бесплатного приложения"), None);
        // "We sell" in the first person, with or without ё.
        assert_eq!(license("описания товаров; сервис продаём клиентам").as_deref(), Some("commercial use"));
        assert_eq!(license("описания товаров, сервис продаем по подписке").as_deref(), Some("commercial use"));
        // Arabic with the article glued on.
        assert_eq!(license("تصنيف رسائل العملاء، للاستخدام التجاري").as_deref(), Some("commercial use"));
        // A sale typed in a hurry is still a sale; a slip in a short word is not read.
        assert_eq!(license("logo ideas from a text prompt for paying cleints").as_deref(), Some("commercial use"));
        assert_eq!(license("answers questions from our custmers").as_deref(), Some("commercial use"));
        assert_eq!(license("logo ideas for playing clients"), None);
    }

    #[test]
    fn where_it_runs_is_taken_out_of_the_words() {
        let (rest, phrases) = without_hardware("generate pictures from a text prompt on a 8GB graphics card").unwrap();
        assert_eq!(phrases, ["8GB", "graphics card"]);
        assert_eq!(rest.split_whitespace().collect::<Vec<_>>().join(" "), "generate pictures from a text prompt on a");
        let (rest, phrases) = without_hardware("small chat model that runs on the phone itself, 16 GB of RAM").unwrap();
        assert_eq!(phrases, ["16 GB of RAM", "phone"]);
        assert!(rest.contains("small chat model") && !rest.contains("phone"), "{rest}");
        assert_eq!(without_hardware("a chat assistant inside our desktop app").unwrap().1, ["desktop"]);
        // A device word that names what the request is about stays, and so does a size.
        assert!(without_hardware("transcribe customer phone calls").is_none());
        assert!(without_hardware("a chat model under 1B parameters").is_none());
    }
}

#[cfg(test)]
mod tests {
    use super::hardware_tests::described;
    use super::*;
    use crate::constraints::{LicensePolicy, MemoryBudget, ParamRange};

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
        // "podcasts" names no domain of the shared table; the word stays in the function.
        assert_eq!(t.get(Field::Domain), None);
    }

    #[test]
    fn license_phrases_become_policies() {
        assert_eq!(fill("summarize news, Apache 2.0 or MIT licensed").get(Field::License), Some("apache 2.0 or mit"));
        assert_eq!(fill("classify sentiment of tweets; non-commercial is fine").get(Field::License), Some("non-commercial is fine"));
        assert_eq!(fill("named entity recognition with no copyleft license").get(Field::License), Some("no copyleft"));
        assert_eq!(fill("named entity recognition, copyleft licenses are not ok").get(Field::License), Some("no copyleft"));
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
    fn license_negations_are_never_inverted() {
        for (text, want) in [
            ("a summarizer, no non-commercial license", "commercial use"),
            ("chatbot with no non commercial licenses", "commercial use"),
            ("sentiment of tweets, not for commercial use", "non-commercial is fine"),
            ("it is not intended for commercial use", "non-commercial is fine"),
            ("caption images; commercial use is not needed", "non-commercial is fine"),
            ("an iPhone app that we sell", "commercial use"),
            ("classify support tickets for our SaaS", "commercial use"),
            ("a product we sell needs OCR", "commercial use"),
            ("transcribe calls; non-commercial licenses are not allowed", "commercial use"),
            // Other languages, read clause by clause by the license field's own reader.
            ("traduire des contrats, pas de licence non commerciale", "commercial use"),
            ("una app que vendemos, ninguna licencia no comercial", "commercial use"),
            ("我们不要非商业许可，把英文翻译成中文", "commercial use"),
            ("Kundenanrufe transkribieren, nicht kommerziell, nur Forschung", "non-commercial is fine"),
            // A negator with what it rules out between it and the wish ("nothing *with a*
            // non-commercial licence"); a remark about such a licence is no negation.
            ("code completion on laptops; nothing with a non-commercial licence", "commercial use"),
            ("summarize tickets, no models under a non-commercial license", "commercial use"),
            ("classify reviews, no problem with a non-commercial licence", "non-commercial is fine"),
            // Commercial and paid in other words and languages.
            ("tradurre schede tecniche dall'inglese, per uso commerciale", "commercial use"),
            ("Deutsche Sprachausgabe für unsere kostenpflichtige Lern-App", "commercial use"),
            ("transcrever entrevistas no notebook; é para um serviço pago", "commercial use"),
            ("read the text of scanned pages in a scanner app; the app is paid", "commercial use"),
            ("write descriptions for our monetized YouTube channel", "commercial use"),
            ("code review for client projects we bill for", "commercial use"),
            ("summarize support tickets; it's for internal business use", "commercial use"),
            // "Nothing (of)" in other languages negates as "nothing with a" does.
            ("un asistente de chat; la app se vende, así que nada de licencias no comerciales", "commercial use"),
            ("resumir atas de reunião, nada de licenças não comerciais", "commercial use"),
            ("riassumere i verbali, nessuna licenza non commerciale", "commercial use"),
            ("riassumere i verbali; licenze non commerciali vanno bene", "non-commercial is fine"),
            ("traduire des contrats, rien de non commercial", "commercial use"),
        ] {
            let t = fill(text);
            assert_eq!(t.get(Field::License), Some(want), "{text}");
            let p = LicensePolicy::parse(want).unwrap();
            assert_eq!(p.require_commercial, want == "commercial use", "{text}");
        }
        // Commercial words inside other phrases and negated context phrases set nothing.
        assert_eq!(fill("we don't sell it, summarize my notes").get(Field::License), None);
        assert_ne!(fill("summarize my notes, not for business use").get(Field::License), Some("commercial use"));
        assert_eq!(fill("not for commercial use").get(Field::Function), None);
        // Customers in a description are who the app serves, not a sale.
        assert_eq!(fill("Kundenbewertungen nach Stimmung klassifizieren").get(Field::License), None);
        // A clause naming the license leaves the function; the app's own words stay.
        let t = fill("traduire des contrats, pas de licence non commerciale");
        assert_eq!(t.get(Field::Function), Some("traduire des contrats"));
    }

    #[test]
    fn device_words_of_other_languages_in_their_word_order() {
        for (text, device) in [
            // The app before its device word, and "the device itself".
            ("un asistente de chat dentro de nuestra app móvil que funcione sin conexión", "móvil"),
            ("clasificar fotos en el propio móvil, sin enviar nada a un servidor", "móvil"),
            ("app de celular que cria legendas em português para vídeos", "celular"),
            ("تطبيق جوال يترجم قوائم الطعام", "جوال"),
            ("يترجم قوائم الطعام على الهاتف نفسه بدون إنترنت", "الهاتف"),
            // "With the phone alone" in Korean and Japanese, also in a clause that says paid.
            ("유료 앱에서 휴대폰만으로 한국어 음성을 받아쓰기", "휴대폰"),
            ("スマホだけで日本語の音声を文字起こし", "スマホ"),
        ] {
            let t = fill(text);
            let hw = t.get(Field::Hardware).unwrap_or_else(|| panic!("no hardware in {text}"));
            assert!(hw.contains(device), "{text}: {hw}");
            assert!(MemoryBudget::parse(hw).is_some_and(|m| m.bits == 4.0), "{text}: {hw}");
        }
        // A Latin device name glued to Japanese, and Japanese "inside the device".
        for text in ["iPhoneアプリで日本語の音声メモを文字起こししたい", "端末内で動くモデルで音声メモを文字起こししたい"]
        {
            assert!(fill(text).get(Field::Hardware).is_some(), "{text}");
        }
        // Things a request is about stay in the function.
        for text in ["summarize phone transcripts for the support team", "resumir las llamadas del móvil de la empresa"] {
            assert_eq!(fill(text).get(Field::Hardware), None, "{text}");
        }
    }

    #[test]
    fn a_small_server_has_the_memory_of_an_old_computer() {
        use crate::constraints::Status;
        use crate::knowledge::tasks::RunKind;
        for text in ["a chatbot that runs on a small server with no GPU", "un chatbot qui tourne sur un petit serveur sans carte graphique"]
        {
            let hw = fill(text).get(Field::Hardware).map(str::to_string).unwrap_or_else(|| panic!("no hardware in {text}"));
            let m = MemoryBudget::parse(&hw).unwrap();
            assert!(m.cpu_only, "{hw}");
            // 8 GB, half of it for the weights at 8 bits: a 4B chat model, not a 7B one.
            assert_eq!(m.check(Some(3_800_000_000), None, RunKind::Generative).status, Status::Satisfied, "{hw}");
            assert_eq!(m.check(Some(7_600_000_000), None, RunKind::Generative).status, Status::Violated, "{hw}");
        }
    }

    #[test]
    fn a_no_gpu_phrase_with_a_slip_is_read() {
        for (text, read) in [
            ("summaries of uploaded reports; the servers have no grapics card", "no graphics card"),
            ("gesprochenes Deutsch auf Büro-PCs ohne Grafikkarde zu Text machen", "ohne grafikkarte"),
            ("transcribir llamadas en servidores sin tarjeta grafica", "sin tarjeta gráfica"),
        ] {
            let filled = fill_from_text(&Lexicon::new(), text);
            assert_eq!(filled.template.get(Field::Hardware), Some(read), "{text}");
            assert!(MemoryBudget::parse(read).is_some_and(|m| m.cpu_only), "{read}");
            let note = filled.notes.iter().find(|n| n.field == Field::Hardware).unwrap();
            assert!(note.because.contains(" as '"), "{}", note.because);
        }
        // The search reads it from the description as the fill does.
        let req = Template { function: Some("speech to text ohne Grafikkarde".into()), ..Default::default() };
        let (read, _) = constraints_in_description(&req).expect("hardware read");
        assert_eq!(read.get(Field::Hardware), Some("ohne grafikkarte"));
        // Two slips, or a short word, are no phrase.
        assert_eq!(fill("render charts with no grapihcs crad").get(Field::Hardware), None);
        assert_eq!(fill("plot sales with nice graphics").get(Field::Hardware), None);
    }

    #[test]
    fn a_ruled_out_license_carries_its_negation_along_an_or_list() {
        for (text, want) in [
            ("code completion in our IDE plugin, no GPL or other copyleft", "no gpl, no copyleft"),
            ("un chatbot, pas de GPL ni d'autres licences copyleft", "no gpl, no copyleft"),
            ("ein Chatbot, keine GPL oder andere Copyleft-Lizenzen", "no gpl, no copyleft"),
            ("a chatbot, no GPL or AGPL, MIT is fine", "no gpl, no agpl, mit"),
            ("a chatbot, MIT or Apache, no copyleft", "no copyleft, mit or apache"),
        ] {
            assert_eq!(described(text).get(Field::License), Some(want), "{text}");
            let p = LicensePolicy::parse(want).unwrap();
            assert!(p.excluded_ids.iter().all(|id| id.contains("gpl")), "{text}");
        }
        // "and" or a bare comma does not carry a negation: "no GPL, MIT" wants MIT.
        assert_eq!(described("a chatbot, no GPL, MIT only").get(Field::License), Some("no gpl, mit"));
    }

    #[test]
    fn license_names_stated_without_a_licence_word() {
        for (text, want) in [
            ("no GPL please, a sentiment model", "no gpl"),
            ("sentiment model, GPL-3.0 is fine", "gpl-3.0"),
            ("a chatbot for my shop, MIT or Apache only", "mit or apache"),
        ] {
            assert_eq!(described(text).get(Field::License), Some(want), "{text}");
        }
        // Names of other things: the Apache web server, MIT the university, German "mit".
        for text in [
            "classify our Apache access logs into errors and warnings",
            "summarize papers from MIT researchers",
            "ein Chatbot auf Deutsch für Laptops mit 16 GB RAM",
        ] {
            assert_eq!(described(text).get(Field::License), None, "{text}");
        }
    }

    #[test]
    fn open_source_in_compounds_with_a_slip_and_in_other_languages() {
        for text in [
            "Ähnliche Stellen in Handbüchern finden; nur echte Open-Source-Lizenzen",
            "generate images for blog posts; only real open-sorce licences",
            "把课堂录音转成中文文字，只能用开源许可证的模型",
            "resumir correos en español, licencia de código abierto",
        ] {
            assert_eq!(described(text).get(Field::License), Some("open source"), "{text}");
        }
        // The model's openness alone, without a license word, is no wish.
        assert_eq!(fill("an open-sorce chatbot for my team").get(Field::License), None);
        // Charging for the service is commercial use; invoices are not.
        assert_eq!(fill("Chatbot para marcar consultas; vamos cobrar pelo serviço").get(Field::License), Some("commercial use"));
        assert_eq!(fill("extraire les montants des factures scannées").get(Field::License), None);
    }

    #[test]
    fn an_answer_time_in_the_sentence_holds_on_its_cpu() {
        let t = described("pick out names in CVs; it runs on plain CPU servers and must answer within 50 ms");
        let b = MemoryBudget::parse(t.get(Field::Hardware).unwrap()).unwrap();
        assert_eq!(b.param_cap.map(|c| c.0), Some(150_000_000));
        // The "ms" of "items" is no time.
        assert_eq!(crate::constraints::milliseconds("classify items within 20 ms"), Some(20.0));
    }

    #[test]
    fn phones_named_in_german_italian_and_spanish_and_on_the_device_itself() {
        let budget = |text: &str| described(text).get(Field::Hardware).and_then(MemoryBudget::parse);
        for text in [
            "Berichte auf Deutsch diktieren; die App läuft direkt auf dem Handy",
            "die App wandelt Sprache direkt auf dem Gerät in Text um",
            "una voce che legge le ricette ad alta voce, direttamente sul telefono",
            "un modelo que corre en el propio dispositivo para detectar objetos",
        ] {
            let b = budget(text).unwrap_or_else(|| panic!("no hardware in {text}"));
            assert_eq!(b.bits, 4.0, "{text}");
        }
        for text in [
            "a handy tool to summarize emails",
            "trascrivere le chiamate al telefono dei clienti",
            "Fotos auf dem Handy nach Personen sortieren",
        ] {
            assert!(budget(text).is_none(), "{text}");
        }
    }

    #[test]
    fn an_open_source_licence_named_before_the_words() {
        for text in [
            "a chatbot for our town hall; the licence must be free (open source)",
            "un chatbot pour notre mairie, et la licence doit être libre (open source)",
            "a chatbot, open source license",
        ] {
            assert_eq!(fill(text).get(Field::License), Some("open source"), "{text}");
        }
        assert_eq!(fill("an open-source chatbot for my team").get(Field::License), None);
    }

    #[test]
    fn sizes_and_hardware() {
        let t = fill("an embedding model between 100M and 500M params for semantic search");
        assert_eq!(t.get(Field::ParameterSize), Some("between 100M and 500M params"));
        let r = ParamRange::parse(t.get(Field::ParameterSize).unwrap()).unwrap();
        assert_eq!((r.min, r.max), (Some(100_000_000), Some(500_000_000)));
        assert_eq!(fill("small model to detect objects").get(Field::ParameterSize), Some("small"));
        let t = fill("a chat model under seven billion parameters");
        assert_eq!(ParamRange::parse(t.get(Field::ParameterSize).unwrap()).unwrap().max, Some(7_000_000_000));
        assert_eq!(ParamRange::parse("half a billion or less").unwrap().max, Some(500_000_000));
        assert_eq!(ParamRange::parse("under a billion").unwrap().max, Some(1_000_000_000));
        assert_eq!(fill("at most 3.5b, chat assistant").get(Field::ParameterSize), Some("at most 3.5b"));
        let t = fill("CPU only, speech to text");
        assert_eq!(t.get(Field::Hardware), Some("CPU only"));
        assert!(MemoryBudget::parse(t.get(Field::Hardware).unwrap()).unwrap().cpu_only);
        assert_eq!(fill("fits a 24GB GPU, text generation").get(Field::Hardware), Some("24GB GPU"));
        assert_eq!(fill("translate on a raspberry pi").get(Field::Hardware), Some("raspberry pi"));
        // "phone" is hardware only where a model runs on it.
        let t = fill("transcribe German phone calls");
        assert_eq!(t.get(Field::Hardware), None);
        assert_eq!(t.get(Field::Task), Some("automatic-speech-recognition"));
        assert!(t.get(Field::Function).unwrap().contains("phone calls"));
        assert_eq!(fill("a chat assistant that runs on a phone").get(Field::Hardware), Some("phone"));
        assert_eq!(fill("speech recognition, on-device on my phone").get(Field::Hardware).map(|h| h.contains("phone")), Some(true));
        assert_eq!(fill("an iPhone app that we sell").get(Field::Hardware), Some("iPhone"));
        // "Runs on" in other languages; a preposition alone is not enough.
        assert_eq!(fill("una app que vendemos, corre en un iPhone").get(Field::Hardware), Some("iPhone"));
        assert_eq!(fill("un chatbot qui tourne sur un iPhone").get(Field::Hardware), Some("iPhone"));
        assert_eq!(fill("transcribir las llamadas guardadas en el móvil").get(Field::Hardware), None);
        // Whose device it is stands between "runs in" and the device word.
        assert_eq!(fill("speech to text that runs in the user's browser").get(Field::Hardware), Some("browser"));
        assert_eq!(fill("a chatbot deployed on our customers' phones").get(Field::Hardware), Some("phones"));
        assert_eq!(fill("summarize the user's browser history").get(Field::Hardware), None);
        assert_eq!(fill("remove backgrounds right in the user's browser").get(Field::Hardware), Some("browser"));
        // The same device named twice is named once.
        assert_eq!(fill("runs in the browser; the Browser tab must stay fast").get(Field::Hardware), Some("browser"));
        // A processor compound (German) and "processor only" (Arabic) say CPU.
        assert_eq!(fill("Themen zuordnen; CPU-Server, kommerzielle Lizenz").get(Field::Hardware), Some("CPU-Server"));
        assert!(fill("نموذج للأسئلة الشائعة، يعمل على معالج فقط").get(Field::Hardware).is_some());
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
        // A direction is a direction, not "either language".
        let t = fill("translate English to German");
        assert_eq!(t.get(Field::Language), Some("English to German"));
        assert_eq!(LanguageWish::parse(t.get(Field::Language).unwrap()).unwrap().direction, Some(("en".into(), "de".into())));
        assert_eq!(t.get(Field::Task), Some("translation"));
        assert_eq!(fill("将英文翻译成中文").get(Field::Language), Some("English to Chinese"));
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

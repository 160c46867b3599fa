//! Which Hub task(s) a request is about, from its `task` field or from the words it uses
//! ("transcribe" → automatic-speech-recognition, input "audio" + output "text" → the same).
//!
//! Why infer: most developers don't know the Hub's tag names; the paper's requests describe
//! function in prose. A detected task becomes a bonus for models with that pipeline tag, and the
//! explanation says which words led to it.

use serde::{Deserialize, Serialize};

use super::input_side;
use super::params::IntentParams;
use crate::analysis::{contains_phrase, Lexicon};
use crate::knowledge::decisions::decision_in;
use crate::knowledge::devices::GPU_WORDS;
use crate::knowledge::languages::{direction_by_sides, direction_in_text, direction_side_in_text, languages_apart};
use crate::knowledge::programming_languages::code_language_mentions;
use crate::knowledge::task_words::task_words_in;
use crate::knowledge::task_words::{occurs, Starts, SENTENCE_ENDS};
use crate::knowledge::tasks::{task_by_tag, AUDIO_STEMS, CONTEXT_WORDS, DATA_CUES, DATA_KIND_STEMS, OPEN_LABEL_TASKS, TASKS, VISUAL_STEMS};
use crate::request_text::without_hardware;
use crate::template::{Field, Template};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskIntent {
    pub tag: String,
    /// 0–1; the strongest intent has 1.
    pub confidence: f32,
    /// Why: "task field", "cue 'speech to text'", "input audio → output text".
    pub because: String,
}

/// How a contradicted `task` field's intent begins its `because`: the field became a hint.
pub const TASK_HINT_BECAUSE: &str = "task field, taken as a hint";

impl TaskIntent {
    /// A `task` field the request's words (or formats) contradicted, kept only as a hint.
    pub fn is_task_hint(&self) -> bool {
        self.because.starts_with(TASK_HINT_BECAUSE)
    }
}

/// Detects task intents in a request.
///
/// A `task` field that names Hub tasks decides, unless the words (function, input/output formats)
/// clearly point at other tasks: then the words are followed, the field stays as a weaker hint,
/// and both intents say so ("find similar questions in our FAQ" with `task: text-generation`).
#[inline(never)] // a query phase: keep it visible to profilers
pub fn detect_intents(lexicon: &Lexicon, request: &Template, params: &IntentParams) -> Vec<TaskIntent> {
    let Some(task_text) = request.get(Field::Task) else {
        return from_words(lexicon, request, params, true).intents;
    };
    let named: Vec<TaskIntent> = task_text
        .split([',', ';', '|'])
        .flat_map(|part| part.split(" or "))
        .filter_map(|part| task_by_tag(part.trim().trim_end_matches(|c: char| !c.is_alphanumeric())))
        .map(|t| TaskIntent { tag: t.tag.to_string(), confidence: 1.0, because: "task field".into() })
        .collect();
    if named.is_empty() {
        return from_words(lexicon, request, params, true).intents;
    }
    // The output format can settle it: a kind of result the field's task returns ("formality
    // label or score" for text classification) confirms the field whatever the sentence's cues
    // say; a kind it never returns ("3D mesh" from text-to-image, "vulnerable / not vulnerable"
    // from text generation) contradicts it.
    // Only the developer's own sentence can contradict the field: format lists ("text, image,
    // audio or video") are too coarse to overrule a named task.
    let sentence = Template { function: request.function.clone(), others: request.others.clone(), ..Default::default() };
    let reading = from_words(lexicon, &sentence, params, false);
    if let Some(verdict) = output_format_verdict(lexicon, request, &named, reading.intents.first(), params) {
        return verdict;
    }
    if let Some(verdict) = modality_verdict(lexicon, &sentence, &named, &reading.intents, params) {
        return verdict;
    }
    // An output format naming written text ("one-sentence summary") contradicts a field that only
    // picks labels: then any task the words lead to is followed, however weakly they speak.
    let text_over_labels = output_writes_over_labels(lexicon, request, &named);
    if reading.intents.is_empty() || reading.best < params.override_task_min && !text_over_labels {
        return named;
    }
    // Related tasks of the same kinds of data (image-text-to-text and visual question answering)
    // do not contradict each other: only a different input or output kind does. The field stands
    // when the sentence or the sentence with the formats agrees with it: it must contradict both.
    // A weak cue of the field's task among stronger ones of another ("faq" beside "similar
    // questions") is no agreement: only the tasks the words lead with count.
    // A decision question ("whether a patient will be readmitted") asks for a label, which any
    // labelling task in the field returns (tabular classification here).
    // Only a field that returns labels alone: a detector's labels come with boxes, and "is it a
    // cat or a dog" asks for no box.
    let field_labels = named.iter().any(|n| task_output_kinds(lexicon, &n.tag) & !TEXT_KIND == LABEL_KIND);
    let agrees =
        |reading: &WordIntents| {
            reading.intents.iter().filter(|w| w.confidence >= params.field_agree_share).any(|w| {
                named.iter().any(|n| same_data(lexicon, &n.tag, &w.tag)) || field_labels && reading.decided.contains(&w.tag.as_str())
            })
        };
    // A general text task in the field ("text-generation") with the words leading to a more
    // specific one of the same data ("translate our app's menus into 30 languages"): the field is
    // not wrong, only general, and the specific task joins it.
    if let (Some(lead), [field]) = (reading.intents.first(), named.as_slice()) {
        let general = GENERAL_TEXT_TASKS.contains(&field.tag.as_str());
        if general && lead.tag != field.tag && same_data(lexicon, &field.tag, &lead.tag) && params.specific_task_join > 0.0 {
            let joined = TaskIntent {
                tag: lead.tag.clone(),
                confidence: params.specific_task_join,
                because: format!("{} — more specific than the task field '{}'", lead.because, field.tag),
            };
            return vec![field.clone(), joined];
        }
        // An extractive question-answering field with words that lead to a generative model ("a
        // chatbot that answers customers' questions"): developers pick the field for any bot that
        // answers, and chat models do that work too; they join below the field. Other specific
        // fields (summarization) stay alone: their words restate them.
        let general_lead = GENERAL_TEXT_TASKS.contains(&lead.tag.as_str()) && field.tag == ANSWERING_TASK;
        if general_lead && params.general_task_join > 0.0 {
            let joined = TaskIntent {
                tag: lead.tag.clone(),
                confidence: params.general_task_join,
                because: format!("{} — a generative model beside the task field '{}'", lead.because, field.tag),
            };
            return vec![field.clone(), joined];
        }
    }
    if !translation_over_field(&sentence, &named, &reading, params)
        && (agrees(&reading) || agrees(&from_words(lexicon, request, params, false)))
    {
        return named;
    }
    let field_tags: Vec<&str> = named.iter().map(|n| n.tag.as_str()).collect();
    let mut out: Vec<TaskIntent> = reading
        .intents
        .into_iter()
        .map(|mut w| {
            w.because = format!("{} — followed over the task field '{}'", w.because, field_tags.join(", "));
            w
        })
        .collect();
    let top = out[0].tag.clone();
    for n in named {
        out.push(TaskIntent {
            tag: n.tag,
            confidence: params.task_hint_share,
            because: format!("{TASK_HINT_BECAUSE}: the words say {top}"),
        });
    }
    out
}

/// Translation is the one text-to-text task that needs two languages: a developer's sentence that
/// leads with translation and states both sides ("vom Deutschen ins Englische übersetzen", "do
/// português para o inglês") contradicts a field naming another text task (summarization), although
/// both take and return text ([`same_data`] would call them agreeing).
///
/// Why only with both sides stated: "translate" alone is also said of conversions and rewordings;
/// a stated pair of languages is the one thing a summarizer or a chat model is not asked for.
fn translation_over_field(sentence: &Template, named: &[TaskIntent], reading: &WordIntents, params: &IntentParams) -> bool {
    let Some(lead) = reading.intents.first() else { return false };
    if lead.tag != TRANSLATION_TASK || lead.confidence < params.field_agree_share || named.iter().any(|n| n.tag == TRANSLATION_TASK) {
        return false;
    }
    let text = [sentence.function.as_deref(), sentence.others.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" . ");
    direction_in_text(&text).or_else(|| direction_by_sides(&text)).is_some_and(|d| d.source != d.target)
}

/// The tasks a request's words lead to, and which of them a decision question led.
struct WordIntents {
    intents: Vec<TaskIntent>,
    /// The best task's raw score (cue points plus format points) before shares are taken.
    best: f32,
    /// Tasks whose strongest cue was a decision question ("whether …", "good or bad"): they ask
    /// for a label, which any labelling task named in a `task` field returns.
    decided: Vec<&'static str>,
}

/// The task a stated translation direction asks for.
const TRANSLATION_TASK: &str = "translation";

/// The task of code models (code generation, completion, translation between programming languages).
const CODE_TASK: &str = "text-generation";

/// The task a decision question asks for on text; [`Modality::sibling`] moves it to images or audio.
const DECISION_TASK: &str = "text-classification";

/// Tasks that hold many more specific ones of the same data (translation and summarization are
/// text generation too).
const GENERAL_TEXT_TASKS: &[&str] = &["text-generation", "text2text-generation"];

/// The field people name for any model that answers questions (the Hub's extractive task).
const ANSWERING_TASK: &str = "question-answering";

/// Bits of [`DATA_KIND_STEMS`]: text, class labels, spans.
const TEXT_KIND: u16 = 1;
const LABEL_KIND: u16 = 32;
/// Spans of the input: a kind of *result* only. An entity span and a question's answer span are
/// both spans, so the formats' kind match ([`io_match`]) and [`same_data`] leave this bit out (an
/// answer span is text: question answering and text generation take and return the same data); the output-format
/// verdict uses it to tell tagged spans (token classification) from one label per text.
const SPAN_KIND: u16 = 256;

/// Kinds of data a request's output format names. Short alternatives with no kind of their own
/// ("benign / suspicious", "toxic or normal", "yes/no") are class labels.
pub(crate) fn output_kinds(lexicon: &Lexicon, text: &str) -> u16 {
    let kinds = data_kinds(&lexicon.analyzer.terms(&without_distributive(text)));
    if kinds != 0 {
        return kinds;
    }
    let lower = text.to_lowercase();
    let parts: Vec<&str> = lower.split(['/', '|']).flat_map(|p| p.split(" or ")).map(str::trim).filter(|p| !p.is_empty()).collect();
    let short = |p: &&str| p.split_whitespace().count() <= 3 && !p.chars().any(|c| c.is_ascii_digit());
    if parts.len() >= 2 && parts.iter().all(short) {
        LABEL_KIND
    } else {
        0
    }
}

/// Words that hand a result out over the input ("one sentence *per image*", "a label *for each*
/// clip"): the words after them name the input, not a kind of result.
const DISTRIBUTIVE_WORDS: &[&str] = &["per", "each", "every"];

/// Words after a distributive word that may still name the input ("per uploaded product image").
const DISTRIBUTIVE_SPAN: usize = 3;

/// An output format without the input it is handed out over: "one English sentence per image"
/// is a sentence (text), not an image.
fn without_distributive(text: &str) -> String {
    let lower = text.to_lowercase();
    if !DISTRIBUTIVE_WORDS.iter().any(|w| lower.split(|c: char| !c.is_alphanumeric()).any(|t| t == *w)) {
        return text.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    let mut skip = 0;
    for token in lower.split_whitespace() {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        // The input named after "per" ends at a conjunction (kept) or at punctuation (its last word).
        if skip > 0 && !matches!(word, "and" | "or" | "with") {
            skip = if token.ends_with([',', ';', '.', ')']) { 0 } else { skip - 1 };
            continue;
        }
        skip = 0;
        if DISTRIBUTIVE_WORDS.contains(&word) {
            skip = DISTRIBUTIVE_SPAN;
            continue;
        }
        out.push(token);
    }
    out.join(" ")
}

/// The output format names written text ([`Lexicon::generated_text_terms`]: a summary, a sentence,
/// a reply) and no label, while every task of the field returns labels and no text.
fn output_writes_over_labels(lexicon: &Lexicon, request: &Template, named: &[TaskIntent]) -> bool {
    let Some(output) = request.get(Field::OutputFormat) else { return false };
    let terms = lexicon.analyzer.terms(&without_distributive(output));
    let writes = terms.iter().any(|t| lexicon.generated_text_terms.binary_search(t).is_ok());
    let field_out = named.iter().fold(0, |k, n| k | task_output_kinds(lexicon, &n.tag));
    writes && output_kinds(lexicon, output) & LABEL_KIND == 0 && field_out & LABEL_KIND != 0 && field_out & TEXT_KIND == 0
}

/// Output kinds of a task (its `output` words).
fn task_output_kinds(lexicon: &Lexicon, tag: &str) -> u16 {
    TASKS.iter().position(|t| t.tag == tag).map_or(0, |i| data_kinds(&lexicon.task_io[i].1))
}

/// What the request's output format says about a `task` field: `Some(named)` when it names a
/// kind of result (beyond plain text) the field's tasks return, `Some(followed)` when it names
/// one they never return and a task of the same input returns it (the field stays as a hint),
/// `None` when it says nothing either way.
///
/// When the sentence's leading task returns the wanted kinds itself ("recorded customer calls
/// into text" with `task: text-to-speech` and output "text"), it is the one followed: the words
/// name the task, the formats only say the field is wrong.
fn output_format_verdict(
    lexicon: &Lexicon,
    request: &Template,
    named: &[TaskIntent],
    lead: Option<&TaskIntent>,
    params: &IntentParams,
) -> Option<Vec<TaskIntent>> {
    let stated = output_kinds(lexicon, request.get(Field::OutputFormat)?);
    let field_out = named.iter().fold(0, |k, n| k | task_output_kinds(lexicon, &n.tag));
    // Plain text is too common a result to confirm a field, but a field whose tasks return no text
    // at all (images, speech) is contradicted by a request for nothing but text ("one English
    // sentence" from `task: image-to-image`).
    // Nor is text from a field that only labels ("texte" from `task: audio-classification`) when
    // the sentence leads with a task that writes text (transcribing the calls).
    // The sentence's own leading task: confident, and not the field's.
    let own_lead = lead.filter(|w| w.confidence >= params.field_agree_share && !named.iter().any(|n| n.tag == w.tag));
    let lead_writes = own_lead.is_some_and(|w| task_output_kinds(lexicon, &w.tag) & TEXT_KIND != 0);
    let labels_only = field_out & TEXT_KIND == 0 && field_out != 0;
    let wanted =
        if stated == TEXT_KIND && (field_out & (TEXT_KIND | LABEL_KIND | SPAN_KIND) == 0 && field_out != 0 || labels_only && lead_writes) {
            TEXT_KIND
        } else {
            stated & !TEXT_KIND
        };
    if wanted == 0 {
        return None;
    }
    let field_overlap = (field_out & wanted).count_ones();
    if field_overlap == wanted.count_ones() {
        return Some(named.to_vec());
    }
    // The task that reads what the field's task reads and returns most of the wanted kinds
    // (text classification for labels from text, token classification for tagged spans); the
    // field stands when no task returns more of them.
    // What the task reads: the request's input format when it names a kind of data ("English
    // text" to "WAV speech" is text to speech, whatever the field says), else what the field reads.
    let field_in =
        named.iter().fold(0, |k, n| k | TASKS.iter().position(|t| t.tag == n.tag).map_or(0, |i| data_kinds(&lexicon.task_io[i].0)));
    let stated_in = request.get(Field::InputFormat).map_or(0, |t| data_kinds(&lexicon.analyzer.terms(t)) & !SPAN_KIND);
    let field_in = if stated_in != 0 { stated_in } else { field_in };
    // Among tasks returning as many wanted kinds, the one reading least besides the input wins
    // (image to text over fill-mask, whose "masked token" also reads as an image word).
    let (best, overlap, _) = TASKS
        .iter()
        .enumerate()
        .filter(|(i, _)| data_kinds(&lexicon.task_io[*i].0) & field_in != 0)
        .map(|(i, t)| {
            let reads = data_kinds(&lexicon.task_io[i].0) & !SPAN_KIND;
            (t, (data_kinds(&lexicon.task_io[i].1) & wanted).count_ones(), (reads & !field_in).count_ones())
        })
        .fold(
            (None, 0, u32::MAX),
            |acc, (t, n, extra)| if n > acc.1 || n == acc.1 && n > 0 && extra < acc.2 { (Some(t), n, extra) } else { acc },
        );
    if overlap <= field_overlap {
        return (field_overlap > 0).then(|| named.to_vec());
    }
    let best = best?;
    let field_tags: Vec<&str> = named.iter().map(|n| n.tag.as_str()).collect();
    let formats = if stated_in != 0 { "input and output formats" } else { "output format" };
    let said = own_lead.filter(|w| task_output_kinds(lexicon, &w.tag) & wanted == wanted && task_by_tag(&w.tag).is_some());
    let (tag, because) = match said {
        Some(w) => (w.tag.clone(), format!("{} and the {formats} — followed over the task field '{}'", w.because, field_tags.join(", "))),
        None => (best.tag.to_string(), format!("{formats} — followed over the task field '{}'", field_tags.join(", "))),
    };
    let mut out = vec![TaskIntent { tag: tag.clone(), confidence: 1.0, because }];
    out.extend(named.iter().map(|n| TaskIntent {
        tag: n.tag.clone(),
        confidence: params.task_hint_share,
        because: format!("{TASK_HINT_BECAUSE}: the output format asks for what {tag} returns"),
    }));
    Some(out)
}

/// A `task` field whose task takes no image (or audio) while the developer's sentence is about
/// images (or audio) and names nothing of the field's task ("guess someone's age from a selfie"
/// with `task: text-generation`): the field is a weak hint, and the sentence's tasks that fit its
/// data lead. `None` when the field fits or the words name its task.
fn modality_verdict(
    lexicon: &Lexicon,
    sentence: &Template,
    named: &[TaskIntent],
    words: &[TaskIntent],
    params: &IntentParams,
) -> Option<Vec<TaskIntent>> {
    let text = [sentence.function.as_deref(), sentence.others.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" . ");
    let modality = Modality::of_words(lexicon, &lexicon.analyzer.terms(&text), &text);
    let fits = |tag: &str| task_by_tag(tag).is_some_and(|t| modality.fits(t));
    if modality == Modality::Unclear || named.iter().any(|n| fits(&n.tag) || words.iter().any(|w| w.tag == n.tag)) {
        return None;
    }
    let field_tags: Vec<&str> = named.iter().map(|n| n.tag.as_str()).collect();
    let mut out: Vec<TaskIntent> = words
        .iter()
        .filter(|w| fits(&w.tag))
        .map(|w| TaskIntent {
            tag: w.tag.clone(),
            confidence: w.confidence,
            because: format!("{} — followed over the task field '{}'", w.because, field_tags.join(", ")),
        })
        .collect();
    let top = out.first().map(|w| w.tag.clone());
    out.extend(named.iter().map(|n| TaskIntent {
        tag: n.tag.clone(),
        confidence: params.task_hint_share * params.modality_discount,
        because: match &top {
            Some(t) => format!("{TASK_HINT_BECAUSE}: the words are about {} and say {t}", modality.describe()),
            None => format!("{TASK_HINT_BECAUSE}: the words are about {}, which it does not take", modality.describe()),
        },
    }));
    Some(out)
}

/// Two tasks take and return the same kinds of data (text, image, audio, labels, embeddings…).
fn same_data(lexicon: &Lexicon, a: &str, b: &str) -> bool {
    let kinds = |tag: &str| {
        TASKS.iter().position(|t| t.tag == tag).map(|i| {
            let (input, output) = &lexicon.task_io[i];
            (data_kinds(input) & !SPAN_KIND, data_kinds(output) & !SPAN_KIND)
        })
    };
    a == b || kinds(a).is_some() && kinds(a) == kinds(b)
}

/// Intents from the request's words (with the task field's words when `with_task`), and the best
/// raw score (how strongly the words speak).
fn from_words(lexicon: &Lexicon, request: &Template, params: &IntentParams, with_task: bool) -> WordIntents {
    let mut text = String::new();
    // The same without the words that describe the input (the input format, "from its
    // transcript"): cues found only outside it are about the input ([`input_side`]).
    let mut main_text = String::new();
    let mut input_side = false;
    let mut input_text = String::new();
    for f in [Field::Task, Field::Function, Field::InputFormat, Field::OutputFormat, Field::Domain, Field::Others] {
        if f == Field::Task && !with_task {
            continue;
        }
        if let Some(v) = request.get(f) {
            text.push_str(v);
            text.push_str(" . ");
            if f == Field::InputFormat {
                input_side = true;
            } else if let Some((main, input)) = input_side::split(v) {
                input_side = true;
                main_text.push_str(&main);
                input_text.push_str(&input);
            } else {
                main_text.push_str(v);
            }
            main_text.push_str(" . ");
        }
    }
    // Read before arrows become "to": "de->en" is a code pair.
    let direction = match direction_in_text(&text) {
        Some(d) => Some((true, d.phrase)),
        None => direction_side_in_text(&text).map(|s| (false, s.phrase)),
    };
    // Two languages named apart (the text in one, wanted in the other): a weak translation cue.
    // A side alone ("into Italian") is no cue by itself, but with another language named before
    // it ("our English website pages turned into Italian") the two are apart.
    let apart = if !matches!(direction, Some((true, _))) {
        languages_apart(&text).map(|(a, b)| (text[a.start..a.end].to_string(), text[b.start..b.end].to_string()))
    } else {
        None
    };
    let text = arrows_as_to(text);
    let foreign = task_words_in(&text);
    let lower = text.to_lowercase();
    let decision = decision_in(&lower);
    // Programming languages on both sides ("Python 2 into Python 3"): code, not human language.
    let code_sides = code_language_mentions(&lower) >= 2;
    let analyzer = &lexicon.analyzer;
    let terms = analyzer.terms(&text);
    // Every cue match starts with the cue's first word: marking the first words present (numbered by
    // the lexicon) rules out most cues by one array read each.
    let mut present = vec![false; lexicon.cue_first_words.len()];
    for t in &terms {
        if let Some(&id) = lexicon.cue_first_words.get(t.as_str()) {
            present[id as usize] = true;
        }
    }
    // The words of the main clauses, when some words only describe the input.
    let main_terms = input_side.then(|| analyzer.terms(&arrows_as_to(main_text)));
    // A request that says its input is text ("a summary of each podcast episode from its
    // transcript") is about text, whatever else its words mention.
    let modality =
        if data_kinds(&analyzer.terms(&input_text)) == TEXT_KIND { Modality::Unclear } else { Modality::of_words(lexicon, &terms, &text) };
    let asked_about_visual = (modality == Modality::Visual && asks_questions(&text)).then(|| visual_question_task(&terms));
    let mut request_io =
        (request.get(Field::InputFormat).map(|t| analyzer.terms(t)), request.get(Field::OutputFormat).map(|t| analyzer.terms(t)));
    // With no formats given, a conversion in the words says them ("turn concept drawings into
    // textured 3D props": image in, 3D out).
    let mut io_because = "input/output formats";
    if request_io.0.is_none() && request_io.1.is_none() {
        if let Some((input, output)) = conversion_in(lexicon, &text) {
            request_io = (Some(input), Some(output));
            io_because = "a conversion in the words";
        }
    }
    // "Translates the voicemails … into text": a conversion of other data into text read from the
    // words is no translation between languages, whatever the verb.
    let into_text_from_other = io_because == "a conversion in the words"
        && request_io.1.as_deref().is_some_and(|o| data_kinds(o) == TEXT_KIND)
        && request_io.0.as_deref().is_some_and(|i| data_kinds(i) & TEXT_KIND == 0);
    // Formats that fit many tasks equally ("text" in, "text" out) say nothing about the task.
    let io_scores: Vec<f32> = (0..TASKS.len()).map(|i| io_match(lexicon, &request_io, i, params)).collect();
    let io_best = io_scores.iter().copied().fold(0.0f32, f32::max);
    let io_informative = io_best > 0.0 && io_scores.iter().filter(|&&x| x >= io_best).count() <= params.io_informative_tasks;
    let mut scored: Vec<(usize, f32, String, bool)> = Vec::new();
    // (task, score, explanation, led by a decision question)
    let mut transfers: Vec<(usize, f32, String, bool)> = Vec::new();
    // Tasks a cue (of any language) named, directly or moved to the request's data.
    let mut cued: Vec<usize> = Vec::new();
    for (i, task) in TASKS.iter().enumerate() {
        // Best cue counts fully, every further distinct cue half: several cues agreeing is strong.
        let mut cue_scores: Vec<(f32, String)> = Vec::new();
        let mut decided = false;
        for ((cue, phrase), &first) in task.cues.iter().zip(&lexicon.task_cues[i]).zip(&lexicon.task_cue_first[i]) {
            if !present.get(first as usize).copied().unwrap_or(false) {
                continue;
            }
            if let Some(s) = phrase_score(&terms, phrase, params) {
                let s = if DATA_CUES.contains(cue) {
                    s * params.data_cue_share
                } else if CONTEXT_WORDS.contains(cue) {
                    s * params.context_cue_share
                } else {
                    s
                };
                match &main_terms {
                    Some(main) if phrase_score(main, phrase, params).is_none() => {
                        cue_scores.push((s * params.input_side_share, format!("cue '{cue}' (about the input)")));
                    }
                    _ => cue_scores.push((s, format!("cue '{cue}'"))),
                }
            }
        }
        // Task phrases of other languages count like a two-word cue.
        for w in foreign.iter().filter(|w| w.2 == task.tag) {
            cue_scores.push((params.foreign_cue_score, format!("cue '{}' ({}: {})", w.0, w.1, w.3)));
        }
        if code_sides && task.tag == CODE_TASK {
            cue_scores.push((1.0 + params.cue_word_bonus, "programming languages on both sides: code".into()));
        }
        if let Some((a, b)) = apart.as_ref().filter(|_| task.tag == TRANSLATION_TASK && params.languages_apart_cue > 0.0) {
            cue_scores.push((params.languages_apart_cue, format!("two languages named apart: '{a}' … '{b}'")));
        }
        // A stated direction ("English to Japanese", "ja→en") is a translation; one side alone
        // ("into English", "英語に") only adds to translation words already there.
        match &direction {
            Some((true, phrase)) if task.tag == TRANSLATION_TASK => {
                cue_scores.push((1.0 + params.cue_word_bonus, format!("a translation direction '{phrase}'")));
            }
            Some((false, phrase)) if task.tag == TRANSLATION_TASK && !cue_scores.is_empty() => {
                cue_scores.push((1.0, format!("a translation side '{phrase}'")));
            }
            _ => {}
        }
        // Example questions about pictures, documents or clips ("ask 'which dishes are
        // vegetarian?'") ask for answers about that data.
        if asked_about_visual == Some(task.tag) {
            cue_scores.push((params.foreign_cue_score, "questions asked about images, documents or video".into()));
        }
        // A yes/no or which-one question asks for a label.
        if let Some((phrase, lang)) = decision.filter(|_| task.tag == DECISION_TASK && params.decision_cue_score > 0.0) {
            let lang = if lang == "en" { String::new() } else { format!(" ({lang})") };
            // Pushed last, it leads (stable sort) only when stronger than every other cue.
            decided = cue_scores.iter().all(|c| c.0 < params.decision_cue_score);
            cue_scores.push((params.decision_cue_score, format!("a decision '{phrase}'{lang}: a label")));
        }
        if !cue_scores.is_empty() {
            cued.push(i);
        }
        cue_scores.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut score =
            cue_scores.first().map_or(0.0, |c| c.0) + params.further_cue_share * cue_scores.iter().skip(1).map(|c| c.0).sum::<f32>();
        let mut because = cue_scores.first().map(|c| c.1.clone()).unwrap_or_default();
        let io = if io_informative || score > 0.0 { io_scores[i] } else { 0.0 };
        if io > 0.0 {
            score += io;
            because = if because.is_empty() { io_because.into() } else { format!("{because}, {io_because}") };
        }
        if score > 0.0 && !modality.fits(task) {
            // The same need on the request's kind of data: "classify the emotion" of speech clips
            // is audio classification, not text classification.
            if let Some(j) =
                modality.sibling(task).filter(|_| !GENERATIVE_TEXT_TASKS.contains(&task.tag) || pictures_beyond_hardware(lexicon, &text))
            {
                let cue = cue_scores.first().map(|c| c.0).unwrap_or(0.0);
                if cue > 0.0 {
                    cued.push(j);
                }
                transfers.push((j, cue, format!("{because} (for {}: {})", modality.describe(), task.tag), decided));
            }
            score *= params.modality_discount;
            because.push_str(&format!(" (discounted: the request is about {})", modality.describe()));
        }
        if score > 0.0 && into_text_from_other && task.tag == TRANSLATION_TASK {
            score *= params.modality_discount;
            because.push_str(" (discounted: the words convert other data into text)");
        }
        if score > 0.0 && code_sides && task.tag == TRANSLATION_TASK {
            score *= params.modality_discount;
            because.push_str(" (discounted: programming languages on both sides)");
        }
        if score > 0.0 {
            scored.push((i, score, because, decided));
        }
    }
    for (j, score, because, decided) in transfers.into_iter().filter(|t| t.1 > 0.0) {
        match scored.iter_mut().find(|s| s.0 == j) {
            Some(s) if s.1 >= score => {}
            Some(s) => *s = (j, score, because, decided),
            None => scored.push((j, score, because, decided)),
        }
    }
    open_labels_first(&mut scored, &cued, params);
    let best = scored.iter().map(|s| s.1).fold(0.0f32, f32::max);
    if best <= 0.0 {
        return WordIntents { intents: Vec::new(), best: 0.0, decided: Vec::new() };
    }
    scored.retain(|s| s.1 >= params.keep_share * best);
    let decided = scored.iter().filter(|s| s.3).map(|s| TASKS[s.0].tag).collect();
    let mut intents: Vec<TaskIntent> =
        scored.into_iter().map(|(i, s, because, _)| TaskIntent { tag: TASKS[i].tag.to_string(), confidence: s / best, because }).collect();
    intents.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
    intents.truncate(params.max_intents);
    WordIntents { intents, best, decided }
}

/// Labels the user names, or nothing trained: when a cue of an open-label task fired (zero-shot
/// classification, [`OPEN_LABEL_TASKS`]), its fixed-label sibling of the same data (text
/// classification) yields to it. The open-label task takes the better of the two scores — "sort
/// the emails" is evidence for classifying, "into categories we define" says which kind — and the
/// fixed-label task keeps `open_label_share` of its own, and both explanations say so.
/// Only a cue counts as the open-label task's evidence: formats ("text in, a label out") fit both.
fn open_labels_first(scored: &mut [(usize, f32, String, bool)], cued: &[usize], params: &IntentParams) {
    for (open, fixed) in OPEN_LABEL_TASKS {
        let find = |tag: &str| scored.iter().position(|s| TASKS[s.0].tag == tag);
        let (Some(o), Some(f)) = (find(open), find(fixed)) else { continue };
        if !cued.contains(&scored[o].0) {
            continue;
        }
        if scored[f].1 > scored[o].1 {
            scored[o].1 = scored[f].1;
            scored[o].2.push_str(&format!(" (the labels are the user's own: before {fixed})"));
        }
        scored[f].1 *= params.open_label_share;
        scored[f].2.push_str(&format!(" (yields to {open}: the labels are the user's own)"));
    }
}

/// The request quotes questions its users will ask (a question mark) or says they ask ("ask",
/// "asks"); "questions" alone also names labels ("field names (questions/keys)").
fn asks_questions(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains('?') || lower.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "ask" | "asks" | "asking"))
}

/// Which task answers questions about a request's visual data: clips → video-text-to-text,
/// scanned or business documents → document question answering, else a vision-language model.
fn visual_question_task(terms: &[String]) -> &'static str {
    let has = |stems: &[&str]| terms.iter().any(|t| stems.contains(&t.as_str()));
    if has(&["video", "clip", "footag"]) {
        "video-text-to-text"
    } else if has(&["scan", "document", "pdf", "invoic", "receipt", "statement", "form"]) {
        "document-question-answering"
    } else {
        "image-text-to-text"
    }
}

/// Conversions written with arrows read like the cue phrases: "speech→text" is "speech to text".
fn arrows_as_to(text: String) -> String {
    if text.contains(['→', '⇒']) || text.contains("->") || text.contains("=>") {
        text.replace(['→', '⇒'], " to ").replace("->", " to ").replace("=>", " to ")
    } else {
        text
    }
}

/// Verbs that make "A to B" a conversion ("convert speech to text"), not a purpose ("want to").
const CONVERSION_VERBS: &[&str] = &[
    "turn",
    "turns",
    "turning",
    "convert",
    "converts",
    "converting",
    "transform",
    "transforms",
    "change",
    "changes",
    "make",
    "translate",
    "translates",
];

/// Words for what people say: as the source of a conversion they name speech.
const SPEAKING_WORDS: &[&str] = &["say", "says", "said", "saying", "speak", "speaks", "talk", "talks", "dictate", "dictated"];

/// Words each side of a conversion may span.
const CONVERSION_SPAN: usize = 4;

/// The data a sentence converts from and to, as analysed terms: "A into B", or "A to B" after a
/// conversion verb or "from" ("from scanned pages to editable text"). Both sides must name a kind
/// of data (text, image, audio, 3D…) and the kinds must differ; otherwise `None`.
fn conversion_in(lexicon: &Lexicon, text: &str) -> Option<(Vec<String>, Vec<String>)> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // Without a word of direction, only "… get Y" or a spoken-to-written phrase says it.
    let otherwise = || given_back(lexicon, &lower).or_else(|| spoken_to_written(lexicon, &words)).or_else(|| read_aloud(lexicon, &words));
    if !text.contains(" into ") && !text.contains(" to ") && !text.contains(" from ") {
        return otherwise();
    }
    for (k, w) in words.iter().enumerate() {
        let before = &words[k.saturating_sub(CONVERSION_SPAN + 2)..k];
        let conversion = *w == "into" || *w == "to" && before.iter().any(|b| *b == "from" || CONVERSION_VERBS.contains(b));
        if !conversion || k == 0 {
            continue;
        }
        // The input side starts after "from" or the verb when one is near.
        let from = before.iter().rposition(|b| *b == "from" || CONVERSION_VERBS.contains(b)).map_or(0, |i| i + 1);
        let mut source: Vec<&str> = before[from..].iter().rev().take(CONVERSION_SPAN).rev().copied().collect();
        // A long object ("translates the voicemails people leave on our answering machine into
        // text"): with no verb near, the words right after a conversion verb further back name the
        // source.
        if from == 0 && *w == "into" {
            let far = &words[k.saturating_sub(MAKE_SPAN)..k];
            if let Some(v) = far.iter().rposition(|b| CONVERSION_VERBS.contains(b)) {
                source = far[v + 1..].iter().take(CONVERSION_SPAN).copied().collect();
            }
        }
        let mut input = lexicon.analyzer.terms(&source.join(" "));
        // "turn what they say into text": what people say is speech.
        if source.iter().any(|w| SPEAKING_WORDS.contains(w)) {
            input.extend(lexicon.analyzer.term("speech"));
        }
        let output = lexicon.analyzer.terms(&words[k + 1..(k + 1 + CONVERSION_SPAN).min(words.len())].join(" "));
        let (a, b) = (data_kinds(&input), data_kinds(&output));
        if a != 0 && b != 0 && a != b {
            return Some((input, output));
        }
    }
    // The result first, then its source: "make a portrait picture of each hero from the short
    // description", "create subtitles from our videos"; or the result named before a participle:
    // "voices for the characters, generated from the dialogue text".
    for (k, w) in words.iter().enumerate() {
        if *w != "from" || k == 0 {
            continue;
        }
        let window = &words[k.saturating_sub(MAKE_SPAN)..k];
        let result: Vec<&str> = if let Some(verb) = window.iter().position(|b| MAKE_VERBS.contains(b)) {
            window[verb + 1..].iter().take(CONVERSION_SPAN + 2).copied().collect()
        } else if let Some(made) = window.iter().rposition(|b| MADE_WORDS.contains(b)).filter(|&m| m + 3 >= window.len()) {
            window[..made].to_vec()
        } else {
            continue;
        };
        let output = lexicon.analyzer.terms(&result.join(" "));
        let input = lexicon.analyzer.terms(&words[k + 1..(k + 1 + CONVERSION_SPAN).min(words.len())].join(" "));
        let (a, b) = (data_kinds(&input), data_kinds(&output));
        if a != 0 && b != 0 && a & b == 0 {
            return Some((input, output));
        }
    }
    otherwise()
}

/// Verbs that name what the user gets back from the data named before them ("snap a photo of
/// the sign and get the words on it", "I type a sentence and get a picture").
const GIVEN_BACK_VERBS: &[&str] = &["get", "gets", "receive", "receives"];

/// Words before such a verb, in its clause, that may name the data given.
const GIVEN_SPAN: usize = 10;

/// Words after it that may name the result: its noun phrase, up to a preposition ("the words
/// *on* it"; "feedback *on* photos" names no result).
const RESULT_SPAN: usize = 3;

/// Words that end the result's noun phrase.
const RESULT_ENDS: &[&str] = &["on", "of", "from", "for", "about", "in", "with", "as", "to", "by", "and", "or", "that", "which"];

/// "A … get B": the data named in the clause before a verb of getting is the input, the noun
/// phrase after it the output, when both name kinds of data and the kinds differ; otherwise `None`.
fn given_back(lexicon: &Lexicon, lower: &str) -> Option<(Vec<String>, Vec<String>)> {
    for clause in lower.split(SENTENCE_ENDS) {
        let words: Vec<&str> = clause.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        for (k, w) in words.iter().enumerate() {
            if !GIVEN_BACK_VERBS.contains(w) || k == 0 {
                continue;
            }
            let source = &words[k.saturating_sub(GIVEN_SPAN)..k];
            let result: Vec<&str> = words[k + 1..].iter().take(RESULT_SPAN).take_while(|r| !RESULT_ENDS.contains(r)).copied().collect();
            let input = lexicon.analyzer.terms(&source.join(" "));
            let output = lexicon.analyzer.terms(&result.join(" "));
            let (a, b) = (data_kinds(&input), data_kinds(&output));
            if a != 0 && b != 0 && a & b == 0 {
                return Some((input, output));
            }
        }
    }
    None
}

/// Verbs that make "… X from Y" a conversion of Y into X.
const MAKE_VERBS: &[&str] =
    &["make", "makes", "create", "creates", "generate", "generates", "produce", "produces", "draw", "render", "build"];

/// Words between such a verb and its "from".
const MAKE_SPAN: usize = 14;

/// Participles that make "X, made from Y" a conversion of Y into X (a word or two before "from").
const MADE_WORDS: &[&str] = &["generated", "created", "produced", "synthesized", "synthesised", "rendered"];

/// Words for a written result of what people say ("what the dentist says … typed into the file").
const WRITTEN_WORDS: &[&str] = &["typed", "written", "writing", "text", "transcript", "transcripts", "transcribed"];

/// Words a speaking word may stand after its "what" ("what the new customer says"), and before
/// its written result.
const SAID_SPAN: usize = 4;
const WRITTEN_SPAN: usize = 10;

/// "What they say … typed" / "everything the teacher says, written down": what people say is
/// the input, its written form the output. A written word followed by a kind of text names
/// where the words already are ("what customers say in written reviews"), not a result.
fn spoken_to_written(lexicon: &Lexicon, words: &[&str]) -> Option<(Vec<String>, Vec<String>)> {
    for (k, w) in words.iter().enumerate() {
        let said = SPEAKING_WORDS.contains(w)
            && words[k.saturating_sub(SAID_SPAN)..k].iter().any(|b| matches!(*b, "what" | "everything" | "whatever" | "anything"));
        if !said {
            continue;
        }
        let after = &words[k + 1..(k + 1 + WRITTEN_SPAN).min(words.len())];
        let written = after.iter().enumerate().any(|(i, a)| {
            WRITTEN_WORDS.contains(a) && after.get(i + 1).is_none_or(|next| data_kinds(&lexicon.analyzer.terms(next)) & TEXT_KIND == 0)
        });
        if written {
            return Some((lexicon.analyzer.terms("speech"), lexicon.analyzer.terms("text")));
        }
    }
    None
}

/// Verbs of reading or saying that, with "aloud" or "out" after them, make written words speech.
const READING_VERBS: &[&str] = &["read", "reads", "reading", "say", "says", "speak", "speaks", "announce", "announces"];

/// Words between such a verb and its particle: its object ("read **our weekly bulletin** out loud").
const ALOUD_SPAN: usize = 6;

/// "Read our weekly bulletin out loud", "read out the text we write", "speak the answer aloud":
/// a verb of reading with "aloud" or "out loud" after it, or "out" right after it (not "out of"),
/// turns text into speech. The particle is a stop word, so cue phrases lose it ("read out"
/// analyses to "read"), and the object between verb and particle is longer than a cue's gap. A
/// bare "out" further on belongs to another verb ("read the invoices and pick out the totals").
fn read_aloud(lexicon: &Lexicon, words: &[&str]) -> Option<(Vec<String>, Vec<String>)> {
    let aloud = words.iter().enumerate().any(|(k, w)| {
        let after = &words[k + 1..(k + 1 + ALOUD_SPAN).min(words.len())];
        READING_VERBS.contains(w)
            && (after.iter().enumerate().any(|(i, a)| *a == "aloud" || *a == "out" && words.get(k + 2 + i) == Some(&"loud"))
                || after.first() == Some(&"out") && words.get(k + 2).is_none_or(|next| *next != "of"))
    });
    aloud.then(|| (lexicon.analyzer.terms("text"), lexicon.analyzer.terms("speech")))
}

/// How well a cue phrase occurs in the request's terms: contiguous phrases score
/// 1 + `cue_word_bonus` per extra word; the same words in order with small gaps ("classify product
/// photos" for "classify photos") score `gapped_cue_share` of that.
fn phrase_score(terms: &[String], phrase: &[String], params: &IntentParams) -> Option<f32> {
    if phrase.is_empty() {
        return None;
    }
    let full = 1.0 + params.cue_word_bonus * (phrase.len() as f32 - 1.0);
    if contains_phrase(terms, phrase) {
        return Some(full);
    }
    if phrase.len() < 2 {
        return None;
    }
    for start in terms.iter().enumerate().filter(|(_, t)| **t == phrase[0]).map(|(i, _)| i) {
        let mut at = start;
        let mut ok = true;
        for word in &phrase[1..] {
            match terms[at + 1..].iter().take(params.cue_max_gap + 1).position(|t| t == word) {
                Some(k) => at += k + 1,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some(params.gapped_cue_share * full);
        }
    }
    None
}

/// What kind of data a request is about, from its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Modality {
    Visual,
    Audio,
    Unclear,
}

impl Modality {
    /// From the analysed terms alone.
    fn of_terms(terms: &[String]) -> Modality {
        let (visual, audio) = Modality::flags_of_terms(terms);
        Modality::from_flags(visual, audio)
    }

    /// (names images or video, names audio) from the analysed terms.
    fn flags_of_terms(terms: &[String]) -> (bool, bool) {
        let has = |list: &[&str]| terms.iter().any(|t| list.contains(&t.as_str()));
        (has(VISUAL_STEMS), has(AUDIO_STEMS))
    }

    /// From the analysed terms and, for requests in other languages, the text's own everyday
    /// words glossed as pictures or sound ([`Lexicon::visual_words_abroad`]).
    fn of_words(lexicon: &Lexicon, terms: &[String], text: &str) -> Modality {
        let (mut visual, mut audio) = Modality::flags_of_terms(terms);
        // The other languages' words are read only where English stems may miss them.
        if !text.is_ascii() || !visual && !audio && !text.is_empty() {
            let lower = text.to_lowercase();
            let starts = Starts::of(&lower);
            let abroad = |list: &[&str]| list.iter().any(|w| occurs(&lower, &starts, w));
            visual |= abroad(&lexicon.visual_words_abroad);
            audio |= abroad(&lexicon.audio_words_abroad);
        }
        Modality::from_flags(visual, audio)
    }

    fn from_flags(visual: bool, audio: bool) -> Modality {
        match (visual, audio) {
            (true, false) => Modality::Visual,
            (false, true) => Modality::Audio,
            _ => Modality::Unclear,
        }
    }

    fn fits(self, task: &crate::knowledge::tasks::TaskInfo) -> bool {
        let io = format!("{} {}", task.input, task.output);
        match self {
            Modality::Visual => io.contains("image") || io.contains("video") || io.contains("3d") || io.contains("document"),
            Modality::Audio => io.contains("audio") || io.contains("speech"),
            Modality::Unclear => true,
        }
    }

    /// The task that returns what `task` returns from this kind of data (text classification →
    /// audio classification for an audio request): the most common such task. Only for tasks
    /// that return labels or vectors: a text-returning cue ("chat assistant" for
    /// "Chinese-speaking customers") names what the model does, not what it reads.
    fn sibling(self, task: &crate::knowledge::tasks::TaskInfo) -> Option<usize> {
        // Writing or explaining about pictures ("the app explains step by step what's on the
        // worksheet photo") is a vision-language model's work, not a text-only model's.
        if self == Modality::Visual && GENERATIVE_TEXT_TASKS.contains(&task.tag) {
            return TASKS.iter().position(|t| t.tag == VISION_LANGUAGE_TASK);
        }
        if self == Modality::Unclear || task.output.contains("text") {
            return None;
        }
        TASKS.iter().position(|t| t.tag != task.tag && t.output == task.output && self.fits(t))
    }

    fn describe(self) -> &'static str {
        match self {
            Modality::Visual => "images or video",
            Modality::Audio => "audio",
            Modality::Unclear => "several kinds of data",
        }
    }
}

/// The request is about pictures even without the words saying where the model runs: a
/// "placa de vídeo" or a "graphics card" is hardware, not data, and a chatbot on it is no
/// vision-language model.
fn pictures_beyond_hardware(lexicon: &Lexicon, text: &str) -> bool {
    let rest = without_device_words(text);
    Modality::of_words(lexicon, &lexicon.analyzer.terms(&rest), &rest) == Modality::Visual
}

/// `text`, lowercase, without the phrases that say where a model runs: those the sentence
/// reader finds ([`without_hardware`]: "8GB graphics card", "on the phone itself") and the words
/// for a GPU in every language ([`GPU_WORDS`]: "placa de vídeo", "scheda video"), whose media
/// words ("video") name hardware, not the request's data.
pub(crate) fn without_device_words(text: &str) -> String {
    let mut rest = without_hardware(text).map_or_else(|| text.to_lowercase(), |(rest, _)| rest.to_lowercase());
    for gpu in GPU_WORDS {
        if rest.contains(gpu) {
            rest = rest.replace(gpu, " ");
        }
    }
    rest
}

/// Tasks that write free text from text: on a request about pictures they move to
/// [`VISION_LANGUAGE_TASK`] (see [`Modality::sibling`]).
const GENERATIVE_TEXT_TASKS: [&str; 2] = ["text-generation", "text2text-generation"];

/// The Hub task of models that read images and write text about them.
const VISION_LANGUAGE_TASK: &str = "image-text-to-text";

/// The request's words naming images or video ("selfie", "photo") when its data is visual: in a
/// model whose task neither takes nor returns images, such a word has another sense (SELFIES is a
/// chemistry notation; a "portrait" mode of a text model), see [`visual_task`].
pub(crate) fn visual_sense_terms(terms: &[String]) -> Vec<String> {
    if Modality::of_terms(terms) != Modality::Visual {
        return Vec::new();
    }
    let mut out: Vec<String> = terms.iter().filter(|t| VISUAL_STEMS.contains(&t.as_str())).cloned().collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// True when the Hub task takes or returns images, video or documents; unknown tags count as visual.
pub(crate) fn visual_task(tag: &str) -> bool {
    crate::knowledge::tasks::task_by_tag(tag).is_none_or(|t| Modality::Visual.fits(t))
}

/// 1 point each when the request's input/output format words match the task's.
fn io_match(lexicon: &Lexicon, request_io: &(Option<Vec<String>>, Option<Vec<String>>), task: usize, params: &IntentParams) -> f32 {
    let (input, output) = &lexicon.task_io[task];
    // Exact words ("audio" → "text") or the same kind of data ("chat message" is text,
    // "emotion labels" are labels) both count.
    let overlap = |have: &Option<Vec<String>>, want: &Vec<String>| {
        let Some(have) = have else { return 0.0 };
        if !want.is_empty() && want.iter().all(|w| have.contains(w)) {
            1.0
        } else if data_kinds(have) & data_kinds(want) & !SPAN_KIND != 0 {
            params.io_same_kind
        } else {
            0.0
        }
    };
    let (mut i, o) = (overlap(&request_io.0, input), overlap(&request_io.1, output));
    // A task that also reads data the request does not give (a question beside the image) fits
    // the request's input less than one reading that data alone: "a photo … get the words" is
    // image to text before visual question answering.
    if let Some(have) = &request_io.0 {
        if i > 0.0 && data_kinds(input) & !SPAN_KIND & !data_kinds(have) != 0 {
            i *= params.io_extra_input_share;
        }
    }
    if request_io.0.is_some() && request_io.1.is_some() {
        // Both given: only a task matching both sides counts.
        if i > 0.0 && o > 0.0 {
            i + o
        } else {
            0.0
        }
    } else {
        (i + o) * params.io_one_side_share
    }
}

/// Kinds of data named by (analysed) format words, as a bit set.
pub(crate) fn data_kinds(terms: &[String]) -> u16 {
    let mut kinds = 0;
    for t in terms {
        for (bit, words) in DATA_KIND_STEMS {
            if words.contains(&t.as_str()) {
                kinds |= bit;
            }
        }
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_other_languages_name_their_kinds_of_data() {
        let a = crate::analysis::Analyzer::new();
        let kinds = |t: &str| data_kinds(&a.terms(t));
        assert_eq!(kinds("ficheiro de áudio MP3"), 4);
        assert_eq!(kinds("grabaciones de la centralita"), 4);
        assert_eq!(kinds("Bilder aus der Kamera"), 2);
        assert_eq!(kinds("imágenes del escáner"), 2);
        assert_eq!(kinds("rectángulos con etiqueta"), 128 | 32);
        assert_eq!(kinds("boîtes et étiquettes"), 128 | 32);
        assert_eq!(kinds("una tabella"), 16);
        assert_eq!(kinds("Vektoren für die Suche"), 64);
        // Chinese, Japanese and Korean formats, as the analyser splits them (character pairs,
        // katakana and Hangul words).
        assert_eq!(kinds("中文文本"), 1);
        assert_eq!(kinds("会议录音的音频"), 4);
        assert_eq!(kinds("日本語のテキスト"), 1);
        assert_eq!(kinds("音声ファイル"), 4);
        assert_eq!(kinds("商品的照片"), 2);
        assert_eq!(kinds("음성 파일"), 4);
        assert_eq!(kinds("한국어 텍스트"), 1);
        assert_eq!(kinds("짧은 동영상"), 8);
        // A field those formats contradict: text in, audio out is text to speech; boxes with labels
        // from camera images are detection.
        let t = Template {
            task: Some("automatic-speech-recognition".into()),
            function: Some("as receitas do blog lidas em voz alta".into()),
            input_format: Some("texto em português".into()),
            output_format: Some("ficheiro de áudio".into()),
            ..Default::default()
        };
        assert_eq!(detect_intents(&Lexicon::new(), &t, &IntentParams::default())[0].tag, "text-to-speech");
        let t = Template {
            task: Some("image-classification".into()),
            function: Some("contar los coches en el aparcamiento".into()),
            input_format: Some("imágenes de la cámara".into()),
            output_format: Some("rectángulos con etiqueta coche".into()),
            ..Default::default()
        };
        assert_eq!(detect_intents(&Lexicon::new(), &t, &IntentParams::default())[0].tag, "object-detection");
        // Chinese formats overrule a field as the European ones do: a recording in, text out.
        let t = Template {
            task: Some("translation".into()),
            function: Some("把周会的录音整理成记录".into()),
            input_format: Some("音频（普通话）".into()),
            output_format: Some("中文文本".into()),
            ..Default::default()
        };
        assert_eq!(detect_intents(&Lexicon::new(), &t, &IntentParams::default())[0].tag, "automatic-speech-recognition");
    }

    #[test]
    fn image_words_have_their_image_sense_only_in_visual_requests() {
        let a = crate::analysis::Analyzer::new();
        let selfie = a.term("selfie").unwrap();
        assert_eq!(visual_sense_terms(&a.terms("a fun filter for selfies")), vec![selfie]);
        // Not when the request is about audio too, nor when it names no images.
        assert!(visual_sense_terms(&a.terms("selfie videos with their speech transcribed")).is_empty());
        assert!(visual_sense_terms(&a.terms("SMILES strings of molecules")).is_empty());
        assert!(visual_task("image-to-image") && visual_task("document-question-answering") && visual_task("some-new-task"));
        assert!(!visual_task("fill-mask") && !visual_task("text-generation"));
    }

    #[test]
    fn multi_word_cues_keep_several_words() {
        // A cue like "into english" analyses to just "english" and would fire on any request
        // mentioning English; every multi-word cue must keep at least two terms.
        let lx = Lexicon::new();
        let mut bad = Vec::new();
        for (t, task) in TASKS.iter().enumerate() {
            for (cue, terms) in task.cues.iter().zip(&lx.task_cues[t]) {
                if cue.contains(' ') && terms.len() < 2 {
                    bad.push(format!("{}: {cue:?} → {terms:?}", task.tag));
                }
            }
        }
        assert!(bad.is_empty(), "{bad:#?}");
    }

    fn intents(req: Template) -> Vec<String> {
        detect_intents(&Lexicon::new(), &req, &IntentParams::default()).into_iter().map(|i| i.tag).collect()
    }

    #[test]
    fn words_point_at_tasks() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        assert_eq!(intents(f("transcribe English podcasts"))[0], "automatic-speech-recognition");
        assert_eq!(intents(f("find people and places (named entities) in news"))[0], "token-classification");
        assert_eq!(intents(f("draw pictures from prompts"))[0], "text-to-image");
        assert_eq!(intents(f("read text aloud with a natural voice"))[0], "text-to-speech");
        assert!(intents(f("embed sentences for semantic search")).contains(&"sentence-similarity".to_string()));
        assert!(intents(f("hello world")).is_empty());
        // "X to Y" conversions, with words or arrows.
        assert_eq!(intents(f("speech→text for meetings"))[0], "automatic-speech-recognition");
        assert_eq!(intents(f("text -> speech"))[0], "text-to-speech");
        assert_eq!(intents(f("image to text"))[0], "image-to-text");
        assert_eq!(intents(f("text to image"))[0], "text-to-image");
    }

    #[test]
    fn plain_language_points_at_tasks() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        assert_eq!(intents(f("make my grandparents' scanned photos sharper and enhance the resolution"))[0], "image-to-image");
        assert_eq!(intents(f("hide adult content in pictures people post on our forum"))[0], "image-classification");
        assert_eq!(intents(f("blur the background behind me in video calls"))[0], "image-segmentation");
        assert_eq!(intents(f("a simulated dog that has to learn to walk"))[0], "reinforcement-learning");
        assert_eq!(intents(f("route tickets to the right support team"))[0], "text-classification");
        assert_eq!(intents(f("say the same sentence in different ways"))[0], "text2text-generation");
        assert_eq!(intents(f("draw boxes around each person and car our camera sees"))[0], "object-detection");
        assert_eq!(intents(f("guess how far away each thing in a photo is from the camera"))[0], "depth-estimation");
        assert_eq!(intents(f("group support tickets that talk about the same problem"))[0], "sentence-similarity");
        assert_eq!(intents(f("detect nude pictures in what users upload"))[0], "image-classification");
        assert_eq!(intents(f("make my old blurry photos sharper"))[0], "image-to-image");
        assert_eq!(intents(f("make images bigger without losing quality"))[0], "image-to-image");
        assert_eq!(intents(f("tell apart the different speakers in a podcast"))[0], "voice-activity-detection");
        assert_eq!(intents(f("an agent that learns to land a spaceship"))[0], "reinforcement-learning");
        assert_eq!(intents(f("spot intruders on our security camera footage"))[0], "object-detection");
    }

    #[test]
    fn a_decision_question_asks_for_a_label_on_the_requests_data() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        let got =
            detect_intents(&Lexicon::new(), &f("say if each sentence a student writes is grammatical or not"), &IntentParams::default());
        assert_eq!(got[0].tag, "text-classification", "{got:?}");
        assert_eq!(intents(f("guess which programming language a pasted snippet is written in"))[0], "text-classification");
        assert_eq!(intents(f("tell whether a voice recording is a child or an adult"))[0], "audio-classification");
        assert_eq!(intents(f("guess how old the person in a selfie is"))[0], "image-classification");
        assert_eq!(intents(f("判断用户评论是否是垃圾广告"))[0], "text-classification");
        let got = detect_intents(&Lexicon::new(), &f("say if a sentence is grammatical or not"), &IntentParams::default());
        assert!(got[0].because.contains("a decision 'or not'"), "{got:?}");
        // A decision beside a named task joins it.
        let got = intents(f("transcribe support calls and check if the caller is angry"));
        assert!(got.contains(&"automatic-speech-recognition".to_string()) && got.len() > 1, "{got:?}");
    }

    #[test]
    fn a_cue_moves_to_the_task_of_the_requests_data() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        let got = detect_intents(&Lexicon::new(), &f("classify the emotion in short speech clips"), &IntentParams::default());
        assert_eq!(got[0].tag, "audio-classification", "{got:?}");
        assert!(got[0].because.contains("for audio: text-classification"), "{got:?}");
        // A cue for a text-returning task keeps its task: "speaking" is no audio input here.
        assert_eq!(intents(f("chat assistant for Chinese-speaking customers"))[0], "text-generation");
    }

    #[test]
    fn requests_in_other_languages_get_a_task() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        assert_eq!(intents(f("Sprache in Text umwandeln"))[0], "automatic-speech-recognition");
        assert_eq!(intents(f("resumir artículos de noticias en español"))[0], "summarization");
        assert_eq!(intents(f("将英文翻译成中文"))[0], "translation");
        assert_eq!(intents(f("классификация тональности"))[0], "text-classification");
        assert_eq!(intents(f("تلخيص"))[0], "summarization");
        let why = detect_intents(&Lexicon::new(), &f("resumir artículos"), &IntentParams::default());
        assert!(why[0].because.contains("'resumir' (es"), "{:?}", why[0]);
    }

    #[test]
    fn labels_of_the_users_own_put_zero_shot_before_a_fixed_label_classifier() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        let got = detect_intents(&Lexicon::new(), &f("route messages to the right team, using topics we define"), &IntentParams::default());
        assert_eq!(got[0].tag, "zero-shot-classification", "{got:?}");
        let fixed = got.iter().find(|i| i.tag == "text-classification").expect("the classifier stays as a weaker intent");
        assert!(fixed.confidence < 1.0 && fixed.because.contains("yields to zero-shot-classification"), "{fixed:?}");
        // On pictures the same reading moves to the image tasks.
        assert_eq!(intents(f("label our product pictures with categories we pick"))[0], "zero-shot-image-classification");
        // In other languages, with the verb apart from "without".
        assert_eq!(intents(f("Tickets nach Themen sortieren, ohne ein eigenes Modell zu trainieren"))[0], "zero-shot-classification");
        assert_eq!(intents(f("clasificar correos por tema sin necesidad de etiquetar nada"))[0], "zero-shot-classification");
        // Formats alone ("a label out") are no sign of the user's own labels.
        let req =
            Template { function: Some("classify tweets by sentiment".into()), output_format: Some("label".into()), ..Default::default() };
        assert_eq!(intents(req)[0], "text-classification");
        // Nothing said about training or labels: the classifier leads.
        assert_eq!(intents(f("classify support tickets by product area"))[0], "text-classification");
    }

    #[test]
    fn what_the_user_gets_back_from_the_data_is_a_conversion() {
        let lex = Lexicon::new();
        let kinds = |t: &str| conversion_in(&lex, t).map(|(i, o)| (data_kinds(&i), data_kinds(&o)));
        assert_eq!(kinds("snap a photo of the parking sign and get the words on it"), Some((2, TEXT_KIND)));
        assert_eq!(kinds("we type a short sentence and get a picture back"), Some((TEXT_KIND, 2)));
        // A result without a kind of data, or data of the same kind on both sides, is no conversion.
        assert_eq!(kinds("chat with users to get feedback on photos"), None);
        assert_eq!(kinds("read the customer emails and get the main complaint text"), None);
        // Only within one clause.
        assert_eq!(kinds("we have many photos. customers get a text message when ready"), None);
        // Of the tasks reading images and writing text, the one reading the image alone leads:
        // nothing says a question comes with it.
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        assert_eq!(intents(f("snap a photo of the parking sign and get the words on it"))[0], "image-to-text");
        let even = IntentParams { io_extra_input_share: 1.0, ..Default::default() };
        let got = detect_intents(&lex, &f("snap a photo of the parking sign and get the words on it"), &even);
        assert!(got.iter().all(|i| i.confidence == 1.0), "{got:?}");
    }

    #[test]
    fn an_output_format_against_the_field_follows_the_task_the_words_name() {
        // Text out of a speech-synthesis field: the sentence says transcription, so the followed
        // task is speech recognition, not a text generator guessed from the field's text input.
        let t = Template {
            task: Some("text-to-speech".into()),
            function: Some("transcribe the recorded support calls of our insurance so we can search them".into()),
            output_format: Some("text".into()),
            ..Default::default()
        };
        let got = detect_intents(&Lexicon::new(), &t, &IntentParams::default());
        assert_eq!(got[0].tag, "automatic-speech-recognition", "{got:?}");
        assert!(got[0].because.contains("output format") && got[0].because.contains("followed over"), "{got:?}");
        assert!(got.iter().any(|i| i.tag == "text-to-speech" && i.because.contains("hint")), "{got:?}");
    }

    #[test]
    fn text_out_of_a_labelling_field_follows_a_sentence_that_writes_text() {
        let t = Template {
            task: Some("audio-classification".into()),
            function: Some("transcribe what callers say on our hotline to keep a written record of each call".into()),
            output_format: Some("text".into()),
            ..Default::default()
        };
        let got = detect_intents(&Lexicon::new(), &t, &IntentParams::default());
        assert_eq!(got[0].tag, "automatic-speech-recognition", "{got:?}");
        // Labels asked of the same field keep it.
        let labels = Template { output_format: Some("label: angry / calm".into()), ..t };
        assert_eq!(detect_intents(&Lexicon::new(), &labels, &IntentParams::default())[0].tag, "audio-classification");
    }

    #[test]
    fn a_stated_language_pair_contradicts_another_text_task_field() {
        // Both sides stated, in the developer's own language: translation leads, the field is a hint.
        for (task, function) in [
            ("summarization", "Kundenbriefe vom Französischen ins Deutsche übersetzen"),
            ("summarization", "traducir las fichas de producto del inglés al español para la tienda"),
            ("summarization", "translate our help pages from English into Korean"),
        ] {
            let t = Template { task: Some(task.into()), function: Some(function.into()), ..Default::default() };
            let got = detect_intents(&Lexicon::new(), &t, &IntentParams::default());
            assert_eq!(got[0].tag, "translation", "{function}: {got:?}");
            assert!(got.iter().any(|g| g.tag == task && g.confidence < 1.0), "{function}: {got:?}");
        }
        // A summary asked across languages stays a summary: the words lead with summarizing.
        let t = Template {
            task: Some("summarization".into()),
            function: Some("summarize long German news articles into a short English summary".into()),
            ..Default::default()
        };
        assert_eq!(detect_intents(&Lexicon::new(), &t, &IntentParams::default())[0].tag, "summarization");
    }

    #[test]
    fn a_contradicted_task_field_is_a_hint() {
        let t = Template {
            task: Some("text-generation".into()),
            function: Some("find similar questions in our FAQ by semantic similarity".into()),
            ..Default::default()
        };
        let got = detect_intents(&Lexicon::new(), &t, &IntentParams::default());
        assert_eq!(got[0].tag, "sentence-similarity", "{got:?}");
        assert!(got[0].because.contains("followed over the task field"), "{got:?}");
        let hint = got.iter().find(|i| i.tag == "text-generation").unwrap();
        assert!(hint.confidence < 1.0 && hint.because.contains("hint"), "{hint:?}");
        // A task field the words agree with (or say nothing against) decides alone.
        let agree = Template { task: Some("summarization".into()), function: Some("summarize news".into()), ..Default::default() };
        assert_eq!(intents(agree), vec!["summarization"]);
        // A related task of the same data kinds is no contradiction.
        let related = Template {
            task: Some("image-text-to-text".into()),
            function: Some("answer questions about photos".into()),
            ..Default::default()
        };
        assert_eq!(intents(related), vec!["image-text-to-text"]);
        let formats = Template {
            task: Some("any-to-any".into()),
            output_format: Some("text, image, audio or video".into()),
            function: Some("a base model".into()),
            ..Default::default()
        };
        assert_eq!(intents(formats), vec!["any-to-any"]);
        // A weak cue of the field's task ("faq") beside a stronger one of another does not save it.
        let faq = Template {
            task: Some("text-generation".into()),
            function: Some("find similar questions in our FAQ".into()),
            ..Default::default()
        };
        assert_eq!(intents(faq)[0], "sentence-similarity");
        let vague = Template { task: Some("text-generation".into()), function: Some("for our website".into()), ..Default::default() };
        assert_eq!(intents(vague), vec!["text-generation"]);
    }

    #[test]
    fn the_output_format_confirms_or_overrules_the_task_field() {
        let form = |task: &str, function: &str, output: &str| Template {
            task: Some(task.into()),
            function: Some(function.into()),
            output_format: Some(output.into()),
            ..Default::default()
        };
        // Labels are what text classification returns: a "write" cue in the sentence cannot
        // overrule the field.
        let t = form("text-classification", "rate whether a cover letter is written well, for a writing coach", "quality label");
        assert_eq!(intents(t), vec!["text-classification"]);
        // Short alternatives are labels; text generation never returns them.
        let t = form("text-generation", "decide if a shell script is dangerous to run", "dangerous / safe");
        let got = detect_intents(&Lexicon::new(), &t, &IntentParams::default());
        assert_eq!(got[0].tag, "text-classification", "{got:?}");
        assert!(got[0].because.contains("output format — followed over the task field 'text-generation'"), "{got:?}");
        assert!(got.iter().any(|i| i.tag == "text-generation" && i.confidence < 1.0 && i.because.contains("hint")), "{got:?}");
        // A 3D result from a text prompt is text-to-3D, not text-to-image.
        assert_eq!(intents(form("text-to-image", "make furniture for a room", "a textured mesh"))[0], "text-to-3d");
        // Spans of the input are token classification, tagged or not.
        assert_eq!(
            intents(form("text-classification", "find the drug names in doctors' notes", "highlighted spans"))[0],
            "token-classification"
        );
        assert_eq!(
            intents(form("text-classification", "find the drug names in doctors' notes", "tagged spans: drug, dose"))[0],
            "token-classification"
        );
        // Plain text or a list of several kinds says nothing either way.
        assert_eq!(intents(form("summarization", "shorten long reports", "a short text")), vec!["summarization"]);
        assert_eq!(output_kinds(&Lexicon::new(), "a paragraph in plain English"), TEXT_KIND);
        assert_eq!(output_kinds(&Lexicon::new(), "yes/no"), LABEL_KIND);
        assert_eq!(output_kinds(&Lexicon::new(), "one paragraph, at most 200 words"), TEXT_KIND);
        assert_eq!(output_kinds(&Lexicon::new(), "an answer within 2 or 3 seconds"), TEXT_KIND);
    }

    #[test]
    fn the_formats_both_given_overrule_a_field_that_reads_or_returns_other_data() {
        let f = |task: &str, function: &str, input: &str, output: &str| Template {
            task: Some(task.into()),
            function: Some(function.into()),
            input_format: Some(input.into()),
            output_format: Some(output.into()),
            ..Default::default()
        };
        // Text in, speech out: text to speech, not a speech task that reads audio.
        let got = detect_intents(
            &Lexicon::new(),
            &f("automatic-speech-recognition", "let customers listen to our recipes", "recipe text", "MP3 speech"),
            &IntentParams::default(),
        );
        assert_eq!(got[0].tag, "text-to-speech", "{got:?}");
        assert!(got[0].because.starts_with("input and output formats"), "{got:?}");
        // Nothing but text from a field that returns images.
        let got = intents(f("text-to-image", "a caption for every listing", "listing photos", "two lines of text per photo"));
        assert_eq!(got[0], "image-to-text", "{got:?}");
        // The field stands when the formats fit it.
        assert_eq!(intents(f("image-to-text", "alt text for shop photos", "photos", "one short sentence each")), vec!["image-to-text"]);
        assert_eq!(output_kinds(&Lexicon::new(), "one label per uploaded image"), LABEL_KIND);
        assert_eq!(output_kinds(&Lexicon::new(), "a caption for each photo, and a mask"), TEXT_KIND | 2);
    }

    #[test]
    fn a_task_field_that_takes_no_images_is_a_hint_for_a_request_about_images() {
        let t = |task: &str, function: &str| Template { task: Some(task.into()), function: Some(function.into()), ..Default::default() };
        let got = detect_intents(
            &Lexicon::new(),
            &t("text-generation", "tell the breed of a dog from a webcam snapshot"),
            &IntentParams::default(),
        );
        assert!(got.iter().all(|i| i.tag != "text-generation" || i.confidence < 0.5), "{got:?}");
        assert!(got.iter().any(|i| i.because.contains("the words are about images or video")), "{got:?}");
        // The sentence's own task of that data leads.
        let got = intents(t("text-generation", "classify product photos from a selfie stick camera"));
        assert_eq!(got[0], "image-classification", "{got:?}");
        // The field stands when it takes images, or when the words name its task.
        assert_eq!(intents(t("image-to-text", "describe each photo for blind users")), vec!["image-to-text"]);
        assert_eq!(intents(t("translation", "translate the subtitles of our videos into Spanish")), vec!["translation"]);
    }

    #[test]
    fn a_specific_task_joins_a_general_task_field() {
        let t = |task: &str, function: &str| Template { task: Some(task.into()), function: Some(function.into()), ..Default::default() };
        let got = detect_intents(
            &Lexicon::new(),
            &t("text-generation", "summarize long meeting notes into a few lines"),
            &IntentParams::default(),
        );
        assert_eq!(got.iter().map(|i| i.tag.as_str()).collect::<Vec<_>>(), vec!["text-generation", "summarization"], "{got:?}");
        assert!(got[1].because.contains("more specific than the task field 'text-generation'"), "{got:?}");
        // A specific field stays alone; so does a general one the words only restate.
        assert_eq!(intents(t("summarization", "write a short text generation of the key points")), vec!["summarization"]);
        assert_eq!(intents(t("text-generation", "a chat assistant for our shop")), vec!["text-generation"]);
        let off = IntentParams { specific_task_join: 0.0, ..Default::default() };
        let got = detect_intents(&Lexicon::new(), &t("text-generation", "summarize long meeting notes into a few lines"), &off);
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn a_stated_translation_direction_leads_over_words_about_the_text() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        // The minutes are the text being translated, not a recording to transcribe.
        let got = detect_intents(&Lexicon::new(), &f("会議の議事録を英語に訳したい"), &IntentParams::default());
        assert_eq!(got[0].tag, "translation", "{got:?}");
        assert_eq!(intents(f("pt->en for support tickets"))[0], "translation");
        // A side alone is no translation.
        assert!(!intents(f("summarize articles from German newspapers")).contains(&"translation".to_string()));
    }

    #[test]
    fn pictures_and_recordings_named_in_other_languages_move_a_decision_to_their_data() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        // A which-one question about photos is image classification in any language.
        assert_eq!(intents(f("à partir des photos de la caméra, dire si c'est un chat ou un chien"))[0], "image-classification");
        assert_eq!(intents(f("从照片判断是猫还是狗"))[0], "image-classification");
        // About recordings: audio classification.
        assert_eq!(intents(f("en las grabaciones, saber si habla un niño o un adulto"))[0], "audio-classification");
        // Calls are audio: transcribing Spanish calls into English text is speech recognition.
        assert_eq!(intents(f("transcribir las llamadas de soporte en español y traducirlas al inglés"))[0], "automatic-speech-recognition");
    }

    #[test]
    fn a_decision_question_agrees_with_a_field_that_returns_labels() {
        let t = |task: &str, function: &str| Template { task: Some(task.into()), function: Some(function.into()), ..Default::default() };
        assert_eq!(
            intents(t("tabular-classification", "predict from the CRM export whether a customer will cancel next month")),
            vec!["tabular-classification"]
        );
        // A field that returns no label is still overruled.
        assert_eq!(intents(t("text-to-image", "tell whether a tweet is sarcastic or not"))[0], "text-classification");
    }

    #[test]
    fn what_people_say_turned_into_text_is_speech() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        assert_eq!(intents(f("a kiosk part that turns what visitors say into text"))[0], "automatic-speech-recognition");
        assert_eq!(intents(f("convert what the doctor dictated into text for the records"))[0], "automatic-speech-recognition");
    }

    #[test]
    fn writing_about_pictures_is_a_vision_language_model() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        let about_photos = intents(f("students snap a photo of a chemistry exercise and the tutor writes out the solution step by step"));
        assert_eq!(about_photos.first().map(String::as_str), Some("image-text-to-text"));
        // Text alone stays with text models.
        let on_text = intents(f("the tutor writes out the solution of a chemistry exercise step by step"));
        assert!(!on_text.iter().any(|t| t == "image-text-to-text"), "{on_text:?}");
    }

    #[test]
    fn questions_about_pictures_ask_a_vision_language_model() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        assert_eq!(intents(f("visitors photograph a plant label and ask 'is this edible?'"))[0], "image-text-to-text");
        assert_eq!(intents(f("let accountants ask questions about scanned invoices"))[0], "document-question-answering");
        assert_eq!(intents(f("coaches ask what happened in each video clip of the match"))[0], "video-text-to-text");
        // Not without questions, nor on text.
        assert_ne!(intents(f("classify photos of plant labels")).first().map(String::as_str), Some("image-text-to-text"));
        assert_ne!(intents(f("answer 'where is my order?' in our shop chat")).first().map(String::as_str), Some("image-text-to-text"));
    }

    #[test]
    fn languages_named_apart_ask_for_translation() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        assert_eq!(
            intents(f("our product sheets are written in French and Italian shops keep asking for them in Italian"))[0],
            "translation"
        );
        assert!(!intents(f("embed French and Italian product sheets for search")).contains(&"translation".to_string()));
        let off = IntentParams { languages_apart_cue: 0.0, ..Default::default() };
        let got = detect_intents(&Lexicon::new(), &f("the manual is in English, our staff want it in Polish"), &off);
        assert!(got.iter().all(|i| i.tag != "translation"), "{got:?}");
    }

    #[test]
    fn a_conversion_in_the_words_reads_as_formats() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        let got = detect_intents(&Lexicon::new(), &f("turn my pencil drawings into 3D meshes for a game"), &IntentParams::default());
        assert_eq!(got[0].tag, "image-to-3d", "{got:?}");
        assert!(got[0].because.contains("a conversion in the words"), "{got:?}");
        assert_eq!(intents(f("we need to change scanned photos to plain text"))[0], "image-to-text");
        let lx = Lexicon::new();
        assert!(conversion_in(&lx, "I want to sort photos").is_none());
        assert!(conversion_in(&lx, "translate from English to German").is_none());
        assert!(conversion_in(&lx, "put the text into the document").is_none(), "same kind of data on both sides");
        // The result first, then its source.
        let (input, output) = conversion_in(&lx, "make a portrait picture of each hero from the short description they write").unwrap();
        assert_eq!((data_kinds(&input), data_kinds(&output)), (TEXT_KIND, 2), "{input:?} → {output:?}");
        assert!(conversion_in(&lx, "make sure we get text from the pages").is_none(), "text from pages: same kind");
        // The result named before a participle and its source.
        let (input, output) = conversion_in(&lx, "voices for the characters in our game, generated from the dialogue text").unwrap();
        assert_eq!((data_kinds(&input), data_kinds(&output)), (TEXT_KIND, data_kinds(&lx.analyzer.terms("audio"))));
        assert!(conversion_in(&lx, "summaries generated from the articles").is_none(), "text from text");
        // What people say, written: speech in, text out, with or without "into".
        for said in
            ["what the dentist says during a check-up typed into the patient's file", "everything the teacher says, written down as text"]
        {
            let (input, output) = conversion_in(&lx, said).unwrap();
            assert_eq!((input, output), (lx.analyzer.terms("speech"), lx.analyzer.terms("text")), "{said}");
        }
        // Words already written where people say them are no conversion.
        assert!(conversion_in(&lx, "find out what customers say in their written reviews").is_none());
        assert!(conversion_in(&lx, "what users say matters to us").is_none());
        // A long object: the words after a conversion verb further back name the source.
        let long = "convert the voicemails that patients leave on the office answering machine into text";
        let (input, output) = conversion_in(&lx, long).unwrap();
        assert_eq!(
            (data_kinds(&input), data_kinds(&output)),
            (data_kinds(&lx.analyzer.terms("audio")), TEXT_KIND),
            "{input:?} → {output:?}"
        );
        // "Translates … into text" is speech recognition when what is turned into text is audio.
        let voicemail = "an app that translates the voicemails callers leave on our shop's answering machine into text for the staff";
        assert_eq!(intents(f(voicemail))[0], "automatic-speech-recognition");
    }

    #[test]
    fn written_text_in_the_output_contradicts_a_label_field() {
        let t = |function: &str, output: &str| Template {
            task: Some("text-classification".into()),
            function: Some(function.into()),
            output_format: Some(output.into()),
            ..Default::default()
        };
        // A weak cue ("shorten") is followed when the output asks for a summary.
        let got = intents(t("shorten each long app-store review", "one-sentence summary"));
        assert_eq!(got, vec!["summarization", "text-classification"]);
        // Labels handed out per sentence, or a label named in words, keep the field.
        assert_eq!(intents(t("tell if each review is positive or negative", "one label per sentence")), vec!["text-classification"]);
        assert_eq!(intents(t("sort support emails into departments", "department name")), vec!["text-classification"]);
    }

    #[test]
    fn translating_between_programming_languages_is_code() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        assert_eq!(intents(f("translate our Python 2 scripts into Python 3"))[0], "text-generation");
        assert_eq!(intents(f("port this Java code to Kotlin"))[0], "text-generation");
        assert_eq!(intents(f("translate the comments in our Python code from Chinese to English"))[0], "translation");
    }

    #[test]
    fn a_chat_model_joins_a_specific_field_when_the_words_ask_for_one() {
        let t = Template {
            task: Some("question-answering".into()),
            function: Some("a chatbot on our website that answers customers' questions about our products".into()),
            ..Default::default()
        };
        let got = detect_intents(&Lexicon::new(), &t, &IntentParams::default());
        assert_eq!(got[0].tag, "question-answering");
        assert_eq!(got.get(1).map(|i| i.tag.as_str()), Some("text-generation"), "{got:?}");
        let off = IntentParams { general_task_join: 0.0, ..Default::default() };
        assert_eq!(detect_intents(&Lexicon::new(), &t, &off).len(), 1);
    }

    #[test]
    fn a_language_named_before_a_translation_side_makes_it_a_translation() {
        let f = |s: &str| Template { function: Some(s.into()), ..Default::default() };
        assert_eq!(intents(f("we want our English website pages turned into Italian for guests"))[0], "translation");
        // A side alone says nothing of the source: no translation without other words for it.
        assert!(!intents(f("turn the notes into Italian-style recipes")).contains(&"translation".to_string()));
    }

    #[test]
    fn cues_about_the_input_or_the_data_yield_to_cues_of_the_work() {
        // "transcript" names where the text comes from; "summary" is the work.
        assert_eq!(
            intents(Template { function: Some("a short summary of each meeting from its transcription".into()), ..Default::default() })[0],
            "summarization"
        );
        // "podcasts" names the data; the summary is the work.
        assert_eq!(
            intents(Template { function: Some("a short summary of our podcasts".into()), ..Default::default() })[0],
            "summarization"
        );
        // Alone, data and input cues still point at their task.
        assert_eq!(
            intents(Template { function: Some("something for our podcasts".into()), ..Default::default() })[0],
            "automatic-speech-recognition"
        );
        let p = IntentParams { input_side_share: 1.0, data_cue_share: 1.0, ..IntentParams::default() };
        let t = Template { function: Some("a short summary of our podcasts from their transcription".into()), ..Default::default() };
        assert_eq!(detect_intents(&Lexicon::new(), &t, &p)[0].tag, "automatic-speech-recognition", "at 1 both count like work words");
    }

    #[test]
    fn reading_text_out_loud_is_speech() {
        let f = |text: &str| intents(Template { function: Some(text.into()), ..Default::default() });
        assert_eq!(f("read the daily specials board out loud for guests who cannot see it well")[0], "text-to-speech");
        assert_eq!(f("the kiosk should read out the text our staff type in")[0], "text-to-speech");
        // "out of" is where words come from, not how they are said.
        let lx = Lexicon::new();
        let words = |t: &'static str| t.split(' ').collect::<Vec<_>>();
        assert!(read_aloud(&lx, &words("read the numbers out of the scanned forms")).is_none());
        assert!(read_aloud(&lx, &words("read out of the scanned forms")).is_none());
        // A bare "out" further on is another verb's particle.
        assert!(read_aloud(&lx, &words("read the invoices and pick out the totals")).is_none());
        assert!(read_aloud(&lx, &words("read the reviews and figure out which are angry")).is_none());
        assert!(read_aloud(&lx, &words("read the bulletin out loud")).is_some());
        assert!(read_aloud(&lx, &words("read the menu aloud")).is_some());
    }

    #[test]
    fn an_everyday_verb_cue_yields_to_a_specific_cue() {
        let f = |text: &str| intents(Template { function: Some(text.into()), ..Default::default() });
        // "write" says who writes what; the specific cue says the work.
        assert_eq!(f("the nurses write long handover notes; the families should get a short version by text message")[0], "summarization");
        assert_eq!(f("write a category for every support ticket, the list of labels changes every month")[0], "zero-shot-classification");
        // Alone, or with its own specific cue, it still points at writing text.
        assert_eq!(f("something that helps me write")[0], "text-generation");
        assert_eq!(f("write emails to our suppliers")[0], "text-generation");
        let p = IntentParams { context_cue_share: 1.0, ..IntentParams::default() };
        let t = Template { function: Some("write a category for every support ticket".into()), ..Default::default() };
        assert!(detect_intents(&Lexicon::new(), &t, &p).iter().any(|i| i.tag == "text-generation"), "at 1 it counts like any cue");
    }

    #[test]
    fn task_field_and_formats() {
        let t = Template { task: Some("Automatic Speech Recognition".into()), ..Default::default() };
        assert_eq!(intents(t), vec!["automatic-speech-recognition"]);
        let io = Template { input_format: Some("audio".into()), output_format: Some("text".into()), ..Default::default() };
        assert!(intents(io).contains(&"automatic-speech-recognition".to_string()));
    }
}

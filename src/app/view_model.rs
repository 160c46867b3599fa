//! What the results view shows, computed once per search from the engine's [`Selection`]:
//! verdicts with labels, matched terms per field, highlighted snippets and the whole stored
//! template instance. Plain data, so the views only lay it out.

use std::collections::{HashMap, HashSet};

use crate::analysis::SYNONYMS;
use crate::constraints::{DecidedBy, FieldVerdict, Status};
use crate::human::human_count;
use crate::human::human_params;
use crate::index::fields::search_field_of;
use crate::index::SearchField;
use crate::knowledge::tasks::task_by_tag;
use crate::rank::TermMatch;
use crate::select::{Engine, RankedModel, Selection};
use crate::template::{Field, FieldRole, Template};

use super::highlight::{clip, segments, Segment};
use super::state::{encode_query, Phase};

/// One constraint verdict, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct VerdictView {
    pub field: Field,
    pub label: &'static str,
    pub requirement: String,
    pub status: Status,
    pub status_label: &'static str,
    /// CSS modifier: ok / bad / unknown / pending.
    pub tone: &'static str,
    pub reason: String,
    /// "rule" or "LLM" (the verdict's slot: LLM-only requirements are the LLM's, even unchecked).
    pub decided_by: &'static str,
    /// Who decided, in words: "decided by rule", "decided by LLM", "waiting for the LLM",
    /// "not checked by the LLM".
    pub who: &'static str,
    /// An LLM verdict's quote from the card (checked to occur there).
    pub evidence: Option<String>,
}

/// A request word that matched, with its synonym origin.
#[derive(Clone, Debug, PartialEq)]
pub struct TermView {
    pub surface: String,
    pub via: Option<String>,
}

/// Matched words in one search field, with the field's share of the score.
#[derive(Clone, Debug, PartialEq)]
pub struct WhyField {
    pub field: &'static str,
    pub score: f32,
    pub terms: Vec<TermView>,
}

/// One field of the model's stored template instance.
#[derive(Clone, Debug, PartialEq)]
pub struct InstanceRow {
    pub field: Field,
    pub label: &'static str,
    pub source: &'static str,
    pub segments: Vec<Segment>,
}

/// Where one typed fact came from: "parameters" · "card text (stated): “a 350M-parameter encoder”".
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceRow {
    pub fact: &'static str,
    pub label: &'static str,
    pub text: String,
    /// `stated`, `read` or `guessed` (a CSS class).
    pub confidence: &'static str,
}

/// The evidence rows of a model's facts: each fact it has, with its recorded evidence, or "Hub
/// metadata (stated)" when none was recorded (the index keeps evidence only for other sources).
pub fn evidence_rows(f: &crate::facts::ModelFacts) -> Vec<EvidenceRow> {
    use crate::facts::FactKind;
    let present = |k: FactKind| match k {
        FactKind::Task => f.task.is_some(),
        FactKind::License => f.license.is_some(),
        FactKind::Languages => !f.languages.is_empty(),
        FactKind::Params => f.params.is_some(),
        FactKind::QuantBits => f.quant_bits.is_some(),
        FactKind::BaseModel => f.base_model.is_some(),
        FactKind::Datasets => !f.datasets.is_empty() || f.evidence_for(FactKind::Datasets).is_some(),
        FactKind::Library => f.library.is_some(),
    };
    let mut rows: Vec<EvidenceRow> = FactKind::ALL
        .iter()
        .filter(|k| present(**k))
        .map(|&k| match f.evidence_for(k) {
            Some(e) => EvidenceRow { fact: k.key(), label: k.label(), text: e.describe(), confidence: e.confidence.key() },
            None => EvidenceRow { fact: k.key(), label: k.label(), text: "Hub metadata (stated)".into(), confidence: "stated" },
        })
        .collect();
    if let Some(t) = f.license_terms() {
        let commercial = match t.commercial_use {
            crate::knowledge::licenses::Commercial::Yes => "commercial use allowed",
            crate::knowledge::licenses::Commercial::WithConditions => "commercial use with conditions",
            crate::knowledge::licenses::Commercial::Limited => "commercial use limited",
            crate::knowledge::licenses::Commercial::No => "no commercial use",
            crate::knowledge::licenses::Commercial::Unknown => "commercial use unknown",
        };
        let guessed = if t.inferred { " (family guessed from the license name)" } else { "" };
        rows.push(EvidenceRow {
            fact: "license_terms",
            label: "license terms",
            text: format!("{}; {commercial}{guessed}", t.family_label),
            confidence: if t.inferred { "guessed" } else { "stated" },
        });
    }
    rows
}

/// One ranked model.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultView {
    pub rank: usize,
    pub doc: u32,
    pub id: String,
    pub url: String,
    pub task: Option<String>,
    pub task_name: Option<&'static str>,
    pub license: Option<String>,
    pub license_verdict: Option<VerdictView>,
    pub params: String,
    pub quantized: Option<String>,
    pub downloads: u64,
    pub likes: u64,
    pub languages: Vec<String>,
    pub library: Option<String>,
    pub card_quality: f32,
    pub score: f32,
    pub verdicts: Vec<VerdictView>,
    pub why: Vec<WhyField>,
    pub task_note: Option<String>,
    pub task_bonus: f32,
    pub prior: f32,
    /// The model's function text (or first stored text) with matches highlighted.
    pub snippet: Vec<Segment>,
    pub instance: Vec<InstanceRow>,
    /// Where each fact came from, how sure, and the card words behind it.
    pub evidence: Vec<EvidenceRow>,
}

/// A finished search.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultsView {
    pub request: Template,
    /// The request's query string (what the URL and `data-query` show).
    pub query: String,
    pub items: Vec<ResultView>,
    pub matched: usize,
    pub violations_filtered: usize,
    /// "Automatic Speech Recognition (cue 'transcribe')".
    pub intents: Vec<String>,
    pub elapsed_ms: f64,
    /// The engine's answer as is (for export).
    pub selection: Selection,
}

impl ResultsView {
    /// The empty result before any request.
    pub fn empty() -> ResultsView {
        ResultsView {
            request: Template::default(),
            query: String::new(),
            items: Vec::new(),
            matched: 0,
            violations_filtered: 0,
            intents: Vec::new(),
            elapsed_ms: 0.0,
            selection: Selection::default(),
        }
    }
}

pub fn verdict_view(v: &FieldVerdict) -> VerdictView {
    let status = v.verdict.status;
    VerdictView {
        field: v.field,
        label: v.field.label(),
        requirement: v.requirement.clone(),
        status,
        status_label: status.label(),
        tone: match status {
            Status::Satisfied => "ok",
            Status::Violated => "bad",
            Status::Unknown => "unknown",
            Status::Pending | Status::NotChecked => "pending",
        },
        reason: v.verdict.reason.clone(),
        decided_by: match v.verdict.decided_by {
            DecidedBy::Rule => "rule",
            DecidedBy::Llm => "LLM",
        },
        who: match (status, v.verdict.decided_by) {
            (Status::Pending, _) => "waiting for the LLM",
            (Status::NotChecked, _) => "not checked by the LLM",
            (_, DecidedBy::Rule) => "decided by rule",
            (_, DecidedBy::Llm) => "decided by LLM",
        },
        evidence: v.verdict.evidence.clone(),
    }
}

/// Longest snippet shown in the list (the whole text is in the expanded instance).
const SNIPPET_CHARS: usize = 220;

fn result_view(engine: &Engine, rank: usize, m: &RankedModel) -> ResultView {
    let s = &m.facts;
    // Terms that matched, per search field, for highlighting stored text.
    let mut hit_terms: HashMap<SearchField, HashSet<String>> = HashMap::new();
    for f in &m.explanation.fields {
        hit_terms.entry(f.field).or_default().extend(f.terms.iter().map(|t| t.term.clone()));
    }
    let analyzer = &engine.lexicon.analyzer;
    let none = HashSet::new();
    let instance: Vec<InstanceRow> = engine
        .index
        .doc_fields(m.doc)
        .map(|(field, source, text)| {
            let terms = search_field_of(field).and_then(|sf| hit_terms.get(&sf)).unwrap_or(&none);
            InstanceRow { field, label: field.label(), source: source.describe(), segments: segments(analyzer, text, terms) }
        })
        .collect();
    let snippet_source =
        engine.index.doc_fields(m.doc).find(|(f, _, _)| *f == Field::Function).or_else(|| engine.index.doc_fields(m.doc).next());
    let snippet = snippet_source
        .map(|(field, _, text)| {
            let terms = search_field_of(field).and_then(|sf| hit_terms.get(&sf)).unwrap_or(&none);
            segments(analyzer, &clip(text, SNIPPET_CHARS), terms)
        })
        .unwrap_or_default();
    let why = m
        .explanation
        .fields
        .iter()
        .map(|f| {
            let mut terms: Vec<TermView> = Vec::new();
            for t in &f.terms {
                let surface = display_word(engine, t);
                if !terms.iter().any(|x| x.surface == surface) {
                    terms.push(TermView { surface, via: t.via.clone() });
                }
            }
            WhyField { field: f.field.name(), score: f.score, terms }
        })
        .collect();
    let mut verdicts: Vec<VerdictView> = m.verdicts.iter().map(verdict_view).collect();
    // Rule verdicts first: they are the ones to trust most (LLM ones follow, in request order).
    verdicts.sort_by_key(|v| v.decided_by != "rule");
    ResultView {
        rank,
        doc: m.doc,
        id: m.id.clone(),
        url: crate::export::model_url(&m.id),
        task: s.task.clone(),
        task_name: s.task.as_deref().and_then(task_by_tag).map(|t| t.name),
        license: s.license.clone(),
        license_verdict: verdicts.iter().find(|v| v.field == Field::License).cloned(),
        params: s.params.map(human_params).unwrap_or_else(|| "—".into()),
        quantized: s.quant_bits.map(|b| format!("{b}-bit")),
        downloads: s.downloads,
        likes: s.likes,
        languages: s.languages.clone(),
        library: s.library.clone(),
        card_quality: s.card_quality,
        score: m.score,
        verdicts,
        why,
        task_note: m.explanation.task_intent.clone(),
        task_bonus: m.explanation.task_bonus,
        prior: m.explanation.prior,
        snippet,
        instance,
        evidence: evidence_rows(s),
    }
}

/// The word to show for a matched term: the developer's word, or for a synonym expansion (whose
/// surface is the stemmed term, e.g. "recognit") the expansion's own unstemmed word ("recognition").
fn display_word(engine: &Engine, t: &TermMatch) -> String {
    let Some(via) = t.via.as_deref() else { return t.surface.clone() };
    let analyzer = &engine.lexicon.analyzer;
    SYNONYMS
        .iter()
        .filter(|(from, _)| *from == via)
        .flat_map(|(_, to)| to.split_whitespace())
        .find(|word| analyzer.term(word).as_deref() == Some(t.term.as_str()))
        .map(str::to_string)
        .unwrap_or_else(|| t.surface.clone())
}

/// A model a rule left out, with the verdict that removed it.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftOutView {
    pub doc: u32,
    /// `None` while the model's document shard (which holds its name) is not on this device.
    pub id: Option<String>,
    pub url: Option<String>,
    pub license: Option<String>,
    pub params: String,
    /// The removing verdict (status "violated"), ready to show like a result's verdicts.
    pub verdict: Option<VerdictView>,
}

/// The left-out models of a search, best-scoring first (built only when the user asks).
pub fn left_out_views(engine: &Engine, request: &Template, selection: &Selection) -> Vec<LeftOutView> {
    engine
        .left_out(request, selection)
        .iter()
        .map(|m| LeftOutView {
            doc: m.doc,
            id: m.id.clone(),
            url: m.id.as_deref().map(crate::export::model_url),
            license: m.facts.license.clone(),
            params: m.facts.params.map(human_params).unwrap_or_else(|| "—".into()),
            verdict: m.removing_verdict().map(verdict_view),
        })
        .collect()
}

/// Whether the request says what the model should do (a field that ranks), rather than only what
/// it must satisfy: requirements alone filter, they cannot rank.
pub fn describes_a_function(request: &Template) -> bool {
    request.iter().any(|(field, _)| field.role() == FieldRole::Trivial)
}

/// The results summary line: what was found, or why nothing was, in the words that fit the case.
pub fn summary_text(phase: &Phase, r: &ResultsView) -> String {
    match phase {
        Phase::Failed(_) => "No results: the model index is not available.".to_string(),
        // The progress line above says how far loading is.
        Phase::Fetching { .. } | Phase::Decoding { .. } => String::new(),
        Phase::Searching => "Ranking models…".to_string(),
        Phase::Unavailable(message) => message.clone(),
        Phase::Ready if r.request.is_empty() => "Describe the model you need, or fill in the fields, then search.".to_string(),
        Phase::Ready if r.items.is_empty() && !describes_a_function(&r.request) => {
            "Describe what the model should do (the description box or “Function”): requirements such as license, size or language only filter models, they can't find them.".to_string()
        }
        Phase::Ready if r.items.is_empty() && r.violations_filtered > 0 => format!(
            "No model fits: {} models matched your words, but every relevant one violated a requirement. Try fewer or looser constraints, or see below which were left out and why.",
            human_count(r.matched as u64)
        ),
        Phase::Ready if r.items.is_empty() => {
            "No model matched these words. Try other words for what the model should do, or a Hub task.".to_string()
        }
        Phase::Ready => {
            let mut s = format!("Top {} of {} matching models ({:.0} ms).", r.items.len(), r.matched, r.elapsed_ms);
            if r.violations_filtered > 0 {
                s.push_str(&format!(" {} left out for violating a requirement.", r.violations_filtered));
            }
            s.push_str(&understanding_text(&r.selection));
            s
        }
    }
}

/// How the request was read beyond its words: corrected typos and learned related words ("" when
/// there is nothing to say; notices are listed under the results, see `results.rs`).
pub fn understanding_text(selection: &Selection) -> String {
    let mut s = String::new();
    if !selection.corrections.is_empty() {
        let list: Vec<String> = selection.corrections.iter().map(ToString::to_string).collect();
        s.push_str(&format!(" Read as: {}.", list.join(", ")));
    }
    if !selection.expansions.is_empty() {
        s.push_str(&format!(" Related words added: {}.", selection.expansions.join(", ")));
    }
    s
}

/// Builds the view of a finished selection.
pub fn build(engine: &Engine, request: &Template, selection: Selection, elapsed_ms: f64) -> ResultsView {
    let items = selection.results.iter().enumerate().map(|(i, m)| result_view(engine, i + 1, m)).collect();
    let intents = selection
        .intents
        .iter()
        .map(|i| {
            let name = task_by_tag(&i.tag).map(|t| t.name).unwrap_or(i.tag.as_str());
            format!("{name} ({})", i.because)
        })
        .collect();
    ResultsView {
        request: request.clone(),
        query: encode_query(request),
        items,
        matched: selection.matched,
        violations_filtered: selection.violations_filtered,
        intents,
        elapsed_ms,
        selection,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn evidence_rows_name_every_fact_and_default_to_metadata() {
        use crate::facts::{Confidence, Evidence, FactKind, ModelFacts, Source};
        let mut f = ModelFacts {
            task: Some("text-generation".into()),
            license: Some("cc-by-nc-4.0".into()),
            params: Some(7_000_000_000),
            ..Default::default()
        };
        f.set_evidence(Evidence::new(
            FactKind::Params,
            Source::ModelId,
            Confidence::Read,
            Some("size token in the id acme/chat-7b".into()),
        ));
        let rows = evidence_rows(&f);
        let by = |fact: &str| rows.iter().find(|r| r.fact == fact).unwrap().clone();
        assert_eq!(by("task").text, "Hub metadata (stated)");
        assert_eq!(by("params").confidence, "read");
        assert!(by("params").text.starts_with("model id (read): “size token"), "{}", by("params").text);
        assert!(by("license_terms").text.contains("no commercial use"), "{}", by("license_terms").text);
        assert!(!rows.iter().any(|r| r.fact == "base_model"));
    }

    use super::*;

    /// Runs a search and builds its view.
    fn search(engine: &mut Engine, request: &Template, top: usize) -> ResultsView {
        let selection = engine.select(request, top);
        build(engine, request, selection, 0.0)
    }

    pub(crate) fn tiny_engine() -> Engine {
        crate::select::testing::engine_of(&[
            (
                "openai/whisper-tiny",
                "apache-2.0",
                "automatic-speech-recognition",
                "Transcribes speech and podcasts into text (automatic speech recognition).",
            ),
            ("acme/podcast-asr-nc", "cc-by-nc-4.0", "automatic-speech-recognition", "Transcribes podcasts."),
            ("google/bert-base", "apache-2.0", "fill-mask", "Predicts masked words."),
            ("acme/image-tagger", "mit", "image-classification", "Labels photos."),
            ("acme/table-qa", "mit", "table-question-answering", "Answers questions about tables."),
            ("acme/summarizer", "mit", "summarization", "Shortens long articles."),
        ])
    }

    #[test]
    fn results_carry_verdicts_terms_and_the_instance() {
        let mut engine = tiny_engine();
        let request =
            Template { function: Some("transcribe podcasts".into()), license: Some("commercial use".into()), ..Default::default() };
        let view = search(&mut engine, &request, 10);
        assert_eq!(view.query, "function=transcribe+podcasts&license=commercial+use");
        let first = &view.items[0];
        assert_eq!(first.id, "openai/whisper-tiny");
        assert_eq!(first.rank, 1);
        assert_eq!(first.url, "https://huggingface.co/openai/whisper-tiny");
        assert_eq!(first.task_name, Some("Automatic Speech Recognition"));
        assert_eq!(first.license_verdict.as_ref().unwrap().tone, "ok");
        assert!(first.why.iter().any(|w| w.field == "function" && w.terms.iter().any(|t| t.surface == "podcasts")));
        // Synonym expansions show whole words, not stems.
        let via: Vec<&str> = first.why.iter().flat_map(|w| &w.terms).filter(|t| t.via.is_some()).map(|t| t.surface.as_str()).collect();
        assert!(via.contains(&"recognition") && !via.contains(&"recognit"), "{via:?}");
        assert!(first.snippet.iter().any(|s| s.hit && s.text == "podcasts"), "{:?}", first.snippet);
        let limitations = first.instance.iter().find(|r| r.field == Field::Limitations).unwrap();
        let text: String = limitations.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "May hallucinate on <script>noisy</script> audio.");
        assert!(!view.items.iter().any(|i| i.id == "acme/podcast-asr-nc"), "non-commercial model must be filtered");
    }

    #[test]
    fn the_models_left_out_come_with_the_verdict_that_removed_them() {
        let mut engine = tiny_engine();
        let request =
            Template { function: Some("transcribe podcasts".into()), license: Some("commercial use".into()), ..Default::default() };
        let view = search(&mut engine, &request, 10);
        assert_eq!(view.violations_filtered, 1);
        let left = left_out_views(&engine, &request, &view.selection);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].id.as_deref(), Some("acme/podcast-asr-nc"));
        let verdict = left[0].verdict.as_ref().unwrap();
        assert_eq!((verdict.field, verdict.status, verdict.decided_by), (Field::License, Status::Violated, "rule"));
        assert!(verdict.reason.contains("cc-by-nc-4.0"), "{}", verdict.reason);
    }

    #[test]
    fn empty_results_say_what_to_do() {
        let mut engine = tiny_engine();
        // Requirements only: nothing ranks them, so the advice is to describe the function.
        let only_rules = Template { license: Some("commercial use".into()), language: Some("German".into()), ..Default::default() };
        let view = search(&mut engine, &only_rules, 10);
        assert!(view.items.is_empty());
        let text = summary_text(&Phase::Ready, &view);
        assert!(text.starts_with("Describe what the model should do"), "{text}");
        assert!(!text.contains("fewer or looser"), "{text}");
        // Every relevant match violates a requirement: loosen the constraints.
        let too_strict =
            Template { function: Some("transcribe podcasts".into()), parameter_size: Some("under 1M".into()), ..Default::default() };
        let view = search(&mut engine, &too_strict, 10);
        assert!(view.items.is_empty() && view.violations_filtered > 0);
        assert!(summary_text(&Phase::Ready, &view).contains("fewer or looser"));
        // Words nothing matches.
        let unknown = Template { function: Some("zzyzx qwv".into()), ..Default::default() };
        let view = search(&mut engine, &unknown, 10);
        assert!(summary_text(&Phase::Ready, &view).starts_with("No model matched these words"));
        // And before any request.
        assert!(summary_text(&Phase::Ready, &ResultsView::empty()).starts_with("Describe the model you need"));
    }
}

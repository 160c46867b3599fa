//! A request's trivial (function-related) fields become a weighted bag of terms.
//!
//! Why weights per request field: the developer's `function` sentence is the heart of a request,
//! while a `dataset` or `evaluation` wish is a weaker signal. The weights are the template table's
//! ([`Field::default_request_weight`]), tunable as `request_weight.<field>`. Synonym expansions are added at a
//! reduced weight and remember what they came from, so explanations can say "via asr".

use serde::{Deserialize, Serialize};

use super::expansion::learned_expansions;
use super::intent::{detect_intents, visual_sense_terms, without_device_words, TaskIntent};
use super::learned_intent::{combine, learned_tasks};
use super::params::RankParams;
use super::typo::{Correction, TypoIndex};
use crate::analysis::{expand_synonyms, Lexicon};
use crate::index::Index;
use crate::knowledge::everyday_words::everyday_words_in;
use crate::knowledge::request_language::{self, RequestLanguage};
use crate::knowledge::senses;
use crate::knowledge::task_words::{task_words_in, TaskWord};
use crate::request_text::without_hardware;
use crate::template::{Field, FieldRole, Template};
use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueryTerm {
    pub term: String,
    /// The word as the developer wrote it (or the expansion word).
    pub surface: String,
    pub weight: f32,
    /// Request field it came from.
    pub from_field: Field,
    /// Set when added by a synonym: the shorthand that triggered it.
    pub via: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub terms: Vec<QueryTerm>,
    pub intents: Vec<TaskIntent>,
    /// Request words corrected against the index's lexicon ("sumarize → summarize").
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// Learned expansions added, as shown: "angry → emotion".
    #[serde(default)]
    pub expansions: Vec<String>,
    /// The language the request is written in, when not English
    /// ([`crate::knowledge::request_language`]); a soft preference when no language field is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<RequestLanguage>,
    /// The request's words for images or video, when its data is visual: they count at
    /// [`RankParams::other_sense_share`] in models whose task takes no images ("selfie" is not
    /// the SELFIES chemistry notation of a fill-mask model).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visual_terms: Vec<String>,
    /// Phrases of the request that say where the model runs ("8GB graphics card"): read as
    /// hardware, not searched ([`RankParams::hardware_word_weight`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_searched: Vec<String>,
}

/// What the index learned, for reading a request (see [`crate::index::Learned`]).
#[derive(Clone, Copy)]
pub struct Learning<'a> {
    pub index: &'a Index,
    pub typo: &'a TypoIndex,
}

/// The request with misspelt words of its ranked fields corrected, and the corrections made:
/// against the index's lexicon in English, against the task phrases of its own language when the
/// request is written in another (`language`, [`TypoIndex::correct_in_language`]).
pub fn correct_request(
    learning: Learning<'_>,
    lexicon: &Lexicon,
    request: &Template,
    language: Option<&str>,
    params: &RankParams,
) -> (Template, Vec<Correction>) {
    let mut out = request.clone();
    let mut corrections: Vec<Correction> = Vec::new();
    for (field, text) in request.iter() {
        if field.role() != FieldRole::Trivial {
            continue;
        }
        let mut fixed = String::with_capacity(text.len());
        let mut changed = false;
        for (_, word) in text.split_word_bound_indices() {
            let lower = word.to_lowercase();
            let known = corrections.iter().find(|c| c.from == lower).map(|c| c.to.clone());
            let to = known.or_else(|| {
                let to = match language {
                    None if lexicon.analyzer.is_stop_word(&lower) => return None,
                    None => learning.typo.correct(learning.index, &lexicon.analyzer, &lower, params)?,
                    Some(code) if request_language::is_function_word(code, &lower) => return None,
                    Some(code) => learning.typo.correct_in_language(learning.index, &lexicon.analyzer, &lower, code, params)?,
                };
                corrections.push(Correction { from: lower.clone(), to: to.clone() });
                Some(to)
            });
            match to {
                Some(to) => {
                    fixed.push_str(&to);
                    changed = true;
                }
                None => fixed.push_str(word),
            }
        }
        if changed {
            out.set(field, Some(fixed));
        }
    }
    (out, corrections)
}

/// The request with the phrases of [`senses::SENSES`] in its own sentences read as what they
/// mean, and the readings shown ("who speaks when → who speaks when speaker diarization").
fn read_request_senses(request: &Template) -> (Template, Vec<String>) {
    let mut out = request.clone();
    let mut shown = Vec::new();
    for f in [Field::Function, Field::InputFormat, Field::OutputFormat, Field::Others] {
        let Some(text) = request.get(f) else { continue };
        let (read, hits) = senses::read_senses(text);
        if !hits.is_empty() {
            shown.extend(hits.iter().map(|(phrase, reading)| format!("{phrase} → {reading}")));
            out.set(f, Some(read));
        }
    }
    (out, shown)
}

/// Request languages written in the Latin script: there a word of the request cannot be told
/// from an English word or an id by its letters.
const LATIN_SCRIPT_LANGUAGES: &[&str] = &["de", "es", "fr", "pt", "it", "nl", "pl", "tr", "vi", "id", "sv", "da", "fi", "cs", "ro", "hu"];

/// The request's own sentences (function, formats, others), where its language and foreign task
/// phrases are read.
fn written_words(request: &Template) -> String {
    let mut written = String::new();
    for f in [Field::Function, Field::InputFormat, Field::OutputFormat, Field::Others] {
        if let Some(v) = request.get(f) {
            written.push_str(v);
            written.push_str(" . ");
        }
    }
    written
}

/// The request's own word that holds `start` ("descrevê-los" for "descrev"), for showing an
/// expansion; Chinese and Japanese entries are whole words already.
fn written_word(written: &str, start: &str) -> String {
    let spaced = start.chars().next().is_some_and(|c| (c as u32) < 0x3000);
    let lower = written.to_lowercase();
    let word = spaced.then(|| lower.split(|c: char| !c.is_alphanumeric()).find(|t| t.starts_with(start) || t.contains(start))).flatten();
    word.unwrap_or(start).to_string()
}

impl Query {
    /// Reads a request with the engine's tables only (no learned section).
    pub fn from_request(lexicon: &Lexicon, request: &Template, params: &RankParams) -> Query {
        Query::understand(lexicon, None, request, params)
    }

    /// Reads a request; with `learning`, misspelt words are corrected first.
    #[inline(never)] // a query phase: keep it visible to profilers
    pub fn understand(lexicon: &Lexicon, learning: Option<Learning<'_>>, request: &Template, params: &RankParams) -> Query {
        // Typos are corrected against a mostly English lexicon; in a request written in another
        // language, only against the task phrases of that language.
        let first_written = written_words(request);
        let first_task_words = task_words_in(&first_written);
        let written_language = request_language::detect_with(&first_written, Some(&first_task_words));
        let (corrected, corrections) = match learning {
            Some(l) => correct_request(l, lexicon, request, written_language.as_ref().map(|w| w.code.as_str()), params),
            None => (request.clone(), Vec::new()),
        };
        // Phrases whose meaning the words alone do not carry ("who speaks when", "they sound
        // happy") are read as what they mean, for the search and the intent alike.
        let (request, readings) = read_request_senses(&corrected);
        let request = &request;
        let analyzer = &lexicon.analyzer;
        let mut terms: Vec<QueryTerm> = Vec::new();
        let mut add = |term: String, surface: String, weight: f32, from_field: Field, via: Option<String>| {
            if let Some(existing) = terms.iter_mut().find(|t| t.term == term) {
                // A word repeated across fields counts a little more, never double.
                existing.weight = (existing.weight.max(weight) + params.repeat_boost * existing.weight.min(weight)).min(params.repeat_cap);
                return;
            }
            terms.push(QueryTerm { term, surface, weight, from_field, via });
        };
        let mut all_terms = Vec::new();
        let mut not_searched: Vec<String> = Vec::new();
        for (field, text) in request.iter() {
            if field.role() != FieldRole::Trivial {
                continue;
            }
            let weight = params.request_weight(field);
            let tokens = if field == Field::Task {
                // "automatic-speech-recognition" reads as words.
                analyzer.tokens(&text.replace(['-', '_'], " "))
            } else {
                analyzer.tokens(text)
            };
            // Words saying where the model runs are not function words ("graphics card").
            let kept = match (field, params.hardware_word_weight < 1.0) {
                (Field::Task, _) | (_, false) => None,
                _ => without_hardware(text).map(|(rest, phrases)| {
                    not_searched.extend(phrases);
                    analyzer.terms(&rest)
                }),
            };
            for tok in tokens {
                all_terms.push(tok.term.clone());
                let hardware = kept.as_ref().is_some_and(|k| !k.contains(&tok.term));
                let w = if hardware { weight * params.hardware_word_weight } else { weight };
                if w > 0.0 {
                    add(tok.term, tok.surface, w, field, None);
                }
            }
        }
        for e in expand_synonyms(lexicon, &all_terms) {
            for (t, surface) in e.terms.into_iter().zip(e.surfaces) {
                add(t, surface, params.synonym_weight, Field::Function, Some(e.from.to_string()));
            }
        }
        // Task phrases of other languages add their English gloss, like a synonym ("resumir" →
        // summarize), so English cards match a request in another language.
        let written = written_words(request);
        // The same text as the language was read from, unless corrections or senses changed it.
        let task_words = if written == first_written { first_task_words } else { task_words_in(&written) };
        for w in &task_words {
            for tok in analyzer.tokens(w.3) {
                add(tok.term, tok.surface, params.synonym_weight, Field::Function, Some(w.0.to_string()));
            }
        }
        let mut expansions: Vec<String> = readings;
        // Everyday words of the request's language add their English gloss too ("vídeos" →
        // video), below the task words: they say what the data is, not what to do with it.
        // Not in the words that say where the model runs: the "vídeo" of a "placa de vídeo" is no data.
        let everyday = written_language.as_ref().map(|l| everyday_words_in(&without_device_words(&written), &l.code)).unwrap_or_default();
        if params.everyday_gloss_weight > 0.0 {
            for w in &everyday {
                for tok in analyzer.tokens(w.2) {
                    add(tok.term, tok.surface, params.everyday_gloss_weight, Field::Function, Some(w.0.to_string()));
                }
                expansions.push(format!("{} → {} ({})", written_word(&written, w.0), w.2, w.1));
            }
        }
        if let Some(l) = learning {
            for (qt, shown) in learned_expansions(l.index, analyzer, &terms, params) {
                terms.push(qt);
                expansions.push(shown);
            }
        }
        // Intent reads the glosses beside the request's words, as if the request had said them
        // in English ("descrever vídeos" is about video).
        let mut intents = if everyday.is_empty() || params.everyday_gloss_weight <= 0.0 {
            detect_intents(lexicon, request, &params.intent)
        } else {
            let glossed: Vec<&str> = everyday.iter().map(|w| w.2).collect();
            let mut with_glosses = request.clone();
            with_glosses.function = Some(format!("{} . {}", request.function.as_deref().unwrap_or(""), glossed.join(" . ")));
            detect_intents(lexicon, &with_glosses, &params.intent)
        };
        if let Some(l) = learning {
            let code = written_language.as_ref().map(|l| l.code.as_str());
            intents = combine(intents, &learned_tasks(l.index, lexicon, request, code, params), params);
        }
        // Once the task is known, the objects the app handles ("customer emails") say less than
        // the need ("angry"): they count at `context_word_weight`.
        if !intents.is_empty() && params.context_word_weight != 1.0 {
            for t in terms.iter_mut().filter(|t| t.via.is_none() && t.from_field != Field::Task) {
                if lexicon.context_terms.binary_search(&t.term).is_ok() {
                    t.weight *= params.context_word_weight;
                }
            }
        }
        // A contradicted task field is a hint: its words must not pull its task's cards back up.
        if intents.iter().any(TaskIntent::is_task_hint) {
            for t in terms.iter_mut().filter(|t| t.via.is_none() && t.from_field == Field::Task) {
                t.weight *= params.hinted_task_word_weight;
            }
        }
        // Read once, before corrections; read again only if corrections changed the words.
        let language = if corrections.is_empty() { written_language } else { request_language::detect_with(&written, Some(&task_words)) };
        if let Some(lang) = &language {
            // Function words of the request's language ("de", "en", "la") would match language
            // codes in ids: they are not search words.
            terms.retain(|t| t.via.is_some() || !request_language::is_function_word(&lang.code, &t.surface.to_lowercase()));
            if params.foreign_word_weight != 1.0 {
                // In a request of another script, Latin words are ids and English ("rinna
                // japanese-clip"): they keep their weight.
                let latin_script = LATIN_SCRIPT_LANGUAGES.contains(&lang.code.as_str());
                for t in terms.iter_mut().filter(|t| t.via.is_none() && matches!(t.from_field, Field::Function | Field::Others)) {
                    if latin_script || !t.surface.is_ascii() {
                        t.weight *= params.foreign_word_weight;
                    }
                }
            }
            // The language's English name is searched too ("t5-russian-summarization"), unless a
            // language field says which language the model must handle.
            if request.get(Field::Language).is_none() && params.request_language_name_weight > 0.0 {
                let via = format!("written in {}", lang.name);
                for tok in analyzer.tokens(&lang.name.to_lowercase()) {
                    if !terms.iter().any(|t| t.term == tok.term) {
                        let weight = params.request_language_name_weight;
                        terms.push(QueryTerm {
                            term: tok.term,
                            surface: tok.surface,
                            weight,
                            from_field: Field::Function,
                            via: Some(via.clone()),
                        });
                    }
                }
            }
        }
        if let Some(lang) = language.as_ref().filter(|l| l.code != "en" && request.get(Field::Task).is_none()) {
            add_vision_language_for_captions(&mut intents, &task_words, &lang.name, params);
        }
        let visual_terms = visual_sense_terms(&all_terms);
        Query { terms, intents, corrections, expansions, language, not_searched, visual_terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.intents.is_empty()
    }
}

/// A request in another language that asks to describe pictures ("给商品图片写一段中文描述")
/// reads as image captioning, whose models write English only: a vision-language model, which
/// writes the request's language, joins at [`RankParams::caption_abroad_vlm`]. Only for task
/// phrases whose gloss says "describe" or "caption": reading text off an image (OCR) stays as it is.
fn add_vision_language_for_captions(intents: &mut Vec<TaskIntent>, task_words: &[&'static TaskWord], language: &str, params: &RankParams) {
    const CAPTIONING: &str = "image-to-text";
    const VISION_LANGUAGE: &str = "image-text-to-text";
    if params.caption_abroad_vlm <= 0.0
        || intents.first().is_none_or(|i| i.tag != CAPTIONING)
        || intents.iter().any(|i| i.tag == VISION_LANGUAGE)
    {
        return;
    }
    let Some(w) = task_words.iter().find(|w| w.2 == CAPTIONING && (w.3.contains("describe") || w.3.contains("caption"))) else { return };
    intents.insert(
        1,
        TaskIntent {
            tag: VISION_LANGUAGE.to_string(),
            confidence: params.caption_abroad_vlm,
            because: format!("cue '{}': pictures described in {language}, which captioning models do not write", w.0),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graphics_card_named_in_another_language_is_no_picture() {
        let lexicon = Lexicon::new();
        let request = Template {
            function: Some("um chatbot para responder clientes pelo site; temos uma placa de vídeo de 12 GB".into()),
            ..Default::default()
        };
        let q = Query::from_request(&lexicon, &request, &RankParams::default());
        assert_eq!(q.intents.first().map(|i| i.tag.as_str()), Some("text-generation"), "{:?}", q.intents);
    }

    #[test]
    fn pictures_described_in_another_language_also_ask_a_vision_language_model() {
        let lexicon = Lexicon::new();
        let tags = |f: &str| {
            let request = Template { function: Some(f.into()), ..Default::default() };
            Query::from_request(&lexicon, &request, &RankParams::default()).intents.into_iter().map(|i| i.tag).collect::<Vec<_>>()
        };
        let zh = tags("为博物馆的藏品照片写一段简短描述");
        assert_eq!(zh.iter().take(2).map(String::as_str).collect::<Vec<_>>(), ["image-to-text", "image-text-to-text"], "{zh:?}");
        // Reading text off scans is OCR, in any language.
        let ocr = tags("extraer texto de facturas escaneadas");
        assert!(!ocr.iter().any(|t| t == "image-text-to-text"), "{ocr:?}");
        // Off: captioning alone.
        let request = Template { function: Some("为博物馆的藏品照片写一段简短描述".into()), ..Default::default() };
        let off = RankParams { caption_abroad_vlm: 0.0, ..Default::default() };
        assert!(!Query::from_request(&lexicon, &request, &off).intents.iter().any(|i| i.tag == "image-text-to-text"));
    }

    #[test]
    fn a_contradicted_task_fields_words_weigh_less() {
        let lexicon = Lexicon::new();
        let params = RankParams::default();
        let weight = |q: &Query, surface: &str| q.terms.iter().find(|t| t.surface == surface).map(|t| t.weight);
        // The sentence and formats ask for cleaned audio; the field names transcription.
        let request = Template {
            task: Some("automatic-speech-recognition".into()),
            function: Some("remove the street noise from our podcast recordings so the hosts sound clear".into()),
            input_format: Some("noisy speech audio".into()),
            output_format: Some("clean audio".into()),
            ..Default::default()
        };
        let q = Query::from_request(&lexicon, &request, &params);
        assert!(q.intents.iter().any(TaskIntent::is_task_hint), "{:?}", q.intents);
        let full = params.request_weight(Field::Task);
        assert_eq!(weight(&q, "recognition"), Some(full * params.hinted_task_word_weight), "{:?}", q.terms);
        // A field the words agree with keeps its words' weight.
        let agreed = Template { function: Some("transcribe our podcast episodes into text".into()), ..request.clone() };
        let agreed = Template { input_format: None, output_format: None, ..agreed };
        let q = Query::from_request(&lexicon, &agreed, &params);
        assert!(!q.intents.iter().any(TaskIntent::is_task_hint), "{:?}", q.intents);
        assert_eq!(weight(&q, "recognition"), Some(full), "{:?}", q.terms);
        // At 1 a hint's words count like a standing field's.
        let off = RankParams { hinted_task_word_weight: 1.0, ..Default::default() };
        assert_eq!(weight(&Query::from_request(&lexicon, &request, &off), "recognition"), Some(full));
    }

    #[test]
    fn words_saying_where_it_runs_are_not_searched() {
        let lexicon = Lexicon::new();
        let request =
            Template { function: Some("generate pictures from a text prompt on a 8GB graphics card".into()), ..Default::default() };
        let q = Query::from_request(&lexicon, &request, &RankParams::default());
        let surfaces: Vec<&str> = q.terms.iter().map(|t| t.surface.as_str()).collect();
        assert!(!surfaces.iter().any(|s| s.starts_with("graphic") || *s == "card" || *s == "8gb"), "{surfaces:?}");
        assert!(surfaces.contains(&"pictures") && surfaces.contains(&"prompt"), "{surfaces:?}");
        assert_eq!(q.not_searched, ["8GB", "graphics card"]);
        // At 1 they are searched like any word.
        let on = RankParams { hardware_word_weight: 1.0, ..Default::default() };
        let q = Query::from_request(&lexicon, &request, &on);
        assert!(q.terms.iter().any(|t| t.surface == "graphics") && q.not_searched.is_empty(), "{:?}", q.terms);
        // "phone calls" is what the request is about: searched.
        let calls = Template { function: Some("transcribe customer phone calls".into()), ..Default::default() };
        let q = Query::from_request(&lexicon, &calls, &RankParams::default());
        assert!(q.terms.iter().any(|t| t.surface == "phone"), "{:?}", q.terms);
    }

    #[test]
    fn everyday_words_of_the_requests_language_are_searched_in_english_and_read_for_intent() {
        let lexicon = Lexicon::new();
        let params = RankParams::default();
        let request = Template { function: Some("quero descrever os vídeos que os nossos clientes enviam".into()), ..Default::default() };
        let q = Query::from_request(&lexicon, &request, &params);
        assert!(q.expansions.iter().any(|e| e == "descrever → describe description (pt)"), "{:?}", q.expansions);
        assert!(q.expansions.iter().any(|e| e == "vídeos → video (pt)"), "{:?}", q.expansions);
        let video = q.terms.iter().find(|t| t.surface == "video").expect("the gloss is searched");
        assert_eq!((video.weight, video.via.as_deref()), (params.everyday_gloss_weight, Some("vídeo")));
        assert_eq!(q.intents[0].tag, "video-text-to-text", "{:?}", q.intents);
        // Off: neither searched nor read.
        let off = RankParams { everyday_gloss_weight: 0.0, ..Default::default() };
        let q = Query::from_request(&lexicon, &request, &off);
        assert!(q.expansions.is_empty() && !q.terms.iter().any(|t| t.surface == "video"), "{:?}", q.terms);
        // An English request gets no glosses.
        let q = Query::from_request(&lexicon, &Template { function: Some("describe our videos".into()), ..Default::default() }, &params);
        assert!(q.expansions.is_empty(), "{:?}", q.expansions);
    }

    #[test]
    fn words_of_another_language_weigh_less_than_their_glosses_and_ids() {
        let lexicon = Lexicon::new();
        let params = RankParams::default();
        let as_english = RankParams { foreign_word_weight: 1.0, ..Default::default() };
        let weight = |params: &RankParams, text: &str, surface: &str| {
            let q = Query::from_request(&lexicon, &Template { function: Some(text.into()), ..Default::default() }, params);
            q.terms.iter().find(|t| t.surface == surface && t.via.is_none()).map(|t| t.weight).unwrap()
        };
        let spanish = "queremos saber si las reseñas que dejan los clientes son buenas o malas";
        let (full, less) = (weight(&as_english, spanish, "dejan"), weight(&params, spanish, "dejan"));
        assert!(params.foreign_word_weight < 1.0 && (less - full * params.foreign_word_weight).abs() < 1e-6, "{less} vs {full}");
        // Latin words in a request of another script are ids or English: full weight.
        let japanese = "日本語ラベルで画像分類（rinna clip）";
        assert_eq!(weight(&params, japanese, "rinna"), weight(&as_english, japanese, "rinna"));
    }

    /// Everyday requests in ten languages, as a non-expert writes them, read to the Hub task
    /// they need by the whole request reading (task words, everyday glosses, intent).
    #[test]
    fn everyday_requests_in_ten_languages_reach_their_task() {
        let lexicon = Lexicon::new();
        let params = RankParams::default();
        let cases: &[(&str, &str)] = &[
            ("Ich möchte meine Sprachnachrichten abtippen lassen", "automatic-speech-recognition"),
            ("Texte mit einer natürlichen Stimme vorlesen lassen", "text-to-speech"),
            ("erkennen, ob ein Kommentar beleidigend ist", "text-classification"),
            ("den Hintergrund entfernen bei unseren Produktfotos", "image-segmentation"),
            ("alte Familienfotos restaurieren und schärfer machen", "image-to-image"),
            ("Bilder aus Textbeschreibungen erzeugen", "text-to-image"),
            ("pasar a texto las notas de voz de WhatsApp", "automatic-speech-recognition"),
            ("leer en voz alta los artículos con una voz natural", "text-to-speech"),
            ("quitar el fondo de las fotos de productos", "image-segmentation"),
            ("detectar desnudos en las imágenes que suben los usuarios", "image-classification"),
            ("encontrar preguntas similares en nuestras preguntas frecuentes", "sentence-similarity"),
            ("retranscrire les réunions d'équipe", "automatic-speech-recognition"),
            ("générer une image à partir d'une description", "text-to-image"),
            ("repérer les commentaires haineux sur notre forum", "text-classification"),
            ("améliorer la résolution de vieilles photos de famille", "image-to-image"),
            ("extraire les noms de personnes et les lieux dans des articles", "token-classification"),
            ("transformar áudios do WhatsApp em texto", "automatic-speech-recognition"),
            ("filtrar nudez nas fotos enviadas pelos usuários", "image-classification"),
            ("encontrar perguntas parecidas na nossa base de ajuda", "sentence-similarity"),
            ("remover o fundo das fotos da loja", "image-segmentation"),
            ("prever as vendas da próxima semana", "time-series-forecasting"),
            ("trascrivere le telefonate dei clienti", "automatic-speech-recognition"),
            ("leggere ad alta voce le notizie del giorno", "text-to-speech"),
            ("rimuovere lo sfondo dalle foto dei prodotti", "image-segmentation"),
            ("contare le persone in un negozio con una telecamera", "object-detection"),
            ("correggere la grammatica dei testi degli studenti", "text2text-generation"),
            ("把会议录音转成文字", "automatic-speech-recognition"),
            ("把文章读出来，声音要自然", "text-to-speech"),
            ("识别用户上传的色情图片", "image-classification"),
            ("自动抠图，去掉商品照片的背景", "image-segmentation"),
            ("过滤垃圾短信", "text-classification"),
            ("老照片修复，变清晰", "image-to-image"),
            ("会議の録音を書き起こしたい", "automatic-speech-recognition"),
            ("ニュースを自然な声で読み上げる", "text-to-speech"),
            ("スキャンした書類の文字を読み取りたい", "image-to-text"),
            ("写真から背景を消したい", "image-segmentation"),
            ("問い合わせと似た質問を探したい", "sentence-similarity"),
            ("고객 질문에 대한 답을 문서에서 찾아 줘", "question-answering"),
            ("공지사항을 자연스러운 음성으로 읽어 주는 앱", "text-to-speech"),
            ("상품 사진 배경 제거", "image-segmentation"),
            ("악플과 욕설 걸러내기", "text-classification"),
            ("오래된 가족 사진 복원", "image-to-image"),
            ("회의 녹음 파일을 글로 옮기기", "automatic-speech-recognition"),
            ("расшифровка звонков в колл-центр", "automatic-speech-recognition"),
            ("озвучить статьи естественным голосом", "text-to-speech"),
            ("убрать фон с фотографий товаров", "image-segmentation"),
            ("определить, на каком языке написан текст", "text-classification"),
            ("прогноз продаж на следующий месяц", "time-series-forecasting"),
            ("найти похожие вопросы в базе знаний", "sentence-similarity"),
            ("تفريغ المكالمات الصوتية إلى نص", "automatic-speech-recognition"),
            ("تحويل النص إلى صوت طبيعي", "text-to-speech"),
            ("إزالة الخلفية من صور المنتجات", "image-segmentation"),
            ("اكتشاف الرسائل المزعجة", "text-classification"),
            ("روبوت دردشة لخدمة العملاء", "text-generation"),
            ("استخراج النص من الصور الممسوحة", "image-to-text"),
        ];
        let mut wrong = Vec::new();
        for (text, task) in cases {
            let request = Template { function: Some(text.to_string()), ..Default::default() };
            let q = Query::from_request(&lexicon, &request, &params);
            if q.intents.first().map(|i| i.tag.as_str()) != Some(*task) {
                wrong.push(format!("{text}: want {task}, got {:?}", q.intents.iter().map(|i| (&i.tag, &i.because)).collect::<Vec<_>>()));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}

//! Component tests of the web app in headless Chromium (wasm-bindgen-test):
//! `cargo test --target wasm32-unknown-unknown --test web` (runner and webdriver.json: see
//! .cargo/config.toml and tests/webdriver.json).
//!
//! Each test mounts the whole app into its own container with a tiny index built in memory (so no
//! server or index file is involved), waits for `#results[data-state]`, and reads the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use ptmpicker::app::boundary::{self, sleep, StorageArea};
use ptmpicker::app::llm_state::{self, AnswerCache, LlmConfig, REDACTED};
use ptmpicker::app::{App, AppConfig, IndexSource};
use ptmpicker::facts::{ModelFacts, ModelInstance, Source};
use ptmpicker::index::{decode, encode, IndexWriter};
use ptmpicker::llm::{AnswerVerdict, LlmAnswer, LlmError};
use ptmpicker::select::Engine;
use ptmpicker::template::{Field, Template};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// (id, license, task, params, downloads, function text)
const MODELS: &[(&str, &str, &str, u64, u64, &str)] = &[
    (
        "openai/whisper-tiny",
        "apache-2.0",
        "automatic-speech-recognition",
        39_000_000,
        900_000,
        "Transcribes speech and podcasts into text.",
    ),
    (
        "openai/whisper-large-v3",
        "apache-2.0",
        "automatic-speech-recognition",
        1_550_000_000,
        4_000_000,
        "Transcribes podcasts, interviews and meetings.",
    ),
    ("acme/podcast-asr-nc", "cc-by-nc-4.0", "automatic-speech-recognition", 300_000_000, 500_000, "Transcribes podcasts (research only)."),
    (
        "facebook/wav2vec2-base-960h",
        "apache-2.0",
        "automatic-speech-recognition",
        95_000_000,
        700_000,
        "Speech recognition for English audio.",
    ),
    ("dslim/bert-base-NER", "mit", "token-classification", 108_000_000, 1_500_000, "Finds people and places in text."),
    ("evil/markup", "mit", "fill-mask", 110_000_000, 5, "Predicts <b>masked</b> words <img src=x onerror=\"window.__xss=1\">."),
];

fn index_bytes() -> Vec<u8> {
    let mut w = IndexWriter::new("web test");
    for (id, license, task, params, downloads, text) in MODELS {
        let mut m = ModelInstance {
            id: id.to_string(),
            facts: ModelFacts {
                task: Some(task.to_string()),
                license: Some(license.to_string()),
                params: Some(*params),
                downloads: *downloads,
                languages: vec!["en".into()],
                ..Default::default()
            },
            ..Default::default()
        };
        m.put(Field::Function, text.to_string(), Source::CardText);
        m.put(Field::Limitations, format!("{id}: may make mistakes on <i>noisy</i> input."), Source::CardSection);
        w.add(&m);
    }
    encode(&w.finish())
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container attached to the body.
fn container() -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn mount(el: &web_sys::HtmlElement, index: IndexSource, query: &str) -> impl Drop {
    let config = AppConfig { index, query: Some(query.to_string()), browser: false };
    leptos::mount::mount_to(el.clone(), move || view! { <App config=config.clone()/> })
}

async fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    for _ in 0..500 {
        if ok() {
            return;
        }
        sleep(10).await;
    }
    panic!("timed out waiting for {what}");
}

fn state(el: &web_sys::HtmlElement) -> Option<String> {
    el.query_selector("#results").unwrap().and_then(|r| r.get_attribute("data-state"))
}

fn result_ids(el: &web_sys::HtmlElement) -> Vec<String> {
    let nodes = el.query_selector_all("#results > li[data-model-id]").unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-model-id"))
        .collect()
}

fn native_order(query_request: &Template) -> Vec<String> {
    let mut engine = Engine::new(decode(&index_bytes()).unwrap());
    engine.select(query_request, 10).results.into_iter().map(|r| r.id).collect()
}

#[wasm_bindgen_test]
async fn results_are_in_rank_order_with_the_state_contract() {
    let el = container();
    let handle = mount(&el, IndexSource::Bytes(index_bytes()), "function=transcribe+podcasts&license=commercial+use");
    wait_until("ready", || state(&el).as_deref() == Some("ready") && !result_ids(&el).is_empty()).await;
    let request = Template { function: Some("transcribe podcasts".into()), license: Some("commercial use".into()), ..Default::default() };
    let expected = native_order(&request);
    assert_eq!(result_ids(&el), expected);
    assert!(!expected.contains(&"acme/podcast-asr-nc".to_string()), "non-commercial model must be left out");
    assert!(expected.iter().all(|id| !id.starts_with("dslim/") && !id.starts_with("evil/")), "{expected:?}");
    let list = el.query_selector("#results").unwrap().unwrap();
    assert_eq!(list.tag_name(), "OL");
    assert_eq!(list.get_attribute("data-query").as_deref(), Some("function=transcribe+podcasts&license=commercial+use"));
    // Each result names its license verdict and links to the Hub.
    let first = el.query_selector("#results > li").unwrap().unwrap();
    let link = first.query_selector("h3 a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").unwrap(), format!("https://huggingface.co/{}", expected[0]));
    let verdict = first.query_selector(".verdict[data-field=license]").unwrap().unwrap();
    assert_eq!(verdict.get_attribute("data-status").as_deref(), Some("satisfied"));
    assert!(verdict.text_content().unwrap().contains("rule"));
    // Matched words are highlighted.
    let marks = first.query_selector_all(".snippet mark").unwrap();
    assert!(marks.length() > 0);
    drop(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn no_request_is_ready_with_no_results() {
    let el = container();
    let handle = mount(&el, IndexSource::Bytes(index_bytes()), "");
    wait_until("ready", || state(&el).as_deref() == Some("ready")).await;
    assert!(result_ids(&el).is_empty());
    assert!(el.text_content().unwrap().contains("Describe the model you need"));
    drop(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn a_corrupt_index_shows_an_error_on_the_page() {
    let el = container();
    let handle = mount(&el, IndexSource::Bytes(b"<!DOCTYPE html><html>not an index</html>".to_vec()), "function=x");
    wait_until("error", || state(&el).as_deref() == Some("error")).await;
    let alert = el.query_selector("[role=alert]").unwrap().expect("an alert is shown");
    let text = alert.text_content().unwrap();
    assert!(text.contains("not a PTMPicker index"), "{text}");
    assert!(result_ids(&el).is_empty());
    drop(handle);
    el.remove();

    // A damaged (truncated) real index too.
    let el = container();
    let mut bytes = index_bytes();
    bytes.truncate(bytes.len() / 2);
    let handle = mount(&el, IndexSource::Bytes(bytes), "");
    wait_until("error", || state(&el).as_deref() == Some("error")).await;
    assert!(el.text_content().unwrap().contains("truncated"));
    drop(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn card_text_is_rendered_as_text_never_as_markup() {
    let el = container();
    let handle = mount(&el, IndexSource::Bytes(index_bytes()), "function=predicts+masked+words");
    wait_until("ready", || state(&el).as_deref() == Some("ready") && !result_ids(&el).is_empty()).await;
    assert_eq!(result_ids(&el)[0], "evil/markup");
    let first = el.query_selector("#results > li").unwrap().unwrap();
    assert!(first.query_selector("img").unwrap().is_none(), "card text must not create elements");
    assert!(first.query_selector("b").unwrap().is_none());
    // The whole template is built when its details open (the toggle event).
    first.query_selector("details.instance").unwrap().unwrap().set_attribute("open", "").unwrap();
    wait_until("the instance body", || first.query_selector("details.instance > :not(summary)").unwrap().is_some()).await;
    assert!(first.query_selector(".instance i").unwrap().is_none());
    assert!(first.query_selector(".instance img").unwrap().is_none());
    assert!(first.text_content().unwrap().contains("<img src=x"));
    let xss = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__xss".into()).unwrap();
    assert!(xss.is_undefined());
    drop(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn the_description_fills_the_form_and_searches() {
    let el = container();
    let handle = mount(&el, IndexSource::Bytes(index_bytes()), "");
    wait_until("ready", || state(&el).as_deref() == Some("ready")).await;
    let area: web_sys::HtmlTextAreaElement = el.query_selector("#describe").unwrap().unwrap().unchecked_into();
    area.set_value("transcribe podcasts, commercial use, under 500M parameters");
    area.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    let button: web_sys::HtmlElement = el.query_selector("#fill-button").unwrap().unwrap().unchecked_into();
    button.click();
    wait_until("results", || state(&el).as_deref() == Some("ready") && !result_ids(&el).is_empty()).await;
    let value = |id: &str| -> String {
        let input: web_sys::HtmlInputElement = el.query_selector(id).unwrap().unwrap().unchecked_into();
        input.value()
    };
    assert_eq!(value("#field-license"), "commercial use");
    assert_eq!(value("#field-parameter_size"), "under 500M parameters");
    let task: web_sys::HtmlSelectElement = el.query_selector("#field-task").unwrap().unwrap().unchecked_into();
    assert_eq!(task.value(), "automatic-speech-recognition");
    let ids = result_ids(&el);
    assert!(!ids.contains(&"openai/whisper-large-v3".to_string()), "1.55B is over the limit: {ids:?}");
    assert!(!ids.contains(&"acme/podcast-asr-nc".to_string()), "non-commercial: {ids:?}");
    let filled = Template {
        function: Some("transcribe podcasts".into()),
        task: Some("automatic-speech-recognition".into()),
        license: Some("commercial use".into()),
        parameter_size: Some("under 500M parameters".into()),
        domain: Some("podcasts".into()),
        ..Default::default()
    };
    assert_eq!(ids, native_order(&filled));
    drop(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn compare_shows_picked_models_side_by_side() {
    let el = container();
    let handle = mount(&el, IndexSource::Bytes(index_bytes()), "function=transcribe+speech");
    wait_until("ready", || state(&el).as_deref() == Some("ready") && result_ids(&el).len() >= 3).await;
    let boxes = el.query_selector_all("#results .compare-toggle input").unwrap();
    for i in 0..2 {
        let b: web_sys::HtmlElement = boxes.item(i).unwrap().unchecked_into();
        b.click();
    }
    wait_until("compare table", || el.query_selector(".compare-table").unwrap().is_some()).await;
    let heads = el.query_selector_all(".compare-table thead th[data-compare-id]").unwrap();
    assert_eq!(heads.length(), 2);
    // The compare panel must not add elements that look like results.
    assert_eq!(el.query_selector_all("[data-model-id]").unwrap().length() as usize, result_ids(&el).len());
    drop(handle);
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// LLM checks: settings, redaction, the answer cache, and the app without / with a dead endpoint.

async fn wait_long(what: &str, ms: u32, mut ok: impl FnMut() -> bool) {
    for _ in 0..ms / 20 {
        if ok() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out after {ms} ms waiting for {what}");
}

fn attr(el: &web_sys::HtmlElement, selector: &str, name: &str) -> Option<String> {
    el.query_selector(selector).unwrap().and_then(|e| e.get_attribute(name))
}

/// Sets an input's value as typing would (an `input` event).
fn type_into(el: &web_sys::HtmlElement, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = el.query_selector(selector).unwrap().unwrap().unchecked_into();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
fn llm_settings_are_stored_without_the_key() {
    let c = LlmConfig {
        base_url: " http://127.0.0.1:8080/v1/ ".into(),
        api_key: "sk-wasm-secret".into(),
        candidates: 500,
        ..Default::default()
    };
    let json = c.to_storage_json();
    assert!(!json.contains("sk-wasm-secret"), "{json}");
    let back = LlmConfig::from_storage_json(&json);
    assert_eq!(back.api_key, "");
    assert_eq!(back.base_url, "http://127.0.0.1:8080/v1/".trim());
    assert_eq!(back.candidates, llm_state::MAX_CANDIDATES);
    assert_eq!(back.endpoint().unwrap().unwrap().base(), "http://127.0.0.1:8080/v1");
    assert!(LlmConfig { base_url: "http://user:pw@h/v1".into(), ..Default::default() }.endpoint().is_err());
    assert!(!format!("{c:?}").contains("sk-wasm-secret"));
    assert!(c.data_flow_text().contains("session storage"));
}

#[wasm_bindgen_test]
fn errors_shown_on_the_page_are_redacted() {
    let redactor = ptmpicker::llm::Redactor::new(Some("sk-wasm-secret"), "http://h/v1");
    let e = redactor.error(LlmError::Http { status: 401, message: "bad key Bearer sk-wasm-secret".into() });
    let text = e.to_string();
    assert!(!text.contains("sk-wasm-secret") && text.contains(REDACTED), "{text}");
    let e = redactor.error(LlmError::Transport { message: "sk-wasm-secret".into() });
    assert!(!e.to_string().contains("sk-wasm-secret"));
}

#[wasm_bindgen_test]
fn the_answer_cache_round_trips_through_browser_storage() {
    const TEST_KEY: &str = "ptmpicker.test.cache";
    let mut cache = AnswerCache::default();
    cache.put("k1", &LlmAnswer { verdict: AnswerVerdict::Violated, reason: "r".into(), evidence: "e".into() });
    boundary::storage_set(StorageArea::Local, TEST_KEY, &cache.to_json()).unwrap();
    let mut back = AnswerCache::from_json(&boundary::storage_get(StorageArea::Local, TEST_KEY).unwrap());
    assert_eq!(back.get("k1").map(|a| a.verdict), Some(AnswerVerdict::Violated));
    boundary::storage_remove(StorageArea::Local, TEST_KEY);
    assert_eq!(boundary::storage_get(StorageArea::Local, TEST_KEY), None);
    boundary::storage_set(StorageArea::Session, TEST_KEY, "x").unwrap();
    assert_eq!(boundary::storage_get(StorageArea::Session, TEST_KEY).as_deref(), Some("x"));
    boundary::storage_remove(StorageArea::Session, TEST_KEY);
}

#[wasm_bindgen_test]
async fn without_an_endpoint_llm_wishes_are_not_checked() {
    let el = container();
    let handle = mount(&el, IndexSource::Bytes(index_bytes()), "function=transcribe+podcasts&biases=no+gender+bias");
    wait_until("ready", || state(&el).as_deref() == Some("ready") && !result_ids(&el).is_empty()).await;
    assert_eq!(attr(&el, "#llm-status", "data-state").as_deref(), Some("idle"));
    assert!(el.query_selector("#llm-status").unwrap().unwrap().text_content().unwrap().contains("LLM checks are off"));
    let verdicts = el.query_selector_all("#results .verdict[data-field=biases]").unwrap();
    assert_eq!(verdicts.length() as usize, result_ids(&el).len());
    for i in 0..verdicts.length() {
        let v: web_sys::Element = verdicts.item(i).unwrap().unchecked_into();
        assert_eq!(v.get_attribute("data-status").as_deref(), Some("not checked"));
        assert_eq!(v.get_attribute("data-decided-by").as_deref(), Some("llm"));
    }
    assert_eq!(attr(&el, "#llm-key", "type").as_deref(), Some("password"));
    drop(handle);
    el.remove();
}

#[wasm_bindgen_test]
async fn an_unreachable_endpoint_leaves_llm_wishes_not_checked_and_keeps_the_ranking() {
    let el = container();
    let query = "function=transcribe+podcasts&biases=no+gender+bias";
    let handle = mount(&el, IndexSource::Bytes(index_bytes()), query);
    wait_until("ready", || state(&el).as_deref() == Some("ready") && !result_ids(&el).is_empty()).await;
    let ranked = result_ids(&el);
    // Settings through the panel (component tests keep them in memory only). Port 9 is refused.
    type_into(&el, "#llm-base-url", "http://127.0.0.1:9/v1");
    type_into(&el, "#llm-model", "m");
    type_into(&el, "#llm-candidates", "2");
    let save: web_sys::HtmlElement = el.query_selector("#llm-save").unwrap().unwrap().unchecked_into();
    save.click();
    wait_long("the LLM pass to fail", 20_000, || attr(&el, "#llm-status", "data-state").as_deref() == Some("error")).await;
    assert_eq!(state(&el).as_deref(), Some("ready"));
    assert_eq!(result_ids(&el), ranked, "failures drop nothing");
    let first = el.query_selector("#results > li .verdict[data-field=biases]").unwrap().unwrap();
    assert_eq!(first.get_attribute("data-status").as_deref(), Some("not checked"));
    assert!(first.text_content().unwrap().contains("LLM check failed"), "{:?}", first.text_content());
    drop(handle);
    el.remove();
}

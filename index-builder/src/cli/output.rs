//! The search command's JSON Lines contract (used by outside tools; keys may only be added):
//! `{"request_id": "...", "results": [{"id": "org/name", "score": 12.3, "verdicts": {...},
//! "explanation": {...}, ...facts}], "intents", "matched", "violations_filtered", "excluded"}` in
//! rank order. The shape is the engine's [`SelectionRecord`], the same one the app exports.

use ptmpicker::export::SelectionRecord;
use ptmpicker::select::{Engine, Selection};
use ptmpicker::template::Template;

/// The output line of one answered request: its results and the models a rule left out.
pub fn selection_record(engine: &Engine, request_id: &str, request: &Template, selection: &Selection) -> SelectionRecord {
    let left_out = engine.left_out(request, selection);
    SelectionRecord { request_id: Some(request_id.to_string()), ..SelectionRecord::new(selection, &left_out) }
}

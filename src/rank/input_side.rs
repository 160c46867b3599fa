//! Which words of a request describe the data it starts from rather than the work it asks for:
//! "a summary of each episode **from its transcript**", "understand what people ask **once their
//! words are transcribed**", "guess the stars **from the text of the review they wrote**", "the
//! names **mentioned in the transcripts of our podcast**".
//!
//! Why: cue phrases are a bag of words, so the transcript an app already has reads like a request
//! to transcribe, and the review someone wrote like a request to write. Words after a marker of
//! the input ("from", "once", "after", "already", "mentioned") up to the end of the clause name where the data
//! comes from; a task cue found only there is weaker evidence than a cue in the request's main
//! clause ([`super::intent`] scales it by `intent.input_side_share`). When the input side holds
//! the only cue, it still decides: the scaling only orders competing cues.

/// Words that open a span describing the input. "Mentioned", "appearing" and "contained" say where
/// what is wanted already stands ("the names mentioned in the transcripts of our podcast", "dates
/// appearing in scanned letters"): that text is what the user has, not the work asked for.
const INPUT_MARKERS: &[&str] = &["from", "once", "after", "already", "mentioned", "appearing", "contained"];

/// Words that end an input span besides punctuation: a new clause or a purpose starts.
const SPAN_ENDS: &[&str] = &["and", "then", "so", "but", "to", "into", "because", "which", "while", "for"];

/// The request text split into its main clauses and its input-side spans (both lowercase;
/// punctuation kept in the main clauses so phrases never join across a cut span), so that cue
/// phrases matched in the main clauses come from them. `None` when there is no input-side span.
pub fn split(text: &str) -> Option<(String, String)> {
    let (main, input) = split_spans(text);
    (!input.is_empty()).then_some((main, input))
}

/// (main clauses, input-side spans).
fn split_spans(text: &str) -> (String, String) {
    let lower = text.to_lowercase();
    let mut kept = String::with_capacity(lower.len());
    let mut input = String::new();
    let mut inside = false;
    for raw in lower.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if inside && SPAN_ENDS.contains(&word) {
            inside = false;
            input.push_str(" . ");
        }
        if !inside && INPUT_MARKERS.contains(&word) {
            inside = true;
        }
        if inside {
            input.push_str(raw);
            input.push(' ');
            // The span ends with the clause: keep the punctuation so phrases never join across it.
            if raw.ends_with([',', ';', '.', '!', '?', ':', ')']) {
                inside = false;
                kept.push_str(" . ");
            }
            continue;
        }
        kept.push_str(raw);
        kept.push(' ');
    }
    (kept, input)
}

#[cfg(test)]
mod tests {
    use super::split;

    fn main_clauses(text: &str) -> Option<String> {
        split(text).map(|(main, _)| main)
    }

    #[test]
    fn input_spans_are_cut_to_the_end_of_their_clause() {
        assert_eq!(
            main_clauses("make a short summary of each episode from its transcript").as_deref(),
            Some("make a short summary of each episode ")
        );
        assert_eq!(
            main_clauses("understand what people ask once their words are transcribed: set an alarm").as_deref(),
            Some("understand what people ask  . set an alarm ")
        );
        // A purpose or a new clause ends the span: "to" in "from English to German" too.
        assert_eq!(main_clauses("Translate manuals from English to German").as_deref(), Some("translate manuals to german "));
        assert_eq!(
            main_clauses("pull the text from scanned receipts and summarize it").as_deref(),
            Some("pull the text and summarize it ")
        );
        assert_eq!(main_clauses("transcribe our sales calls"), None);
        // Where the wanted items already stand is the input: the transcripts are not the job.
        assert_eq!(
            main_clauses("list the places mentioned in the transcripts of our radio show so we can map them").as_deref(),
            Some("list the places so we can map them ")
        );
        assert_eq!(
            split("a summary of each episode from its transcript for the notes").unwrap().1.split_whitespace().collect::<Vec<_>>(),
            ["from", "its", "transcript", "."]
        );
    }
}

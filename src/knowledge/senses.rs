//! English phrases whose meaning the words alone do not carry: a question that lives in stop
//! words ("who speaks when", "how old"), and a task or data word used in its everyday sense
//! ("they *sound* happy" is no audio, a website's "contact *form*" is no scanned document).
//!
//! Why a table read on the raw text: the [`crate::analysis::Analyzer`] drops stop words before
//! any cue or synonym is matched, so "who speaks when" reaches the cues as "speak" (speech
//! recognition) and "how old" as nothing; and a stem cannot tell the verb "sound" from the noun.
//! Each phrase is matched on the lowercase request as whole words and *read as* its reading —
//! the words that say the same for the analyser ("who speaks when" → speaker diarization,
//! "they sound" → "they seem") — before the request is searched and its intent read, and the
//! query shows every reading ("who speaks when → speaker diarization"). A phrase keeps its own
//! words where they still mean something (the decision reader needs "how old").

use super::contains_phrase;

/// (phrase, lowercase, whole words; what it is read as).
pub const SENSES: &[(&str, &str)] = &[
    // Questions whose meaning is in stop words.
    ("who speaks when", "who speaks when speaker diarization"),
    ("who spoke when", "who spoke when speaker diarization"),
    ("who is speaking", "who is speaking speaker diarization"),
    ("who said what", "who said what speaker diarization transcription"),
    ("how old", "how old age estimation"),
    ("what age", "what age age estimation"),
    ("is this sentence correct", "is this sentence grammatical acceptability"),
    ("is the sentence correct", "is the sentence grammatical acceptability"),
    ("is it correct english", "is it grammatical acceptability english"),
    // "sound" as a verb: how someone or something comes across, not audio ("detect sounds like
    // sirens" is audio: only the verb's subjects and degree words decide).
    ("they sound", "they seem"),
    ("it sounds", "it seems"),
    ("he sounds", "he seems"),
    ("she sounds", "she seems"),
    ("you sound", "you seem"),
    ("i sound", "i seem"),
    ("we sound", "we seem"),
    ("sound more", "seem more"),
    ("sounds more", "seems more"),
    ("sound less", "seem less"),
    ("sound too", "seem too"),
    ("sounds too", "seems too"),
    ("sound so", "seem so"),
    ("sound very", "seem very"),
    // A web page's form is typed text, not a scanned document.
    ("contact form", "contact page messages"),
    ("contact forms", "contact page messages"),
    ("web form", "web page messages"),
    ("signup form", "signup page messages"),
    ("sign up form", "sign up page messages"),
    ("registration form", "registration page messages"),
    ("feedback form", "feedback page messages"),
];

/// `text` with each phrase of [`SENSES`] read as its reading, and the phrases read (longest
/// first; a phrase inside a longer one that matched is not read again).
pub fn read_senses(text: &str) -> (String, Vec<&'static (&'static str, &'static str)>) {
    let lower = text.to_lowercase();
    let hits: Vec<&'static (&'static str, &'static str)> = SENSES.iter().filter(|s| contains_phrase(&lower, s.0)).collect();
    let hits = super::task_words::longest_distinct(hits, |s| s.0);
    if hits.is_empty() {
        return (text.to_string(), hits);
    }
    let mut out = lower;
    for (phrase, reading) in &hits {
        out = replace_whole(&out, phrase, reading);
    }
    (out, hits)
}

/// `hay` with every whole-word occurrence of `phrase` replaced by `by`.
fn replace_whole(hay: &str, phrase: &str, by: &str) -> String {
    let mut out = String::with_capacity(hay.len() + by.len());
    let mut rest = hay;
    while let Some(pos) = rest.find(phrase) {
        let end = pos + phrase.len();
        let glued_before = rest[..pos].chars().next_back().is_some_and(char::is_alphanumeric);
        let glued_after = rest[end..].chars().next().is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..pos]);
        out.push_str(if glued_before || glued_after { phrase } else { by });
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_word_questions_are_read_as_their_task() {
        let (text, hits) = read_senses("Show who speaks when in our meeting recordings");
        assert!(text.contains("speaker diarization"), "{text}");
        assert_eq!(hits.len(), 1);
        assert!(read_senses("guess how old someone is").0.contains("age estimation"));
        // Whole words only: "however oldies" is no "how old".
        assert!(read_senses("however oldies are fine").1.is_empty());
    }

    #[test]
    fn everyday_senses_of_task_words_are_not_their_task_sense() {
        let (text, _) = read_senses("tell whether they sound happy, sad or angry");
        assert!(!text.contains("sound"), "{text}");
        assert!(!read_senses("make my emails sound more polite").0.contains("sound"));
        assert!(!read_senses("junk from our contact form").0.contains("form"));
        // The noun keeps its sense: sound events, scanned forms.
        assert!(read_senses("detect sounds like glass breaking").1.is_empty());
        assert!(read_senses("read scanned tax forms").1.is_empty());
        assert!(read_senses("sound effects for a game").1.is_empty());
    }

    #[test]
    fn every_reading_is_analysed_to_words() {
        let a = crate::analysis::Analyzer::new();
        for (phrase, reading) in SENSES {
            assert_eq!(phrase, &phrase.to_lowercase());
            assert!(!a.terms(reading).is_empty() || reading.split_whitespace().all(|w| a.is_stop_word(w)), "{phrase}");
        }
    }
}

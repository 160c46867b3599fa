//! Phrases that ask for a decision between labels: "tell *whether* a review is fake", "say if a
//! sentence is grammatical *or not*", "*guess which* programming language a snippet is in", "*how
//! old* is the person in the selfie", "是否", "かどうか".
//!
//! Why: a non-expert rarely names a classification task ("text classification", "image
//! classification"); they ask a yes/no or which-one question about their data. Such a question
//! says what comes out — a label — whatever everyday verbs ("write", "recordings") surround it, so
//! the intent reader counts it as a cue of text classification, and the request's kind of data
//! moves it to the image or audio sibling ("a child or an adult *voice*" → audio classification).
//! Matched on the lowercase request text: as whole words in spaced scripts, as substrings in
//! Chinese, Japanese and Korean.

use super::languages::is_cjk;

/// Decision phrases, lowercase; each with its language ("en" …) for the explanation.
pub const DECISION_PHRASES: &[(&str, &str)] = &[
    ("whether", "en"),
    ("or not", "en"),
    ("tell if", "en"),
    ("say if", "en"),
    ("check if", "en"),
    ("decide if", "en"),
    ("detect if", "en"),
    ("know if", "en"),
    ("guess if", "en"),
    ("find out if", "en"),
    ("determine if", "en"),
    ("work out if", "en"),
    ("tell which", "en"),
    ("guess which", "en"),
    ("detect which", "en"),
    ("figure out which", "en"),
    ("work out which", "en"),
    ("identify which", "en"),
    ("recognize which", "en"),
    ("how old", "en"),
    ("guess the age", "en"),
    ("yes or no", "en"),
    ("true or false", "en"),
    ("real or fake", "en"),
    ("says what it is", "en"),
    ("say what it is", "en"),
    ("tell what it is", "en"),
    ("what this is", "en"),
    ("good or bad", "en"),
    ("how many stars", "en"),
    ("を判定", "ja"),
    ("か判定", "ja"),
    ("を判別", "ja"),
    // The same either-or of a verdict in other languages.
    ("gut oder schlecht", "de"),
    ("positiv oder negativ", "de"),
    ("buenas o malas", "es"),
    ("buenos o malos", "es"),
    ("bueno o malo", "es"),
    ("buena o mala", "es"),
    ("positivas o negativas", "es"),
    ("positivos o negativos", "es"),
    ("positivo o negativo", "es"),
    ("bons ou mauvais", "fr"),
    ("bonnes ou mauvaises", "fr"),
    ("bon ou mauvais", "fr"),
    ("positif ou négatif", "fr"),
    ("positifs ou négatifs", "fr"),
    ("positives ou négatives", "fr"),
    ("boas ou ruins", "pt"),
    ("bons ou ruins", "pt"),
    ("bom ou ruim", "pt"),
    ("positivas ou negativas", "pt"),
    ("positivos ou negativos", "pt"),
    ("buone o cattive", "it"),
    ("buoni o cattivi", "it"),
    ("positive o negative", "it"),
    ("positivi o negativi", "it"),
    ("ob es", "de"),
    ("ob ein", "de"),
    ("ob der", "de"),
    ("ob die", "de"),
    ("ob das", "de"),
    ("oder nicht", "de"),
    ("saber si", "es"),
    ("detectar si", "es"),
    ("decidir si", "es"),
    ("o no", "es"),
    ("savoir si", "fr"),
    ("dire si", "fr"),
    ("dit si", "fr"),
    ("détecter si", "fr"),
    ("déterminer si", "fr"),
    ("ou non", "fr"),
    ("saber se", "pt"),
    ("indicar se", "pt"),
    ("dizer se", "pt"),
    ("indicare se", "it"),
    ("dire se", "it"),
    ("indicar si", "es"),
    ("decir si", "es"),
    ("detectar se", "pt"),
    ("ou não", "pt"),
    ("capire se", "it"),
    ("sapere se", "it"),
    ("rilevare se", "it"),
    ("o no", "it"),
    ("или нет", "ru"),
    ("определить, ", "ru"),
    ("是否", "zh"),
    ("判断", "zh"),
    ("是不是", "zh"),
    ("かどうか", "ja"),
    ("인지 아닌지", "ko"),
    ("여부", "ko"),
    ("ما إذا", "ar"),
];

/// The first decision phrase in `lower` (lowercase request text), with its language.
pub fn decision_in(lower: &str) -> Option<(&'static str, &'static str)> {
    DECISION_PHRASES.iter().copied().find(|(p, _)| {
        if p.chars().next().is_some_and(is_cjk) {
            return lower.contains(p);
        }
        lower.match_indices(p).any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + p.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_are_whole_phrases() {
        for text in [
            "tell whether a voice recording is a child or an adult",
            "say if each sentence is grammatical or not",
            "guess which programming language a snippet is written in",
            "how old is the person in the selfie",
            "point the camera at a thing and the app says what it is",
            "wir wollen wissen, ob es spam ist",
            "判断评论是否是垃圾广告",
            "レビューが本物かどうか判定したい",
            "queremos clasificar si los comentarios son buenos o malos",
            "on veut trier les avis, bons ou mauvais",
        ] {
            assert!(decision_in(&text.to_lowercase()).is_some(), "{text}");
        }
        for text in [
            "translate whetherly",
            "a chatbot for notaries",
            "summarize the news, or nothing",
            "a bot that writes poems",
            "explain what it is doing",
        ] {
            assert!(decision_in(text).is_none(), "{text}");
        }
    }
}

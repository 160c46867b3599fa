//! Which language a request is written in, from its script and its function words.
//!
//! Why our own tables: the engine builds for wasm32 and must stay small; a request is a sentence,
//! and the ten languages people most often write requests in are told apart reliably by their
//! script (Han, kana, Hangul, Cyrillic, Arabic) or, for Latin-script languages, by a handful of
//! function words and letters ("der", "für", "ß"; "para", "ñ"; "vers", "ç"…). The detected
//! language becomes a soft ranking preference when the request sets no language field, and the
//! explanation names the words that decided it.

use std::sync::LazyLock;

/// One language's evidence words (lowercase, whole words) and letters.
struct Profile {
    code: &'static str,
    words: &'static [&'static str],
    letters: &'static [char],
}

/// Latin-script profiles. Words shared by several languages ("de", "la", "en") count for each.
const LATIN: &[Profile] = &[
    Profile {
        code: "en",
        words: &[
            "the", "and", "for", "with", "to", "of", "that", "is", "my", "our", "we", "i", "from", "which", "a", "an", "in", "on", "it",
            // Everyday English words, so that an English sentence outweighs another language's
            // short words in it ("as" is Portuguese too and counts for both: "classify reports as
            // social or governance topics" stays English).
            "or", "as", "by", "at", "be", "are", "this", "not", "should", "must", "into", "each", "every", "can", "but", "will", "if",
            "their", "they", "you", "your", "any", "also", "than", "when", "what",
        ],
        letters: &[],
    },
    Profile {
        code: "de",
        words: &[
            "der",
            "die",
            "das",
            "und",
            "mit",
            "für",
            "ein",
            "eine",
            "einen",
            "nicht",
            "auf",
            "von",
            "zu",
            "ich",
            "wir",
            "ist",
            "den",
            "dem",
            "nach",
            "aus",
            "ins",
            "vom",
            "im",
            "oder",
            "auch",
            "soll",
            "muss",
            "kann",
            "unsere",
            "meine",
            "deutsche",
            "deutschen",
        ],
        letters: &['ß', 'ä', 'ö', 'ü'],
    },
    Profile {
        code: "es",
        words: &[
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "para",
            "con",
            "en",
            "un",
            "una",
            "que",
            "por",
            "al",
            "es",
            "mi",
            "sin",
            "nuestra",
            "nuestro",
            "español",
            "textos",
            "artículos",
            "noticias",
        ],
        letters: &['ñ', '¿', '¡', 'á', 'í', 'ó', 'ú'],
    },
    Profile {
        code: "fr",
        words: &[
            "le",
            "la",
            "les",
            "des",
            "du",
            "et",
            "pour",
            "avec",
            "un",
            "une",
            "de",
            "en",
            "que",
            "qui",
            "sur",
            "dans",
            "est",
            "pas",
            "au",
            "aux",
            "vers",
            "notre",
            "mon",
            "français",
            "textes",
        ],
        letters: &['ç', 'è', 'ê', 'à', 'ù', 'œ', 'é'],
    },
    Profile {
        code: "pt",
        words: &[
            "o",
            "a",
            "os",
            "as",
            "do",
            "da",
            "dos",
            "das",
            "e",
            "para",
            "com",
            "em",
            "um",
            "uma",
            "que",
            "não",
            "no",
            "na",
            "nosso",
            "nossa",
            "português",
            "textos",
            "notícias",
        ],
        letters: &['ã', 'õ', 'ç', 'á', 'ê', 'ó'],
    },
    Profile {
        code: "it",
        words: &[
            "il", "lo", "la", "gli", "le", "di", "del", "della", "e", "per", "con", "un", "una", "che", "non", "in", "nel", "dei", "delle",
            "nostro", "nostra", "italiano", "testi", "notizie",
        ],
        letters: &['ò', 'ì', 'è', 'à'],
    },
];

/// For each evidence word, the [`LATIN`] profiles that list it (bit `i` for `LATIN[i]`).
///
/// Why: task phrases are read several times per query, and each reading asks whether the text is
/// English-like ([`super::task_words`]); one lookup per word replaces a scan of every profile's
/// list, with the same hits in the same order.
static WORD_PROFILES: LazyLock<rustc_hash::FxHashMap<&'static str, u16>> = LazyLock::new(|| {
    let mut map = rustc_hash::FxHashMap::default();
    for (i, p) in LATIN.iter().enumerate() {
        for w in p.words {
            *map.entry(*w).or_insert(0) |= 1 << i;
        }
    }
    map
});

/// The language a request is written in and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RequestLanguage {
    /// ISO 639-1 code.
    pub code: String,
    /// English name.
    pub name: String,
    /// The words or script that decided it.
    pub because: String,
}

fn script_of(c: char) -> Option<&'static str> {
    match c as u32 {
        0x3040..=0x30ff => Some("ja"),
        0xac00..=0xd7af | 0x1100..=0x11ff => Some("ko"),
        0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff => Some("zh"),
        0x0400..=0x04ff => Some("ru"),
        0x0600..=0x06ff | 0x0750..=0x077f => Some("ar"),
        _ => None,
    }
}

/// Detects the language of a request text; `None` for English, for text too short to tell, and
/// for languages the tables do not cover.
pub fn detect(text: &str) -> Option<RequestLanguage> {
    detect_with(text, None)
}

/// [`detect`], given `task_words_in(text)` when the caller has read the text's task phrases already.
pub fn detect_with(text: &str, task_words: Option<&[&'static super::task_words::TaskWord]>) -> Option<RequestLanguage> {
    let make = |code: &str, because: String| {
        Some(RequestLanguage { code: code.to_string(), name: super::languages::name(code).unwrap_or(code).to_string(), because })
    };
    // Scripts first: any kana is Japanese (Japanese mixes kana with Han); else the commonest script.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for c in text.chars() {
        if let Some(s) = script_of(c) {
            match counts.iter_mut().find(|(k, _)| *k == s) {
                Some(e) => e.1 += 1,
                None => counts.push((s, 1)),
            }
        }
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    if counts.iter().any(|(s, _)| *s == "ja") {
        return make("ja", "written in Japanese script (kana)".into());
    }
    if let Some(&(s, n)) = counts.iter().max_by_key(|(_, n)| *n) {
        if n * 3 >= letters {
            let script = match s {
                "ko" => "Hangul",
                "zh" => "Chinese characters",
                "ru" => "Cyrillic",
                _ => "Arabic script",
            };
            // Ukrainian letters are not Russian.
            if s == "ru" && text.chars().any(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ')) {
                return make("uk", "written in Cyrillic with Ukrainian letters".into());
            }
            return make(s, format!("written in {script}"));
        }
    }
    // Latin script: function words and letters.
    let lower = text.to_lowercase();
    // A code pair ("de->en", "de-en") or list ("de/fr/es/en") names languages; its parts are not
    // function words.
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|t| {
            let t = t.trim_matches(|c: char| matches!(c, '.' | ',' | ':' | ';' | '(' | ')'));
            super::languages::code_pair(t).is_none() && !super::languages::code_list(t)
        })
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
        .collect();
    let read;
    let task_words = match task_words {
        Some(known) => known,
        None => {
            read = super::task_words::task_words_in(text);
            &read
        }
    };
    let marks: Vec<u16> = words.iter().map(|w| WORD_PROFILES.get(w).copied().unwrap_or(0)).collect();
    let mut best: Option<(usize, &Profile, Vec<String>)> = None;
    let mut english = 0;
    for (i, p) in LATIN.iter().enumerate() {
        let mut hits: Vec<String> = Vec::new();
        for (w, mark) in words.iter().zip(&marks) {
            if mark >> i & 1 == 1 && !hits.iter().any(|h| h == w) {
                hits.push(w.to_string());
            }
        }
        let letter_hits: Vec<char> = p.letters.iter().copied().filter(|c| lower.contains(*c)).collect();
        // A task phrase of the language ("umwandeln" is not needed: "sprache in text" is German).
        for w in task_words.iter().filter(|w| w.1 == p.code) {
            if !hits.iter().any(|h| h == w.0) {
                hits.push(w.0.to_string());
            }
        }
        let task_hits = task_words.iter().filter(|w| w.1 == p.code).count();
        let score = hits.len().saturating_sub(task_hits) * 2 + letter_hits.len() + task_hits * 3;
        if p.code == "en" {
            english = score;
            continue;
        }
        for c in letter_hits {
            hits.push(c.to_string());
        }
        if score >= 3 && best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, p, hits));
        }
    }
    let (score, p, hits) = best?;
    (score > english).then(|| make(p.code, format!("words {}", hits.iter().map(|h| format!("'{h}'")).collect::<Vec<_>>().join(", "))))?
}

/// A function word of a Latin-script language ("de", "la", "für"): it says nothing about the
/// model wanted, and as a search word it would match language codes in ids ("mt5-sum-de-en").
pub fn is_function_word(code: &str, word: &str) -> bool {
    // A lone hiragana character of a Japanese request is a particle or an inflection ("を", "に",
    // "した"'s "し"): searched, it matches every card written in Japanese.
    let mut chars = word.chars();
    if code == "ja" && chars.next().is_some_and(|c| ('\u{3040}'..='\u{309f}').contains(&c)) && chars.next().is_none() {
        return true;
    }
    code != "en"
        && LATIN
            .iter()
            .any(|p| p.code == code && p.words.contains(&word) && super::languages::code_of_name(word).is_none_or(|_| word.len() <= 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(t: &str) -> Option<String> {
        detect(t).map(|l| l.code)
    }

    #[test]
    fn the_word_index_holds_every_profile_word() {
        assert!(LATIN.len() <= 16);
        for (i, p) in LATIN.iter().enumerate() {
            for w in p.words {
                assert_eq!(WORD_PROFILES[w] >> i & 1, 1, "{w}");
            }
        }
        // A word several profiles list marks each of them ("de": es, fr, pt…).
        assert!(WORD_PROFILES["de"].count_ones() >= 2);
    }

    #[test]
    fn japanese_particles_are_function_words() {
        assert!(is_function_word("ja", "を") && is_function_word("ja", "に"));
        assert!(!is_function_word("ja", "物") && !is_function_word("ja", "検出") && !is_function_word("zh", "を"));
    }

    #[test]
    fn ten_languages_and_english() {
        assert_eq!(code("Sprache in Text umwandeln für unsere Kundenanrufe"), Some("de".into()));
        assert_eq!(code("Kundenbewertungen nach Stimmung klassifizieren, die Modelle müssen schnell sein"), Some("de".into()));
        assert_eq!(code("resumir artículos de noticias en español"), Some("es".into()));
        assert_eq!(code("résumer des articles de presse pour notre site"), Some("fr".into()));
        assert_eq!(code("classificar o sentimento das avaliações dos clientes"), Some("pt".into()));
        assert_eq!(code("riassumere gli articoli di notizie in italiano"), Some("it".into()));
        assert_eq!(code("将英文翻译成中文"), Some("zh".into()));
        assert_eq!(code("英語から日本語に翻訳する"), Some("ja".into()));
        assert_eq!(code("고객 리뷰 감정 분류"), Some("ko".into()));
        assert_eq!(code("классификация тональности отзывов"), Some("ru".into()));
        assert_eq!(code("تلخيص المقالات الإخبارية"), Some("ar".into()));
        assert_eq!(code("summarize news articles for our site"), None);
        assert_eq!(code("translate English to German"), None);
        assert_eq!(code("bert"), None);
        // A code pair is no Spanish "de … en".
        assert_eq!(code("de->en mt model, marian"), None);
        assert_eq!(code("pt-en nmt (de-en also ok)"), None);
        assert_eq!(code(""), None);
        // Codes listed with slashes are languages named, and everyday English words ("as", "or")
        // are English evidence: neither reads an English request as another language.
        assert_eq!(code("multilingual reranker for mixed de/fr/es/en queries"), None);
        assert_eq!(code("label each report sentence as environment, staff or board topics . E / S / B label"), None);
        assert_eq!(code("classificar as avaliações dos clientes"), Some("pt".into()));
        assert_eq!(code("transcrever as aulas gravadas do nosso curso"), Some("pt".into()));
        assert!(detect("resumir artículos de noticias en español").unwrap().because.contains("'de'"));
        assert_eq!(code("Sprache in Text umwandeln"), Some("de".into()));
        assert!(is_function_word("es", "de") && !is_function_word("en", "the") && !is_function_word("es", "español"));
    }
}

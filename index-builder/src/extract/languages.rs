//! Languages as ISO 639-1 codes, from wherever a record or card states them.
//!
//! Why: "a German model" is a hard constraint, and the Hub states languages in five places of
//! uneven quality: the record's `languages`, the card's `language:` header, bare code tags ("de"),
//! the id ("bert-base-german-cased", "opus-mt-en-de") and the description ("trained on Chinese
//! news"). We read them in that order of trust and stop at the first that names any language.
//! Three-letter and bibliographic codes map to two letters when one exists; codes with no
//! two-letter form are kept as given (as the catalog does); "multilingual" is kept as a marker.

/// ISO 639-1 code, ISO 639-2/T code, ISO 639-2/B code (when different), English name.
/// Generated from the iso-codes package's ISO 639-2 table (the 184 entries with a 639-1 code).
const ISO: &[(&str, &str, &str, &str)] = &[
    ("aa", "aar", "", "Afar"),
    ("ab", "abk", "", "Abkhazian"),
    ("ae", "ave", "", "Avestan"),
    ("af", "afr", "", "Afrikaans"),
    ("ak", "aka", "", "Akan"),
    ("am", "amh", "", "Amharic"),
    ("an", "arg", "", "Aragonese"),
    ("ar", "ara", "", "Arabic"),
    ("as", "asm", "", "Assamese"),
    ("av", "ava", "", "Avaric"),
    ("ay", "aym", "", "Aymara"),
    ("az", "aze", "", "Azerbaijani"),
    ("ba", "bak", "", "Bashkir"),
    ("be", "bel", "", "Belarusian"),
    ("bg", "bul", "", "Bulgarian"),
    ("bh", "bih", "", "Bihari languages"),
    ("bi", "bis", "", "Bislama"),
    ("bm", "bam", "", "Bambara"),
    ("bn", "ben", "", "Bengali"),
    ("bo", "bod", "tib", "Tibetan"),
    ("br", "bre", "", "Breton"),
    ("bs", "bos", "", "Bosnian"),
    ("ca", "cat", "", "Catalan"),
    ("ce", "che", "", "Chechen"),
    ("ch", "cha", "", "Chamorro"),
    ("co", "cos", "", "Corsican"),
    ("cr", "cre", "", "Cree"),
    ("cs", "ces", "cze", "Czech"),
    ("cu", "chu", "", "Church Slavic"),
    ("cv", "chv", "", "Chuvash"),
    ("cy", "cym", "wel", "Welsh"),
    ("da", "dan", "", "Danish"),
    ("de", "deu", "ger", "German"),
    ("dv", "div", "", "Divehi"),
    ("dz", "dzo", "", "Dzongkha"),
    ("ee", "ewe", "", "Ewe"),
    ("el", "ell", "gre", "Greek"),
    ("en", "eng", "", "English"),
    ("eo", "epo", "", "Esperanto"),
    ("es", "spa", "", "Spanish"),
    ("et", "est", "", "Estonian"),
    ("eu", "eus", "baq", "Basque"),
    ("fa", "fas", "per", "Persian"),
    ("ff", "ful", "", "Fulah"),
    ("fi", "fin", "", "Finnish"),
    ("fj", "fij", "", "Fijian"),
    ("fo", "fao", "", "Faroese"),
    ("fr", "fra", "fre", "French"),
    ("fy", "fry", "", "Western Frisian"),
    ("ga", "gle", "", "Irish"),
    ("gd", "gla", "", "Gaelic"),
    ("gl", "glg", "", "Galician"),
    ("gn", "grn", "", "Guarani"),
    ("gu", "guj", "", "Gujarati"),
    ("gv", "glv", "", "Manx"),
    ("ha", "hau", "", "Hausa"),
    ("he", "heb", "", "Hebrew"),
    ("hi", "hin", "", "Hindi"),
    ("ho", "hmo", "", "Hiri Motu"),
    ("hr", "hrv", "", "Croatian"),
    ("ht", "hat", "", "Haitian"),
    ("hu", "hun", "", "Hungarian"),
    ("hy", "hye", "arm", "Armenian"),
    ("hz", "her", "", "Herero"),
    ("ia", "ina", "", "Interlingua"),
    ("id", "ind", "", "Indonesian"),
    ("ie", "ile", "", "Interlingue"),
    ("ig", "ibo", "", "Igbo"),
    ("ii", "iii", "", "Sichuan Yi"),
    ("ik", "ipk", "", "Inupiaq"),
    ("io", "ido", "", "Ido"),
    ("is", "isl", "ice", "Icelandic"),
    ("it", "ita", "", "Italian"),
    ("iu", "iku", "", "Inuktitut"),
    ("ja", "jpn", "", "Japanese"),
    ("jv", "jav", "", "Javanese"),
    ("ka", "kat", "geo", "Georgian"),
    ("kg", "kon", "", "Kongo"),
    ("ki", "kik", "", "Kikuyu"),
    ("kj", "kua", "", "Kuanyama"),
    ("kk", "kaz", "", "Kazakh"),
    ("kl", "kal", "", "Kalaallisut"),
    ("km", "khm", "", "Central Khmer"),
    ("kn", "kan", "", "Kannada"),
    ("ko", "kor", "", "Korean"),
    ("kr", "kau", "", "Kanuri"),
    ("ks", "kas", "", "Kashmiri"),
    ("ku", "kur", "", "Kurdish"),
    ("kv", "kom", "", "Komi"),
    ("kw", "cor", "", "Cornish"),
    ("ky", "kir", "", "Kirghiz"),
    ("la", "lat", "", "Latin"),
    ("lb", "ltz", "", "Luxembourgish"),
    ("lg", "lug", "", "Ganda"),
    ("li", "lim", "", "Limburgan"),
    ("ln", "lin", "", "Lingala"),
    ("lo", "lao", "", "Lao"),
    ("lt", "lit", "", "Lithuanian"),
    ("lu", "lub", "", "Luba-Katanga"),
    ("lv", "lav", "", "Latvian"),
    ("mg", "mlg", "", "Malagasy"),
    ("mh", "mah", "", "Marshallese"),
    ("mi", "mri", "mao", "Maori"),
    ("mk", "mkd", "mac", "Macedonian"),
    ("ml", "mal", "", "Malayalam"),
    ("mn", "mon", "", "Mongolian"),
    ("mr", "mar", "", "Marathi"),
    ("ms", "msa", "may", "Malay"),
    ("mt", "mlt", "", "Maltese"),
    ("my", "mya", "bur", "Burmese"),
    ("na", "nau", "", "Nauru"),
    ("nb", "nob", "", "Bokmål"),
    ("nd", "nde", "", "Ndebele"),
    ("ne", "nep", "", "Nepali"),
    ("ng", "ndo", "", "Ndonga"),
    ("nl", "nld", "dut", "Dutch"),
    ("nn", "nno", "", "Norwegian Nynorsk"),
    ("no", "nor", "", "Norwegian"),
    ("nr", "nbl", "", "Ndebele"),
    ("nv", "nav", "", "Navajo"),
    ("ny", "nya", "", "Chichewa"),
    ("oc", "oci", "", "Occitan"),
    ("oj", "oji", "", "Ojibwa"),
    ("om", "orm", "", "Oromo"),
    ("or", "ori", "", "Oriya"),
    ("os", "oss", "", "Ossetian"),
    ("pa", "pan", "", "Panjabi"),
    ("pi", "pli", "", "Pali"),
    ("pl", "pol", "", "Polish"),
    ("ps", "pus", "", "Pushto"),
    ("pt", "por", "", "Portuguese"),
    ("qu", "que", "", "Quechua"),
    ("rm", "roh", "", "Romansh"),
    ("rn", "run", "", "Rundi"),
    ("ro", "ron", "rum", "Romanian"),
    ("ru", "rus", "", "Russian"),
    ("rw", "kin", "", "Kinyarwanda"),
    ("sa", "san", "", "Sanskrit"),
    ("sc", "srd", "", "Sardinian"),
    ("sd", "snd", "", "Sindhi"),
    ("se", "sme", "", "Northern Sami"),
    ("sg", "sag", "", "Sango"),
    ("si", "sin", "", "Sinhala"),
    ("sk", "slk", "slo", "Slovak"),
    ("sl", "slv", "", "Slovenian"),
    ("sm", "smo", "", "Samoan"),
    ("sn", "sna", "", "Shona"),
    ("so", "som", "", "Somali"),
    ("sq", "sqi", "alb", "Albanian"),
    ("sr", "srp", "", "Serbian"),
    ("ss", "ssw", "", "Swati"),
    ("st", "sot", "", "Sotho"),
    ("su", "sun", "", "Sundanese"),
    ("sv", "swe", "", "Swedish"),
    ("sw", "swa", "", "Swahili"),
    ("ta", "tam", "", "Tamil"),
    ("te", "tel", "", "Telugu"),
    ("tg", "tgk", "", "Tajik"),
    ("th", "tha", "", "Thai"),
    ("ti", "tir", "", "Tigrinya"),
    ("tk", "tuk", "", "Turkmen"),
    ("tl", "tgl", "", "Tagalog"),
    ("tn", "tsn", "", "Tswana"),
    ("to", "ton", "", "Tonga"),
    ("tr", "tur", "", "Turkish"),
    ("ts", "tso", "", "Tsonga"),
    ("tt", "tat", "", "Tatar"),
    ("tw", "twi", "", "Twi"),
    ("ty", "tah", "", "Tahitian"),
    ("ug", "uig", "", "Uighur"),
    ("uk", "ukr", "", "Ukrainian"),
    ("ur", "urd", "", "Urdu"),
    ("uz", "uzb", "", "Uzbek"),
    ("ve", "ven", "", "Venda"),
    ("vi", "vie", "", "Vietnamese"),
    ("vo", "vol", "", "Volapük"),
    ("wa", "wln", "", "Walloon"),
    ("wo", "wol", "", "Wolof"),
    ("xh", "xho", "", "Xhosa"),
    ("yi", "yid", "", "Yiddish"),
    ("yo", "yor", "", "Yoruba"),
    ("za", "zha", "", "Zhuang"),
    ("zh", "zho", "chi", "Chinese"),
    ("zu", "zul", "", "Zulu"),
];

/// Old or alternative spellings seen in Hub metadata.
const ALIASES: &[(&str, &str)] =
    &[("iw", "he"), ("in", "id"), ("ji", "yi"), ("jw", "jv"), ("mo", "ro"), ("sh", "sr"), ("zh-cn", "zh"), ("zh-tw", "zh"), ("nob", "nb")];

/// Language words developers write, mapped to codes. Only names unlikely to mean anything else.
const WORDS: &[(&str, &str)] = &[
    ("english", "en"),
    ("german", "de"),
    ("deutsch", "de"),
    ("french", "fr"),
    ("français", "fr"),
    ("spanish", "es"),
    ("español", "es"),
    ("chinese", "zh"),
    ("mandarin", "zh"),
    ("cantonese", "zh"),
    ("japanese", "ja"),
    ("korean", "ko"),
    ("russian", "ru"),
    ("arabic", "ar"),
    ("portuguese", "pt"),
    ("italian", "it"),
    ("dutch", "nl"),
    ("flemish", "nl"),
    ("polish", "pl"),
    ("turkish", "tr"),
    ("vietnamese", "vi"),
    ("persian", "fa"),
    ("farsi", "fa"),
    ("hindi", "hi"),
    ("bengali", "bn"),
    ("bangla", "bn"),
    ("urdu", "ur"),
    ("indonesian", "id"),
    ("malay", "ms"),
    ("thai", "th"),
    ("hebrew", "he"),
    ("greek", "el"),
    ("czech", "cs"),
    ("slovak", "sk"),
    ("slovenian", "sl"),
    ("croatian", "hr"),
    ("serbian", "sr"),
    ("bosnian", "bs"),
    ("bulgarian", "bg"),
    ("macedonian", "mk"),
    ("albanian", "sq"),
    ("romanian", "ro"),
    ("hungarian", "hu"),
    ("ukrainian", "uk"),
    ("belarusian", "be"),
    ("swedish", "sv"),
    ("danish", "da"),
    ("norwegian", "no"),
    ("finnish", "fi"),
    ("estonian", "et"),
    ("latvian", "lv"),
    ("lithuanian", "lt"),
    ("icelandic", "is"),
    ("irish", "ga"),
    ("welsh", "cy"),
    ("catalan", "ca"),
    ("basque", "eu"),
    ("galician", "gl"),
    ("armenian", "hy"),
    ("georgian", "ka"),
    ("azerbaijani", "az"),
    ("kazakh", "kk"),
    ("uzbek", "uz"),
    ("mongolian", "mn"),
    ("tamil", "ta"),
    ("telugu", "te"),
    ("marathi", "mr"),
    ("gujarati", "gu"),
    ("kannada", "kn"),
    ("malayalam", "ml"),
    ("punjabi", "pa"),
    ("nepali", "ne"),
    ("sinhala", "si"),
    ("sinhalese", "si"),
    ("khmer", "km"),
    ("burmese", "my"),
    ("tagalog", "tl"),
    ("filipino", "tl"),
    ("swahili", "sw"),
    ("amharic", "am"),
    ("yoruba", "yo"),
    ("hausa", "ha"),
    ("igbo", "ig"),
    ("zulu", "zu"),
    ("xhosa", "xh"),
    ("afrikaans", "af"),
    ("somali", "so"),
    ("pashto", "ps"),
    ("kurdish", "ku"),
    ("tatar", "tt"),
    ("uyghur", "ug"),
    ("tibetan", "bo"),
    ("latin", "la"),
    ("esperanto", "eo"),
    ("luxembourgish", "lb"),
    ("maltese", "mt"),
    ("javanese", "jv"),
    ("sundanese", "su"),
    ("kinyarwanda", "rw"),
    ("kyrgyz", "ky"),
    ("tajik", "tg"),
    ("turkmen", "tk"),
    ("lao", "lo"),
    ("maori", "mi"),
    ("faroese", "fo"),
    ("frisian", "fy"),
];

/// Two-letter codes that, as id tokens, usually mean a language rather than something else
/// ("it" = instruction-tuned, "mt" = machine translation, "ml", "sd", "no", "to" … are left out).
const ID_CODES: &[&str] = &[
    "en", "de", "fr", "es", "zh", "ja", "ko", "ru", "ar", "pt", "nl", "pl", "tr", "vi", "fa", "hi", "uk", "cs", "sv", "da", "fi", "el",
    "he", "hu", "ro", "th", "bg", "ca", "hr", "sr", "sk", "sl", "et", "lv", "lt", "bn", "ta", "te", "ur", "sw", "ms", "tl", "af", "eu",
    "gl", "ka", "hy", "kk", "uz", "mn", "ne", "si", "km", "my", "am", "yo", "zu", "xh", "ga", "cy", "is", "sq", "mk", "bs", "be", "ky",
    "tg", "ps", "ku", "mr", "gu", "kn", "pa", "ha", "ig", "so", "eo", "la", "lb", "jv", "su", "rw", "tt", "ug", "lo", "mi", "fo", "fy",
    "id", "nb", "nn",
];

static WORD_MAP: std::sync::LazyLock<std::collections::HashMap<&'static str, &'static str>> =
    std::sync::LazyLock::new(|| WORDS.iter().copied().collect());

static CODE_MAP: std::sync::LazyLock<std::collections::HashMap<&'static str, &'static str>> = std::sync::LazyLock::new(|| {
    let mut m = std::collections::HashMap::new();
    for r in ISO {
        m.insert(r.0, r.0);
        m.insert(r.1, r.0);
        if !r.2.is_empty() {
            m.insert(r.2, r.0);
        }
    }
    m
});

fn word_code(w: &str) -> Option<&'static str> {
    WORD_MAP.get(w).copied()
}

/// Marker kept for models that say they cover many languages.
pub const MULTILINGUAL: &str = "multilingual";

/// The ISO 639-1 code for a language value ("de", "deu", "ger", "de-AT", "German", "zh_Hans"),
/// `multilingual` for the marker, the lowercased value for other plausible 3-letter codes, and
/// `None` for anything else ("code", "other", free text).
pub fn normalize(value: &str) -> Option<String> {
    let v = value.trim().to_lowercase();
    if v.is_empty() || v.len() > 40 {
        return None;
    }
    if v == MULTILINGUAL || v == "multi" || v == "mul" {
        return Some(MULTILINGUAL.to_string());
    }
    if let Some(&(_, to)) = ALIASES.iter().find(|(from, _)| *from == v) {
        return Some(to.to_string());
    }
    let primary = v.split(['-', '_']).next().unwrap_or(&v);
    if let Some(&(_, to)) = ALIASES.iter().find(|(from, _)| *from == primary) {
        return Some(to.to_string());
    }
    if let Some(code) = CODE_MAP.get(primary) {
        return Some(code.to_string());
    }
    if let Some(code) = word_code(&v) {
        return Some(code.to_string());
    }
    if primary.len() == 3 && primary.bytes().all(|b| b.is_ascii_lowercase()) && primary != "code" {
        return Some(primary.to_string());
    }
    None
}

/// English name of an ISO 639-1 code.
pub fn name(code: &str) -> Option<&'static str> {
    ISO.iter().find(|r| r.0 == code).map(|r| r.3)
}

fn push(out: &mut Vec<String>, code: String) {
    if !out.contains(&code) {
        out.push(code);
    }
}

/// Normalizes and deduplicates explicit language values (record, front matter).
pub fn from_values<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out = Vec::new();
    for v in values {
        if let Some(c) = normalize(v) {
            push(&mut out, c);
        }
    }
    out
}

/// Bare two-letter tags that are language codes ("de", "zh"); "ml" and "sd" are left out, they
/// usually mean machine learning and Stable Diffusion.
pub fn from_tags(tags: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for t in tags {
        let t = t.trim().to_ascii_lowercase();
        let is_code = t.len() == 2 && t != "ml" && t != "sd" && CODE_MAP.contains_key(t.as_str());
        if t == MULTILINGUAL || is_code {
            push(&mut out, t);
        }
    }
    out
}

/// Codes that are also common id words ("my-model", "MS" = Microsoft, "MN" = Mistral Nemo,
/// "is", "am", "be", "so", "la", "ne"…): only read as languages next to a clear language in the
/// same id ("opus-mt-de-is", "translation-en-ms").
const AMBIGUOUS_ID_CODES: &[&str] = &[
    "my", "mn", "ms", "lo", "am", "is", "be", "so", "la", "ne", "ha", "ga", "su", "tt", "ku", "id", "tl", "ka", "si", "km", "ky", "tg",
    "pa", "lb", "fo", "fy", "eu", "gl", "hy", "sq", "bs", "cy", "af", "rw", "jv", "ig", "yo", "zu", "xh", "ps", "uz", "kk", "mi", "mk",
    "eo",
];

/// Languages named in a model id: language words ("german") and, for translation-style ids
/// ("opus-mt-en-de") or unambiguous tokens, two-letter codes.
pub fn from_id(id: &str) -> Vec<String> {
    let name = id.rsplit('/').next().unwrap_or(id).to_lowercase();
    let tokens: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let mut out = Vec::new();
    let mut ambiguous = Vec::new();
    for t in &tokens {
        if *t == MULTILINGUAL {
            push(&mut out, MULTILINGUAL.to_string());
        } else if let Some(code) = word_code(t) {
            push(&mut out, code.to_string());
        } else if t.len() == 2 && ID_CODES.contains(t) {
            if AMBIGUOUS_ID_CODES.contains(t) {
                ambiguous.push(t.to_string());
            } else {
                push(&mut out, t.to_string());
            }
        }
    }
    if out.iter().any(|c| c != MULTILINGUAL) {
        for a in ambiguous {
            push(&mut out, a);
        }
    }
    out
}

/// Language words in prose ("fine-tuned on German tweets", "a multilingual encoder").
pub fn from_text(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() >= 3 && w.len() <= 14) {
        let w = word.to_lowercase();
        if w == MULTILINGUAL {
            push(&mut out, w);
        } else if let Some(code) = word_code(&w) {
            push(&mut out, code.to_string());
        }
        if out.len() >= 20 {
            break;
        }
    }
    out
}

/// Template text: "English (en), German (de)"; long lists become "multilingual (99 languages): en, zh, …".
pub fn describe(codes: &[String]) -> String {
    let real: Vec<&String> = codes.iter().filter(|c| *c != MULTILINGUAL).collect();
    if real.len() > 12 {
        let list: Vec<&str> = real.iter().map(|c| c.as_str()).collect();
        return format!("multilingual ({} languages): {}", real.len(), list.join(", "));
    }
    codes
        .iter()
        .map(|c| match name(c) {
            Some(n) => format!("{n} ({c})"),
            None => c.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_normalize() {
        assert_eq!(normalize("de").as_deref(), Some("de"));
        assert_eq!(normalize("deu").as_deref(), Some("de"));
        assert_eq!(normalize("ger").as_deref(), Some("de"));
        assert_eq!(normalize("pt-BR").as_deref(), Some("pt"));
        assert_eq!(normalize("zh_Hans").as_deref(), Some("zh"));
        assert_eq!(normalize("German").as_deref(), Some("de"));
        assert_eq!(normalize("iw").as_deref(), Some("he"));
        assert_eq!(normalize("fon").as_deref(), Some("fon"));
        assert_eq!(normalize("Multilingual").as_deref(), Some("multilingual"));
        assert_eq!(normalize("code"), None);
        assert_eq!(normalize("some words here"), None);
    }

    #[test]
    fn ids_tags_and_text() {
        assert_eq!(from_id("dbmdz/bert-base-german-cased"), vec!["de"]);
        assert_eq!(from_id("Helsinki-NLP/opus-mt-en-de"), vec!["en", "de"]);
        assert!(from_id("google/gemma-2b-it").is_empty());
        assert!(from_id("someone/my-awesome-model").is_empty());
        assert!(from_id("org/MN-Chinofun-12B").is_empty());
        assert_eq!(from_id("Helsinki-NLP/opus-mt-de-is"), vec!["de", "is"]);
        assert!(from_id("google-bert/bert-base-uncased").is_empty());
        assert_eq!(from_tags(&["transformers".into(), "de".into(), "ml".into(), "tf".into()]), vec!["de"]);
        assert_eq!(from_text("A multilingual encoder, strongest on Chinese and English."), vec!["multilingual", "zh", "en"]);
    }

    #[test]
    fn descriptions() {
        assert_eq!(describe(&["en".into(), "de".into()]), "English (en), German (de)");
        let many: Vec<String> = ISO.iter().take(20).map(|r| r.0.to_string()).collect();
        assert!(describe(&many).starts_with("multilingual (20 languages): aa, ab"));
    }
}

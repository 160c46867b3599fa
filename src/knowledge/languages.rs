//! Languages: ISO 639-1/-2 codes, English names and the names people write in other languages,
//! and the readers that turn a request word, a metadata value, a tag, a model id or card prose
//! into ISO 639-1 codes.
//!
//! Why one table: cards list codes ("de", "deu", "ger", "de-AT") while developers write names
//! ("German", "Deutsch", "alemán"); both sides must land on the same code or a language rule
//! would judge a model by a different reading than the request's. Each reader differs only in how
//! careful it must be with words that are also English ("it", "no", "is"): that care is written
//! next to the table ([`ENGLISH_WORD_CODES`], [`ID_CODES`], [`AMBIGUOUS_ID_CODES`]).
//!
//! Card side: the Hub states languages in five places of uneven quality — the record's
//! `languages`, the card's `language:` header, bare code tags ("de"), the id
//! ("bert-base-german-cased", "opus-mt-en-de") and the description ("trained on Chinese news").
//! Three-letter and bibliographic codes map to two letters when one exists; codes with no
//! two-letter form are kept as given (as the catalog does); "multilingual" is kept as a marker.

/// One ISO 639 language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-1 code ("de").
    pub code: &'static str,
    /// ISO 639-2/T code ("deu").
    pub terminology: &'static str,
    /// ISO 639-2/B code when different ("ger"), else "".
    pub bibliographic: &'static str,
    /// English name ("German").
    pub name: &'static str,
}

const fn lang(code: &'static str, terminology: &'static str, bibliographic: &'static str, name: &'static str) -> Language {
    Language { code, terminology, bibliographic, name }
}

/// Every language with an ISO 639-1 code. Generated from the iso-codes package's ISO 639-2 table (the 184 entries with a 639-1 code).
pub const LANGUAGES: &[Language] = &[
    lang("aa", "aar", "", "Afar"),
    lang("ab", "abk", "", "Abkhazian"),
    lang("ae", "ave", "", "Avestan"),
    lang("af", "afr", "", "Afrikaans"),
    lang("ak", "aka", "", "Akan"),
    lang("am", "amh", "", "Amharic"),
    lang("an", "arg", "", "Aragonese"),
    lang("ar", "ara", "", "Arabic"),
    lang("as", "asm", "", "Assamese"),
    lang("av", "ava", "", "Avaric"),
    lang("ay", "aym", "", "Aymara"),
    lang("az", "aze", "", "Azerbaijani"),
    lang("ba", "bak", "", "Bashkir"),
    lang("be", "bel", "", "Belarusian"),
    lang("bg", "bul", "", "Bulgarian"),
    lang("bh", "bih", "", "Bihari languages"),
    lang("bi", "bis", "", "Bislama"),
    lang("bm", "bam", "", "Bambara"),
    lang("bn", "ben", "", "Bengali"),
    lang("bo", "bod", "tib", "Tibetan"),
    lang("br", "bre", "", "Breton"),
    lang("bs", "bos", "", "Bosnian"),
    lang("ca", "cat", "", "Catalan"),
    lang("ce", "che", "", "Chechen"),
    lang("ch", "cha", "", "Chamorro"),
    lang("co", "cos", "", "Corsican"),
    lang("cr", "cre", "", "Cree"),
    lang("cs", "ces", "cze", "Czech"),
    lang("cu", "chu", "", "Church Slavic"),
    lang("cv", "chv", "", "Chuvash"),
    lang("cy", "cym", "wel", "Welsh"),
    lang("da", "dan", "", "Danish"),
    lang("de", "deu", "ger", "German"),
    lang("dv", "div", "", "Divehi"),
    lang("dz", "dzo", "", "Dzongkha"),
    lang("ee", "ewe", "", "Ewe"),
    lang("el", "ell", "gre", "Greek"),
    lang("en", "eng", "", "English"),
    lang("eo", "epo", "", "Esperanto"),
    lang("es", "spa", "", "Spanish"),
    lang("et", "est", "", "Estonian"),
    lang("eu", "eus", "baq", "Basque"),
    lang("fa", "fas", "per", "Persian"),
    lang("ff", "ful", "", "Fulah"),
    lang("fi", "fin", "", "Finnish"),
    lang("fj", "fij", "", "Fijian"),
    lang("fo", "fao", "", "Faroese"),
    lang("fr", "fra", "fre", "French"),
    lang("fy", "fry", "", "Western Frisian"),
    lang("ga", "gle", "", "Irish"),
    lang("gd", "gla", "", "Gaelic"),
    lang("gl", "glg", "", "Galician"),
    lang("gn", "grn", "", "Guarani"),
    lang("gu", "guj", "", "Gujarati"),
    lang("gv", "glv", "", "Manx"),
    lang("ha", "hau", "", "Hausa"),
    lang("he", "heb", "", "Hebrew"),
    lang("hi", "hin", "", "Hindi"),
    lang("ho", "hmo", "", "Hiri Motu"),
    lang("hr", "hrv", "", "Croatian"),
    lang("ht", "hat", "", "Haitian"),
    lang("hu", "hun", "", "Hungarian"),
    lang("hy", "hye", "arm", "Armenian"),
    lang("hz", "her", "", "Herero"),
    lang("ia", "ina", "", "Interlingua"),
    lang("id", "ind", "", "Indonesian"),
    lang("ie", "ile", "", "Interlingue"),
    lang("ig", "ibo", "", "Igbo"),
    lang("ii", "iii", "", "Sichuan Yi"),
    lang("ik", "ipk", "", "Inupiaq"),
    lang("io", "ido", "", "Ido"),
    lang("is", "isl", "ice", "Icelandic"),
    lang("it", "ita", "", "Italian"),
    lang("iu", "iku", "", "Inuktitut"),
    lang("ja", "jpn", "", "Japanese"),
    lang("jv", "jav", "", "Javanese"),
    lang("ka", "kat", "geo", "Georgian"),
    lang("kg", "kon", "", "Kongo"),
    lang("ki", "kik", "", "Kikuyu"),
    lang("kj", "kua", "", "Kuanyama"),
    lang("kk", "kaz", "", "Kazakh"),
    lang("kl", "kal", "", "Kalaallisut"),
    lang("km", "khm", "", "Central Khmer"),
    lang("kn", "kan", "", "Kannada"),
    lang("ko", "kor", "", "Korean"),
    lang("kr", "kau", "", "Kanuri"),
    lang("ks", "kas", "", "Kashmiri"),
    lang("ku", "kur", "", "Kurdish"),
    lang("kv", "kom", "", "Komi"),
    lang("kw", "cor", "", "Cornish"),
    lang("ky", "kir", "", "Kirghiz"),
    lang("la", "lat", "", "Latin"),
    lang("lb", "ltz", "", "Luxembourgish"),
    lang("lg", "lug", "", "Ganda"),
    lang("li", "lim", "", "Limburgan"),
    lang("ln", "lin", "", "Lingala"),
    lang("lo", "lao", "", "Lao"),
    lang("lt", "lit", "", "Lithuanian"),
    lang("lu", "lub", "", "Luba-Katanga"),
    lang("lv", "lav", "", "Latvian"),
    lang("mg", "mlg", "", "Malagasy"),
    lang("mh", "mah", "", "Marshallese"),
    lang("mi", "mri", "mao", "Maori"),
    lang("mk", "mkd", "mac", "Macedonian"),
    lang("ml", "mal", "", "Malayalam"),
    lang("mn", "mon", "", "Mongolian"),
    lang("mr", "mar", "", "Marathi"),
    lang("ms", "msa", "may", "Malay"),
    lang("mt", "mlt", "", "Maltese"),
    lang("my", "mya", "bur", "Burmese"),
    lang("na", "nau", "", "Nauru"),
    lang("nb", "nob", "", "Bokmål"),
    lang("nd", "nde", "", "Ndebele"),
    lang("ne", "nep", "", "Nepali"),
    lang("ng", "ndo", "", "Ndonga"),
    lang("nl", "nld", "dut", "Dutch"),
    lang("nn", "nno", "", "Norwegian Nynorsk"),
    lang("no", "nor", "", "Norwegian"),
    lang("nr", "nbl", "", "Ndebele"),
    lang("nv", "nav", "", "Navajo"),
    lang("ny", "nya", "", "Chichewa"),
    lang("oc", "oci", "", "Occitan"),
    lang("oj", "oji", "", "Ojibwa"),
    lang("om", "orm", "", "Oromo"),
    lang("or", "ori", "", "Oriya"),
    lang("os", "oss", "", "Ossetian"),
    lang("pa", "pan", "", "Panjabi"),
    lang("pi", "pli", "", "Pali"),
    lang("pl", "pol", "", "Polish"),
    lang("ps", "pus", "", "Pushto"),
    lang("pt", "por", "", "Portuguese"),
    lang("qu", "que", "", "Quechua"),
    lang("rm", "roh", "", "Romansh"),
    lang("rn", "run", "", "Rundi"),
    lang("ro", "ron", "rum", "Romanian"),
    lang("ru", "rus", "", "Russian"),
    lang("rw", "kin", "", "Kinyarwanda"),
    lang("sa", "san", "", "Sanskrit"),
    lang("sc", "srd", "", "Sardinian"),
    lang("sd", "snd", "", "Sindhi"),
    lang("se", "sme", "", "Northern Sami"),
    lang("sg", "sag", "", "Sango"),
    lang("si", "sin", "", "Sinhala"),
    lang("sk", "slk", "slo", "Slovak"),
    lang("sl", "slv", "", "Slovenian"),
    lang("sm", "smo", "", "Samoan"),
    lang("sn", "sna", "", "Shona"),
    lang("so", "som", "", "Somali"),
    lang("sq", "sqi", "alb", "Albanian"),
    lang("sr", "srp", "", "Serbian"),
    lang("ss", "ssw", "", "Swati"),
    lang("st", "sot", "", "Sotho"),
    lang("su", "sun", "", "Sundanese"),
    lang("sv", "swe", "", "Swedish"),
    lang("sw", "swa", "", "Swahili"),
    lang("ta", "tam", "", "Tamil"),
    lang("te", "tel", "", "Telugu"),
    lang("tg", "tgk", "", "Tajik"),
    lang("th", "tha", "", "Thai"),
    lang("ti", "tir", "", "Tigrinya"),
    lang("tk", "tuk", "", "Turkmen"),
    lang("tl", "tgl", "", "Tagalog"),
    lang("tn", "tsn", "", "Tswana"),
    lang("to", "ton", "", "Tonga"),
    lang("tr", "tur", "", "Turkish"),
    lang("ts", "tso", "", "Tsonga"),
    lang("tt", "tat", "", "Tatar"),
    lang("tw", "twi", "", "Twi"),
    lang("ty", "tah", "", "Tahitian"),
    lang("ug", "uig", "", "Uighur"),
    lang("uk", "ukr", "", "Ukrainian"),
    lang("ur", "urd", "", "Urdu"),
    lang("uz", "uzb", "", "Uzbek"),
    lang("ve", "ven", "", "Venda"),
    lang("vi", "vie", "", "Vietnamese"),
    lang("vo", "vol", "", "Volapük"),
    lang("wa", "wln", "", "Walloon"),
    lang("wo", "wol", "", "Wolof"),
    lang("xh", "xho", "", "Xhosa"),
    lang("yi", "yid", "", "Yiddish"),
    lang("yo", "yor", "", "Yoruba"),
    lang("za", "zha", "", "Zhuang"),
    lang("zh", "zho", "chi", "Chinese"),
    lang("zu", "zul", "", "Zulu"),
];

/// Old or alternative spellings seen in Hub metadata.
const ALIASES: &[(&str, &str)] =
    &[("iw", "he"), ("in", "id"), ("ji", "yi"), ("jw", "jv"), ("mo", "ro"), ("sh", "sr"), ("zh-cn", "zh"), ("zh-tw", "zh"), ("nob", "nb")];

/// Names people write besides the English names of [`LANGUAGES`] (which are read too): other
/// spellings, the languages' own names and their names in the most common request languages.
/// Only names unlikely to mean anything else.
const NAMES: &[(&str, &str)] = &[
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
    ("brazilian", "pt"),
    ("castilian", "es"),
    ("norsk", "no"),
    // Own names and names in German, Spanish, French, Italian and Portuguese.
    ("englisch", "en"),
    ("inglés", "en"),
    ("ingles", "en"),
    ("anglais", "en"),
    ("inglese", "en"),
    ("inglês", "en"),
    ("alemán", "de"),
    ("aleman", "de"),
    ("allemand", "de"),
    ("tedesco", "de"),
    ("alemão", "de"),
    ("französisch", "fr"),
    ("francés", "fr"),
    ("frances", "fr"),
    ("francese", "fr"),
    ("francês", "fr"),
    ("spanisch", "es"),
    ("espagnol", "es"),
    ("spagnolo", "es"),
    ("espanhol", "es"),
    ("castellano", "es"),
    ("italienisch", "it"),
    ("italiano", "it"),
    ("italien", "it"),
    ("portugiesisch", "pt"),
    ("portugués", "pt"),
    ("portugais", "pt"),
    ("portoghese", "pt"),
    ("português", "pt"),
    ("chinesisch", "zh"),
    ("chinois", "zh"),
    ("cinese", "zh"),
    ("chinês", "zh"),
    ("中文", "zh"),
    ("汉语", "zh"),
    ("japanisch", "ja"),
    ("japonés", "ja"),
    ("japonais", "ja"),
    ("giapponese", "ja"),
    ("japonês", "ja"),
    ("日本語", "ja"),
    ("koreanisch", "ko"),
    ("coreano", "ko"),
    ("coréen", "ko"),
    ("한국어", "ko"),
    ("russisch", "ru"),
    ("ruso", "ru"),
    ("russe", "ru"),
    ("russo", "ru"),
    ("русский", "ru"),
    ("arabisch", "ar"),
    ("árabe", "ar"),
    ("arabo", "ar"),
    ("العربية", "ar"),
    ("niederländisch", "nl"),
    ("neerlandés", "nl"),
    ("néerlandais", "nl"),
    ("nederlands", "nl"),
    ("polnisch", "pl"),
    ("polski", "pl"),
    ("türkisch", "tr"),
    ("türkçe", "tr"),
    ("svenska", "sv"),
    ("dansk", "da"),
    ("suomi", "fi"),
];

/// Two-letter codes that are also English words: a request's "it is fine" or "no preference"
/// names no language, so request readers skip them as codes (names still count).
pub const ENGLISH_WORD_CODES: &[&str] = &[
    "is", "no", "it", "id", "my", "so", "am", "he", "la", "ne", "or", "to", "in", "on", "ca", "et", "be", "as", "an", "at", "ie", "co",
    "os", "pi", "st", "se", "sa", "mi", "na", "ti", "ho", "bi", "ab", "oh", "ok", "us", "we", "me", "do", "go", "up", "if", "of", "by",
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

/// Lowercase single-word English names of [`LANGUAGES`] and every entry of [`NAMES`] → code.
static WORD_MAP: std::sync::LazyLock<std::collections::HashMap<String, &'static str>> = std::sync::LazyLock::new(|| {
    let mut m: std::collections::HashMap<String, &'static str> = LANGUAGES
        .iter()
        .filter(|l| l.name.chars().all(char::is_alphabetic) && l.name.chars().count() >= 3)
        .map(|l| (l.name.to_lowercase(), l.code))
        .collect();
    for &(name, code) in NAMES {
        m.insert(name.to_string(), code);
    }
    m
});

static CODE_MAP: std::sync::LazyLock<std::collections::HashMap<&'static str, &'static str>> = std::sync::LazyLock::new(|| {
    let mut m = std::collections::HashMap::new();
    for l in LANGUAGES {
        m.insert(l.code, l.code);
        m.insert(l.terminology, l.code);
        if !l.bibliographic.is_empty() {
            m.insert(l.bibliographic, l.code);
        }
    }
    m
});

/// The code of a language *name* (any case): "German", "deutsch", "alemán" → "de".
pub fn code_of_name(word: &str) -> Option<&'static str> {
    let w = word.trim();
    WORD_MAP.get(w).or_else(|| WORD_MAP.get(&w.to_lowercase())).copied()
}

fn word_code(w: &str) -> Option<&'static str> {
    code_of_name(w)
}

/// How a request word reads: a language name, or a two-letter ISO 639-1 code that is not also
/// an English word ([`ENGLISH_WORD_CODES`]). Three-letter codes are not read from requests
/// ("per", "may" and "run" are codes too).
pub fn code_of_request_word(word: &str) -> Option<&'static str> {
    let w = word.trim().to_lowercase();
    if w.len() == 2 {
        if ENGLISH_WORD_CODES.contains(&w.as_str()) {
            return None;
        }
        return LANGUAGES.iter().find(|l| l.code == w).map(|l| l.code);
    }
    code_of_name(&w)
}

/// Marker kept for models that say they cover many languages.
pub const MULTILINGUAL: &str = "multilingual";

/// Words and phrases (lowercase) that ask for or state many languages.
pub const MULTILINGUAL_WORDS: &[&str] = &["multilingual", "multi-lingual", "many languages", "cross-lingual"];

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
    LANGUAGES.iter().find(|l| l.code == code).map(|l| l.name)
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
        let many: Vec<String> = LANGUAGES.iter().take(20).map(|l| l.code.to_string()).collect();
        assert!(describe(&many).starts_with("multilingual (20 languages): aa, ab"));
    }
}

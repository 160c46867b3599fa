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
    // Inflected forms that translation requests use ("aus dem Englischen ins Deutsche",
    // "с английского на русский", "dall'inglese all'italiano" after its elision).
    ("englischen", "en"),
    ("englische", "en"),
    ("deutschen", "de"),
    ("deutsche", "de"),
    ("französischen", "fr"),
    ("französische", "fr"),
    ("spanischen", "es"),
    ("spanische", "es"),
    ("italienischen", "it"),
    ("chinesischen", "zh"),
    ("japanischen", "ja"),
    ("russischen", "ru"),
    ("española", "es"),
    ("francesa", "fr"),
    ("alemana", "de"),
    ("inglesa", "en"),
    ("portuguesa", "pt"),
    ("italiana", "it"),
    ("japonesa", "ja"),
    ("française", "fr"),
    ("allemande", "de"),
    ("anglaise", "en"),
    ("английский", "en"),
    ("английского", "en"),
    ("английском", "en"),
    ("английскому", "en"),
    ("русского", "ru"),
    ("русском", "ru"),
    ("русскому", "ru"),
    ("немецкий", "de"),
    ("немецкого", "de"),
    ("немецком", "de"),
    ("французский", "fr"),
    ("французского", "fr"),
    ("испанский", "es"),
    ("испанского", "es"),
    ("китайский", "zh"),
    ("китайского", "zh"),
    ("японский", "ja"),
    ("японского", "ja"),
    ("арабский", "ar"),
    ("арабского", "ar"),
    ("الإنجليزية", "en"),
    ("الانجليزية", "en"),
    ("الإنكليزية", "en"),
    ("الفرنسية", "fr"),
    ("الألمانية", "de"),
    ("الإسبانية", "es"),
    ("الصينية", "zh"),
    ("اليابانية", "ja"),
    ("الروسية", "ru"),
    ("türkisch", "tr"),
    ("türkçe", "tr"),
    ("svenska", "sv"),
    ("dansk", "da"),
    ("suomi", "fi"),
];

/// Language names in scripts written without spaces (Chinese, Japanese, Korean): found as
/// substrings of a run of CJK text ("将英文翻译成中文"), longest first.
pub const CJK_NAMES: &[(&str, &str)] = &[
    ("英文", "en"),
    ("英语", "en"),
    ("英語", "en"),
    ("영어", "en"),
    ("中文", "zh"),
    ("汉语", "zh"),
    ("漢語", "zh"),
    ("华语", "zh"),
    ("中国語", "zh"),
    ("중국어", "zh"),
    ("日语", "ja"),
    ("日文", "ja"),
    ("日本語", "ja"),
    ("일본어", "ja"),
    ("韩语", "ko"),
    ("韩文", "ko"),
    ("韓国語", "ko"),
    ("한국어", "ko"),
    ("德语", "de"),
    ("德文", "de"),
    ("ドイツ語", "de"),
    ("독일어", "de"),
    ("法语", "fr"),
    ("法文", "fr"),
    ("フランス語", "fr"),
    ("프랑스어", "fr"),
    ("西班牙语", "es"),
    ("スペイン語", "es"),
    ("스페인어", "es"),
    ("俄语", "ru"),
    ("俄文", "ru"),
    ("ロシア語", "ru"),
    ("러시아어", "ru"),
    ("阿拉伯语", "ar"),
    ("アラビア語", "ar"),
    ("아랍어", "ar"),
    ("葡萄牙语", "pt"),
    ("ポルトガル語", "pt"),
    ("意大利语", "it"),
    ("イタリア語", "it"),
];

/// One language named in a text, with its byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub code: &'static str,
}

/// A letter of a script written without spaces between words (Chinese, Japanese) or matched as a
/// substring in requests (Korean attaches particles): readers match such phrases anywhere.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// Elided articles glued to a language name ("dall'inglese", "l'anglais", "d'anglais").
const ELISIONS: &[&str] = &["dall'", "dell'", "all'", "nell'", "l'", "d'", "dall’", "all’", "l’", "d’"];

/// Language names in a request text, in order: words (any case, elisions stripped) and CJK
/// names inside runs of CJK text. Two-letter codes are not read here (see [`direction_in_text`]).
pub fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let flush = |s: usize, e: usize, out: &mut Vec<Mention>| {
        let word = &text[s..e];
        if word.chars().any(is_cjk) {
            let mut i = 0;
            while i < word.len() {
                let rest = &word[i..];
                let hit = CJK_NAMES.iter().filter(|(n, _)| rest.starts_with(n)).max_by_key(|(n, _)| n.len());
                match hit {
                    Some((n, code)) => {
                        out.push(Mention { start: s + i, end: s + i + n.len(), code });
                        i += n.len();
                    }
                    None => i += rest.chars().next().map_or(1, char::len_utf8),
                }
            }
            return;
        }
        let lower = word.to_lowercase();
        let mut bare = lower.as_str();
        let mut offset = 0;
        for el in ELISIONS {
            if let Some(r) = bare.strip_prefix(el) {
                offset = el.len();
                bare = r;
                break;
            }
        }
        if bare.chars().count() >= 4 {
            if let Some(code) = code_of_name(bare) {
                // Lowercasing keeps byte lengths for these scripts closely enough; clamp to the word.
                out.push(Mention { start: (s + offset).min(e), end: e, code });
            }
        }
    };
    for (i, c) in text.char_indices() {
        if is_word(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            flush(s, i, &mut out);
        }
    }
    if let Some(s) = start {
        flush(s, text.len(), &mut out);
    }
    out
}

/// Words between two language names that make the first the source and the second the target
/// ("English *to* German", "*nach*", "*al*", "*vers*", "*para*", "*на*", "*إلى*", "翻译成", "から").
/// Matched as the whole text between the two names (lowercase, trimmed).
pub const DIRECTION_CONNECTORS: &[&str] = &[
    "to",
    "into",
    "→",
    "->",
    "=>",
    ">",
    "to the",
    "nach",
    "ins",
    "in das",
    "zu",
    "zum",
    "al",
    "a",
    "hacia",
    "vers",
    "vers le",
    "vers l'",
    "en",
    "au",
    "para",
    "para o",
    "para a",
    "para el",
    "ao",
    "alla",
    "all'",
    "all",
    "vers l",
    "in",
    "на",
    "в",
    "إلى",
    "الى",
    "成",
    "到",
    "为",
    "為",
    "译成",
    "翻译成",
    "翻譯成",
    "翻译为",
    "翻譯為",
    "译为",
    "转成",
    "转换成",
    "译",
    "から",
    "を",
    "に",
    "へ",
    "から日本語に",
    "を英語に",
    "를",
    "을",
    "에서",
];

/// A translation direction (ISO 639-1 codes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Direction {
    pub source: &'static str,
    pub target: &'static str,
    /// The words that said so.
    pub phrase: String,
}

/// Two-letter codes safe to read as a pair in a request ("ja→en", "de-en", "en2de").
fn safe_code(c: &str) -> Option<&'static str> {
    let c = c.to_ascii_lowercase();
    ID_CODES.iter().find(|x| **x == c && !AMBIGUOUS_ID_CODES.contains(x) && !ENGLISH_WORD_CODES.contains(x)).copied()
}

/// A pair of codes written as one token: "ja→en", "ja-en", "de>en", "en2de", "en_de".
pub(crate) fn code_pair(token: &str) -> Option<(&'static str, &'static str)> {
    // Two two-letter codes and a separator of 1–3 bytes: 5–7 bytes. Most tokens are not (this
    // runs for every word of every request and id).
    if !(5..=7).contains(&token.len()) {
        return None;
    }
    for sep in ["→", "->", "-", ">", "2", "_"] {
        if let Some((a, b)) = token.split_once(sep) {
            if a.len() == 2 && b.len() == 2 {
                return Some((safe_code(a)?, safe_code(b)?));
            }
        }
    }
    None
}

/// Codes listed with slashes as one token ("de/fr/es/en", "en/zh"): languages named, not words
/// of a sentence (the "de" and "en" of "de/fr/es/en" are no Spanish function words).
pub(crate) fn code_list(token: &str) -> bool {
    let mut parts = 0;
    for part in token.split('/') {
        let part = part.to_ascii_lowercase();
        if part.len() != 2 || !ID_CODES.contains(&part.as_str()) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// The translation direction a request states: two language names joined by a connector
/// ("English to Japanese", "from French into English", "del inglés al español", "将英文翻译成中文",
/// "英語から日本語に"), or a code pair ("ja→en", "de-en"). Names joined by "and" state no direction.
pub fn direction_in_text(text: &str) -> Option<Direction> {
    let ms = mentions(text);
    for pair in ms.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.code == b.code || a.end > b.start {
            continue;
        }
        let between = text[a.end..b.start].trim().to_lowercase();
        let bare = between.trim_end_matches(['\'', '’']);
        if DIRECTION_CONNECTORS.contains(&between.as_str())
            || DIRECTION_CONNECTORS.contains(&bare)
            || between.is_empty() && text[a.end..b.start].is_empty() && is_cjk_at(text, a.end)
        {
            return Some(Direction { source: a.code, target: b.code, phrase: text[a.start..b.end].to_string() });
        }
    }
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"')) {
        let t = token.trim_matches(|c: char| c == '.' || c == ':');
        if let Some((source, target)) = code_pair(t) {
            if source != target {
                return Some(Direction { source, target, phrase: t.to_string() });
            }
        }
    }
    None
}

/// Words right before a language name that make it a translation's source ("*from* English",
/// "*aus dem* Deutschen", "*del* inglés") or its target ("*into* Japanese", "*ins* Deutsche").
pub const SOURCE_WORDS: &[&str] = &["from", "aus", "aus dem", "del", "desde el", "du", "de l'", "do", "dal", "dall'", "из", "من"];
pub const TARGET_WORDS: &[&str] = &[
    "into",
    "to",
    "ins",
    "nach",
    "al",
    "vers",
    "vers le",
    "vers la",
    "vers l'",
    "para o",
    "para el",
    "verso il",
    "verso l'",
    "in lingua",
    "на",
    "إلى",
    "翻译成",
    "翻譯成",
    "译成",
    "翻译为",
    "翻译到",
];

/// One side of a translation: a language named as the source or the target alone ("translate
/// our menus from English into about 30 languages", "translate this into Japanese"), when
/// [`direction_in_text`] finds no pair. Read only for translation requests (the caller's check):
/// "articles from German newspapers" names no translation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectionSide {
    pub code: &'static str,
    /// true: the source ("from English"); false: the target ("into Japanese").
    pub source: bool,
    pub phrase: String,
}

/// Words right *after* a language name that make it a translation's target or source, in
/// languages that put the particle after the noun: "英語に訳して", "英語へ翻訳", "영어로 번역"
/// (target); "英語から", "영어에서" (source). Only with a translation verb for the target: "日本語に
/// 対応" (supports Japanese) names no translation.
pub const TARGET_AFTER_WORDS: &[&str] = &["に訳", "に翻訳", "へ訳", "へ翻訳", "に翻譯", "로 번역", "으로 번역", "로 옮", "으로 옮"];
pub const SOURCE_AFTER_WORDS: &[&str] = &["から", "에서"];

/// Russian "на" takes the accusative for a target ("на английский") and the prepositional for
/// "in" ("на русском" — written in Russian): these endings of the language word are the latter.
const RUSSIAN_PREPOSITIONAL_ENDINGS: &[&str] = &["ом", "ем"];

/// The first language named as a source or a target alone (see [`DirectionSide`]).
pub fn direction_side_in_text(text: &str) -> Option<DirectionSide> {
    direction_sides_in_text(text).into_iter().next()
}

/// Both sides of a translation read from words that name them one at a time, when no
/// [`direction_in_text`] pair joins them: a source and a target side apart ("du français …
/// vers l'arabe"), or one side with another language named elsewhere in the sentence ("our
/// English website pages turned into Italian": the target Italian, the pages English; "Italian
/// manuals … we need them in German": [`languages_apart`], the first named the source).
///
/// Why: a side alone prefers every model with that side ("into German" lifts `opus-mt-en-de`
/// when the manuals are Italian); the other language the developer named says which pair fits.
pub fn direction_by_sides(text: &str) -> Option<Direction> {
    let sides = direction_sides_in_text(text);
    let source = sides.iter().find(|s| s.source);
    let target = sides.iter().find(|s| !s.source);
    if let (Some(s), Some(t)) = (source, target) {
        return (s.code != t.code).then(|| Direction { source: s.code, target: t.code, phrase: format!("{} … {}", s.phrase, t.phrase) });
    }
    if let Some(side) = sides.first() {
        // The other language: a name not of the side's language (the first such).
        let other = mentions(text).into_iter().find(|m| m.code != side.code)?;
        let name = &text[other.start..other.end];
        return Some(if side.source {
            Direction { source: side.code, target: other.code, phrase: format!("{} … {name}", side.phrase) }
        } else {
            Direction { source: other.code, target: side.code, phrase: format!("{name} … {}", side.phrase) }
        });
    }
    let (a, b) = languages_apart(text)?;
    Some(Direction { source: a.code, target: b.code, phrase: format!("{} … {}", &text[a.start..a.end], &text[b.start..b.end]) })
}

/// Every language named as a source or a target alone, in text order (see [`DirectionSide`]).
fn direction_sides_in_text(text: &str) -> Vec<DirectionSide> {
    let lower_before = |end: usize| text[..end].trim_end().to_lowercase();
    let mut out = Vec::new();
    for m in mentions(text) {
        let before = lower_before(m.start);
        let name = &text[m.start..m.end];
        // Chinese target words run into the name ("翻译成英文"): no word boundary to check there.
        let ends_with_word = |w: &str| {
            before.ends_with(w)
                && (w.chars().next().is_some_and(is_cjk)
                    || before[..before.len() - w.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        };
        let locative = |w: &str| w == "на" && RUSSIAN_PREPOSITIONAL_ENDINGS.iter().any(|e| name.to_lowercase().ends_with(e));
        let after = text[m.end..].trim_start();
        let side = if let Some(w) = SOURCE_WORDS.iter().filter(|w| ends_with_word(w)).max_by_key(|w| w.len()) {
            Some((true, format!("{w} {name}")))
        } else if let Some(w) = TARGET_WORDS.iter().filter(|w| ends_with_word(w) && !locative(w)).max_by_key(|w| w.len()) {
            Some((false, format!("{w} {name}")))
        } else if let Some(w) = TARGET_AFTER_WORDS.iter().find(|w| after.starts_with(**w)) {
            Some((false, format!("{name}{w}")))
        } else {
            SOURCE_AFTER_WORDS.iter().find(|w| after.starts_with(**w)).map(|w| (true, format!("{name}{w}")))
        };
        if let Some((source, phrase)) = side {
            out.push(DirectionSide { code: m.code, source, phrase });
        }
    }
    out
}

/// Words that join language names into a list ("German and English", "hindi or english",
/// "spanish, german and japanese"): a list names languages a model handles, not a translation.
const LIST_JOINERS: &[&str] = &[
    ",", "and", "or", "/", "&", "+", "und", "oder", "y", "o", "e", "et", "ou", "и", "или", "و", "أو", "和", "与", "或", "と", "や", "및",
    "또는",
];

/// Two different languages named apart, not in a list: the text is in one and wanted in the other
/// ("trail descriptions in English … tourists keep asking for them in German", "escrito en español
/// … también en inglés"). Returns the two mentions, the first named first (most often the text's
/// language; the second the wanted one). Lists ("German and English documents") and the same
/// language twice return `None`.
pub fn languages_apart(text: &str) -> Option<(Mention, Mention)> {
    let ms = mentions(text);
    let in_list = |a: &Mention, b: &Mention| {
        let between = text[a.end..b.start].to_lowercase();
        between.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).all(|w| LIST_JOINERS.contains(&w))
    };
    // Names joined into one list form one group; two groups apart that name different languages
    // are the two sides.
    let mut group = vec![0usize; ms.len()];
    for i in 1..ms.len() {
        group[i] = if in_list(&ms[i - 1], &ms[i]) { group[i - 1] } else { group[i - 1] + 1 };
    }
    for (i, a) in ms.iter().enumerate() {
        for (j, b) in ms.iter().enumerate().skip(i + 1) {
            if group[j] != group[i] && b.code != a.code {
                return Some((*a, *b));
            }
        }
    }
    None
}

fn is_cjk_at(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(is_cjk)
}

/// The direction a model id states: a pair of language codes next to each other
/// ("opus-mt-ja-en" is ja→en, "wmt19-de-en", "t5-en2de"); ids naming one language or none state none.
pub fn direction_in_id(id: &str) -> Option<(String, String)> {
    // Read for every candidate of a translation request: nothing is allocated until a direction is found.
    let name = id.rsplit('/').next().unwrap_or(id);
    let code = |t: &[u8]| -> Option<&'static str> {
        let &[a, b] = t else { return None };
        let lower = [a.to_ascii_lowercase(), b.to_ascii_lowercase()];
        ID_CODES.iter().copied().find(|c| c.as_bytes() == lower)
    };
    // A three-letter ISO 639-2 code ("opus-mt-en-run" is English → Rundi) counts only beside a
    // two-letter one: two three-letter words side by side are mostly English ("per-ton").
    let three = |t: &[u8]| -> Option<&'static str> {
        let &[a, b, c] = t else { return None };
        let lower = [a.to_ascii_lowercase(), b.to_ascii_lowercase(), c.to_ascii_lowercase()];
        LANGUAGES.iter().find(|l| l.terminology.as_bytes() == lower || l.bibliographic.as_bytes() == lower).map(|l| l.code)
    };
    let mut before: Option<(&'static str, bool)> = None;
    for t in name.split(['-', '_', '.']) {
        let this = code(t.as_bytes()).map(|c| (c, true)).or_else(|| three(t.as_bytes()).map(|c| (c, false)));
        if let (Some((a, a_two)), Some((b, b_two))) = (before, this) {
            if a != b && (a_two || b_two) {
                return Some((a.to_string(), b.to_string()));
            }
        }
        before = this;
    }
    // "en2de": two codes around the token's first '2' (codes hold no digit).
    name.split(['-', '_', '.']).find_map(|t| {
        let t = t.as_bytes();
        let (a, b) = (t.len() == 5 && t[2] == b'2').then(|| (code(&t[..2]), code(&t[3..])))?;
        let (a, b) = (a?, b?);
        (a != b).then(|| (a.to_string(), b.to_string()))
    })
}

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

/// Shortest language name read with a slip in model ids: shorter words one letter from a name
/// are mostly other words ("finish", "korea").
const MISSPELT_NAME_MIN: usize = 7;

/// The long single-word names of [`WORD_MAP`] in plain letters, for ids that misspell them.
static LONG_NAMES: std::sync::LazyLock<Vec<(Vec<char>, &'static str)>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<(Vec<char>, &'static str)> = WORD_MAP
        .iter()
        .filter(|(n, _)| n.len() >= MISSPELT_NAME_MIN && n.chars().all(|c| c.is_ascii_lowercase()))
        .map(|(n, c)| (n.chars().collect(), *c))
        .collect();
    v.sort();
    v
});

/// The language an id word names with one typing slip ("portugese", "ukranian", "enlgish"): one
/// letter left out, added, changed or two swapped, in a word of [`MISSPELT_NAME_MIN`] letters or
/// more, when exactly one language is that close.
fn misspelt_name_code(word: &str) -> Option<&'static str> {
    if word.len() < MISSPELT_NAME_MIN || !word.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let mut found: Option<&'static str> = None;
    let w = word.as_bytes();
    // One slip changes the length by one at most and leaves one of the first two letters (and of
    // the last two) where it was or moves it by one place; checking that first skips the distance
    // for nearly every name (ASCII on both sides, so bytes are characters).
    let near = |(w0, w1): (u8, u8), (n0, n1): (u8, u8)| w0 == n0 || w1 == n1 || w0 == n1 || w1 == n0;
    for (name, code) in LONG_NAMES.iter() {
        let (wl, nl) = (w.len(), name.len());
        if nl.abs_diff(wl) > 1
            || !near((w[0], w[1]), (name[0] as u8, name[1] as u8))
            || !near((w[wl - 1], w[wl - 2]), (name[nl - 1] as u8, name[nl - 2] as u8))
        {
            continue;
        }
        if crate::analysis::bounded_osa(name, word, 1).is_some() {
            match found {
                Some(other) if other != *code => return None,
                _ => found = Some(code),
            }
        }
    }
    found
}

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

/// Names of datasets published in one configuration per language (PAN-X/WikiANN NER, XNLI,
/// MLQA, XQuAD, FLEURS, MLS…): in an id, the code right after one names the language trained on,
/// even a code that is also an id word ("xlm-roberta-base-finetuned-panx-it" is Italian, not
/// instruction-tuned).
const PER_LANGUAGE_DATASETS: &[&str] = &["panx", "wikiann", "xnli", "mlqa", "xquad", "tydiqa", "fleurs", "mls", "mlsum", "paws"];

/// Monolingual model families whose name says the language (the first token of the id's name; a
/// "distil" prefix is read through): their fine-tunes rarely list a language, but "bertimbau-finetuned-pos" is
/// Portuguese and "koelectra-base-v3-naver-ner" Korean. Only names that mean nothing else
/// ("FinBERT" is finance, "BETO" a word: left out).
const LANGUAGE_FAMILIES: &[(&str, &str)] = &[
    ("bertimbau", "pt"),
    ("camembert", "fr"),
    ("flaubert", "fr"),
    ("gbert", "de"),
    ("gelectra", "de"),
    ("rubert", "ru"),
    ("ruroberta", "ru"),
    ("rugpt3", "ru"),
    ("arabert", "ar"),
    ("camelbert", "ar"),
    ("marbert", "ar"),
    ("herbert", "pl"),
    ("polbert", "pl"),
    ("phobert", "vi"),
    ("indobert", "id"),
    ("robbert", "nl"),
    ("bertje", "nl"),
    ("umberto", "it"),
    ("kobert", "ko"),
    ("koelectra", "ko"),
    ("kcbert", "ko"),
    ("kcelectra", "ko"),
    ("kobart", "ko"),
    ("kogpt2", "ko"),
];

/// Languages named in a model id: language words ("german") and, for translation-style ids
/// ("opus-mt-en-de"), unambiguous tokens or a code after a per-language dataset's name
/// ([`PER_LANGUAGE_DATASETS`]), two-letter codes.
pub fn from_id(id: &str) -> Vec<String> {
    let name = id.rsplit('/').next().unwrap_or(id).to_lowercase();
    let tokens: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let mut out = Vec::new();
    let mut ambiguous = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let after_dataset = i > 0 && PER_LANGUAGE_DATASETS.contains(&tokens[i - 1]);
        // The family opens the name: a word before it says what it was adapted to
        // ("silesian-herbert-base" is Silesian, not Polish).
        let family = LANGUAGE_FAMILIES.iter().find(|(f, _)| i == 0 && (*f == *t || t.strip_prefix("distil") == Some(*f)));
        if after_dataset && t.len() == 2 && CODE_MAP.contains_key(*t) {
            push(&mut out, t.to_string());
        } else if let Some((_, code)) = family {
            push(&mut out, code.to_string());
        } else if *t == MULTILINGUAL {
            push(&mut out, MULTILINGUAL.to_string());
        } else if let Some(code) = word_code(t).or_else(|| misspelt_name_code(t)) {
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
        // A code after a per-language dataset's name is the language, even "it".
        assert_eq!(from_id("someone/xlm-roberta-base-finetuned-panx-it"), vec!["it"]);
        assert_eq!(from_id("someone/xlm-roberta-base-finetuned-panx-de-fr"), vec!["de", "fr"]);
        assert!(from_id("someone/xlm-roberta-base-finetuned-panx-all").is_empty());
        // A monolingual family's name is its language.
        assert_eq!(from_id("camilag/bertimbau-finetuned-pos-accelerate"), vec!["pt"]);
        assert_eq!(from_id("jeinsong/distilkobert-finetuned-NER"), vec!["ko"]);
        assert!(from_id("ProsusAI/finbert").is_empty());
        assert!(from_id("ipipan/silesian-herbert-base").is_empty());
        // Names misspelt by one slip, in long words only.
        assert_eq!(from_id("someone/bert-portugese-hate-speech"), vec!["pt"]);
        assert_eq!(from_id("someone/ukranian-ner"), vec!["uk"]);
        assert_eq!(from_id("someone/t5-enlgish-summaries"), vec!["en"]);
        assert!(from_id("someone/finish-line-detector").is_empty(), "six letters: a word");
        assert!(from_id("someone/generic-classifier").is_empty());
        assert!(from_id("someone/my-awesome-model").is_empty());
        assert!(from_id("org/MN-Chinofun-12B").is_empty());
        assert_eq!(from_id("Helsinki-NLP/opus-mt-de-is"), vec!["de", "is"]);
        assert!(from_id("google-bert/bert-base-uncased").is_empty());
        assert_eq!(from_tags(&["transformers".into(), "de".into(), "ml".into(), "tf".into()]), vec!["de"]);
        assert_eq!(from_text("A multilingual encoder, strongest on Chinese and English."), vec!["multilingual", "zh", "en"]);
    }

    /// The letter checks before the distance skip only names the distance would reject: every
    /// one-slip variant of every long name reads as the full search reads it.
    #[test]
    fn the_quick_letter_checks_reject_only_what_the_distance_rejects() {
        let full = |word: &str| {
            let mut found: Option<&'static str> = None;
            for (name, code) in LONG_NAMES.iter() {
                if crate::analysis::bounded_osa(name, word, 1).is_some() {
                    match found {
                        Some(other) if other != *code => return None,
                        _ => found = Some(*code),
                    }
                }
            }
            found
        };
        let mut checked = 0;
        for (name, _) in LONG_NAMES.iter() {
            let name: String = name.iter().collect();
            let mut variants = vec![name.clone()];
            for k in 0..name.len() {
                let (a, b) = name.split_at(k);
                variants.push(format!("{a}{}", &b[1..]));
                variants.push(format!("{a}q{b}"));
                variants.push(format!("{a}q{}", &b[1..]));
                if b.len() >= 2 {
                    variants.push(format!("{a}{}{}{}", &b[1..2], &b[..1], &b[2..]));
                }
            }
            variants.push(format!("{name}q"));
            for v in variants.iter().filter(|v| v.len() >= MISSPELT_NAME_MIN) {
                assert_eq!(misspelt_name_code(v), full(v), "{v}");
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn languages_named_apart_and_in_lists() {
        let apart = |t: &str| languages_apart(t).is_some();
        assert!(apart("our trail descriptions are in English, and German tourists keep asking for them in German"));
        assert!(apart("tengo un blog escrito en español y quiero publicar cada receta también en inglés"));
        assert_eq!(
            languages_apart("the manual is in English, our staff want it in Polish").map(|(a, b)| (a.code, b.code)),
            Some(("en", "pl"))
        );
        assert!(!apart("embed German and English documents for search"));
        assert!(!apart("site search in Spanish, German and Japanese"));
        assert!(!apart("questions typed in Hindi or English"));
        assert!(!apart("a German chatbot that answers in German"));
    }

    #[test]
    fn both_sides_named_one_at_a_time() {
        let pair = |t: &str| direction_by_sides(t).map(|d| (d.source, d.target));
        // A source and a target side apart.
        assert_eq!(pair("adapter nos guides du néerlandais, puis les publier vers le japonais"), Some(("nl", "ja")));
        // One side, the other language named elsewhere.
        assert_eq!(pair("our Spanish recipe blog should be turned into German"), Some(("es", "de")));
        assert_eq!(pair("letters written in Polish that we translate from Polish for English staff"), Some(("pl", "en")));
        assert_eq!(pair("письма приходят на русском, а нужно переводить их на английский"), Some(("ru", "en")));
        // Two languages apart, no side word: the first named is the source.
        assert_eq!(pair("Die Verträge kommen auf Französisch, wir lesen sie nur auf Englisch"), Some(("fr", "en")));
        // A side alone, or a list, names no pair.
        assert_eq!(pair("translate our shop into Japanese"), None);
        assert_eq!(pair("German and English documents"), None);
    }

    #[test]
    fn one_side_of_a_direction() {
        let side = |t: &str| direction_side_in_text(t).map(|d| (d.code, d.source));
        assert_eq!(side("translate the help pages from English into many languages"), Some(("en", true)));
        assert_eq!(side("translate our shop into Japanese"), Some(("ja", false)));
        assert_eq!(side("übersetzen ins Deutsche"), Some(("de", false)));
        assert_eq!(side("traduire notre site vers le japonais"), Some(("ja", false)));
        assert_eq!(direction_side_in_text("translate from German").map(|d| d.phrase), Some("from German".to_string()));
        assert_eq!(side("a French chatbot"), None);
        // "на русском" is "in Russian"; "на английский" is "into English".
        assert_eq!(side("письма приходят на русском, а нужно переводить их на английский"), Some(("en", false)));
        // Particles after the name; Chinese target words glued to it.
        assert_eq!(side("社内の報告書を英語に訳したい"), Some(("en", false)));
        assert_eq!(side("マニュアルを日本語に対応させたい"), None);
        assert_eq!(side("把产品说明翻译成英文"), Some(("en", false)));
        assert_eq!(side("제품 설명을 영어로 번역"), Some(("en", false)));
        assert_eq!(side("sentiment of tweets written in Spanish"), None);
    }

    #[test]
    fn directions_in_requests_and_ids() {
        let d = |t: &str| direction_in_text(t).map(|d| (d.source, d.target));
        assert_eq!(d("translate English to Japanese"), Some(("en", "ja")));
        assert_eq!(d("from French into English"), Some(("fr", "en")));
        assert_eq!(d("translate english to german"), Some(("en", "de")));
        assert_eq!(d("ja→en translation"), Some(("ja", "en")));
        assert_eq!(d("a de-en model"), Some(("de", "en")));
        assert_eq!(d("Übersetzung vom Englischen ins Deutsche"), Some(("en", "de")));
        assert_eq!(d("traducir del inglés al español"), Some(("en", "es")));
        assert_eq!(d("traduire de l'anglais vers le français"), Some(("en", "fr")));
        assert_eq!(d("tradurre dall'inglese all'italiano"), Some(("en", "it")));
        assert_eq!(d("traduzir do inglês para o português"), Some(("en", "pt")));
        assert_eq!(d("将英文翻译成中文"), Some(("en", "zh")));
        assert_eq!(d("英語から日本語に翻訳"), Some(("en", "ja")));
        assert_eq!(d("영어를 한국어로 번역"), Some(("en", "ko")));
        assert_eq!(d("перевод с английского на русский"), Some(("en", "ru")));
        assert_eq!(d("ترجمة من الإنجليزية إلى العربية"), Some(("en", "ar")));
        assert_eq!(d("English and German"), None);
        assert_eq!(d("summarize German news"), None);
        assert_eq!(d("it-en"), None);
        assert_eq!(direction_in_id("Helsinki-NLP/opus-mt-ja-en"), Some(("ja".into(), "en".into())));
        assert_eq!(direction_in_id("Helsinki-NLP/opus-mt-tc-big-en-de"), Some(("en".into(), "de".into())));
        assert_eq!(direction_in_id("org/t5-en2de"), Some(("en".into(), "de".into())));
        assert_eq!(direction_in_id("facebook/nllb-200-distilled-600M"), None);
        assert_eq!(direction_in_id("dbmdz/bert-base-german-cased"), None);
        // Case, separators, the first pair only, codes that are the same, a '2' elsewhere.
        assert_eq!(direction_in_id("Org/Opus_MT.EN-De-fr"), Some(("en".into(), "de".into())));
        assert_eq!(direction_in_id("org/en-en-x2-fr2fr"), None);
        assert_eq!(direction_in_id("org/model--en--de"), None);
        // Three-letter codes beside a two-letter one.
        assert_eq!(direction_in_id("Helsinki-NLP/opus-mt-en-run"), Some(("en".into(), "rn".into())));
        assert_eq!(direction_in_id("Helsinki-NLP/opus-mt-run-es"), Some(("rn".into(), "es".into())));
        assert_eq!(direction_in_id("org/price-per-ton-model"), None);
        assert_eq!(direction_in_id("org/m-FR2EN"), Some(("fr".into(), "en".into())));
        assert_eq!(direction_in_id("org/m-fr22en-e2en-fr2enx"), None);
        assert_eq!(direction_in_id("en-de/plain"), None);
    }

    #[test]
    fn descriptions() {
        assert_eq!(describe(&["en".into(), "de".into()]), "English (en), German (de)");
        let many: Vec<String> = LANGUAGES.iter().take(20).map(|l| l.code.to_string()).collect();
        assert!(describe(&many).starts_with("multilingual (20 languages): aa, ab"));
    }
}

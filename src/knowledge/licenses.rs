//! Licenses: every Hub license id, common SPDX ids and the community licenses seen on the Hub,
//! sorted into families; the spellings people write for them; and the `other:<name>` rule.
//!
//! Why families: developers don't ask "is it bsd-3-clause-clear?", they ask "can I ship this in a
//! commercial product?" or "no copyleft". Each family answers those questions once; ids map to
//! families. `other:<name>` licenses are classified from the words in their name when that is
//! safe (e.g. "non-commercial"), and are otherwise unknown, left to the LLM.
//!
//! Why one table of spellings ([`ALIASES`]): a request's "Apache 2.0", a card's "License: Apache
//! 2.0" and a YAML `license: apache2` must all mean `apache-2.0`, or a rule would pass a model
//! the request side reads differently. Request parsing ([`crate::constraints::LicensePolicy`]),
//! the free-text fill ([`crate::request_text`]), card extraction and [`classify`] all read it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// MIT, Apache-2.0, BSD, ISC, CC-BY, CC0, …: use for anything, keep notices.
    Permissive,
    /// LGPL, MPL, EPL, …: changes to the licensed files must be shared.
    WeakCopyleft,
    /// GPL, AGPL, CC-BY-SA, …: derived works must use the same license.
    StrongCopyleft,
    /// OpenRAIL-style: commercial use allowed, with use-based restrictions.
    OpenRail,
    /// Vendor community licenses (Llama, Gemma, Qwen, Falcon…): commercial use with conditions.
    Community,
    /// Commercial use only below a revenue/user threshold or outside some territories
    /// (Stability AI Community, LFM, Tencent Hunyuan, …).
    RevenueLimited,
    /// CC-BY-ND: no derivatives (no fine-tuning to redistribute).
    NoDerivatives,
    /// CC-BY-NC and similar: no commercial use.
    NonCommercial,
    /// Research/evaluation only.
    ResearchOnly,
    /// `other`, `unknown`, or a name we can't classify.
    Unknown,
}

/// Whether commercial use is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Commercial {
    Yes,
    /// Allowed with conditions (user caps, acceptable-use policy, revenue limit).
    WithConditions,
    /// Only for small organisations or some regions: not a general permission.
    Limited,
    No,
    Unknown,
}

impl Family {
    pub fn label(self) -> &'static str {
        match self {
            Family::Permissive => "permissive",
            Family::WeakCopyleft => "weak copyleft",
            Family::StrongCopyleft => "strong copyleft",
            Family::OpenRail => "OpenRAIL (use restrictions)",
            Family::Community => "community license (commercial with conditions)",
            Family::RevenueLimited => "commercial only below a revenue threshold or in some regions",
            Family::NoDerivatives => "no derivatives",
            Family::NonCommercial => "non-commercial",
            Family::ResearchOnly => "research only",
            Family::Unknown => "unknown terms",
        }
    }

    pub fn commercial(self) -> Commercial {
        match self {
            Family::Permissive | Family::WeakCopyleft | Family::StrongCopyleft | Family::NoDerivatives => Commercial::Yes,
            Family::OpenRail | Family::Community => Commercial::WithConditions,
            Family::NonCommercial | Family::ResearchOnly => Commercial::No,
            Family::RevenueLimited => Commercial::Limited,
            Family::Unknown => Commercial::Unknown,
        }
    }

    pub fn is_copyleft(self) -> bool {
        matches!(self, Family::WeakCopyleft | Family::StrongCopyleft)
    }

    /// OSI-style open source (OpenRAIL and community licenses restrict use, so they are not).
    pub fn is_open_source(self) -> bool {
        matches!(self, Family::Permissive | Family::WeakCopyleft | Family::StrongCopyleft)
    }

    /// How many obligations the family puts on a user, for "at least as free as X" requests.
    pub fn strictness(self) -> u8 {
        match self {
            Family::Permissive => 0,
            Family::WeakCopyleft => 1,
            Family::StrongCopyleft => 2,
            Family::OpenRail => 2,
            Family::Community => 3,
            Family::NoDerivatives => 3,
            Family::RevenueLimited => 4,
            Family::NonCommercial => 5,
            Family::ResearchOnly => 6,
            Family::Unknown => 7,
        }
    }
}

/// Known license ids → (display name, family). Hub ids first, then SPDX spellings and the community
/// licenses seen on the Hub.
pub const LICENSES: &[(&str, &str, Family)] = &[
    ("apache-2.0", "Apache License 2.0", Family::Permissive),
    ("mit", "MIT", Family::Permissive),
    ("mit-0", "MIT No Attribution", Family::Permissive),
    ("bsd", "BSD license family", Family::Permissive),
    ("bsd-2-clause", "BSD 2-Clause", Family::Permissive),
    ("bsd-3-clause", "BSD 3-Clause", Family::Permissive),
    ("bsd-3-clause-clear", "BSD 3-Clause Clear", Family::Permissive),
    ("isc", "ISC", Family::Permissive),
    ("zlib", "zlib", Family::Permissive),
    ("bsl-1.0", "Boost Software License 1.0", Family::Permissive),
    ("unlicense", "The Unlicense", Family::Permissive),
    ("wtfpl", "WTFPL", Family::Permissive),
    ("cc0-1.0", "CC0 1.0", Family::Permissive),
    ("cc-by-2.0", "CC BY 2.0", Family::Permissive),
    ("cc-by-2.5", "CC BY 2.5", Family::Permissive),
    ("cc-by-3.0", "CC BY 3.0", Family::Permissive),
    ("cc-by-4.0", "CC BY 4.0", Family::Permissive),
    ("cc", "Creative Commons family", Family::Unknown),
    ("afl-3.0", "Academic Free License 3.0", Family::Permissive),
    ("ecl-2.0", "Educational Community License 2.0", Family::Permissive),
    ("artistic-2.0", "Artistic License 2.0", Family::Permissive),
    ("postgresql", "PostgreSQL License", Family::Permissive),
    ("ncsa", "NCSA Open Source License", Family::Permissive),
    ("pddl", "ODC Public Domain Dedication", Family::Permissive),
    ("odc-by", "ODC Attribution", Family::Permissive),
    ("cdla-permissive-1.0", "CDLA Permissive 1.0", Family::Permissive),
    ("cdla-permissive-2.0", "CDLA Permissive 2.0", Family::Permissive),
    ("etalab-2.0", "Etalab Open License 2.0", Family::Permissive),
    ("ms-pl", "Microsoft Public License", Family::WeakCopyleft),
    ("mpl-2.0", "Mozilla Public License 2.0", Family::WeakCopyleft),
    ("lgpl", "GNU LGPL family", Family::WeakCopyleft),
    ("lgpl-2.1", "GNU LGPL 2.1", Family::WeakCopyleft),
    ("lgpl-3.0", "GNU LGPL 3.0", Family::WeakCopyleft),
    ("lgpl-lr", "LGPL for Linguistic Resources", Family::WeakCopyleft),
    ("epl-1.0", "Eclipse Public License 1.0", Family::WeakCopyleft),
    ("epl-2.0", "Eclipse Public License 2.0", Family::WeakCopyleft),
    ("eupl-1.1", "European Union Public License 1.1", Family::WeakCopyleft),
    ("eupl-1.2", "European Union Public License 1.2", Family::WeakCopyleft),
    ("cdla-sharing-1.0", "CDLA Sharing 1.0", Family::WeakCopyleft),
    ("ofl-1.1", "SIL Open Font License 1.1", Family::WeakCopyleft),
    ("lppl-1.3c", "LaTeX Project Public License 1.3c", Family::WeakCopyleft),
    ("osl-3.0", "Open Software License 3.0", Family::StrongCopyleft),
    ("gpl", "GNU GPL family", Family::StrongCopyleft),
    ("gpl-2.0", "GNU GPL 2.0", Family::StrongCopyleft),
    ("gpl-3.0", "GNU GPL 3.0", Family::StrongCopyleft),
    ("agpl-3.0", "GNU AGPL 3.0", Family::StrongCopyleft),
    ("gfdl", "GNU Free Documentation License", Family::StrongCopyleft),
    ("odbl", "Open Database License", Family::StrongCopyleft),
    ("cc-by-sa-3.0", "CC BY-SA 3.0", Family::StrongCopyleft),
    ("cc-by-sa-4.0", "CC BY-SA 4.0", Family::StrongCopyleft),
    ("openrail", "OpenRAIL", Family::OpenRail),
    ("openrail++", "OpenRAIL++-M", Family::OpenRail),
    ("creativeml-openrail-m", "CreativeML OpenRAIL-M", Family::OpenRail),
    ("bigscience-openrail-m", "BigScience OpenRAIL-M", Family::OpenRail),
    ("bigscience-bloom-rail-1.0", "BigScience BLOOM RAIL 1.0", Family::OpenRail),
    ("bigcode-openrail-m", "BigCode OpenRAIL-M", Family::OpenRail),
    ("openmdw-1.1", "OpenMDW 1.1", Family::Permissive),
    ("llama2", "Llama 2 Community License", Family::Community),
    ("llama3", "Llama 3 Community License", Family::Community),
    ("llama3.1", "Llama 3.1 Community License", Family::Community),
    ("llama3.2", "Llama 3.2 Community License", Family::Community),
    ("llama3.3", "Llama 3.3 Community License", Family::Community),
    ("llama4", "Llama 4 Community License", Family::Community),
    ("eva-llama3.3", "Llama 3.3 Community License (derived)", Family::Community),
    ("gemma", "Gemma Terms of Use", Family::Community),
    ("gemma-terms-of-use", "Gemma Terms of Use", Family::Community),
    ("qwen", "Qwen License", Family::Community),
    ("tongyi-qianwen", "Tongyi Qianwen License", Family::Community),
    ("deepseek", "DeepSeek License", Family::Community),
    ("falcon-llm-license", "Falcon LLM License", Family::Community),
    ("falcon-llm", "Falcon LLM License", Family::Community),
    ("nvidia-open-model-license", "NVIDIA Open Model License", Family::Community),
    ("health-ai-developer-foundations", "Health AI Developer Foundations Terms", Family::Community),
    ("stabilityai-ai-community", "Stability AI Community License", Family::RevenueLimited),
    ("stable-video-diffusion-community", "Stable Video Diffusion Community License", Family::RevenueLimited),
    ("tencent-hunyuan-community", "Tencent Hunyuan Community License", Family::RevenueLimited),
    ("exaone", "EXAONE AI Model License", Family::NonCommercial),
    ("coqui-public-model-license", "Coqui Public Model License", Family::NonCommercial),
    ("lfm1.0", "LFM Open License 1.0", Family::RevenueLimited),
    ("krutrim-community-license-agreement-version-1.0", "Krutrim Community License", Family::Community),
    ("kwaipilot-license", "KwaiPilot License", Family::Community),
    ("ltx-2-community-license-agreement", "LTX-2 Community License", Family::RevenueLimited),
    ("modified-mit", "Modified MIT", Family::Community),
    ("cc-by-nd-4.0", "CC BY-ND 4.0", Family::NoDerivatives),
    ("cc-by-nc-2.0", "CC BY-NC 2.0", Family::NonCommercial),
    ("cc-by-nc-3.0", "CC BY-NC 3.0", Family::NonCommercial),
    ("cc-by-nc-4.0", "CC BY-NC 4.0", Family::NonCommercial),
    ("cc-by-nc-sa-2.0", "CC BY-NC-SA 2.0", Family::NonCommercial),
    ("cc-by-nc-sa-3.0", "CC BY-NC-SA 3.0", Family::NonCommercial),
    ("cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0", Family::NonCommercial),
    ("cc-by-nc-nd-3.0", "CC BY-NC-ND 3.0", Family::NonCommercial),
    ("cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0", Family::NonCommercial),
    ("flux-1-dev-non-commercial-license", "FLUX.1 [dev] Non-Commercial License", Family::NonCommercial),
    ("sai-nc-community", "Stability AI Non-Commercial Community License", Family::NonCommercial),
    ("ideogram-non-commercial-model-agreement", "Ideogram Non-Commercial Agreement", Family::NonCommercial),
    // BRIA's background-removal weights: free for non-commercial use, commercial use only under a separate agreement.
    ("bria-rmbg-1.4", "BRIA RMBG-1.4 License", Family::NonCommercial),
    ("mnpl", "Mistral AI Non-Production License", Family::NonCommercial),
    ("mrl", "Mistral AI Research License", Family::ResearchOnly),
    ("fair-noncommercial-research-license", "FAIR Noncommercial Research License", Family::ResearchOnly),
    ("deepfloyd-if-license", "DeepFloyd IF Research License", Family::ResearchOnly),
    ("apple-amlr", "Apple Machine Learning Research Model License", Family::ResearchOnly),
    ("apple-ascl", "Apple Sample Code License", Family::Permissive),
    ("microsoft-research-license", "Microsoft Research License", Family::ResearchOnly),
    ("c-uda", "Computational Use of Data Agreement", Family::ResearchOnly),
    ("cvnets-license", "Apple CVNets License", Family::ResearchOnly),
    ("fastvit-license", "Apple FastViT License", Family::ResearchOnly),
    ("mobileone-license", "Apple MobileOne License", Family::ResearchOnly),
    ("seer-license", "SEER License", Family::ResearchOnly),
    ("dinov3-license", "DINOv3 License", Family::Community),
    ("other", "Other (see the card)", Family::Unknown),
    ("unknown", "Unknown", Family::Unknown),
    ("multiple", "Multiple licenses", Family::Unknown),
    ("inf", "INF license", Family::Unknown),
];

/// A classified license.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenseInfo {
    /// The id as given (lowercased).
    pub id: String,
    pub name: String,
    pub family: Family,
    /// True when the family was guessed from an `other:<name>` name rather than known.
    pub inferred: bool,
}

impl LicenseInfo {
    pub fn commercial(&self) -> Commercial {
        self.family.commercial()
    }
}

/// Looks up a license id exactly (case-insensitive).
pub fn known_license(id: &str) -> Option<(&'static str, &'static str, Family)> {
    let id = id.trim().to_ascii_lowercase();
    LICENSES.iter().find(|(k, _, _)| *k == id).copied()
}

/// Phrases people and cards write → license id. Longest phrases are tried first by the readers,
/// so "lgpl" is not read as "gpl". Hub ids need no entry (they are read as themselves); an alias
/// that is also an id ("gpl", "bsd") names the version a *request* means by it.
pub const ALIASES: &[(&str, &str)] = &[
    ("apache license, version 2.0", "apache-2.0"),
    ("apache license 2.0", "apache-2.0"),
    ("apache 2.0", "apache-2.0"),
    ("apache-2.0", "apache-2.0"),
    ("apache-2", "apache-2.0"),
    ("apache2", "apache-2.0"),
    ("apache 2", "apache-2.0"),
    ("apache", "apache-2.0"),
    ("bsd-3-clause", "bsd-3-clause"),
    ("bsd-2-clause", "bsd-2-clause"),
    ("bsd-3", "bsd-3-clause"),
    ("bsd-2", "bsd-2-clause"),
    ("bsd", "bsd-3-clause"),
    ("mit", "mit"),
    ("isc", "isc"),
    ("cc0", "cc0-1.0"),
    ("cc-by-nc-sa", "cc-by-nc-sa-4.0"),
    ("cc-by-nc-4.0", "cc-by-nc-4.0"),
    ("cc by-nc 4.0", "cc-by-nc-4.0"),
    ("cc-by-nc", "cc-by-nc-4.0"),
    ("cc-by-sa", "cc-by-sa-4.0"),
    ("cc-by-4.0", "cc-by-4.0"),
    ("cc by 4.0", "cc-by-4.0"),
    ("cc-by", "cc-by-4.0"),
    ("agpl", "agpl-3.0"),
    ("lgpl", "lgpl-3.0"),
    ("gpl-2.0", "gpl-2.0"),
    ("gpl", "gpl-3.0"),
    ("mpl", "mpl-2.0"),
    ("openrail++", "openrail++"),
    ("creativeml-openrail-m", "creativeml-openrail-m"),
    ("creativeml openrail-m", "creativeml-openrail-m"),
    ("creativeml open rail-m", "creativeml-openrail-m"),
    ("openrail", "openrail"),
    ("llama 2", "llama2"),
    ("llama2", "llama2"),
    ("llama 3.1", "llama3.1"),
    ("llama3.1", "llama3.1"),
    ("llama 3", "llama3"),
    ("llama3", "llama3"),
    ("gemma-terms", "gemma"),
    ("gemma", "gemma"),
    ("unlicense", "unlicense"),
];

/// The words of a license *wish* (lowercase; the policy matches them as substrings, so
/// "monetiz" covers "monetize" and "monetization"), read by [`crate::constraints::LicensePolicy`]
/// and the free-text fill.
pub mod wish {
    /// "non-commercial is fine".
    pub const NON_COMMERCIAL: &[&str] = &[
        "non-commercial",
        "noncommercial",
        "non commercial",
        // Other languages: read before the commercial words they contain ("非商用" ⊃ "商用").
        "nicht-kommerziell",
        "nichtkommerziell",
        "nicht kommerziell",
        "no comercial",
        "não comercial",
        "não comerciais",
        "não-comercial",
        "não-comerciais",
        "non commerciale",
        "non-commerciale",
        // Plurals the singular is not a part of ("licenze non commerciali").
        "non commerciali",
        "non-commerciali",
        "некоммерч",
        "非商用",
        "非商业",
        "不可商用",
        "商用不可",
        "비상업",
        "غير تجاري",
    ];
    /// Uses that are not commercial ("research only", "academic use", "personal use").
    pub const RESEARCH: &[&str] = &["research", "academic", "personal"];
    /// Words that accept terms rather than require them ("… is fine").
    pub const ACCEPTING: &[&str] = &["fine", "ok", "okay", "acceptable", "allowed", "is enough"];
    /// English words that require commercial use (in a license field).
    pub const COMMERCIAL: &[&str] = &[
        "commercial",
        "saas",
        "monetiz",
        "sell",
        "paid",
        "app store",
        "play store",
        "for profit",
        "we charge",
        "charge customers",
        "charge clients",
        "charge users",
    ];
    /// Commercial, selling and paid in other languages: read in a license field and, clause by
    /// clause, in a description ("una app que vendemos", "我们的产品要商用").
    pub const COMMERCIAL_IN_OTHER_LANGUAGES: &[&str] = &[
        "verkauf",
        "kommerziell",
        "gewerblich",
        "comercial",
        "vender",
        "vendemos",
        "de pago",
        "vendre",
        "vendons",
        "payant",
        // Charging or billing for the service ("vamos cobrar pelo serviço", "cobramos por uso",
        // "nous allons facturer l'accès"); "factures" (invoices) holds neither French verb.
        "cobrar",
        "cobramos",
        "facturar",
        "facturamos",
        "facturer",
        "facturons",
        "venda",
        "vendere",
        "vendiamo",
        "a pagamento",
        // Italian "commercial" ("per uso commerciale"): the English word inside it is read only
        // as a whole word.
        "commerciale",
        "commerciali",
        // German "chargeable, paid" ("unsere kostenpflichtige App").
        "kostenpflichtig",
        // A paid service or product in Portuguese and Spanish ("é para um serviço pago").
        "serviço pago",
        "produto pago",
        "servicio pago",
        "producto pago",
        // A paid app in Portuguese ("o app é pago", "um aplicativo pago").
        "é pago",
        "é paga",
        "app pago",
        "aplicativo pago",
        "коммерч",
        // "Paid" ("платное приложение"); "бесплатное" (free) holds it inside a word, which is not read.
        "платн",
        "продава",
        "продаж",
        // "We sell", "we will sell" ("сервис продаём клиентам"): the first person, with and without ё.
        "продаём",
        "продаем",
        "продадим",
        "商用",
        "商业",
        "出售",
        "收费",
        "付费",
        "販売",
        "有料",
        "상업",
        "판매",
        "유료",
        "تجاري",
        // With the article glued on ("للاستخدام التجاري": for commercial use), feminine too.
        "التجاري",
        "التجارية",
        "تجارية",
    ];
    /// Who is served and what is built: commercial in a license field ("we ship it to customers",
    /// "für unsere Kunden") but too common in a description ("classify customer reviews",
    /// "product photos") to be read as a wish there.
    pub const SERVED_COMMERCIALLY: &[&str] = &[
        "business",
        "startup",
        "company",
        "enterprise",
        "product",
        "production",
        "customer",
        "client",
        "kunden",
        "produkt",
        "producto",
        "cliente",
        "produit",
        "produto",
        "prodotto",
        "клиент",
        "客户",
        "顾客",
        "顧客",
        "고객",
    ];
    /// "License" itself, as a prefix or a substring: a clause holding one is about the license.
    pub const LICENSE_WORDS: &[&str] = &["licen", "lizenz", "лиценз", "许可", "授权", "ライセンス", "라이선스", "ترخيص", "رخصة"];
    /// A word that is "licence" in some language ("licensed", "Lizenzen", "licencia"): it starts
    /// with one of [`LICENSE_WORDS`].
    pub fn is_license_word(word: &str) -> bool {
        LICENSE_WORDS.iter().any(|l| word.starts_with(l))
    }
    /// Lowercase text that holds a "licence" word anywhere ("open-source-lizenzen", "许可证的模型").
    pub fn mentions_license(text: &str) -> bool {
        LICENSE_WORDS.iter().any(|l| text.contains(l))
    }
    /// A word that names copyleft: the word itself or a compound it heads ("Copyleft-Lizenzen").
    pub fn names_copyleft(word: &str) -> bool {
        word == COPYLEFT || word.starts_with("copyleft-")
    }
    /// Every word that requires commercial use when written in a license field.
    pub fn commercial_words() -> impl Iterator<Item = &'static &'static str> + Clone {
        COMMERCIAL.iter().chain(COMMERCIAL_IN_OTHER_LANGUAGES).chain(SERVED_COMMERCIALLY)
    }
    /// Phrases of a description that describe commercial use without saying "commercial" ("an
    /// iPhone app that we sell", "for our SaaS"): the free-text fill reads them as "commercial
    /// use". Whole words, matched in one clause; the license field reads [`commercial_words`] instead.
    pub const COMMERCIAL_CONTEXT: &[&str] = &[
        "we sell",
        "we will sell",
        "we'll sell",
        "to sell",
        "sell it",
        "selling it",
        "for sale",
        // Our own product is paid, whatever comes between ("our paid note-taking web app").
        "our paid",
        "paid app",
        "paid product",
        "paid service",
        "our saas",
        "saas",
        "our product",
        "our startup",
        "our business",
        "our customers",
        "paying customers",
        "monetize",
        "monetise",
        "for profit",
        "commercial product",
        "commercial app",
        // Selling and charging in other words ("a company selling the product", "the pictures
        // are sold", "lets us charge for the service", "part of a paid membership").
        "selling the",
        "selling our",
        "are selling",
        "company selling",
        "are sold",
        "is sold",
        "be sold",
        "sell the",
        "sell our",
        "resell",
        "charge for",
        "paid membership",
        // The thing built is paid for ("the app is paid", "the service is paid").
        "app is paid",
        "service is paid",
        "product is paid",
        "paid plan",
        "paid tier",
        "paid subscription",
        "paying users",
        "paying clients",
        // Earning from what is made ("captions for our monetized channel"), work billed to
        // clients ("client projects we bill for"), use inside a business ("internal business
        // use"): commercial under every non-commercial licence (CC BY-NC forbids "commercial
        // advantage or monetary compensation").
        "monetized",
        "monetised",
        "monetizing",
        "monetising",
        "client work",
        "client project",
        "client projects",
        "we bill",
        "billable",
        "business use",
    ];
    /// Phrases after a wish that negate it ("commercial use is not needed").
    /// Read after the wish itself, up to the next wish word, so "we sell it; non-commercial terms
    /// are not allowed" keeps the sale a requirement.
    pub const NEGATED_AFTER: &[&str] = &[
        "not needed",
        "not required",
        "not necessary",
        "not important",
        "not a requirement",
        "isn't needed",
        "isn't required",
        "not allowed",
        "not acceptable",
        "not ok",
        "not okay",
        "are out",
        "is out",
        "won't work",
        "will not work",
        "is a no-go",
        "are a no-go",
        "ruled out",
        "excluded",
        // Other languages: "… ist nicht erlaubt", "… no se permite", "… n'est pas acceptée",
        // "… não serve", "… non va bene", "… не подходят", "…は不可", "…不行", "… 안 됩니다".
        "nicht erlaubt",
        "nicht akzeptabel",
        "ausgeschlossen",
        "kommt nicht in frage",
        "no se permite",
        "no permitid",
        "no sirve",
        "no aceptamos",
        "no nos sirve",
        "excluid",
        "pas accept",
        "pas autoris",
        "interdit",
        "exclu",
        "ne convien",
        "não serve",
        "não é permitid",
        "não são permitid",
        "proibid",
        "non va bene",
        "non ammess",
        "non accettabil",
        "esclus",
        "vietat",
        "не подход",
        "не допуска",
        "нельзя",
        "исключ",
        "不可",
        "不行",
        "不可以",
        "禁止",
        "ダメ",
        "だめ",
        "避け",
        "안 됩",
        "안됩",
        "안 돼",
        "안돼",
        "불가",
        "제외",
        "غير مسموح",
        "ممنوع",
    ];
    pub const PERMISSIVE: &str = "permissive";
    pub const COPYLEFT: &str = "copyleft";
    /// Words that rule copyleft out by themselves ("no viral licenses").
    pub const COPYLEFT_SYNONYMS: &[&str] = &["viral"];
    /// "Open source" (matched as substrings in a license field; as words, or inside a clause
    /// naming the license in scripts written without spaces, in a description).
    pub const OPEN_SOURCE: &[&str] = &[
        "open source",
        "open-source",
        "opensource",
        "osi",
        "código abierto",
        "código aberto",
        "codice aperto",
        "开源",
        "開源",
        "オープンソース",
        "오픈소스",
        "오픈 소스",
        "открытым исходным кодом",
        "открытый исходный код",
        "открытого исходного кода",
        "مفتوح المصدر",
        "مفتوحة المصدر",
    ];
    /// "any license", "doesn't matter".
    pub const ANY_LICENSE: &[&str] = &["any license", "any licence", "doesn't matter", "does not matter", "don't care", "whatever"];
}

/// The id an alias phrase stands for (exact, lowercase).
pub fn alias(phrase: &str) -> Option<&'static str> {
    ALIASES.iter().find(|(a, _)| *a == phrase).map(|(_, id)| *id)
}

/// The `other:<name>` rule, once: the Hub's `license: other` plus a card's `license_name: acme`
/// is the custom license `other:acme`; any other declared id stays as it is (lowercased).
pub fn declared_id(license: &str, license_name: Option<&str>) -> String {
    let id = license.trim().to_lowercase();
    match license_name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) if id == "other" => format!("other:{}", name.to_lowercase()),
        _ => id,
    }
}

/// The custom name of an `other:<name>` id, else the id itself.
pub fn without_other_prefix(id: &str) -> &str {
    id.strip_prefix("other:").unwrap_or(id)
}

/// A license id for a whole value written in card text ("Apache 2.0", "MIT License",
/// "CC BY 4.0"): a Hub id or an alias. Placeholders ("other", "unknown") are no license fact.
pub fn id_in_card_text(text: &str) -> Option<&'static str> {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches(" license").trim_end_matches(" licence").trim();
    known_license(t).map(|(id, _, _)| id).or_else(|| alias(t)).filter(|id| known_license(id).is_some_and(|l| l.2 != Family::Unknown))
}

/// The license a phrase of free text names ("mit", "apache 2.0", "cc-by-nc-4.0"): an alias or a
/// hyphenated Hub id. Vendor community licenses named after a model family ("gemma", "llama3")
/// are not read from prose — "fine-tune gemma" names a model, not a license — and neither are
/// placeholders ("other") or bare words that are ids by accident ("postgresql", "qwen").
pub fn id_in_prose(phrase: &str) -> Option<&'static str> {
    let id = alias(phrase).or_else(|| known_license(phrase).filter(|_| phrase.contains('-')).map(|l| l.0))?;
    known_license(id).filter(|(_, _, family)| !matches!(family, Family::Community | Family::Unknown)).map(|l| l.0)
}

/// Classifies any license id, including `other:<name>` and SPDX-style spellings.
pub fn classify(id: &str) -> LicenseInfo {
    let lower = id.trim().to_ascii_lowercase();
    if let Some((k, name, family)) = known_license(&lower) {
        return LicenseInfo { id: k.to_string(), name: name.to_string(), family, inferred: false };
    }
    let bare = without_other_prefix(&lower);
    if let Some((_, name, family)) = known_license(bare).or_else(|| known_license(&spdx_to_hub(bare))) {
        return LicenseInfo { id: lower.clone(), name: name.to_string(), family, inferred: bare != lower };
    }
    let family = guess_family(bare);
    LicenseInfo { id: lower.clone(), name: bare.to_string(), family, inferred: true }
}

/// SPDX spells some ids differently from the Hub (`Apache-2.0` vs `apache-2.0`, `GPL-3.0-only`).
fn spdx_to_hub(spdx: &str) -> String {
    let s = spdx.trim_end_matches("-only").trim_end_matches("-or-later").trim_end_matches('+');
    match alias(s) {
        Some(id) => id.to_string(),
        None => s.replace(' ', "-"),
    }
}

/// Guesses a family from an unrecognised license name, only when the words are unambiguous.
fn guess_family(name: &str) -> Family {
    let has = |w: &str| name.contains(w);
    if has("non-commercial") || has("noncommercial") || has("non_commercial") || has("-nc-") || has("nc-community") {
        Family::NonCommercial
    } else if has("research") {
        Family::ResearchOnly
    } else if has("llama") || has("gemma") || has("qwen") {
        Family::Community
    } else if has("openrail") || has("rail-m") {
        Family::OpenRail
    } else {
        Family::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_ids_and_spdx_spellings_classify() {
        assert_eq!(classify("Apache-2.0").family, Family::Permissive);
        assert_eq!(classify("GPL-3.0-only").family, Family::StrongCopyleft);
        assert_eq!(classify("llama3.1").family, Family::Community);
        assert_eq!(classify("cc-by-nc-4.0").commercial(), Commercial::No);
        assert_eq!(classify("other:flux-1-dev-non-commercial-license").family, Family::NonCommercial);
        assert_eq!(classify("other:bria-rmbg-1.4").family, Family::NonCommercial);
        assert_eq!(classify("other:my-company-terms").family, Family::Unknown);
        assert_eq!(classify("other").family, Family::Unknown);
        assert_eq!(classify("other:gemma-terms-of-use").family, Family::Community);
        assert_eq!(classify("other:stable-video-diffusion-community").commercial(), Commercial::Limited);
        assert_eq!(classify("other:some-vendor-community").family, Family::Unknown);
    }

    #[test]
    fn ids_are_unique() {
        for (i, (a, _, _)) in LICENSES.iter().enumerate() {
            assert!(LICENSES[i + 1..].iter().all(|(b, _, _)| b != a), "duplicate {a}");
        }
    }
}

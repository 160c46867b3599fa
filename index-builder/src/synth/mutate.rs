//! The rule-based substitutions of paper §4.2, each with the predicate it implies.
//!
//! Every mutation replaces one attribute of a model-populated instance with a *valid* alternative
//! and knows, from the catalog facts alone, whether the origin model still satisfies it:
//! * license → a license wish of a compatible family (the origin's license passes) or an
//!   incompatible one (it fails): a family phrase ("a permissive license", "must permit commercial
//!   use", "an open-source license") or two exact ids ("mit or bsd-3-clause");
//! * language → one the origin lists (passes) or a common one it does not (fails);
//! * size → "under X" / "at least X parameters" with X on a ladder just above or below the
//!   origin's parameter count (10 % margin, so rounding never decides);
//! * modality → another task whose input or output format differs (the origin is off-task).

use ptmpicker::human::human_params;
use ptmpicker::knowledge::languages::name as language_name;
use ptmpicker::knowledge::licenses::{classify, Commercial, Family, LICENSES};
use ptmpicker::knowledge::tasks::TaskInfo;
use serde::Serialize;

use super::prng::Rng;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mutation {
    /// The template field changed (`license`, `language`, `parameter_size`), or `modality` for a
    /// task swap (task, input_format, output_format and function change together).
    pub field: &'static str,
    /// `compatible` (origin still satisfies) or `incompatible` (it doesn't).
    pub kind: &'static str,
    /// The origin's value.
    pub from: String,
    /// The request's value.
    pub to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_family: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_family: Option<String>,
    /// Infill only (`kind: "infill"`): the words hidden behind `[MASK]` in `from`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub masked: Option<String>,
    /// Infill only: what the LLM wrote in place of `[MASK]` (`to` is `from` with `masked` replaced by it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub llm: Option<String>,
}

pub fn kind_name(compatible: bool) -> &'static str {
    if compatible {
        "compatible"
    } else {
        "incompatible"
    }
}

fn family_name(f: Family) -> String {
    serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| format!("{f:?}"))
}

/// A license wish and the license ids that fully satisfy it.
#[derive(Clone, Debug)]
pub struct LicenseWish {
    pub text: String,
    pub ids: Vec<String>,
    pub label: String,
}

/// License wishes stated as families.
const FAMILY_WISHES: &[(&str, &str)] = &[
    ("a permissive license", "permissive"),
    ("must permit commercial use", "commercial_use"),
    ("an open-source license (copyleft is OK)", "open_source"),
];

fn family_wish_holds(label: &str, f: Family) -> bool {
    match label {
        "permissive" => f == Family::Permissive,
        "commercial_use" => matches!(f.commercial(), Commercial::Yes | Commercial::WithConditions),
        "open_source" => f.is_open_source(),
        _ => false,
    }
}

/// Ids used in "X or Y" wishes: common on the Hub and spelled the way developers write them.
const PAIR_IDS: &[&str] = &[
    "apache-2.0",
    "mit",
    "bsd-3-clause",
    "cc-by-4.0",
    "cc0-1.0",
    "lgpl-3.0",
    "mpl-2.0",
    "gpl-3.0",
    "agpl-3.0",
    "cc-by-sa-4.0",
    "openrail",
    "creativeml-openrail-m",
    "bigscience-openrail-m",
    "llama2",
    "gemma",
    "cc-by-nc-4.0",
    "cc-by-nc-sa-4.0",
    "cc-by-nc-nd-4.0",
    "deepfloyd-if-license",
    "fair-noncommercial-research-license",
];

/// Every license string a judge may need to list: the catalog's own strings (as the judge compares
/// them verbatim) plus the engine's known ids.
pub struct LicenseUniverse {
    all: Vec<(String, Family)>,
}

impl LicenseUniverse {
    pub fn new<'a>(catalog_licenses: impl IntoIterator<Item = &'a str>) -> LicenseUniverse {
        let mut all: Vec<String> = LICENSES.iter().map(|(id, _, _)| id.to_string()).collect();
        all.extend(catalog_licenses.into_iter().map(|l| l.trim().to_ascii_lowercase()).filter(|l| !l.is_empty()));
        all.sort();
        all.dedup();
        LicenseUniverse {
            all: all
                .into_iter()
                .map(|id| {
                    let f = classify(&id).family;
                    (id, f)
                })
                .collect(),
        }
    }

    fn ids_where(&self, pred: impl Fn(Family) -> bool) -> Vec<String> {
        self.all.iter().filter(|(_, f)| pred(*f)).map(|(id, _)| id.clone()).collect()
    }

    /// A wish the origin's license `from` satisfies (`compatible`) or fails. `None` when the
    /// origin's license family is unknown (nothing can be said for sure). `weight` says how common
    /// a license id is where the request will be judged (e.g. within its task), so exact-id wishes
    /// favour licenses that some models actually carry.
    pub fn mutate(&self, rng: &mut Rng, from: &str, compatible: bool, weight: &dyn Fn(&str) -> usize) -> Option<(Mutation, LicenseWish)> {
        let from_family = classify(from).family;
        if from_family == Family::Unknown {
            return None;
        }
        let mut options: Vec<LicenseWish> = Vec::new();
        for &(text, label) in FAMILY_WISHES {
            if family_wish_holds(label, from_family) == compatible {
                options.push(LicenseWish {
                    text: text.to_string(),
                    ids: self.ids_where(|f| family_wish_holds(label, f)),
                    label: label.to_string(),
                });
            }
        }
        let pair_family = |id: &str| classify(id).family;
        if compatible {
            // The origin's license or another of its family.
            let mut same: Vec<&str> = PAIR_IDS.iter().copied().filter(|&y| y != from && pair_family(y) == from_family).collect();
            if same.is_empty() {
                same = PAIR_IDS.iter().copied().filter(|&y| y != from).collect();
            }
            let y = weighted_pick(rng, &same, weight)?;
            let (a, b) = if rng.chance(0.5) { (from, y) } else { (y, from) };
            options.push(LicenseWish {
                text: format!("{a} or {b}"),
                ids: vec![a.to_string(), b.to_string()],
                label: family_name(pair_family(y)),
            });
        } else {
            // Two ids of one other family.
            let mut families: Vec<Family> = Vec::new();
            for id in PAIR_IDS {
                let f = pair_family(id);
                if f != from_family && !families.contains(&f) {
                    families.push(f);
                }
            }
            families.retain(|&f| PAIR_IDS.iter().filter(|id| pair_family(id) == f).count() >= 2);
            let family_weight = |g: &Family| PAIR_IDS.iter().filter(|id| pair_family(id) == *g).map(|id| weight(id)).sum::<usize>();
            let total: usize = families.iter().map(family_weight).sum();
            let g = if total == 0 {
                rng.pick(&families).copied()
            } else {
                let mut x = rng.below(total);
                families.iter().copied().find(|g| {
                    let w = family_weight(g);
                    if x < w {
                        true
                    } else {
                        x -= w;
                        false
                    }
                })
            };
            if let Some(g) = g {
                let mut ids: Vec<&str> = PAIR_IDS.iter().copied().filter(|id| pair_family(id) == g && *id != from).collect();
                if let Some(a) = weighted_pick(rng, &ids, weight) {
                    ids.retain(|id| *id != a);
                    if let Some(b) = weighted_pick(rng, &ids, weight) {
                        options.push(LicenseWish {
                            text: format!("{a} or {b}"),
                            ids: vec![a.to_string(), b.to_string()],
                            label: family_name(g),
                        });
                    }
                }
            }
        }
        let wish = rng.pick(&options)?.clone();
        // The judge compares catalog strings verbatim; the mutation's claim must agree with it.
        debug_assert_eq!(wish.ids.iter().any(|i| i == from), compatible, "{from} vs {:?}", wish.text);
        if wish.ids.iter().any(|i| i == from) != compatible {
            return None;
        }
        let m = Mutation {
            field: "license",
            kind: kind_name(compatible),
            from: from.to_string(),
            to: wish.text.clone(),
            from_family: Some(family_name(from_family)),
            to_family: Some(wish.label.clone()),
            masked: None,
            llm: None,
        };
        Some((m, wish))
    }
}

/// Picks an item with probability proportional to `weight + 1`.
fn weighted_pick<'a>(rng: &mut Rng, items: &[&'a str], weight: &dyn Fn(&str) -> usize) -> Option<&'a str> {
    let total: usize = items.iter().map(|i| weight(i) + 1).sum();
    if total == 0 {
        return None;
    }
    let mut x = rng.below(total);
    for &i in items {
        let w = weight(i) + 1;
        if x < w {
            return Some(i);
        }
        x -= w;
    }
    None
}

/// Languages an incompatible language wish picks from (the Hub's most common).
const COMMON_LANGUAGES: &[&str] = &["en", "zh", "fr", "de", "es", "ja", "ko", "ru", "ar", "hi", "pt", "it", "nl", "tr", "vi", "pl"];

fn capitalized(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A language wish: (mutation, ISO code, request text). `None` when the origin lists no language
/// the engine can name.
pub fn mutate_language(rng: &mut Rng, langs: &[String], compatible: bool) -> Option<(Mutation, String, String)> {
    let named: Vec<&String> = langs.iter().filter(|l| language_name(l).is_some()).collect();
    if named.is_empty() {
        return None;
    }
    let code = if compatible {
        rng.pick(&named)?.to_string()
    } else {
        let others: Vec<&&str> = COMMON_LANGUAGES.iter().filter(|c| !langs.iter().any(|l| l == **c)).collect();
        rng.pick(&others)?.to_string()
    };
    let name = capitalized(language_name(&code)?);
    let text = match rng.below(3) {
        0 => name.clone(),
        1 => format!("must support {name}"),
        _ => format!("{name} input"),
    };
    let m = Mutation {
        field: "language",
        kind: kind_name(compatible),
        from: langs.join(", "),
        to: text.clone(),
        from_family: None,
        to_family: None,
        masked: None,
        llm: None,
    };
    Some((m, code, text))
}

const SIZE_LADDER: &[u64] = &[
    10_000_000,
    50_000_000,
    100_000_000,
    300_000_000,
    500_000_000,
    1_000_000_000,
    2_000_000_000,
    3_000_000_000,
    7_000_000_000,
    8_000_000_000,
    13_000_000_000,
    30_000_000_000,
    70_000_000_000,
    200_000_000_000,
    500_000_000_000,
];

/// A size wish: (mutation, max_params, min_params, request text).
pub fn mutate_size(rng: &mut Rng, params: u64, compatible: bool) -> Option<(Mutation, Option<u64>, Option<u64>, String)> {
    let above = SIZE_LADDER.iter().copied().find(|&x| x as f64 > params as f64 * 1.1);
    let below = SIZE_LADDER.iter().copied().rev().find(|&x| (x as f64) < params as f64 / 1.1);
    // "under X": satisfied when X is above; "at least X": satisfied when X is below.
    let under = if compatible { above } else { below };
    let at_least = if compatible { below } else { above };
    let upper_bound = match (under, at_least) {
        (Some(_), Some(_)) => rng.chance(0.6),
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => return None,
    };
    let (x, max, min) = if upper_bound { (under?, under, None) } else { (at_least?, None, at_least) };
    let text =
        if upper_bound { format!("under {} parameters", human_params(x)) } else { format!("at least {} parameters", human_params(x)) };
    let m = Mutation {
        field: "parameter_size",
        kind: kind_name(compatible),
        from: human_params(params),
        to: text.clone(),
        from_family: None,
        to_family: None,
        masked: None,
        llm: None,
    };
    Some((m, max, min, text))
}

/// Another task whose input or output differs from `task`'s, drawn from `pool`.
pub fn mutate_modality(rng: &mut Rng, task: &TaskInfo, pool: &[&'static TaskInfo]) -> Option<(Mutation, &'static TaskInfo)> {
    let options: Vec<&&'static TaskInfo> =
        pool.iter().filter(|t| t.tag != task.tag && (t.input != task.input || t.output != task.output)).collect();
    let other = **rng.pick(&options)?;
    let m = Mutation {
        field: "modality",
        kind: "incompatible",
        from: format!("{} ({} → {})", task.tag, task.input, task.output),
        to: format!("{} ({} → {})", other.tag, other.input, other.output),
        from_family: None,
        to_family: None,
        masked: None,
        llm: None,
    };
    Some((m, other))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn license_mutations_agree_with_their_lists() {
        let u = LicenseUniverse::new(["other:llama4", "cc-by-nc-4.0", "mit"]);
        for seed in 0..200 {
            let mut rng = Rng::new(seed);
            for from in ["mit", "apache-2.0", "cc-by-nc-4.0", "llama3.1", "gpl-3.0", "openrail"] {
                for compatible in [true, false] {
                    let (m, wish) = u.mutate(&mut rng, from, compatible, &|_| 0).unwrap_or_else(|| panic!("{from} {compatible}"));
                    assert_eq!(wish.ids.iter().any(|i| i == from), compatible, "{from} → {}", wish.text);
                    assert_eq!(m.kind, kind_name(compatible));
                    assert!(!wish.ids.is_empty());
                }
            }
        }
        assert!(u.mutate(&mut Rng::new(1), "other:my-terms", true, &|_| 0).is_none());
        // Weights steer exact-id wishes towards licenses models carry.
        let mut rng = Rng::new(9);
        let heavy = |id: &str| if id == "gpl-3.0" || id == "agpl-3.0" { 1000 } else { 0 };
        let hits =
            (0..100).filter(|_| u.mutate(&mut rng, "cc-by-nc-4.0", false, &heavy).unwrap().1.ids.contains(&"gpl-3.0".to_string())).count();
        assert!(hits > 30, "{hits}");
        // Family lists carry the catalog's own spellings.
        let commercial = u.ids_where(|f| family_wish_holds("commercial_use", f));
        assert!(commercial.contains(&"other:llama4".to_string()) && commercial.contains(&"mit".to_string()));
        assert!(!commercial.contains(&"cc-by-nc-4.0".to_string()));
    }

    #[test]
    fn size_and_language_mutations() {
        let mut rng = Rng::new(3);
        for _ in 0..100 {
            let (_, max, min, text) = mutate_size(&mut rng, 1_100_000_000, true).unwrap();
            assert!(max.is_some_and(|m| m >= 2_000_000_000) || min.is_some_and(|m| m <= 1_000_000_000), "{text}");
            let (_, max, min, text) = mutate_size(&mut rng, 1_100_000_000, false).unwrap();
            assert!(max.is_some_and(|m| m <= 1_000_000_000) || min.is_some_and(|m| m >= 2_000_000_000), "{text}");
        }
        assert_eq!(human_params(300_000_000), "300M");
        assert_eq!(human_params(7_000_000_000), "7B");
        assert!(mutate_size(&mut rng, 5_000_000, true).is_some());
        let langs = vec!["de".to_string(), "xx".to_string()];
        for _ in 0..50 {
            let (_, code, text) = mutate_language(&mut rng, &langs, true).unwrap();
            assert_eq!(code, "de");
            assert!(text.contains("German"), "{text}");
            let (_, code, _) = mutate_language(&mut rng, &langs, false).unwrap();
            assert!(code != "de");
        }
        assert!(mutate_language(&mut rng, &["xx".to_string()], true).is_none());
    }
}

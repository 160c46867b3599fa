//! Reads a developer's license wish ("apache-2.0 or mit", "must permit commercial use", "no
//! copyleft", "non-commercial is fine") into a policy, and checks a model's license against it.
//!
//! Why a policy and not string matching: "mit" in a request means "MIT-style freedom", which an
//! Apache-2.0 or BSD model gives too; "commercial use" is satisfied by Llama's community license
//! (with conditions, which the reason states) but not by CC-BY-NC. Each rule names itself in the
//! verdict's reason so the user can see why a model passed. License ids, aliases and families
//! are vocabulary, read from [`crate::knowledge::licenses`].

use super::verdict::Verdict;
use crate::knowledge::languages::is_cjk;
use crate::knowledge::licenses::{classify, known_license, wish, without_other_prefix, Commercial, Family, ALIASES};
use crate::knowledge::quantities::{continues_negated_list, ends_in_negator, negations_before};

/// A parsed license requirement. Every part present must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LicensePolicy {
    /// The text as written.
    pub text: String,
    /// Exactly these ids (or, with `at_most_as_strict`, anything no stricter than the strictest).
    pub ids: Vec<String>,
    /// One id named alone: accept licenses whose family is no stricter than its family.
    pub at_most_as_strict: bool,
    pub require_commercial: bool,
    pub require_permissive: bool,
    pub no_copyleft: bool,
    pub require_open_source: bool,
    /// "any license" / "non-commercial is fine": only research-only or unknown terms fail to satisfy.
    pub anything_goes: bool,
    pub non_commercial_ok: bool,
    /// Ids or families the developer rules out ("no gpl").
    pub excluded_ids: Vec<String>,
}

impl LicensePolicy {
    /// Parses a request's `license` text. Returns `None` when the text states no usable requirement.
    pub fn parse(text: &str) -> Option<LicensePolicy> {
        let lower = format!(" {} ", text.to_ascii_lowercase().replace(['_', ',', ';', '(', ')', '/'], " "));
        let mut p = LicensePolicy { text: text.trim().to_string(), ..Default::default() };

        // Clause edges of the text as written (the same byte positions as `lower`).
        let raw = format!(" {} ", text.to_ascii_lowercase());
        let negated = |pos: usize| ends_in_negator(&lower[..pos]) || negated_in_clause(&raw, pos);

        // Explicit ids ("apache-2.0 or mit"), found as whole words, longest alias first, then
        // read in the order written: a ruled-out id carries its negation along a list joined by
        // "or" ("no GPL or AGPL", "no GPL or other copyleft": [`continues_negated_list`]).
        let mut masked = lower.clone();
        let mut aliases: Vec<&(&str, &str)> = ALIASES.iter().collect();
        aliases.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
        let mut found: Vec<(usize, usize, &str)> = Vec::new();
        for &&(alias, id) in &aliases {
            while let Some(pos) = find_word(&masked, alias) {
                found.push((pos, alias.len(), id));
                masked.replace_range(pos..pos + alias.len(), &" ".repeat(alias.len()));
            }
        }
        found.sort_unstable();
        let mut ruled_out_end: Option<usize> = None;
        for &(pos, len, id) in &found {
            if negated(pos) || ruled_out_end.is_some_and(|end| list_continues(&raw, end, pos)) {
                push_unique(&mut p.excluded_ids, id);
                ruled_out_end = Some(pos + len);
            } else {
                push_unique(&mut p.ids, id);
            }
        }
        // Hub ids written verbatim that the alias table does not cover (e.g. "cc-by-nd-4.0"); the
        // placeholders are words here ("no GPL or *other* copyleft").
        for word in masked.split_whitespace() {
            if known_license(word).is_some() && word.len() > 3 && !matches!(word, "other" | "unknown") {
                push_unique(&mut p.ids, word);
            }
        }

        let has = |w: &str| lower.contains(w);
        let any = |words: &[&str]| words.iter().any(|w| has(w));
        let fine = any(wish::ACCEPTING);
        // "NC" alone is the licences' own short name for non-commercial ("no NC licences", "NC is
        // fine"; in a license field it means nothing else).
        let (requires, waives) = commercial_wishes(&lower.replace(" nc ", " non-commercial "));
        // "no research-only licences" rules out research terms: it asks for commercial use, never
        // "non-commercial is fine".
        let research_ruled_out = wish::RESEARCH.iter().any(|w| lower.match_indices(w).any(|(pos, _)| negated(pos)));
        if requires || research_ruled_out {
            // The strict reading wins when a text says both.
            p.require_commercial = true;
        } else if waives || any(wish::RESEARCH) && (fine || has("only") || has("use")) {
            p.non_commercial_ok = true;
        }
        if has(wish::PERMISSIVE) {
            p.require_permissive = true;
        }
        if let Some(pos) = lower.find(wish::COPYLEFT) {
            if negated(pos)
                || has("no copyleft")
                || negated_after(&lower[pos + wish::COPYLEFT.len()..])
                || ruled_out_end.is_some_and(|end| end <= pos && list_continues(&raw, end, pos))
            {
                p.no_copyleft = true;
            }
        }
        if any(wish::COPYLEFT_SYNONYMS) {
            p.no_copyleft = true;
        }
        if any(wish::OPEN_SOURCE) {
            p.require_open_source = true;
        }
        if any(wish::ANY_LICENSE) {
            p.anything_goes = true;
        }
        if p.ids.len() == 1 && !has(" or ") && !has(" only") && !has("exactly") && !has("must be") {
            p.at_most_as_strict = true;
        }
        let states_something = !p.ids.is_empty()
            || !p.excluded_ids.is_empty()
            || p.require_commercial
            || p.require_permissive
            || p.no_copyleft
            || p.require_open_source
            || p.anything_goes
            || p.non_commercial_ok;
        states_something.then_some(p)
    }

    /// Checks a model's license (Hub id, or `None` when the model states none).
    pub fn check(&self, license: Option<&str>) -> Verdict {
        let Some(id) = license.filter(|l| !l.trim().is_empty()) else {
            if self.accepts_any_terms() {
                return Verdict::satisfied("the model states no license; you accept any terms (check the card before use)");
            }
            // Without a license no rights are granted by default: never shown as satisfying a
            // wish, ranked after every model whose license is known to satisfy it.
            return Verdict::unknown("the model states no license (without one, no use is granted by default; check the card)");
        };
        let info = classify(id);
        let family = info.family;
        let shown = if info.inferred { format!("{} (read as {})", info.id, family.label()) } else { info.id.clone() };

        if self.excluded_ids.iter().any(|x| same_license(x, &info.id)) {
            return Verdict::violated(format!("{shown} is excluded by the request"));
        }
        if self.excluded_ids.iter().any(|x| excluded_family(x, &info.id)) {
            return Verdict::violated(format!("{shown} belongs to an excluded license family"));
        }
        if family == Family::Unknown && info.id != "unknown" {
            // A custom license is certainly not one of the standard ones the developer named.
            if !self.ids.is_empty() && !self.at_most_as_strict && !self.ids.iter().any(|x| same_license(x, &info.id)) {
                return Verdict::violated(format!("{shown} is a custom license, not one of {}", self.ids.join(", ")));
            }
            if self.require_permissive || self.require_open_source {
                return Verdict::violated(format!(
                    "{shown} is a custom license, not a standard {} one",
                    if self.require_permissive { "permissive" } else { "open-source" }
                ));
            }
        }
        if family == Family::Unknown {
            return Verdict::unknown(format!("{shown}: terms not known to the rules (see the card)"));
        }
        if self.require_commercial {
            match family.commercial() {
                Commercial::No => return Verdict::violated(format!("{shown} is {}: no commercial use", family.label())),
                Commercial::Limited => {
                    return Verdict::violated(format!("{shown}: {} — not a general commercial permission", family.label()))
                }
                Commercial::Unknown => return Verdict::unknown(format!("{shown}: commercial use unclear")),
                _ => {}
            }
            // No derivatives: selling the model unchanged is allowed, fine-tuning it or shipping
            // modified (quantized, merged) weights is not. Not a general commercial permission,
            // nor a breach: unknown, ranked below models that allow both.
            if family == Family::NoDerivatives {
                return Verdict::unknown(format!(
                    "{shown}: commercial use only unchanged (no derivatives: no fine-tuned or modified weights)"
                ));
            }
        }
        if self.require_permissive && family != Family::Permissive {
            return Verdict::violated(format!("{shown} is {}, not permissive", family.label()));
        }
        if self.no_copyleft && family.is_copyleft() {
            return Verdict::violated(format!("{shown} is {}", family.label()));
        }
        if self.require_open_source && !family.is_open_source() {
            return Verdict::violated(format!("{shown} is {}, not an OSI-style open-source license", family.label()));
        }
        if !self.ids.is_empty() {
            let named = self.ids.iter().any(|x| same_license(x, &info.id));
            if !named {
                if self.at_most_as_strict {
                    let wanted = classify(&self.ids[0]).family;
                    let ok = family.strictness() <= wanted.strictness() && family.commercial() != Commercial::No
                        || (wanted.commercial() == Commercial::No && family != Family::ResearchOnly);
                    if !ok {
                        return Verdict::violated(format!(
                            "{shown} is {}, stricter than {} ({})",
                            family.label(),
                            self.ids[0],
                            wanted.label()
                        ));
                    }
                } else {
                    return Verdict::violated(format!("{shown} is not one of {}", self.ids.join(", ")));
                }
            }
        }
        if (self.anything_goes || self.non_commercial_ok)
            && family == Family::ResearchOnly
            && !self.text.to_ascii_lowercase().contains("research")
        {
            return Verdict::unknown(format!("{shown} allows research use only"));
        }
        let mut reason = format!("{shown} is {}", family.label());
        if self.require_commercial && family.commercial() == Commercial::WithConditions {
            reason.push_str("; commercial use allowed under the license's conditions (read them)");
        } else if self.require_commercial {
            reason.push_str("; commercial use allowed");
        }
        if !self.ids.is_empty() && self.at_most_as_strict && !self.ids.iter().any(|x| same_license(x, &info.id)) {
            reason.push_str(&format!("; compatible with {}-style use", self.ids[0]));
        }
        Verdict::satisfied(reason)
    }
}

impl LicensePolicy {
    /// "non-commercial is fine", "any license": nothing is required beyond use at all.
    fn accepts_any_terms(&self) -> bool {
        (self.anything_goes || self.non_commercial_ok)
            && self.ids.is_empty()
            && !self.require_commercial
            && !self.require_permissive
            && !self.no_copyleft
            && !self.require_open_source
    }
}

/// Every commercial wish word of a license text, read with its negations: (some occurrence
/// requires commercial use, some occurrence waives it). "non-commercial" carries one negation
/// itself, so "no non-commercial license" requires commercial use and "not for commercial use"
/// waives it; a wish followed by "not needed" flips too.
fn commercial_wishes(lower: &str) -> (bool, bool) {
    let (mut requires, mut waives) = (false, false);
    // Chinese, Japanese and Korean words are not separated by spaces: they start anywhere.
    let spaceless = |w: &str| w.chars().next().is_some_and(is_cjk);
    let starts_word = |pos: usize| pos == 0 || !lower[..pos].chars().next_back().is_some_and(char::is_alphanumeric);
    let mut seen: Vec<usize> = Vec::new();
    for nc in wish::NON_COMMERCIAL.iter().chain(wish::commercial_words()) {
        let intrinsic = usize::from(wish::NON_COMMERCIAL.contains(nc));
        for (pos, _) in lower.match_indices(nc) {
            // "non-commercial" also contains "commercial": count each place once.
            if !(starts_word(pos) || spaceless(nc)) || seen.iter().any(|&s| s <= pos && pos < s + 16) {
                continue;
            }
            seen.push(pos);
            let before = lower[..pos].split(|c: char| c.is_whitespace() || c == '-');
            // What follows the wish in its sentence, up to the next wish word: "we sell it and
            // non-commercial terms are not allowed" negates only the second wish.
            let after = wish_clause(&lower[pos + nc.len()..]);
            let flips = usize::from(wish::NEGATED_AFTER.iter().any(|w| after.contains(w)));
            if (intrinsic + negations_before(before.filter(|w| !w.is_empty())) + flips) % 2 == 1 {
                waives = true;
            } else {
                requires = true;
            }
        }
    }
    (requires, waives)
}

/// What follows a wish in its sentence, up to the next commercial wish word: the words a
/// negation after the wish must stand in ("we sell it and non-commercial terms are not allowed"
/// negates only the second wish).
fn wish_clause(rest: &str) -> &str {
    let rest = &rest[..rest.find(['.', '!', '?', '。', '！', '？', '；']).unwrap_or(rest.len())];
    let next_wish = wish::NON_COMMERCIAL.iter().chain(wish::commercial_words()).filter_map(|w| rest.find(w)).min();
    &rest[..next_wish.unwrap_or(rest.len())]
}

/// Whether the words right after a wish negate it ("copyleft is not ok", "copyleft licences are
/// out", "Copyleft ist nicht erlaubt"): a [`wish::NEGATED_AFTER`] phrase within its next
/// [`NEGATION_REACH`] words, in its sentence and before the next commercial wish word ("copyleft is
/// fine, commercial use not needed" negates only the commercial wish).
fn negated_after(rest: &str) -> bool {
    let near: Vec<&str> = wish_clause(rest).split_whitespace().take(NEGATION_REACH).collect();
    let near = format!(" {} ", near.join(" "));
    wish::NEGATED_AFTER.iter().any(|w| near.contains(w))
}

/// Whether the word at byte `pos` of `raw` (the lowercase text) is negated within its clause
/// ([`negations_before`] over the words before it, back to the last , ; ( ) /): "pas de GPL",
/// "keine der GPL-Lizenzen".
fn negated_in_clause(raw: &str, pos: usize) -> bool {
    let before = &raw[..pos];
    let clause = &before[before.rfind([',', ';', '(', ')', '/', '.', ':']).map_or(0, |e| e + 1)..];
    negations_before(clause.split_whitespace()) % 2 == 1
}

/// Whether only list words ([`continues_negated_list`]) stand between byte `end` of a ruled-out
/// name and byte `pos` of the next one, in one clause.
fn list_continues(raw: &str, end: usize, pos: usize) -> bool {
    let between = &raw[end..pos];
    !between.contains([';', '(', ')', '.', ':']) && continues_negated_list(between.split(|c: char| c.is_whitespace() || c == ','))
}

/// How many words after a wish [`negated_after`] reads ("licences are not allowed": 4).
const NEGATION_REACH: usize = 5;

fn push_unique(v: &mut Vec<String>, id: &str) {
    if !v.iter().any(|x| x == id) {
        v.push(id.to_string());
    }
}

/// Same license, counting families named by their short form ("bsd" covers bsd-2/3-clause,
/// "gpl-3.0" covers "gpl").
fn same_license(wanted: &str, actual: &str) -> bool {
    let actual = without_other_prefix(actual);
    wanted == actual
        || (wanted == "bsd-3-clause" && actual.starts_with("bsd"))
        || (wanted == "cc-by-4.0" && actual.starts_with("cc-by-") && actual.chars().nth(6).is_some_and(|c| c.is_ascii_digit()))
        || (wanted.starts_with("llama3") && actual.starts_with("llama3") && wanted == "llama3")
}

/// "no gpl" also rules out agpl/gpl-2.0 …
fn excluded_family(excluded: &str, actual: &str) -> bool {
    let stem = |s: &str| s.split('-').next().unwrap_or(s).to_string();
    let (e, a) = (stem(excluded), stem(actual));
    (e == "gpl" && (a == "gpl" || a == "agpl")) || (e == "agpl" && a == "agpl") || (e == "cc" && a == "cc")
}

/// Byte position of `needle` in `hay` as a whole word (neighbours are not alphanumeric, '-' or '.').
fn find_word(hay: &str, needle: &str) -> Option<usize> {
    let bytes = hay.as_bytes();
    let mut from = 0;
    while let Some(rel) = hay[from..].find(needle) {
        let pos = from + rel;
        let end = pos + needle.len();
        let before_ok = pos == 0 || !is_word_byte(bytes[pos - 1]);
        let after_ok = end >= bytes.len()
            || !is_word_byte(bytes[end])
            || (bytes[end] == b'.' && end + 1 < bytes.len() && !is_word_byte(bytes[end + 1]));
        if before_ok && after_ok {
            return Some(pos);
        }
        from = pos + needle.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'+'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::verdict::Status;

    fn status(req: &str, lic: Option<&str>) -> Status {
        LicensePolicy::parse(req).unwrap_or_else(|| panic!("no policy for {req}")).check(lic).status
    }

    #[test]
    fn ruling_out_research_terms_asks_for_commercial_use() {
        for text in ["we charge clients for it, so no research-only licences", "no research-only licenses"] {
            let p = LicensePolicy::parse(text).unwrap();
            assert!(p.require_commercial && !p.non_commercial_ok, "{text}: {p:?}");
        }
        let p = LicensePolicy::parse("research only is fine").unwrap();
        assert!(p.non_commercial_ok && !p.require_commercial, "{p:?}");
    }

    #[test]
    fn license_field_wishes_in_several_languages() {
        for text in [
            "nothing with a non-commercial licence",
            "no models under a non-commercial license",
            "per uso commerciale",
            "für eine kostenpflichtige App",
            "é para um serviço pago",
            "un servicio pago",
        ] {
            let p = LicensePolicy::parse(text).unwrap_or_else(|| panic!("no policy for {text}"));
            assert!(p.require_commercial && !p.non_commercial_ok, "{text}: {p:?}");
            assert_eq!(p.check(Some("cc-by-nc-4.0")).status, Status::Violated, "{text}");
        }
        // The negated paid word waives, as "not for commercial use" does.
        assert!(LicensePolicy::parse("nicht kostenpflichtig, nur Forschung").is_some_and(|p| !p.require_commercial));
    }

    #[test]
    fn copyleft_ruled_out_by_the_words_after_it_and_nc_read_as_non_commercial() {
        for text in ["copyleft is not ok", "copyleft licences are out", "Copyleft ist nicht erlaubt", "copyleft: not acceptable"] {
            let p = LicensePolicy::parse(text).unwrap_or_else(|| panic!("no policy for {text}"));
            assert!(p.no_copyleft, "{text}: {p:?}");
            assert_eq!(p.check(Some("gpl-3.0")).status, Status::Violated, "{text}");
            assert_eq!(p.check(Some("mit")).status, Status::Satisfied, "{text}");
        }
        // "NC", the licences' short name for non-commercial.
        let p = LicensePolicy::parse("no NC licences").unwrap();
        assert!(p.require_commercial && !p.non_commercial_ok, "{p:?}");
        assert_eq!(p.check(Some("cc-by-nc-4.0")).status, Status::Violated);
        assert!(LicensePolicy::parse("NC is fine").is_some_and(|p| p.non_commercial_ok && !p.require_commercial));
        // The negation belongs to the next wish, or to another sentence: copyleft stays allowed.
        for text in ["copyleft is fine, commercial use not needed", "copyleft is fine. Research-only terms are not ok"] {
            assert!(LicensePolicy::parse(text).is_none_or(|p| !p.no_copyleft), "{text}");
        }
    }

    #[test]
    fn a_ruled_out_license_rules_out_the_rest_of_its_or_list() {
        let p = LicensePolicy::parse("no gpl or other copyleft").unwrap();
        assert!(p.no_copyleft && p.excluded_ids == ["gpl-3.0"] && p.ids.is_empty(), "{p:?}");
        let p = LicensePolicy::parse("no GPL or AGPL").unwrap();
        assert_eq!((p.excluded_ids.len(), p.ids.len()), (2, 0));
        let p = LicensePolicy::parse("pas de GPL ni d'autres licences copyleft").unwrap();
        assert!(p.no_copyleft && p.excluded_ids == ["gpl-3.0"]);
        let p = LicensePolicy::parse("keine GPL oder andere Copyleft-Lizenzen").unwrap();
        assert!(p.no_copyleft && p.excluded_ids == ["gpl-3.0"]);
        assert_eq!(status("no gpl or other copyleft", Some("cc-by-sa-4.0")), Status::Violated);
        assert_eq!(status("no gpl or other copyleft", Some("mit")), Status::Satisfied);
        // "and" and a bare comma carry nothing: "no GPL, MIT" wants MIT.
        let p = LicensePolicy::parse("no gpl, mit").unwrap();
        assert_eq!((p.excluded_ids.as_slice(), p.ids.as_slice()), (&["gpl-3.0".to_string()][..], &["mit".to_string()][..]));
        let p = LicensePolicy::parse("mit or apache, no copyleft").unwrap();
        assert!(p.no_copyleft && p.ids.len() == 2 && p.excluded_ids.is_empty());
    }

    #[test]
    fn mit_means_mit_style() {
        assert_eq!(status("mit", Some("mit")), Status::Satisfied);
        assert_eq!(status("mit", Some("apache-2.0")), Status::Satisfied);
        assert_eq!(status("mit", Some("bsd-3-clause")), Status::Satisfied);
        assert_eq!(status("mit", Some("gpl-3.0")), Status::Violated);
        assert_eq!(status("mit", Some("cc-by-nc-4.0")), Status::Violated);
        assert_eq!(status("MIT", Some("llama2")), Status::Violated);
    }

    #[test]
    fn explicit_alternatives_are_exact() {
        assert_eq!(status("apache-2.0 or mit", Some("mit")), Status::Satisfied);
        assert_eq!(status("apache-2.0 or mit", Some("Apache-2.0")), Status::Satisfied);
        assert_eq!(status("apache-2.0 or mit", Some("bsd-3-clause")), Status::Violated);
        assert_eq!(status("Apache 2.0 only", Some("mit")), Status::Violated);
    }

    #[test]
    fn commercial_use() {
        for req in ["commercial use", "must permit commercial use", "for a commercial product"] {
            assert_eq!(status(req, Some("apache-2.0")), Status::Satisfied, "{req}");
            assert_eq!(status(req, Some("llama3.1")), Status::Satisfied, "{req}");
            assert_eq!(status(req, Some("cc-by-nc-4.0")), Status::Violated, "{req}");
            assert_eq!(status(req, Some("other:flux-1-dev-non-commercial-license")), Status::Violated, "{req}");
            assert_eq!(status(req, Some("other")), Status::Unknown, "{req}");
            assert_eq!(status(req, None), Status::Unknown, "{req}");
        }
        // Selling in users' words and in other languages requires commercial use; their
        // negations waive it (never the other way round).
        for req in [
            "paid app on the Play Store",
            "wir verkaufen die App an Kunden",
            "es para un producto de pago",
            "nous vendons ce service",
            "vamos vender o aplicativo",
            "коммерческое использование",
            "我们的产品要商用",
            "アプリを販売します",
            "상업용 앱",
        ] {
            assert_eq!(status(req, Some("apache-2.0")), Status::Satisfied, "{req}");
            assert_eq!(status(req, Some("cc-by-nc-4.0")), Status::Violated, "{req}");
        }
        for req in [
            "nicht kommerziell, nur Forschung",
            "uso no comercial",
            "非商用研究",
            "商用不可でOK",
            "некоммерческое использование",
            "비상업적 용도",
        ] {
            assert_eq!(status(req, Some("cc-by-nc-4.0")), Status::Satisfied, "{req}");
        }
        let v = LicensePolicy::parse("commercial use").unwrap().check(Some("gemma"));
        assert!(v.reason.contains("conditions"), "{}", v.reason);
    }

    #[test]
    fn families() {
        assert_eq!(status("permissive", Some("bsd-2-clause")), Status::Satisfied);
        assert_eq!(status("permissive", Some("openrail")), Status::Violated);
        assert_eq!(status("no copyleft", Some("gpl-3.0")), Status::Violated);
        assert_eq!(status("no copyleft", Some("lgpl-3.0")), Status::Violated);
        assert_eq!(status("no copyleft", Some("apache-2.0")), Status::Satisfied);
        assert_eq!(status("open source", Some("gpl-3.0")), Status::Satisfied);
        assert_eq!(status("open source", Some("llama2")), Status::Violated);
        assert_eq!(status("non-commercial is fine", Some("cc-by-nc-4.0")), Status::Satisfied);
        assert_eq!(status("non-commercial is fine", Some("apache-2.0")), Status::Satisfied);
        assert_eq!(status("no gpl", Some("agpl-3.0")), Status::Violated);
        assert_eq!(status("no gpl", Some("lgpl-3.0")), Status::Satisfied);
        assert_eq!(status("MIT or Apache", Some("other:vendor-community")), Status::Violated);
        assert_eq!(status("permissive", Some("other")), Status::Violated);
        // Who the model serves, in a license field: a startup or a company uses it commercially.
        assert_eq!(status("for our startup", Some("cc-by-nc-4.0")), Status::Violated);
        assert_eq!(status("company use", Some("apache-2.0")), Status::Satisfied);
        assert_eq!(status("commercial use", Some("other:vendor-terms")), Status::Unknown);
        assert_eq!(status("MIT or Apache", Some("unknown")), Status::Unknown);
    }

    #[test]
    fn negations_are_never_inverted() {
        let p = |t: &str| LicensePolicy::parse(t).unwrap_or_else(|| panic!("{t}"));
        for req in
            ["no non-commercial license", "no non commercial licenses", "nothing non-commercial, please", "not a noncommercial license"]
        {
            assert!(p(req).require_commercial && !p(req).non_commercial_ok, "{req}");
            assert_eq!(status(req, Some("cc-by-nc-4.0")), Status::Violated, "{req}");
        }
        for req in ["not for commercial use", "non-commercial", "this is not intended for commercial use", "commercial use is not needed"] {
            assert!(!p(req).require_commercial && p(req).non_commercial_ok, "{req}");
            assert_eq!(status(req, Some("cc-by-nc-4.0")), Status::Satisfied, "{req}");
        }
        for req in ["a product we sell", "for our SaaS", "must permit commercial use", "commercial use, no gpl"] {
            assert!(p(req).require_commercial, "{req}");
        }
    }

    #[test]
    fn negations_in_other_languages_and_after_the_wish_are_never_inverted() {
        let p = |t: &str| LicensePolicy::parse(t).unwrap_or_else(|| panic!("{t}"));
        for req in [
            "pas de licence non commerciale",
            "aucune licence non commerciale",
            "ninguna licencia no comercial",
            "sin licencias no comerciales",
            "nenhuma licença não comercial",
            "nessuna licenza non commerciale",
            "keine nicht-kommerzielle Lizenz",
            "никаких некоммерческих лицензий",
            "我们不要非商业许可",
            "非商用ライセンスは不可",
            "비상업 라이선스는 안 됩니다",
            "non-commercial licenses are not allowed",
            "licences non commerciales exclues",
            "we sell it and non-commercial terms are not allowed",
        ] {
            assert!(p(req).require_commercial && !p(req).non_commercial_ok, "{req}: {:?}", p(req));
            assert_eq!(status(req, Some("cc-by-nc-4.0")), Status::Violated, "{req}");
        }
        for req in ["licence non commerciale", "uso no comercial", "no para uso comercial", "nicht für kommerzielle Nutzung", "不用商用"]
        {
            assert!(!p(req).require_commercial && p(req).non_commercial_ok, "{req}: {:?}", p(req));
        }
    }

    #[test]
    fn vague_text_states_nothing() {
        assert!(LicensePolicy::parse("").is_none());
        assert!(LicensePolicy::parse("something nice").is_none());
    }

    #[test]
    fn customers_mean_commercial_use_and_no_derivatives_is_not_a_general_permission() {
        for req in ["we ship it to our customers", "für unsere Kunden", "给客户用的"] {
            let p = LicensePolicy::parse(req).unwrap_or_else(|| panic!("{req}"));
            assert!(p.require_commercial && !p.non_commercial_ok, "{req}");
        }
        let p = LicensePolicy::parse("research only, not for customers").unwrap();
        assert!(!p.require_commercial && p.non_commercial_ok, "{p:?}");
        let v = LicensePolicy::parse("commercial use").unwrap().check(Some("cc-by-nd-4.0"));
        assert_eq!(v.status, Status::Unknown);
        assert!(v.reason.contains("no derivatives"), "{}", v.reason);
        assert_eq!(status("non-commercial is fine", Some("cc-by-nd-4.0")), Status::Satisfied);
        // No license stated: never satisfying a wish, and the reason says why.
        let v = LicensePolicy::parse("we sell it").unwrap().check(None);
        assert_eq!(v.status, Status::Unknown);
        assert!(v.reason.contains("no use is granted"), "{}", v.reason);
    }
}

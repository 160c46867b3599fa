//! The app's state as plain data: load phases, the request ↔ query string, form presets and the
//! compare selection. No browser or Leptos imports, so all of it is unit-tested natively.

use crate::human::human_bytes;
use crate::template::{Field, FieldGroup, Template};

/// Where the app is. Drives the results container's `data-state` (the test contract).
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Downloading the index.
    Fetching { received: u64, total: Option<u64> },
    /// Decoding and validating it (and building the engine).
    Decoding { bytes: u64 },
    /// The index is unusable: the message says why, for the page.
    Failed(String),
    /// Ranking the current request (after fetching any index shards it reads).
    Searching,
    /// The request reads parts of a sharded index that could not be fetched (offline and not
    /// downloaded): the message says what to do. The page stays usable.
    Unavailable(String),
    /// The results (possibly none, when there is no request yet) belong to the current request.
    Ready,
}

impl Phase {
    /// The value of `data-state` on `#results`: exactly "loading", "ready", "error" or
    /// "unavailable" (a sharded index's parts for this request are not on this device).
    pub fn data_state(&self) -> &'static str {
        match self {
            Phase::Fetching { .. } | Phase::Decoding { .. } | Phase::Searching => "loading",
            Phase::Failed(_) => "error",
            Phase::Ready => "ready",
            Phase::Unavailable(_) => "unavailable",
        }
    }

    /// A one-line description for the status bar.
    pub fn describe(&self) -> String {
        match self {
            Phase::Fetching { received, total: Some(t) } if *t > 0 => {
                format!("Downloading the model index… {} of {} ({}%)", human_bytes(*received), human_bytes(*t), received * 100 / t)
            }
            Phase::Fetching { received, .. } => format!("Downloading the model index… {}", human_bytes(*received)),
            Phase::Decoding { bytes } => format!("Decoding the model index ({})…", human_bytes(*bytes)),
            Phase::Failed(message) => format!("The model index could not be loaded: {message}"),
            Phase::Searching => "Ranking models…".into(),
            Phase::Unavailable(message) => message.clone(),
            Phase::Ready => String::new(),
        }
    }

    /// Progress 0–1 when known (for a progress bar).
    pub fn progress(&self) -> Option<f64> {
        match self {
            Phase::Fetching { received, total: Some(t) } if *t > 0 => Some((*received as f64 / *t as f64).min(1.0)),
            Phase::Decoding { .. } => Some(1.0),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The request in the query string. Keys are the template's field names, exactly.

/// The request as a query string (`function=transcribe+podcasts&license=commercial+use`), fields
/// in template order, blank fields left out (`application/x-www-form-urlencoded`).
pub fn encode_query(request: &Template) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (field, value) in request.iter() {
        query.append_pair(field.name(), value.trim());
    }
    query.finish()
}

/// Reads a request from a query string. Unknown keys are ignored; a repeated key keeps its last
/// value; malformed escapes are kept as written.
pub fn decode_query(query: &str) -> Template {
    let mut t = Template::default();
    for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
        if let Some(field) = Field::from_name(&key) {
            t.set(field, (!value.trim().is_empty()).then(|| value.into_owned()));
        }
    }
    t
}

/// Keeps only non-blank fields (what a search actually uses), trimmed.
pub fn normalized(request: &Template) -> Template {
    let mut t = Template::default();
    for (f, v) in request.iter() {
        t.set(f, Some(v.trim().to_string()));
    }
    t
}

// ---------------------------------------------------------------------------------------------
// The form.

/// License presets: (label, the policy text written into the `license` field).
pub const LICENSE_PRESETS: &[(&str, &str)] = &[
    ("Commercial use", "commercial use"),
    ("Permissive", "permissive"),
    ("Apache-2.0 or MIT", "apache-2.0 or mit"),
    ("No copyleft", "no copyleft"),
    ("Non-commercial is fine", "non-commercial is fine"),
];

/// Suggestions for the parameter limit.
pub const PARAM_SUGGESTIONS: &[&str] =
    &["under 100M", "under 500M", "under 1B", "under 3B", "under 8B", "between 1B and 8B", "at least 7B"];

/// Template fields of no group (shown in a collapsed "more fields" section): the template table's
/// `group` column decides ([`Field::group`]).
pub fn other_fields() -> Vec<Field> {
    Field::in_group(FieldGroup::More)
}

/// Device helpers of the form, read from and written to the `hardware` text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Device {
    pub memory_gb: Option<f64>,
    /// The memory is GPU memory (VRAM) rather than system RAM.
    pub gpu: bool,
    pub cpu_only: bool,
}

impl Device {
    /// Reads the helper's state back from hardware text, with the words the hardware rule reads
    /// ([`crate::knowledge::devices`], [`crate::knowledge::quantities`]).
    pub fn from_text(text: &str) -> Device {
        use crate::knowledge::devices::{says_gpu, says_no_gpu};
        use crate::knowledge::quantities::{quantities, Unit, GB};
        let lower = text.to_ascii_lowercase();
        let cpu_only = says_no_gpu(&lower);
        let gpu = says_gpu(&lower);
        let memory_gb = quantities(&lower).into_iter().find(|q| q.unit == Unit::Bytes).map(|q| q.value / GB);
        Device { memory_gb, gpu, cpu_only }
    }

    pub fn to_text(self) -> String {
        let mem = self.memory_gb.filter(|m| *m > 0.0).map(|m| {
            let m = if m.fract() == 0.0 { format!("{m:.0}") } else { format!("{m}") };
            format!("{m} GB")
        });
        match (self.cpu_only, self.gpu, mem) {
            (true, _, Some(m)) => format!("CPU only, {m} RAM"),
            (true, _, None) => "CPU only".into(),
            (false, true, Some(m)) => format!("GPU with {m} VRAM"),
            (false, true, None) => "GPU".into(),
            (false, false, Some(m)) => format!("{m} RAM"),
            (false, false, None) => String::new(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Compare.

/// Most models compared side by side.
pub const MAX_COMPARE: usize = 4;

/// Adds or removes `id`; returns false (and changes nothing) when adding would exceed the limit.
pub fn toggle_compare(selected: &mut Vec<String>, id: &str) -> bool {
    if let Some(pos) = selected.iter().position(|s| s == id) {
        selected.remove(pos);
        true
    } else if selected.len() < MAX_COMPARE {
        selected.push(id.to_string());
        true
    } else {
        false
    }
}

/// Which top-level view is shown (kept in the URL fragment: `#insights`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Search,
    Insights,
}

impl Tab {
    pub fn from_fragment(fragment: &str) -> Tab {
        if fragment == "insights" {
            Tab::Insights
        } else {
            Tab::Search
        }
    }

    pub fn fragment(self) -> &'static str {
        match self {
            Tab::Search => "",
            Tab::Insights => "insights",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_string_round_trip() {
        let t = Template {
            function: Some("transcribe podcasts".into()),
            license: Some("commercial use".into()),
            language: Some("Français & 日本語 = 100%".into()),
            task: Some("automatic-speech-recognition".into()),
            ..Default::default()
        };
        let q = encode_query(&t);
        assert!(q.starts_with("function=transcribe+podcasts&task=automatic-speech-recognition"), "{q}");
        assert!(q.contains("license=commercial+use"));
        assert_eq!(decode_query(&q), t);
        assert_eq!(decode_query(&format!("?{q}")), t);
    }

    #[test]
    fn query_string_is_forgiving() {
        let t = decode_query("function=a%20b+c&nonsense=1&license=&task=%ZZbad%&biases=x%2");
        assert_eq!(t.get(Field::Function), Some("a b c"));
        assert_eq!(t.get(Field::License), None);
        assert_eq!(t.get(Field::Task), Some("%ZZbad%"));
        assert_eq!(t.get(Field::Biases), Some("x%2"));
        assert!(decode_query("").is_empty());
        assert!(decode_query("&&=&").is_empty());
        assert_eq!(decode_query("function=a&function=b").get(Field::Function), Some("b"));
        assert_eq!(encode_query(&Template::default()), "");
    }

    #[test]
    fn phases_map_to_the_three_states() {
        assert_eq!(Phase::Fetching { received: 0, total: None }.data_state(), "loading");
        assert_eq!(Phase::Decoding { bytes: 1 }.data_state(), "loading");
        assert_eq!(Phase::Searching.data_state(), "loading");
        assert_eq!(Phase::Failed("x".into()).data_state(), "error");
        assert_eq!(Phase::Ready.data_state(), "ready");
        assert!(Phase::Fetching { received: 500_000, total: Some(1_000_000) }.describe().contains("50%"));
        assert_eq!(Phase::Fetching { received: 5, total: Some(10) }.progress(), Some(0.5));
    }

    #[test]
    fn device_helpers() {
        let d = Device { memory_gb: Some(8.0), gpu: false, cpu_only: true };
        assert_eq!(d.to_text(), "CPU only, 8 GB RAM");
        assert_eq!(Device::from_text(&d.to_text()), d);
        let g = Device { memory_gb: Some(24.0), gpu: true, cpu_only: false };
        assert_eq!(g.to_text(), "GPU with 24 GB VRAM");
        assert_eq!(Device::from_text(&g.to_text()), g);
        assert_eq!(Device::from_text("laptop with 16GB").memory_gb, Some(16.0));
        assert_eq!(Device::default().to_text(), "");
        for text in [d.to_text(), g.to_text()] {
            assert!(crate::constraints::MemoryBudget::parse(&text).is_some(), "{text}");
        }
    }

    #[test]
    fn compare_holds_at_most_four() {
        let mut s = Vec::new();
        for id in ["a", "b", "c", "d"] {
            assert!(toggle_compare(&mut s, id));
        }
        assert!(!toggle_compare(&mut s, "e"));
        assert!(toggle_compare(&mut s, "b"));
        assert_eq!(s, vec!["a", "c", "d"]);
    }

    #[test]
    fn every_field_has_a_place_in_the_form() {
        for (_, value) in LICENSE_PRESETS {
            assert!(crate::constraints::LicensePolicy::parse(value).is_some(), "{value}");
        }
        for value in PARAM_SUGGESTIONS {
            assert!(crate::constraints::ParamRange::parse(value).is_some(), "{value}");
        }
    }
}

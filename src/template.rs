//! The PTMPicker template: 33 attributes that describe a pretrained model *and* a developer's request.
//!
//! Why one template for both: ranking and constraint checking then compare like with like, field by
//! field, and an explanation can point at the same attribute name on both sides. A model instance
//! fills the fields from its metadata and card; a request fills whatever the developer cares about.
//! All values are free text here; typed facts (license id, parameter count, …) live in
//! [`crate::facts`] next to the instance.
//!
//! Each field's properties are written once, in the `template_fields!` table below: JSON name,
//! role, label, request weight, the prompt that checks it, whether the LLM extraction fills it,
//! its form group, placeholder and help. The enum, the struct, the accessors and the JSON names
//! are all generated from it so they can never drift apart. (How a field is *indexed* — which
//! BM25F search field and its weight — is [`crate::index::SearchField`]'s table.)

use serde::{Deserialize, Deserializer, Serialize};

/// How the selection algorithm treats a field of a request (the paper's Algorithm 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldRole {
    /// Function-related: scored by BM25F similarity.
    Trivial,
    /// A requirement checked by the engine's rules (license, size, hardware, language).
    RuleChecked,
    /// A requirement only an LLM can judge from card text (bias, limitations, …).
    LlmChecked,
}

/// Where a field sits in the request form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldGroup {
    /// What the model does (function, task, formats, domain, data).
    WhatItDoes,
    /// Requirements the rules check (license, size, hardware, language).
    HardConstraint,
    /// Wishes only the LLM can judge (limitations, biases, anything else).
    LlmWish,
    /// Everything else, under "more fields".
    More,
}

macro_rules! template_fields {
    ($( $variant:ident, $name:ident {
        role: $role:ident, label: $label:literal, request_weight: $weight:literal, check_prompt: $prompt:literal,
        llm_extracted: $extracted:literal, group: $group:ident, placeholder: $placeholder:literal, help: $help:literal $(,)?
    } )*) => {
        /// One of the 33 template attributes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[repr(u8)]
        pub enum Field { $( $variant, )* }

        impl Field {
            /// Every field, in template order.
            pub const ALL: [Field; template_fields!(@count $($variant)*)] = [ $( Field::$variant, )* ];

            /// The snake_case name used in JSON, URLs and prompts.
            pub fn name(self) -> &'static str {
                match self { $( Field::$variant => stringify!($name), )* }
            }

            /// A short human label for forms and tables.
            pub fn label(self) -> &'static str {
                match self { $( Field::$variant => $label, )* }
            }

            /// How a request's value for this field is handled.
            pub fn role(self) -> FieldRole {
                match self { $( Field::$variant => FieldRole::$role, )* }
            }

            /// How much a request's words in this field count in the query, before
            /// `--param request_weight.<field>` (see [`crate::rank::RankParams::request_weight`]).
            /// Only trivial (ranked) fields have one; requirements are checked, not matched.
            pub fn default_request_weight(self) -> f32 {
                match self { $( Field::$variant => $weight, )* }
            }

            /// The prompt (`prompts/<name>.txt`) that checks a requirement on this field.
            pub fn check_prompt(self) -> &'static str {
                match self { $( Field::$variant => $prompt, )* }
            }

            /// The LLM extraction pass (`extract_metadata`) fills this field.
            pub fn llm_extracted(self) -> bool {
                match self { $( Field::$variant => $extracted, )* }
            }

            /// The request form's group for this field.
            pub fn group(self) -> FieldGroup {
                match self { $( Field::$variant => FieldGroup::$group, )* }
            }

            /// The fields of a form group, in table order.
            pub fn in_group(group: FieldGroup) -> Vec<Field> {
                Field::ALL.into_iter().filter(|f| f.group() == group).collect()
            }

            /// The form's example value ("" when the field has none).
            pub fn placeholder(self) -> &'static str {
                match self { $( Field::$variant => $placeholder, )* }
            }

            /// The form's one-line help ("" when the field has none).
            pub fn help(self) -> &'static str {
                match self { $( Field::$variant => $help, )* }
            }

            /// Parses a snake_case field name.
            pub fn from_name(name: &str) -> Option<Field> {
                match name { $( stringify!($name) => Some(Field::$variant), )* _ => None }
            }

            /// Stable small integer used by the index format.
            pub fn code(self) -> u8 { self as u8 }

            /// Inverse of [`Field::code`].
            pub fn from_code(code: u8) -> Option<Field> {
                Field::ALL.get(code as usize).copied()
            }
        }

        /// A template instance: a model's extracted attributes or a developer's request.
        /// Every value is optional free text.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Template {
            $(
                #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_text")]
                pub $name: Option<String>,
            )*
        }

        impl Template {
            /// The value of `field`, if set and not blank.
            pub fn get(&self, field: Field) -> Option<&str> {
                let value = match field { $( Field::$variant => self.$name.as_deref(), )* };
                value.filter(|v| !v.trim().is_empty())
            }

            /// Sets (or with `None`, clears) `field`.
            pub fn set(&mut self, field: Field, value: Option<String>) {
                match field { $( Field::$variant => self.$name = value, )* }
            }
        }
    };
    (@count) => { 0 };
    (@count $head:ident $($tail:ident)*) => { 1 + template_fields!(@count $($tail)*) };
}

template_fields! {
    Function, function {
        role: Trivial, label: "Function", request_weight: 1.0, check_prompt: "special_constraint", llm_extracted: false, group: WhatItDoes,
        placeholder: "e.g. transcribe English podcasts into text", help: "What the model should do, in your words. The most important field.",
    }
    InputFormat, input_format {
        role: Trivial, label: "Input format", request_weight: 0.6, check_prompt: "special_constraint", llm_extracted: false, group: WhatItDoes,
        placeholder: "e.g. audio", help: "What goes in.",
    }
    OutputFormat, output_format {
        role: Trivial, label: "Output format", request_weight: 0.6, check_prompt: "special_constraint", llm_extracted: false, group: WhatItDoes,
        placeholder: "e.g. text", help: "What comes out.",
    }
    Task, task {
        role: Trivial, label: "Task", request_weight: 1.0, check_prompt: "special_constraint", llm_extracted: true, group: WhatItDoes,
        placeholder: "", help: "",
    }
    Language, language {
        role: RuleChecked, label: "Language", request_weight: 0.0, check_prompt: "special_constraint", llm_extracted: true, group: HardConstraint,
        placeholder: "e.g. German, or English and French", help: "Language(s) the model must support.",
    }
    License, license {
        role: RuleChecked, label: "License", request_weight: 0.0, check_prompt: "license_check", llm_extracted: true, group: HardConstraint,
        placeholder: "e.g. apache-2.0 or mit, no gpl", help: "Free text; the preset above fills it.",
    }
    ParameterSize, parameter_size {
        role: RuleChecked, label: "Parameters", request_weight: 0.0, check_prompt: "hardware_check", llm_extracted: true, group: HardConstraint,
        placeholder: "e.g. under 1B", help: "Largest (or smallest) model size, in parameters.",
    }
    ModelSize, model_size {
        role: RuleChecked, label: "Model size", request_weight: 0.0, check_prompt: "hardware_check", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Hardware, hardware {
        role: RuleChecked, label: "Hardware", request_weight: 0.0, check_prompt: "hardware_check", llm_extracted: false, group: HardConstraint,
        placeholder: "e.g. laptop CPU with 8 GB RAM", help: "Where it must run; models are checked against the memory they need.",
    }
    Dataset, dataset {
        role: Trivial, label: "Training data", request_weight: 0.7, check_prompt: "special_constraint", llm_extracted: true, group: WhatItDoes,
        placeholder: "e.g. LibriSpeech, CommonVoice", help: "Data the model should have been trained on.",
    }
    Domain, domain {
        role: Trivial, label: "Domain", request_weight: 0.9, check_prompt: "special_constraint", llm_extracted: false, group: WhatItDoes,
        placeholder: "e.g. medical, legal, news", help: "The kind of data or field of work.",
    }
    BaseModel, base_model {
        role: Trivial, label: "Base model", request_weight: 0.9, check_prompt: "special_constraint", llm_extracted: true, group: More,
        placeholder: "", help: "",
    }
    FineTuning, fine_tuning {
        role: Trivial, label: "Fine-tuning", request_weight: 0.7, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Limitations, limitations {
        role: LlmChecked, label: "Limitations", request_weight: 0.0, check_prompt: "limitation_check", llm_extracted: true, group: LlmWish,
        placeholder: "e.g. must not hallucinate numbers", help: "Judged from the model card by the LLM you set under “LLM checks”.",
    }
    Biases, biases {
        role: LlmChecked, label: "Biases and risks", request_weight: 0.0, check_prompt: "bias_check", llm_extracted: true, group: LlmWish,
        placeholder: "e.g. avoid gender bias", help: "Judged from the model card by the LLM you set under “LLM checks”.",
    }
    Evaluation, evaluation {
        role: Trivial, label: "Evaluation", request_weight: 0.5, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Framework, framework {
        role: Trivial, label: "Framework", request_weight: 0.6, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Software, software {
        role: Trivial, label: "Software", request_weight: 0.6, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    HyperParameters, hyper_parameters {
        role: Trivial, label: "Hyper-parameters", request_weight: 0.3, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    CarbonEmitted, carbon_emitted {
        role: LlmChecked, label: "Carbon emitted", request_weight: 0.0, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    InferenceCost, inference_cost {
        role: LlmChecked, label: "Inference cost", request_weight: 0.0, check_prompt: "hardware_check", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    TrainingCost, training_cost {
        role: LlmChecked, label: "Training cost", request_weight: 0.0, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Copyright, copyright {
        role: LlmChecked, label: "Copyright", request_weight: 0.0, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Grant, grant {
        role: LlmChecked, label: "Grant", request_weight: 0.0, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Demo, demo {
        role: Trivial, label: "Demo / usage", request_weight: 0.3, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Report, report {
        role: Trivial, label: "Paper / report", request_weight: 0.5, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    GithubRepo, github_repo {
        role: Trivial, label: "GitHub repository", request_weight: 0.5, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Others, others {
        role: LlmChecked, label: "Other", request_weight: 0.0, check_prompt: "special_constraint", llm_extracted: false, group: LlmWish,
        placeholder: "anything else", help: "Judged from the model card by the LLM you set under “LLM checks”.",
    }
    Libraries, libraries {
        role: Trivial, label: "Libraries", request_weight: 0.6, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Downloads, downloads {
        role: RuleChecked, label: "Downloads", request_weight: 0.0, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Likes, likes {
        role: RuleChecked, label: "Likes", request_weight: 0.0, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Contributors, contributors {
        role: LlmChecked, label: "Contributors", request_weight: 0.0, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
    Commits, commits {
        role: LlmChecked, label: "Commits", request_weight: 0.0, check_prompt: "special_constraint", llm_extracted: false, group: More,
        placeholder: "", help: "",
    }
}

impl Template {
    /// The set fields in template order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &str)> + '_ {
        Field::ALL.iter().filter_map(move |&f| self.get(f).map(|v| (f, v)))
    }

    /// True when no field holds text.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// Parses a request or instance from JSON with clear errors (unknown field names are rejected
    /// and the valid names listed, so a typo never silently drops a requirement).
    pub fn from_json(json: &str) -> Result<Template, String> {
        serde_json::from_str::<Template>(json).map_err(|e| describe_json_error(&e.to_string()))
    }
}

/// Adds the list of valid names to serde's "unknown field" message.
pub fn describe_json_error(message: &str) -> String {
    if message.contains("unknown field") {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        let head = message.split(", expected").next().unwrap_or(message);
        format!("{head}; template fields are: {}", names.join(", "))
    } else {
        message.to_string()
    }
}

/// Requests come from people and scripts: accept a string, a number, a boolean or a list of those
/// (joined with ", ") for any field, so `"parameter_size": 1000000000` or `"language": ["en","de"]`
/// mean what they say.
fn lenient_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    use serde::de::Error;
    let value = serde_json::Value::deserialize(deserializer)?;
    fn flat(value: &serde_json::Value) -> Result<Option<String>, String> {
        Ok(match value {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            serde_json::Value::Array(items) => {
                let parts: Result<Vec<_>, _> = items.iter().map(flat).collect();
                let parts: Vec<String> = parts?.into_iter().flatten().collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            }
            serde_json::Value::Object(_) => return Err("a template field must be text, a number or a list, not an object".into()),
        })
    }
    flat(&value).map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_three_fields_with_unique_names_and_codes() {
        assert_eq!(Field::ALL.len(), 33);
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(f.code() as usize, i);
            assert_eq!(Field::from_name(f.name()), Some(*f));
            assert_eq!(Field::from_code(f.code()), Some(*f));
        }
        assert_eq!(Field::from_code(33), None);
    }

    #[test]
    fn field_table_is_consistent() {
        for f in Field::ALL {
            // Only ranked fields have a query weight; requirements are checked, not matched.
            assert_eq!(f.default_request_weight() > 0.0, f.role() == FieldRole::Trivial, "{f:?}");
            assert!(crate::llm::PromptName::ALL.iter().any(|p| p.name() == f.check_prompt()), "{f:?}");
            assert_eq!(f.placeholder().is_empty(), f.help().is_empty(), "{f:?}");
            // Requirements are typed as free text, so each needs an example (the task has a picker).
            if matches!(f.group(), FieldGroup::HardConstraint | FieldGroup::LlmWish) {
                assert!(!f.help().is_empty(), "{f:?} is a requirement field but has no help");
            }
        }
        for f in Field::ALL {
            assert!(crate::llm::PromptName::from_name(f.check_prompt()).is_some(), "{f:?}: no prompt named {}", f.check_prompt());
        }
    }

    #[test]
    fn json_names_are_the_template_names() {
        let t = Template::from_json(r#"{"function":"tag people","input_format":"text","github_repo":"x"}"#).unwrap();
        assert_eq!(t.get(Field::Function), Some("tag people"));
        assert_eq!(t.get(Field::InputFormat), Some("text"));
        let back = serde_json::to_string(&t).unwrap();
        assert!(back.contains("\"github_repo\":\"x\""));
    }

    #[test]
    fn lenient_values_and_clear_errors() {
        let t = Template::from_json(r#"{"parameter_size": 1000000000, "language": ["en","de"], "license": null}"#).unwrap();
        assert_eq!(t.get(Field::ParameterSize), Some("1000000000"));
        assert_eq!(t.get(Field::Language), Some("en, de"));
        assert_eq!(t.get(Field::License), None);
        let err = Template::from_json(r#"{"fucntion":"x"}"#).unwrap_err();
        assert!(err.contains("fucntion") && err.contains("input_format"), "{err}");
        assert!(Template::from_json(r#"{"task":{"a":1}}"#).is_err());
    }

    #[test]
    fn blank_values_count_as_unset() {
        let t = Template { task: Some("  ".into()), ..Default::default() };
        assert!(t.is_empty());
    }
}

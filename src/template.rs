//! The PTMPicker template: 33 attributes that describe a pretrained model *and* a developer's request.
//!
//! Why one template for both: ranking and constraint checking then compare like with like, field by
//! field, and an explanation can point at the same attribute name on both sides. A model instance
//! fills the fields from its metadata and card; a request fills whatever the developer cares about.
//! All values are free text here; typed facts (license id, parameter count, …) live in
//! [`crate::facts`] next to the instance.
//!
//! The field list is written once, in the `template_fields!` invocation below; the enum, the struct,
//! the accessors and the JSON names are all generated from it so they can never drift apart.

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

macro_rules! template_fields {
    ($( $variant:ident, $name:ident, $role:ident, $label:literal; )*) => {
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
    Function, function, Trivial, "Function";
    InputFormat, input_format, Trivial, "Input format";
    OutputFormat, output_format, Trivial, "Output format";
    Task, task, Trivial, "Task";
    Language, language, RuleChecked, "Language";
    License, license, RuleChecked, "License";
    ParameterSize, parameter_size, RuleChecked, "Parameters";
    ModelSize, model_size, RuleChecked, "Model size";
    Hardware, hardware, RuleChecked, "Hardware";
    Dataset, dataset, Trivial, "Training data";
    Domain, domain, Trivial, "Domain";
    BaseModel, base_model, Trivial, "Base model";
    FineTuning, fine_tuning, Trivial, "Fine-tuning";
    Limitations, limitations, LlmChecked, "Limitations";
    Biases, biases, LlmChecked, "Biases and risks";
    Evaluation, evaluation, Trivial, "Evaluation";
    Framework, framework, Trivial, "Framework";
    Software, software, Trivial, "Software";
    HyperParameters, hyper_parameters, Trivial, "Hyper-parameters";
    CarbonEmitted, carbon_emitted, LlmChecked, "Carbon emitted";
    InferenceCost, inference_cost, LlmChecked, "Inference cost";
    TrainingCost, training_cost, LlmChecked, "Training cost";
    Copyright, copyright, LlmChecked, "Copyright";
    Grant, grant, LlmChecked, "Grant";
    Demo, demo, Trivial, "Demo / usage";
    Report, report, Trivial, "Paper / report";
    GithubRepo, github_repo, Trivial, "GitHub repository";
    Others, others, LlmChecked, "Other";
    Libraries, libraries, Trivial, "Libraries";
    Downloads, downloads, RuleChecked, "Downloads";
    Likes, likes, RuleChecked, "Likes";
    Contributors, contributors, LlmChecked, "Contributors";
    Commits, commits, LlmChecked, "Commits";
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

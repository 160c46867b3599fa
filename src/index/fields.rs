//! The fields BM25F scores over, and which template fields feed each.
//!
//! Why a separate, smaller set than the 33 template fields: only function-related ("trivial")
//! attributes are ranked (the paper's Algorithm 1), and a few of them say the same kind of thing
//! (framework / software / libraries), so they share one field with one length norm.

use serde::{Deserialize, Serialize};

use crate::template::Field;

macro_rules! search_fields {
    ($( $variant:ident = $code:literal, $name:literal, $weight:literal, [$($tf:ident),*]; )*) => {
        /// A BM25F field.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[repr(u8)]
        pub enum SearchField { $( $variant = $code, )* }

        impl SearchField {
            pub const ALL: [SearchField; search_fields!(@count $($variant)*)] = [ $( SearchField::$variant, )* ];
            pub fn name(self) -> &'static str { match self { $( SearchField::$variant => $name, )* } }
            /// Default BM25F weight (see [`crate::rank::RankParams`]).
            pub fn default_weight(self) -> f32 { match self { $( SearchField::$variant => $weight, )* } }
            /// Template fields indexed into this search field.
            pub fn template_fields(self) -> &'static [Field] { match self { $( SearchField::$variant => &[$(Field::$tf),*], )* } }
            pub fn from_code(code: u8) -> Option<SearchField> { SearchField::ALL.get(code as usize).copied() }
        }
    };
    (@count) => { 0 };
    (@count $head:ident $($tail:ident)*) => { 1 + search_fields!(@count $($tail)*) };
}

search_fields! {
    Name = 0, "name", 2.0, [];
    Task = 1, "task", 1.2, [Task];
    Function = 2, "function", 1.5, [Function];
    InputFormat = 3, "input_format", 0.6, [InputFormat];
    OutputFormat = 4, "output_format", 0.6, [OutputFormat];
    Domain = 5, "domain", 1.0, [Domain];
    Dataset = 6, "dataset", 0.6, [Dataset];
    BaseModel = 7, "base_model", 0.8, [BaseModel];
    FineTuning = 8, "fine_tuning", 0.5, [FineTuning];
    Software = 9, "software", 0.5, [Framework, Software, Libraries];
    Evaluation = 10, "evaluation", 0.3, [Evaluation];
    Keywords = 11, "keywords", 1.0, [];
}

/// Number of search fields (the width of the norms table).
pub const FIELD_COUNT: usize = SearchField::ALL.len();

/// The search field a template field is indexed into, if any.
pub fn search_field_of(field: Field) -> Option<SearchField> {
    SearchField::ALL.iter().copied().find(|sf| sf.template_fields().contains(&field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::FieldRole;

    #[test]
    fn only_trivial_fields_are_indexed() {
        for f in Field::ALL {
            if let Some(sf) = search_field_of(f) {
                assert_eq!(f.role(), FieldRole::Trivial, "{f:?} → {sf:?}");
            }
        }
        for (i, sf) in SearchField::ALL.iter().enumerate() {
            assert_eq!(*sf as usize, i);
        }
    }
}

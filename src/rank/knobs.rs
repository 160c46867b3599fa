//! How a tuning knob is declared: name, type, default and the reason for the default, once.
//!
//! Why a macro: every number that tunes ranking, rule checks or extraction must be settable from
//! the command line (`--param name=value`), listed with its reason, and impossible to leave out of
//! either. [`knobs!`](crate::knobs) writes the struct, its `Default`, the `set` parser and the
//! documented list from one declaration, like Pagefind's ranking options but with the reasons kept
//! next to the values.

/// One knob as listed for people: `index-builder search --param NAME=VALUE`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Knob {
    pub name: &'static str,
    pub default: f64,
    /// Why the default, and what the extremes do.
    pub reason: &'static str,
}

/// Why a `--param` assignment was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KnobError {
    #[error("expected name=value, got {0:?}")]
    NotAnAssignment(String),
    #[error("{name}: {value:?} is not a non-negative number")]
    BadValue { name: String, value: String },
    #[error("unknown parameter {name:?}; parameters are: {known}")]
    Unknown { name: String, known: String },
}

/// The names of `knobs` with a prefix, comma-separated (for an "unknown parameter" message).
pub fn names(prefix: &str, knobs: &[Knob]) -> String {
    knobs.iter().map(|k| format!("{prefix}{}", k.name)).collect::<Vec<_>>().join(", ")
}

/// Splits `name=value` and parses the value (finite, non-negative).
pub fn parse_assignment(assignment: &str) -> Result<(&str, f64), KnobError> {
    let (name, value) = assignment.split_once('=').ok_or_else(|| KnobError::NotAnAssignment(assignment.to_string()))?;
    let bad = || KnobError::BadValue { name: name.trim().to_string(), value: value.to_string() };
    let v: f64 = value.trim().parse().map_err(|_| bad())?;
    if !v.is_finite() || v < 0.0 {
        return Err(bad());
    }
    Ok((name.trim(), v))
}

/// Declares a params struct of scalar knobs:
///
/// ```ignore
/// knobs! {
///     /// Doc of the struct.
///     pub struct RuleParams {
///         /// What it is. Why this default. 0 → …; large → ….
///         tiny_max: u64 = 300_000_000,
///     }
/// }
/// ```
///
/// Generates the struct (serde), `Default`, `KNOBS` (name, default, reason from the doc comment)
/// and `set_knob(name, value) -> bool` (false for an unknown name). Values are cast from `f64`.
/// An optional `more { field: Type = default, }` block adds fields that are not scalar knobs
/// (per-field arrays, nested knob structs); the struct's own `set` handles those.
#[macro_export]
macro_rules! knobs {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( #[doc = $doc:literal] $( #[doc = $more:literal] )* $field:ident : $ty:ty = $default:expr, )*
        }
        $( more {
            $( $(#[$xmeta:meta])* $xfield:ident : $xty:ty = $xdefault:expr, )*
        } )?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $name {
            $( #[doc = $doc] $( #[doc = $more] )* pub $field: $ty, )*
            $( $( $(#[$xmeta])* pub $xfield: $xty, )* )?
        }

        impl Default for $name {
            fn default() -> Self {
                $name { $( $field: $default, )* $( $( $xfield: $xdefault, )* )? }
            }
        }

        impl $name {
            /// Every knob with its default and reason.
            pub const KNOBS: &'static [$crate::rank::knobs::Knob] = &[
                $( $crate::rank::knobs::Knob {
                    name: stringify!($field),
                    default: { let v: $ty = $default; v as f64 },
                    reason: concat!($doc $(, "\n", $more)*),
                }, )*
            ];

            /// Sets the knob `name`; `false` when there is none of that name.
            pub fn set_knob(&mut self, name: &str, value: f64) -> bool {
                match name {
                    $( stringify!($field) => { self.$field = value as $ty; true } )*
                    _ => false,
                }
            }
        }
    };
}

//! Enums whose every value carries its Chinese label, defined once, and the error of parsing
//! an enum from its snake_case name ([`UnknownValue`]).

/// A string that names no value of an enum: what `FromStr` on every labelled enum (and on
/// [`Stage`](crate::case::Stage), [`Role`](crate::case::Role), the event types and the other
/// enums bindings read from strings) returns.
///
/// The message names the enum and its allowed values; it repeats the bad input only when it
/// looks like an identifier (short ASCII, no long digit run), so an ID number or phone typed
/// into the wrong field is never echoed: "unknown Gender value (a string of 18 characters)".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {type_name} value {found}; expected one of: {allowed}", allowed = allowed.join(", "))]
pub struct UnknownValue {
    /// The enum's name, e.g. `"Gender"`.
    pub type_name: &'static str,
    /// The input, described safely: quoted when it looks like an identifier, otherwise only
    /// its length (`"(a string of 18 characters)"`).
    pub found: String,
    /// Every accepted name.
    pub allowed: Vec<&'static str>,
}

impl UnknownValue {
    /// An error for `input`, which is described without repeating it unless it is safe to.
    pub fn new(type_name: &'static str, input: &str, allowed: Vec<&'static str>) -> UnknownValue {
        UnknownValue {
            type_name,
            found: crate::json::describe_str(input),
            allowed,
        }
    }

    /// The error's kind, [`ErrorKind::UnknownValue`](crate::ErrorKind::UnknownValue).
    pub fn kind(&self) -> crate::ErrorKind {
        crate::ErrorKind::UnknownValue
    }
}

/// Implements `FromStr` and `Display` for an enum whose serde names are given by a `name()`
/// method and whose values are listed in `ALL`.
macro_rules! name_str_impls {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::labels::UnknownValue;

            /// Parses the value's snake_case name (its serialised form).
            fn from_str(s: &str) -> Result<$name, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.name() == s)
                    .ok_or_else(|| {
                        $crate::labels::UnknownValue::new(
                            stringify!($name),
                            s,
                            $name::ALL.iter().map(|v| v.name()).collect(),
                        )
                    })
            }
        }
    };
}

pub(crate) use name_str_impls;

/// Defines a snake_case serde enum whose every variant has a Chinese label, with `ALL`,
/// `LABELS`, `zh()` and `name()`, so a platform can render forms in Chinese and a test can
/// check that no value lacks a label.
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $variant:ident = $value:literal => $zh:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, schemars::JsonSchema,
        )]
        pub enum $name {
            $(
                #[doc = $zh]
                #[serde(rename = $value)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Every value's serialised name and Chinese label.
            pub const LABELS: &'static [(&'static str, &'static str)] = &[$(($value, $zh)),+];

            /// The value's Chinese label.
            pub fn zh(self) -> &'static str {
                match self {
                    $($name::$variant => $zh),+
                }
            }

            /// The value's serialised (snake_case) name.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $value),+
                }
            }
        }

        $crate::labels::name_str_impls!($name);
    };
}

pub(crate) use labelled_enum;

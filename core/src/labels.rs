//! Enums whose every value carries its Chinese label, defined once.

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
    };
}

pub(crate) use labelled_enum;

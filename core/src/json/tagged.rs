//! Internally tagged enums that keep the JSON path of an error below their tag.
//!
//! serde reads `#[serde(tag = "…")]` enums by buffering the object into its private
//! `Content` and reading the variant from a deserializer that serde_path_to_error cannot
//! wrap, so an error inside an event is reported at `events[3].event`, never at
//! `events[3].event.consent.purpose.kind`. [`tagged_enum!`] keeps the enum's definition,
//! its derived `Serialize` (the JSON form, hence every hash chain, is unchanged) and its
//! Rust API, and replaces only its `Deserialize`: the object is read into a map, the tag is
//! taken out, and the rest is read as the variant of an externally tagged twin of the enum
//! (generated from the same definition with serde's `remote`) through serde_path_to_error.
//!
//! A failure below the tag is reported to the outer deserializer as a custom error whose
//! message ends with [`MARKER`] and the inner path as a JSON array of keys and indices;
//! [`super::from_str`] and [`super::from_value`] splice that path onto the outer one and drop
//! the marker, so the message names the whole path. Nested tagged enums splice in turn.

use serde::de::{self, DeserializeOwned, IntoDeserializer, MapAccess, Visitor};
use serde::Deserializer;
use serde_json::{Map, Value};
use std::fmt;

/// Separates a message from the JSON path (a JSON array) it occurred at, below a tag.
pub(crate) const MARKER: &str = " @ path ";

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    /// Whether the reader on this thread is tracking JSON paths: only in the diagnostic pass
    /// of [`crate::json`], which turns it on. Tracking every key costs as much as the parse,
    /// and only a failed input needs the path; a plain serde read of a core type (outside
    /// [`crate::json`]) does not track either.
    static TRACKING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(not(target_arch = "wasm32"))]
fn tracking() -> bool {
    TRACKING.with(std::cell::Cell::get)
}

/// Runs `f` with path tracking below tagged enums on or off on this thread, restoring the
/// previous setting afterwards.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn with_tracking<R>(on: bool, f: impl FnOnce() -> R) -> R {
    /// Restores the setting even if `f` unwinds.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            TRACKING.with(|t| t.set(self.0));
        }
    }
    let _restore = Restore(TRACKING.with(|t| t.replace(on)));
    f()
}

/// Defines an internally tagged enum whose errors keep their JSON path.
///
/// Write the enum as usual, with `Serialize` but without `Deserialize` in its derives and
/// without `tag` in its `#[serde]` attributes, after a `tag = "…";` header:
///
/// ```ignore
/// crate::json::tagged_enum! {
///     tag = "kind";
///     /// What a consent is for.
///     #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
///     #[serde(deny_unknown_fields, rename_all = "snake_case")]
///     pub enum ConsentPurpose { Service, Referral { receiver: String } }
/// }
/// ```
///
/// The macro adds `#[serde(tag = …)]` (so `Serialize` and any `JsonSchema` derive see the
/// tagged form) and a `Deserialize` that reads the same JSON, refuses unknown fields (also
/// beside a unit variant's tag) and names the path of any error. The variants are read with
/// `rename_all = "snake_case"` and `deny_unknown_fields`.
macro_rules! tagged_enum {
    (
        tag = $tag:literal;
        $(#[$attr:meta])*
        $vis:vis enum $name:ident { $($body:tt)* }
    ) => {
        $(#[$attr])*
        #[serde(tag = $tag)]
        $vis enum $name { $($body)* }

        const _: () = {
            type __Remote = $name;

            /// The externally tagged twin: the same variants, read by serde's `remote`
            /// straight into the enum.
            #[derive(::serde::Deserialize)]
            #[serde(remote = "__Remote", rename_all = "snake_case", deny_unknown_fields)]
            #[allow(dead_code, clippy::large_enum_variant)]
            enum __Twin { $($body)* }

            struct __Via(__Remote);

            impl<'de> ::serde::Deserialize<'de> for __Via {
                fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    __Twin::deserialize(d).map(__Via)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    $crate::json::tagged::deserialize::<D, __Via>(d, $tag, stringify!($name))
                        .map(|v| v.0)
                }
            }
        };
    };
}
pub(crate) use tagged_enum;

/// Reads an internally tagged enum through its externally tagged twin `W`.
///
/// # Errors
/// The deserializer's errors; an error below the tag carries its path after [`MARKER`].
pub(crate) fn deserialize<'de, D, W>(
    d: D,
    tag: &'static str,
    name: &'static str,
) -> Result<W, D::Error>
where
    D: Deserializer<'de>,
    W: DeserializeOwned,
{
    let mut map = d.deserialize_map(ObjectVisitor { tag, name })?;
    let variant = match map.remove(tag) {
        Some(Value::String(s)) => s,
        Some(other) => {
            let e = <serde_json::Error as de::Error>::invalid_type(unexpected(&other), &"a string");
            return Err(de::Error::custom(with_path(
                &e.to_string(),
                vec![tag.into()],
            )));
        }
        None => return Err(de::Error::missing_field(tag)),
    };
    // The fast pass (native builds only; see `json::from_str`): a failure here is read
    // again, path tracked.
    #[cfg(not(target_arch = "wasm32"))]
    if !tracking() {
        return W::deserialize(Tagged { variant, rest: map }).map_err(de::Error::custom);
    }
    serde_path_to_error::deserialize(Tagged { variant, rest: map })
        .map_err(|e| de::Error::custom(splice(tag, &e)))
}

/// Reads an object into a map, refusing duplicate keys as serde refuses duplicate fields.
struct ObjectVisitor {
    tag: &'static str,
    name: &'static str,
}

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Map<String, Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` field ({})", self.tag, self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let value = access.next_value::<Value>()?;
            if map.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "duplicate key {}",
                    super::describe_str(&key)
                )));
            }
            map.insert(key, value);
        }
        Ok(map)
    }
}

/// The error message of `e` (from the twin) with its path after [`MARKER`]: the twin's
/// variant segment dropped, the tag named for an error in the tag itself, and a nested
/// tagged enum's path spliced on.
fn splice(tag: &str, e: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let mut segs = e.path().iter();
    let mut variant = None;
    let mut path: Vec<Value> = match segs.next() {
        // Below the variant: its segment is the tag's value, not a key of the input.
        Some(serde_path_to_error::Segment::Enum { variant: v }) => {
            variant = Some(v.as_str());
            Vec::new()
        }
        Some(first) => segment(first).into_iter().collect(),
        // The variant itself is unknown.
        None => vec![tag.into()],
    };
    path.extend(segs.filter_map(segment));
    let message = e.inner().to_string();
    let (message, nested) = split(&message);
    path.extend(nested);
    // Name the variant being read (`missing field `summary` (for `type` `opened`)`), once:
    // a nested tagged enum below it has named its own, which is the nearer one.
    match variant {
        Some(v) if !message.contains(FOR) => with_path(
            &format!("{message}{FOR}{tag}` {})", super::describe_str(v)),
            path,
        ),
        _ => with_path(message, path),
    }
}

/// Opens the note that names the variant an error occurred in.
const FOR: &str = " (for `";

fn segment(s: &serde_path_to_error::Segment) -> Option<Value> {
    match s {
        serde_path_to_error::Segment::Seq { index } => Some((*index).into()),
        serde_path_to_error::Segment::Map { key } => Some(key.as_str().into()),
        serde_path_to_error::Segment::Enum { variant } => Some(variant.as_str().into()),
        serde_path_to_error::Segment::Unknown => None,
    }
}

fn with_path(message: &str, path: Vec<Value>) -> String {
    if path.is_empty() {
        return message.to_owned();
    }
    format!("{message}{MARKER}{}", Value::Array(path))
}

/// A message split from the path after its [`MARKER`], if it has one.
pub(crate) fn split(message: &str) -> (&str, Vec<Value>) {
    if let Some((head, tail)) = message.rsplit_once(MARKER) {
        if let Ok(path) = serde_json::from_str::<Vec<Value>>(tail) {
            if path.iter().all(|s| s.is_string() || s.is_u64()) {
                return (head, path);
            }
        }
    }
    (message, Vec::new())
}

fn unexpected(v: &Value) -> de::Unexpected<'_> {
    match v {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => de::Unexpected::Unsigned(u),
            (_, Some(i), _) => de::Unexpected::Signed(i),
            (_, _, Some(f)) => de::Unexpected::Float(f),
            _ => de::Unexpected::Other("number"),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

/// The tag's value and the other fields, read as an externally tagged enum.
struct Tagged {
    variant: String,
    rest: Map<String, Value>,
}

impl<'de> Deserializer<'de> for Tagged {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> de::EnumAccess<'de> for Tagged {
    type Error = serde_json::Error;
    type Variant = Fields;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Fields), Self::Error> {
        let name: de::value::StringDeserializer<serde_json::Error> =
            self.variant.into_deserializer();
        Ok((seed.deserialize(name)?, Fields(self.rest)))
    }
}

/// The fields beside the tag.
struct Fields(Map<String, Value>);

impl<'de> de::VariantAccess<'de> for Fields {
    type Error = serde_json::Error;

    fn unit_variant(self) -> Result<(), Self::Error> {
        match self.0.keys().next() {
            None => Ok(()),
            Some(key) => Err(de::Error::unknown_field(key, &[])),
        }
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        seed.deserialize(Value::Object(self.0))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _v: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom(
            "a tuple variant cannot be internally tagged",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        Value::Object(self.0).deserialize_map(visitor)
    }
}

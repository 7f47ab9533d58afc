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
//! That is the tracked reader. The untracked one (native builds, the fast pass of
//! [`super::from_str`]) reads the fields after a leading tag straight from the input into the
//! twin, and buffers only when the tag comes later; both accept and refuse the same inputs.
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
    // The fast pass (native builds only): when the tag is the object's first key, as it is in
    // everything this library writes, the fields are read straight from the input into the
    // variant, with no map in between (buffering cost a tenth of reading a history).
    #[cfg(not(target_arch = "wasm32"))]
    if !tracking() {
        return d.deserialize_map(Streaming::<W> {
            tag,
            name,
            twin: std::marker::PhantomData,
        });
    }
    let mut map = d.deserialize_map(ObjectVisitor { tag, name })?;
    read_buffered(map_remove_tag(&mut map, tag)?, map, tag)
}

/// Takes the tag's value (a string) out of a buffered object.
fn map_remove_tag<E: de::Error>(
    map: &mut Map<String, Value>,
    tag: &'static str,
) -> Result<String, E> {
    match map.remove(tag) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(tag_type_error(&other, tag)),
        None => Err(de::Error::missing_field(tag)),
    }
}

/// The error for a tag whose value is not a string, with the tag as its path.
fn tag_type_error<E: de::Error>(value: &Value, tag: &'static str) -> E {
    let e = <serde_json::Error as de::Error>::invalid_type(unexpected(value), &"a string");
    de::Error::custom(with_path(&e.to_string(), vec![tag.into()]))
}

/// Reads the variant named by the tag from the other, buffered, fields.
fn read_buffered<W: DeserializeOwned, E: de::Error>(
    variant: String,
    map: Map<String, Value>,
    tag: &'static str,
) -> Result<W, E> {
    // The fast pass (native builds only; see `json::from_str`): a failure here is read
    // again, path tracked.
    #[cfg(not(target_arch = "wasm32"))]
    if !tracking() {
        return W::deserialize(Tagged {
            variant: variant.into(),
            rest: map,
        })
        .map_err(de::Error::custom);
    }
    serde_path_to_error::deserialize(Tagged {
        variant: variant.into(),
        rest: map,
    })
    .map_err(|e| de::Error::custom(splice(tag, &e)))
}

/// The untracked reader: the tag first streams the fields into the variant; the tag
/// anywhere else buffers the object and reads it as [`read_buffered`] does. Either way the
/// same inputs are accepted and refused as on the tracked path, which reports the error.
#[cfg(not(target_arch = "wasm32"))]
struct Streaming<W> {
    tag: &'static str,
    name: &'static str,
    twin: std::marker::PhantomData<W>,
}

#[cfg(not(target_arch = "wasm32"))]
impl<'de, W: DeserializeOwned> Visitor<'de> for Streaming<W> {
    type Value = W;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` field ({})", self.tag, self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<W, A::Error> {
        // Read as a tag's value is, so borrowed from the input when it has no escape (serde's
        // own `Cow<str>` always allocates). A JSON key is always text.
        let first = match access.next_key::<TagValue<'de>>()? {
            Some(TagValue::Text(key)) => key,
            Some(TagValue::Other(other)) => {
                return Err(de::Error::invalid_type(unexpected(&other), &"a key"))
            }
            None => return Err(de::Error::missing_field(self.tag)),
        };
        if first == self.tag {
            // Borrowed from the input when it has no escape: no allocation per object.
            let variant = match access.next_value::<TagValue<'de>>()? {
                TagValue::Text(s) => s,
                TagValue::Other(other) => return Err(tag_type_error(&other, self.tag)),
            };
            return W::deserialize(Tagged {
                variant,
                rest: Stream(access),
            });
        }
        // The tag comes later: buffer the object as the tracked path does.
        let mut map = Map::new();
        map.insert(first.into_owned(), buffered(&mut access)?);
        let map = ObjectVisitor {
            tag: self.tag,
            name: self.name,
        }
        .continue_map(map, access)?;
        let mut map = map;
        let variant = map_remove_tag(&mut map, self.tag)?;
        read_buffered(variant, map, self.tag)
    }
}

/// The fields after a leading tag, still in the input.
#[cfg(not(target_arch = "wasm32"))]
struct Stream<A>(A);

#[cfg(not(target_arch = "wasm32"))]
impl<'de, A: MapAccess<'de>> Fields<'de> for Stream<A> {
    type Error = A::Error;

    fn next_key(&mut self) -> Result<Option<String>, Self::Error> {
        self.0.next_key()
    }

    fn newtype<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Self::Error> {
        seed.deserialize(de::value::MapAccessDeserializer::new(self.0))
    }

    fn read<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_map(self.0)
    }
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

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Self::Value, A::Error> {
        self.continue_map(Map::new(), access)
    }
}

impl ObjectVisitor {
    /// Reads the rest of an object into `map`, which holds the keys read so far.
    fn continue_map<'de, A: MapAccess<'de>>(
        &self,
        mut map: Map<String, Value>,
        mut access: A,
    ) -> Result<Map<String, Value>, A::Error> {
        while let Some(key) = access.next_key::<String>()? {
            let value = buffered(&mut access)?;
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

/// The next value of an object being buffered. In native builds it refuses a key given twice
/// in any object within it, as serde_json's `Value` does not (it keeps the last): a case
/// history is read without the prescan that refuses them ([`super::from_str_checked_by_type`]),
/// and its tagged enums buffer their fields when the tag is not the first key. In WebAssembly
/// builds every input is prescanned, and the reader's size counts.
fn buffered<'de, A: MapAccess<'de>>(access: &mut A) -> Result<Value, A::Error> {
    #[cfg(not(target_arch = "wasm32"))]
    return access.next_value::<Strict>().map(|s| s.0);
    #[cfg(target_arch = "wasm32")]
    access.next_value::<Value>()
}

/// A JSON value read as serde_json's `Value` reads it, but refusing a key given twice in any
/// object within it.
#[cfg(not(target_arch = "wasm32"))]
struct Strict(Value);

#[cfg(not(target_arch = "wasm32"))]
impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

#[cfg(not(target_arch = "wasm32"))]
struct StrictVisitor;

#[cfg(not(target_arch = "wasm32"))]
impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(StrictVisitor)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let Strict(value) = access.next_value()?;
            if map.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "duplicate key {}",
                    super::describe_str(&key)
                )));
            }
            map.insert(key, value);
        }
        Ok(Value::Object(map))
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

/// The fields beside the tag, however they are held: buffered in a map, or (native builds)
/// still in the input after a leading tag.
trait Fields<'de>: Sized {
    /// The error of the reader the fields come from.
    type Error: de::Error;
    /// The next field's name, if any is left.
    fn next_key(&mut self) -> Result<Option<String>, Self::Error>;
    /// Reads the fields as a newtype variant's content.
    fn newtype<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Self::Error>;
    /// Reads the fields as a struct variant's.
    fn read<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error>;
}

impl<'de> Fields<'de> for Map<String, Value> {
    type Error = serde_json::Error;

    fn next_key(&mut self) -> Result<Option<String>, Self::Error> {
        Ok(self.keys().next().cloned())
    }

    fn newtype<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Self::Error> {
        seed.deserialize(Value::Object(self))
    }

    fn read<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        Value::Object(self).deserialize_map(visitor)
    }
}

/// The tag's value and the other fields, read as an externally tagged enum.
struct Tagged<'de, F> {
    variant: std::borrow::Cow<'de, str>,
    rest: F,
}

/// A tag's value as read in the untracked pass: text (borrowed from the input when it can
/// be), or any other JSON value, which is refused as the tracked pass refuses it.
#[cfg(not(target_arch = "wasm32"))]
enum TagValue<'de> {
    Text(std::borrow::Cow<'de, str>),
    Other(Value),
}

#[cfg(not(target_arch = "wasm32"))]
impl<'de> de::Deserialize<'de> for TagValue<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextOrValue;
        impl<'de> Visitor<'de> for TextOrValue {
            type Value = TagValue<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TagValue::Text(std::borrow::Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TagValue::Text(std::borrow::Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(TagValue::Text(std::borrow::Cow::Owned(v)))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(TagValue::Other(Value::Bool(v)))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(TagValue::Other(Value::from(v)))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(TagValue::Other(Value::from(v)))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(TagValue::Other(Value::from(v)))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(TagValue::Other(Value::Null))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                <Value as de::Deserialize>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(TagValue::Other)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                <Value as de::Deserialize>::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(TagValue::Other)
            }
        }
        d.deserialize_any(TextOrValue)
    }
}

impl<'de, F: Fields<'de>> Deserializer<'de> for Tagged<'de, F> {
    type Error = F::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de, F: Fields<'de>> de::EnumAccess<'de> for Tagged<'de, F> {
    type Error = F::Error;
    type Variant = Rest<F>;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Rest<F>), Self::Error> {
        let name: de::value::CowStrDeserializer<'_, F::Error> = self.variant.into_deserializer();
        Ok((seed.deserialize(name)?, Rest(self.rest)))
    }
}

/// The fields beside the tag, read as the variant the tag names.
struct Rest<F>(F);

impl<'de, F: Fields<'de>> de::VariantAccess<'de> for Rest<F> {
    type Error = F::Error;

    fn unit_variant(mut self) -> Result<(), Self::Error> {
        match self.0.next_key()? {
            None => Ok(()),
            Some(key) => Err(de::Error::unknown_field(&key, &[])),
        }
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        self.0.newtype(seed)
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
        self.0.read(visitor)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    //! The untracked reader streams the fields after a leading tag; the tracked reader
    //! buffers the object. They must accept and refuse the same inputs and read the same
    //! values, or the fast pass of [`crate::json::from_str`] would let through what its
    //! diagnostic pass refuses. Every object in the published vectors is read both ways by
    //! every tagged enum, as found and mutated (tag moved last, an unknown field, a second
    //! tag, a tag that is not a string, no tag).

    use super::with_tracking;
    use serde::de::DeserializeOwned;
    use serde_json::{Map, Value};
    use std::fmt::Debug;

    const VECTORS: &[&str] = &[
        include_str!("../../../tests/vectors/case/stored-histories.json"),
        include_str!("../../../tests/vectors/case/happy-path.json"),
        include_str!("../../../tests/vectors/case/crisis-fast-track.json"),
        include_str!("../../../tests/vectors/case/refer-out-consent.json"),
        include_str!("../../../tests/vectors/case/opening-approval.json"),
        include_str!("../../../tests/vectors/case/terminate-no-contact.json"),
        include_str!("../../../tests/vectors/activity/group-life-cycle.json"),
        include_str!("../../../tests/vectors/volunteer-lifecycle/life-cycle.json"),
        include_str!("../../../tests/vectors/assessment/records.json"),
    ];

    /// Every object in `v` that has one of the tags, with the tag's name.
    fn tagged_objects<'a>(v: &'a Value, out: &mut Vec<(&'static str, &'a Map<String, Value>)>) {
        match v {
            Value::Object(map) => {
                for tag in ["type", "kind", "basis", "outcome"] {
                    if map.get(tag).is_some_and(Value::is_string) {
                        out.push((tag, map));
                    }
                }
                map.values().for_each(|x| tagged_objects(x, out));
            }
            Value::Array(items) => items.iter().for_each(|x| tagged_objects(x, out)),
            _ => {}
        }
    }

    /// The object written with its members in the given order, as text (a `Map` would
    /// sort them, and the order is what the two readers differ on).
    fn text(members: &[(String, Value)]) -> String {
        let body: Vec<String> = members
            .iter()
            .map(|(k, v)| format!("{}:{v}", Value::String(k.clone())))
            .collect();
        format!("{{{}}}", body.join(","))
    }

    /// The object as found and mutated.
    fn variants(tag: &str, map: &Map<String, Value>) -> Vec<String> {
        let tag_value = map.get(tag).cloned().unwrap_or(Value::Null);
        let others: Vec<(String, Value)> = map
            .iter()
            .filter(|(k, _)| k.as_str() != tag)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let first = |rest: &[(String, Value)]| {
            let mut m = vec![(tag.to_owned(), tag_value.clone())];
            m.extend_from_slice(rest);
            m
        };
        let unknown = ("zz_unknown".to_owned(), Value::from(1));
        let mut out = vec![
            text(&first(&others)),
            // The tag last, and in the middle.
            text(&[others.clone(), vec![(tag.to_owned(), tag_value.clone())]].concat()),
            // An unknown field after the tag, and before it.
            text(&first(&[others.clone(), vec![unknown.clone()]].concat())),
            text(&[vec![unknown.clone()], first(&others)].concat()),
            // The tag twice: same value, and another.
            text(&[first(&others), vec![(tag.to_owned(), tag_value.clone())]].concat()),
            text(&[first(&others), vec![(tag.to_owned(), Value::from("other"))]].concat()),
            // A tag that is not a string; no tag; the tag alone.
            text(&[vec![(tag.to_owned(), Value::from(0))], others.clone()].concat()),
            text(&[vec![(tag.to_owned(), Value::Null)], others.clone()].concat()),
            text(&others),
            text(&first(&[])),
        ];
        if let Some((head, tail)) = tag_value
            .as_str()
            .filter(|v| v.is_ascii())
            .and_then(|v| Some((*v.as_bytes().first()?, v.get(1..)?)))
        {
            // The tag's value written with an escape (read into a new string, not borrowed).
            let plain = format!("\"{tag}\":\"{}{tail}\"", char::from(head));
            let escaped = format!("\"{tag}\":\"\\u{head:04x}{tail}\"");
            out.push(text(&first(&others)).replacen(&plain, &escaped, 1));
        }
        if let Some((k, _)) = others.first() {
            // A field that belongs to the variant, given twice.
            let dup = others.first().cloned().unwrap_or((k.clone(), Value::Null));
            out.push(text(&first(&[others.clone(), vec![dup]].concat())));
        }
        if others.len() > 1 {
            let mid = others.len() / 2;
            let mut m = others.clone();
            m.insert(mid, (tag.to_owned(), tag_value));
            out.push(text(&m));
        }
        out
    }

    /// Both readers, on one input: the same outcome, the same value.
    #[allow(clippy::panic)] // a helper of the test below; clippy.toml exempts only `#[test]`s
    fn agree<T: DeserializeOwned + PartialEq + Debug>(input: &str) -> usize {
        let fast = with_tracking(false, || serde_json::from_str::<T>(input));
        let tracked = with_tracking(true, || serde_json::from_str::<T>(input));
        match (&fast, &tracked) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "the two readers read {input} differently"),
            (Err(_), Err(_)) => {}
            _ => panic!(
                "one reader accepted what the other refused: {input}\n untracked: {fast:?}\n tracked: {tracked:?}"
            ),
        }
        usize::from(fast.is_ok())
    }

    #[test]
    fn a_tag_written_with_an_escape_reads_as_the_plain_tag() {
        let plain = r#"{"type":"opened","summary":"x"}"#;
        let escaped = r#"{"type":"\u006fpened","summary":"x"}"#;
        // The tag's key written with an escape (`t` as `\u0074`): the first key is then not
        // borrowed from the input, and must still be seen as the tag.
        let key_escaped = r#"{"\u0074ype":"opened","summary":"x"}"#;
        for tracking in [false, true] {
            let a: crate::case::EventKind =
                with_tracking(tracking, || serde_json::from_str(plain)).unwrap();
            for other in [escaped, key_escaped] {
                let b: crate::case::EventKind =
                    with_tracking(tracking, || serde_json::from_str(other)).unwrap();
                assert_eq!(a, b, "{other}");
            }
        }
    }

    #[test]
    fn streaming_and_buffered_readers_accept_and_refuse_the_same_objects() {
        let mut inputs = 0usize;
        let mut accepted = 0usize;
        for vector in VECTORS {
            let v: Value = serde_json::from_str(vector).unwrap_or(Value::Null);
            let mut objects = Vec::new();
            tagged_objects(&v, &mut objects);
            for (tag, map) in objects {
                for input in variants(tag, map) {
                    inputs += 1;
                    accepted += agree::<crate::case::EventKind>(&input);
                    accepted += agree::<crate::case::Source>(&input);
                    accepted += agree::<crate::case::ConsentPurpose>(&input);
                    accepted += agree::<crate::activity::ActivityEvent>(&input);
                    accepted += agree::<crate::volunteer::VolunteerEvent>(&input);
                    accepted += agree::<crate::assessment::Record>(&input);
                }
            }
        }
        // The vectors hold hundreds of tagged objects; a good share of the inputs must read,
        // or the comparison would only be between two refusals.
        assert!(inputs > 1_000, "only {inputs} inputs");
        assert!(accepted > 300, "only {accepted} of {inputs} inputs read");
    }
}

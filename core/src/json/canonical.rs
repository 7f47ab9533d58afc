//! The canonical JSON of a hash chain, written without serde_json's serializer.
//!
//! A chain hashes the compact JSON serde_json writes for each event ([`crate::history`]), so
//! every byte written here must be the byte serde_json writes: the same escapes (`\"`, `\\`,
//! `\b \f \n \r \t`, `\u00xx` in lowercase hex for the other control characters, nothing else),
//! the same numbers, `null` for a missing option or a unit, and the same shapes for enums.
//! The property tests below compare the two writers on arbitrary JSON values and on every
//! event of the published vectors.
//!
//! What makes it faster (hashing is a quarter of a replay): a struct's field names are
//! written as they are, without being scanned for escapes (a field name is a Rust identifier
//! or a snake-case `rename`, never a character that needs one; checked in debug builds and by
//! the tests), and text is scanned for characters to escape eight bytes at a time, so a run of
//! Chinese text or of hex digits is copied in one go.

use serde::ser::{self, Serialize};
use std::fmt;

/// Writes `value` as compact JSON into `out`, byte for byte as `serde_json::to_writer` does.
///
/// # Errors
/// A value serde_json cannot write either: a map key that is not a string, a number, a `char`
/// or a `bool`, or an error raised by the value's own `Serialize`.
pub(crate) fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(Writer { out })
}

/// Why a value could not be written.
#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

fn key_must_be_a_string() -> Error {
    Error("key must be a string".to_owned())
}

/// The serializer: a borrowed output buffer.
struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Writer<'a> {
    fn reborrow(&mut self) -> Writer<'_> {
        Writer { out: self.out }
    }

    fn integer_ok(self, n: impl itoa::Integer) -> Result<(), Error> {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        Ok(())
    }

    fn float<F: Serialize>(self, f: F) -> Result<(), Error> {
        // Rare in a history, and formatted exactly as serde_json formats it (and `null` when
        // not finite) by serde_json itself.
        serde_json::to_writer(&mut *self.out, &f).map_err(|e| Error(e.to_string()))
    }
}

/// Appends `s` as a JSON string, quotes included, escaped as serde_json escapes it.
fn string(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len().saturating_add(2));
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(at) = next_escape(bytes, start) {
        if let Some(clean) = bytes.get(start..at) {
            out.extend_from_slice(clean);
        }
        if let Some(&b) = bytes.get(at) {
            escape(out, b);
        }
        start = at.saturating_add(1);
    }
    if let Some(rest) = bytes.get(start..) {
        out.extend_from_slice(rest);
    }
    out.push(b'"');
}

/// Whether serde_json escapes the byte: a quote, a backslash or a control character (below
/// 0x20; DEL and everything non-ASCII are written as they are).
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The position of the first byte at or after `from` that needs an escape: eight bytes at a
/// time, then byte by byte for the tail.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A high bit set in the lane of each byte below 0x20 (ASCII lanes only; a byte with its
        // own high bit set is masked out by `!x`), equal to `"` or equal to `\`. Lanes are
        // exact for the lowest match, which is the only one used.
        let control = x.wrapping_sub(ONES.wrapping_mul(0x20)) & !x;
        let quote = (x ^ ONES.wrapping_mul(u64::from(b'"'))).wrapping_sub(ONES)
            & !(x ^ ONES.wrapping_mul(u64::from(b'"')));
        let backslash = (x ^ ONES.wrapping_mul(u64::from(b'\\'))).wrapping_sub(ONES)
            & !(x ^ ONES.wrapping_mul(u64::from(b'\\')));
        if (control | quote | backslash) & HIGHS != 0 {
            // Some lane matched; find the first exactly (the borrow of a subtraction can mark
            // lanes above a true match, never below it).
            for (i, &b) in chunk.iter().enumerate() {
                if needs_escape(b) {
                    return Some(offset.saturating_add(i));
                }
            }
        }
        offset = offset.saturating_add(8);
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| needs_escape(b))
        .map(|i| offset.saturating_add(i))
}

/// Appends the escape of one byte that [`needs_escape`].
fn escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        _ => {
            out.extend_from_slice(b"\\u00");
            out.push(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'));
            out.push(HEX.get(usize::from(b & 0x0f)).copied().unwrap_or(b'0'));
        }
    }
}

/// A field name written as it is: `"name":`. A field name is a Rust identifier or a
/// `rename` in snake case, never a character that needs an escape, so it is not scanned for
/// one (that scan cost a tenth of hashing). Were such a name ever added, the debug builds the
/// tests run in stop at it, and the tests that write every published event both ways fail.
fn field_name(out: &mut Vec<u8>, name: &'static str) {
    debug_assert!(
        !name.bytes().any(needs_escape),
        "a field name that needs an escape: {name}"
    );
    out.reserve(name.len().saturating_add(3));
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
}

/// An array or object being written: whether a separator is due before the next member.
struct Compound<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    /// What closes it: `]`, `}`, or `}}` for the object of a struct or tuple variant.
    close: &'static [u8],
}

impl<'a> Compound<'a> {
    fn open(out: &'a mut Vec<u8>, open: &[u8], close: &'static [u8]) -> Self {
        out.extend_from_slice(open);
        Compound {
            out,
            first: true,
            close,
        }
    }

    fn separate(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.separate();
        value.serialize(Writer { out: self.out })
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.separate();
        field_name(self.out, key);
        value.serialize(Writer { out: self.out })
    }

    fn close(self) -> Result<(), Error> {
        self.out.extend_from_slice(self.close);
        Ok(())
    }
}

/// `{"variant":` before the content of a newtype, tuple or struct variant.
fn variant_open(out: &mut Vec<u8>, variant: &'static str) {
    out.push(b'{');
    field_name(out, variant);
}

/// Implements every integer method of a serializer by one of its methods.
macro_rules! integers {
    ($method:ident) => {
        integers!($method: serialize_i8 i8, serialize_i16 i16, serialize_i32 i32,
            serialize_i64 i64, serialize_i128 i128, serialize_u8 u8, serialize_u16 u16,
            serialize_u32 u32, serialize_u64 u64, serialize_u128 u128);
    };
    ($method:ident: $($name:ident $t:ty),*) => {
        $(
            fn $name(self, v: $t) -> Result<(), Error> {
                self.$method(v)
            }
        )*
    };
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    integers!(integer_ok);

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(v)
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v)
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        string(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = Compound::open(self.out, b"[", b"]");
        for b in v {
            seq.element(b)?;
        }
        seq.close()
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        string(self.out, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        variant_open(self.out, variant);
        value.serialize(self.reborrow())?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.out, b"[", b"]"))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        variant_open(self.out, variant);
        Ok(Compound::open(self.out, b"[", b"]}"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.out, b"{", b"}"))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.out, b"{", b"}"))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        variant_open(self.out, variant);
        Ok(Compound::open(self.out, b"{", b"}}"))
    }
}

/// Implements the serde traits whose members are written as array elements (`element`) or
/// as named fields (`field`), all closing with [`Compound::close`].
macro_rules! members {
    ($($trait:ident::$method:ident),* ; element) => {
        $(
            impl ser::$trait for Compound<'_> {
                type Ok = ();
                type Error = Error;

                fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                    self.element(value)
                }

                fn end(self) -> Result<(), Error> {
                    self.close()
                }
            }
        )*
    };
    ($($trait:ident),* ; field) => {
        $(
            impl ser::$trait for Compound<'_> {
                type Ok = ();
                type Error = Error;

                fn serialize_field<T: Serialize + ?Sized>(
                    &mut self,
                    key: &'static str,
                    value: &T,
                ) -> Result<(), Error> {
                    self.field(key, value)
                }

                fn end(self) -> Result<(), Error> {
                    self.close()
                }
            }
        )*
    };
}

members!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field;
    element
);
members!(SerializeStruct, SerializeStructVariant; field);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.separate();
        key.serialize(Key { out: self.out })?;
        self.out.push(b':');
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(Writer { out: self.out })
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// A map key, written as serde_json writes it: a string as it is, a number, `char` or `bool`
/// in quotes, an option by its value; anything else (and `None`) is refused, as serde_json
/// refuses it.
struct Key<'a> {
    out: &'a mut Vec<u8>,
}

impl Key<'_> {
    fn quoted(self, text: &str) -> Result<(), Error> {
        self.out.push(b'"');
        self.out.extend_from_slice(text.as_bytes());
        self.out.push(b'"');
        Ok(())
    }

    fn integer(self, n: impl itoa::Integer) -> Result<(), Error> {
        self.quoted(itoa::Buffer::new().format(n))
    }

    /// A finite float in quotes, formatted by serde_json; serde_json refuses the others.
    fn float<F: Serialize>(self, f: F, finite: bool) -> Result<(), Error> {
        if !finite {
            return Err(Error(
                "float key must be finite (got NaN or +/-inf)".to_owned(),
            ));
        }
        let text = serde_json::to_string(&f).map_err(|e| Error(e.to_string()))?;
        self.quoted(&text)
    }
}

/// Implements the key serializer's methods that refuse their value.
macro_rules! refuse_key {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<(), Error> {
                Err(key_must_be_a_string())
            }
        )*
    };
}

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        string(self.out, v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(if v { "true" } else { "false" })
    }

    integers!(integer);

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        string(self.out, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(v, v.is_finite())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v, v.is_finite())
    }

    refuse_key!(
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    //! `[records-authentic]`: every published hash must still verify, so the canonical writer
    //! must write exactly what serde_json writes, for anything a history can hold.

    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;
    use serde_json::Value;
    use std::collections::BTreeMap;

    fn ours<T: Serialize + ?Sized>(v: &T) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        write(&mut out, v).map(|()| out)
    }

    fn arb_text() -> impl Strategy<Value = String> {
        prop_oneof![
            // Every character, control characters, quotes and backslashes included.
            any::<String>(),
            // Dense in what needs an escape, in runs of every length around eight.
            proptest::collection::vec(
                prop_oneof![
                    Just('"'),
                    Just('\\'),
                    Just('\u{7f}'),
                    (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('\0')),
                    Just('社'),
                    Just('a'),
                    Just('é'),
                ],
                0..40
            )
            .prop_map(|cs| cs.into_iter().collect()),
        ]
    }

    fn arb_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            arb_text().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                proptest::collection::vec((arb_text(), inner), 0..8)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_value_is_written_as_serde_json_writes_it(v in arb_value()) {
            prop_assert_eq!(ours(&v).unwrap(), serde_json::to_vec(&v).unwrap());
        }

        #[test]
        fn any_text_is_escaped_as_serde_json_escapes_it(s in arb_text()) {
            prop_assert_eq!(ours(&s).unwrap(), serde_json::to_vec(&s).unwrap());
            prop_assert_eq!(
                ours(&BTreeMap::from([(s.clone(), 1)])).unwrap(),
                serde_json::to_vec(&BTreeMap::from([(s.clone(), 1)])).unwrap()
            );
        }

        #[test]
        fn numbers_and_keys_are_written_as_serde_json_writes_them(
            a in any::<i128>(), b in any::<u128>(), c in any::<f32>(), d in any::<char>(),
            k in any::<i32>(), t in any::<bool>(),
        ) {
            let v = (a, b, c, d, Some(k), None::<u8>, ());
            prop_assert_eq!(ours(&v).unwrap(), serde_json::to_vec(&v).unwrap());
            let keyed = BTreeMap::from([(k, t)]);
            prop_assert_eq!(ours(&keyed).unwrap(), serde_json::to_vec(&keyed).unwrap());
            let keyed = BTreeMap::from([(t, d)]);
            prop_assert_eq!(ours(&keyed).unwrap(), serde_json::to_vec(&keyed).unwrap());
            let keyed = BTreeMap::from([(d, b)]);
            prop_assert_eq!(ours(&keyed).unwrap(), serde_json::to_vec(&keyed).unwrap());
        }
    }

    /// Every enum shape serde derives: unit, newtype, tuple and struct variants, externally
    /// and internally tagged, and the keys serde_json refuses.
    #[test]
    fn every_serde_shape_is_written_as_serde_json_writes_it() {
        #[derive(Serialize)]
        enum External {
            Unit,
            Newtype(u8),
            Tuple(u8, String),
            Struct { a: Option<u8>, b: Vec<u8> },
        }
        #[derive(Serialize)]
        #[serde(tag = "type", rename_all = "snake_case")]
        enum Internal {
            Unit,
            Newtype(BTreeMap<String, u8>),
            Struct {
                #[serde(skip_serializing_if = "Option::is_none")]
                a: Option<u8>,
                r#b: (),
            },
        }
        #[derive(Serialize)]
        struct Unit;
        #[derive(Serialize)]
        struct Wrap(String);
        #[derive(Serialize)]
        struct Bytes(#[serde(with = "serde_bytes_like")] Vec<u8>);
        mod serde_bytes_like {
            pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(v)
            }
        }
        let values: Vec<Box<dyn erased::Erased>> = vec![
            Box::new(External::Unit),
            Box::new(External::Newtype(7)),
            Box::new(External::Tuple(1, "x".into())),
            Box::new(External::Struct {
                a: None,
                b: vec![1, 2],
            }),
            Box::new(Internal::Unit),
            Box::new(Internal::Newtype(BTreeMap::from([("k".into(), 1)]))),
            Box::new(Internal::Struct { a: None, b: () }),
            Box::new(Internal::Struct { a: Some(3), b: () }),
            Box::new(Unit),
            Box::new(Wrap("w".into())),
            Box::new(Bytes(vec![0, 255])),
            Box::new(Vec::<u8>::new()),
            Box::new(BTreeMap::<String, u8>::new()),
            Box::new(f64::NAN),
            Box::new(f64::INFINITY),
            Box::new(-0.0f64),
            Box::new(1e300f64),
        ];
        for v in &values {
            assert_eq!(v.ours().unwrap(), v.theirs().unwrap());
        }
        // Keys serde_json refuses are refused here too.
        let keyed: Vec<Box<dyn erased::Erased>> = vec![
            Box::new(BTreeMap::from([(Some(1u8), 1)])),
            Box::new(FloatKeys(vec![1.5, -0.0, 1e300])),
        ];
        for v in &keyed {
            assert_eq!(v.ours().unwrap(), v.theirs().unwrap());
        }
        let refused: Vec<Box<dyn erased::Erased>> = vec![
            Box::new(BTreeMap::from([(vec![1u8], 1)])),
            Box::new(BTreeMap::from([((), 1)])),
            Box::new(BTreeMap::from([(None::<u8>, 1)])),
            Box::new(FloatKeys(vec![f64::NAN])),
        ];
        for v in &refused {
            assert_eq!(
                v.ours().unwrap_err().to_string(),
                v.theirs().unwrap_err().to_string()
            );
        }
    }

    /// A map keyed by floats (no std map can be).
    struct FloatKeys(Vec<f64>);

    impl Serialize for FloatKeys {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(self.0.iter().map(|k| (k, 0u8)))
        }
    }

    mod erased {
        use super::*;

        /// A value written by both writers, behind one type.
        pub trait Erased {
            fn ours(&self) -> Result<Vec<u8>, Error>;
            fn theirs(&self) -> Result<Vec<u8>, serde_json::Error>;
        }

        impl<T: Serialize> Erased for T {
            fn ours(&self) -> Result<Vec<u8>, Error> {
                super::ours(self)
            }
            fn theirs(&self) -> Result<Vec<u8>, serde_json::Error> {
                serde_json::to_vec(self)
            }
        }
    }

    /// Every event of every published history is written as serde_json writes it.
    #[test]
    fn every_published_event_is_written_as_serde_json_writes_it() {
        let vector: Value = serde_json::from_str(include_str!(
            "../../../tests/vectors/case/stored-histories.json"
        ))
        .unwrap();
        let mut stored = Vec::new();
        collect_histories(&vector, &mut stored);
        let mut events = 0;
        for case in &stored {
            for e in &case.events {
                assert_eq!(ours(e).unwrap(), serde_json::to_vec(e).unwrap());
                assert_eq!(
                    ours(&e.event).unwrap(),
                    serde_json::to_vec(&e.event).unwrap()
                );
                events += 1;
            }
        }
        assert!(events > 20, "only {events} events");
    }

    fn collect_histories(v: &Value, out: &mut Vec<crate::case::StoredCase>) {
        if let Ok(case) = serde_json::from_value::<crate::case::StoredCase>(v.clone()) {
            out.push(case);
            return;
        }
        match v {
            Value::Object(map) => map.values().for_each(|x| collect_histories(x, out)),
            Value::Array(items) => items.iter().for_each(|x| collect_histories(x, out)),
            _ => {}
        }
    }
}

//! The one JSON entry point of the library: every `from_json` reads through [`from_str`] or
//! [`from_value`], so every binding gets the same strictness and the same errors.
//!
//! What it adds to serde_json:
//! - **Limits** ([`crate::limits`]): input size, nesting depth and string length are checked
//!   before parsing, with a typed [`JsonError::LimitExceeded`].
//! - **Duplicate keys are refused** on every path, also inside maps and free-form values
//!   where serde would keep the last one silently.
//! - **Errors name the JSON path and what was expected, never the value**: serde's messages
//!   repeat the offending value (`invalid type: integer `110105194912310021`, expected a
//!   string`), which could be an ID number or a phone. Here the message names the path, the
//!   JSON type found and the expected thing only. Unknown field and variant names are repeated
//!   only when they look like identifiers (short ASCII, no long digit run).
//! - **A date has one spelling**: every date field reads exactly `YYYY-MM-DD`
//!   ([`crate::calendar::iso_date`]); chrono alone also took `1950-5-1`, `+1950-05-01` and
//!   spaces, and wrote each back as `1950-05-01`, so a stored event and the bytes its hash
//!   covers could differ.
//!
//! # Example
//! ```
//! use shegong::json;
//! use std::collections::BTreeMap;
//!
//! let err = json::from_str::<BTreeMap<String, u32>>(r#"{"a": 1, "a": 2}"#, "table").unwrap_err();
//! assert_eq!(err.to_string(), "malformed table at `a`: duplicate key `a`");
//!
//! let err = json::from_str::<BTreeMap<String, String>>(r#"{"id": 110105194912310021}"#, "table")
//!     .unwrap_err();
//! assert_eq!(err.to_string(), "malformed table at `id`: expected a string, found an integer");
//! ```

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt::Write as _;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_STRING_BYTES};
use crate::ErrorKind;

#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod canonical;
pub(crate) mod date;
pub(crate) mod instant;
pub(crate) mod tagged;
pub(crate) use tagged::tagged_enum;

/// Why JSON input was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The input is not valid JSON, or does not have the expected shape: a wrong type, an
    /// unknown or missing field, a duplicate key.
    #[error("malformed {what} at {}: {reason}", show_path(path))]
    Malformed {
        /// What was being read, e.g. `"rule set"`.
        what: &'static str,
        /// The JSON path of the fault, e.g. `events[3].event.consent`; empty for the top level.
        path: String,
        /// What is wrong: the JSON type found and what was expected, never the value.
        reason: String,
    },
    /// A number outside what its field holds: `-1` for a count, `4294967296` for a `u32`.
    /// The message names the path and the field's type, never the number.
    #[error("{what} at {}: {reason}", show_path(path))]
    OutOfRange {
        /// What was being read.
        what: &'static str,
        /// The JSON path of the number.
        path: String,
        /// The field's type, e.g. `"a number outside the range of u32"`.
        reason: String,
    },
    /// The input is over one of the documented [`crate::limits`].
    #[error(
        "{what} at {} is over the limit {limit} ({max}): {reason}",
        show_path(path)
    )]
    LimitExceeded {
        /// What was being read.
        what: &'static str,
        /// The JSON path where the limit was reached; empty for the top level.
        path: String,
        /// The limit's name in [`crate::limits`], e.g. `"MAX_DEPTH"`.
        limit: &'static str,
        /// The limit's value.
        max: usize,
        /// What is over it.
        reason: String,
    },
}

impl JsonError {
    /// The error's kind: [`ErrorKind::Malformed`], [`ErrorKind::ValueOutOfRange`] or
    /// [`ErrorKind::LimitExceeded`].
    pub fn kind(&self) -> ErrorKind {
        match self {
            JsonError::Malformed { .. } => ErrorKind::Malformed,
            JsonError::OutOfRange { .. } => ErrorKind::ValueOutOfRange,
            JsonError::LimitExceeded { .. } => ErrorKind::LimitExceeded,
        }
    }

    /// The JSON path of the fault; empty for the top level.
    pub fn path(&self) -> &str {
        match self {
            JsonError::Malformed { path, .. }
            | JsonError::OutOfRange { path, .. }
            | JsonError::LimitExceeded { path, .. } => path,
        }
    }
}

fn show_path(path: &str) -> String {
    if path.is_empty() {
        "the top level".to_owned()
    } else {
        format!("`{path}`")
    }
}

/// Reads a `T` from JSON text, refusing inputs over the [`crate::limits`], duplicate keys,
/// and (through the types' `deny_unknown_fields`) unknown fields.
///
/// `what` names the input in messages (`"rule set"`, `"calendar"`).
///
/// # Errors
/// [`JsonError::LimitExceeded`] for input over a limit; [`JsonError::Malformed`] for
/// anything else, naming the JSON path and what was expected.
///
/// # Example
/// ```
/// let n: Vec<u32> = shegong::json::from_str("[1, 2]", "numbers")?;
/// assert_eq!(n, [1, 2]);
/// # Ok::<(), shegong::json::JsonError>(())
/// ```
pub fn from_str<T: DeserializeOwned>(text: &str, what: &'static str) -> Result<T, JsonError> {
    read(text, what, false)
}

/// [`from_str`] for a type whose own reader refuses everything the prescan refuses in a text
/// of at most [`MAX_STRING_BYTES`] bytes, so such a text is read without it (the prescan is a
/// tenth of reading a case history). Only for a type whose reader is shown to refuse:
///
/// - *a string over [`MAX_STRING_BYTES`]*: none fits in a text that short;
/// - *nesting deeper than [`MAX_DEPTH`]*: its schema has no free-form value, no unknown field
///   (`deny_unknown_fields` throughout) and no cycle, and nests less deeply than that;
/// - *a duplicate key*: serde's derived readers refuse a field given twice, the tagged enums'
///   readers refuse a duplicate tag as an unknown field and a duplicate key when they buffer.
///
/// `core/tests/typed_checks.rs` checks each for [`crate::case::StoredCase`], the one type
/// read this way: the schema's depth and closedness, and every key of every object of an
/// instance of every event type, given twice, refused. What the reader refuses is then read
/// again as [`from_str`] reads it, so the error is the same as there.
///
/// # Errors
/// As [`from_str`].
pub(crate) fn from_str_checked_by_type<T: DeserializeOwned>(
    text: &str,
    what: &'static str,
) -> Result<T, JsonError> {
    read(text, what, true)
}

/// [`from_str`], with the prescan skipped for a short text when `checked_by_type`.
fn read<T: DeserializeOwned>(
    text: &str,
    what: &'static str,
    checked_by_type: bool,
) -> Result<T, JsonError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(too_long(what, text.len()));
    }
    // Not in WebAssembly builds, where every input is read once, path tracked (below).
    #[cfg(not(target_arch = "wasm32"))]
    let unscanned = checked_by_type && text.len() <= MAX_STRING_BYTES;
    #[cfg(target_arch = "wasm32")]
    let _ = checked_by_type;
    #[cfg(not(target_arch = "wasm32"))]
    if unscanned {
        if let Some(value) = plain(text) {
            return Ok(value);
        }
    }
    prescan(text, what)?;
    // The common case in one plain pass; only a failure is read again with the path tracked,
    // which costs as much as the parse itself. Not in WebAssembly builds, where the second
    // copy of every type's reader would cost 300 KB of a 2 MB mini-program package: there
    // every input is read once, path tracked.
    #[cfg(not(target_arch = "wasm32"))]
    if !unscanned {
        if let Some(value) = plain(text) {
            return Ok(value);
        }
    }
    // In WebAssembly the text becomes a `Value` first and is read by `from_value`: one reader
    // per type (over `Value`) instead of two (over text and over `Value`), which saves the
    // mini-program package another copy of every type's reader.
    #[cfg(target_arch = "wasm32")]
    {
        let value: Value = serde_json::from_str(text).map_err(|e| JsonError::Malformed {
            what,
            path: String::new(),
            reason: sanitize(&e),
        })?;
        from_value(value, what)
    }
    #[cfg(not(target_arch = "wasm32"))]
    from_text_tracked(text, what)
}

/// The plain reading of a text, no path tracked: `None` for any failure (the tracked reading
/// then says what it was).
#[cfg(not(target_arch = "wasm32"))]
fn plain<T: DeserializeOwned>(text: &str) -> Option<T> {
    tagged::with_tracking(false, || {
        let mut plain = serde_json::Deserializer::from_str(text);
        T::deserialize(&mut plain)
            .ok()
            .filter(|_| plain.end().is_ok())
    })
}

/// The diagnostic reading of [`from_str`]: JSON paths tracked.
#[cfg(not(target_arch = "wasm32"))]
fn from_text_tracked<T: DeserializeOwned>(text: &str, what: &'static str) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = tracked(|| serde_path_to_error::deserialize(&mut de))
        .map_err(|e| path_error(&e, what, || serde_json::from_str::<Value>(text).ok()))?;
    de.end().map_err(|e| JsonError::Malformed {
        what,
        path: String::new(),
        reason: sanitize(&e),
    })?;
    Ok(value)
}

/// Reads a `T` from a JSON value, with the same limits and errors as [`from_str`] (a value
/// has no duplicate keys left to find).
///
/// # Errors
/// As [`from_str`].
pub fn from_value<T: DeserializeOwned>(value: Value, what: &'static str) -> Result<T, JsonError> {
    check_value(&value, what)?;
    // As in `from_str`: one plain pass for valid input, read by reference so that only a
    // failure pays for the copy the diagnostic pass needs.
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(v) = tagged::with_tracking(false, || T::deserialize(&value).ok()) {
        return Ok(v);
    }
    let copy = value.clone();
    tracked(|| serde_path_to_error::deserialize(value))
        .map_err(|e| path_error(&e, what, || Some(copy)))
}

/// Runs the diagnostic pass: JSON paths tracked below tagged enums (always, in WebAssembly).
fn tracked<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(not(target_arch = "wasm32"))]
    return tagged::with_tracking(true, f);
    #[cfg(target_arch = "wasm32")]
    f()
}

/// Checks a count against a limit of [`crate::limits`], e.g. a history's length against
/// [`MAX_HISTORY_EVENTS`](crate::limits::MAX_HISTORY_EVENTS).
///
/// # Errors
/// [`JsonError::LimitExceeded`] when `count > max`.
pub fn check_count(
    what: &'static str,
    path: &str,
    count: usize,
    limit: &'static str,
    max: usize,
) -> Result<(), JsonError> {
    if count > max {
        return Err(JsonError::LimitExceeded {
            what,
            path: path.to_owned(),
            limit,
            max,
            reason: format!("it has {count} items"),
        });
    }
    Ok(())
}

/// The limit error of an input of `len` bytes, over [`MAX_INPUT_BYTES`].
pub(crate) fn too_long(what: &'static str, len: usize) -> JsonError {
    JsonError::LimitExceeded {
        what,
        path: String::new(),
        limit: "MAX_INPUT_BYTES",
        max: MAX_INPUT_BYTES,
        reason: format!("the input has {len} bytes"),
    }
}

/// Describes a string for a message: quoted when it looks like an identifier, otherwise
/// only by its length, so an ID number or a phone is never repeated.
pub fn describe_str(s: &str) -> String {
    if is_identifier_like(s) {
        format!("`{s}`")
    } else {
        format!("(a string of {} characters)", s.chars().count())
    }
}

/// Whether a name may be repeated in a message: 1 to 40 ASCII letters, digits, `_`, `-` or
/// `.`, with no run of 6 or more digits.
pub fn is_identifier_like(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && longest_digit_run(s) < 6
}

fn longest_digit_run(s: &str) -> usize {
    let mut best = 0;
    let mut run = 0usize;
    for b in s.bytes() {
        if b.is_ascii_digit() {
            run = run.saturating_add(1);
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// One step of a JSON path.
enum Seg<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

fn push_key(out: &mut String, key: &str) {
    if is_identifier_like(key) {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(key);
    } else {
        let _ = write!(out, "[<key of {} characters>]", key.chars().count());
    }
}

fn render(segs: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => push_key(&mut out, k),
            Seg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

/// The keys seen so far in the open objects, in one list shared by all of them (a history has
/// hundreds of small objects, and a list of its own for each cost an allocation apiece): each
/// open object owns the tail from its `start`, searched in order, since most objects have a
/// handful of keys and hashing each one cost as much as the rest of the scan. An object that
/// grows past [`FEW_KEYS`] moves its keys into a hash set of its own, so a huge object cannot
/// make the scan quadratic.
const FEW_KEYS: usize = 16;

/// One open object's keys: the tail of the shared list from `start`, or its own hash set.
struct Keys<'a> {
    start: usize,
    many: Option<HashSet<Cow<'a, str>>>,
}

impl<'a> Keys<'a> {
    /// Adds a key; `false` when the object already has it.
    fn insert(&mut self, shared: &mut Vec<Cow<'a, str>>, key: Cow<'a, str>) -> bool {
        if let Some(set) = self.many.as_mut() {
            return set.insert(key);
        }
        let mine = shared.get(self.start..).unwrap_or(&[]);
        if mine.contains(&key) {
            return false;
        }
        shared.push(key);
        if shared.len().saturating_sub(self.start) > FEW_KEYS {
            self.many = Some(shared.drain(self.start..).collect());
        }
        true
    }
}

/// A container open during the pre-scan.
enum Frame<'a> {
    Object {
        keys: Keys<'a>,
        expect_key: bool,
        key: Option<Cow<'a, str>>,
    },
    Array {
        index: usize,
    },
}

fn frames_path<'a>(frames: &'a [Frame<'a>]) -> Vec<Seg<'a>> {
    frames
        .iter()
        .filter_map(|f| match f {
            Frame::Object { key, .. } => key.as_ref().map(|k| Seg::Key(Cow::Borrowed(k.as_ref()))),
            Frame::Array { index } => Some(Seg::Index(*index)),
        })
        .collect()
}

/// One linear pass over the text, before serde sees it: nesting depth, string length and
/// duplicate keys. Syntax errors are left to serde_json, which reports them.
///
/// The lean [`quick_scan`] clears almost every input; whatever it cannot clear (a limit
/// reached, a duplicate, an escaped key or a very wide object) is scanned again by
/// [`scan_tracked`], which decides and names the path.
fn prescan(text: &str, what: &'static str) -> Result<(), JsonError> {
    if quick_scan(text.as_bytes()) {
        return Ok(());
    }
    scan_tracked(text, what)
}

/// The widest object [`quick_scan`] checks for duplicate keys by comparing each key with the
/// ones before it; a wider one is left to [`scan_tracked`] and its hash set.
const QUICK_KEYS: usize = 64;

/// An open container in [`quick_scan`]: where its keys start (or `ARRAY`), and whether the
/// container around it was expecting a key.
type Open = (usize, bool);

/// A key of an open object in [`quick_scan`]: its fingerprint, start and end.
type Key = (u64, usize, usize);

/// `true` when `bytes` is certainly within the depth and string limits and has no duplicate
/// key; `false` when [`scan_tracked`] must look. Tracks no path, allocates two small lists,
/// and compares keys by a fingerprint (length and first bytes) before their bytes: on a case
/// history this is a third of the cost of the tracked scan, which is one tenth of a read.
fn quick_scan(bytes: &[u8]) -> bool {
    thread_local! {
        /// The scan's two lists, kept between calls: allocating them afresh for every input
        /// cost a twentieth of a batch, most of it in the allocator tidying up for a
        /// kilobyte-sized request. They hold at most [`MAX_DEPTH`] containers and
        /// [`QUICK_KEYS`] keys per open object.
        static SCRATCH: std::cell::RefCell<(Vec<Open>, Vec<Key>)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let (stack, keys) = &mut *scratch;
            stack.clear();
            keys.clear();
            quick_scan_with(bytes, stack, keys)
        }
        // Not reachable (the scan does not call itself), but never a panic.
        Err(_) => quick_scan_with(bytes, &mut Vec::new(), &mut Vec::new()),
    })
}

/// [`quick_scan`] with its two lists, empty: per open container, where its keys start (or
/// `ARRAY`) and whether the container around it was expecting a key when it opened (restored
/// when it closes, as the tracked scan keeps that flag per container); and the (fingerprint,
/// start, end) of the keys of the open objects, innermost last.
fn quick_scan_with(bytes: &[u8], stack: &mut Vec<Open>, keys: &mut Vec<Key>) -> bool {
    /// Marks an open array on the stack (objects store where their keys start).
    const ARRAY: usize = usize::MAX;
    let mut expect_key = false;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let start = i.saturating_add(1);
                let (end, escaped) = string_end_escaped(bytes, start);
                let len = end.saturating_sub(start);
                if len > MAX_STRING_BYTES {
                    return false;
                }
                if expect_key {
                    expect_key = false;
                    let Some(key) = bytes.get(start..end) else {
                        return false;
                    };
                    if escaped {
                        return false;
                    }
                    let fingerprint = (u64::try_from(len).unwrap_or(u64::MAX) << 32)
                        | u64::from(key_head(bytes, start, len));
                    let from = stack.last().map_or(0, |&(start, _)| start);
                    let mine = keys.get(from..).unwrap_or(&[]);
                    if mine.len() >= QUICK_KEYS {
                        return false;
                    }
                    if mine
                        .iter()
                        .any(|&(f, s, e)| f == fingerprint && bytes.get(s..e) == Some(key))
                    {
                        return false;
                    }
                    keys.push((fingerprint, start, end));
                }
                i = end.saturating_add(1);
                continue;
            }
            b'{' | b'[' => {
                if stack.len() >= MAX_DEPTH {
                    return false;
                }
                if b == b'{' {
                    stack.push((keys.len(), expect_key));
                    expect_key = true;
                } else {
                    stack.push((ARRAY, expect_key));
                    expect_key = false;
                }
            }
            b'}' | b']' => {
                if let Some((start, outer)) = stack.pop() {
                    if start != ARRAY {
                        keys.truncate(start);
                    }
                    expect_key = outer;
                }
            }
            b',' => expect_key = stack.last().is_some_and(|&(top, _)| top != ARRAY),
            _ => {}
        }
        i = i.saturating_add(1);
    }
    true
}

/// A key's first four bytes (fewer for a shorter key, the rest zero), read as one word from
/// the input when four bytes are there (a key is followed by its closing quote at least), not
/// byte by byte: the byte loop compiled to a call into `memcpy` for every key.
#[inline(always)]
fn key_head(bytes: &[u8], start: usize, len: usize) -> u32 {
    let word = match bytes.get(start..).and_then(|rest| rest.first_chunk::<4>()) {
        Some(four) => u32::from_le_bytes(*four),
        None => bytes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .rev()
            .fold(0u32, |word, &b| (word << 8) | u32::from(b)),
    };
    // The bytes of a key shorter than four, kept; those after it (its quote, ...), cleared.
    const MASKS: [u32; 4] = [0, 0xFF, 0xFFFF, 0xFF_FFFF];
    MASKS.get(len).map_or(word, |mask| word & mask)
}

/// The tracked scan: the same checks as [`quick_scan`], with the JSON path kept for the
/// error and a hash set for wide objects.
fn scan_tracked(text: &str, what: &'static str) -> Result<(), JsonError> {
    let bytes = text.as_bytes();
    let mut frames: Vec<Frame<'_>> = Vec::new();
    let mut shared_keys: Vec<Cow<'_, str>> = Vec::new();
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let start = i.saturating_add(1);
                let end = string_end(bytes, start);
                if end.saturating_sub(start) > MAX_STRING_BYTES {
                    return Err(JsonError::LimitExceeded {
                        what,
                        path: render(&frames_path(&frames)),
                        limit: "MAX_STRING_BYTES",
                        max: MAX_STRING_BYTES,
                        reason: format!("a string of {} bytes", end.saturating_sub(start)),
                    });
                }
                let mut duplicate = None;
                if let Some(Frame::Object {
                    keys,
                    expect_key,
                    key,
                }) = frames.last_mut()
                {
                    if *expect_key {
                        let raw = text.get(start..end).unwrap_or("");
                        let name: Cow<'_, str> = if raw.contains('\\') {
                            match text
                                .get(i..end.saturating_add(1))
                                .and_then(|q| serde_json::from_str::<String>(q).ok())
                            {
                                Some(s) => Cow::Owned(s),
                                None => Cow::Borrowed(raw),
                            }
                        } else {
                            Cow::Borrowed(raw)
                        };
                        *expect_key = false;
                        *key = Some(name.clone());
                        if !keys.insert(&mut shared_keys, name.clone()) {
                            duplicate = Some(name);
                        }
                    }
                }
                if let Some(name) = duplicate {
                    return Err(JsonError::Malformed {
                        what,
                        path: render(&frames_path(&frames)),
                        reason: format!("duplicate key {}", describe_str(&name)),
                    });
                }
                i = end.saturating_add(1);
                continue;
            }
            b'{' | b'[' => {
                if frames.len() >= MAX_DEPTH {
                    return Err(JsonError::LimitExceeded {
                        what,
                        path: render(&frames_path(&frames)),
                        limit: "MAX_DEPTH",
                        max: MAX_DEPTH,
                        reason: format!("arrays and objects nested deeper than {MAX_DEPTH} levels"),
                    });
                }
                frames.push(if b == b'{' {
                    Frame::Object {
                        keys: Keys {
                            start: shared_keys.len(),
                            many: None,
                        },
                        expect_key: true,
                        key: None,
                    }
                } else {
                    Frame::Array { index: 0 }
                });
            }
            b'}' | b']' => {
                if let Some(Frame::Object { keys, .. }) = frames.pop() {
                    if keys.many.is_none() {
                        shared_keys.truncate(keys.start);
                    }
                }
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object {
                    expect_key, key, ..
                }) => {
                    *expect_key = true;
                    *key = None;
                }
                Some(Frame::Array { index }) => *index = index.saturating_add(1),
                None => {}
            },
            _ => {}
        }
        i = i.saturating_add(1);
    }
    Ok(())
}

/// Where the string whose contents start at `start` ends: the index of its closing quote, or
/// the end of the input. Jumps from one quote or backslash to the next (`memchr2`), since
/// strings are most of a history's bytes.
fn string_end(bytes: &[u8], start: usize) -> usize {
    string_end_escaped(bytes, start).0
}

/// [`string_end`], and whether the string holds a backslash (an escape), found on the way
/// rather than by a second search (keys are checked for one). Inlined into the scans: as a
/// call, saving and restoring registers was a quarter of its cost per string.
#[inline(always)]
fn string_end_escaped(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut escaped = false;
    // Most strings (keys, dates, hashes) are short: test eight bytes at a time for a quote
    // or a backslash first, which is cheaper than a call into memchr for each one.
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has = |word: u64, byte: u8| {
        let x = word ^ ONES.wrapping_mul(u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut j = start;
    for _ in 0..12 {
        let Some(chunk) = bytes.get(j..j.saturating_add(8)) else {
            break;
        };
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let hit = has(word, b'"') | has(word, b'\\');
        if hit != 0 {
            // The lowest set high bit marks the first quote or backslash in the chunk.
            let at = usize::try_from(hit.trailing_zeros() / 8).unwrap_or(0);
            j = j.saturating_add(at);
            match bytes.get(j) {
                Some(b'\\') => {
                    j = j.saturating_add(2);
                    escaped = true;
                }
                _ => return (j, escaped),
            }
            continue;
        }
        j = j.saturating_add(8);
    }
    while let Some(offset) = bytes
        .get(j..)
        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
    {
        j = j.saturating_add(offset);
        match bytes.get(j) {
            Some(b'\\') => {
                j = j.saturating_add(2);
                escaped = true;
            }
            _ => return (j, escaped),
        }
    }
    (bytes.len(), escaped)
}

/// Depth and string length of a value built elsewhere (it cannot hold duplicate keys).
fn check_value(value: &Value, what: &'static str) -> Result<(), JsonError> {
    // An explicit stack: a deep value must not overflow ours while we measure it.
    let mut stack: Vec<(&Value, usize)> = vec![(value, 0)];
    while let Some((v, depth)) = stack.pop() {
        match v {
            Value::Array(items) => {
                if depth >= MAX_DEPTH {
                    return Err(depth_error(what));
                }
                stack.extend(items.iter().map(|x| (x, depth.saturating_add(1))));
            }
            Value::Object(map) => {
                if depth >= MAX_DEPTH {
                    return Err(depth_error(what));
                }
                for (k, x) in map {
                    if k.len() > MAX_STRING_BYTES {
                        return Err(string_error(what, k.len()));
                    }
                    stack.push((x, depth.saturating_add(1)));
                }
            }
            Value::String(s) if s.len() > MAX_STRING_BYTES => {
                return Err(string_error(what, s.len()))
            }
            _ => {}
        }
    }
    Ok(())
}

fn depth_error(what: &'static str) -> JsonError {
    JsonError::LimitExceeded {
        what,
        path: String::new(),
        limit: "MAX_DEPTH",
        max: MAX_DEPTH,
        reason: format!("arrays and objects nested deeper than {MAX_DEPTH} levels"),
    }
}

fn string_error(what: &'static str, len: usize) -> JsonError {
    JsonError::LimitExceeded {
        what,
        path: String::new(),
        limit: "MAX_STRING_BYTES",
        max: MAX_STRING_BYTES,
        reason: format!("a string of {len} bytes"),
    }
}

/// Turns serde_path_to_error's error into ours: the path rendered safely, the message
/// sanitised, and (on the error path only) the input re-read to name a tag field or to find
/// an unknown field below an internally tagged enum, where serde loses the path.
fn path_error(
    e: &serde_path_to_error::Error<serde_json::Error>,
    what: &'static str,
    reread: impl FnOnce() -> Option<Value>,
) -> JsonError {
    let mut segs: Vec<Seg<'_>> = Vec::new();
    for seg in e.path().iter() {
        match seg {
            serde_path_to_error::Segment::Seq { index } => segs.push(Seg::Index(*index)),
            serde_path_to_error::Segment::Map { key } => {
                segs.push(Seg::Key(Cow::Borrowed(key.as_str())))
            }
            serde_path_to_error::Segment::Enum { variant } => {
                segs.push(Seg::Key(Cow::Borrowed(variant.as_str())))
            }
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    let inner = e.inner();
    let mut reason = sanitize(inner);
    let mut out_of_range = None;
    if matches!(inner.classify(), serde_json::error::Category::Data) {
        let raw = raw_message(inner);
        // An error below an internally tagged enum of `tagged_enum!` carries its inner path.
        let (raw, below) = tagged::split(&raw);
        out_of_range = out_of_range_of(raw);
        if !below.is_empty() {
            segs.extend(below.iter().filter_map(|s| {
                match s {
                    Value::String(k) => Some(Seg::Key(Cow::Owned(k.clone()))),
                    Value::Number(n) => n
                        .as_u64()
                        .and_then(|i| usize::try_from(i).ok())
                        .map(Seg::Index),
                    _ => None,
                }
            }));
            reason = sanitize_message(raw);
        }
        let unknown = raw
            .strip_prefix("unknown variant `")
            .map(|r| (true, r))
            .or_else(|| raw.strip_prefix("unknown field `").map(|r| (false, r)));
        if let Some((is_variant, rest)) = unknown {
            if let (Some(name), Some(root)) = (rest.split_once('`').map(|(n, _)| n), reread()) {
                let node = segs.iter().try_fold(&root, |v, seg| match (seg, v) {
                    (Seg::Key(k), Value::Object(m)) => m.get(k.as_ref()).or(Some(v)),
                    (Seg::Index(i), Value::Array(a)) => a.get(*i),
                    _ => Some(v),
                });
                if let Some(node) = node {
                    if is_variant {
                        // An internally tagged enum: name the tag field that holds the name.
                        if let Value::Object(m) = node {
                            if let Some((tag, _)) = m.iter().find(|(_, v)| v.as_str() == Some(name))
                            {
                                segs.push(Seg::Key(Cow::Owned(tag.clone())));
                                reason = format!("in tag field `{tag}`: {reason}");
                            }
                        }
                    } else if let Some(deeper) = find_key(node, name) {
                        segs.extend(deeper);
                    }
                }
            }
        }
    }
    match out_of_range {
        Some(reason) => JsonError::OutOfRange {
            what,
            path: render(&segs),
            reason,
        },
        None => JsonError::Malformed {
            what,
            path: render(&segs),
            reason,
        },
    }
}

/// serde's message for an integer its field cannot hold (`invalid value: integer `-1`,
/// expected u32`), as `a number outside the range of u32`; `None` for any other message.
fn out_of_range_of(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix("invalid value: integer `")?;
    let (_, expected) = rest.split_once("`, expected ")?;
    Some(format!(
        "a number outside the range of {}",
        scrub_digits(expected)
    ))
}

/// The path below `node` to the first object holding `key`, key included (breadth first).
fn find_key(node: &Value, key: &str) -> Option<Vec<Seg<'static>>> {
    let mut queue: std::collections::VecDeque<(&Value, Vec<Seg<'static>>)> =
        std::collections::VecDeque::from([(node, Vec::new())]);
    while let Some((v, path)) = queue.pop_front() {
        match v {
            Value::Object(m) => {
                if m.contains_key(key) {
                    let mut p = path;
                    p.push(Seg::Key(Cow::Owned(key.to_owned())));
                    return Some(p);
                }
                for (k, x) in m {
                    let mut p: Vec<Seg<'static>> = path.iter().map(own_seg).collect();
                    p.push(Seg::Key(Cow::Owned(k.clone())));
                    queue.push_back((x, p));
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let mut p: Vec<Seg<'static>> = path.iter().map(own_seg).collect();
                    p.push(Seg::Index(i));
                    queue.push_back((x, p));
                }
            }
            _ => {}
        }
    }
    None
}

fn own_seg(s: &Seg<'_>) -> Seg<'static> {
    match s {
        Seg::Key(k) => Seg::Key(Cow::Owned(k.to_string())),
        Seg::Index(i) => Seg::Index(*i),
    }
}

/// serde_json's message without its ` at line L column C` suffix.
fn raw_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    if e.line() == 0 {
        return full;
    }
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix)
        .map_or(full.clone(), str::to_owned)
}

/// serde's message rewritten so that it never repeats the input's values: the JSON type
/// found and what was expected; field and variant names only when identifier-like.
fn sanitize(e: &serde_json::Error) -> String {
    let raw = raw_message(e);
    let mut msg = sanitize_message(&raw);
    if matches!(
        e.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    ) && e.line() > 0
    {
        let _ = write!(msg, " (line {}, column {})", e.line(), e.column());
    }
    msg
}

fn sanitize_message(raw: &str) -> String {
    // The note naming the variant of a tagged enum (`tagged::splice`) stays at the end.
    if let Some((head, note)) = raw.rsplit_once(" (for `") {
        if note.ends_with(')') {
            return format!("{} (for `{}", sanitize_message(head), scrub_digits(note));
        }
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = raw.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
            let found = json_type(found);
            let expected = scrub_digits(expected);
            return if prefix == "invalid type: " {
                format!("expected {expected}, found {found}")
            } else {
                format!("expected {expected}, found {found} that is not allowed")
            };
        }
    }
    for (prefix, noun) in [
        ("unknown variant `", "unknown variant"),
        ("unknown field `", "unknown field"),
    ] {
        if let Some(rest) = raw.strip_prefix(prefix) {
            // The name ends at the last backtick before ", expected" or ", there are".
            let (name, tail) = match rest.find("`, ") {
                Some(pos) => (rest.get(..pos).unwrap_or(""), rest.get(pos..).unwrap_or("")),
                None => (rest.strip_suffix('`').unwrap_or(rest), ""),
            };
            let tail = tail.strip_prefix('`').unwrap_or(tail);
            return format!("{noun} {}{}", describe_str(name), scrub_digits(tail));
        }
    }
    scrub_digits(raw)
}

/// The JSON type named by serde's description of an unexpected value.
fn json_type(found: &str) -> &'static str {
    const TYPES: &[(&str, &str)] = &[
        ("boolean", "a boolean"),
        ("integer", "an integer"),
        ("floating point", "a number"),
        ("string", "a string"),
        ("character", "a string"),
        ("null", "null"),
        ("unit", "null"),
        ("sequence", "an array"),
        ("map", "an object"),
        ("byte array", "bytes"),
        ("Option value", "an optional value"),
    ];
    TYPES
        .iter()
        .find(|(p, _)| found.starts_with(p))
        .map_or("another value", |(_, t)| t)
}

/// Replaces every run of 7 or more digits with `<N digits>`: a last guard for messages this
/// module did not rewrite (a custom message that quoted its input).
pub(crate) fn scrub_digits(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |out: &mut String, run: &mut String| {
        if run.len() >= 7 {
            let _ = write!(out, "<{} digits>", run.len());
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut out, &mut run);
            out.push(c);
        }
    }
    flush(&mut out, &mut run);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// Where the string starting at `start` ends, found one byte at a time.
    fn string_end_bytewise(bytes: &[u8], start: usize) -> usize {
        let mut j = start;
        while let Some(&b) = bytes.get(j) {
            match b {
                b'\\' => j += 2,
                b'"' => return j,
                _ => j += 1,
            }
        }
        bytes.len()
    }

    /// JSON-like text over the characters the scans care about, with keys that repeat and
    /// escapes, multi-byte characters and long runs.
    fn jsonish() -> impl Strategy<Value = String> {
        let token = proptest::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "\"a\"",
            "\"b\"",
            "\"\\u0061\"",
            "\"个案\"",
            "1",
        ])
        .prop_map(str::to_owned);
        let piece = prop_oneof![token, "[a-z\"\\\\]{0,40}", "[a-z]{20,120}"];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        /// The word-at-a-time search finds the same end as a byte-by-byte one.
        #[test]
        fn string_end_matches_a_bytewise_search(text in jsonish(), start in 0usize..40) {
            let bytes = text.as_bytes();
            let start = start.min(bytes.len());
            prop_assert_eq!(string_end(bytes, start), string_end_bytewise(bytes, start));
        }

        /// The quick scan clears an input only when the tracked scan would
        /// (depth, string length, duplicate keys), so it can never let a bad input through.
        #[test]
        fn quick_scan_clears_only_what_the_tracked_scan_clears(text in jsonish()) {
            if quick_scan(text.as_bytes()) {
                prop_assert!(scan_tracked(&text, "t").is_ok(), "quick scan cleared {}", text);
            }
        }

        /// Objects with many keys, some repeated: both scans find the same duplicates.
        #[test]
        fn quick_scan_finds_duplicates_in_wide_objects(keys in proptest::collection::vec(0u16..400, 0..120)) {
            let body: Vec<String> = keys.iter().map(|k| format!("\"k{k}\":{{\"k{k}\":1}}")).collect();
            let text = format!("{{{}}}", body.join(","));
            let unique = keys.iter().collect::<std::collections::HashSet<_>>().len() == keys.len();
            prop_assert_eq!(scan_tracked(&text, "t").is_ok(), unique);
            prop_assert_eq!(prescan(&text, "t").is_ok(), unique);
            if quick_scan(text.as_bytes()) {
                prop_assert!(unique);
            }
        }
    }

    #[test]
    fn quick_scan_keeps_each_objects_key_state_across_a_closed_array() {
        // Found by the property test above: after `[…]` closes inside an object that has not
        // read a key yet, the next string is still a key, so `"a"` twice is a duplicate.
        let text = r#"{[[]""]"a","a""#;
        assert!(scan_tracked(text, "t").is_err());
        assert!(!quick_scan(text.as_bytes()));
    }

    #[test]
    fn quick_scan_finds_a_short_duplicate_key_whatever_follows_it() {
        // A key's fingerprint reads four bytes at once: for a key shorter than four, the bytes
        // after it (its quote, the colon, the value) must not make two equal keys differ.
        for dup in [
            r#"{"":1,"":"x"}"#,
            r#"{"a":1,"a":"x"}"#,
            r#"{"id":"x","b":2,"id":[1]}"#,
            r#"{"abc":{},"abc":null}"#,
            r#"{"abcd":true,"abcd":false}"#,
            r#"{"服":1,"服":{"k":2}}"#,
            r#"[{"x":[{"a":1}],"x":0}]"#,
        ] {
            assert!(!quick_scan(dup.as_bytes()), "{dup}");
            assert!(scan_tracked(dup, "t").is_err(), "{dup}");
        }
        // Different keys sharing a head, and the last key of a cut-off input: no duplicate.
        for fine in [
            r#"{"a":1,"ab":1,"abc":1,"abcd":1,"abcde":1}"#,
            r#"{"a":1,"b"#,
            r#"{"a"#,
        ] {
            assert!(quick_scan(fine.as_bytes()), "{fine}");
        }
    }

    #[test]
    fn quick_scan_passes_escaped_and_wide_keys_to_the_tracked_scan() {
        // `\u0061` is `a`: only the tracked scan decodes keys, so the quick one must defer.
        let escaped = r#"{"a":1,"\u0061":2}"#;
        assert!(!quick_scan(escaped.as_bytes()));
        assert!(prescan(escaped, "t").is_err());
        let wide: Vec<String> = (0..QUICK_KEYS + 1).map(|k| format!("\"k{k}\":1")).collect();
        let wide = format!("{{{}}}", wide.join(","));
        assert!(!quick_scan(wide.as_bytes()));
        assert!(prescan(&wide, "t").is_ok());
    }

    #[test]
    fn sanitises_invalid_type_with_an_id_number() {
        let e = from_str::<Vec<String>>("[110105194912310021]", "list").unwrap_err();
        assert_eq!(
            e.to_string(),
            "malformed list at `[0]`: expected a string, found an integer"
        );
    }

    #[test]
    fn unknown_variant_with_a_phone_is_not_echoed() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum G {
            Male,
        }
        let e = from_str::<G>("\"13800138000\"", "gender").unwrap_err();
        let m = e.to_string();
        assert!(!m.contains("13800138000"), "{m}");
        assert!(m.contains("(a string of 11 characters)"), "{m}");
        let _ = G::Male;
    }

    #[test]
    fn duplicate_key_in_a_nested_map_is_refused() {
        let e = from_str::<BTreeMap<String, BTreeMap<String, u8>>>(
            r#"{"x": {"a": 1, "b": 2, "a": 3}}"#,
            "map",
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "malformed map at `x.a`: duplicate key `a`");
        let e = from_str::<Value>(r#"[{"a\u0062": 1, "ab": 2}]"#, "value").unwrap_err();
        assert_eq!(e.path(), "[0].ab");
    }

    #[test]
    fn duplicate_keys_are_found_per_object_at_every_size() {
        let ok = |t: &str| {
            from_str::<Value>(t, "v")
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        // The same key in a child and its parent, before and after the child.
        assert_eq!(ok(r#"{"b":0,"a":{"b":1,"c":{"b":2}},"c":3}"#), Ok(()));
        assert_eq!(ok(r#"[{"a":1},{"a":2},{"a":{"a":3}}]"#), Ok(()));
        let dup = |t: &str| ok(t).unwrap_err();
        assert!(dup(r#"{"a":{"b":1},"a":2}"#).contains("duplicate key `a`"));
        assert!(dup(r#"{"x":{"b":1,"c":{"d":1},"b":2}}"#).contains("duplicate key `b`"));
        // Objects past the short list: the duplicate is still found, in them and around them.
        for n in [15usize, 16, 17, 40] {
            let keys: Vec<String> = (0..n).map(|i| format!(r#""k{i}":{{"k{i}":1}}"#)).collect();
            let big = format!("{{{}}}", keys.join(","));
            assert_eq!(ok(&big), Ok(()), "{n}");
            let again = format!(r#"{{{},"k3":0}}"#, keys.join(","));
            assert!(dup(&again).contains("duplicate key `k3`"), "{n}");
            let around = format!(r#"{{"z":{big},"y":1,"z":2}}"#);
            assert!(dup(&around).contains("duplicate key `z`"), "{n}");
        }
    }

    #[test]
    fn deep_nesting_is_a_limit_error() {
        let text = "[".repeat(100_000);
        let e = from_str::<Value>(&text, "value").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::LimitExceeded);
        let deep = serde_json::from_str::<Value>(
            &"[".repeat(100)
                .chars()
                .chain("]".repeat(100).chars())
                .collect::<String>(),
        )
        .unwrap_or(Value::Null);
        if !deep.is_null() {
            let e = from_value::<Value>(deep, "value").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::LimitExceeded);
        }
    }

    #[test]
    fn scrubs_long_digit_runs() {
        assert_eq!(scrub_digits("a 12345678901 b 2026"), "a <11 digits> b 2026");
    }
}

//! Identity data that PIPL expects masked: resident ID numbers (居民身份证号码, GB 11643-1999)
//! and phone numbers.
//!
//! Both types validate on construction and on deserialisation, serialise to their full value
//! (a record must keep what was recorded), and **never print it**: `Debug` and `Display` show
//! the masked form (`110105********002X` with the default [`IdMask`], `138****1234`).
//! A redacted view (see the volunteer module's access decisions) masks them in serialised
//! output too.
//!
//! # Example
//! ```
//! use shegong::identity::{IdNumber, Phone, Sex};
//!
//! let id: IdNumber = "11010519491231002X".parse()?;
//! assert_eq!(id.birth_date().to_string(), "1949-12-31");
//! assert_eq!(id.sex(), Sex::Female);
//! assert_eq!(format!("{id}"), "110105********002X");
//! assert_eq!(format!("{id:?}"), "IdNumber(110105********002X)");
//!
//! let phone: Phone = "+86 138-0013-1234".parse()?;
//! assert_eq!(phone.to_string(), "138****1234");
//! assert_eq!(phone.digits(), "13800131234");
//! # Ok::<(), shegong::identity::IdentityError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Why an identity value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdentityError {
    /// Not a valid resident ID number. The message never repeats the full number.
    #[error("invalid ID number {masked}: {reason}")]
    InvalidIdNumber {
        /// The input, masked.
        masked: String,
        /// What is wrong: length, characters, date, or check character.
        reason: String,
    },
    /// Not a valid phone number. The message never repeats the full number.
    #[error("invalid phone number {masked}: {reason}")]
    InvalidPhone {
        /// The input, masked.
        masked: String,
        /// What is wrong.
        reason: String,
    },
    /// A mask that would show more of an ID number than [`IdMask::MAX_KEEP_START`] leading
    /// and [`IdMask::MAX_KEEP_END`] trailing characters: the birth date is always hidden.
    #[error("a mask may keep at most {max_start} leading and {max_end} trailing characters of an ID number, so the birth date stays hidden; asked for {} and {}", width(*.keep_start), width(*.keep_end), max_start = IdMask::MAX_KEEP_START, max_end = IdMask::MAX_KEEP_END)]
    InvalidMask {
        /// The leading characters asked for.
        keep_start: usize,
        /// The trailing characters asked for.
        keep_end: usize,
    },
}

/// A mask width for a message: a width beyond the 18 characters of an ID number is only said
/// to be that, since its digits are the caller's and could hold a birth date (found by the
/// fuzzer: a width of 18446743219971111225 repeated the ID's birth-date digits).
fn width(n: usize) -> String {
    if n <= 18 {
        n.to_string()
    } else {
        "more than 18".to_owned()
    }
}

impl IdentityError {
    /// A stable snake_case code for the error's kind.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The error's kind.
    pub fn kind(&self) -> crate::ErrorKind {
        match self {
            IdentityError::InvalidIdNumber { .. } => crate::ErrorKind::InvalidIdNumber,
            IdentityError::InvalidPhone { .. } => crate::ErrorKind::InvalidPhone,
            IdentityError::InvalidMask { .. } => crate::ErrorKind::InvalidMask,
        }
    }
}

/// Sex as an ID number encodes it (the 17th digit: odd male, even female).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 男.
    Male,
    /// 女.
    Female,
}

/// How to mask an ID number: how many leading and trailing characters stay visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdMask {
    /// Leading characters kept (default 6: the region code).
    pub keep_start: usize,
    /// Trailing characters kept (default 4).
    pub keep_end: usize,
}

impl IdMask {
    /// The most leading characters a mask may keep: the 6-digit region code. The birth date
    /// (characters 7–14) is never shown.
    pub const MAX_KEEP_START: usize = 6;
    /// The most trailing characters a mask may keep: the sequence code and the check
    /// character.
    pub const MAX_KEEP_END: usize = 4;
}

/// Leading characters of an ID number a masked form keeps by default: 6, the administrative
/// region code (GB 11643-1999 §4), which says where the number was issued, not who holds it.
pub const MASK_KEEP_START: usize = 6;

/// Trailing characters of an ID number a masked form keeps by default: 4, the sequence code's
/// last two digits and the check character, what a worker reads back to tell two clients apart.
pub const MASK_KEEP_END: usize = 4;

impl Default for IdMask {
    fn default() -> Self {
        IdMask {
            keep_start: MASK_KEEP_START,
            keep_end: MASK_KEEP_END,
        }
    }
}

/// Masks all but `keep_start` leading and `keep_end` trailing characters with `*`.
pub fn mask_middle(s: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    // Saturating: a mask wider than the string masks all of it, however wide it is.
    if keep_start.saturating_add(keep_end) >= n {
        return "*".repeat(n);
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < keep_start || i >= n.saturating_sub(keep_end) {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

/// The fewest digits a run must have to be withheld by [`withhold_numbers`]: a mobile number
/// has 11, an ID number 15 or 18 (the last may be `X`).
pub const WITHHELD_DIGITS: usize = 11;

/// What [`withhold_numbers`] writes in place of a number.
pub const WITHHELD: &str = "<number withheld>";

/// `text` with every number that could be an ID number or a phone number replaced by
/// [`WITHHELD`]: a run of [`WITHHELD_DIGITS`] or more digits (with an ID number's final `X`),
/// wherever it stands, even inside a word (`ID110101199003071234`), and groups of three or
/// more digits joined by single hyphens or spaces that hold as many digits in all
/// (`138-1234-5678`, `+86 138 1234 5678`). A chain hash (a word of exactly 64 hexadecimal
/// characters) is kept whole; dates (`2026-10-13`) and counts are kept.
///
/// [`crate::Error::message`] passes every message through it, and the batch report its
/// error rows, so no message that quotes its input carries such a number out of the core.
///
/// ```
/// use shegong::identity::withhold_numbers;
///
/// assert_eq!(
///     withhold_numbers("no rule \"r110101199003071234\" (call 138-1234-5678 by 2026-10-13)"),
///     "no rule \"r<number withheld>\" (call <number withheld> by 2026-10-13)"
/// );
/// ```
pub fn withhold_numbers(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Start of the text not yet copied to `out`.
    let mut copied = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let Some(&b) = bytes.get(i) else { break };
        if is_word_byte(b)
            && (i == 0
                || bytes
                    .get(i.wrapping_sub(1))
                    .is_some_and(|&p| !is_word_byte(p)))
        {
            // A chain hash is kept whole: a word of exactly 64 hexadecimal characters.
            let end = word_end(bytes, i);
            if end.saturating_sub(i) == 64
                && bytes
                    .get(i..end)
                    .is_some_and(|w| w.iter().all(u8::is_ascii_hexdigit))
            {
                i = end;
                continue;
            }
        }
        if !b.is_ascii_digit() {
            i = i.saturating_add(1);
            continue;
        }
        // A chain of digit groups: the first group, then more while a single `-` or ` `
        // joins two groups of three or more digits.
        let mut end = digits_end(bytes, i);
        let mut digits = end.saturating_sub(i);
        let mut last = digits;
        loop {
            let joined = matches!(bytes.get(end), Some(b'-' | b' '));
            let next = end.saturating_add(1);
            let next_end = digits_end(bytes, next);
            let group = next_end.saturating_sub(next);
            if !joined || last < 3 || group < 3 {
                break;
            }
            digits = digits.saturating_add(group);
            last = group;
            end = next_end;
        }
        if matches!(bytes.get(end), Some(b'X' | b'x')) && digits >= WITHHELD_DIGITS {
            end = end.saturating_add(1);
        }
        if digits >= WITHHELD_DIGITS {
            out.push_str(text.get(copied..i).unwrap_or_default());
            out.push_str(WITHHELD);
            copied = end;
        }
        i = end;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn word_end(bytes: &[u8], from: usize) -> usize {
    from.saturating_add(bytes.get(from..).map_or(0, |rest| {
        rest.iter().take_while(|&&b| is_word_byte(b)).count()
    }))
}

fn digits_end(bytes: &[u8], from: usize) -> usize {
    from.saturating_add(bytes.get(from..).map_or(0, |rest| {
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    }))
}

/// An input that is not a valid ID number, masked for its error: at most what the default
/// mask shows of an 18-character number, and never more than a third of the start and a
/// quarter of the end of a shorter input (an 11-digit mobile number keeps 3 and 2).
fn mask_invalid_id(s: &str) -> String {
    let n = s.chars().count();
    mask_middle(s, MASK_KEEP_START.min(n / 3), MASK_KEEP_END.min(n / 4))
}

/// Whether a person born on `birth` can appear on a record dated `on`: the birth date is not
/// after it. Core never reads the clock, so the record's own date is the reference: an ID
/// number or a date of birth in 2099 is refused on a record of 2026, and accepted on none
/// before it. The one check for every record that holds an ID number or a date of birth.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use shegong::identity::born_by;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// assert!(born_by(d(2026, 3, 1), d(2026, 3, 1)));
/// assert!(!born_by(d(2099, 1, 1), d(2026, 3, 1)));
/// ```
pub fn born_by(birth: NaiveDate, on: NaiveDate) -> bool {
    birth <= on
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The ISO 7064 MOD 11-2 check character of the first 17 digits.
fn check_char(first17: &[u32]) -> char {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| d.saturating_mul(w))
        .sum();
    CHECK.get((sum % 11) as usize).copied().unwrap_or('?')
}

/// A resident ID number (居民身份证号码), validated: 18 characters, a real birth date and
/// the ISO 7064 MOD 11-2 check character. 15-digit first-generation numbers are accepted and
/// upgraded to 18.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdNumber(String);

impl IdNumber {
    /// Parses and validates an ID number; a 15-digit number is upgraded (the century `19`
    /// inserted and the check character computed). A lowercase `x` is accepted as `X`.
    ///
    /// # Errors
    /// [`IdentityError::InvalidIdNumber`] for a wrong length, non-digits, an impossible
    /// birth date or a wrong check character.
    pub fn parse(input: &str) -> Result<IdNumber, IdentityError> {
        let s: String = input.trim().to_ascii_uppercase();
        let bad = |reason: &str| IdentityError::InvalidIdNumber {
            masked: mask_invalid_id(&s),
            reason: reason.to_owned(),
        };
        let digits: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
        let full = match s.len() {
            15 => {
                if digits.len() != 15 {
                    return Err(bad("a 15-digit number has only digits"));
                }
                let mut d: Vec<u32> = digits.iter().take(6).copied().collect();
                d.extend([1, 9]);
                d.extend(digits.iter().skip(6));
                let c = check_char(&d);
                let mut out: String = d.iter().filter_map(|x| char::from_digit(*x, 10)).collect();
                out.push(c);
                out
            }
            18 => {
                let body_ok = s.chars().take(17).all(|c| c.is_ascii_digit());
                let last = s.chars().last().unwrap_or(' ');
                if !body_ok || !(last.is_ascii_digit() || last == 'X') {
                    return Err(bad("17 digits then a digit or X"));
                }
                let first17: Vec<u32> = digits.iter().take(17).copied().collect();
                if check_char(&first17) != last {
                    return Err(bad("the check character does not match (GB 11643-1999)"));
                }
                s.clone()
            }
            _ => return Err(bad("an ID number has 18 characters (or 15 digits)")),
        };
        let id = IdNumber(full);
        if id.birth_date_opt().is_none() {
            return Err(bad("the birth date is not a real date"));
        }
        Ok(id)
    }

    fn birth_date_opt(&self) -> Option<NaiveDate> {
        let y = self.0.get(6..10)?.parse().ok()?;
        let m = self.0.get(10..12)?.parse().ok()?;
        let d = self.0.get(12..14)?.parse().ok()?;
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        (date.year() >= 1800).then_some(date)
    }

    /// The date of birth the number encodes.
    pub fn birth_date(&self) -> NaiveDate {
        // Validated at construction, so the fallback is never taken.
        self.birth_date_opt().unwrap_or(NaiveDate::MIN)
    }

    /// Whether the holder was born by `on` (the birth date the number encodes is not after
    /// it): see [`born_by`].
    pub fn born_by(&self, on: NaiveDate) -> bool {
        born_by(self.birth_date(), on)
    }

    /// The sex the number encodes (17th digit odd: male).
    pub fn sex(&self) -> Sex {
        let d = self
            .0
            .chars()
            .nth(16)
            .and_then(|c| c.to_digit(10))
            .unwrap_or(0);
        if d % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The 6-digit administrative region code of the place of registration.
    pub fn region_code(&self) -> &str {
        self.0.get(..6).unwrap_or("")
    }

    /// The full number. Call it only where the full value is needed and allowed.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The number masked with `mask`.
    ///
    /// # Errors
    /// [`IdentityError::InvalidMask`] when the mask keeps more than
    /// [`IdMask::MAX_KEEP_START`] leading or [`IdMask::MAX_KEEP_END`] trailing characters:
    /// a mask never shows the birth date.
    ///
    /// # Example
    /// ```
    /// use shegong::identity::{IdMask, IdNumber};
    /// let id: IdNumber = "11010519491231002X".parse()?;
    /// assert_eq!(id.masked_with(IdMask { keep_start: 3, keep_end: 2 })?, "110*************2X");
    /// assert!(id.masked_with(IdMask { keep_start: 7, keep_end: 4 }).is_err());
    /// # Ok::<(), shegong::identity::IdentityError>(())
    /// ```
    pub fn masked_with(&self, mask: IdMask) -> Result<String, IdentityError> {
        if mask.keep_start > IdMask::MAX_KEEP_START || mask.keep_end > IdMask::MAX_KEEP_END {
            return Err(IdentityError::InvalidMask {
                keep_start: mask.keep_start,
                keep_end: mask.keep_end,
            });
        }
        Ok(mask_middle(&self.0, mask.keep_start, mask.keep_end))
    }

    /// The number masked with the default mask (first 6 and last 4 visible).
    pub fn masked(&self) -> String {
        let mask = IdMask::default();
        mask_middle(&self.0, mask.keep_start, mask.keep_end)
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

impl FromStr for IdNumber {
    type Err = IdentityError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IdNumber::parse(s)
    }
}

/// Whether a phone number is a mobile or a landline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PhoneKind {
    /// A mainland mobile number: 11 digits, `1[3-9]…`.
    Mobile,
    /// A landline with its area code: `0` + 2–3 digits, then 7–8 digits.
    Landline,
}

/// A mainland phone number, normalised to its digits (spaces, dashes, a `+86`/`86` prefix
/// removed). [`Phone::mobile`] accepts only mobiles; [`Phone::parse`] landlines too, as the
/// forms' 联系电话 allows.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    digits: String,
    kind: PhoneKind,
}

impl Phone {
    /// Parses a mobile or landline number.
    ///
    /// # Errors
    /// [`IdentityError::InvalidPhone`] for anything else.
    pub fn parse(input: &str) -> Result<Phone, IdentityError> {
        let cleaned: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
            .collect();
        let bad = |reason: &str| IdentityError::InvalidPhone {
            masked: mask_middle(&cleaned, 3, 4),
            reason: reason.to_owned(),
        };
        let without_plus = cleaned.strip_prefix('+').unwrap_or(&cleaned);
        if cleaned.starts_with('+') && !without_plus.starts_with("86") {
            return Err(bad("only mainland (+86) numbers are accepted"));
        }
        if !without_plus.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad("a phone number has only digits"));
        }
        let national = match without_plus.strip_prefix("86") {
            Some(rest) if rest.len() == 11 || (cleaned.starts_with('+') && !rest.is_empty()) => {
                rest
            }
            _ => without_plus,
        };
        let mut chars = national.chars();
        let first = chars.next();
        let second = chars.next();
        let kind = match (national.len(), first, second) {
            (11, Some('1'), Some('3'..='9')) => PhoneKind::Mobile,
            (10..=12, Some('0'), Some('1'..='9')) => PhoneKind::Landline,
            _ => {
                return Err(bad(
                    "a mainland mobile has 11 digits starting 13-19; a landline starts with its area code 0xx",
                ))
            }
        };
        Ok(Phone {
            digits: national.to_owned(),
            kind,
        })
    }

    /// Parses a mainland mobile number only.
    ///
    /// # Errors
    /// [`IdentityError::InvalidPhone`] for anything but a mobile.
    pub fn mobile(input: &str) -> Result<Phone, IdentityError> {
        let p = Phone::parse(input)?;
        if p.kind != PhoneKind::Mobile {
            return Err(IdentityError::InvalidPhone {
                masked: p.masked(),
                reason: "not a mainland mobile number".to_owned(),
            });
        }
        Ok(p)
    }

    /// Mobile or landline.
    pub fn kind(&self) -> PhoneKind {
        self.kind
    }

    /// The full number's digits. Call it only where the full value is needed and allowed.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// The masked number: `138****1234` for a mobile, the area code and last 4 for a landline.
    pub fn masked(&self) -> String {
        match self.kind {
            PhoneKind::Mobile => mask_middle(&self.digits, 3, 4),
            PhoneKind::Landline => {
                let area = if self.digits.starts_with("01") || self.digits.starts_with("02") {
                    3
                } else {
                    4
                };
                let masked = mask_middle(&self.digits, area, 4);
                format!(
                    "{}-{}",
                    masked.get(..area).unwrap_or(""),
                    masked.get(area..).unwrap_or("")
                )
            }
        }
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.masked())
    }
}

impl FromStr for Phone {
    type Err = IdentityError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Phone::parse(s)
    }
}

macro_rules! string_serde {
    ($ty:ty, $get:expr, $schema_name:literal, $desc:literal) => {
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let get: fn(&$ty) -> &str = $get;
                serializer.serialize_str(get(self))
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = String::deserialize(deserializer)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }

        impl JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $schema_name.into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "description": $desc })
            }
        }
    };
}

string_serde!(
    IdNumber,
    |v| v.expose(),
    "IdNumber",
    "A resident ID number (居民身份证号码, GB 11643-1999), 18 characters."
);
string_serde!(
    Phone,
    |v| v.digits(),
    "Phone",
    "A mainland mobile or landline number, digits only."
);

/// The one normalisation of free-text grouping keys — consultation topics
/// (`[consult-max-3]`) and household addresses (one member per household) — used everywhere
/// they are compared, so that "居家养老 " and "居家养老", or "3栋 502" and "3栋502", group
/// together.
///
/// Full-width ASCII forms (U+FF01–U+FF5E) become their half-width forms, every whitespace
/// character (including the ideographic space U+3000) is removed, and ASCII letters are
/// lowercased. Nothing else changes: the key is for comparison, the record keeps what was
/// written.
///
/// # Example
/// ```
/// use shegong::identity::grouping_key;
/// assert_eq!(grouping_key("居家养老 "), grouping_key("居家养老"));
/// assert_eq!(grouping_key("3栋 502"), grouping_key("3栋502"));
/// assert_eq!(grouping_key("３栋５０２"), "3栋502");
/// ```
pub fn grouping_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            let code = u32::from(c);
            if (0xFF01..=0xFF5E).contains(&code) {
                code.checked_sub(0xFEE0)
                    .and_then(char::from_u32)
                    .unwrap_or(c)
            } else {
                c
            }
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

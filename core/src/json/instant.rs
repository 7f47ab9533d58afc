//! Reading an instant (`DateTime<FixedOffset>`) from its JSON string, with the same answers as
//! chrono's own `Deserialize` (which parses with `DateTime::from_str`, RFC 3339 relaxed), but
//! without its general format machinery for the one form the library writes and platforms
//! send: `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)`. That form is read directly; every other
//! string, and every value of that form that needs a decision (a leap second, `-00:00`, a
//! date that does not exist, an offset past ±23:59), goes to chrono, which decides and words
//! the error. Two instants are read per event, so this is a tenth of reading a history.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike};
use serde::de;

/// Reads an instant as chrono's `Deserialize` for `DateTime<FixedOffset>` does: the same
/// values, the same refusals, the same messages. For `#[serde(deserialize_with)]`.
pub(crate) fn deserialize<'de, D: de::Deserializer<'de>>(
    d: D,
) -> Result<DateTime<FixedOffset>, D::Error> {
    d.deserialize_str(Visitor)
}

/// An instant from a string, as `str::parse::<DateTime<FixedOffset>>` gives it.
pub(crate) fn parse(s: &str) -> Result<DateTime<FixedOffset>, chrono::ParseError> {
    match canonical(s.as_bytes()) {
        Some(at) => Ok(at),
        None => s.parse(),
    }
}

struct Visitor;

impl de::Visitor<'_> for Visitor {
    type Value = DateTime<FixedOffset>;

    // chrono's wording, so that a wrong type is reported exactly as before.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse(v).map_err(E::custom)
    }
}

/// The longest text [`write`] writes: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+HH:MM`.
pub(crate) const WRITTEN_MAX: usize = 35;

/// Writes `at` into `buf` exactly as `at.to_rfc3339_opts(SecondsFormat::AutoSi, true)` does
/// (the form the hash chain covers), without chrono's formatter; `None` for what that function
/// writes in another shape (a year outside 0–9999, a leap second, an offset with seconds),
/// which the caller then formats with chrono.
pub(crate) fn write<'b>(
    at: &DateTime<FixedOffset>,
    buf: &'b mut [u8; WRITTEN_MAX],
) -> Option<&'b str> {
    let local = at.naive_local();
    let (year, nano) = (local.year(), local.nanosecond());
    let offset = at.offset().local_minus_utc();
    if !(0..=9999).contains(&year) || nano >= 1_000_000_000 || offset % 60 != 0 {
        return None;
    }
    let year = u32::try_from(year).ok()?;
    let mut w = Writer { buf, n: 0 };
    w.number(year, 4, b"-")?;
    w.number(local.month(), 2, b"-")?;
    w.number(local.day(), 2, b"T")?;
    w.number(local.hour(), 2, b":")?;
    w.number(local.minute(), 2, b":")?;
    w.number(local.second(), 2, b"")?;
    if nano != 0 {
        w.put(b".")?;
        if nano % 1_000_000 == 0 {
            w.number(nano / 1_000_000, 3, b"")?;
        } else if nano % 1_000 == 0 {
            w.number(nano / 1_000, 6, b"")?;
        } else {
            w.number(nano, 9, b"")?;
        }
    }
    if offset == 0 {
        w.put(b"Z")?;
    } else {
        w.put(if offset < 0 { b"-" } else { b"+" })?;
        let minutes = offset.unsigned_abs() / 60;
        w.number(minutes / 60, 2, b":")?;
        w.number(minutes % 60, 2, b"")?;
    }
    let Writer { buf, n } = w;
    std::str::from_utf8(buf.get(..n)?).ok()
}

/// Text written into a fixed buffer; `None` when it would not fit (never, for [`write`]).
struct Writer<'b> {
    buf: &'b mut [u8; WRITTEN_MAX],
    n: usize,
}

impl Writer<'_> {
    fn put(&mut self, text: &[u8]) -> Option<()> {
        let end = self.n.checked_add(text.len())?;
        self.buf.get_mut(self.n..end)?.copy_from_slice(text);
        self.n = end;
        Some(())
    }

    /// `value` as `width` (at most 9) decimal digits, zero-padded, then `after`.
    fn number(&mut self, value: u32, width: usize, after: &[u8]) -> Option<()> {
        let mut digits = [0u8; 9];
        let mut v = value;
        for slot in digits.get_mut(..width)?.iter_mut().rev() {
            *slot = b'0'.checked_add(u8::try_from(v.checked_rem(10)?).ok()?)?;
            v = v.checked_div(10)?;
        }
        self.put(digits.get(..width)?)?;
        self.put(after)
    }
}

/// `acc * 10 + digit` for an ASCII digit; `None` for anything else or on overflow.
fn push_digit(acc: u32, digit: u8) -> Option<u32> {
    let d = digit.is_ascii_digit().then(|| digit.checked_sub(b'0'))??;
    acc.checked_mul(10)?.checked_add(u32::from(d))
}

/// The instant in `b` when it is exactly `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)` with
/// ordinary values; `None` for anything else (which is then chrono's to decide).
fn canonical(b: &[u8]) -> Option<DateTime<FixedOffset>> {
    // Two ASCII digits at `i` as a number.
    let two = |i: usize| -> Option<u32> {
        push_digit(push_digit(0, *b.get(i)?)?, *b.get(i.checked_add(1)?)?)
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let year = two(0)?.checked_mul(100)?.checked_add(two(2)?)?;
    let (month, day) = (two(5)?, two(8)?);
    let (hour, minute, second) = (two(11)?, two(14)?, two(17)?);
    // A leap second (60) is chrono's to read.
    if second > 59 {
        return None;
    }
    let mut i: usize = 19;
    let mut nanos = 0u32;
    if at(i, b'.') {
        i = 20;
        let mut digits: u32 = 0;
        while let Some(&d) = b.get(i).filter(|d| d.is_ascii_digit()) {
            // At most 9 digits here; more are chrono's to read.
            if digits == 9 {
                return None;
            }
            nanos = push_digit(nanos, d)?;
            digits = digits.checked_add(1)?;
            i = i.checked_add(1)?;
        }
        if digits == 0 {
            return None;
        }
        nanos = nanos.checked_mul(10u32.checked_pow(9u32.checked_sub(digits)?)?)?;
    }
    let rest = b.get(i..)?;
    let offset = match rest {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let h = push_digit(push_digit(0, *h1)?, *h2)?;
            let m = push_digit(push_digit(0, *m1)?, *m2)?;
            // "-00:00" (an unknown offset in RFC 3339) and odd offsets are chrono's to read.
            if h > 23 || m > 59 || (*sign == b'-' && h == 0 && m == 0) {
                return None;
            }
            let secs = i32::try_from(h.checked_mul(3600)?.checked_add(m.checked_mul(60)?)?).ok()?;
            if *sign == b'-' {
                secs.checked_neg()?
            } else {
                secs
            }
        }
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    date.and_time(time)
        .and_local_timezone(FixedOffset::east_opt(offset)?)
        .single()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use proptest::prelude::*;

    /// The same answer as chrono for `s`: the same instant and offset, or an error with the
    /// same message.
    fn agrees(s: &str) -> Result<(), TestCaseError> {
        let ours = parse(s).map(|t| (t, t.offset().local_minus_utc(), t.to_rfc3339()));
        let theirs = s
            .parse::<DateTime<FixedOffset>>()
            .map(|t| (t, t.offset().local_minus_utc(), t.to_rfc3339()));
        prop_assert_eq!(
            ours.map_err(|e| e.to_string()),
            theirs.map_err(|e| e.to_string()),
            "{:?}",
            s
        );
        Ok(())
    }

    #[test]
    fn the_written_forms_are_read_directly() {
        for s in [
            "2026-02-12T09:00:00+08:00",
            "2026-02-12T01:00:00Z",
            "2026-02-12T09:00:00.5+08:00",
            "2026-02-12T09:00:00.123456789-05:30",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59+23:59",
        ] {
            assert!(canonical(s.as_bytes()).is_some(), "{s}");
            agrees(s).unwrap();
        }
    }

    #[test]
    fn what_needs_a_decision_goes_to_chrono() {
        for s in [
            "2026-02-30T09:00:00+08:00",
            "2026-02-12T24:00:00+08:00",
            "2026-02-12T09:60:00+08:00",
            "2016-12-31T23:59:60Z",
            "2026-02-12T09:00:00-00:00",
            "2026-02-12T09:00:00+24:00",
            "2026-02-12t09:00:00+08:00",
            "2026-02-12 09:00:00+08:00",
            "2026-02-12T09:00:00z",
            "2026-02-12T09:00:00.+08:00",
            "2026-02-12T09:00:00.1234567891+08:00",
            "2026-02-12T09:00:00+0800",
            "2026-02-12T09:00:00+08:00 ",
            "+2026-02-12T09:00:00+08:00",
            "2026-02-12T09:00:00",
            "",
            "2026-٠2-12T09:00:00+08:00",
        ] {
            assert!(canonical(s.as_bytes()).is_none(), "{s}");
            agrees(s).unwrap();
        }
    }

    /// A string near the written form: each part drawn from valid, boundary and wrong values,
    /// so that both the direct reader and chrono see it.
    fn near_instant() -> impl Strategy<Value = String> {
        let num = |w: usize, max: u32| -> BoxedStrategy<String> {
            prop_oneof![
                (0..=max).prop_map(move |n| format!("{n:0w$}")),
                Just("9".repeat(w)),
                Just("0".repeat(w)),
                "[0-9]{1,5}",
                "[0-9a-z+ -]{0,3}",
            ]
            .boxed()
        };
        let frac: BoxedStrategy<String> =
            prop_oneof![Just(String::new()), "\\.[0-9]{0,12}", "[.,][0-9a-z]{0,3}"].boxed();
        let off: BoxedStrategy<String> = prop_oneof![
            Just("Z".to_owned()),
            Just("z".to_owned()),
            (prop_oneof![Just('+'), Just('-')], num(2, 30), num(2, 70))
                .prop_map(|(s, h, m)| format!("{s}{h}:{m}")),
            "[+-][0-9]{4}",
            "[+\\-:Z0-9 ]{0,7}",
        ]
        .boxed();
        let sep = |c: &'static str| -> BoxedStrategy<String> {
            prop_oneof![8 => Just(c.to_owned()), 1 => "[-:Tt /.]"].boxed()
        };
        let date = (num(4, 9999), sep("-"), num(2, 13), sep("-"), num(2, 32))
            .prop_map(|(y, a, m, b, d)| format!("{y}{a}{m}{b}{d}"));
        let time = (
            sep("T"),
            num(2, 25),
            sep(":"),
            num(2, 61),
            sep(":"),
            num(2, 61),
        )
            .prop_map(|(t, h, a, m, b, s)| format!("{t}{h}{a}{m}{b}{s}"));
        (date, time, frac, off).prop_map(|(d, t, f, o)| format!("{d}{t}{f}{o}"))
    }

    /// `write` gives chrono's text, or leaves it to chrono.
    fn writes_as_chrono(t: &DateTime<FixedOffset>) -> Result<(), TestCaseError> {
        let mut buf = [0; WRITTEN_MAX];
        let theirs = t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        if let Some(ours) = write(t, &mut buf) {
            prop_assert_eq!(ours, theirs.as_str());
        } else {
            prop_assert!(
                !(0..=9999).contains(&t.year())
                    || t.nanosecond() >= 1_000_000_000
                    || t.offset().local_minus_utc() % 60 != 0,
                "{} was left to chrono",
                theirs
            );
        }
        Ok(())
    }

    #[test]
    fn writes_the_hashed_form_as_chrono_does() {
        for s in [
            "2026-02-12T09:00:00+08:00",
            "2026-02-12T01:00:00Z",
            "2026-02-12T09:00:00.5+08:00",
            "2026-02-12T09:00:00.000120-05:30",
            "2026-02-12T09:00:00.123456789-05:30",
            "0000-01-01T00:00:00+23:59",
            "9999-12-31T23:59:59-23:59",
            "2016-12-31T23:59:60.5Z",
        ] {
            let t = s.parse::<DateTime<FixedOffset>>().unwrap();
            writes_as_chrono(&t).unwrap();
        }
        let mut buf = [0; WRITTEN_MAX];
        let t = "2026-02-12T09:00:00.123456789-05:30".parse().unwrap();
        assert_eq!(write(&t, &mut buf).map(str::len), Some(WRITTEN_MAX));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn writes_every_instant_as_chrono_does(secs in -62_198_755_200i64..253_402_387_199, nanos in prop_oneof![Just(0u32), (0u32..1000).prop_map(|m| m * 1_000_000), (0u32..1_000_000).prop_map(|u| u * 1000), 0u32..2_000_000_000], off in -86_399i32..86_400, whole_minutes in any::<bool>()) {
            let off = if whole_minutes { off - off % 60 } else { off };
            if let Some(t) = DateTime::from_timestamp(secs, nanos) {
                writes_as_chrono(&t.with_timezone(&FixedOffset::east_opt(off).unwrap()))?;
            }
        }

        #[test]
        fn reads_every_string_as_chrono_does(s in near_instant()) {
            agrees(&s)?;
        }

        #[test]
        fn reads_every_instant_chrono_writes(secs in -62_135_596_800i64..253_402_300_799, nanos in 0u32..1_000_000_000, off in -86_399i32..86_400) {
            let t = DateTime::from_timestamp(secs, nanos).unwrap()
                .with_timezone(&FixedOffset::east_opt(off - off % 60).unwrap());
            for form in [chrono::SecondsFormat::AutoSi, chrono::SecondsFormat::Secs, chrono::SecondsFormat::Nanos] {
                agrees(&t.to_rfc3339_opts(form, true))?;
                agrees(&t.to_rfc3339_opts(form, false))?;
            }
        }
    }
}

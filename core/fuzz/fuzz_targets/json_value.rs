//! The strict JSON reader every `from_json` goes through (`shegong::json::from_str`).
//!
//! Asserts: an error is a contract error (`check_error`) of kind `malformed` or
//! `limit_exceeded`; what the strict reader accepts, serde_json accepts with the same value
//! (the strict reader only refuses more: duplicate keys, limits); an accepted value written
//! back out reads again to itself, but for floating-point numbers, which serde_json (without
//! its `float_roundtrip` feature) may read 1 ULP off: the core has no float field, so that is
//! allowed here (within 2 ULPs), and must be revisited if one is ever added.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use shegong::ErrorKind;
use shegong_fuzz::{check_error, text};

/// Equal values, floating-point numbers within 2 ULPs.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() && y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x.is_sign_negative() == y.is_sign_negative() && x.to_bits().abs_diff(y.to_bits()) <= 2
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(s) = text(data) else { return };
    match shegong::json::from_str::<Value>(s, "value") {
        Ok(v) => {
            let lenient: Value =
                serde_json::from_str(s).expect("serde_json refuses what the strict reader read");
            assert_eq!(lenient, v);
            let again = serde_json::to_string(&v).unwrap();
            let back: Value = shegong::json::from_str(&again, "value")
                .expect("a written value does not read back");
            assert!(same(&back, &v), "{back} read back as {v}");
        }
        Err(e) => {
            let kind = check_error(s, e);
            assert!(
                matches!(kind, ErrorKind::Malformed | ErrorKind::LimitExceeded),
                "unexpected kind {kind:?}"
            );
        }
    }
});

//! `IdNumber` and `Phone`: validated, and never shown in full unless asked.

use shegong::identity::{IdMask, IdNumber as CoreId, Phone as CorePhone};
use wasm_bindgen::prelude::*;

use crate::convert::{label, opt_int_arg};
use crate::errors::OrThrow;

/// A resident ID number (GB 11643-1999). `toString()` shows it masked.
#[wasm_bindgen]
pub struct IdNumber(CoreId);

#[wasm_bindgen]
impl IdNumber {
    /// Parses and validates (a 15-digit number is upgraded to 18).
    pub fn parse(value: &str) -> Result<IdNumber, JsValue> {
        CoreId::parse(value).or_throw().map(IdNumber)
    }

    /// The birth date it encodes.
    #[wasm_bindgen(getter, js_name = birthDate, unchecked_return_type = "IsoDate")]
    pub fn birth_date(&self) -> String {
        self.0.birth_date().to_string()
    }

    /// "male" or "female".
    #[wasm_bindgen(getter, unchecked_return_type = "\"male\" | \"female\"")]
    pub fn sex(&self) -> String {
        label(&self.0.sex())
    }

    /// The 6-digit region code.
    #[wasm_bindgen(getter, js_name = regionCode)]
    pub fn region_code(&self) -> String {
        self.0.region_code().to_owned()
    }

    /// The full number; call it only where the full value is needed and allowed.
    pub fn expose(&self) -> String {
        self.0.expose().to_owned()
    }

    /// The number masked, keeping `keepStart` leading and `keepEnd` trailing characters
    /// (the core's defaults when omitted).
    pub fn masked(
        &self,
        #[wasm_bindgen(js_name = keepStart, unchecked_param_type = "number")] keep_start: Option<
            JsValue,
        >,
        #[wasm_bindgen(js_name = keepEnd, unchecked_param_type = "number")] keep_end: Option<
            JsValue,
        >,
    ) -> Result<String, JsValue> {
        let d = IdMask::default();
        let mask = IdMask {
            keep_start: opt_int_arg(keep_start, "keepStart")?.unwrap_or(d.keep_start),
            keep_end: opt_int_arg(keep_end, "keepEnd")?.unwrap_or(d.keep_end),
        };
        self.0.masked_with(mask).or_throw()
    }

    /// The masked number.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.masked()
    }

    /// The masked number (what `JSON.stringify` writes).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.0.masked()
    }
}

/// A mainland mobile or landline number. `toString()` shows it masked.
#[wasm_bindgen]
pub struct Phone(CorePhone);

#[wasm_bindgen]
impl Phone {
    /// Parses a mobile or landline number.
    pub fn parse(value: &str) -> Result<Phone, JsValue> {
        CorePhone::parse(value).or_throw().map(Phone)
    }

    /// Parses a mainland mobile number only.
    pub fn mobile(value: &str) -> Result<Phone, JsValue> {
        CorePhone::mobile(value).or_throw().map(Phone)
    }

    /// "mobile" or "landline".
    #[wasm_bindgen(getter, unchecked_return_type = "\"mobile\" | \"landline\"")]
    pub fn kind(&self) -> String {
        label(&self.0.kind())
    }

    /// The full number's digits; call it only where the full value is needed and allowed.
    pub fn digits(&self) -> String {
        self.0.digits().to_owned()
    }

    /// The masked number, e.g. `138****1234`.
    pub fn masked(&self) -> String {
        self.0.masked()
    }

    /// The masked number.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.masked()
    }

    /// The masked number (what `JSON.stringify` writes).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.0.masked()
    }
}

/// Reads a group nickname (`[nickname-convention]`, e.g. `社工-张三`): `{role, name}`, the role
/// as its serialised name. A nickname that does not follow the convention throws
/// `InvalidNickname`.
#[wasm_bindgen(js_name = parseNickname, unchecked_return_type = "{ role: string; name: string }")]
pub fn parse_nickname(
    #[wasm_bindgen(unchecked_param_type = "string")] nickname: JsValue,
) -> Result<JsValue, JsValue> {
    let nickname = crate::convert::text(&nickname, "nickname")?;
    let (role, name) = shegong::groups::parse_nickname(&nickname).or_throw()?;
    crate::convert::to_js(&serde_json::json!({ "role": role.name(), "name": name }))
}

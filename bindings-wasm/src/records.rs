//! Records (needs assessment, service records), triage and routing.

use shegong::assessment::{Record, RecordKind};
use shegong::triage::{self, RoutingInput, TriageItem};
use wasm_bindgen::prelude::*;

use crate::convert::{date, from_js, instant, json_text, to_js};
use crate::errors::OrThrow;

/// Reads and validates a record (tagged with `kind`); returns it as the core writes it.
#[wasm_bindgen(js_name = validateRecord, unchecked_return_type = "T.AnyRecord")]
pub fn validate_record(
    #[wasm_bindgen(unchecked_param_type = "T.AnyRecord | string")] record: JsValue,
) -> Result<JsValue, JsValue> {
    let r = Record::from_json(&json_text(&record, "record")?).or_throw()?;
    r.validate().or_throw()?;
    to_js(&r)
}

/// The names of every record kind.
#[wasm_bindgen(js_name = recordKinds)]
pub fn record_kinds() -> Vec<String> {
    RecordKind::ALL.iter().map(|k| k.to_string()).collect()
}

/// A worklist in priority order as of `now` (`[triage-priority]`).
#[wasm_bindgen(unchecked_return_type = "T.Ranked[]")]
pub fn prioritise(
    #[wasm_bindgen(unchecked_param_type = "T.TriageItem[]")] items: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Instant")] now: &str,
) -> Result<JsValue, JsValue> {
    let items: Vec<TriageItem> = from_js(&items, "items")?;
    to_js(&triage::prioritise(&items, instant(now, "now")?))
}

/// The service tier for a request on `date`, with the reasons.
#[wasm_bindgen(unchecked_return_type = "T.Routing")]
pub fn route(
    #[wasm_bindgen(unchecked_param_type = "T.RoutingInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
) -> Result<JsValue, JsValue> {
    let input: RoutingInput = from_js(&input, "input")?;
    to_js(&triage::route(&input, date(on, "date")?))
}

/// The population age groups of someone born on `dateOfBirth`, on `on`.
#[wasm_bindgen(js_name = ageGroups, unchecked_return_type = "string[]")]
pub fn age_groups(
    #[wasm_bindgen(unchecked_param_type = "IsoDate")] date_of_birth: &str,
    #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
) -> Result<JsValue, JsValue> {
    let groups =
        shegong::assessment::age_groups(date(date_of_birth, "dateOfBirth")?, date(on, "on")?);
    to_js(&groups)
}

//! `Case`: the guarded, event-sourced case life cycle.

use shegong::case::{self as core, RecordedEvent};
use wasm_bindgen::prelude::*;

use crate::convert::{json_text, read_js, to_js};
use crate::errors::OrThrow;

/// A case (个案): its tamper-evident history and the state derived from it. Events are
/// objects `{occurred_at, recorded_at, actor: {id, role}, event: {type, …}}`.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Case(pub(crate) core::Case);

/// An event to record, read through the core's parser (typed error for an unknown type;
/// messages name the JSON path, never the value).
fn new_event(value: &JsValue) -> Result<core::NewEvent, JsValue> {
    let text = json_text(value, "event")?;
    core::new_event_from_json(&text).or_throw()
}

#[wasm_bindgen]
impl Case {
    /// Starts a case from its first event (`received`).
    pub fn start(
        #[wasm_bindgen(unchecked_param_type = "T.NewEvent")] event: JsValue,
    ) -> Result<Case, JsValue> {
        core::Case::start(new_event(&event)?).or_throw().map(Case)
    }

    /// Checks an event against the rules and appends it; returns `{seq, hash, stage,
    /// warnings}`. A refused event throws and changes nothing.
    #[wasm_bindgen(unchecked_return_type = "T.Applied")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "T.NewEvent")] event: JsValue,
    ) -> Result<JsValue, JsValue> {
        let applied = self.0.apply(new_event(&event)?).or_throw()?;
        to_js(&applied)
    }

    /// Rebuilds a case from its recorded events, verifying the chain and every guard.
    pub fn replay(
        #[wasm_bindgen(unchecked_param_type = "T.RecordedEvent[]")] events: JsValue,
    ) -> Result<Case, JsValue> {
        let e: Vec<RecordedEvent> = read_js(&events, "events", core::events_from_json)?;
        core::Case::replay(e).or_throw().map(Case)
    }

    /// `replay`, then checks the history ends at the stored chain head.
    #[wasm_bindgen(js_name = replayVerified)]
    pub fn replay_verified(
        #[wasm_bindgen(unchecked_param_type = "T.RecordedEvent[]")] events: JsValue,
        head: &str,
    ) -> Result<Case, JsValue> {
        let e: Vec<RecordedEvent> = read_js(&events, "events", core::events_from_json)?;
        core::Case::replay_verified(e, head).or_throw().map(Case)
    }

    /// Reads a stored history (an object, or JSON text), verifying its chain and guards.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | T.StoredCase")] json: JsValue,
    ) -> Result<Case, JsValue> {
        let text = json_text(&json, "case")?;
        core::Case::from_json(&text).or_throw().map(Case)
    }

    /// The stored history as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        self.0.to_json().or_throw()
    }

    /// The stored history as a plain object: format, case_number, head, events.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "T.StoredCase")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.to_stored())
    }

    /// What the case file holds and which required forms are missing.
    #[wasm_bindgen(js_name = fileCheck, unchecked_return_type = "T.FileCheck")]
    pub fn file_check(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.file_check())
    }

    /// The case number.
    #[wasm_bindgen(getter)]
    pub fn number(&self) -> String {
        self.0.number().to_string()
    }

    /// The current stage's name.
    #[wasm_bindgen(getter, unchecked_return_type = "T.Stage")]
    pub fn stage(&self) -> String {
        self.0.stage().name().to_owned()
    }

    /// The chain head (the last event's hash): store it beside the history.
    #[wasm_bindgen(getter)]
    pub fn head(&self) -> String {
        self.0.head().to_owned()
    }

    /// The derived state.
    #[wasm_bindgen(getter, unchecked_return_type = "T.CaseState")]
    pub fn state(&self) -> Result<JsValue, JsValue> {
        to_js(self.0.state())
    }

    /// The recorded events, oldest first.
    #[wasm_bindgen(getter, unchecked_return_type = "T.RecordedEvent[]")]
    pub fn history(&self) -> Result<JsValue, JsValue> {
        to_js(self.0.history())
    }

    /// The number of recorded events.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.0.history().len()
    }
}

/// A case number from its parts, e.g. `SZ-2026-0007` (`[case-numbering]`).
#[wasm_bindgen(js_name = caseNumber)]
pub fn case_number(
    agency: &str,
    #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] serial: JsValue,
) -> Result<String, JsValue> {
    let year: i32 = crate::convert::int_arg(&year, "year")?;
    let serial: u32 = crate::convert::int_arg(&serial, "serial")?;
    core::CaseNumber::new(agency, year, serial)
        .or_throw()
        .map(|n| n.to_string())
}

/// The names of every case event type.
#[wasm_bindgen(js_name = eventTypes)]
pub fn event_types() -> Vec<String> {
    core::EventKind::KINDS
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
}

/// Reads one event to record (typed errors for unknown event types) and returns it as the
/// core writes it.
#[wasm_bindgen(js_name = parseEvent, unchecked_return_type = "T.NewEvent")]
pub fn parse_event(
    #[wasm_bindgen(unchecked_param_type = "string | T.NewEvent")] event: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&new_event(&event)?)
}

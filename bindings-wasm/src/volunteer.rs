//! `Volunteer`: registration, confidentiality agreements, deployments, on the core's event log.

use shegong::history::NewEvent;
use shegong::volunteer::{self as core, VolunteerEvent, VolunteerRecord};
use wasm_bindgen::prelude::*;

use crate::convert::{date, json_text, read_js, to_js};
use crate::errors::OrThrow;

/// A volunteer (志愿者): the tamper-evident history of their registration, agreements,
/// training, deployments and conduct, and the state derived from it.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Volunteer(pub(crate) core::Volunteer);

#[wasm_bindgen]
impl Volunteer {
    /// Starts a volunteer's history from its first event (`registered`).
    pub fn start(
        #[wasm_bindgen(unchecked_param_type = "T.NewVolunteerEvent")] event: JsValue,
    ) -> Result<Volunteer, JsValue> {
        let e: NewEvent<VolunteerEvent> = read_js(&event, "event", core::new_event_from_json)?;
        core::Volunteer::start(e).or_throw().map(Volunteer)
    }

    /// Checks an event and appends it; a refused event throws and changes nothing.
    #[wasm_bindgen(unchecked_return_type = "T.VolunteerApplied")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "T.NewVolunteerEvent")] event: JsValue,
    ) -> Result<JsValue, JsValue> {
        let e: NewEvent<VolunteerEvent> = read_js(&event, "event", core::new_event_from_json)?;
        let a = self.0.apply(e).or_throw()?;
        // A volunteer's `Applied` has no warning type (`Infallible`, which serde cannot
        // write): the same shape as the other aggregates', with an empty list.
        to_js(&serde_json::json!({
            "seq": a.seq, "hash": a.hash, "stage": a.stage, "warnings": []
        }))
    }

    /// Rebuilds a volunteer from recorded events, verifying the chain and every guard.
    pub fn replay(
        #[wasm_bindgen(unchecked_param_type = "T.RecordedEvent[]")] events: JsValue,
    ) -> Result<Volunteer, JsValue> {
        let e: Vec<VolunteerRecord> = read_js(&events, "events", core::events_from_json)?;
        core::Volunteer::replay(e).or_throw().map(Volunteer)
    }

    /// Reads a stored history (an object, or JSON text).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | T.StoredVolunteer")] json: JsValue,
    ) -> Result<Volunteer, JsValue> {
        let text = json_text(&json, "volunteer")?;
        core::Volunteer::from_json(&text).or_throw().map(Volunteer)
    }

    /// The stored history as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        self.0.to_json().or_throw()
    }

    /// The stored history as a plain object.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "T.StoredVolunteer")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.to_stored())
    }

    /// The agreement in force on `date`, if any.
    #[wasm_bindgen(js_name = agreementInForceOn, unchecked_return_type = "Record<string, unknown> | null")]
    pub fn agreement_in_force_on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
    ) -> Result<JsValue, JsValue> {
        to_js(&self.0.agreement_in_force_on(date(on, "date")?))
    }

    /// This volunteer as a viewer on `on`, acting as `actingAs` (`medical`, `psychological`,
    /// `general`, `other`), for `purpose` (`"service"` when omitted, or `"other"`): the
    /// positions, agreements, deployments and acquaintances their record holds all that day
    /// (`[volunteer-kinds]`, `[agreement-before-access]`, `[access-while-serving]`).
    #[wasm_bindgen(unchecked_return_type = "Viewer")]
    pub fn viewer(
        &self,
        #[wasm_bindgen(js_name = actingAs)] acting_as: &str,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
        purpose: Option<String>,
    ) -> Result<JsValue, JsValue> {
        crate::access::volunteer_viewer(&self.0, acting_as, on, purpose)
    }

    /// This volunteer as a viewer at the moment `at`: as `viewer` is for a day, but read to the
    /// minute (`[access-while-serving]`): an agreement whose second signature comes at 15:00,
    /// or a deployment at 15:00, does not cover 09:00 of that day.
    #[wasm_bindgen(js_name = viewerAt, unchecked_return_type = "Viewer")]
    pub fn viewer_at(
        &self,
        #[wasm_bindgen(js_name = actingAs)] acting_as: &str,
        #[wasm_bindgen(unchecked_param_type = "Instant")] at: &str,
        purpose: Option<String>,
    ) -> Result<JsValue, JsValue> {
        crate::access::volunteer_viewer_at(&self.0, acting_as, at, purpose)
    }

    /// The volunteer's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id().to_owned()
    }

    /// The current stage's name.
    #[wasm_bindgen(getter)]
    pub fn stage(&self) -> String {
        self.0.stage().to_string()
    }

    /// The chain head.
    #[wasm_bindgen(getter)]
    pub fn head(&self) -> String {
        self.0.head().to_owned()
    }

    /// The registration record.
    #[wasm_bindgen(getter, unchecked_return_type = "T.VolunteerRegistration")]
    pub fn registration(&self) -> Result<JsValue, JsValue> {
        to_js(self.0.registration())
    }

    /// The volunteer's kinds of service.
    #[wasm_bindgen(getter, unchecked_return_type = "string[]")]
    pub fn kinds(&self) -> Result<JsValue, JsValue> {
        to_js(self.0.kinds())
    }

    /// The agreements, oldest first.
    #[wasm_bindgen(getter, unchecked_return_type = "Record<string, unknown>[]")]
    pub fn agreements(&self) -> Result<JsValue, JsValue> {
        to_js(self.0.agreements())
    }

    /// Where the volunteer is deployed.
    #[wasm_bindgen(getter)]
    pub fn deployments(&self) -> Vec<String> {
        self.0.deployments().iter().cloned().collect()
    }

    /// Whether a duty of confidentiality binds the volunteer.
    #[wasm_bindgen(getter, js_name = dutyOfConfidentiality)]
    pub fn duty_of_confidentiality(&self) -> bool {
        self.0.duty_of_confidentiality()
    }

    /// The recorded events, oldest first.
    #[wasm_bindgen(getter, unchecked_return_type = "T.RecordedEvent[]")]
    pub fn history(&self) -> Result<JsValue, JsValue> {
        to_js(self.0.history())
    }
}

//! `Access`: who may see which field of which record, and redacted views.

use shegong::access::{Access as Core, SubjectFacts, Viewer};
use shegong::assessment::{Record, RecordKind};
use shegong::volunteer::VolunteerKind;
use wasm_bindgen::prelude::*;

use crate::convert::{date, from_js, json_text, to_js};
use crate::errors::OrThrow;
use crate::volunteer::Volunteer;

/// Access decisions for one view and acquaintance scope (the core's defaults when omitted).
#[wasm_bindgen]
#[derive(Clone)]
pub struct Access(Core);

#[wasm_bindgen]
impl Access {
    /// Access for `view` (default `"one_to_one"`) and `acquaintanceScope` (default
    /// `"psychological_only"`): the core's named defaults.
    #[wasm_bindgen(constructor)]
    pub fn new(
        view: Option<String>,
        acquaintance_scope: Option<String>,
    ) -> Result<Access, JsValue> {
        let mut access = Core::default();
        if let Some(v) = view {
            access.view = v.parse().or_throw()?;
        }
        if let Some(s) = acquaintance_scope {
            access.acquaintance_scope = s.parse().or_throw()?;
        }
        Ok(Access(access))
    }

    /// Whether `viewer` may see `field` of a record of `recordKind` about `subject`, and the
    /// rule that decides.
    #[wasm_bindgen(unchecked_return_type = "T.Decision")]
    pub fn decide(
        &self,
        #[wasm_bindgen(unchecked_param_type = "T.Viewer")] viewer: JsValue,
        record_kind: &str,
        field: &str,
        #[wasm_bindgen(unchecked_param_type = "T.SubjectFacts")] subject: JsValue,
    ) -> Result<JsValue, JsValue> {
        let v: Viewer = from_js(&viewer, "viewer")?;
        let k: RecordKind = record_kind.parse().or_throw()?;
        let s: SubjectFacts = from_js(&subject, "subject")?;
        to_js(&self.0.decide(&v, k, field, &s))
    }

    /// The record as `viewer` may see it: `{kind, value, removed, masked}`.
    #[wasm_bindgen(unchecked_return_type = "T.RedactedRecord")]
    pub fn redact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "T.Viewer")] viewer: JsValue,
        #[wasm_bindgen(unchecked_param_type = "T.AnyRecord | string")] record: JsValue,
        #[wasm_bindgen(unchecked_param_type = "T.SubjectFacts")] subject: JsValue,
    ) -> Result<JsValue, JsValue> {
        let v: Viewer = from_js(&viewer, "viewer")?;
        let r = Record::from_json(&json_text(&record, "record")?).or_throw()?;
        let s: SubjectFacts = from_js(&subject, "subject")?;
        to_js(&self.0.redact(&v, &r, &s))
    }

    /// The view's name.
    #[wasm_bindgen(getter)]
    pub fn view(&self) -> String {
        self.0.view.to_string()
    }

    /// The acquaintance scope's name.
    #[wasm_bindgen(getter, js_name = acquaintanceScope)]
    pub fn acquaintance_scope(&self) -> String {
        self.0.acquaintance_scope.to_string()
    }
}

/// A staff viewer.
#[wasm_bindgen(js_name = staffViewer, unchecked_return_type = "T.Viewer")]
pub fn staff_viewer(id: &str, role: &str, groups: Vec<String>) -> Result<JsValue, JsValue> {
    to_js(&Viewer::staff(id, role.parse().or_throw()?, groups))
}

/// A volunteer as a viewer on `date`, acting as `kind`: their agreement, deployments and
/// acquaintances read from their history.
#[wasm_bindgen(js_name = volunteerViewer, unchecked_return_type = "T.Viewer")]
pub fn volunteer_viewer(
    volunteer: &Volunteer,
    kind: &str,
    #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
) -> Result<JsValue, JsValue> {
    let k: VolunteerKind = kind.parse().or_throw()?;
    to_js(&Viewer::volunteer(
        &volunteer.0,
        k,
        date(on, "date")?,
        shegong::access::Purpose::Service,
    ))
}

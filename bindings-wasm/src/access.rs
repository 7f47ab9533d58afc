//! `Access`: who may see which field of which record, and redacted views.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Object, WeakMap};
use shegong::access::{Access as Core, AccessRole, Purpose, SubjectFacts, Viewer as CoreViewer};
use shegong::assessment::{Record, RecordKind};
use shegong::volunteer::VolunteerKind;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::convert::{count, date, from_js, instant, json_text, to_js};
use crate::errors::{invalid, limit, OrThrow};

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
    /// rule that decides. `viewer` is a `Viewer` (`Viewer.staff`, `volunteer.viewer`) or a
    /// staff viewer written `{id, role, groups}`; a plain object claiming a volunteer role is
    /// refused with a typed error.
    #[wasm_bindgen(unchecked_return_type = "T.Decision")]
    pub fn decide(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Viewer | T.StaffViewer")] viewer: JsValue,
        record_kind: &str,
        field: &str,
        #[wasm_bindgen(unchecked_param_type = "T.SubjectFacts")] subject: JsValue,
    ) -> Result<JsValue, JsValue> {
        let v = read_viewer(&viewer)?;
        let k: RecordKind = record_kind.parse().or_throw()?;
        let s: SubjectFacts = from_js(&subject, "subject")?;
        to_js(&self.0.decide(&v, k, field, &s))
    }

    /// The record as `viewer` (as for `decide`) may see it: `{kind, value, removed, masked}`.
    #[wasm_bindgen(unchecked_return_type = "T.RedactedRecord")]
    pub fn redact(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Viewer | T.StaffViewer")] viewer: JsValue,
        #[wasm_bindgen(unchecked_param_type = "T.AnyRecord | string")] record: JsValue,
        #[wasm_bindgen(unchecked_param_type = "T.SubjectFacts")] subject: JsValue,
    ) -> Result<JsValue, JsValue> {
        let v = read_viewer(&viewer)?;
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

thread_local! {
    /// The `Viewer` objects this module built, each mapped to its key in [`BUILT`]. JS code
    /// never sees this map, so a plain object can never pass for a viewer built here.
    static OBJECTS: WeakMap = WeakMap::new();
    /// The viewers alive, by key; a viewer leaves when its JS object is freed.
    static BUILT: RefCell<BTreeMap<usize, Rc<CoreViewer>>> = const { RefCell::new(BTreeMap::new()) };
    /// The next key.
    static NEXT: Cell<usize> = const { Cell::new(0) };
}

/// Who is looking at a record: opaque. A staff viewer (worker, supervisor, group admin,
/// resident) is asserted by the platform with `Viewer.staff`; a volunteer viewer comes only
/// from the volunteer's own record (`volunteer.viewer(actingAs, on, purpose)`): their
/// registered positions, agreements, deployments and declared acquaintances, which no caller
/// can write (`[agreement-before-access]`, `[volunteer-kinds]`, `[access-while-serving]`).
#[wasm_bindgen]
pub struct Viewer {
    key: usize,
    inner: Rc<CoreViewer>,
}

impl Drop for Viewer {
    fn drop(&mut self) {
        BUILT.with(|b| {
            if let Ok(mut b) = b.try_borrow_mut() {
                b.remove(&self.key);
            }
        });
    }
}

impl Viewer {
    /// A core viewer as a JS `Viewer` object that `Access` recognises.
    pub(crate) fn wrap(viewer: CoreViewer) -> Result<JsValue, JsValue> {
        let key = NEXT.with(|n| {
            let key = n.get();
            n.set(key.checked_add(1)?);
            Some(key)
        });
        let key = key.ok_or_else(|| limit("viewer: no more viewers can be built [limits]"))?;
        let inner = Rc::new(viewer);
        BUILT.with(|b| {
            b.try_borrow_mut()
                .map(|mut b| b.insert(key, Rc::clone(&inner)))
                .map_err(|_| invalid("viewer: built while another is read"))
        })?;
        let object = JsValue::from(Viewer { key, inner });
        OBJECTS.with(|o| o.set(object.unchecked_ref::<Object>(), &JsValue::from(key)));
        Ok(object)
    }
}

/// The viewer a JS value names: a `Viewer` built by this module, or a staff viewer written
/// as `{id, role, groups}` (the core's reader refuses a volunteer role there, and any other
/// field, such as an agreement state: a volunteer viewer is read from the record only).
pub(crate) fn read_viewer(value: &JsValue) -> Result<Rc<CoreViewer>, JsValue> {
    if value.is_object() {
        let key = OBJECTS.with(|o| o.get(value.unchecked_ref::<Object>()));
        if let Some(key) = key.as_f64() {
            let key = count(key, "viewer")?;
            let found = BUILT.with(|b| b.try_borrow().ok().and_then(|b| b.get(&key).cloned()));
            return found.ok_or_else(|| invalid("viewer: this Viewer was freed"));
        }
    }
    from_js::<CoreViewer>(value, "viewer").map(Rc::new)
}

#[wasm_bindgen]
impl Viewer {
    /// A staff viewer serving `groups`, the platform asserting the role (`worker`,
    /// `supervisor`, `group_admin`, `resident`). A volunteer role is refused: a volunteer
    /// viewer is built from the volunteer's record (`volunteer.viewer(...)`).
    #[wasm_bindgen(unchecked_return_type = "Viewer")]
    pub fn staff(
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "T.StaffViewer[\"role\"]")] role: &str,
        #[wasm_bindgen(unchecked_param_type = "string[]")] groups: Vec<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let id = crate::convert::text(&id, "id")?;
        let r: AccessRole = role.parse().or_throw()?;
        // Measured as they are copied into the module, each before its copy (a string's UTF-8
        // bytes are at least its UTF-16 length): a huge list is refused at the input limit,
        // never copied until the module's memory runs out.
        let over = || {
            limit(&format!(
                "viewer: its groups exceed {} bytes [limits]",
                shegong::limits::MAX_INPUT_BYTES
            ))
        };
        let mut bytes: usize = id.len();
        let mut names = Vec::with_capacity(groups.len().min(1024));
        for g in &groups {
            let Some(s) = g.dyn_ref::<js_sys::JsString>() else {
                return Err(invalid("groups: expected an array of strings"));
            };
            let units = usize::try_from(s.length()).unwrap_or(usize::MAX);
            if bytes.saturating_add(units) > shegong::limits::MAX_INPUT_BYTES {
                return Err(over());
            }
            let name = crate::convert::text(g, "groups")?;
            bytes = bytes.saturating_add(name.len());
            if bytes > shegong::limits::MAX_INPUT_BYTES {
                return Err(over());
            }
            names.push(name);
        }
        let groups = names;
        // Read as the core reads a staff viewer (the reader `Access` uses for a plain object),
        // so a volunteer role gets the core's refusal.
        let text = serde_json::json!({ "id": id, "role": r, "groups": groups }).to_string();
        let v: CoreViewer = shegong::json::from_str(&text, "viewer").or_throw()?;
        Viewer::wrap(v)
    }

    /// The viewer's id (the volunteer's id for a volunteer).
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// The role in which they look.
    #[wasm_bindgen(getter)]
    pub fn role(&self) -> String {
        self.inner.role().to_string()
    }

    /// The groups they serve: a staff viewer's groups, or the groups a volunteer was deployed
    /// to on the day asked.
    #[wasm_bindgen(getter)]
    pub fn groups(&self) -> Vec<String> {
        self.inner.groups().to_vec()
    }

    /// A volunteer's agreement state on the day asked (`"none"` for staff).
    #[wasm_bindgen(getter)]
    pub fn agreement(&self) -> String {
        self.inner.agreement().to_string()
    }

    /// Whether a volunteer's agreements in force cover client information.
    #[wasm_bindgen(getter, js_name = agreementCoversClients)]
    pub fn agreement_covers_clients(&self) -> bool {
        self.inner.agreement_covers_clients()
    }

    /// The clients a volunteer declared they know (none for staff).
    #[wasm_bindgen(getter)]
    pub fn acquaintances(&self) -> Vec<String> {
        self.inner.acquaintances().to_vec()
    }

    /// The purpose a volunteer asked for (`undefined` for staff).
    #[wasm_bindgen(getter)]
    pub fn purpose(&self) -> Option<String> {
        self.inner.purpose().map(|p| p.to_string())
    }

    /// The day a volunteer viewer was read for (`undefined` for staff).
    #[wasm_bindgen(getter, unchecked_return_type = "IsoDate | undefined")]
    pub fn on(&self) -> Option<String> {
        self.inner.on().map(|d| d.to_string())
    }

    /// The moment a volunteer viewer was read for (`Volunteer#viewerAt`); `undefined` for
    /// staff and for a viewer read for a whole day.
    #[wasm_bindgen(getter, unchecked_return_type = "Instant | undefined")]
    pub fn at(&self) -> Option<String> {
        self.inner.at().map(|t| t.to_rfc3339())
    }

    /// Whether a volunteer acts in a position they registered (`true` for staff).
    #[wasm_bindgen(getter, js_name = positionRegistered)]
    pub fn position_registered(&self) -> bool {
        self.inner.position_registered()
    }
}

/// A volunteer as a viewer: see `Volunteer#viewer`.
pub(crate) fn volunteer_viewer(
    volunteer: &shegong::volunteer::Volunteer,
    acting_as: &str,
    on: &str,
    purpose: Option<String>,
) -> Result<JsValue, JsValue> {
    let (k, p) = kind_and_purpose(acting_as, purpose)?;
    Viewer::wrap(CoreViewer::volunteer(volunteer, k, date(on, "on")?, p))
}

/// A volunteer as a viewer at a moment: see `Volunteer#viewerAt`.
pub(crate) fn volunteer_viewer_at(
    volunteer: &shegong::volunteer::Volunteer,
    acting_as: &str,
    at: &str,
    purpose: Option<String>,
) -> Result<JsValue, JsValue> {
    let (k, p) = kind_and_purpose(acting_as, purpose)?;
    Viewer::wrap(CoreViewer::volunteer_at(
        volunteer,
        k,
        instant(at, "at")?,
        p,
    ))
}

fn kind_and_purpose(
    acting_as: &str,
    purpose: Option<String>,
) -> Result<(VolunteerKind, Purpose), JsValue> {
    let k: VolunteerKind = acting_as.parse().or_throw()?;
    let p: Purpose = match purpose {
        Some(p) => p.parse().or_throw()?,
        None => Purpose::Service,
    };
    Ok((k, p))
}

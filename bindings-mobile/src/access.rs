//! `Access` and `Viewer`: who may see which field of which record, and redacted views.

use std::sync::Arc;

use serde::Deserialize;
use shegong::access::{Access as Core, AccessRole, SubjectFacts, Viewer as CoreViewer};
use shegong::assessment::{Record, RecordKind};

use crate::convert::{from_json, mirror, to_json, Instant, IsoDate};
use crate::errors::{OrTyped, ShegongError};

/// Access decisions for one view and acquaintance scope.
#[derive(uniffi::Object)]
pub struct Access(Core);

/// A decision on one field, with its reason and rule.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct Decision {
    /// `allow`, `mask` or `deny`.
    pub outcome: String,
    /// Whether the field may be seen as it is (`outcome == "allow"`).
    pub allowed: bool,
    /// Why, in words.
    pub reason: String,
    /// The domain rule behind it, if one.
    #[serde(default)]
    pub rule: Option<String>,
}

/// A record as a viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RedactedRecord {
    /// The record kind.
    pub kind: String,
    /// The record with denied fields removed and masked fields masked, as JSON text.
    pub value_json: String,
    /// The paths removed.
    pub removed: Vec<String>,
    /// The paths masked.
    pub masked: Vec<String>,
}

#[uniffi::export]
impl Access {
    /// Access for `view` and `acquaintance_scope`; null takes the core's named default
    /// (`one_to_one`, `psychological_only`).
    #[uniffi::constructor]
    pub fn new(
        view: Option<String>,
        acquaintance_scope: Option<String>,
    ) -> Result<Arc<Self>, ShegongError> {
        let mut access = Core::default();
        if let Some(v) = view {
            access.view = v.parse().typed()?;
        }
        if let Some(s) = acquaintance_scope {
            access.acquaintance_scope = s.parse().typed()?;
        }
        Ok(Arc::new(Access(access)))
    }

    /// Whether `viewer` may see `field` of a record of `record_kind` about `subject` (JSON
    /// `{id, groups, minor_under_14, specific_identity}`), and the rule that decides.
    pub fn decide(
        &self,
        viewer: Arc<Viewer>,
        record_kind: String,
        field: String,
        subject: String,
    ) -> Result<Decision, ShegongError> {
        let k: RecordKind = record_kind.parse().typed()?;
        let s: SubjectFacts = from_json(&subject, "subject")?;
        mirror(&self.0.decide(&viewer.0, k, &field, &s))
    }

    /// The record (JSON text, tagged with `kind`) as `viewer` may see it.
    pub fn redact(
        &self,
        viewer: Arc<Viewer>,
        record: String,
        subject: String,
    ) -> Result<RedactedRecord, ShegongError> {
        let r = Record::from_json(&record).typed()?;
        let s: SubjectFacts = from_json(&subject, "subject")?;
        let red = self.0.redact(&viewer.0, &r, &s);
        Ok(RedactedRecord {
            kind: red.kind.to_string(),
            value_json: to_json(&red.value)?,
            removed: red.removed,
            masked: red.masked,
        })
    }

    /// `redact`, the whole view as the core's JSON (`kind`, `value`, `removed`, `masked`).
    pub fn redact_json(
        &self,
        viewer: Arc<Viewer>,
        record: String,
        subject: String,
    ) -> Result<String, ShegongError> {
        let r = Record::from_json(&record).typed()?;
        let s: SubjectFacts = from_json(&subject, "subject")?;
        to_json(&self.0.redact(&viewer.0, &r, &s))
    }

    /// The view's name.
    pub fn view(&self) -> String {
        self.0.view.to_string()
    }

    /// The acquaintance scope's name.
    pub fn acquaintance_scope(&self) -> String {
        self.0.acquaintance_scope.to_string()
    }
}

/// Who is looking at a record: opaque. A staff viewer (worker, supervisor, group admin,
/// resident) is asserted by the platform with `Viewer.staff`; a volunteer viewer comes only
/// from the volunteer's own record (`volunteer.viewer(actingAs, on, purpose)`), which no
/// caller can write (`[agreement-before-access]`, `[volunteer-kinds]`,
/// `[access-while-serving]`).
#[derive(uniffi::Object)]
pub struct Viewer(CoreViewer);

impl Viewer {
    /// A core viewer as a handle.
    pub(crate) fn wrap(v: CoreViewer) -> Arc<Self> {
        Arc::new(Viewer(v))
    }
}

#[uniffi::export]
impl Viewer {
    /// A staff viewer serving `groups`, the platform asserting the role (`worker`,
    /// `supervisor`, `group_admin`, `resident`). A volunteer role is refused by the core's
    /// reader (`[agreement-before-access]`).
    #[uniffi::constructor]
    pub fn staff(id: String, role: String, groups: Vec<String>) -> Result<Arc<Self>, ShegongError> {
        let r: AccessRole = role.parse().typed()?;
        let text = serde_json::json!({ "id": id, "role": r, "groups": groups }).to_string();
        let v: CoreViewer = from_json(&text, "viewer")?;
        Ok(Viewer::wrap(v))
    }

    /// The viewer's id (the volunteer's id for a volunteer).
    pub fn id(&self) -> String {
        self.0.id().to_owned()
    }

    /// The role in which they look.
    pub fn role(&self) -> String {
        self.0.role().to_string()
    }

    /// The groups they serve (a volunteer's deployments on the day asked).
    pub fn groups(&self) -> Vec<String> {
        self.0.groups().to_vec()
    }

    /// A volunteer's agreement state on the day asked (`none` for staff).
    pub fn agreement(&self) -> String {
        self.0.agreement().to_string()
    }

    /// Whether a volunteer's agreements in force cover client information.
    pub fn agreement_covers_clients(&self) -> bool {
        self.0.agreement_covers_clients()
    }

    /// The clients a volunteer declared they know (none for staff).
    pub fn acquaintances(&self) -> Vec<String> {
        self.0.acquaintances().to_vec()
    }

    /// The purpose a volunteer asked for (null for staff).
    pub fn purpose(&self) -> Option<String> {
        self.0.purpose().map(|p| p.to_string())
    }

    /// The day a volunteer viewer was read for (null for staff).
    pub fn on(&self) -> Option<IsoDate> {
        self.0.on().map(IsoDate)
    }

    /// The moment a volunteer viewer was read for (`Volunteer.viewerAt`); null for staff and
    /// for a viewer read for a whole day.
    pub fn at(&self) -> Option<Instant> {
        self.0.at().map(Instant)
    }

    /// Whether a volunteer acts in a position they registered (`true` for staff).
    pub fn position_registered(&self) -> bool {
        self.0.position_registered()
    }
}

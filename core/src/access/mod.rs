//! Access decisions: may this person see this field of this record, and why
//! (`[agreement-before-access]`, `[acquaintance-avoidance]`, `[private-info-one-to-one]`).
//!
//! One function, [`Access::decide`], answers for every field, and [`Access::redact`] applies
//! it to a whole record, so a platform never writes its own filter. The decision, in order:
//!
//! 1. An unknown field is denied.
//! 2. In a **group-visible view** (a group chat, a shared board) no personal field is ever
//!    shown, to anyone: private matters go to one-to-one chat (`[private-info-one-to-one]`).
//! 3. A **volunteer's own registration** is seen by social workers, supervisors and the
//!    volunteer; by no one else.
//! 4. For client records, by role:
//!    - **social workers and supervisors** see every field (they hold the case under
//!      professional confidentiality, 002 第三十四条);
//!    - **residents** (other group members) see nothing (`[private-info-one-to-one]`);
//!    - **group admins** see a client's bookkeeping and ordinary personal fields only when the
//!      client is in a group they administer; sensitive fields masked;
//!    - **volunteers** see nothing unless they serve the client's group (confidential
//!      information may be used only to provide the service), are not a declared
//!      acquaintance (psychological counselling; an agency may extend this to every
//!      volunteer, `[acquaintance-avoidance]`), and have a confidentiality agreement **in
//!      force** covering client information (`[agreement-before-access]`; a terminated
//!      agreement gives no access, though its duty survives,
//!      `[agreement-survives-termination]`). Then they see bookkeeping and ordinary personal
//!      fields; health fields only medical and psychological volunteers see (they serve those
//!      needs); every other sensitive field (PIPL art. 28, and everything about a client under
//!      14 or with a specific identity) is masked.
//! 5. Phone and ID numbers are masked for everyone but social workers and supervisors.

mod redact;

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

pub use redact::RedactedRecord;

use crate::assessment::{DataSubject, RecordKind, Sensitivity};
use crate::labels::labelled_enum;
use crate::volunteer::{AgreementStatus, Volunteer, VolunteerKind};

labelled_enum! {
    /// The roles access decisions know.
    pub enum AccessRole {
        Worker = "worker" => "社工",
        Supervisor = "supervisor" => "督导",
        MedicalVolunteer = "medical_volunteer" => "医务志愿者",
        PsychologicalVolunteer = "psychological_volunteer" => "心理咨询志愿者",
        GeneralVolunteer = "general_volunteer" => "一般志愿者",
        GroupAdmin = "group_admin" => "群管理员",
        Resident = "resident" => "居民",
    }
}

impl AccessRole {
    /// Whether the role is a volunteer's.
    pub fn is_volunteer(self) -> bool {
        matches!(
            self,
            AccessRole::MedicalVolunteer
                | AccessRole::PsychologicalVolunteer
                | AccessRole::GeneralVolunteer
        )
    }
}

labelled_enum! {
    /// A viewer's agreement, as access decisions see it.
    pub enum AgreementState {
        None = "none" => "未签订",
        Draft = "draft" => "草拟中",
        Signed = "signed" => "已签订未生效",
        InForce = "in_force" => "生效中",
        Terminated = "terminated" => "已终止",
    }
}

labelled_enum! {
    /// Why a volunteer asks to see client information. Only the service itself is a purpose
    /// for which a volunteer may use it (000 附件2, `[access-while-serving]`).
    pub enum Purpose {
        Service = "service" => "提供志愿服务",
        Other = "other" => "其他目的",
    }
}

/// The facts about a volunteer viewer, read from the volunteer's own record: never asserted
/// by a caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct VolunteerFacts {
    /// The position acted in is one the volunteer registered (`[volunteer-kinds]`).
    registered: bool,
    /// The volunteer registered as a psychological counselling volunteer: acquaintance
    /// avoidance follows the person, whatever role they act in.
    psychological: bool,
    agreement: AgreementState,
    agreement_covers_clients: bool,
    acquaintances: Vec<String>,
    purpose: Purpose,
    on: NaiveDate,
    /// The moment asked for, when the viewer was read for one ([`Viewer::volunteer_at`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<DateTime<FixedOffset>>,
}

/// Who is looking: their role and, for volunteers, the facts the decision needs.
///
/// A staff viewer (worker, supervisor, group admin, resident) is asserted by the platform
/// with [`Viewer::staff`]. A volunteer viewer is built only by [`Viewer::volunteer`] (for a day)
/// or [`Viewer::volunteer_at`] (for a moment), from
/// the volunteer's own record: its positions, agreements, deployments and acquaintances are
/// private, so no caller can claim a position or an agreement the record does not hold.
/// Deserialising reads a staff viewer (`{id, role, groups}`) and refuses a volunteer role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StaffViewer")]
pub struct Viewer {
    id: String,
    role: AccessRole,
    groups: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volunteer: Option<VolunteerFacts>,
}

/// The serialised form of a staff viewer, the only viewer a caller may write.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StaffViewer {
    id: String,
    role: AccessRole,
    #[serde(default)]
    groups: Vec<String>,
}

impl TryFrom<StaffViewer> for Viewer {
    type Error = String;

    fn try_from(s: StaffViewer) -> Result<Viewer, String> {
        if s.role.is_volunteer() {
            return Err(format!(
                "viewer.role: a {} viewer is built from the volunteer's own record, not written by the caller [agreement-before-access]",
                s.role.name()
            ));
        }
        Ok(Viewer::staff(s.id, s.role, s.groups))
    }
}

/// What a volunteer's record holds at every one of some moments: the agreement state (in
/// force only if an agreement is in force at each), whether an agreement in force covers client
/// information at each, and the groups deployed to at each.
struct Facts {
    agreement: AgreementState,
    covers: bool,
    groups: BTreeSet<String>,
}

impl Facts {
    fn throughout(v: &Volunteer, moments: &[DateTime<FixedOffset>]) -> Facts {
        let mut facts = Facts {
            agreement: AgreementState::InForce,
            covers: true,
            groups: BTreeSet::new(),
        };
        if moments.is_empty() {
            // No moment to read (a day chrono cannot place): nothing holds.
            facts.agreement = AgreementState::None;
            facts.covers = false;
            return facts;
        }
        for (i, &at) in moments.iter().enumerate() {
            let groups = v.deployments_at(at);
            facts.groups = if i == 0 {
                groups
            } else {
                facts.groups.intersection(&groups).cloned().collect()
            };
            if facts.agreement != AgreementState::InForce {
                continue;
            }
            // Every agreement in force counts, not the first one found
            // ([agreement-before-access]).
            let in_force = v.agreements_in_force_at(at);
            if in_force.is_empty() {
                facts.agreement = match v.agreement_status_at(at) {
                    None => AgreementState::None,
                    Some(AgreementStatus::Draft) => AgreementState::Draft,
                    Some(AgreementStatus::Signed { .. }) => AgreementState::Signed,
                    Some(AgreementStatus::Terminated { .. }) => AgreementState::Terminated,
                    // Not reached (none is in force), but never a grant.
                    Some(AgreementStatus::InForce { .. }) => AgreementState::Draft,
                };
                facts.covers = false;
            } else if !in_force.iter().any(|a| a.covers_client_information()) {
                facts.covers = false;
            }
        }
        facts
    }
}

impl Viewer {
    /// A staff viewer (worker, supervisor, group admin or resident) serving `groups`: the
    /// platform asserts these roles. Given a volunteer role, the viewer has no volunteer
    /// record behind it and is denied every client field (use [`Viewer::volunteer`]).
    pub fn staff(id: impl Into<String>, role: AccessRole, groups: Vec<String>) -> Viewer {
        Viewer {
            id: id.into(),
            role,
            groups,
            volunteer: None,
        }
    }

    /// A volunteer as their own record stands throughout the day `on` (China time), acting as
    /// `acting_as`, asking for `purpose`: what holds at every moment of that day, so that the
    /// answer is one the volunteer may have at any time of it. An agreement counts only if an
    /// agreement was in force from the day's first moment to its last (every one counts, not
    /// the first), a group only if the volunteer was deployed to it all day: on the day a
    /// deployment or the second signature is recorded, or a deployment withdrawn, the answer is
    /// no. Ask [`Viewer::volunteer_at`] for the moment the volunteer actually looks.
    ///
    /// The clients they declared they know and the positions they registered are read too. A
    /// position they never registered is denied (`[volunteer-kinds]`); a purpose other than the
    /// service, or a time outside a deployment to the client's group, is denied
    /// (`[access-while-serving]`).
    pub fn volunteer(
        v: &Volunteer,
        acting_as: VolunteerKind,
        on: NaiveDate,
        purpose: Purpose,
    ) -> Viewer {
        // The day's first moment and every moment on it at which the record changes: the
        // agreements and deployments hold all day if they hold at each of these.
        let first = on
            .and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(crate::case::china_offset()).single());
        let moments: Vec<DateTime<FixedOffset>> = first
            .into_iter()
            .chain(
                v.history()
                    .iter()
                    .map(|r| r.occurred_at)
                    .filter(|t| crate::case::china_date(*t) == on),
            )
            .collect();
        let facts = Facts::throughout(v, &moments);
        Viewer::of_volunteer(v, acting_as, purpose, facts, on, None)
    }

    /// A volunteer as their own record stands at the moment `at`: as [`Viewer::volunteer`],
    /// with the agreements and deployments read to the minute rather than for a whole day
    /// (`[access-while-serving]`: access is decided for a moment). An agreement whose second
    /// signature is recorded at 15:00, or a deployment at 15:00, does not cover 09:00 of that
    /// day; a deployment withdrawn at 10:00 still covers 09:00 and no longer covers 11:00.
    pub fn volunteer_at(
        v: &Volunteer,
        acting_as: VolunteerKind,
        at: DateTime<FixedOffset>,
        purpose: Purpose,
    ) -> Viewer {
        let facts = Facts::throughout(v, &[at]);
        let on = crate::case::china_date(at);
        Viewer::of_volunteer(v, acting_as, purpose, facts, on, Some(at))
    }

    /// The volunteer viewer from the facts of the record at the time asked.
    fn of_volunteer(
        v: &Volunteer,
        acting_as: VolunteerKind,
        purpose: Purpose,
        facts: Facts,
        on: NaiveDate,
        at: Option<DateTime<FixedOffset>>,
    ) -> Viewer {
        Viewer {
            id: v.id().to_owned(),
            role: match acting_as {
                VolunteerKind::Medical => AccessRole::MedicalVolunteer,
                VolunteerKind::Psychological => AccessRole::PsychologicalVolunteer,
                VolunteerKind::General | VolunteerKind::Other => AccessRole::GeneralVolunteer,
            },
            groups: facts.groups.into_iter().collect(),
            volunteer: Some(VolunteerFacts {
                registered: v.kinds().contains(&acting_as),
                psychological: v.kinds().contains(&VolunteerKind::Psychological),
                agreement: facts.agreement,
                agreement_covers_clients: facts.covers,
                acquaintances: v.acquaintances().iter().cloned().collect(),
                purpose,
                on,
                at,
            }),
        }
    }

    /// The viewer's actor id (a volunteer's id for volunteers).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The role in which they look.
    pub fn role(&self) -> AccessRole {
        self.role
    }

    /// The groups they serve: an admin's groups, or the groups a volunteer was deployed to
    /// throughout the day asked ([`Viewer::volunteer`]) or at the moment asked
    /// ([`Viewer::volunteer_at`]).
    pub fn groups(&self) -> &[String] {
        &self.groups
    }

    /// A volunteer's agreement state on the day asked ([`AgreementState::None`] for staff).
    pub fn agreement(&self) -> AgreementState {
        self.volunteer
            .as_ref()
            .map_or(AgreementState::None, |f| f.agreement)
    }

    /// Whether a volunteer's agreements in force cover client information (服务对象信息).
    pub fn agreement_covers_clients(&self) -> bool {
        self.volunteer
            .as_ref()
            .is_some_and(|f| f.agreement_covers_clients)
    }

    /// The clients a volunteer declared they know (none for staff).
    pub fn acquaintances(&self) -> &[String] {
        self.volunteer
            .as_ref()
            .map_or(&[], |f| f.acquaintances.as_slice())
    }

    /// The purpose a volunteer asked for (`None` for staff).
    pub fn purpose(&self) -> Option<Purpose> {
        self.volunteer.as_ref().map(|f| f.purpose)
    }

    /// The day a volunteer viewer was read for (`None` for staff).
    pub fn on(&self) -> Option<NaiveDate> {
        self.volunteer.as_ref().map(|f| f.on)
    }

    /// The moment a volunteer viewer was read for ([`Viewer::volunteer_at`]); `None` for staff
    /// and for a viewer read for a whole day.
    pub fn at(&self) -> Option<DateTime<FixedOffset>> {
        self.volunteer.as_ref().and_then(|f| f.at)
    }

    /// Whether a volunteer acts in a position they registered (`true` for staff).
    pub fn position_registered(&self) -> bool {
        self.volunteer.as_ref().is_none_or(|f| f.registered)
    }

    /// Whether the viewer is the volunteer `id` themself: a viewer built from that
    /// volunteer's own record ([`Viewer::volunteer`], [`Viewer::volunteer_at`]). A staff
    /// viewer's id is what the caller asserts, and ids of staff, residents and volunteers may
    /// share one namespace: a resident whose id happens to be `v-1` is not volunteer `v-1`.
    /// An empty id is nobody, and never matches another.
    fn is_volunteer(&self, id: &str) -> bool {
        self.volunteer.is_some() && !id.is_empty() && self.id == id
    }
}

/// Whose record it is: the client (or volunteer) and the facts that change its sensitivity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectFacts {
    /// The client's id (for a volunteer registration, the volunteer's id).
    pub id: String,
    /// The groups the client is served in.
    #[serde(default)]
    pub groups: Vec<String>,
    /// The client is under 14 (PIPL art. 28: all their information is sensitive).
    #[serde(default)]
    pub minor_under_14: bool,
    /// The client has a specific identity (community corrections, drug rehabilitation,
    /// domestic-violence victim).
    #[serde(default)]
    pub specific_identity: bool,
}

labelled_enum! {
    /// Where the information would be shown.
    pub enum View {
        OneToOne = "one_to_one" => "一对一",
        GroupVisible = "group_visible" => "群内可见",
    }
}

labelled_enum! {
    /// Which volunteers acquaintance avoidance applies to.
    pub enum AcquaintanceScope {
        PsychologicalOnly = "psychological_only" => "仅心理咨询",
        AllVolunteers = "all_volunteers" => "全部志愿服务",
    }
}

labelled_enum! {
    /// What a decision lets the viewer see.
    pub enum Outcome {
        Allow = "allow" => "可见",
        Mask = "mask" => "脱敏显示",
        Deny = "deny" => "不可见",
    }
}

/// A decision on one field, with its reason and rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Allow, mask or deny.
    pub outcome: Outcome,
    /// Whether the field may be seen as it is (`outcome == Allow`).
    pub allowed: bool,
    /// Why, in words.
    pub reason: String,
    /// The domain rule behind it, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

fn decision(outcome: Outcome, reason: &str, rule: Option<&str>) -> Decision {
    Decision {
        outcome,
        allowed: outcome == Outcome::Allow,
        reason: reason.to_owned(),
        rule: rule.map(str::to_owned),
    }
}

/// The agency's access settings: where information is shown, and the reach of
/// acquaintance avoidance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Access {
    /// Where the information would be shown.
    pub view: View,
    /// Which volunteers acquaintance avoidance applies to (the seed: psychological counselling).
    pub acquaintance_scope: AcquaintanceScope,
}

/// The view an access decision assumes unless told otherwise: one-to-one, where private
/// information may be shown (`[private-info-one-to-one]`).
pub const DEFAULT_VIEW: View = View::OneToOne;

/// The reach of acquaintance avoidance unless an agency widens it: psychological counselling
/// volunteers only, as the source states it (000 四.6, `[acquaintance-avoidance]`).
pub const DEFAULT_SCOPE: AcquaintanceScope = AcquaintanceScope::PsychologicalOnly;

impl Default for Access {
    /// [`DEFAULT_VIEW`] and [`DEFAULT_SCOPE`].
    fn default() -> Self {
        Access {
            view: DEFAULT_VIEW,
            acquaintance_scope: DEFAULT_SCOPE,
        }
    }
}

impl Access {
    /// The same settings for a group-visible view.
    #[must_use]
    pub fn group_visible(mut self) -> Access {
        self.view = View::GroupVisible;
        self
    }

    /// Decides whether `viewer` may see `field` (a path such as `"needs.medical"`) of a record
    /// of `kind` about `subject` (see the module documentation for the order of the rules).
    ///
    /// # Example
    /// ```
    /// use shegong::access::*;
    /// use shegong::assessment::RecordKind;
    /// let subject = SubjectFacts { id: "c-1".into(), groups: vec!["G-1".into()], minor_under_14: false, specific_identity: false };
    /// let resident = Viewer::staff("r-1", AccessRole::Resident, vec!["G-1".into()]);
    /// let d = Access::default().decide(&resident, RecordKind::ServiceRecord, "client_name", &subject);
    /// assert_eq!(d.rule.as_deref(), Some("private-info-one-to-one"));
    /// // A volunteer role cannot be asserted: without the volunteer's record, nothing is shown.
    /// let claimed = Viewer::staff("v-1", AccessRole::MedicalVolunteer, vec!["G-1".into()]);
    /// let d = Access::default().decide(&claimed, RecordKind::ServiceRecord, "client_name", &subject);
    /// assert_eq!(d.rule.as_deref(), Some("agreement-before-access"));
    /// let worker = Viewer::staff("w-1", AccessRole::Worker, vec![]);
    /// assert!(Access::default().decide(&worker, RecordKind::ServiceRecord, "client_name", &subject).allowed);
    /// ```
    pub fn decide(
        &self,
        viewer: &Viewer,
        kind: RecordKind,
        field: &str,
        subject: &SubjectFacts,
    ) -> Decision {
        let Some(info) = kind.field(field) else {
            return decision(Outcome::Deny, "unknown field: denied by default", None);
        };
        // A parent field (`concerns`, `needs`, `emergency_contact`) reveals its children: it is
        // allowed only as far as every child is, so the most restrictive child decides.
        let mut children = kind.fields().iter().filter(|f| {
            f.path
                .strip_prefix(field)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with("[]"))
        });
        if let Some(worst) = children
            .by_ref()
            .map(|child| self.decide(viewer, kind, child.path, subject))
            .max_by_key(|d| match d.outcome {
                Outcome::Allow => 0,
                Outcome::Mask => 1,
                Outcome::Deny => 2,
            })
        {
            let own = self.decide_leaf(viewer, kind, info, subject);
            let rank = |o: Outcome| match o {
                Outcome::Allow => 0,
                Outcome::Mask => 1,
                Outcome::Deny => 2,
            };
            return if rank(worst.outcome) > rank(own.outcome) {
                worst
            } else {
                own
            };
        }
        self.decide_leaf(viewer, kind, info, subject)
    }

    /// The decision on the field itself, not counting its children: what redaction uses
    /// before it decides each child in turn.
    pub(crate) fn decide_own(
        &self,
        viewer: &Viewer,
        kind: RecordKind,
        field: &str,
        subject: &SubjectFacts,
    ) -> Decision {
        match kind.field(field) {
            Some(info) => self.decide_leaf(viewer, kind, info, subject),
            None => decision(Outcome::Deny, "unknown field: denied by default", None),
        }
    }

    fn decide_leaf(
        &self,
        viewer: &Viewer,
        kind: RecordKind,
        info: &crate::assessment::FieldInfo,
        subject: &SubjectFacts,
    ) -> Decision {
        let d = self.decide_field(
            viewer,
            kind,
            info.personal,
            &info.effective_sensitivity(subject.minor_under_14, subject.specific_identity),
            subject,
        );
        if d.outcome == Outcome::Allow
            && info.identifier
            && !matches!(viewer.role, AccessRole::Worker | AccessRole::Supervisor)
            && !(kind.subject() == DataSubject::Volunteer && viewer.is_volunteer(&subject.id))
        {
            return decision(
                Outcome::Mask,
                "phone and ID numbers are shown masked to all but social workers and supervisors",
                d.rule.as_deref(),
            );
        }
        d
    }

    fn decide_field(
        &self,
        viewer: &Viewer,
        kind: RecordKind,
        personal: bool,
        sensitivity: &[Sensitivity],
        subject: &SubjectFacts,
    ) -> Decision {
        use Outcome::{Allow, Deny, Mask};
        if self.view == View::GroupVisible && personal {
            return decision(Deny, "private information is never shown in a group-visible view: it goes to one-to-one chat", Some("private-info-one-to-one"));
        }
        if kind.subject() == DataSubject::Volunteer {
            return if matches!(viewer.role, AccessRole::Worker | AccessRole::Supervisor)
                || viewer.is_volunteer(&subject.id)
            {
                decision(Allow, "a volunteer's registration is seen by the social workers who manage volunteers, and by the volunteer", None)
            } else {
                decision(Deny, "a volunteer's registration is seen only by the social workers who manage volunteers, and by the volunteer", None)
            };
        }
        let sensitive = !sensitivity.is_empty();
        // An empty id is nobody: it never matches another empty id.
        let serves = viewer
            .groups
            .iter()
            .any(|g| !g.is_empty() && subject.groups.contains(g));
        match viewer.role {
            AccessRole::Worker | AccessRole::Supervisor => decision(Allow, "social workers and supervisors hold case records under professional confidentiality (002 第三十四条)", None),
            AccessRole::Resident => decision(Deny, "another resident's information is private: residents see none of it", Some("private-info-one-to-one")),
            AccessRole::GroupAdmin => {
                if !serves {
                    decision(Deny, "the client is not in a group this admin runs", None)
                } else if sensitive {
                    decision(Mask, "sensitive personal information (PIPL art. 28) is masked for those without the need", None)
                } else {
                    decision(Allow, "the client is in a group this admin runs", None)
                }
            }
            AccessRole::MedicalVolunteer | AccessRole::PsychologicalVolunteer | AccessRole::GeneralVolunteer => {
                let Some(facts) = &viewer.volunteer else {
                    return decision(Deny, "a volunteer viewer is read from the volunteer's own record, never asserted by the caller", Some("agreement-before-access"));
                };
                if !facts.registered {
                    return decision(Deny, "the volunteer never registered the position they act in", Some("volunteer-kinds"));
                }
                if facts.purpose != Purpose::Service {
                    return decision(Deny, "a volunteer uses confidential information only to provide the service, for no other purpose", Some("access-while-serving"));
                }
                if !serves {
                    return decision(Deny, "on that day the volunteer is not deployed to a group that serves the client", Some("access-while-serving"));
                }
                let acquainted = !subject.id.is_empty() && facts.acquaintances.contains(&subject.id);
                // Avoidance follows the person: a registered psychological volunteer is
                // avoided whatever role they act in.
                let avoid = acquainted
                    && (facts.psychological || self.acquaintance_scope == AcquaintanceScope::AllVolunteers);
                if avoid {
                    return decision(Deny, "the volunteer declared they know the client: the client is served by another group or region", Some("acquaintance-avoidance"));
                }
                match facts.agreement {
                    AgreementState::InForce if facts.agreement_covers_clients => {}
                    AgreementState::InForce => return decision(Deny, "the volunteer's agreement does not cover client information", Some("agreement-before-access")),
                    AgreementState::Terminated => return decision(Deny, "the volunteer's agreement was terminated: no more access, though the duty of confidentiality survives", Some("agreement-survives-termination")),
                    AgreementState::None | AgreementState::Draft | AgreementState::Signed => {
                        return decision(Deny, "no confidentiality agreement in force: no client information", Some("agreement-before-access"))
                    }
                }
                let health_only = sensitivity.iter().all(|s| *s == Sensitivity::Health);
                let clinical = matches!(viewer.role, AccessRole::MedicalVolunteer | AccessRole::PsychologicalVolunteer);
                if !sensitive || (health_only && clinical) {
                    decision(Allow, "a volunteer with an agreement in force, serving the client's group, for the service only", Some("agreement-before-access"))
                } else {
                    decision(Mask, "sensitive personal information (PIPL art. 28) is masked for those without the need", Some("agreement-before-access"))
                }
            }
        }
    }
}

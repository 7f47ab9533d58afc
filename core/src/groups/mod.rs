//! Online service groups (线上服务群, 000 五.(二)–(三)): the three tiers of core service groups
//! (`[group-tiers]`), the four support groups (`[support-groups]`), membership by application
//! and admin approval (`[membership-approval]`), resident groups of about 50–200 with one
//! member per household (`[resident-group-size]`), and display names that show each member's
//! role (`[nickname-convention]`).
//!
//! Nicknames follow the seed's forms — “社区+姓名”、“楼门栋长+姓名”、“楼栋房号+自住”、“楼栋房号+租住”、
//! “社工+姓名”、“医务+姓名”、“心理咨询+姓名”、“群管理员+姓名”、“群秘书+姓名”、“社区志愿者+姓名” —
//! where “+” joins the parts. [`nickname`] writes them with a hyphen (`社工-张三`,
//! `3栋502-自住`); [`parse_nickname`] also accepts `+`, `·`, `_`, a space, or no separator.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::labels::labelled_enum;
use crate::triage::ServiceTier;

labelled_enum! {
    /// The kinds of online group.
    pub enum GroupKind {
        ResidentGroup = "resident_group" => "线上小区居民群",
        FocusServiceGroup = "focus_service_group" => "聚焦服务群",
        KeyAccompanimentGroup = "key_accompaniment_group" => "重点陪助群",
        PreventionWorkGroup = "prevention_work_group" => "线上社区防控工作群",
        VolunteerGeneralGroup = "volunteer_general_group" => "线上志愿服务总群",
        VolunteerDispatchGroup = "volunteer_dispatch_group" => "线上志愿者派驻协调群",
        ExpertSupervisionGroup = "expert_supervision_group" => "线上专家督导群",
        AdHocGroup = "ad_hoc_group" => "临时群（房东、商户、生活物资、居家观察）",
    }
}

labelled_enum! {
    /// Who may run a group (群管理员).
    pub enum AdminRole {
        GridWorker = "grid_worker" => "社区网格员",
        BuildingHead = "building_head" => "楼门栋长",
        SocialWorker = "social_worker" => "社会工作者",
        CommunityPartySecretary = "community_party_secretary" => "社区党组织书记",
        ResidentsCommitteeDirector = "residents_committee_director" => "社区居民委员会主任",
    }
}

impl GroupKind {
    /// The service tier of a core service group (`[group-tiers]`); `None` for support and ad-hoc groups.
    pub fn tier(self) -> Option<ServiceTier> {
        match self {
            GroupKind::ResidentGroup => Some(ServiceTier::ResidentGroup),
            GroupKind::FocusServiceGroup => Some(ServiceTier::FocusServiceGroup),
            GroupKind::KeyAccompanimentGroup => Some(ServiceTier::KeyAccompanimentGroup),
            _ => None,
        }
    }

    /// Whether it is one of the four support groups (`[support-groups]`).
    pub fn is_support_group(self) -> bool {
        matches!(
            self,
            GroupKind::PreventionWorkGroup
                | GroupKind::VolunteerGeneralGroup
                | GroupKind::VolunteerDispatchGroup
                | GroupKind::ExpertSupervisionGroup
        )
    }

    /// Who may administer the kind, as 000 assigns them.
    pub fn admin_roles(self) -> &'static [AdminRole] {
        use AdminRole::*;
        match self {
            GroupKind::ResidentGroup => &[GridWorker, BuildingHead],
            GroupKind::FocusServiceGroup
            | GroupKind::KeyAccompanimentGroup
            | GroupKind::VolunteerGeneralGroup
            | GroupKind::VolunteerDispatchGroup
            | GroupKind::ExpertSupervisionGroup => &[SocialWorker],
            GroupKind::PreventionWorkGroup => {
                &[CommunityPartySecretary, ResidentsCommitteeDirector]
            }
            GroupKind::AdHocGroup => AdminRole::ALL,
        }
    }
}

labelled_enum! {
    /// The role a nickname shows (`[nickname-convention]`).
    pub enum NicknameRole {
        Community = "community" => "社区",
        BuildingHead = "building_head" => "楼门栋长",
        Owner = "owner" => "自住",
        Tenant = "tenant" => "租住",
        Worker = "worker" => "社工",
        Medical = "medical" => "医务",
        Psychological = "psychological" => "心理咨询",
        GroupAdmin = "group_admin" => "群管理员",
        GroupSecretary = "group_secretary" => "群秘书",
        CommunityVolunteer = "community_volunteer" => "社区志愿者",
    }
}

impl NicknameRole {
    /// Whether the role's nickname ends with it (楼栋房号+自住) rather than starting with it.
    fn is_suffix(self) -> bool {
        matches!(self, NicknameRole::Owner | NicknameRole::Tenant)
    }
}

/// Why a group refused a step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GroupError {
    /// The rules forbid the step.
    #[error("group {group}: {reason} [{rule}]")]
    Refused {
        /// The group's id.
        group: String,
        /// The rule.
        rule: &'static str,
        /// Why.
        reason: String,
    },
    /// A nickname does not follow the convention.
    #[error(
        "nickname {nickname:?} does not follow the convention: {reason} [nickname-convention]"
    )]
    InvalidNickname {
        /// The nickname.
        nickname: String,
        /// What is wrong.
        reason: String,
    },
}

impl GroupError {
    /// A stable snake_case code for the error's kind.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The error's kind: a group's refusal is
    /// [`ErrorKind::GroupRefused`](crate::ErrorKind::GroupRefused) (`"group_refused"`).
    pub fn kind(&self) -> crate::ErrorKind {
        match self {
            GroupError::Refused { .. } => crate::ErrorKind::GroupRefused,
            GroupError::InvalidNickname { .. } => crate::ErrorKind::InvalidNickname,
        }
    }

    /// The rule behind the error.
    pub fn rule_id(&self) -> Option<&str> {
        match self {
            GroupError::Refused { rule, .. } => Some(rule),
            GroupError::InvalidNickname { .. } => Some("nickname-convention"),
        }
    }
}

const SEPARATORS: &[char] = &['-', '+', '·', '_', ' ', '—', '＋'];

/// Writes a nickname: `社工-张三` for a role and a name, `3栋502-自住` for a household.
///
/// # Errors
/// [`GroupError::InvalidNickname`] for an empty name or unit.
///
/// # Example
/// ```
/// use shegong::groups::{nickname, parse_nickname, NicknameRole};
/// assert_eq!(nickname(NicknameRole::Worker, "张三")?, "社工-张三");
/// assert_eq!(nickname(NicknameRole::Tenant, "3栋502")?, "3栋502-租住");
/// assert_eq!(parse_nickname("医务+李四")?, (NicknameRole::Medical, "李四".to_owned()));
/// # Ok::<(), shegong::groups::GroupError>(())
/// ```
pub fn nickname(role: NicknameRole, name_or_unit: &str) -> Result<String, GroupError> {
    let text = name_or_unit.trim();
    if text.is_empty() {
        return Err(GroupError::InvalidNickname {
            nickname: String::new(),
            reason: "a name (or a building and room) is needed".to_owned(),
        });
    }
    Ok(if role.is_suffix() {
        format!("{text}-{}", role.zh())
    } else {
        format!("{}-{text}", role.zh())
    })
}

/// Reads a nickname back into its role and its name (or building and room).
///
/// # Errors
/// [`GroupError::InvalidNickname`] when it shows no role of the convention.
pub fn parse_nickname(s: &str) -> Result<(NicknameRole, String), GroupError> {
    let s = s.trim();
    let bad = |reason: &str| GroupError::InvalidNickname {
        nickname: s.to_owned(),
        reason: reason.to_owned(),
    };
    // Longest prefix first: 社区志愿者 before 社区.
    let mut roles: Vec<NicknameRole> = NicknameRole::ALL.to_vec();
    roles.sort_by_key(|r| std::cmp::Reverse(r.zh().chars().count()));
    for role in roles {
        let rest = if role.is_suffix() {
            s.strip_suffix(role.zh())
                .map(|r| r.trim_end_matches(SEPARATORS))
        } else {
            s.strip_prefix(role.zh())
                .map(|r| r.trim_start_matches(SEPARATORS))
        };
        if let Some(rest) = rest {
            if rest.trim().is_empty() {
                return Err(bad("the name (or building and room) is missing"));
            }
            return Ok((role, rest.trim().to_owned()));
        }
    }
    Err(bad(
        "it shows no role: use 社工-姓名, 医务-姓名, 楼栋房号-自住, …",
    ))
}

/// A group admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupAdmin {
    /// The admin's person id.
    pub person_id: String,
    /// Their role.
    pub role: AdminRole,
}

labelled_enum! {
    /// Where an application stands.
    pub enum ApplicationStatus {
        Pending = "pending" => "待审核",
        Approved = "approved" => "已通过",
        Rejected = "rejected" => "未通过",
    }
}

/// An application to join a group (入群申请).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// The applicant's person id.
    pub person_id: String,
    /// The nickname they will use.
    pub nickname: String,
    /// Their household (building and room), for a resident group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<String>,
    /// When they applied.
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub applied_on: NaiveDate,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// The admin who decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
}

/// A member of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's person id.
    pub person_id: String,
    /// Their nickname.
    pub nickname: String,
    /// Their household, in a resident group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<String>,
    /// When they joined.
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub joined_on: NaiveDate,
}

/// The usual size of a resident group (每群规模约50-200人).
pub const RESIDENT_GROUP_SIZE: (usize, usize) = (50, 200);

/// An online service group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceGroup {
    /// The group's id.
    pub id: String,
    /// Its kind.
    pub kind: GroupKind,
    /// Its name.
    pub name: String,
    /// Its admins.
    pub admins: Vec<GroupAdmin>,
    /// Its members.
    pub members: Vec<Member>,
    /// Applications, in order.
    pub applications: Vec<Application>,
}

impl ServiceGroup {
    /// A group with its admins, each of a role that may run its kind.
    ///
    /// # Errors
    /// [`GroupError::Refused`] without an admin, or with an admin whose role may not run
    /// the kind (`[group-tiers]`, `[support-groups]`).
    pub fn new(
        id: impl Into<String>,
        kind: GroupKind,
        name: impl Into<String>,
        admins: Vec<GroupAdmin>,
    ) -> Result<ServiceGroup, GroupError> {
        let id = id.into();
        let rule = if kind.is_support_group() {
            "support-groups"
        } else {
            "group-tiers"
        };
        if admins.is_empty() {
            return Err(GroupError::Refused {
                group: id,
                rule,
                reason: "a group needs an admin".to_owned(),
            });
        }
        if let Some(a) = admins
            .iter()
            .find(|a| !kind.admin_roles().contains(&a.role))
        {
            return Err(GroupError::Refused {
                group: id,
                rule,
                reason: format!(
                    "a {} is run by {}, not by a {}",
                    kind.zh(),
                    kind.admin_roles()
                        .iter()
                        .map(|r| r.zh())
                        .collect::<Vec<_>>()
                        .join(" or "),
                    a.role.zh()
                ),
            });
        }
        Ok(ServiceGroup {
            id,
            kind,
            name: name.into(),
            admins,
            members: Vec::new(),
            applications: Vec::new(),
        })
    }

    fn refuse(&self, rule: &'static str, reason: String) -> GroupError {
        GroupError::Refused {
            group: self.id.clone(),
            rule,
            reason,
        }
    }

    /// Applies to join (`[membership-approval]`).
    ///
    /// # Errors
    /// [`GroupError::Refused`] for a member or a pending applicant applying again, or a
    /// resident-group application without its household.
    pub fn apply(
        &mut self,
        person_id: &str,
        nickname: &str,
        household: Option<&str>,
        on: NaiveDate,
    ) -> Result<(), GroupError> {
        if self.members.iter().any(|m| m.person_id == person_id) {
            return Err(self.refuse(
                "membership-approval",
                format!("{person_id} is already a member"),
            ));
        }
        if self
            .applications
            .iter()
            .any(|a| a.person_id == person_id && a.status == ApplicationStatus::Pending)
        {
            return Err(self.refuse(
                "membership-approval",
                format!("{person_id} already applied"),
            ));
        }
        if self.kind == GroupKind::ResidentGroup && household.is_none_or(|h| h.trim().is_empty()) {
            return Err(self.refuse(
                "resident-group-size",
                "a resident group admits one member per household: give the household".to_owned(),
            ));
        }
        self.applications.push(Application {
            person_id: person_id.to_owned(),
            nickname: nickname.to_owned(),
            household: household.map(str::to_owned),
            applied_on: on,
            status: ApplicationStatus::Pending,
            decided_by: None,
        });
        Ok(())
    }

    fn pending(&mut self, person_id: &str, by: &str) -> Result<usize, GroupError> {
        if !self.admins.iter().any(|a| a.person_id == by) {
            return Err(self.refuse(
                "membership-approval",
                format!("only an admin decides on applications, and {by} is not one"),
            ));
        }
        if person_id == by {
            return Err(self.refuse(
                "membership-approval",
                format!("{by} applied: an admin does not decide on their own application"),
            ));
        }
        self.applications
            .iter()
            .position(|a| a.person_id == person_id && a.status == ApplicationStatus::Pending)
            .ok_or_else(|| {
                self.refuse(
                    "membership-approval",
                    format!("no pending application from {person_id}"),
                )
            })
    }

    /// An admin approves an application. Returns the warnings about the group's size.
    ///
    /// # Errors
    /// [`GroupError::Refused`] when `by` is not an admin or is the applicant, nothing is
    /// pending, `on` is before the application, or a resident group already has a member from
    /// the household; [`GroupError::InvalidNickname`] when
    /// the nickname does not show the member's role (or, in a resident group, their household).
    pub fn approve(
        &mut self,
        person_id: &str,
        by: &str,
        on: NaiveDate,
    ) -> Result<Vec<String>, GroupError> {
        let i = self.pending(person_id, by)?;
        let app = self
            .applications
            .get(i)
            .cloned()
            .ok_or_else(|| self.refuse("membership-approval", "no application".to_owned()))?;
        if on < app.applied_on {
            return Err(self.refuse(
                "membership-approval",
                format!(
                    "approved on {on}, before the application of {}",
                    app.applied_on
                ),
            ));
        }
        let (role, text) = parse_nickname(&app.nickname)?;
        if self.kind == GroupKind::ResidentGroup {
            if let Some(h) = &app.household {
                // Households are compared by their grouping key: "3栋 502" is "3栋502".
                let key = crate::identity::grouping_key(h);
                if self.members.iter().any(|m| {
                    m.household
                        .as_deref()
                        .is_some_and(|mh| crate::identity::grouping_key(mh) == key)
                }) {
                    return Err(self.refuse(
                        "resident-group-size",
                        format!("household {h} already has its member: one member per household"),
                    ));
                }
                if matches!(role, NicknameRole::Owner | NicknameRole::Tenant)
                    && crate::identity::grouping_key(&text) != key
                {
                    return Err(GroupError::InvalidNickname {
                        nickname: app.nickname.clone(),
                        reason: format!("a resident's nickname shows their household {h}"),
                    });
                }
            }
        }
        if let Some(a) = self.applications.get_mut(i) {
            a.status = ApplicationStatus::Approved;
            a.decided_by = Some(by.to_owned());
        }
        self.members.push(Member {
            person_id: app.person_id,
            nickname: app.nickname,
            household: app.household,
            joined_on: on,
        });
        Ok(self.size_warning().into_iter().collect())
    }

    /// An admin rejects an application.
    ///
    /// # Errors
    /// [`GroupError::Refused`] when `by` is not an admin or nothing is pending.
    pub fn reject(&mut self, person_id: &str, by: &str) -> Result<(), GroupError> {
        let i = self.pending(person_id, by)?;
        if let Some(a) = self.applications.get_mut(i) {
            a.status = ApplicationStatus::Rejected;
            a.decided_by = Some(by.to_owned());
        }
        Ok(())
    }

    /// A warning when a resident group is outside its usual 50–200 members
    /// (`[resident-group-size]`: "约", about — a warning, not a refusal).
    pub fn size_warning(&self) -> Option<String> {
        if self.kind != GroupKind::ResidentGroup {
            return None;
        }
        let n = self.members.len();
        let (lo, hi) = RESIDENT_GROUP_SIZE;
        (n < lo || n > hi).then(|| format!("resident group {} has {n} members; such groups are usually {lo}-{hi} [resident-group-size]", self.id))
    }
}

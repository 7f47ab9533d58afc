//! Service populations (服务对象) and their sub-groups, as the sources name them, with the
//! age groups derived from a date of birth (`[priority-principles]`).

use chrono::NaiveDate;

use crate::case::age_in_full_years;
use crate::labels::labelled_enum;

labelled_enum! {
    /// A service population or sub-group (002 第四条; 004 §5; 000; 001).
    pub enum PopulationGroup {
        Elder = "elder" => "老年人（60岁以上）",
        LeftBehindElder = "left_behind_elder" => "留守老年人",
        EmptyNestElder = "empty_nest_elder" => "空巢老年人",
        BereavedOfOnlyChild = "bereaved_of_only_child" => "失独老年人",
        SickOrDisabledElder = "sick_or_disabled_elder" => "病残老年人",
        DependentElder = "dependent_elder" => "失能老年人",
        VeryOldElder = "very_old_elder" => "高龄老年人",
        ChildOrYouth = "child_or_youth" => "儿童青少年（6-18岁）",
        ParentOfChild = "parent_of_child" => "儿童青少年家长",
        LeftBehindChild = "left_behind_child" => "农村留守儿童",
        ChildInDifficulty = "child_in_difficulty" => "困境儿童青少年",
        Woman = "woman" => "社区女性",
        RuralWoman = "rural_woman" => "农村妇女",
        MigrantWorker = "migrant_worker" => "外来务工人员",
        Family = "family" => "家庭",
        PersonWithDisability = "person_with_disability" => "残疾人",
        SocialAssistanceRecipient = "social_assistance_recipient" => "社会救助对象",
        LowIncomeHousehold = "low_income_household" => "低保家庭",
        DomesticViolenceVictim = "domestic_violence_victim" => "家庭暴力受害人",
        EmergencyAffected = "emergency_affected" => "遭遇突发事件的居民",
        CommunityCorrections = "community_corrections" => "社区矫正对象",
        DrugRehabilitation = "drug_rehabilitation" => "社区戒毒社区康复人员",
        ConfirmedPatientOrFamily = "confirmed_patient_or_family" => "确诊患者及家属",
        UnderMedicalObservation = "under_medical_observation" => "居家/集中医学观察人员",
        SeverelyAnxious = "severely_anxious" => "严重焦虑者",
        StressedCommunityWorker = "stressed_community_worker" => "心理压力较大的社区工作者",
        FrontlineWorker = "frontline_worker" => "一线抗疫人员",
        StrandedOutOfTowner = "stranded_out_of_towner" => "滞留本地的外地人员",
        MentalDisorder = "mental_disorder" => "精神障碍患者",
        OtherInNeed = "other_in_need" => "其他有需要的人群",
    }
}

impl PopulationGroup {
    /// Whether membership is a specific identity (特定身份) under PIPL art. 28: community
    /// corrections, drug rehabilitation, domestic-violence victims.
    pub fn is_specific_identity(self) -> bool {
        matches!(
            self,
            PopulationGroup::CommunityCorrections
                | PopulationGroup::DrugRehabilitation
                | PopulationGroup::DomesticViolenceVictim
        )
    }
}

/// The lowest age of "elders 60+" (60 岁以上 includes 60: 以上 includes the number).
pub const ELDER_FROM_AGE: u32 = 60;
/// The age range of "children and youth 6–18" (6-18 岁), both ends included.
pub const CHILD_YOUTH_AGES: (u32, u32) = (6, 18);

/// The age groups a person belongs to on `on`, from the date of birth: elders 60 and over,
/// children and youth 6 to 18 inclusive (`[priority-principles]`). Other groups are recorded,
/// not derived.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use shegong::assessment::{age_groups, PopulationGroup};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(age_groups(d(1966, 5, 1), d(2026, 5, 1)), [PopulationGroup::Elder]);
/// assert!(age_groups(d(1966, 5, 2), d(2026, 5, 1)).is_empty(), "59 the day before turning 60");
/// assert_eq!(age_groups(d(2007, 5, 1), d(2026, 4, 30)), [PopulationGroup::ChildOrYouth], "18 until the 19th birthday");
/// ```
pub fn age_groups(date_of_birth: NaiveDate, on: NaiveDate) -> Vec<PopulationGroup> {
    match age_in_full_years(date_of_birth, on) {
        Some(age) if age >= ELDER_FROM_AGE => vec![PopulationGroup::Elder],
        Some(age) if (CHILD_YOUTH_AGES.0..=CHILD_YOUTH_AGES.1).contains(&age) => {
            vec![PopulationGroup::ChildOrYouth]
        }
        _ => Vec::new(),
    }
}

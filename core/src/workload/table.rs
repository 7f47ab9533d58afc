//! The reference work-hours table (参考工时, 003 四(二), `[reference-hours]`) as data.

use serde::{Deserialize, Serialize};

use crate::labels::labelled_enum;

labelled_enum! {
    /// The table's categories.
    pub enum ItemCategory {
        CaseWork = "case_work" => "个案工作类",
        GroupWork = "group_work" => "小组工作类",
        CommunityWork = "community_work" => "社区工作类",
        Support = "support" => "支持类",
        Other = "other" => "其他",
    }
}

labelled_enum! {
    /// What one count of an item is.
    pub enum Unit {
        PerTime = "per_time" => "次",
        PerCase = "per_case" => "案",
        PerSession = "per_session" => "节",
        PerGroup = "per_group" => "小组",
        PerVisit = "per_visit" => "次（探访）",
        PerHousehold = "per_household" => "户",
        PerEvent = "per_event" => "次（活动）",
        Per100Samples = "per_100_samples" => "调研（以100个样本量为单位）",
        Per3000Households = "per_3000_households" => "社区（以3000户为单位）",
        PerItem = "per_item" => "项",
        Actual = "actual" => "根据实际情况计算",
    }
}

impl Unit {
    /// For unit-based items, how many of the counted thing make one unit (100 samples,
    /// 3000 households); `None` for plain counts.
    pub fn unit_size(self) -> Option<u32> {
        match self {
            Unit::Per100Samples => Some(100),
            Unit::Per3000Households => Some(3000),
            _ => None,
        }
    }
}

/// A variant of an item with its own hours (with or without accompaniment; self-run or an
/// outside expert).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The variant's id, e.g. `"accompanied"`.
    pub id: String,
    /// Its Chinese label.
    pub zh: String,
    /// Minutes per count.
    pub minutes: i64,
}

/// A part of a composite item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The part's id, e.g. `"walk_through"`.
    pub id: String,
    /// Its Chinese label.
    pub zh: String,
    /// Minutes per unit.
    pub minutes: i64,
    /// Not counted again when the item is combined with a survey of the same community.
    #[serde(default)]
    pub skipped_when_combined: bool,
}

/// One item of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceItem {
    /// The item's number in the standard (1–23).
    pub number: u32,
    /// A stable id, e.g. `"intake"`.
    pub id: String,
    /// The Chinese name, as the standard writes it.
    pub zh: String,
    /// Its category.
    pub category: ItemCategory,
    /// What one count is.
    pub unit: Unit,
    /// Minutes per count (per unit, for unit-based items); `None` when there are variants
    /// or the item is counted at its actual hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<i64>,
    /// Variants, each with its own minutes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    /// The parts of a composite item; their minutes add up to the item's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
}

/// A reference-hours table: the Suzhou standard's, or an agency's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceTable {
    /// The table's name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Its items.
    pub items: Vec<ReferenceItem>,
}

const H: i64 = 60;

fn item(
    number: u32,
    id: &str,
    zh: &str,
    category: ItemCategory,
    unit: Unit,
    hours: Option<i64>,
) -> ReferenceItem {
    ReferenceItem {
        number,
        id: id.to_owned(),
        zh: zh.to_owned(),
        category,
        unit,
        minutes: hours.map(|h| h.saturating_mul(H)),
        variants: Vec::new(),
        parts: Vec::new(),
    }
}

fn variants(mut it: ReferenceItem, v: &[(&str, &str, i64)]) -> ReferenceItem {
    it.variants = v
        .iter()
        .map(|(id, zh, h)| Variant {
            id: (*id).to_owned(),
            zh: (*zh).to_owned(),
            minutes: h.saturating_mul(H),
        })
        .collect();
    it
}

fn parts(mut it: ReferenceItem, p: &[(&str, &str, i64, bool)]) -> ReferenceItem {
    it.parts = p
        .iter()
        .map(|(id, zh, h, skip)| Part {
            id: (*id).to_owned(),
            zh: (*zh).to_owned(),
            minutes: h.saturating_mul(H),
            skipped_when_combined: *skip,
        })
        .collect();
    it
}

impl ReferenceTable {
    /// The table of the Suzhou standard (苏政民社〔2016〕2号, 四(二)), all 23 items.
    ///
    /// # Example
    /// ```
    /// use shegong::workload::ReferenceTable;
    /// let table = ReferenceTable::suzhou_2016();
    /// assert_eq!(table.items.len(), 23);
    /// assert_eq!(table.item("intake").unwrap().minutes, Some(16 * 60));
    /// ```
    pub fn suzhou_2016() -> ReferenceTable {
        use ItemCategory::*;
        let expert = [
            ("self_run", "自行组织开展", 20),
            ("outside_expert", "外聘专家讲解", 8),
        ];
        ReferenceTable {
            name: "苏州市专业社会工作服务规范指引（试行）参考工时".to_owned(),
            version: "2016".to_owned(),
            items: vec![
                item(
                    1,
                    "professional_consultation",
                    "专业咨询",
                    CaseWork,
                    Unit::PerTime,
                    Some(1),
                ),
                item(
                    2,
                    "intake",
                    "接案（含预估、服务计划制定）",
                    CaseWork,
                    Unit::PerCase,
                    Some(16),
                ),
                item(
                    3,
                    "case_session",
                    "个案服务（含记录书写）",
                    CaseWork,
                    Unit::PerSession,
                    Some(8),
                ),
                item(
                    4,
                    "closing_evaluation",
                    "结案/转介评估（含报告书写、个案档案整理）",
                    CaseWork,
                    Unit::PerCase,
                    Some(4),
                ),
                variants(
                    item(5, "referral", "转介", CaseWork, Unit::PerCase, None),
                    &[
                        ("unaccompanied", "无需陪同", 8),
                        ("accompanied", "需陪同", 12),
                    ],
                ),
                item(
                    6,
                    "group_preparation",
                    "小组准备工作（含小组策划、组员招募）",
                    GroupWork,
                    Unit::PerGroup,
                    Some(20),
                ),
                item(
                    7,
                    "group_session",
                    "小组活动（含活动准备、记录书写等）",
                    GroupWork,
                    Unit::PerSession,
                    Some(12),
                ),
                item(
                    8,
                    "group_midterm_evaluation",
                    "小组中期评估（含报告书写）",
                    GroupWork,
                    Unit::PerGroup,
                    Some(4),
                ),
                item(
                    9,
                    "group_closing_evaluation",
                    "小组结案评估（含报告书写、小组档案整理）",
                    GroupWork,
                    Unit::PerGroup,
                    Some(4),
                ),
                item(
                    10,
                    "home_visit",
                    "探访",
                    CommunityWork,
                    Unit::PerVisit,
                    Some(2),
                ),
                item(
                    11,
                    "household_needs_assessment",
                    "居民家庭需求评估与建档",
                    CommunityWork,
                    Unit::PerHousehold,
                    Some(2),
                ),
                item(
                    12,
                    "large_activity",
                    "社区大型活动",
                    CommunityWork,
                    Unit::PerEvent,
                    Some(60),
                ),
                item(
                    13,
                    "small_medium_activity",
                    "社区中小型活动",
                    CommunityWork,
                    Unit::PerEvent,
                    Some(20),
                ),
                item(
                    14,
                    "general_activity",
                    "一般社区活动",
                    CommunityWork,
                    Unit::PerEvent,
                    Some(4),
                ),
                parts(
                    item(
                        15,
                        "community_survey",
                        "社区调研（以100个样本量为单位）",
                        CommunityWork,
                        Unit::Per100Samples,
                        Some(160),
                    ),
                    &[
                        ("preparation", "调研准备", 30, false),
                        ("collection", "搜集资料", 80, false),
                        ("data_entry", "数据整理（含编码录入）", 10, false),
                        ("analysis", "数据分析", 10, false),
                        ("report", "调研报告撰写", 30, false),
                    ],
                ),
                parts(
                    item(
                        16,
                        "resource_survey",
                        "社区资源调查（以3000户的社区为单位）",
                        CommunityWork,
                        Unit::Per3000Households,
                        Some(80),
                    ),
                    &[
                        ("walk_through", "社区走访", 30, true),
                        ("literature", "文献查阅", 20, false),
                        (
                            "report_and_map",
                            "社区资源调查报告撰写（含地图绘制）",
                            30,
                            false,
                        ),
                    ],
                ),
                variants(
                    item(
                        17,
                        "organisation_workshop",
                        "组织培育（主题工作坊）",
                        Support,
                        Unit::PerTime,
                        None,
                    ),
                    &expert,
                ),
                item(
                    18,
                    "organisation_consultation",
                    "组织培育（咨询）",
                    Support,
                    Unit::PerTime,
                    Some(1),
                ),
                variants(
                    item(
                        19,
                        "volunteer_workshop",
                        "志愿者增能（主题工作坊）",
                        Support,
                        Unit::PerTime,
                        None,
                    ),
                    &expert,
                ),
                variants(
                    item(
                        20,
                        "training_lecture",
                        "专题培训/讲座",
                        Support,
                        Unit::PerTime,
                        None,
                    ),
                    &expert,
                ),
                item(21, "recruitment", "人员招募甄选", Other, Unit::Actual, None),
                item(
                    22,
                    "drafting",
                    "计划、制度、机制等文案起草",
                    Other,
                    Unit::PerItem,
                    Some(12),
                ),
                item(
                    23,
                    "fundraising_and_other",
                    "募款等其它活动",
                    Other,
                    Unit::Actual,
                    None,
                ),
            ],
        }
    }

    /// One item by id.
    pub fn item(&self, id: &str) -> Option<&ReferenceItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The short Chinese label of an item and, if given, its variant, for a display: the
    /// table's label without its note of what the item includes (`"接案（含预估、服务计划制定）"`
    /// gives `"接案"`), then the variant's label in brackets (`"转介（需陪同）"`); `None` when
    /// the table has no such item or variant.
    ///
    /// # Example
    /// ```
    /// use shegong::workload::ReferenceTable;
    /// let table = ReferenceTable::suzhou_2016();
    /// assert_eq!(table.label("intake", None).as_deref(), Some("接案"));
    /// assert_eq!(table.label("referral", Some("accompanied")).as_deref(), Some("转介（需陪同）"));
    /// assert_eq!(table.label("organisation_consultation", None).as_deref(), Some("组织培育（咨询）"));
    /// assert_eq!(table.label("no_such_item", None), None);
    /// ```
    pub fn label(&self, item: &str, variant: Option<&str>) -> Option<String> {
        let found = self.item(item)?;
        let short = match found.zh.find("（含") {
            Some(cut) if found.zh.ends_with('）') => found.zh.get(..cut).unwrap_or(&found.zh),
            _ => found.zh.as_str(),
        };
        match variant {
            None => Some(short.to_owned()),
            Some(v) => {
                let v = found.variants.iter().find(|x| x.id == v)?;
                Some(format!("{short}（{}）", v.zh))
            }
        }
    }
}

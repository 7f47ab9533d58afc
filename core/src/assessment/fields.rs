//! Field metadata: every field of every record kind with its Chinese label and its
//! sensitivity tags (PIPL art. 28), so forms render in Chinese and access decisions know what
//! a field reveals. A test walks the generated JSON Schemas and fails when a field lacks an
//! entry here, or an entry names no field.

use crate::labels::labelled_enum;

labelled_enum! {
    /// Sensitive personal information categories (敏感个人信息, PIPL art. 28), plus identity
    /// numbers (GB/T 35273).
    pub enum Sensitivity {
        IdentityNumber = "identity_number" => "身份证件号码",
        Health = "health" => "医疗健康",
        MinorUnder14 = "minor_under_14" => "不满十四周岁未成年人信息",
        Whereabouts = "whereabouts" => "行踪轨迹",
        FinancialAccount = "financial_account" => "金融账户",
        Religion = "religion" => "宗教信仰",
        SpecificIdentity = "specific_identity" => "特定身份",
        Biometric = "biometric" => "生物识别",
    }
}

/// One field of a record kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldInfo {
    /// The field's path in the record's JSON: dots for nesting, `[]` for list items,
    /// e.g. `"direct_relatives[].contact"`.
    pub path: &'static str,
    /// The field's Chinese label, as the form prints it.
    pub zh: &'static str,
    /// Whether the field is information about the client (服务对象信息), as opposed to the
    /// service's own bookkeeping (group, serial number, the staff who signed).
    pub personal: bool,
    /// The sensitive categories the field reveals by itself. A client under 14, or one with
    /// a specific identity, makes every personal field sensitive too
    /// ([`FieldInfo::effective_sensitivity`]).
    pub sensitivity: &'static [Sensitivity],
    /// Whether the field holds a phone or ID number: masked for anyone but social workers
    /// and supervisors, even where the field may be seen.
    pub identifier: bool,
}

impl FieldInfo {
    /// Whether the field is sensitive by itself.
    pub fn is_sensitive(&self) -> bool {
        !self.sensitivity.is_empty()
    }

    /// The field's sensitivity for a particular client: its own tags, plus
    /// [`Sensitivity::MinorUnder14`] for a client under 14 and
    /// [`Sensitivity::SpecificIdentity`] for a client with a specific identity (community
    /// corrections, drug rehabilitation, domestic-violence victim), on every personal field.
    pub fn effective_sensitivity(
        &self,
        minor_under_14: bool,
        specific_identity: bool,
    ) -> Vec<Sensitivity> {
        let mut out = self.sensitivity.to_vec();
        if self.personal && minor_under_14 && !out.contains(&Sensitivity::MinorUnder14) {
            out.push(Sensitivity::MinorUnder14);
        }
        if self.personal && specific_identity && !out.contains(&Sensitivity::SpecificIdentity) {
            out.push(Sensitivity::SpecificIdentity);
        }
        out
    }
}

use Sensitivity::{
    FinancialAccount as F, Health as H, IdentityNumber as I, Religion as R, Whereabouts as W,
};

const fn f(
    path: &'static str,
    zh: &'static str,
    personal: bool,
    sensitivity: &'static [Sensitivity],
) -> FieldInfo {
    FieldInfo {
        path,
        zh,
        personal,
        sensitivity,
        identifier: false,
    }
}

/// A phone or ID-number field.
const fn id(
    path: &'static str,
    zh: &'static str,
    personal: bool,
    sensitivity: &'static [Sensitivity],
) -> FieldInfo {
    FieldInfo {
        path,
        zh,
        personal,
        sensitivity,
        identifier: true,
    }
}

/// Household needs profile (居民家庭需求档案).
pub static HOUSEHOLD_PROFILE: &[FieldInfo] = &[
    f("schema_version", "格式版本", false, &[]),
    f("name", "姓名", true, &[]),
    f("gender", "性别", true, &[]),
    f("date_of_birth", "出生日期", true, &[]),
    f("address", "住址", true, &[W]),
    f("education", "文化程度", true, &[]),
    f("major", "所学专业", true, &[]),
    f("occupation", "职业", true, &[]),
    f(
        "household_income_yuan",
        "收入（家庭收入，元/年）",
        true,
        &[F],
    ),
    f("religion", "宗教信仰", true, &[R]),
    f("political_status", "政治面貌", true, &[]),
    id("contact", "联系方式", true, &[]),
    f("hobbies", "特长爱好", true, &[]),
    f("willing_to_volunteer", "志愿服务意愿", true, &[]),
    f("direct_relatives", "主要直系亲属", true, &[]),
    f("direct_relatives[].name", "姓名", true, &[]),
    f("direct_relatives[].relation", "关系", true, &[]),
    id("direct_relatives[].contact", "联系方式", true, &[]),
    f("direct_relatives[].interaction", "互动情况", true, &[]),
    f("collateral_relatives", "主要旁系亲属", true, &[]),
    f("collateral_relatives[].name", "姓名", true, &[]),
    f("collateral_relatives[].relation", "关系", true, &[]),
    id("collateral_relatives[].contact", "联系方式", true, &[]),
    f("collateral_relatives[].interaction", "互动情况", true, &[]),
    f("welfare_received", "已享受的福利政策", true, &[]),
    f("difficulties", "面临的困境", true, &[]),
    f("current_needs", "目前存在的需求", true, &[]),
    f("near_term_needs", "今后近期可能出现的需求", true, &[]),
    f("long_term_needs", "今后远期可能出现的需求", true, &[]),
];

/// Service record (服务记录表（社会工作者使用）).
pub static SERVICE_RECORD: &[FieldInfo] = &[
    f("schema_version", "格式版本", false, &[]),
    f("client_name", "服务对象姓名", true, &[]),
    f("gender", "性别", true, &[]),
    f("age", "年龄", true, &[]),
    id("phone", "联系电话", true, &[]),
    f("community", "所属社区", true, &[]),
    f("address", "居住地址", true, &[W]),
    f("emergency_contact", "紧急联系人及电话", true, &[]),
    f("emergency_contact.name", "紧急联系人", true, &[]),
    id("emergency_contact.phone", "紧急联系人电话", true, &[]),
    f("concerns", "诉求情况", true, &[]),
    f("concerns.emotion", "情绪", true, &[H]),
    f("concerns.medical", "医疗", true, &[H]),
    f("concerns.psychological", "心理", true, &[H]),
    f("concerns.other", "其他", true, &[]),
    f("needs", "需求评估", true, &[]),
    f("needs.medical", "医疗", true, &[H]),
    f("needs.medical_other", "医疗·其他", true, &[H]),
    f("needs.care", "照护", true, &[H]),
    f("needs.care_other", "照护·其他", true, &[H]),
    f("needs.support", "支持", true, &[]),
    f("needs.support_other", "支持·其他", true, &[]),
    f("service_time", "服务时间", false, &[]),
    f("service_time.start", "起", false, &[]),
    f("service_time.end", "止", false, &[]),
    f("service_content", "服务内容", true, &[]),
    f("result", "服务结果", true, &[]),
    f("follow_up_advice", "跟进建议", true, &[]),
    f("worker", "社工签名", false, &[]),
    f("date", "日期", false, &[]),
];

/// Consultation record (服务对象咨询记录表).
pub static CONSULTATION_RECORD: &[FieldInfo] = &[
    f("schema_version", "格式版本", false, &[]),
    f("group", "组别", false, &[]),
    f("serial_number", "编号", false, &[]),
    f("client_name", "服务对象姓名", true, &[]),
    f("gender", "性别", true, &[]),
    f("age", "年龄", true, &[]),
    f("address", "居住地址", true, &[W]),
    id("phone", "联系电话", true, &[]),
    f("category", "咨询类别", true, &[H]),
    f("category_other", "咨询类别·其他", true, &[H]),
    f("server_name", "服务人员", false, &[]),
    id("server_phone", "服务人员联系方式", false, &[]),
    f("recorder", "记录员（微信群秘书）", false, &[]),
    f("items", "咨询内容", true, &[H]),
    f("items[].number", "序号", false, &[]),
    f("items[].question", "疑问", true, &[H]),
    f("items[].answer", "解答", true, &[H]),
    f("group_chat_record", "微信群服务记录", true, &[]),
    f("recorded_at", "记录时间", false, &[]),
];

/// Medical-volunteer service record (服务记录表（医务志愿者使用）).
pub static MEDICAL_VOLUNTEER_RECORD: &[FieldInfo] = &[
    f("schema_version", "格式版本", false, &[]),
    f("seeker_name", "求助者姓名", true, &[]),
    f("gender", "性别", true, &[]),
    f("age", "年龄", true, &[]),
    f("education", "学历", true, &[]),
    f("marital_status", "婚姻状况", true, &[]),
    f("physical_condition", "身体状况", true, &[H]),
    f("other_medical_history", "有无其他病史", true, &[H]),
    f("previous_illness", "曾患病信息", true, &[H]),
    f("medicines_taken", "曾服用药物", true, &[H]),
    f("previous_treatment", "曾治疗方法", true, &[H]),
    f("previous_treatment_count", "曾治疗次数", true, &[H]),
    f("emergency_contact", "紧急联系人", true, &[]),
    f("emergency_contact.name", "紧急联系人", true, &[]),
    id("emergency_contact.phone", "联系电话", true, &[]),
    f("online_service", "在线服务内容", true, &[H]),
    f("advice", "专业建议", true, &[H]),
    f("result", "服务结果", true, &[H]),
    f("service_time", "服务时间", false, &[]),
    f("service_time.start", "起", false, &[]),
    f("service_time.end", "止", false, &[]),
    f("volunteer", "医务志愿者签名", false, &[]),
    f("date", "日期", false, &[]),
];

/// Psychological-volunteer service record (服务记录表（心理咨询志愿者使用）).
pub static PSYCHOLOGICAL_VOLUNTEER_RECORD: &[FieldInfo] = &[
    f("schema_version", "格式版本", false, &[]),
    f("seeker_name", "咨询者姓名", true, &[]),
    f("gender", "性别", true, &[]),
    f("age", "年龄", true, &[]),
    f("education", "学历", true, &[]),
    f("physical_condition", "身体状况", true, &[H]),
    f("marital_status", "婚姻状况", true, &[]),
    f("other_medical_history", "有无其他病史", true, &[H]),
    f("general_information", "一般资料", true, &[]),
    f("previous_consultations", "曾咨询次数", true, &[H]),
    f("medicines_used", "曾用药物", true, &[H]),
    f("therapies_used", "曾用疗法", true, &[H]),
    f("emergency_contact", "紧急联系人", true, &[]),
    f("emergency_contact.name", "紧急联系人", true, &[]),
    id("emergency_contact.phone", "联系电话", true, &[]),
    f("observation", "心理咨询师观察", true, &[H]),
    f("process", "心理咨询师在线咨询过程", true, &[H]),
    f("goal_plan", "目标方案", true, &[H]),
    f("next_appointment", "下次咨询时间", true, &[]),
    f("service_time", "服务时间", false, &[]),
    f("service_time.start", "起", false, &[]),
    f("service_time.end", "止", false, &[]),
    f("volunteer", "心理咨询志愿者签名", false, &[]),
    f("date", "日期", false, &[]),
];

/// Daily work summary (每日工作记录汇总表).
pub static DAILY_SUMMARY: &[FieldInfo] = &[
    f("schema_version", "格式版本", false, &[]),
    f("date", "日期", false, &[]),
    f("entries", "记录", true, &[]),
    f("entries[].request_date", "求助日期", false, &[]),
    f("entries[].group", "服务对象微信群名", false, &[]),
    f("entries[].community", "所属社区", true, &[]),
    f("entries[].confirmed", "是否确诊", true, &[H]),
    f("entries[].basic_info", "基本信息及症状描述", true, &[H]),
    f("entries[].basic_info.gender", "性别", true, &[]),
    f("entries[].basic_info.age", "年龄", true, &[]),
    f("entries[].basic_info.pregnant", "是否怀孕", true, &[H]),
    f("entries[].basic_info.pregnancy_week", "孕几周", true, &[H]),
    f(
        "entries[].basic_info.symptoms_and_onset",
        "曾何时出现什么症状",
        true,
        &[H],
    ),
    f(
        "entries[].basic_info.hospital_visits",
        "是否去过医院诊治",
        true,
        &[H],
    ),
    f(
        "entries[].basic_info.handling_so_far",
        "曾做过怎样的处理",
        true,
        &[H],
    ),
    f("entries[].basic_info.lives_with", "和谁共同居住", true, &[]),
    f("entries[].basic_info.carer", "是否有照顾者", true, &[]),
    f(
        "entries[].basic_info.current_symptoms",
        "目前症状",
        true,
        &[H],
    ),
    f("entries[].request", "求助内容", true, &[]),
    f("entries[].worker_service", "值班社工服务内容", true, &[]),
    f(
        "entries[].medical_volunteer_service",
        "值班医务志愿者服务内容",
        true,
        &[H],
    ),
    f(
        "entries[].psychological_volunteer_service",
        "值班心理志愿者服务内容",
        true,
        &[H],
    ),
    f("entries[].result", "服务结果", true, &[]),
    f("entries[].follow_up_advice", "跟进建议", true, &[]),
    f("entries[].screenshots", "微信截图", true, &[]),
    f("entries[].evaluation", "服务评估", false, &[]),
    f("entries[].recorder", "记录员", false, &[]),
];

/// Case-management follow-up table (个案管理跟进表).
pub static CASE_MANAGEMENT_FOLLOW_UP: &[FieldInfo] = &[
    f("schema_version", "格式版本", false, &[]),
    f("group", "组别", false, &[]),
    f("case_number", "个案编号", false, &[]),
    f("client_name", "案主姓名", true, &[]),
    f("gender", "性别", true, &[]),
    f("age", "年龄", true, &[]),
    f("address", "居住地址", true, &[W]),
    id("phone", "联系电话", true, &[]),
    f("intake_worker", "接案社工", false, &[]),
    id("intake_worker_phone", "接案社工联系电话", false, &[]),
    f("rows", "跟进记录", true, &[]),
    f("rows[].date", "日期", false, &[]),
    f("rows[].medical", "医疗", true, &[H]),
    f("rows[].medical.content", "内容", true, &[H]),
    f("rows[].medical.responsible", "负责人", false, &[]),
    id("rows[].medical.contact", "联系方式", false, &[]),
    f("rows[].psychological", "心理", true, &[H]),
    f("rows[].psychological.content", "内容", true, &[H]),
    f("rows[].psychological.responsible", "负责人", false, &[]),
    id("rows[].psychological.contact", "联系方式", false, &[]),
    f("rows[].other", "其他", true, &[]),
    f("rows[].other.content", "内容", true, &[]),
    f("rows[].other.responsible", "负责人", false, &[]),
    id("rows[].other.contact", "联系方式", false, &[]),
    f("rows[].other_kind", "其他类别", true, &[]),
    f("rows[].worker", "负责社工", false, &[]),
];

/// Volunteer registration form (志愿者信息登记表); the data subject is the volunteer.
pub static VOLUNTEER_REGISTRATION: &[FieldInfo] = &[
    f("schema_version", "格式版本", false, &[]),
    f("name", "姓名", true, &[]),
    f("gender", "性别", true, &[]),
    f("political_status", "政治面貌", true, &[]),
    id("id_number", "身份证号码", true, &[I]),
    f("years_of_work", "工作年限", true, &[]),
    f("school", "毕业院校", true, &[]),
    f("major_and_degree", "专业及学历", true, &[]),
    f("service_skills", "服务技能", true, &[]),
    f("region", "所在地区", true, &[]),
    id("phone", "联系电话", true, &[]),
    f("wechat_id", "微信号", true, &[]),
    f("employer", "工作单位", true, &[]),
    f(
        "similar_experience",
        "工作经历（类似公共事件工作经验）",
        true,
        &[],
    ),
    f("qualifications", "专业资质及证明材料", true, &[]),
    f("qualifications[].name", "资质名称", true, &[]),
    f("qualifications[].certificate_number", "证书编号", true, &[]),
    f("qualifications[].proof", "证明材料", true, &[]),
    f(
        "available_hours_per_week",
        "可参与志愿服务的时长（小时/周）",
        true,
        &[],
    ),
    f("time_slots", "可参与志愿服务的时段", true, &[]),
    f("positions", "可胜任志愿服务岗位", true, &[]),
    f("position_other", "其他岗位", true, &[]),
];

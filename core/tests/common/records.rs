//! One filled-in sample of every record kind, as JSON the way a platform would send it.

#![allow(dead_code, clippy::unwrap_used)]

use serde_json::{json, Value};
use shegong::assessment::{Record, RecordKind};

pub fn sample_json(kind: RecordKind) -> Value {
    match kind {
        RecordKind::HouseholdProfile => json!({
            "kind": "household_profile", "schema_version": 1,
            "name": "王秀英", "gender": "female", "date_of_birth": "1950-05-01",
            "address": "姑苏区某街道某小区3栋2单元501", "education": "junior_high", "major": "",
            "occupation": "退休", "household_income_yuan": 42000, "religion": "佛教",
            "political_status": "masses", "contact": "13800131234", "hobbies": ["书法", "太极"],
            "willing_to_volunteer": true,
            "direct_relatives": [{"name": "李强", "relation": "儿子", "contact": "13912345678", "interaction": "rare"}],
            "collateral_relatives": [{"name": "王秀兰", "relation": "妹妹", "interaction": "close"}],
            "welfare_received": ["高龄津贴"], "difficulties": ["独居", "行动不便"],
            "current_needs": ["助餐"], "near_term_needs": ["居家适老化改造"], "long_term_needs": ["长期照护"]
        }),
        RecordKind::ServiceRecord => json!({
            "kind": "service_record", "schema_version": 1,
            "client_name": "赵先生", "gender": "male", "age": 67, "phone": "13800131234",
            "community": "某社区", "address": "某小区5栋101",
            "emergency_contact": {"name": "赵女士", "phone": "0512-6521 1234"},
            "concerns": {"emotion": "焦虑", "medical": "慢性病缺药", "psychological": "", "other": ""},
            "needs": {"medical": ["health_consultation", "treatment_advice"], "care": ["daily_living_care"],
                      "support": ["medical_supplies", "emotional_support"], "support_other": "代购药品"},
            "service_time": {"start": "2026-03-03T09:30:00+08:00", "end": "2026-03-03T10:15:00+08:00"},
            "service_content": ["链接社区医生", "情绪疏导"], "result": "已送药上门",
            "follow_up_advice": "一周后电话回访", "worker": "李社工", "date": "2026-03-03"
        }),
        RecordKind::ConsultationRecord => json!({
            "kind": "consultation_record", "schema_version": 1,
            "group": "心理咨询群", "serial_number": "2026-031", "client_name": "陈女士", "gender": "female",
            "age": 35, "address": "某小区", "phone": "13700001111", "category": "psychological",
            "server_name": "刘咨询师", "server_phone": "13600002222", "recorder": "群秘书小何",
            "items": [{"number": 1, "question": "失眠怎么办", "answer": "建议规律作息"},
                      {"number": 2, "question": "需要吃药吗", "answer": "建议就医评估"}],
            "group_chat_record": "见截图 1-3", "recorded_at": "2026-03-03T10:00:00+08:00"
        }),
        RecordKind::MedicalVolunteerRecord => json!({
            "kind": "medical_volunteer_record", "schema_version": 1,
            "seeker_name": "孙先生", "gender": "male", "age": 58, "education": "senior_high",
            "marital_status": "married", "physical_condition": "发热两天", "other_medical_history": "高血压",
            "previous_illness": "无", "medicines_taken": "布洛芬", "previous_treatment": "居家观察",
            "previous_treatment_count": 0, "emergency_contact": {"name": "孙太太", "phone": "13500003333"},
            "online_service": "线上问诊", "advice": "就近发热门诊", "result": "已就诊",
            "service_time": {"start": "2026-03-04T20:00:00+08:00", "end": "2026-03-04T20:30:00+08:00"},
            "volunteer": "周医生", "date": "2026-03-04"
        }),
        RecordKind::PsychologicalVolunteerRecord => json!({
            "kind": "psychological_volunteer_record", "schema_version": 1,
            "seeker_name": "吴女士", "gender": "female", "age": 29, "education": "bachelor",
            "physical_condition": "良好", "marital_status": "single", "general_information": "居家隔离第5天",
            "previous_consultations": 1, "medicines_used": "", "therapies_used": "",
            "observation": "情绪低落", "process": "倾听、正常化", "goal_plan": "建立日常作息",
            "next_appointment": "2026-03-08T19:00:00+08:00",
            "service_time": {"start": "2026-03-05T19:00:00+08:00", "end": "2026-03-05T19:50:00+08:00"},
            "volunteer": "郑咨询师", "date": "2026-03-05"
        }),
        RecordKind::DailySummary => json!({
            "kind": "daily_summary", "schema_version": 1, "date": "2026-03-05",
            "entries": [{
                "request_date": "2026-03-05", "group": "某小区居民群", "community": "某社区", "confirmed": false,
                "basic_info": {"gender": "female", "age": 31, "pregnant": true, "pregnancy_week": 28,
                               "symptoms_and_onset": "3月4日起咳嗽", "hospital_visits": "未就诊", "handling_so_far": "多喝水",
                               "lives_with": "丈夫", "carer": "丈夫", "current_symptoms": "轻咳"},
                "request": "孕检预约", "worker_service": "协调社区", "medical_volunteer_service": "线上评估",
                "psychological_volunteer_service": "", "result": "已预约", "follow_up_advice": "次日回访",
                "screenshots": ["img-0305-1"], "evaluation": "满意", "recorder": "群秘书小何"
            }]
        }),
        RecordKind::CaseManagementFollowUp => json!({
            "kind": "case_management_follow_up", "schema_version": 1, "group": "重点陪助群",
            "case_number": "SZ-2026-0012", "client_name": "周大爷", "gender": "male", "age": 85,
            "address": "某小区", "phone": "13800131234", "intake_worker": "陈社工", "intake_worker_phone": "13900009999",
            "rows": [{"date": "2026-03-06",
                      "medical": {"content": "上门测血压", "responsible": "社区医生", "contact": "13800001111"},
                      "psychological": {"content": "电话慰问", "responsible": "心理志愿者"},
                      "other": {"content": "送餐", "responsible": "志愿者"}, "other_kind": "生活",
                      "worker": "陈社工"}]
        }),
        RecordKind::VolunteerRegistration => json!({
            "kind": "volunteer_registration", "schema_version": 1,
            "name": "刘医生", "gender": "female", "political_status": "cpc_member",
            "id_number": "11010519491231002X", "years_of_work": 20, "school": "苏州大学医学部",
            "major_and_degree": "临床医学 本科", "service_skills": ["全科问诊"], "region": "姑苏区",
            "phone": "13800131234", "wechat_id": "liu_doctor", "employer": "某社区卫生服务中心",
            "similar_experience": "2020年线上抗疫志愿服务",
            "qualifications": [{"name": "执业医师", "certificate_number": "110320000000001", "proof": "scan-0001"}],
            "available_hours_per_week": 6, "time_slots": ["工作日 19:00-21:00"], "positions": ["medical"]
        }),
    }
}

pub fn sample(kind: RecordKind) -> Record {
    Record::from_json(&sample_json(kind).to_string()).unwrap()
}

//! The names of every event type of the three event-sourced aggregates (case, activity,
//! volunteer) and of the obligation statuses, as labelled enums: each parses from and prints
//! as its serialised name (`FromStr`, `Display`) and carries its Chinese label, so a binding
//! converts a type name from a string without going through JSON, and a platform can show
//! it in Chinese.

use crate::labels::labelled_enum;

labelled_enum! {
    /// The type of a case event (个案事件), as `EventKind`'s `type` tag names it.
    pub enum CaseEventType {
        Received = "received" => "收到申请",
        ConsultationHeld = "consultation_held" => "咨询面谈",
        CrisisDeclared = "crisis_declared" => "启动危机介入",
        CrisisReported = "crisis_reported" => "危机上报",
        NotOpened = "not_opened" => "不予开案",
        ConsultationReplied = "consultation_replied" => "咨询回复",
        ReferralInAssessed = "referral_in_assessed" => "转介评估",
        ReferralDeclineReplied = "referral_decline_replied" => "转介不予接收回复",
        IntakeAccepted = "intake_accepted" => "接案",
        ConsentGiven = "consent_given" => "签署知情同意书",
        ConsentRevoked = "consent_revoked" => "撤回知情同意",
        Opened = "opened" => "开案",
        OpeningSubmitted = "opening_submitted" => "提交开案记录",
        OpeningDecided = "opening_decided" => "开案审批",
        Met = "met" => "面谈",
        Contacted = "contacted" => "联系服务对象",
        ContactFailed = "contact_failed" => "联系未果",
        NoteAdded = "note_added" => "添加记录",
        AssessmentCompleted = "assessment_completed" => "完成预估",
        PlanAgreed = "plan_agreed" => "制定服务计划",
        InterventionStarted = "intervention_started" => "开始介入",
        EvaluationRecorded = "evaluation_recorded" => "记录评估",
        ClientEvaluationReceived = "client_evaluation_received" => "收到服务对象评估",
        ClosingProposed = "closing_proposed" => "提出结案",
        Withdrawn = "withdrawn" => "服务对象退出",
        Terminated = "terminated" => "终止服务",
        ReferredOut = "referred_out" => "转介出",
        ClosingReportSubmitted = "closing_report_submitted" => "提交结案报告",
        ClosingDecided = "closing_decided" => "结案审批",
        FollowedUp = "followed_up" => "结案跟进",
        Reopened = "reopened" => "重新开案",
        SubPlanAdded = "sub_plan_added" => "新增子计划",
        SubPlanUpdated = "sub_plan_updated" => "更新子计划",
        FormFiled = "form_filed" => "表格归档",
        RightsInformed = "rights_informed" => "告知申请及退出机制",
        ClosingDateAnnounced = "closing_date_announced" => "告知结案日期",
        EscalationRecorded = "escalation_recorded" => "医务志愿者紧急上报",
        EscalationAssessed = "escalation_assessed" => "社工评估上报",
    }
}

labelled_enum! {
    /// The type of an activity event (小组及社区活动事件), as `ActivityEvent`'s `type` tag names it.
    pub enum ActivityEventType {
        Planned = "planned" => "制定计划书",
        PlanSubmitted = "plan_submitted" => "提交计划书",
        PlanReviewed = "plan_reviewed" => "计划书审批",
        Recruited = "recruited" => "招募组员",
        SessionHeld = "session_held" => "开展节次",
        SessionSummarySubmitted = "session_summary_submitted" => "提交节次总结",
        MiddleStageBegan = "middle_stage_began" => "进入中期",
        MidtermEvaluated = "midterm_evaluated" => "中期评估",
        Ended = "ended" => "活动结束",
        WrapUpSubmitted = "wrap_up_submitted" => "提交总结报告",
        ServiceEvaluated = "service_evaluated" => "服务评估",
    }
}

labelled_enum! {
    /// The type of a volunteer event (志愿者事件), as `VolunteerEvent`'s `type` tag names it.
    pub enum VolunteerEventType {
        Registered = "registered" => "登记",
        Screened = "screened" => "资格审核",
        Trained = "trained" => "岗前培训",
        AgreementDrafted = "agreement_drafted" => "拟订保密协议",
        AgreementSigned = "agreement_signed" => "签订保密协议",
        AgreementTerminated = "agreement_terminated" => "终止保密协议",
        Deployed = "deployed" => "派驻",
        Undeployed = "undeployed" => "撤回派驻",
        BreachRecorded = "breach_recorded" => "记录违反保密协议",
        BreachActionTaken = "breach_action_taken" => "违约处理",
        AcquaintanceDeclared = "acquaintance_declared" => "申报熟人关系",
        Commended = "commended" => "表彰",
        Ended = "ended" => "退出",
    }
}

labelled_enum! {
    /// The name of an obligation's status (`ObligationStatus`'s `status` tag), for filters
    /// and dashboards.
    pub enum ObligationStatusName {
        Pending = "pending" => "待办",
        AtRisk = "at_risk" => "临期",
        Overdue = "overdue" => "逾期",
        Met = "met" => "已完成",
        Released = "released" => "已解除",
        NotComputable = "not_computable" => "无法计算",
    }
}

//! `Activity`: group work (小组) and community activities (社区活动), on the core's event log.

use shegong::activity::{self as core, ActivityEvent, ActivityRecord};
use shegong::history::NewEvent;
use wasm_bindgen::prelude::*;

use crate::calendar::Calendar;
use crate::convert::{instant, json_text, read_js, to_js};
use crate::deadline::RuleSet;
use crate::errors::OrThrow;

/// An activity: its planned sessions and the tamper-evident history of what happened.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Activity(pub(crate) core::Activity);

#[wasm_bindgen]
impl Activity {
    /// Starts an activity from its first event (`planned`).
    pub fn start(
        #[wasm_bindgen(unchecked_param_type = "T.NewActivityEvent")] event: JsValue,
    ) -> Result<Activity, JsValue> {
        let e: NewEvent<ActivityEvent> = read_js(&event, "event", core::new_event_from_json)?;
        core::Activity::start(e).or_throw().map(Activity)
    }

    /// Checks an event and appends it; returns `{seq, hash, stage, warnings}`. A refused
    /// event throws and changes nothing.
    #[wasm_bindgen(unchecked_return_type = "T.ActivityApplied")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "T.NewActivityEvent")] event: JsValue,
    ) -> Result<JsValue, JsValue> {
        let e: NewEvent<ActivityEvent> = read_js(&event, "event", core::new_event_from_json)?;
        to_js(&self.0.apply(e).or_throw()?)
    }

    /// Rebuilds an activity from its recorded events, verifying the chain and every guard.
    pub fn replay(
        #[wasm_bindgen(unchecked_param_type = "T.RecordedEvent[]")] events: JsValue,
    ) -> Result<Activity, JsValue> {
        let e: Vec<ActivityRecord> = read_js(&events, "events", core::events_from_json)?;
        core::Activity::replay(e).or_throw().map(Activity)
    }

    /// Reads a stored history (an object, or JSON text).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | T.StoredActivity")] json: JsValue,
    ) -> Result<Activity, JsValue> {
        let text = json_text(&json, "activity")?;
        core::Activity::from_json(&text).or_throw().map(Activity)
    }

    /// The stored history as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        self.0.to_json().or_throw()
    }

    /// The stored history as a plain object.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "T.StoredActivity")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.to_stored())
    }

    /// The plan.
    #[wasm_bindgen(js_name = planOf, unchecked_return_type = "Record<string, unknown>")]
    pub fn plan_of(&self) -> Result<JsValue, JsValue> {
        to_js(self.0.plan_of())
    }

    /// Warnings against the group-work norms.
    #[wasm_bindgen(js_name = normWarnings, unchecked_return_type = "Record<string, unknown>[]")]
    pub fn norm_warnings(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.norm_warnings())
    }

    /// The recorded events, oldest first.
    #[wasm_bindgen(getter, unchecked_return_type = "T.RecordedEvent[]")]
    pub fn history(&self) -> Result<JsValue, JsValue> {
        to_js(self.0.history())
    }

    /// The chain head.
    #[wasm_bindgen(getter)]
    pub fn head(&self) -> String {
        self.0.head().to_owned()
    }

    /// Sessions held so far.
    #[wasm_bindgen(getter, js_name = sessionsHeld)]
    pub fn sessions_held(&self) -> u32 {
        self.0.sessions_held()
    }

    /// The group's stage, for group work (`null` otherwise).
    #[wasm_bindgen(getter, js_name = groupStage)]
    pub fn group_stage(&self) -> Option<String> {
        self.0.group_stage().map(|s| crate::convert::label(&s))
    }

    /// The day the activity ended, if it has.
    #[wasm_bindgen(getter, js_name = endedOn, unchecked_return_type = "IsoDate | undefined")]
    pub fn ended_on(&self) -> Option<String> {
        self.0.ended_on().map(|d| d.to_string())
    }
}

#[wasm_bindgen]
impl RuleSet {
    /// The obligations an activity owes as of `now` (an RFC 3339 instant).
    #[wasm_bindgen(js_name = activityObligations, unchecked_return_type = "T.Obligation[]")]
    pub fn activity_obligations(
        &self,
        activity: &Activity,
        calendar: &Calendar,
        #[wasm_bindgen(unchecked_param_type = "Instant")] now: &str,
    ) -> Result<JsValue, JsValue> {
        to_js(
            &self
                .0
                .activity_obligations(&activity.0, &calendar.0, instant(now, "now")?),
        )
    }
}

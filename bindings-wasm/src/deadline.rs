//! `RuleSet`: deadline rules as data, and the obligations they raise.

use shegong::deadline::{Offset, Rule, RuleSet as Core};
use shegong::report::{Batch, BatchError};
use wasm_bindgen::prelude::*;

use crate::calendar::Calendar;
use crate::case::Case;
use crate::convert::{from_js, instant, json_text, to_js};
use crate::errors::OrThrow;

/// A versioned set of deadline rules: the built-in preset, or an agency's own.
#[wasm_bindgen]
#[derive(Clone)]
pub struct RuleSet(pub(crate) Core);

#[wasm_bindgen]
impl RuleSet {
    /// Every time limit of the sources.
    pub fn preset() -> RuleSet {
        RuleSet(Core::preset())
    }

    /// A rule set from an object or JSON text, validated.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | T.RuleSetData")] json: JsValue,
    ) -> Result<RuleSet, JsValue> {
        let text = json_text(&json, "rule_set")?;
        Core::from_json(&text).or_throw().map(RuleSet)
    }

    /// The rule set as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        self.0.to_json().or_throw()
    }

    /// The set with one rule's offset replaced, e.g. `{working_days: 3}` or `{hours: 2}`.
    #[wasm_bindgen(js_name = withOffset)]
    pub fn with_offset(
        &self,
        rule_id: &str,
        #[wasm_bindgen(unchecked_param_type = "T.Offset")] offset: JsValue,
    ) -> Result<RuleSet, JsValue> {
        let o: Offset = from_js(&offset, "offset")?;
        self.0
            .clone()
            .with_offset(rule_id, o)
            .or_throw()
            .map(RuleSet)
    }

    /// The set without one rule.
    pub fn without(&self, rule_id: &str) -> Result<RuleSet, JsValue> {
        self.0.clone().without(rule_id).or_throw().map(RuleSet)
    }

    /// The set with one more rule.
    #[wasm_bindgen(js_name = withRule)]
    pub fn with_rule(
        &self,
        #[wasm_bindgen(unchecked_param_type = "T.Rule")] rule: JsValue,
    ) -> Result<RuleSet, JsValue> {
        let r: Rule = from_js(&rule, "rule")?;
        self.0.clone().with_rule(r).or_throw().map(RuleSet)
    }

    /// The set renamed and re-versioned.
    pub fn renamed(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] version: JsValue,
    ) -> Result<RuleSet, JsValue> {
        let name = crate::convert::text(&name, "name")?;
        let version = crate::convert::text(&version, "version")?;
        Ok(RuleSet(self.0.clone().renamed(&name, &version)))
    }

    /// The obligations a case owes as of `now` (an RFC 3339 instant).
    #[wasm_bindgen(unchecked_return_type = "T.Obligation[]")]
    pub fn obligations(
        &self,
        case: &Case,
        calendar: &Calendar,
        #[wasm_bindgen(unchecked_param_type = "Instant")] now: &str,
    ) -> Result<JsValue, JsValue> {
        to_js(
            &self
                .0
                .obligations(&case.0, &calendar.0, instant(now, "now")?),
        )
    }

    /// The rules, as plain objects.
    #[wasm_bindgen(getter, unchecked_return_type = "T.Rule[]")]
    pub fn rules(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.rules)
    }

    /// The set's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.0.name.clone()
    }

    /// The set's version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.0.version.clone()
    }
}

/// Evaluates many stored histories (objects or JSON text) as of `now`: every history gives
/// its obligation rows and summary, or one error row (`{index, code, message}`), as in the
/// core; a value that cannot even be converted (too deep, not an object) gets its error row
/// here, so the row invariant holds for JS input too.
#[wasm_bindgen(js_name = evaluateHistories, unchecked_return_type = "T.Batch")]
pub fn evaluate_histories(
    #[wasm_bindgen(unchecked_param_type = "(string | T.StoredCase)[]")] histories: Vec<JsValue>,
    rule_set: &RuleSet,
    calendar: &Calendar,
    #[wasm_bindgen(unchecked_param_type = "Instant")] now: &str,
) -> Result<JsValue, JsValue> {
    shegong::json::check_count(
        "histories",
        "",
        histories.len(),
        "MAX_BATCH_HISTORIES",
        shegong::limits::MAX_BATCH_HISTORIES,
    )
    .or_throw()?;
    let now = instant(now, "now")?;
    let mut batch = Batch::default();
    for (index, history) in histories.iter().enumerate() {
        match json_text(history, "history") {
            Ok(text) => {
                let one = shegong::report::evaluate_histories(
                    [text.as_str()],
                    &rule_set.0,
                    &calendar.0,
                    now,
                    index,
                );
                batch.obligations.extend(one.obligations);
                batch.cases.extend(one.cases);
                batch.errors.extend(one.errors);
            }
            Err(e) => batch.errors.push(BatchError {
                index,
                code: js_sys::Reflect::get(&e, &"code".into())
                    .ok()
                    .and_then(|c| c.as_string())
                    .unwrap_or_default(),
                message: js_sys::Reflect::get(&e, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
                    .unwrap_or_default(),
            }),
        }
    }
    to_js(&batch)
}

//! `Calendar`: China's official working-day calendar.

use shegong::calendar::{AgencyDay, Calendar as Core};
use wasm_bindgen::prelude::*;

use crate::convert::{date, from_js, int_arg, json_text, number, to_js};
use crate::errors::{malformed, OrThrow};

/// China's official working-day calendar (工作日, 调休), optionally answering provisional
/// years and carrying an agency's own closures and duty days.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Calendar(pub(crate) Core);

#[wasm_bindgen]
impl Calendar {
    /// The official calendar.
    pub fn china() -> Calendar {
        Calendar(Core::china())
    }

    /// A calendar from its stored description (an object, or a JSON string).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] json: JsValue,
    ) -> Result<Calendar, JsValue> {
        let text = json_text(&json, "calendar")?;
        Core::from_json(&text).or_throw().map(Calendar)
    }

    /// The calendar's stored description, as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        serde_json::to_string(&self.0)
            .map_err(|_| malformed("the calendar could not be written as JSON"))
    }

    /// This calendar answering (or not) provisional years with the weekday-only rule.
    #[wasm_bindgen(js_name = withProvisional)]
    pub fn with_provisional(&self, allow: bool) -> Calendar {
        Calendar(self.0.clone().with_provisional(allow))
    }

    /// An agency calendar: closures and extra working days as `{date, note}` lists.
    #[wasm_bindgen(js_name = withAgencyDays)]
    pub fn with_agency_days(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "T.AgencyDay[]")] closures: JsValue,
        #[wasm_bindgen(unchecked_param_type = "T.AgencyDay[]")] extra_workdays: JsValue,
    ) -> Result<Calendar, JsValue> {
        let c: Vec<AgencyDay> = from_js(&closures, "closures")?;
        let e: Vec<AgencyDay> = from_js(&extra_workdays, "extra_workdays")?;
        let name = crate::convert::text(&name, "name")?;
        self.0
            .with_agency_days(&name, c, e)
            .or_throw()
            .map(Calendar)
    }

    /// Whether `date` is a working day.
    #[wasm_bindgen(js_name = isWorkday)]
    pub fn is_workday(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
    ) -> Result<bool, JsValue> {
        self.0.is_workday(date(on, "date")?).or_throw()
    }

    /// What kind of day `date` is.
    #[wasm_bindgen(unchecked_return_type = "T.Day")]
    pub fn day(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
    ) -> Result<JsValue, JsValue> {
        to_js(&self.0.day(date(on, "date")?).or_throw()?)
    }

    /// The `n`-th working day after `date` (before it for negative `n`).
    #[wasm_bindgen(js_name = addWorkdays, unchecked_return_type = "IsoDate")]
    pub fn add_workdays(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
        #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    ) -> Result<String, JsValue> {
        let d = self
            .0
            .add_workdays(date(on, "date")?, int_arg::<i64>(&n, "n")?)
            .or_throw()?;
        Ok(d.to_string())
    }

    /// `addWorkdays`, with whether the answer depends on a provisional year.
    #[wasm_bindgen(js_name = addWorkdaysChecked, unchecked_return_type = "T.Checked<IsoDate>")]
    pub fn add_workdays_checked(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
        #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(
            &self
                .0
                .add_workdays_checked(date(on, "date")?, int_arg::<i64>(&n, "n")?)
                .or_throw()?,
        )
    }

    /// Working days `d` with `start < d <= end` (negative when `end < start`).
    #[wasm_bindgen(js_name = workdaysBetween)]
    pub fn workdays_between(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] start: &str,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] end: &str,
    ) -> Result<f64, JsValue> {
        let n = self
            .0
            .workdays_between(date(start, "start")?, date(end, "end")?)
            .or_throw()?;
        Ok(number(n))
    }

    /// `workdaysBetween`, with whether the count depends on a provisional year.
    #[wasm_bindgen(js_name = workdaysBetweenChecked, unchecked_return_type = "T.Checked<number>")]
    pub fn workdays_between_checked(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] start: &str,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] end: &str,
    ) -> Result<JsValue, JsValue> {
        to_js(
            &self
                .0
                .workdays_between_checked(date(start, "start")?, date(end, "end")?)
                .or_throw()?,
        )
    }

    /// `date` if it is a working day, else the next one.
    #[wasm_bindgen(js_name = workdayOnOrAfter, unchecked_return_type = "IsoDate")]
    pub fn workday_on_or_after(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
    ) -> Result<String, JsValue> {
        Ok(self
            .0
            .workday_on_or_after(date(on, "date")?)
            .or_throw()?
            .to_string())
    }

    /// `date` if it is a working day, else the previous one.
    #[wasm_bindgen(js_name = workdayOnOrBefore, unchecked_return_type = "IsoDate")]
    pub fn workday_on_or_before(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
    ) -> Result<String, JsValue> {
        Ok(self
            .0
            .workday_on_or_before(date(on, "date")?)
            .or_throw()?
            .to_string())
    }

    /// Working days in `year`.
    #[wasm_bindgen(js_name = workdaysInYear)]
    pub fn workdays_in_year(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
    ) -> Result<u32, JsValue> {
        let y: i32 = int_arg(&year, "year")?;
        self.0.workdays_in_year(y).or_throw()
    }

    /// The facts of one year: notices, statutory holiday days, breaks, working days.
    #[wasm_bindgen(js_name = yearFacts, unchecked_return_type = "T.YearFacts")]
    pub fn year_facts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
    ) -> Result<JsValue, JsValue> {
        let y: i32 = int_arg(&year, "year")?;
        to_js(&self.0.year_facts(y).or_throw()?)
    }

    /// Whether `date` is covered by official data.
    #[wasm_bindgen(js_name = isOfficial)]
    pub fn is_official(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IsoDate")] on: &str,
    ) -> Result<bool, JsValue> {
        Ok(self.0.is_official(date(on, "date")?))
    }

    /// The display name ("CN official", or the agency's).
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.0.name().to_owned()
    }

    /// The version of the embedded official data.
    #[wasm_bindgen(getter, js_name = dataVersion)]
    pub fn data_version(&self) -> String {
        self.0.data_version().to_owned()
    }

    /// The first date answered.
    #[wasm_bindgen(getter, js_name = firstDate, unchecked_return_type = "IsoDate")]
    pub fn first_date(&self) -> String {
        self.0.first_date().to_string()
    }

    /// The last date answered.
    #[wasm_bindgen(getter, js_name = lastDate, unchecked_return_type = "IsoDate")]
    pub fn last_date(&self) -> String {
        self.0.last_date().to_string()
    }

    /// The last date covered by official data.
    #[wasm_bindgen(getter, js_name = officialLastDate, unchecked_return_type = "IsoDate")]
    pub fn official_last_date(&self) -> String {
        self.0.official_last_date().to_string()
    }

    /// Whether provisional years are answered.
    #[wasm_bindgen(getter, js_name = allowsProvisional)]
    pub fn allows_provisional(&self) -> bool {
        self.0.allows_provisional()
    }
}

//! Arrow in and out through the Arrow PyCapsule interface, so that pyarrow, Polars, DuckDB and
//! pandas (`ArrowDtype`) take the batch tables and the columnar calendar's answers without a
//! copy, and hand their string and date columns in the same way. Export uses arrow-array's own
//! safe constructors of the C structs; import, which must read foreign pointers, goes through
//! `pyo3-arrow`, so no `unsafe` is written here. A consumer's `requested_schema` is ignored, as
//! the interface allows: the types are fixed and documented, and casting would link all of
//! `arrow-cast` (megabytes) into the wheel.

use std::sync::Arc;

use arrow_array::array::{
    Array, ArrayRef, BooleanArray, Date32Array, Int64Array, LargeStringArray, StringArray,
    StringViewArray, TimestampMicrosecondArray,
};
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use arrow_schema::{DataType, Field, FieldRef, Schema, SchemaRef};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};
use pyo3_arrow::input::AnyArray;
use shegong::report::Batch;

use crate::errors::{raise, Class};

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01, Arrow's and numpy's day 0.
const EPOCH_FROM_CE: i32 = 719_163;

/// The Arrow `date32` value of a date: days since 1970-01-01. Every date chrono holds fits.
pub fn date32(d: NaiveDate) -> i32 {
    d.num_days_from_ce().saturating_sub(EPOCH_FROM_CE)
}

/// The date of an Arrow `date32` value, if chrono can hold it.
pub fn from_date32(days: i32) -> Option<NaiveDate> {
    days.checked_add(EPOCH_FROM_CE)
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

fn arrow_err(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("arrow: {e}"))
}

/// The capsule names the Arrow PyCapsule interface requires.
const SCHEMA: &std::ffi::CStr = c"arrow_schema";
const ARRAY: &std::ffi::CStr = c"arrow_array";
const STREAM: &std::ffi::CStr = c"arrow_array_stream";

fn schema_capsule<'py>(py: Python<'py>, field: &Field) -> PyResult<Bound<'py, PyCapsule>> {
    let schema = FFI_ArrowSchema::try_from(field).map_err(arrow_err)?;
    PyCapsule::new_with_value(py, schema, SCHEMA)
}

/// The stream of one record batch (a table) as a capsule.
fn stream_capsule(py: Python<'_>, batch: RecordBatch) -> PyResult<Bound<'_, PyCapsule>> {
    let schema = batch.schema();
    let reader = RecordBatchIterator::new(vec![Ok(batch)], schema);
    PyCapsule::new_with_value(py, FFI_ArrowArrayStream::new(Box::new(reader)), STREAM)
}

/// A table exported through the Arrow PyCapsule interface (`__arrow_c_stream__`):
/// `pyarrow.table(t)`, `polars.DataFrame(t)`, `duckdb.from_arrow(t)` read it without a copy.
#[pyclass(frozen, module = "shegong", name = "ArrowTable")]
pub struct ArrowTable {
    batch: RecordBatch,
}

#[pymethods]
impl ArrowTable {
    /// The Arrow C stream of the table's record batches (the Arrow PyCapsule interface).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        stream_capsule(py, self.batch.clone())
    }

    /// The Arrow C schema of the table.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema =
            FFI_ArrowSchema::try_from(self.batch.schema_ref().as_ref()).map_err(arrow_err)?;
        PyCapsule::new_with_value(py, schema, SCHEMA)
    }

    /// The number of rows.
    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowTable(rows={}, columns={})",
            self.batch.num_rows(),
            self.batch.num_columns()
        )
    }
}

/// One column exported through the Arrow PyCapsule interface (`__arrow_c_array__`):
/// `pyarrow.array(a)`, `polars.Series(a)` read it without a copy.
#[pyclass(frozen, module = "shegong", name = "ArrowArray")]
pub struct ArrowArray {
    array: ArrayRef,
}

impl ArrowArray {
    /// Wraps an array.
    pub fn new(array: ArrayRef) -> Self {
        ArrowArray { array }
    }

    fn field(&self) -> FieldRef {
        Field::new("", self.array.data_type().clone(), true).into()
    }
}

#[pymethods]
impl ArrowArray {
    /// The Arrow C schema and array (the Arrow PyCapsule interface).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema;
        let schema = schema_capsule(py, self.field().as_ref())?;
        let array =
            PyCapsule::new_with_value(py, FFI_ArrowArray::new(&self.array.to_data()), ARRAY)?;
        PyTuple::new(py, [schema, array])
    }

    /// The Arrow C schema of the array's type.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        schema_capsule(py, self.field().as_ref())
    }

    /// The number of values.
    fn __len__(&self) -> usize {
        self.array.len()
    }

    /// The Arrow type, as Arrow names it (`Date32`, `Int64`, `Boolean`).
    #[getter]
    fn r#type(&self) -> String {
        self.array.data_type().to_string()
    }

    /// The number of nulls.
    #[getter]
    fn null_count(&self) -> usize {
        self.array.null_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowArray(type={}, len={}, nulls={})",
            self.array.data_type(),
            self.array.len(),
            self.array.null_count()
        )
    }
}

/// Whether `obj` speaks the Arrow PyCapsule interface for arrays or streams.
pub fn is_arrow(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(obj.hasattr(pyo3::intern!(obj.py(), "__arrow_c_array__"))?
        || obj.hasattr(pyo3::intern!(obj.py(), "__arrow_c_stream__"))?)
}

/// An Arrow array, chunked array or stream, read whole: its chunks, all of one type. The
/// export itself failing is a plain error (the caller may fall back to iterating); data that
/// was exported but is inconsistent is refused by [`validated`].
pub fn read_chunks(obj: &Bound<'_, PyAny>) -> PyResult<(Vec<ArrayRef>, DataType)> {
    let any: AnyArray = obj.extract()?;
    let chunked = any.into_chunked_array()?;
    let (chunks, field) = chunked.into_inner();
    Ok((chunks, field.data_type().clone()))
}

/// Checks imported chunks whole before a value is read: buffers long enough for the length
/// and offset, offsets in bounds and rising, text valid UTF-8, null counts true. The C data
/// interface trusts the producer; a producer whose schema and array disagree would otherwise
/// make the reader run past a buffer. Refused as `InvalidInput`.
pub fn validated(chunks: Vec<ArrayRef>, what: &str) -> PyResult<Vec<ArrayRef>> {
    for (i, c) in chunks.iter().enumerate() {
        c.to_data().validate_full().map_err(|e| {
            raise(
                Class::InvalidInput,
                None,
                &format!("{what}: the Arrow data exported (chunk {i}) is not valid: {e}"),
            )
        })?;
    }
    Ok(chunks)
}

/// Reads one date32 array (a chunked one is concatenated): the values and their validity.
pub fn read_date32(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Date32Array> {
    let (chunks, ty) = read_chunks(obj)?;
    let chunks = validated(chunks, what)?;
    if ty != DataType::Date32 {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an Arrow date32 array (or a numpy datetime64[D] array), not Arrow {ty}"
        )));
    }
    let mut parts = Vec::with_capacity(chunks.len());
    for c in &chunks {
        let part = c.as_any().downcast_ref::<Date32Array>().ok_or_else(|| {
            PyTypeError::new_err(format!("{what}: chunks of differing Arrow types"))
        })?;
        parts.push(part);
    }
    Ok(match parts.as_slice() {
        [one] => (*one).clone(),
        // Several chunks (a Polars series may come so) are joined; nulls stay nulls.
        _ => parts.iter().flat_map(|p| p.iter()).collect(),
    })
}

/// Whether an Arrow type is text (utf8, large_utf8 or utf8_view).
pub fn is_text(ty: &DataType) -> bool {
    matches!(
        ty,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// The texts of an Arrow string column (utf8, large_utf8 or utf8_view, as Polars gives), each
/// borrowed from the Arrow buffers; `None` for a null. `Ok(None)` when the column is not text,
/// so the caller can fall back to iterating the object.
pub fn with_texts<R>(
    chunks: &[ArrayRef],
    f: impl FnOnce(Vec<Option<&str>>) -> PyResult<R>,
) -> PyResult<Option<R>> {
    let mut texts = Vec::new();
    for c in chunks {
        let any = c.as_any();
        if let Some(a) = any.downcast_ref::<StringArray>() {
            texts.extend(a.iter());
        } else if let Some(a) = any.downcast_ref::<LargeStringArray>() {
            texts.extend(a.iter());
        } else if let Some(a) = any.downcast_ref::<StringViewArray>() {
            texts.extend(a.iter());
        } else {
            return Ok(None);
        }
    }
    f(texts).map(Some)
}

fn int64(v: usize) -> PyResult<i64> {
    i64::try_from(v).map_err(|_| PyValueError::new_err("a row index does not fit in int64"))
}

fn int64_column(values: impl Iterator<Item = usize>) -> PyResult<ArrayRef> {
    let v = values.map(int64).collect::<PyResult<Vec<_>>>()?;
    Ok(Arc::new(Int64Array::from(v)))
}

fn text_column<'a>(values: impl Iterator<Item = &'a str>) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(values))
}

fn date_column(values: impl Iterator<Item = Option<NaiveDate>>) -> ArrayRef {
    Arc::new(Date32Array::from_iter(values.map(|d| d.map(date32))))
}

/// The time zone of the `due_at` column: China's fixed offset, in which core states every
/// instant deadline. The values are instants either way; the zone is only how they show.
const DUE_AT_ZONE: &str = "+08:00";

fn instant_column(values: impl Iterator<Item = Option<DateTime<FixedOffset>>>) -> ArrayRef {
    let micros = values.map(|t| t.map(|t| t.timestamp_micros()));
    Arc::new(TimestampMicrosecondArray::from_iter(micros).with_timezone(DUE_AT_ZONE))
}

fn table(columns: Vec<(&str, ArrayRef)>) -> PyResult<ArrowTable> {
    let fields: Vec<Field> = columns
        .iter()
        .map(|(name, a)| {
            Field::new(
                *name,
                a.data_type().clone(),
                a.null_count() > 0 || nullable(name),
            )
        })
        .collect();
    let schema: SchemaRef = Arc::new(Schema::new(fields));
    let arrays = columns.into_iter().map(|(_, a)| a).collect();
    let batch = RecordBatch::try_new(schema, arrays).map_err(arrow_err)?;
    Ok(ArrowTable { batch })
}

/// Whether a column may hold nulls, as the batch columns document it (README, "The batch
/// columns"): fixed by name, so the schema does not change with the data.
fn nullable(name: &str) -> bool {
    matches!(
        name,
        "on_time"
            | "due_date"
            | "due_at"
            | "days_late"
            | "working_days_late"
            | "hours_late"
            | "reason"
            | "opened"
            | "closed"
            | "days_open"
    )
}

/// Which of the three batch tables.
#[derive(Clone, Copy)]
pub enum Which {
    /// One row per obligation.
    Obligations,
    /// One row per case.
    Cases,
    /// One row per unreadable history.
    Errors,
}

/// One batch table as Arrow, with the same columns, in the same order, as the dict of lists.
pub fn batch_table(batch: &Batch, which: Which) -> PyResult<ArrowTable> {
    match which {
        Which::Obligations => {
            let r = &batch.obligations;
            table(vec![
                ("index", int64_column(r.iter().map(|r| r.index))?),
                ("case", text_column(r.iter().map(|r| r.case.as_str()))),
                (
                    "client_id",
                    text_column(r.iter().map(|r| r.client_id.as_str())),
                ),
                ("worker", text_column(r.iter().map(|r| r.worker.as_str()))),
                ("stage", text_column(r.iter().map(|r| r.stage.name()))),
                ("rule", text_column(r.iter().map(|r| r.rule.as_str()))),
                ("status", text_column(r.iter().map(|r| r.status.as_str()))),
                (
                    "on_time",
                    Arc::new(BooleanArray::from_iter(r.iter().map(|r| r.on_time))),
                ),
                ("due_date", date_column(r.iter().map(|r| r.due_date))),
                ("due_at", instant_column(r.iter().map(|r| r.due_at))),
                (
                    "days_late",
                    Arc::new(Int64Array::from_iter(r.iter().map(|r| r.days_late))),
                ),
                (
                    "working_days_late",
                    Arc::new(Int64Array::from_iter(r.iter().map(|r| r.working_days_late))),
                ),
                (
                    "hours_late",
                    Arc::new(Int64Array::from_iter(r.iter().map(|r| r.hours_late))),
                ),
                (
                    "reason",
                    Arc::new(StringArray::from_iter(
                        r.iter().map(|r| r.reason.as_deref()),
                    )),
                ),
                (
                    "provisional",
                    Arc::new(BooleanArray::from_iter(
                        r.iter().map(|r| Some(r.provisional)),
                    )),
                ),
            ])
        }
        Which::Cases => {
            let c = &batch.cases;
            let count = |f: fn(&shegong::report::CaseSummary) -> u32| -> ArrayRef {
                Arc::new(Int64Array::from_iter_values(
                    c.iter().map(|r| i64::from(f(r))),
                ))
            };
            table(vec![
                ("index", int64_column(c.iter().map(|r| r.index))?),
                ("case", text_column(c.iter().map(|r| r.case.as_str()))),
                (
                    "client_id",
                    text_column(c.iter().map(|r| r.client_id.as_str())),
                ),
                ("worker", text_column(c.iter().map(|r| r.worker.as_str()))),
                ("stage", text_column(c.iter().map(|r| r.stage.name()))),
                ("opened", date_column(c.iter().map(|r| r.opened))),
                ("closed", date_column(c.iter().map(|r| r.closed))),
                (
                    "days_open",
                    Arc::new(Int64Array::from_iter(c.iter().map(|r| r.days_open))),
                ),
                ("sessions", count(|r| r.sessions)),
                ("home_visits", count(|r| r.home_visits)),
                ("obligations", count(|r| r.obligations)),
                ("overdue", count(|r| r.overdue)),
                ("met_late", count(|r| r.met_late)),
            ])
        }
        Which::Errors => {
            let e = &batch.errors;
            table(vec![
                ("index", int64_column(e.iter().map(|r| r.index))?),
                ("code", text_column(e.iter().map(|r| r.code.as_str()))),
                ("message", text_column(e.iter().map(|r| r.message.as_str()))),
            ])
        }
    }
}

/// An Arrow array handed back to Python.
pub fn array_out(py: Python<'_>, array: ArrayRef) -> PyResult<Bound<'_, ArrowArray>> {
    Bound::new(py, ArrowArray::new(array))
}

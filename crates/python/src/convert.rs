//! Python values from tifa's records and back: JSON-shaped records (a
//! record serializes as it does in `tifa scan --format jsonl`, so the field
//! names are the CLI's), exact numbers as `decimal.Decimal`, metadata from
//! a Python mapping through the JSON rule of tifa-core.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::Serialize;
use serde_json::{Map, Value};
use tifa_core::NumberValue;

/// A JSON value as the Python value `json.loads` would give.
pub(crate) fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, Some(i)) => i.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(fields) => {
            let dict = PyDict::new(py);
            for (k, item) in fields {
                dict.set_item(k, json_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A record (ScanRecord, KwicRecord, Entry …) as a dict with the fields of
/// its JSON form.
pub(crate) fn record_to_py<'py, T: Serialize>(
    py: Python<'py>,
    r: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(r).map_err(crate::error)?;
    json_to_py(py, &v)
}

/// An exact value as Python sees it: a number as `decimal.Decimal` (from its
/// exact text, never through a float), a date as its ISO string.
pub(crate) fn value_to_py<'py>(
    decimal: &Bound<'py, PyAny>,
    v: &NumberValue,
) -> PyResult<Bound<'py, PyAny>> {
    let py = decimal.py();
    match v {
        NumberValue::Number(d) => decimal.call1((d.to_string(),)),
        NumberValue::Big(s) => decimal.call1((s.as_str(),)),
        NumberValue::Date(s) => Ok(PyString::new(py, s).into_any()),
    }
}

/// The class `decimal.Decimal`.
pub(crate) fn decimal_class(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    py.import("decimal")?.getattr("Decimal")
}

/// A Python scalar as the JSON value tifa-core's metadata rule
/// (`meta::from_json`) reads: str, bool, int, float and None as
/// themselves; anything else as an (empty) array, which that rule names as
/// no metadata.
pub(crate) fn scalar_to_json(v: &Bound<'_, PyAny>) -> PyResult<Value> {
    if v.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if v.is_instance_of::<pyo3::types::PyBool>() {
        return Ok(Value::Bool(v.extract()?));
    }
    if v.is_instance_of::<pyo3::types::PyInt>() {
        return Ok(match v.extract::<i64>() {
            Ok(i) => Value::from(i),
            // Beyond i64: its decimal text.
            Err(_) => Value::String(v.str()?.to_cow()?.into_owned()),
        });
    }
    if v.is_instance_of::<pyo3::types::PyFloat>() {
        let f: f64 = v.extract()?;
        return Ok(serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number));
    }
    Ok(Value::Array(Vec::new()))
}

/// Columns (name → list) in order: what the Python side turns into a
/// DataFrame.
pub(crate) struct Columns<'py> {
    py: Python<'py>,
    names: Vec<String>,
    lists: Vec<Bound<'py, PyList>>,
}

impl<'py> Columns<'py> {
    pub(crate) fn new(py: Python<'py>, names: &[&str]) -> Columns<'py> {
        Columns {
            py,
            names: names.iter().map(|s| s.to_string()).collect(),
            lists: names.iter().map(|_| PyList::empty(py)).collect(),
        }
    }

    /// Appends one value to column `i`.
    pub(crate) fn push(&self, i: usize, v: impl IntoPyObject<'py>) -> PyResult<()> {
        self.lists[i].append(v)
    }

    /// The columns as a dict (insertion-ordered).
    pub(crate) fn into_dict(self) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(self.py);
        for (n, l) in self.names.iter().zip(self.lists) {
            d.set_item(n, l)?;
        }
        Ok(d)
    }
}

/// A JSON object of a Python mapping's scalar fields, less those named in
/// `skip`.
pub(crate) fn mapping_fields(
    mapping: &Bound<'_, PyAny>,
    skip: &[&str],
) -> PyResult<Map<String, Value>> {
    let mut out = Map::new();
    let items = mapping.call_method0("items")?;
    for kv in items.try_iter()? {
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = kv?.extract()?;
        let key = k.str()?.to_cow()?.into_owned();
        if skip.contains(&key.as_str()) {
            continue;
        }
        out.insert(key, scalar_to_json(&v)?);
    }
    Ok(out)
}

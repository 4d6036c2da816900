//! Reading a text column in place: every Arrow string layout is borrowed as
//! `&str`, never copied.

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::error::{DataFusionError, Result};

/// Calls `each` with every value of a string column (`None` for nulls), in
/// row order.
pub(crate) fn for_each_text(
    array: &ArrayRef,
    function: &str,
    mut each: impl FnMut(Option<&str>) -> Result<()>,
) -> Result<()> {
    match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().iter().try_for_each(each),
        DataType::LargeUtf8 => array.as_string::<i64>().iter().try_for_each(each),
        DataType::Utf8View => array.as_string_view().iter().try_for_each(each),
        DataType::Null => (0..array.len()).try_for_each(|_| each(None)),
        other => Err(DataFusionError::Plan(format!(
            "{function} takes a text column, not {other}: cast it with CAST(… AS VARCHAR)"
        ))),
    }
}

//! A record's fields as csv/tsv cells, serialized straight into one reused
//! buffer: no `serde_json::Value` per record (which cost ~2 µs a record,
//! most of `tifa numbers --format csv`). A scalar field is written as the
//! JSON form would show it (strings as they are, numbers as serde_json
//! writes them, null as nothing); any other field (a list, an object)
//! takes the general path of `output::cell`, through a `Value`, so every
//! cell is what it was before.

use std::fmt::{self, Display};
use std::ops::Range;

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};

/// The fields of one record: names and cell texts, as ranges of two
/// buffers kept from record to record.
#[derive(Default)]
pub(crate) struct Row {
    names: Vec<u8>,
    cells: Vec<u8>,
    fields: Vec<(Range<usize>, Range<usize>)>,
}

impl Row {
    /// Fills the row from `record`; false if it is no flat record (the
    /// caller takes the general path).
    pub(crate) fn fill<T: Serialize + ?Sized>(&mut self, record: &T) -> bool {
        self.names.clear();
        self.cells.clear();
        self.fields.clear();
        record.serialize(RowSerializer { row: self }).is_ok()
    }

    /// The cell of field `name` ("" when the record lacks it); `hint` is
    /// where it is expected (the header's order is the records' order,
    /// but for a field a record leaves out).
    ///
    /// Bytes, not `&str`: every cell is UTF-8 as written (strings as they
    /// are, numbers in ASCII), and checking it again cost 4% of a `tifa
    /// scan` run.
    pub(crate) fn cell_at(&self, hint: usize, name: &str) -> &[u8] {
        let at = |(n, c): &(Range<usize>, Range<usize>)| {
            same_name(&self.names[n.clone()], name.as_bytes()).then(|| &self.cells[c.clone()])
        };
        self.fields
            .get(hint)
            .and_then(at)
            .or_else(|| self.fields.iter().find_map(at))
            .unwrap_or(b"")
    }

    /// The cell of field `name` ("" when the record lacks it).
    #[cfg(test)]
    pub(crate) fn cell(&self, name: &str) -> &str {
        std::str::from_utf8(self.cell_at(0, name)).expect("cells are UTF-8")
    }

    fn push<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Fallback> {
        let n = self.names.len()..self.names.len() + name.len();
        self.names.extend_from_slice(name.as_bytes());
        self.push_value(n, value)
    }

    /// The cell of `value`, named by the bytes `n` of `names`.
    fn push_value<T: Serialize + ?Sized>(
        &mut self,
        n: Range<usize>,
        value: &T,
    ) -> Result<(), Fallback> {
        let start = self.cells.len();
        if value
            .serialize(CellSerializer {
                out: &mut self.cells,
            })
            .is_err()
        {
            // A list or an object: the general path, as before.
            self.cells.truncate(start);
            let v = serde_json::to_value(value).map_err(|_| Fallback)?;
            self.cells
                .extend_from_slice(crate::output::cell(Some(&v)).as_bytes());
        }
        self.fields.push((n, start..self.cells.len()));
        Ok(())
    }
}

/// Field names compared inline: a few bytes each, where a call to
/// `memcmp` costs more than the compare.
#[inline]
fn same_name(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// Not a flat record of scalars: take the general path.
#[derive(Debug)]
pub(crate) struct Fallback;

impl Display for Fallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a scalar")
    }
}

impl std::error::Error for Fallback {}

impl ser::Error for Fallback {
    fn custom<T: Display>(_: T) -> Self {
        Fallback
    }
}

/// The record: a struct or a map (a struct with a flattened field
/// serializes as a map).
struct RowSerializer<'a> {
    row: &'a mut Row,
}

/// A map's fields: the key (its bytes in the row's names) waiting for its
/// value. Keys are written straight into the names: two allocations a
/// field fewer, for a struct with a flattened field (`tifa numbers`).
struct MapFields<'a> {
    row: &'a mut Row,
    key: Range<usize>,
}

impl SerializeStruct for RowSerializer<'_> {
    type Ok = ();
    type Error = Fallback;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Fallback> {
        self.row.push(key, value)
    }
    fn end(self) -> Result<(), Fallback> {
        Ok(())
    }
}

impl SerializeMap for MapFields<'_> {
    type Ok = ();
    type Error = Fallback;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Fallback> {
        let start = self.row.names.len();
        key.serialize(CellSerializer {
            out: &mut self.row.names,
        })?;
        self.key = start..self.row.names.len();
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Fallback> {
        let key = std::mem::replace(&mut self.key, 0..0);
        self.row.push_value(key, value)
    }
    fn end(self) -> Result<(), Fallback> {
        Ok(())
    }
}

/// Every serializer method that is no record is a fallback.
macro_rules! not_a_record {
    ($($m:ident($($t:ty),*)),* $(,)?) => {$(
        fn $m(self, $(_: $t),*) -> Result<(), Fallback> { Err(Fallback) }
    )*};
}

/// The compound types no cell (and no record) is: a fallback.
macro_rules! compounds_fall_back {
    () => {
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Fallback> {
            Err(Fallback)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Fallback> {
            Err(Fallback)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Fallback> {
            Err(Fallback)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Fallback> {
            Err(Fallback)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Fallback> {
            Err(Fallback)
        }
    };
}

impl<'a> Serializer for RowSerializer<'a> {
    type Ok = ();
    type Error = Fallback;
    type SerializeSeq = Impossible<(), Fallback>;
    type SerializeTuple = Impossible<(), Fallback>;
    type SerializeTupleStruct = Impossible<(), Fallback>;
    type SerializeTupleVariant = Impossible<(), Fallback>;
    type SerializeMap = MapFields<'a>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Fallback>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Fallback> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapFields<'a>, Fallback> {
        Ok(MapFields {
            row: self.row,
            key: 0..0,
        })
    }
    not_a_record!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Fallback> {
        Err(Fallback)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Fallback> {
        Err(Fallback)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Fallback> {
        Err(Fallback)
    }
    compounds_fall_back!();
}

/// One scalar as its cell text, appended to `out`.
struct CellSerializer<'a> {
    out: &'a mut Vec<u8>,
}

impl CellSerializer<'_> {
    /// As serde_json writes it (numbers, booleans).
    fn json<T: Serialize>(self, v: T) -> Result<(), Fallback> {
        serde_json::to_writer(&mut *self.out, &v).map_err(|_| Fallback)
    }
}

impl Serializer for CellSerializer<'_> {
    type Ok = ();
    type Error = Fallback;
    type SerializeSeq = Impossible<(), Fallback>;
    type SerializeTuple = Impossible<(), Fallback>;
    type SerializeTupleStruct = Impossible<(), Fallback>;
    type SerializeTupleVariant = Impossible<(), Fallback>;
    type SerializeMap = Impossible<(), Fallback>;
    type SerializeStruct = Impossible<(), Fallback>;
    type SerializeStructVariant = Impossible<(), Fallback>;

    fn serialize_bool(self, v: bool) -> Result<(), Fallback> {
        self.json(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Fallback> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Fallback> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Fallback> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Fallback> {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Fallback> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Fallback> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Fallback> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Fallback> {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Fallback> {
        if v.is_finite() {
            self.json(v)
        } else {
            Ok(())
        }
    }
    fn serialize_f64(self, v: f64) -> Result<(), Fallback> {
        // A NaN or infinity is JSON null: an empty cell.
        if v.is_finite() {
            self.json(v)
        } else {
            Ok(())
        }
    }
    fn serialize_char(self, v: char) -> Result<(), Fallback> {
        let mut b = [0; 4];
        self.out.extend_from_slice(v.encode_utf8(&mut b).as_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Fallback> {
        self.out.extend_from_slice(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Fallback> {
        Err(Fallback)
    }
    fn serialize_none(self) -> Result<(), Fallback> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Fallback> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Fallback> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Fallback> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Fallback> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Fallback> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Fallback> {
        Err(Fallback)
    }
    compounds_fall_back!();
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Fallback> {
        Err(Fallback)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Fallback> {
        Err(Fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tifa_core::{Lexicon, Matcher, NumberExtractor, NumberRecord};

    /// Every field's cell is the one the general path (a `Value`) gives.
    fn same_as_the_general_path<T: Serialize>(records: &[T]) {
        assert!(!records.is_empty());
        let mut row = Row::default();
        for r in records {
            assert!(row.fill(r));
            let serde_json::Value::Object(map) = serde_json::to_value(r).unwrap() else {
                panic!("not a record");
            };
            for (k, v) in &map {
                assert_eq!(row.cell(k), crate::output::cell(Some(v)), "field {k}");
            }
        }
    }

    #[test]
    fn cells_equal_the_general_path() {
        let text = "召开会议7次，增长百分之一点五七，99999999万亿元，2024年1月13日，\
                    1.2万亿元，一府一委两院，x次，十七八岁，18.5%，3,000人";
        let ex = NumberExtractor::new(&Lexicon::builtin()).unwrap();
        let numbers: Vec<NumberRecord> = ex
            .extract(text)
            .into_iter()
            .map(|mention| NumberRecord {
                doc: "d".into(),
                mention,
            })
            .collect();
        same_as_the_general_path(&numbers);
        let matcher = Matcher::new(&Lexicon::builtin()).unwrap();
        same_as_the_general_path(&tifa_core::scan(&matcher, "d", text));
        let mut table = tifa_core::CountTable::new(vec!["year".into()]);
        table.add(vec!["2024".into()], &matcher.count(text), 60);
        same_as_the_general_path(&table.rows(matcher.lexicon(), true));
        same_as_the_general_path(Lexicon::builtin().entries());
    }
}

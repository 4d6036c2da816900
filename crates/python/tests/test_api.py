"""The Python API: inputs of every shape, tables and their dtypes, exact
values, errors as exceptions, the GIL released while counting."""
import threading
import time
import warnings
from decimal import Decimal

import pytest

import tifa

TEXTS = [
    "坚持一府一委两院，一府一委\n两院工作",
    "四个机关：政治机关、国家权力机关、工作机关和代表机关",
    "全過程人民民主",
]


def test_count_folds_line_breaks_and_traditional_forms():
    m = tifa.Matcher()
    assert m.count(TEXTS[0]) == {"一府一委两院": 2}
    assert m.count(TEXTS[2]) == {"全过程人民民主": 1}
    assert tifa.Matcher(strict=True).count(TEXTS[2]) == {}
    assert m.count(TEXTS[1]) == {"四个机关": 1}
    assert m.count(TEXTS[1], expanded=True) == {"四个机关": 2}


@pytest.mark.parametrize("shape", ["list", "tuple", "generator", "series", "dataframe", "dicts"])
def test_count_many_takes_every_shape_of_input(shape):
    pd = pytest.importorskip("pandas")
    docs = {
        "list": list(TEXTS),
        "tuple": tuple(TEXTS),
        "generator": (t for t in TEXTS),
        "series": pd.Series(TEXTS),
        "dataframe": pd.DataFrame({"text": TEXTS, "year": ["2023", "2023", "2024"]}),
        "dicts": [{"text": t, "year": y} for t, y in zip(TEXTS, ["2023", "2023", "2024"])],
    }[shape]
    by = "year" if shape in ("dataframe", "dicts") else None
    df = tifa.count_many(docs, by=by)
    assert int(df["count"].sum()) == 4
    if by:
        assert df.set_index("phrase").loc["全过程人民民主", "year"] == "2024"


def test_polars_and_arrow_inputs_and_outputs():
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    for docs in (pl.Series(TEXTS), pa.array(TEXTS), pl.DataFrame({"text": TEXTS})):
        assert int(tifa.count_many(docs)["count"].sum()) == 4
    out = tifa.count_many(TEXTS, as_="polars")
    assert out.columns[:3] == ["phrase", "category", "count"]
    numbers = tifa.numbers_many(["增长百分之一点五七"], as_="arrow")
    assert numbers.column("value").to_pylist() == ["1.57"]


def test_frame_columns_and_dtypes():
    pd = pytest.importorskip("pandas")
    df = tifa.count_many([{"text": TEXTS[0], "year": "2023"}], by=["year"])
    assert list(df.columns) == ["year", "phrase", "category", "count", "expanded", "docs",
                                "chars", "per_10k"]
    assert df["count"].dtype.kind == "i" and df["per_10k"].dtype.kind == "f"
    n = tifa.numbers_many(["召开常委会会议7次，99999999万亿元"])
    assert list(n.columns) == ["doc", "text", "start", "end", "char_start", "char_end", "kind",
                               "value", "value_high", "unit", "approx", "placeholder", "subject"]
    assert n["value"].tolist() == [Decimal(7), Decimal("99999999000000000000")]
    assert n["subject"][0] == "常委会会议" and pd.isna(n["subject"][1])
    assert n["doc"].tolist() == ["0", "0"]


def test_values_are_exact_decimals():
    got = {m["text"]: m["value"] for m in tifa.numbers("百分之一点五七，一七二零年，1.2万亿元，10.36百亿亿次/秒")}
    assert got["百分之一点五七"] == Decimal("1.57")
    assert got["一七二零年"] == Decimal(1720)
    assert got["1.2万亿元"] == Decimal("1200000000000")
    assert got["10.36百亿亿次/秒"] == Decimal("10360000000000000000")
    (date,) = tifa.numbers("2024年1月13日")
    assert (date["kind"], date["value"]) == ("date", "2024-01-13")
    assert [m["kind"] for m in tifa.numbers("7次，5%", kinds=["percent"])] == ["percent"]


def test_char_offsets_index_python_strings():
    text = "前言𠀀召开会议7次"
    (m,) = tifa.numbers(text)
    assert text[m["char_start"]:m["char_end"]] == "7次"
    (s,) = tifa.Matcher().scan("𠀀一府一委两院")
    assert "𠀀一府一委两院"[s["char_start"]:s["char_end"]] == "一府一委两院"


def test_phrases_outside_the_lexicon_are_added_and_kept(tmp_path):
    m = tifa.Matcher(phrases=["改革开放", "全過程人民民主"])
    assert m.added == ["改革开放"]
    df = tifa.count_many(["改革开放和全过程人民民主，一府一委两院"], phrases=["改革开放", "全過程人民民主"])
    assert sorted(df["phrase"]) == ["全过程人民民主", "改革开放"]


def test_lexicons_from_files_entries_and_merging(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("phrase,category\n改革开放,policy\n", encoding="utf-8")
    merged = tifa.Lexicon(files=[f])
    assert "改革开放" in merged and "一府一委两院" in merged
    alone = tifa.Lexicon(files=[f], only=True)
    assert len(alone) == 1
    assert tifa.Lexicon.from_file(f).entries() == [{"phrase": "改革开放", "category": "policy"}]
    own = tifa.Lexicon.from_entries(["乡村振兴", {"phrase": "双碳", "category": "policy",
                                                  "variants": ["碳达峰碳中和"]}])
    assert tifa.Matcher(own).count("乡村振兴和碳达峰碳中和") == {"乡村振兴": 1, "双碳": 1}
    # 乡村振兴 is a built-in entry: replaced, not added
    assert len(tifa.Lexicon().merged(own)) == len(tifa.Lexicon()) + 1
    assert "一府一委两院" in tifa.Lexicon().nearest("一府一委")


def test_errors_are_exceptions_with_tifas_messages(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[entry]]\nphrase = "一府一委两院"\n[[entry]]\nphrase = \n', encoding="utf-8")
    with pytest.raises(tifa.TifaError, match="bad.toml"):
        tifa.Lexicon.from_file(bad)
    assert issubclass(tifa.TifaError, ValueError)
    with pytest.raises(tifa.TifaError, match="lexicon-only"):
        tifa.Lexicon(only=True)
    with pytest.raises(tifa.TifaError, match="no-such-folder"):
        list(tifa.read_corpus("no-such-folder"))
    with pytest.raises(tifa.TifaError, match="unknown kind"):
        tifa.numbers("7次", kinds=["weight"])
    with pytest.raises(tifa.TifaError, match="item 1"):
        tifa.count_many(["一府一委两院", None])
    with pytest.raises(tifa.TifaError, match="record 0: no text field"):
        tifa.count_many([{"body_text": "x"}])
    with pytest.raises(TypeError, match="one str"):
        tifa.count_many("一府一委两院")
    with pytest.raises(tifa.TifaError, match="grouped by a field"):
        tifa.count_table(TEXTS).trend()


def test_read_corpus_infers_metadata_and_warns_on_bad_records(fixtures):
    docs = list(tifa.read_corpus(fixtures / "seeds"))
    assert len(docs) == 5
    assert {"id", "text", "year", "title"} <= set(docs[0])
    assert docs[0]["year"] == "2023"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        records = list(tifa.read_corpus(fixtures / "hostile" / "one-broken-line.jsonl"))
    assert len(records) > 5
    assert any("one-broken-line.jsonl:10" in str(w.message) for w in caught)
    with_meta = next(iter(tifa.read_corpus(fixtures / "seeds", meta={"region": "x"})))
    assert with_meta["region"] == "x"


def test_trend_series_and_charts(fixtures):
    table = tifa.count_table(tifa.read_corpus(fixtures / "cpc"), by="congress")
    t = table.trend(top=3)
    cols = t.columns()
    assert list(cols)[:3] == ["congress", "group", "phrase"]
    assert len(set(cols["phrase"])) == 3
    assert "<svg" in t._repr_svg_() and "<svg" in t.html()
    assert isinstance(tifa.trend(tifa.read_corpus(fixtures / "cpc"), by="congress"), tifa.Trend)


def test_kwic():
    (k,) = tifa.Matcher().kwic("一是坚持一府一委两院，二是两院工作", phrase="两院", width=3)
    assert (k["left"], k["match"], k["right"]) == ("，二是", "两院", "工作")


def _marks_in_the_middle(call):
    """How often a Python thread made progress in the middle of `call()`
    (not only at its start or end, where the GIL changes hands anyway)."""
    stamps = []
    running = threading.Event()
    stop = threading.Event()

    def spin():
        running.set()
        n = 0
        while not stop.is_set():
            n += 1
            if n % 1000 == 0:
                stamps.append(time.perf_counter())

    t = threading.Thread(target=spin)
    t.start()
    running.wait()
    started = time.perf_counter()
    result = call()
    ended = time.perf_counter()
    stop.set()
    t.join()
    span = ended - started
    return result, len([s for s in stamps if started + 0.2 * span < s < started + 0.8 * span])


def test_the_gil_is_released_while_counting():
    # The control: Rust code holding the GIL lets the other thread do nothing.
    _, held = _marks_in_the_middle(lambda: tifa._tifa._hold_the_gil(500))
    assert held == 0
    big = ["一府一委两院和全过程人民民主。" * 20000] * 8  # ~3.4 MB of text
    # as_="dict": no first import of pandas inside the call (an import runs
    # Python code, and would hand the GIL over by itself).
    cols, marks = _marks_in_the_middle(lambda: tifa.count_many(big, threads=2, as_="dict"))
    assert sum(cols["count"]) == 2 * 20000 * 8
    assert marks >= 3, f"{marks} marks of the other thread while counting"

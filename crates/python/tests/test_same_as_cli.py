"""The package gives what the CLI gives on the fixtures: the count table,
scan records, number mentions (the same engine, no rule of its own)."""
import csv
import io
import json
from decimal import Decimal

import tifa


def test_count_table_by_field_equals_tifa_count(cli, in_root):
    want = list(csv.DictReader(io.StringIO(cli("count", "fixtures/cpc", "--by", "congress",
                                                "--format", "csv"))))
    got = tifa.count_many(tifa.read_corpus("fixtures/cpc"), by="congress", as_="dict")
    assert len(want) > 20
    rows = list(zip(*got.values()))
    assert [tuple(got.keys())] == [tuple(want[0].keys())]
    assert len(rows) == len(want)
    for g, w in zip(rows, want):
        w = list(w.values())
        assert list(g[:3]) == w[:3]
        assert [str(x) for x in g[3:7]] == w[3:7]
        assert abs(g[7] - float(w[7])) < 1e-9


def test_count_by_year_equals_tifa_count_on_the_seeds(cli, in_root):
    want = list(csv.DictReader(io.StringIO(cli("count", "fixtures/seeds", "--by", "year",
                                                "--format", "csv"))))
    df = tifa.count_many(tifa.read_corpus("fixtures/seeds"), by="year")
    assert list(df.columns) == list(want[0].keys())
    assert df["phrase"].tolist() == [w["phrase"] for w in want]
    assert df["year"].tolist() == [w["year"] for w in want]
    assert df["count"].tolist() == [int(w["count"]) for w in want]


def test_scan_records_equal_tifa_scan(cli, in_root):
    want = [json.loads(l) for l in cli("scan", "fixtures/seeds", "--format", "jsonl").splitlines()]
    m = tifa.Matcher()
    got = []
    for doc in tifa.read_corpus("fixtures/seeds"):
        got.extend(m.scan(doc["text"], doc=doc["id"]))
    assert len(want) > 50
    assert got == want


def test_numbers_equal_tifa_numbers_and_are_exact(cli, in_root):
    want = [json.loads(l, parse_float=Decimal, parse_int=Decimal)
            for l in cli("numbers", "fixtures/seeds", "--format", "jsonl").splitlines()]
    got = []
    for doc in tifa.read_corpus("fixtures/seeds"):
        for m in tifa.numbers(doc["text"]):
            got.append({"doc": doc["id"], **m})
    assert len(want) > 300
    assert len(got) == len(want)
    for g, w in zip(got, want):
        for k in ("start", "end", "char_start", "char_end"):
            w[k] = int(w[k])
        assert g == w
    # the frame form holds the same mentions
    df = tifa.numbers_many(tifa.read_corpus("fixtures/seeds"))
    assert len(df) == len(want)
    assert df["value"].tolist() == [w["value"] for w in want]


def test_kwic_and_discover_equal_the_cli(cli, in_root):
    want = list(csv.DictReader(io.StringIO(cli("kwic", "人大常委会", "fixtures/seeds",
                                                "--format", "csv"))))
    got = tifa.kwic(tifa.read_corpus("fixtures/seeds"), "人大常委会", as_="dict")
    assert len(want) > 10
    assert list(got.keys())[:4] == list(want[0].keys())[:4]
    assert got["match"] == [w["match"] for w in want]
    assert got["left"] == [w["left"] for w in want]
    want = list(csv.DictReader(io.StringIO(cli("discover", "fixtures/cpc", "--format", "csv"))))
    got = tifa.discover(tifa.read_corpus("fixtures/cpc"), as_="dict")
    assert len(want) > 5
    assert got["phrase"] == [w["phrase"] for w in want]
    assert [str(c) for c in got["count"]] == [w["count"] for w in want]

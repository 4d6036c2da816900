"""tifa.keyness and tifa.collocates give what tifa keyness and tifa
collocates give on the fixtures (the same tifa-core functions), and errors
that name the argument."""
import json

import pytest

import tifa


def _jsonl(text):
    return [json.loads(line) for line in text.splitlines()]


def test_keyness_equals_tifa_keyness(cli, in_root):
    want = _jsonl(cli("keyness", "fixtures/cpc", "--by", "congress", "--target", "19,20",
                      "--yates", "--format", "jsonl"))
    got = tifa.keyness(tifa.read_corpus("fixtures/cpc"), by="congress", target=["19", "20"],
                       yates=True, as_="dict")
    assert len(want) > 10
    assert list(got.keys()) == list(want[0].keys())
    rows = [dict(zip(got.keys(), r)) for r in zip(*got.values())]
    assert rows == want


def test_keyness_as_pandas_with_phrases_and_a_reference(cli, in_root):
    want = _jsonl(cli("keyness", "fixtures/cpc", "--by", "congress", "--target", "20",
                      "--reference", "18", "--phrases", "全过程人民民主,改革开放", "--format", "jsonl"))
    df = tifa.keyness(tifa.read_corpus("fixtures/cpc"), by="congress", target="20",
                      reference="18", phrases=["全过程人民民主", "改革开放"])
    assert df["phrase"].tolist() == [w["phrase"] for w in want]
    assert df["g2"].tolist() == [w["g2"] for w in want]
    assert df["use"].tolist() == [w["use"] for w in want]


def test_keyness_errors_name_the_argument(in_root):
    with pytest.raises(tifa.TifaError, match=r"^target: no document has congress = 99"):
        tifa.keyness(tifa.read_corpus("fixtures/cpc"), by="congress", target="99")


def test_collocates_equal_tifa_collocates(cli, in_root):
    for flags, kwargs in [
        ([], {}),
        (["--window", "3", "--chars", "2", "--min-freq", "5", "--min-co", "3", "--sort", "mi",
          "--top", "20"],
         dict(window=3, chars=2, min_freq=5, min_co=3, sort="mi", top=20)),
    ]:
        want = _jsonl(cli("collocates", "改革开放", "fixtures/cpc", *flags, "--format", "jsonl"))
        got = tifa.collocates("改革开放", tifa.read_corpus("fixtures/cpc"), as_="dict", **kwargs)
        assert len(want) > 10
        assert list(got.keys()) == ["collocate", "observed", "freq", "expected", "g2", "mi", "t"]
        rows = [dict(zip(got.keys(), r)) for r in zip(*got.values())]
        assert rows == want


def test_collocates_of_a_broken_traditional_phrase_equal_the_plain_ones():
    plain = tifa.collocates("全过程人民民主", ["坚持推进全过程人民民主建设，发展全过程人民民主。"],
                            min_co=1, min_freq=1)
    written = tifa.collocates("全過程人民民主", ["堅持推\n進全過程人\n民民主建設，發展全过程人民民主。"],
                              min_co=1, min_freq=1)
    assert "推进" in plain["collocate"].tolist()
    assert plain.equals(written)
    assert plain.attrs == written.attrs
    assert plain.attrs["node"] == "全过程人民民主" and plain.attrs["node_freq"] == 2


def test_collocates_errors_name_the_argument():
    for kwargs, says in [(dict(window=0), "^window: 0 is out of range"),
                         (dict(chars=0), "^chars: 0 is out of range"),
                         (dict(sort="chi2"), "^sort: unknown measure")]:
        with pytest.raises(tifa.TifaError, match=says):
            tifa.collocates("改革开放", ["改革开放"], **kwargs)
    with pytest.raises(tifa.TifaError, match="^phrase: give the phrase"):
        tifa.collocates(" ", ["改革开放"])

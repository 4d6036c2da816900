"""tifa: count and trace Chinese official formulations (提法) and the numbers
around them, with the engine of the tifa command line (a Rust extension).

    >>> import tifa
    >>> tifa.Matcher().count("坚持一府一委两院，一府一委\\n两院")
    {'一府一委两院': 2}
    >>> docs = tifa.read_corpus("reports/")            # dicts: id, text, year, …
    >>> tifa.count_many(docs, by="year")                # a pandas DataFrame
    >>> tifa.numbers_many(tifa.read_corpus("reports/")) # every number, exact

Everything here is a thin layer over the extension module ``tifa._tifa``:
the rules (lexicon, matching, count table, numbers, reading, metadata) are
tifa-core's. This file only turns the columns that module returns into the
table type asked for with ``as_``: ``"pandas"`` (the default), ``"polars"``,
``"arrow"`` (a ``pyarrow.Table``) or ``"dict"`` (the columns as lists).

Exact values: in ``numbers`` and in pandas tables, ``value`` and
``value_high`` are ``decimal.Decimal`` (dates are ISO strings); in polars and
Arrow tables they are the exact decimal text, as strings.
"""

from decimal import Decimal as _Decimal
from typing import Any, Optional, Sequence, Union

from ._tifa import (
    Corpus,
    CountTable,
    Lexicon,
    Matcher,
    TifaError,
    Trend,
    __version__,
    numbers,
    read_corpus,
)
from ._tifa import collocates as _collocates
from ._tifa import discover as _discover
from ._tifa import keyness as _keyness
from ._tifa import numbers_many as _numbers_many

__all__ = [
    "Corpus",
    "CountTable",
    "Lexicon",
    "Matcher",
    "TifaError",
    "Trend",
    "collocates",
    "count_many",
    "count_table",
    "discover",
    "keyness",
    "kwic",
    "numbers",
    "numbers_many",
    "read_corpus",
    "trend",
    "__version__",
]

_EXACT = ("value", "value_high")


def _frame(columns, as_):
    """The columns (name -> list) as the table type ``as_`` names."""
    if as_ == "dict":
        return columns
    if as_ == "pandas":
        import pandas as pd

        return pd.DataFrame(columns)
    # polars and Arrow: exact decimals as their text.
    columns = {
        k: [str(x) if isinstance(x, _Decimal) else x for x in v] if k in _EXACT else v
        for k, v in columns.items()
    }
    if as_ == "polars":
        import polars as pl

        return pl.DataFrame(columns)
    if as_ == "arrow":
        import pyarrow as pa

        return pa.table(columns)
    raise ValueError(f"as_={as_!r}: use 'pandas', 'polars', 'arrow' or 'dict'")


def _documents(docs):
    """Documents from a pandas or polars DataFrame (its rows as records), a
    pyarrow array (its values), or ``docs`` itself (an iterable of str or
    records, a pandas or polars Series)."""
    if hasattr(docs, "to_pylist") and hasattr(docs, "type"):  # a pyarrow array
        return (x.as_py() for x in docs)
    columns = getattr(docs, "columns", None)
    if columns is None or isinstance(docs, dict):
        return docs
    names = [str(c) for c in columns]
    if hasattr(docs, "iter_rows"):  # polars
        rows = docs.iter_rows(named=True)
    else:  # pandas
        rows = (dict(zip(names, r)) for r in docs.itertuples(index=False, name=None))
    return rows


def _fields(by):
    if by is None:
        return None
    return [by] if isinstance(by, str) else list(by)


def count_table(docs: Any, by: Union[str, Sequence[str], None] = None, *,
                lexicon: Optional[Lexicon] = None, phrases: Optional[Sequence[str]] = None,
                overlapping: bool = False, strict: bool = False, threads: Optional[int] = None,
                text_field: Optional[str] = None) -> CountTable:
    """The count table of ``docs`` grouped by the fields ``by`` (a field name
    or a list of them), as a :class:`CountTable` (``.trend()`` draws it).

    ``docs``: an iterable of str, or of records (dicts with a text field —
    text, content, full_text or body, or ``text_field`` — and metadata, as
    :func:`read_corpus` yields), a pandas/polars Series, or a DataFrame (its
    rows as records). ``phrases`` adds phrases the lexicon lacks and keeps
    only them, as ``tifa count --phrases``."""
    docs = _documents(docs)
    m = Matcher(lexicon, overlapping=overlapping, strict=strict, phrases=phrases)
    return m.count_table(docs, by=_fields(by), threads=threads, text_field=text_field)


def count_many(docs: Any, by: Union[str, Sequence[str], None] = None, *, as_: str = "pandas",
               all_phrases: bool = False, top: Optional[int] = None, **options: Any) -> Any:
    """The count table of ``docs`` (see :func:`count_table`) as a DataFrame:
    the group fields, then phrase, category, count, expanded, docs, chars,
    per_10k — the rows of ``tifa count``."""
    table = count_table(docs, by, **options)
    return _frame(table.columns(all_phrases=all_phrases, top=top), as_)


def numbers_many(docs: Any, *, as_: str = "pandas", lexicon: Optional[Lexicon] = None,
                 kinds: Optional[Sequence[str]] = None, threads: Optional[int] = None,
                 text_field: Optional[str] = None) -> Any:
    """Every numeric mention of ``docs`` (as :func:`count_table` takes them)
    as a DataFrame: doc, then the fields of :func:`numbers`."""
    docs = _documents(docs)
    columns = _numbers_many(docs, lexicon=lexicon, kinds=kinds, threads=threads,
                            text_field=text_field)
    return _frame(columns, as_)


def trend(docs_or_table: Any, by: str = "year", *, top: int = 8, min_chars: int = 2000,
          title: Optional[str] = None, **options: Any) -> Trend:
    """The trend of phrases along ``by`` (a :class:`Trend`: ``.columns()``,
    ``.html()``, ``.svg()``; Jupyter shows its chart). Takes documents (as
    :func:`count_table`) or a :class:`CountTable` grouped by the axis."""
    table = docs_or_table
    if not isinstance(table, CountTable):
        table = count_table(docs_or_table, by, **options)
    return table.trend(top=top, min_chars=min_chars, title=title)


def kwic(docs: Any, phrase: Optional[str] = None, width: int = 20, *, as_: str = "pandas",
         lexicon: Optional[Lexicon] = None, threads: Optional[int] = None,
         text_field: Optional[str] = None) -> Any:
    """Keyword in context over ``docs`` (as :func:`count_table` takes them):
    each match of ``phrase`` (added for the call if the lexicon lacks it; any
    phrase when None) with ``width`` characters either side, as a DataFrame
    of doc, left, match, right, start, char_start — the lines of ``tifa kwic``."""
    docs = _documents(docs)
    m = Matcher(lexicon, phrases=[phrase] if phrase else None)
    return _frame(m.kwic_many(docs, phrase=phrase, width=width, threads=threads,
                              text_field=text_field), as_)


def discover(docs: Any, *, as_: str = "pandas", lexicon: Optional[Lexicon] = None,
             min_count: int = 2, top: Optional[int] = None, threads: Optional[int] = None,
             text_field: Optional[str] = None) -> Any:
    """Candidate formulations ``docs`` hold that the lexicon lacks, ranked as
    ``tifa discover`` ranks them: phrase, kind, count, docs, example, doc."""
    docs = _documents(docs)
    return _frame(_discover(docs, lexicon=lexicon, min_count=min_count, top=top,
                            threads=threads, text_field=text_field), as_)


def keyness(docs: Any, by: str, target: Union[str, Sequence[str]], reference: Union[str, Sequence[str], None] = None,
            phrases: Optional[Sequence[str]] = None, yates: bool = False, *, as_: str = "pandas",
            lexicon: Optional[Lexicon] = None, overlapping: bool = False, strict: bool = False,
            threads: Optional[int] = None, text_field: Optional[str] = None) -> Any:
    """Which phrases set the documents whose ``by`` field has a ``target``
    value apart from the ``reference`` (by default every other value): the
    rows of ``tifa keyness`` — phrase, category, target_count, target_chars,
    reference_count, reference_chars, target_per_10k, reference_per_10k, g2,
    p, (chi2, p_chi2 with ``yates``), log_ratio, use — largest G² first.
    ``docs`` as :func:`count_table` takes them; ``phrases`` keeps only these
    (one the lexicon lacks is added), even at 0."""
    docs = _documents(docs)
    columns = _keyness(docs, by, _fields(target), reference=_fields(reference),
                       phrases=list(phrases) if phrases is not None else None, yates=yates,
                       lexicon=lexicon, overlapping=overlapping, strict=strict, threads=threads,
                       text_field=text_field)
    return _frame(columns, as_)


def collocates(phrase: str, docs: Any, window: int = 5, *, chars: Optional[int] = None,
               min_freq: int = 2, min_co: int = 2, sort: str = "g2", top: Optional[int] = None,
               as_: str = "pandas", lexicon: Optional[Lexicon] = None, overlapping: bool = False,
               strict: bool = False, threads: Optional[int] = None,
               text_field: Optional[str] = None) -> Any:
    """The words around each match of ``phrase`` in ``docs``, scored: the
    rows of ``tifa collocates`` — collocate, observed (O), freq (f_c),
    expected (E = W·f_c/N), g2 (signed log-likelihood), mi, t — sorted by
    ``sort`` (g2, mi or t). Words are jieba-rs's (``chars=n``: character
    n-grams), the lexicon's phrases whole, over the folded text; ``window``
    words each side. A pandas table carries the totals of the counting model
    in ``.attrs`` (node, node_freq = f_n, window_words = W, corpus_words =
    N); ``as_="dict"`` gives the columns alone."""
    docs = _documents(docs)
    columns, totals = _collocates(phrase, docs, window=window, chars=chars, min_freq=min_freq,
                                  min_co=min_co, sort=sort, top=top, lexicon=lexicon,
                                  overlapping=overlapping, strict=strict, threads=threads,
                                  text_field=text_field)
    table = _frame(columns, as_)
    if as_ == "pandas":
        table.attrs.update(totals)
    return table

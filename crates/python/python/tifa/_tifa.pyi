"""Type stubs of the extension module (written by hand: keep them beside src/*.rs)."""
from decimal import Decimal
from os import PathLike
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

_Path = Union[str, PathLike]
_Doc = Union[str, Mapping[str, Any]]
Columns = Dict[str, List[Any]]

__version__: str

class TifaError(ValueError): ...

class Lexicon:
    def __init__(self, files: Optional[Sequence[_Path]] = None, only: bool = False) -> None: ...
    @staticmethod
    def builtin() -> Lexicon: ...
    @staticmethod
    def from_file(path: _Path) -> Lexicon: ...
    @staticmethod
    def from_entries(entries: Iterable[Union[str, Mapping[str, Any]]]) -> Lexicon: ...
    def merged(self, other: Lexicon) -> Lexicon: ...
    def entries(self) -> List[Dict[str, Any]]: ...
    def nearest(self, phrase: str, n: int = 3) -> List[str]: ...
    def __len__(self) -> int: ...
    def __contains__(self, phrase: str) -> bool: ...

class Matcher:
    def __init__(
        self,
        lexicon: Optional[Lexicon] = None,
        overlapping: bool = False,
        strict: bool = False,
        phrases: Optional[Sequence[str]] = None,
    ) -> None: ...
    @property
    def lexicon(self) -> Lexicon: ...
    @property
    def added(self) -> List[str]: ...
    def count(self, text: str, expanded: bool = False) -> Dict[str, int]: ...
    def scan(self, text: str, doc: str = "") -> List[Dict[str, Any]]: ...
    def kwic(
        self, text: str, phrase: Optional[str] = None, width: int = 20, doc: str = ""
    ) -> List[Dict[str, Any]]: ...
    def kwic_many(
        self,
        docs: Iterable[_Doc],
        phrase: Optional[str] = None,
        width: int = 20,
        threads: Optional[int] = None,
        text_field: Optional[str] = None,
    ) -> Columns: ...
    def count_table(
        self,
        docs: Iterable[_Doc],
        by: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
        text_field: Optional[str] = None,
    ) -> CountTable: ...

class CountTable:
    @property
    def by(self) -> List[str]: ...
    @property
    def docs(self) -> int: ...
    def missing_fields(self) -> List[Tuple[str, int]]: ...
    def columns(self, all_phrases: bool = False, top: Optional[int] = None) -> Columns: ...
    def trend(self, top: int = 8, min_chars: int = 2000, title: Optional[str] = None) -> Trend: ...

class Trend:
    def columns(self) -> Columns: ...
    def html(self, per_category: bool = False) -> str: ...
    def svg(self, width: int = 960, height: int = 480) -> str: ...
    def _repr_svg_(self) -> str: ...

class Corpus(Iterator[Dict[str, str]]):
    def __iter__(self) -> Corpus: ...
    def __next__(self) -> Dict[str, str]: ...

def numbers(
    text: str, lexicon: Optional[Lexicon] = None, kinds: Optional[Sequence[str]] = None
) -> List[Dict[str, Union[str, int, bool, Decimal, None]]]: ...
def numbers_many(
    docs: Iterable[_Doc],
    lexicon: Optional[Lexicon] = None,
    kinds: Optional[Sequence[str]] = None,
    threads: Optional[int] = None,
    text_field: Optional[str] = None,
) -> Columns: ...
def read_corpus(
    paths: Union[_Path, Sequence[_Path]],
    text_field: Optional[str] = None,
    id_field: Optional[str] = None,
    meta: Optional[Mapping[str, str]] = None,
    input_format: Optional[str] = None,
    no_mmap: bool = False,
) -> Corpus: ...
def discover(
    docs: Iterable[_Doc],
    lexicon: Optional[Lexicon] = None,
    min_count: int = 2,
    top: Optional[int] = None,
    threads: Optional[int] = None,
    text_field: Optional[str] = None,
) -> Columns: ...
def keyness(
    docs: Iterable[_Doc],
    by: str,
    target: List[str],
    reference: Optional[List[str]] = None,
    phrases: Optional[List[str]] = None,
    yates: bool = False,
    lexicon: Optional[Lexicon] = None,
    overlapping: bool = False,
    strict: bool = False,
    threads: Optional[int] = None,
    text_field: Optional[str] = None,
) -> Columns: ...
def collocates(
    phrase: str,
    docs: Iterable[_Doc],
    window: int = 5,
    chars: Optional[int] = None,
    min_freq: int = 2,
    min_co: int = 2,
    sort: str = "g2",
    top: Optional[int] = None,
    lexicon: Optional[Lexicon] = None,
    overlapping: bool = False,
    strict: bool = False,
    threads: Optional[int] = None,
    text_field: Optional[str] = None,
) -> Tuple[Columns, Dict[str, Any]]: ...
def _hold_the_gil(ms: int) -> None: ...

"""`load` and `validate`: find out what a source is and read it into a `Quiz`."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from ..errors import QuizError, StemhulpError
from ..quiz.model import Quiz
from .exchange import quiz_from_exchange, read_json
from .native import is_native, load_native
from .reading import plain_problems
from .where import Where

Source = str | os.PathLike[str] | Mapping[str, Any]


def _kind(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def check_source(source: Any, layout: Any) -> None:
    """`load`'s source: None, a path (str or os.PathLike) or a mapping; layout None or a name."""
    if source is not None and not isinstance(source, (str, os.PathLike, Mapping)):
        raise QuizError(f"source must be a path, a stemhulp/1 mapping or None, got {_kind(source)}")
    if isinstance(source, str) and ("\0" in source or not source.strip()):
        raise QuizError(f"source must be a path, got {source!r}")
    if layout is not None and not isinstance(layout, str):
        raise QuizError(f"layout must be a layout name or None, got {_kind(layout)}")


def bundled_path() -> Path:
    """The bundled quiz: inside the installed package, or the source checkout's root."""
    package = Path(__file__).resolve().parents[1]  # stemhulp/, two up from stemhulp/formats/loading.py
    installed = package / "_bundled"
    if is_native(installed):
        return installed
    return package.parent


def _load_wahlomat(path: Path) -> Quiz:
    from .importers.wahlomat import load_wahlomat

    return load_wahlomat(path)


def _load_stemwijzer(path: Path) -> Quiz:
    from .importers.stemwijzer import load_stemwijzer

    return load_stemwijzer(path)


def _load_municipal(path: Path) -> Quiz:
    from .importers.municipal import load_municipal

    return load_municipal(path)


def _load_exchange(path: Path) -> Quiz:
    return quiz_from_exchange(read_json(path), Where(str(path)))


def _is_wahlomat(path: Path) -> bool:
    return (path / "opinion.json").is_file() or (path / "statement.json").is_file()


def _is_municipal(path: Path) -> bool:
    from .importers.municipal import is_municipality

    return is_municipality(path)


def _is_exchange(data: Any) -> bool:
    return isinstance(data, Mapping) and "format" in data


def _is_stemwijzer(data: Any) -> bool:
    return isinstance(data, Mapping) and "parties" in data and "statements" in data


@attrs.frozen
class Layout:
    """One source layout: how it is loaded and how it is recognised.

    A directory layout recognises a directory (`recognises(path)`); a file layout recognises the
    parsed JSON of a file (`recognises(data)`). `expects` names what it looks for, for messages.
    """

    name: str
    load: Callable[[Path], Quiz] = attrs.field(repr=False)
    directory: bool
    recognises: Callable[[Any], bool] = attrs.field(repr=False)
    expects: str


# The first layout that recognises a source is used; `--from` names one directly.
LAYOUT_TABLE: tuple[Layout, ...] = (
    Layout("native", load_native, True, is_native, "statements/quiz.yaml (native)"),
    Layout("stemhulp", _load_exchange, False, _is_exchange, "a stemhulp/1 document (with a 'format' key)"),
    Layout("wahlomat", _load_wahlomat, True, _is_wahlomat, "statement.json and opinion.json (Wahl-O-Mat)"),
    Layout(
        "stemwijzer", _load_stemwijzer, False, _is_stemwijzer, "a StemWijzer file (with 'parties' and 'statements')"
    ),
    Layout("municipal", _load_municipal, True, _is_municipal, "nl.json (municipal vote guide)"),
)
LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in LAYOUT_TABLE}


def detect_layout(path: Path) -> str:
    """Name the layout of `path` from what it contains."""
    if not path.exists():
        raise QuizError(f"{path}: no such file or directory")
    if path.is_dir():
        found = next((layout for layout in LAYOUT_TABLE if layout.directory and layout.recognises(path)), None)
        if found is None:
            from .importers.municipal import is_data_folder

            if is_data_folder(path):
                raise QuizError(
                    f"{path}: a folder of municipal vote guides, not one quiz: import it with "
                    "`stemhulp import FOLDER --out DIR`, or give one municipality's folder"
                )
            raise QuizError(f"{path}: not a quiz directory: expected {_expected(directory=True)}")
        return found.name
    if path.suffix.lower() in (".yaml", ".yml"):
        raise QuizError(f"{path}: a quiz is a directory (statements/, party_positions/) or a JSON file")
    data = read_json(path)
    found = next((layout for layout in LAYOUT_TABLE if not layout.directory and layout.recognises(data)), None)
    if found is None:
        raise QuizError(f"{path}: not a recognised quiz: expected {_expected(directory=False)}")
    return found.name


def _expected(*, directory: bool) -> str:
    return " or ".join(layout.expects for layout in LAYOUT_TABLE if layout.directory == directory)


@contextlib.contextmanager
def _bulk() -> Iterator[None]:
    """No cyclic garbage collection while a quiz is built: it only creates objects that live on,
    and a long quiz (hundreds of thousands of positions) would trigger many useless full passes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(source: Source | None = None, *, layout: str | None = None) -> Quiz:
    """Load a quiz from a native directory, a stemhulp/1 JSON file or mapping, a Wahl-O-Mat
    directory, a StemWijzer JSON file or a municipal-vote-guide folder; None loads the bundled
    quiz."""
    with _bulk():
        return _load(source, layout)


def _load(source: Source | None, layout: str | None) -> Quiz:
    check_source(source, layout)
    if isinstance(source, Mapping):
        problems = plain_problems(source, "<mapping>")
        if problems:
            raise QuizError(problems)
        return quiz_from_exchange(source, Where("<mapping>"))
    path = bundled_path() if source is None else Path(source)
    if layout in (None, "stemhulp") and path.suffix.lower() == ".json" and path.is_file():
        data = read_json(path)  # parsed once, both to detect the layout and to build the quiz
        if layout == "stemhulp" or (isinstance(data, Mapping) and "format" in data):
            return quiz_from_exchange(data, Where(str(path)))
    if layout is not None and layout not in LAYOUTS:
        raise QuizError(f"unknown layout {layout!r}; expected one of {sorted(LAYOUTS)}")
    if layout is not None and not path.exists():
        raise QuizError(f"{path}: no such file or directory")
    return LAYOUTS[layout or detect_layout(path)].load(path)


def validate(
    source: Source | None = None, *, sources: str | os.PathLike[str] | None = None, layout: str | None = None
) -> list[str]:
    """Every problem with a quiz (and, with `sources`, every quote not found), without raising."""
    return inspect(source, sources=sources, layout=layout)[1]


def inspect(
    source: Source | None = None, *, sources: str | os.PathLike[str] | None = None, layout: str | None = None
) -> tuple[Quiz | None, list[str]]:
    """`validate`, also handing back the quiz (None when it does not load), so that a caller
    reporting on a valid quiz does not load it twice."""
    try:
        quiz = load(source, layout=layout)
    except StemhulpError as error:
        return None, error.problems
    if sources is None:
        return quiz, []
    from .evidence import check_quotes

    return quiz, check_quotes(quiz, Path(sources))

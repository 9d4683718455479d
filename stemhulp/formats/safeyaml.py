"""Safe YAML loading that keeps line numbers, refuses aliases and reports duplicate keys."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from pathlib import Path as FilePath
from typing import Any

import yaml

from ..errors import QuizError
from ..limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NUMBER_CHARS, MAX_YAML_BYTES
from ..texts.i18n import Phrase
from .reading import _HUGE, _encodable, plain_problems
from .reading import read_text as _read_text
from .where import Path, Where

_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that rejects anchors/aliases outright (no billion-laughs, no shared nodes)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "YAML aliases (*name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml: about fifty times faster than pure-Python PyYAML


def _compose(text: str) -> Any:
    """The node tree of a YAML document, aliases refused. With libyaml the events are checked
    first (no alias, nesting within MAX_DEPTH: the C composer must not recurse without bound), then
    composed in C; without it, the pure-Python loader refuses aliases as it composes."""
    if _FAST is None:
        loader = _NoAliasLoader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    depth = 0
    for event in yaml.parse(text, Loader=_FAST):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "YAML aliases (*name) are not allowed", event.start_mark)  # type: ignore[arg-type]  # libyaml's Mark
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark  # libyaml's Mark: the same fields as PyYAML's
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)  # type: ignore[arg-type]
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return yaml.compose(text, Loader=_FAST)


def parse_yaml_text(text: str, file: str) -> tuple[Any, Where, list[str]]:
    """Parse YAML text into plain data, a root `Where` with line numbers, and load-time problems.

    A plain document (no tags, anchors, duplicate or odd keys, dates or over-long numbers) is
    built straight from libyaml's events, and its line numbers are worked out only when a message
    asks for one (`_LazyMarks`); anything else takes the careful path, which keeps every line."""
    plain = _plain_data(text)
    if plain is _CAREFUL:
        return _parse_carefully(text, file)
    data, raw = plain  # free of what `plain_problems` finds: `_plain_data` checked as it built
    return data, Where(file, (), _LazyMarks(text, file), raw), []


def _parse_carefully(text: str, file: str) -> tuple[Any, Where, list[str]]:
    """`parse_yaml_text` through the node tree, every line number and raw scalar recorded."""
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = error.problem
        if problem and "maximum nesting depth" in problem:  # libyaml ≥ 0.2.6 stops deep flow itself
            problem = f"nested deeper than {MAX_DEPTH} levels"
        raise QuizError(Phrase("err_invalid_yaml", path=f"{file}{line}", problem=problem)) from None
    except yaml.YAMLError as error:
        raise QuizError(Phrase("err_invalid_yaml", path=file, problem=error)) from None
    except RecursionError:
        deep = f"nested deeper than {MAX_DEPTH} levels"
        raise QuizError(Phrase("err_invalid_yaml", path=file, problem=deep)) from None
    lines: dict[Path, int] = {}
    raw: dict[Path, str] = {}
    problems: list[str] = []
    constructor = yaml.SafeLoader("")
    data = None if node is None else _build(node, (), lines, raw, problems, file, constructor)
    if not problems:
        problems = plain_problems(data, file)
    return data, Where(file, (), lines, raw), problems


def _build(node, path, lines, raw, problems, file, constructor) -> Any:  # type: ignore[no-untyped-def]
    lines.setdefault(path, node.start_mark.line + 1)
    if len(path) > MAX_DEPTH:
        if not any("nested deeper" in problem for problem in problems):
            problems.append(f"{file}:{node.start_mark.line + 1}: nested deeper than {MAX_DEPTH} levels")
        return None
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        problems.append(f"{file}:{node.start_mark.line + 1}: unsupported YAML tag {node.tag!r}")
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(f"{file}:{key_node.start_mark.line + 1}: keys must be plain text")
                continue
            key = key_node.value
            if key == "<<":
                problems.append(f"{file}:{key_node.start_mark.line + 1}: merge keys (<<) are not allowed")
                continue
            if key in result:
                problems.append(f"{file}:{key_node.start_mark.line + 1}: duplicate key {key!r}")
            lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _build(value_node, path + (key,), lines, raw, problems, file, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, path + (index,), lines, raw, problems, file, constructor)
            for index, item in enumerate(node.value)
        ]
    if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
        problems.append(
            f"{file}:{node.start_mark.line + 1}: number {node.value[:12]}… has more than {MAX_NUMBER_CHARS} characters"
        )
        return None
    try:
        value = constructor.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as error:
        problems.append(f"{file}:{node.start_mark.line + 1}: {error.problem}")
        return None
    except (ValueError, OverflowError) as error:
        problems.append(f"{file}:{node.start_mark.line + 1}: {node.value[:40]!r}: {error}")
        return None
    if not isinstance(value, (str, int, float)) and value is not None:
        value = node.value  # a date, binary data …: the text as written
    if not isinstance(value, str) and value is not None:
        raw[path] = node.value
    return value


_CAREFUL = object()  # `_plain_data`'s answer when the document needs the careful path
_STR, _INT, _FLOAT, _NULL, _BOOL = (f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "null", "bool"))


def _plain_data(text: str) -> Any:
    """(data, raw) for the document, built from libyaml's events without line marks — `raw`
    maps the key path of every scalar that did not load as text to the text as written — or
    `_CAREFUL` when it has anything the careful path reports or treats specially (or libyaml is
    missing): tags, anchors, aliases, odd or repeated keys, dates, long or non-finite numbers,
    text that is not valid Unicode, nesting near the limit, more than one document."""
    if _FAST is None:
        return _CAREFUL
    resolve = yaml.resolver.Resolver().resolve
    construct = yaml.SafeLoader("").construct_object
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    plain_start = (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent, yaml.StreamEndEvent)
    root: list[Any] = []
    stack: list[Any] = [root]  # open containers, the document's own first
    keys: list[Any] = [None]  # per open container: a mapping's pending key
    places: list[Any] = []  # per open container: its key or index in its parent (the key path)
    raw: dict[Path, str] = {}
    plain_tags: dict[str, str] = {}
    plain_values: dict[str, Any] = {}  # numbers and booleans by their text (immutable values)
    documents = 0
    parser = _FAST(text)
    next_event = parser.get_event  # libyaml's events one by one (no generator: this loop is hot)
    try:
        while (event := next_event()) is not None:
            kind = type(event)
            top = stack[-1]
            if kind is scalar_event:
                if event.anchor is not None or event.tag not in (None, "!"):
                    return _CAREFUL
                written = event.value
                if not (written.isascii() or _encodable(written)):
                    return _CAREFUL  # a lone surrogate ("\ud800"): the careful path reports it
                if type(top) is dict and keys[-1] is None:  # a key: its text as written
                    if written in top or written == "<<":
                        return _CAREFUL
                    keys[-1] = written
                    continue
                if event.tag == "!" or not event.implicit[0]:  # quoted or non-specific: text
                    tag = _STR
                else:  # plain: resolved by its text alone, so once per distinct text
                    tag = plain_tags.get(written) or plain_tags.setdefault(
                        written, resolve(yaml.ScalarNode, written, (True, False))
                    )
                if tag == _STR:
                    value: Any = written
                elif top is root:
                    return _CAREFUL  # a document that is one scalar
                elif tag == _NULL:
                    value = None
                elif tag in (_INT, _FLOAT, _BOOL) and len(written) <= MAX_NUMBER_CHARS:
                    value = plain_values.get(written, _CAREFUL)
                    if value is _CAREFUL:
                        value = plain_values[written] = construct(yaml.ScalarNode(tag, written), deep=True)
                        if not (math.isfinite(value) and -_HUGE < value < _HUGE):
                            return _CAREFUL  # .inf, .nan, 0x and 40 digits: reported there
                    raw[(*places[1:], keys[-1] if type(top) is dict else len(top))] = written
                else:
                    return _CAREFUL  # dates, binary, long numbers: the careful path knows them
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None or len(stack) > MAX_DEPTH:
                    return _CAREFUL
                if type(top) is dict and keys[-1] is None:
                    return _CAREFUL  # a key that is not plain text
                places.append(keys[-1] if type(top) is dict else len(top))
                stack.append({} if kind is mapping_start else [])
                keys.append(None)
                continue
            elif kind in collection_end:
                value = stack.pop()
                keys.pop()
                places.pop()
                top = stack[-1]
            elif kind in plain_start:
                documents += kind is yaml.DocumentStartEvent
                if documents > 1:
                    return _CAREFUL
                continue
            else:  # an alias
                return _CAREFUL
            if type(top) is dict:
                top[keys[-1]] = value
                keys[-1] = None
            else:
                top.append(value)
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return _CAREFUL  # the careful path reports it, with its line
    finally:
        parser.dispose()
    return (root[0] if root else None), raw


class _LazyMarks(Mapping[Path, int]):
    """The line of every key path of a document, worked out (by the careful path) only when a
    message asks for one: loading a long quiz does not pay for hundreds of thousands of marks."""

    def __init__(self, text: str, file: str) -> None:
        self._text, self._file = text, file
        self._lines: dict[Path, int] | None = None

    def _marks(self) -> dict[Path, int]:
        if self._lines is None:
            _, where, _ = _parse_carefully(self._text, self._file)
            self._lines = dict(where.lines or {})
        return self._lines

    def __getitem__(self, path: Path) -> int:
        return self._marks()[path]

    def __iter__(self) -> Iterator[Path]:
        return iter(self._marks())

    def __len__(self) -> int:
        return len(self._marks())


def load_yaml_file(path: FilePath) -> tuple[Any, Where, list[str]]:
    """Read and parse one YAML file; unreadable or oversized files are a `QuizError`."""
    text = read_text(path, MAX_YAML_BYTES)
    return parse_yaml_text(text, str(path))


def read_text(path: FilePath, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file with a clear error for missing, oversized or undecodable files
    (at most `limit` bytes are read, from the stream: devices and FIFOs fail fast)."""
    return _read_text(path, limit)

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
_SCALAR, _MAP_START, _SEQ_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


def _plain_data(text: str) -> Any:
    """(data, raw) for the document, built from libyaml's events without line marks — `raw`
    maps the key path of every scalar that did not load as text, and whose value does not print
    as it is written (`yes`, `007`, `1e3`), to the text as written — or `_CAREFUL` when it has
    anything the careful path reports or treats specially (or libyaml is missing): tags, anchors,
    aliases, odd or repeated keys, dates, long or non-finite numbers, text that is not valid
    Unicode, nesting near the limit, more than one document."""
    if _FAST is None:
        return _CAREFUL
    parser = _FAST(text)
    try:  # only an escape ("\ud800") can make text that is not valid Unicode out of valid text
        return _from_events(parser.get_event, check_text="\\" in text or not _encodable(text))
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return _CAREFUL  # the careful path reports it, with its line
    finally:
        parser.dispose()


class _PlainScalars:
    """Plain scalars (`1.5`, `yes`, `null`, `agree`) resolved and built by their text alone, so
    once per distinct text: `values` holds those that print as written, `kept` the others."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.kept: dict[str, Any] = {}
        self._resolve = yaml.resolver.Resolver().resolve
        self._construct = yaml.SafeLoader("").construct_object

    def add(self, written: str) -> Any:
        """The value of a plain scalar not seen before, or `_CAREFUL`."""
        tag = self._resolve(yaml.ScalarNode, written, (True, False))
        if tag in (_STR, _NULL):
            self.values[written] = value = written if tag == _STR else None
            return value
        if tag not in (_INT, _FLOAT, _BOOL) or len(written) > MAX_NUMBER_CHARS:
            return _CAREFUL  # dates, binary, long numbers, merge keys: the careful path knows them
        value = self._construct(yaml.ScalarNode(tag, written), deep=True)
        if not (math.isfinite(value) and -_HUGE < value < _HUGE):
            return _CAREFUL  # .inf, .nan, 0x and 40 digits: reported there
        if type(value) is bool or str(value) != written:
            self.kept[written] = value
        else:
            self.values[written] = value
        return value


def _key_path(stack: list[Any], last: Any) -> Path:
    """The key path of an entry `last` of the innermost open container: each open container sits
    under its parent's last key (or index), as it is put there when it opens."""
    return (*(next(reversed(parent)) if type(parent) is dict else len(parent) - 1 for parent in stack[:-1]), last)


def _from_events(next_event: Any, check_text: bool) -> Any:
    """`_plain_data` from libyaml's events one by one (no generator, no recursion: this loop runs
    once per event, two million times for a 10,000-statement quiz)."""
    if type(next_event()) is not yaml.StreamStartEvent:
        return _CAREFUL
    event = next_event()
    if type(event) is yaml.StreamEndEvent:
        return None, {}
    if type(event) is not yaml.DocumentStartEvent:
        return _CAREFUL
    scalars = _PlainScalars()
    values, kept, add = scalars.values, scalars.kept, scalars.add
    raw: dict[Path, str] = {}
    event = next_event()
    kind = type(event)
    if kind is _SCALAR:  # a document that is one scalar: only text is plain
        if event.anchor is not None or event.tag is not None or (check_text and not _encodable(event.value)):
            return _CAREFUL
        if event.implicit[0] and add(event.value) is not event.value:
            return _CAREFUL
        root: Any = event.value
    elif kind is _MAP_START or kind is _SEQ_START:
        if event.anchor is not None or event.tag is not None:
            return _CAREFUL
        top: Any = {} if kind is _MAP_START else []
        root = top
        is_map = kind is _MAP_START
        stack: list[Any] = [top]  # the open containers, the root first, each already in its parent
        key: Any = None
        while True:
            event = next_event()
            kind = type(event)
            if is_map:  # a key (plain text, new, not a merge) and then its value; or the end
                if kind is _SCALAR:
                    key = event.value
                    if event.anchor is not None or event.tag is not None or key in top or key == "<<":
                        return _CAREFUL
                    if check_text and not _encodable(key):
                        return _CAREFUL
                    event = next_event()
                    kind = type(event)
                elif kind is _MAP_END:
                    stack.pop()
                    if not stack:
                        break
                    top = stack[-1]
                    is_map = type(top) is dict
                    continue
                else:
                    return _CAREFUL  # a key that is not plain text, or an alias
            elif kind is _SEQ_END:
                stack.pop()
                if not stack:
                    break
                top = stack[-1]
                is_map = type(top) is dict
                continue
            if kind is _SCALAR:
                written = event.value
                if event.anchor is not None or (check_text and not _encodable(written)):
                    return _CAREFUL
                tag = event.tag
                if tag is None and event.implicit[0]:  # plain: resolved by its text
                    value = values.get(written, _CAREFUL)
                    if value is _CAREFUL:  # not seen before, or not printed as written
                        value = kept[written] if written in kept else add(written)
                        if value is _CAREFUL:
                            return _CAREFUL
                        if written in kept:
                            raw[_key_path(stack, key if is_map else len(top))] = written
                elif tag is None or tag == "!":  # quoted, or "!": text
                    value = written
                else:
                    return _CAREFUL
                if is_map:
                    top[key] = value
                else:
                    top.append(value)
            elif kind is _MAP_START or kind is _SEQ_START:
                if event.anchor is not None or event.tag is not None or len(stack) > MAX_DEPTH:
                    return _CAREFUL
                child: Any = {} if kind is _MAP_START else []
                if is_map:
                    top[key] = child
                else:
                    top.append(child)
                stack.append(child)
                top, is_map = child, kind is _MAP_START
            else:
                return _CAREFUL  # an alias
    else:
        return _CAREFUL
    if type(next_event()) is not yaml.DocumentEndEvent or type(next_event()) is not yaml.StreamEndEvent:
        return _CAREFUL  # more than one document
    return root, raw


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

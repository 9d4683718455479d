"""Frozen attrs records as JSON documents: the document of a record, its JSON Schema, and the
record read back from a document — all three from the fields' type hints, so they cannot drift.

A field's JSON key is its name, or `metadata={"key": …}` where the key is not a Python name
(`from`); `metadata={"doc": …}` is its description in the schema and the data dictionary.
Supported field types: attrs records, `str`, `int`, `float`, `bool`, `None`, `Any`, `X | None`,
`Literal[…]`, `list[X]`, `tuple[X, ...]`, `tuple[X, Y]` (a fixed length) and `dict[str, X]`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

Record = TypeVar("Record")
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def key_of(field: attrs.Attribute[Any]) -> str:
    """The JSON key of a record field."""
    return str(field.metadata.get("key", field.name))


_FIELD_TYPES: dict[type, tuple[tuple[attrs.Attribute[Any], Any], ...]] = {}


def field_types(cls: type) -> tuple[tuple[attrs.Attribute[Any], Any], ...]:
    """Each field of record class `cls` with its resolved type hint, in declaration order (cached)."""
    if cls not in _FIELD_TYPES:
        hints = typing.get_type_hints(cls)
        _FIELD_TYPES[cls] = tuple((field, hints[field.name]) for field in attrs.fields(cls))
    return _FIELD_TYPES[cls]


def document(value: Any) -> Any:
    """`value` as plain JSON data: records become objects keyed in field order, tuples lists."""
    if attrs.has(type(value)):
        return {key_of(field): document(getattr(value, field.name)) for field, _ in field_types(type(value))}
    if isinstance(value, dict):
        return {key: document(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [document(item) for item in value]
    return value


# --- JSON Schema ------------------------------------------------------------------------------------


def json_schema(cls: type, title: str, identifier: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the documents of record class `cls`; nested records
    become `$defs`, referenced by class name."""
    definitions: dict[str, Any] = {}
    root = _record_schema(cls, definitions)
    return {"$schema": DRAFT, "$id": identifier, "title": title, **root, "$defs": dict(sorted(definitions.items()))}


def _record_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    properties = {}
    for field, hint in field_types(cls):
        schema = _type_schema(hint, definitions)
        if "doc" in field.metadata:
            schema = {"description": field.metadata["doc"], **schema}
        properties[key_of(field)] = schema
    schema = {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}
    if cls.__doc__:
        schema = {"description": " ".join(cls.__doc__.split()), **schema}
    return schema


def _type_schema(hint: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if attrs.has(hint):
        if hint.__name__ not in definitions:
            definitions[hint.__name__] = {}  # placeholder first: a record may refer to itself
            definitions[hint.__name__] = _record_schema(hint, definitions)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if hint is Any:
        return {}
    if hint is type(None) or hint is None:
        return {"type": "null"}
    simple = {str: "string", bool: "boolean", int: "integer", float: "number"}
    if hint in simple:
        return {"type": simple[hint]}
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a, definitions) for a in arguments]
        if all(set(o) == {"type"} and isinstance(o["type"], str) for o in options):
            return {"type": [o["type"] for o in options]}
        return {"anyOf": options}
    if origin is typing.Literal:
        return {"enum": list(arguments)}
    if origin in (list, tuple) and (origin is list or arguments[-1:] == (Ellipsis,)):
        return {"type": "array", "items": _type_schema(arguments[0], definitions)}
    if origin is tuple:
        items = [_type_schema(a, definitions) for a in arguments]
        if all(item == items[0] for item in items):
            return {"type": "array", "items": items[0], "minItems": len(items), "maxItems": len(items)}
        return {"type": "array", "prefixItems": items, "minItems": len(items), "maxItems": len(items)}
    if origin in (dict, Mapping):
        return {"type": "object", "additionalProperties": _type_schema(arguments[1], definitions)}
    raise TypeError(f"no JSON Schema for the type {hint!r}")


# --- reading a document back ------------------------------------------------------------------------


def from_document(cls: type[Record], data: Any, source: str) -> tuple[Record | None, list[str]]:
    """The record of class `cls` that `data` (parsed JSON, from `source`) is the document of, or
    None and the problems, each naming the source and the key path."""
    problems: list[str] = []
    value = _read(cls, data, "", problems)
    return (None, [f"{source}: {p}" for p in problems]) if problems else (value, [])


def _read(hint: Any, data: Any, where: str, problems: list[str]) -> Any:
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if attrs.has(hint):
        return _read_record(hint, data, where, problems)
    if hint is Any:
        return data
    if hint is type(None) or hint is None:
        return data if data is None else _wrong(where, _name(hint), data, problems)
    if hint is bool:
        return data if isinstance(data, bool) else _wrong(where, _name(hint), data, problems)
    if hint is int:
        ok = isinstance(data, int) and not isinstance(data, bool)
        return data if ok else _wrong(where, _name(hint), data, problems)
    if hint is float:
        ok = isinstance(data, (int, float)) and not isinstance(data, bool)
        return data if ok else _wrong(where, _name(hint), data, problems)
    if hint is str:
        return data if isinstance(data, str) else _wrong(where, _name(hint), data, problems)
    if origin in (typing.Union, types.UnionType):
        present = [a for a in arguments if a is not type(None)]
        if data is not None and len(present) == 1 and present[0] not in _NAMES:
            return _read(present[0], data, where, problems)  # an optional section: its own problems, located
        for option in arguments:
            attempt: list[str] = []
            value = _read(option, data, where, attempt)
            if not attempt:
                return value
        return _wrong(where, " or ".join(_name(a) for a in arguments), data, problems)
    if origin is typing.Literal:
        return data if data in arguments else _wrong(where, f"one of {list(arguments)}", data, problems)
    if origin in (list, tuple):
        if not isinstance(data, list):
            return _wrong(where, "a list", data, problems)
        if origin is list or arguments[-1:] == (Ellipsis,):
            items = [_read(arguments[0], item, f"{where}[{i}]", problems) for i, item in enumerate(data)]
            return items if origin is list else tuple(items)
        if len(data) != len(arguments):
            return _wrong(where, f"a list of {len(arguments)}", data, problems)
        pairs = enumerate(zip(arguments, data, strict=True))
        return tuple(_read(a, item, f"{where}[{i}]", problems) for i, (a, item) in pairs)
    if origin in (dict, Mapping):
        if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
            return _wrong(where, "an object", data, problems)
        return {k: _read(arguments[1], v, f"{where}.{k}", problems) for k, v in data.items()}
    raise TypeError(f"cannot read the type {hint!r}")


def _read_record(cls: type, data: Any, where: str, problems: list[str]) -> Any:
    if not isinstance(data, dict):
        return _wrong(where, "an object", data, problems)
    fields = field_types(cls)
    keys = {key_of(field) for field, _ in fields}
    missing = [key_of(field) for field, _ in fields if key_of(field) not in data]
    if missing:
        problems.append(f"{_at(where)}missing key(s) " + ", ".join(missing))
    problems.extend(f"{_at(where)}unknown key {key!r}" for key in data if key not in keys)
    if missing or not keys.issuperset(data):
        return None
    values = {
        field.name: _read(hint, data[key_of(field)], _join(where, key_of(field)), problems) for field, hint in fields
    }
    if problems:
        return None
    try:
        return cls(**values)
    except ValueError as error:  # a record's own validators: ranges and cross-field rules
        problems.append(f"{_at(where)}{error}")
        return None


def _at(where: str) -> str:
    """The start of a problem at key path `where` (nothing at the document's top)."""
    return f"{where}: " if where else ""


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


_NAMES = {type(None): "null", bool: "true or false", int: "a whole number", float: "a number", str: "a text"}


def _name(hint: Any) -> str:
    """What a value of type `hint` is called in a problem: `a number`, `null`, `a list`, `an object`."""
    if hint in _NAMES:
        return _NAMES[hint]
    return "a list" if typing.get_origin(hint) in (list, tuple) else "an object"


def _wrong(where: str, expected: str, data: Any, problems: list[str]) -> None:
    from .numbers import shown

    problems.append(f"{_at(where)}expected {expected}, got {shown(data)}")
    return None

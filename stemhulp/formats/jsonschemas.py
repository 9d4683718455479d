"""The JSON Schemas shipped in `stemhulp/formats/schemas/`: the files are the registry, so adding a
`NAME.schema.json` file is all it takes for `stemhulp schema NAME` to print it."""

from __future__ import annotations

from importlib.resources import files

from ..errors import StemhulpError

SUFFIX = ".schema.json"


def schema_names() -> tuple[str, ...]:
    """Every shipped schema's name, sorted."""
    folder = files("stemhulp.formats").joinpath("schemas")
    return tuple(sorted(entry.name.removesuffix(SUFFIX) for entry in folder.iterdir() if entry.name.endswith(SUFFIX)))


def schema_text(name: str) -> str:
    """The schema called `name` as JSON text, or a `StemhulpError` listing the names."""
    if name not in schema_names():
        raise StemhulpError(f"unknown schema {name!r}; choose one of {list(schema_names())}")
    return files("stemhulp.formats").joinpath("schemas", f"{name}{SUFFIX}").read_text(encoding="utf-8")

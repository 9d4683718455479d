"""`stemhulp publish`: the quiz as a static site that computes the match in the visitor's browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import BrandOpt, FromOpt, SourceArg, handles_errors, load_source


@handles_errors
def publish(
    source: SourceArg = None,
    *,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Folder to write the site into: new, empty, or an earlier publish (nothing else is replaced).",
        ),
    ],
    layout: FromOpt = None,
    adaptive: Annotated[
        bool,
        typer.Option(
            "--adaptive",
            help="Publish the adaptive quiz: the most telling statement next, and an early stop once the top "
            "advice is firm (visitors can always go on to all statements).",
        ),
    ] = False,
    brand: BrandOpt = None,
) -> None:
    """Write the quiz as a static site (open index.html, or put the folder on any web host)."""
    from ..formats.brand import load_brand
    from ..publish import publish as write_site

    quiz = load_source(source, layout)
    written = write_site(quiz, out, adaptive=adaptive, brand=load_brand(brand) if brand is not None else None)
    total = sum(path.stat().st_size for path in written)
    typer.echo(
        f"stemhulp: wrote {len(written)} files ({total // 1024} KB) to {out}; open {out / 'index.html'}", err=True
    )

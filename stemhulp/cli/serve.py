"""`stemhulp serve`: the quiz in a browser and the JSON API, on the optional `web` extra."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    DEFAULT_METHOD_CHOICE,
    DEFAULT_MISSING_CHOICE,
    FromOpt,
    MethodOpt,
    MissingOpt,
    SourceArg,
    fail,
    handles_errors,
    load_source,
    value,
    whole,
)

WEB_PACKAGES = ("starlette", "uvicorn", "jinja2", "multipart")


def missing_web_packages() -> list[str]:
    """The packages of the `web` extra that cannot be imported."""
    from importlib.util import find_spec

    return [name for name in WEB_PACKAGES if find_spec(name) is None]


@handles_errors
def serve(
    source: SourceArg = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (default: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", "-p", parser=whole(1, 65535), metavar="INTEGER", help="Port to listen on.")
    ] = 8000,
    method: MethodOpt = DEFAULT_METHOD_CHOICE,
    missing: MissingOpt = DEFAULT_MISSING_CHOICE,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--cors-origin",
            metavar="URL",
            help="A web origin allowed to call the API from a browser (repeatable; none by default).",
        ),
    ] = None,
    layout: FromOpt = None,
) -> None:
    """Serve the quiz in a browser, and the JSON API at /api/v1, until Ctrl-C."""
    absent = missing_web_packages()
    if absent:
        fail([f"stemhulp serve needs the web extra ({', '.join(absent)} not installed): pip install 'stemhulp[web]'"])
    import logging

    import uvicorn

    from ..web import create_app
    from ..web.serving import server_options

    app = create_app(
        load_source(source, layout), method=value(method), missing=value(missing), cors_origins=cors_origin or ()
    )
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    typer.echo(
        f"stemhulp: the quiz is at http://{host if ':' not in host else f'[{host}]'}:{port}/ (Ctrl-C stops)", err=True
    )
    uvicorn.run(
        app, host=host, port=port, access_log=False, log_level="warning", server_header=False, **server_options()
    )

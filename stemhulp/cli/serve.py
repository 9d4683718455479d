"""`stemhulp serve`: the quiz in a browser and the JSON API, on the optional `web` extra."""

from __future__ import annotations

import re
from typing import Annotated, Any

import typer

from .common import (
    DEFAULT_METHOD_CHOICE,
    DEFAULT_MISSING_CHOICE,
    BrandOpt,
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

WEB_PACKAGES = ("starlette", "uvicorn", "jinja2", "multipart", "httptools", "orjson")
ROOT_PATH = re.compile(r"(/[A-Za-z0-9._~-]+)+")


def check_root_path(root_path: str) -> str:
    """`--root-path`: empty, or a path such as /stemhulp or /verkiezingen/stemhulp (no trailing slash)."""
    if root_path and not ROOT_PATH.fullmatch(root_path):
        fail(
            [
                f"--root-path {root_path[:80]!r}: expected a path such as /stemhulp (a leading /, no trailing /, "
                "letters, digits, . _ ~ - between the slashes)"
            ]
        )
    return root_path


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
    frame_ancestor: Annotated[
        list[str] | None,
        typer.Option(
            "--frame-ancestor",
            metavar="URL",
            help="A site allowed to show the quiz in a frame (repeatable; none by default).",
        ),
    ] = None,
    root_path: Annotated[
        str,
        typer.Option(
            "--root-path",
            metavar="PATH",
            help="The sub-path the quiz is reached under behind a reverse proxy that strips it, e.g. /stemhulp.",
        ),
    ] = "",
    layout: FromOpt = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            parser=whole(1, 64),
            metavar="INTEGER",
            help="Worker processes answering requests (uvicorn's); each loads the quiz and keeps one core busy.",
        ),
    ] = 1,
    adaptive: Annotated[
        bool,
        typer.Option(
            "--adaptive",
            help="The adaptive quiz: the most telling statement next, and an early stop once the top advice is "
            "firm (visitors can always go on to all statements).",
        ),
    ] = False,
    brand: BrandOpt = None,
) -> None:
    """Serve the quiz in a browser, and the JSON API at /api/v1, until Ctrl-C."""
    absent = missing_web_packages()
    if absent:
        fail([f"stemhulp serve needs the web extra ({', '.join(absent)} not installed): pip install 'stemhulp[web]'"])
    import logging

    import uvicorn

    from ..formats.brand import load_brand
    from ..web import create_app
    from ..web.serving import server_options, settle_worker

    root_path = check_root_path(root_path)
    # The app is made here first, also with workers: a bad quiz or option fails now, with its message.
    app = create_app(
        load_source(source, layout),
        method=value(method),
        missing=value(missing),
        cors_origins=cors_origin or (),
        frame_ancestors=frame_ancestor or (),
        adaptive=adaptive,
        brand=load_brand(brand) if brand is not None else None,
    )
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    typer.echo(
        f"stemhulp: the quiz is at http://{host if ':' not in host else f'[{host}]'}:{port}/"
        + (f" (reached as {root_path}/ through the proxy)" if root_path else "")
        + f"{f', {workers} workers' if workers > 1 else ''} (Ctrl-C stops)",
        err=True,
    )
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "access_log": False,
        "log_level": "warning",
        "server_header": False,
        "root_path": root_path,
        **server_options(),
    }
    if workers == 1:
        settle_worker()
        uvicorn.run(app, **options)
        return
    import json
    import os

    from ..web.app import SERVE_SETTINGS

    os.environ[SERVE_SETTINGS] = json.dumps(
        {
            "source": None if source is None else os.path.abspath(source),
            "layout": layout.value if layout else None,
            "method": value(method),
            "missing": value(missing),
            "cors_origins": list(cors_origin or ()),
            "frame_ancestors": list(frame_ancestor or ()),
            "adaptive": adaptive,
            "brand": None if brand is None else os.path.abspath(brand),
        }
    )
    uvicorn.run("stemhulp.web.app:app_from_environment", factory=True, workers=workers, **options)

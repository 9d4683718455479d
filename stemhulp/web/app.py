"""The application factory: routes, error handlers and middleware for one quiz."""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib.resources import files
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import StemhulpError
from ..formats.brand import LOGO_TYPES, STYLESHEET, Brand
from ..matching.matcher import Matcher
from ..matching.methods import DEFAULT_METHOD, DEFAULT_MISSING, get_method, get_policy
from ..quiz.model import Quiz
from .api import Api, problem, route_path
from .guards import BodyTooLarge, Guard
from .pages import Pages

KEPT_MATCHERS = 3  # prepared matchers for settings other than the default, least recently used dropped
MAX_BODY = 64 * 1024  # bytes: an answers document for hundreds of statements fits many times over
STATIC_MAX_AGE = 3600  # seconds a browser or proxy may keep the stylesheet, script and icon unasked
GZIP_MIN_BYTES = 1000  # smaller answers are sent as they are (compressing them gains nothing)
# zlib's fastest level: a 107 KB match answer shrinks to 6.4 KB in 0.15 ms of CPU; Starlette's
# default level 9 saves 3 KB more for 0.7 ms, as much CPU as the match itself.
GZIP_LEVEL = 1


class Matchers:
    """Prepared `Matcher`s per (method, missing, salience), made on first use; the first one (the
    server's default) is kept for good, the others in a small least-recently-used cache, so no
    sequence of requests can grow the server past KEPT_MATCHERS + 1 prepared matchers."""

    def __init__(self, quiz: Quiz, kept: int = KEPT_MATCHERS) -> None:
        self.quiz, self.kept = quiz, kept
        self._default: tuple[tuple[str, str, bool], Matcher] | None = None
        self._made: OrderedDict[tuple[str, str, bool], Matcher] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, method: str, missing: str, salience: bool = False) -> Matcher:
        key = (method, missing, salience)
        with self._lock:
            if self._default is not None and self._default[0] == key:
                return self._default[1]
            matcher = self._made.get(key)
            if matcher is not None:
                self._made.move_to_end(key)
                return matcher
        method_record, policy = get_method(method), get_policy(missing)
        method_record.check_scale(self.quiz.scale.size)
        matcher = Matcher(self.quiz, method_record.name, policy.name, salience)
        with self._lock:
            if self._default is None:
                self._default = (key, matcher)
            else:
                self._made[key] = matcher
                while len(self._made) > self.kept:
                    self._made.popitem(last=False)
        return matcher

    def __len__(self) -> int:
        return len(self._made) + (self._default is not None)


ORIGIN = re.compile(r"https?://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?)(:[0-9]{1,5})?", re.ASCII)


def check_origins(origins: Sequence[str], option: str = "--cors-origin") -> list[str]:
    """Web origins as `http(s)://host[:port]` (no path, no wildcard); a `StemhulpError` naming a bad one."""
    problems = [
        f"{option} {origin[:80]!r}: expected a web origin such as https://example.org (http or https, "
        "a host, an optional port, no path)"
        for origin in origins
        if not isinstance(origin, str) or not ORIGIN.fullmatch(origin)
    ]
    if problems:
        raise StemhulpError(problems)
    return list(origins)


class GZipWhenAccepted(GZipMiddleware):
    """Starlette's gzip for the requests that accept it; the others go to the app directly (its
    identity pass parses every response's headers), their answers marked `Vary: Accept-Encoding`
    as it would have marked them, so a cache keeps the two apart."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or any(
            name == b"accept-encoding" and b"gzip" in value for name, value in scope["headers"]
        ):
            await super().__call__(scope, receive, send)
            return

        async def send_varying(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), (b"vary", b"Accept-Encoding")]
            await send(message)

        await self.app(scope, receive, send_varying)


class CachedStaticFiles(StaticFiles):
    """The package's static files with a `cache-control` beside Starlette's ETag and Last-Modified."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["cache-control"] = f"public, max-age={STATIC_MAX_AGE}"
        return response


def create_app(
    quiz: Quiz | None = None,
    *,
    method: str = DEFAULT_METHOD,
    missing: str = DEFAULT_MISSING,
    cors_origins: Sequence[str] = (),
    frame_ancestors: Sequence[str] = (),
    max_body: int = MAX_BODY,
    adaptive: bool = False,
    brand: Brand | None = None,
) -> Starlette:
    """A Starlette app serving `quiz` (the bundled one by default) as web pages and as `/api/v1`.

    Nothing is stored on the server: the pages carry the answers. `cors_origins` lists the web
    origins allowed to call the API from a browser, `frame_ancestors` the sites allowed to show
    the quiz in a frame (none of either by default). Served under a sub-path (the ASGI
    `root_path`, `serve --root-path`), every link, form, asset and redirect starts with it.
    `adaptive` runs the web quiz as the adaptive quiz (the most telling statement next, an early
    stop when the advice is firm). `brand` (`formats.brand.load_brand`) adds a logo, colours and a
    privacy page.
    """
    cors_origins = check_origins(cors_origins)
    frame_ancestors = check_origins(frame_ancestors, "--frame-ancestor")
    if quiz is None:
        from ..formats.loading import load

        quiz = load()
    matchers = Matchers(quiz)
    default = matchers(method, missing)  # an unknown method fails now, not at the first visitor
    api = Api(quiz, matchers, default.method, default.missing)
    from ..dialogue.flow import AdaptiveOrder

    order = AdaptiveOrder(default.method, default.missing) if adaptive else None
    pages = Pages(quiz, lambda: default, order, brand)
    static = CachedStaticFiles(directory=os.fspath(str(files("stemhulp.web").joinpath("static"))))

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        path = route_path(request)
        headers = {"allow": ", ".join(allowed_methods(routes, path))} if status == 405 else {}
        if path.startswith("/api/"):
            names = {404: "not_found", 405: "method_not_allowed"}
            message = f"{request.method} {path}: " + (
                "no such endpoint" if status == 404 else "method not allowed" if status == 405 else "refused"
            )
            return problem(status, names.get(status, "http_error"), [message], headers)
        response = pages.error(
            request,
            request.query_params.get("lang", "nl"),
            [f"{path}: {'not found' if status == 404 else 'method not allowed' if status == 405 else 'refused'}"],
            status,
        )
        response.headers.update(headers)
        return response

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "quiz": quiz.id})

    async def bad_input(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StemhulpError)
        if not request.url.path.startswith("/api/"):  # a page's form that cannot be read
            return pages.error(request, request.query_params.get("lang", "nl"), exc.problems, 400)
        return problem(422, "invalid_request", exc.problems)

    async def too_large(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, BodyTooLarge)
        return problem(413, "payload_too_large", [f"body: the request body is larger than {exc.limit} bytes"])

    handlers: dict[Any, Any] = {HTTPException: not_found, StemhulpError: bad_input, BodyTooLarge: too_large}
    # Outermost first: CORS wraps everything, so every answer (a 413, a 431, a 500 too) carries its
    # headers; the guard (limits, security headers, a 500 for the unforeseen); gzip for pages and JSON.
    middleware = [
        Middleware(Guard, max_body=max_body, frame_ancestors=frame_ancestors),
        Middleware(GZipWhenAccepted, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL),
    ]
    if cors_origins:
        middleware.insert(
            0,
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["content-type"],
                max_age=600,
            ),
        )
    routes = [
        Route("/api/v1/match", api.match, methods=["POST"]),  # first: the busiest route is tried first
        Route("/healthz", health, methods=["GET"]),
        Route("/", pages.intro, methods=["GET"]),
        Route("/quiz", pages.step, methods=["POST"]),
        Route("/quiz", pages.resume, methods=["GET"]),
        Route("/download", pages.download, methods=["POST"]),
        Route("/api/v1/quiz", api.quiz_document, methods=["GET"]),
        Route("/api/v1/methods", api.methods, methods=["GET"]),
        Route("/api/v1/openapi.json", api.openapi, methods=["GET"]),
        Mount("/static", app=static, name="static"),
        *(brand_routes(brand, pages) if brand is not None else ()),
    ]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)
    app.state.quiz = quiz
    app.state.matchers = matchers
    return app


SERVE_SETTINGS = "STEMHULP_SERVE_SETTINGS"  # how `serve --workers N` tells its worker processes what to serve


def app_from_environment() -> Starlette:
    """The app of one worker process of `stemhulp serve --workers N` (uvicorn starts each worker
    from this factory): the quiz, method, policy and origins the command put in the environment."""
    import json

    from ..formats.brand import load_brand
    from ..formats.loading import load
    from .serving import settle_worker

    settings = json.loads(os.environ[SERVE_SETTINGS])
    quiz = load(settings["source"], layout=settings["layout"])
    app = create_app(
        quiz,
        method=settings["method"],
        missing=settings["missing"],
        cors_origins=settings["cors_origins"],
        frame_ancestors=settings["frame_ancestors"],
        adaptive=settings.get("adaptive", False),
        brand=load_brand(settings["brand"]) if settings.get("brand") else None,
    )
    settle_worker()  # one worker process per core
    return app


def brand_routes(brand: Brand, pages: Pages) -> list[Route]:
    """`/brand/NAME` for the brand's stylesheet and logo (cached like the static files), `/privacy`."""
    served = brand.files()
    types = {STYLESHEET: "text/css; charset=utf-8", **LOGO_TYPES}

    async def brand_file(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in served:
            raise HTTPException(404)
        headers = {"cache-control": f"public, max-age={STATIC_MAX_AGE}"}
        return Response(served[name], media_type=types[name], headers=headers)

    routes = [Route("/brand/{name}", brand_file, methods=["GET"])]
    if brand.privacy:
        routes.append(Route("/privacy", pages.privacy, methods=["GET"]))
    return routes


def allowed_methods(routes: Sequence[Any], path: str) -> list[str]:
    """The methods some route answers at `path` (the `Allow` header of a 405)."""
    methods = {
        method
        for route in routes
        if isinstance(route, Route) and route.path_regex.match(path)
        for method in route.methods or ()
    }
    return sorted(methods)

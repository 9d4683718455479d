"""ASGI middleware that keeps the server safe by default: security headers, a body-size limit, a
request-head limit, a 500 in the API's error shape for anything unforeseen (inside the CORS layer,
so even that carries the CORS headers), and a request log that never holds answers (method, path
without query, status, time)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from typing import Any

from ..texts.inert import one_line

Scope = dict[str, Any]
Receive = Any
Send = Any

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors {ancestors}"
)


def security_headers(frame_ancestors: Sequence[str] = ()) -> list[tuple[bytes, bytes]]:
    """The headers every answer carries. No site may frame the quiz unless `frame_ancestors` lists
    it (`serve --frame-ancestor`); then the CSP names those origins and X-Frame-Options, which can
    name none of them, is left out. Answers that set no `cache-control` are never stored (pages
    and results hold a person's answers)."""
    ancestors = " ".join(frame_ancestors) if frame_ancestors else "'none'"
    headers = [(b"content-security-policy", CSP.format(ancestors=ancestors).encode("ascii"))]
    if not frame_ancestors:
        headers.append((b"x-frame-options", b"DENY"))
    return [
        *headers,
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        (b"cache-control", b"no-store"),
    ]


log = logging.getLogger("stemhulp.web")
MAX_HEAD_BYTES = 16 * 1024  # request line and headers together (the server also stops reading there)


class BodyTooLarge(Exception):
    """The request body is larger than the server accepts."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body larger than {limit} bytes")
        self.limit = limit


class Guard:
    """Adds the security headers, refuses bodies over `max_body` bytes, logs each request."""

    def __init__(self, app: Any, max_body: int, frame_ancestors: Sequence[str] = ()) -> None:
        self.app, self.max_body = app, max_body
        self.headers = security_headers(frame_ancestors)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), [0]
        limit, seen, headers = self.max_body, [0], self.headers

        async def limited_receive() -> dict[str, Any]:
            message = await receive()
            if message["type"] == "http.request":
                seen[0] += len(message.get("body", b""))
                if seen[0] > limit:
                    raise BodyTooLarge(limit)
            return message

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *((n, v) for n, v in headers if n not in present)]
            await send(message)

        try:
            head = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            head += sum(len(name) + len(value) + 4 for name, value in scope.get("headers", []))
            if head > MAX_HEAD_BYTES:
                await refuse(
                    send_with_headers,
                    431,
                    "request_header_fields_too_large",
                    f"request line and headers: larger than {MAX_HEAD_BYTES} bytes",
                )
                return
            declared = dict(scope.get("headers", [])).get(b"content-length")
            if declared is not None and (not declared.isdigit() or len(declared) > 12 or int(declared) > limit):
                await too_large(send_with_headers, limit)
                return
            try:
                await self.app(scope, limited_receive, send_with_headers)
            except Exception as error:  # a bug, never the visitor's input: no traceback to the client
                log.error("%s %s: %s", one_line(scope["method"]), one_line(scope["path"]), type(error).__name__)
                if status[0]:
                    raise  # the answer has begun: only closing the connection is left
                await refuse(send_with_headers, 500, "internal_error", "the server could not answer this request")
        finally:
            if log.isEnabledFor(logging.INFO):
                log.info(
                    "%s %s %d %.1fms",
                    one_line(scope["method"]),
                    one_line(scope["path"]),
                    status[0],
                    (time.perf_counter() - started) * 1000,
                )


async def too_large(send: Send, limit: int) -> None:
    """A 413 answer in the API's error shape."""
    await refuse(send, 413, "payload_too_large", f"body: the request body is larger than {limit} bytes")


async def refuse(send: Send, status: int, error: str, problem: str) -> None:
    """An error answer in the API's error shape, before the app sees the request."""
    body = json.dumps({"error": error, "problems": [problem]}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})

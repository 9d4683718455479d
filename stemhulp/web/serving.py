"""How `stemhulp serve` runs the app: uvicorn with httptools (llhttp, C), bounded requests and connections.

- the request line and headers together: at most MAX_HEAD_BYTES. Bytes are counted as they arrive
  until the head is complete, so a longer head is answered 431 and the connection closed after at
  most one network read past the limit, never buffered whole;
- HTTP/1.0 and 1.1 only (llhttp refuses an HTTP/0.9 request line: 400);
- every request must arrive, head and body, within REQUEST_SECONDS of its first byte (or of the
  connection opening): a client that trickles bytes, or connects and says nothing, is dropped;
- an idle keep-alive connection is closed after KEEP_ALIVE_SECONDS;
- at most MAX_CONNECTIONS at once (more are answered 503).
The body limit and the security headers are `guards.Guard`'s; the per-setting caches are bounded in
`app.Matchers`. httptools, not h11: the pure-Python h11 parser cost a third of a request's CPU.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .guards import MAX_HEAD_BYTES

REQUEST_SECONDS = 20.0
KEEP_ALIVE_SECONDS = 5
MAX_CONNECTIONS = 200
TOO_LARGE = json.dumps(
    {
        "error": "request_header_fields_too_large",
        "problems": [f"request line and headers: larger than {MAX_HEAD_BYTES} bytes"],
    }
).encode()


def settle_worker() -> None:
    """Ready a serving process once its app is made: BLAS on one thread (a request's products are
    small; spare threads only spin), everything made so far (the quiz, its prepared tables) frozen
    out of the garbage collector's passes, which would otherwise walk it again and again, and log
    records made without the caller, thread and process lookups the request line never shows
    (the logging HOWTO's "Optimization")."""
    from ..matching.threads import single_threaded_process

    single_threaded_process()
    logging._srcfile = None
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    gc.freeze()


class BoundedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a bounded request head and a deadline per request: the
    connection is closed when a request has not fully arrived REQUEST_SECONDS after it began (a
    slow or silent client holds nothing)."""

    deadline: asyncio.TimerHandle | None = None
    head_complete = False  # the current request's head has been read whole
    head_seen = 0  # bytes received since the current request's head began

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if not self.head_complete:
            self.head_seen += len(data)
        super().data_received(data)
        if not self.head_complete and self.head_seen > MAX_HEAD_BYTES and not self.transport.is_closing():
            self._refuse_head()

    def on_headers_complete(self) -> None:
        self.head_complete = True
        if self.parser.get_http_version() not in ("1.0", "1.1"):
            # llhttp reads "GET /" as HTTP/0.9; raised in a parser callback, uvicorn answers 400.
            raise ValueError("only HTTP/1.0 and HTTP/1.1 are served")
        super().on_headers_complete()
        cycle = self.cycle
        if cycle is not None and cycle.scope is self.scope and self.scope["method"] != "HEAD":
            cycle.transport = OneSend(self.transport, cycle)  # type: ignore[assignment]

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.head_complete, self.head_seen = False, 0  # the next request's head starts here
        self._disarm()  # the whole request is in: the app answers it

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection gets its own deadline

    def _refuse_head(self) -> None:
        self.transport.write(
            b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/json\r\n"
            + f"content-length: {len(TOO_LARGE)}\r\nconnection: close\r\n\r\n".encode()
            + TOO_LARGE
        )
        self.transport.close()

    def _arm(self) -> None:
        self._disarm()
        self.deadline = self.loop.call_later(REQUEST_SECONDS, self._too_slow)

    def _disarm(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def _too_slow(self) -> None:
        cycle = self.cycle
        if cycle is not None and cycle.response_started and not cycle.response_complete:
            return  # the answer is on its way
        self.transport.close()


class OneSend:
    """The transport of one response: its status line and headers wait for the body's first
    bytes, so an answer leaves in one system call (a small one in one packet), not two. Writes
    before the response starts (`100 Continue`) go at once; a HEAD response, which writes no body,
    is never given one of these."""

    __slots__ = ("_transport", "_cycle", "_head", "_state")
    WAITING, HOLDING, PASSING = 0, 1, 2

    def __init__(self, transport: asyncio.Transport, cycle: Any) -> None:
        self._transport, self._cycle, self._head, self._state = transport, cycle, b"", self.WAITING

    def write(self, data: bytes) -> None:
        if self._state == self.HOLDING:  # the body's first bytes: head and body in one call
            self._state = self.PASSING
            self._transport.writelines((self._head, data))
            self._head = b""
        elif self._state == self.WAITING and self._cycle.response_started:  # the status line and headers
            self._state, self._head = self.HOLDING, data
        else:
            self._transport.write(data)

    def close(self) -> None:
        if self._state == self.HOLDING:  # what was begun still goes out before the connection closes
            self._state = self.PASSING
            self._transport.write(self._head)
        self._transport.close()

    def is_closing(self) -> bool:
        return self._transport.is_closing()


def server_options() -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run` that bound every request and connection (see above)."""
    return {
        "http": BoundedProtocol,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "limit_concurrency": MAX_CONNECTIONS,
    }

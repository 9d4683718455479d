"""How `stemhulp serve` runs the app: uvicorn with bounded requests and connections.

- the request line and headers together: at most MAX_HEAD_BYTES (h11's incomplete-event limit; a
  longer head is answered 431/400 and the connection closed, never buffered whole);
- HTTP/1.0 and 1.1 only (h11 refuses an HTTP/0.9 request line);
- every request must arrive, head and body, within REQUEST_SECONDS of its first byte (or of the
  connection opening): a client that trickles bytes, or connects and says nothing, is dropped;
- an idle keep-alive connection is closed after KEEP_ALIVE_SECONDS;
- at most MAX_CONNECTIONS at once (more are answered 503).
The body limit and the security headers are `guards.Guard`'s; the per-setting caches are bounded in
`app.Matchers`.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from .guards import MAX_HEAD_BYTES

REQUEST_SECONDS = 20.0
KEEP_ALIVE_SECONDS = 5
MAX_CONNECTIONS = 200


class BoundedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline per request: the connection is closed when a request
    has not fully arrived REQUEST_SECONDS after it began (a slow or silent client holds nothing)."""

    deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete and getattr(cycle, "more_body", True) is False:
            self._disarm()  # the whole request is in: the app answers it

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection gets its own deadline

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


def server_options() -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run` that bound every request and connection (see above)."""
    return {
        "http": BoundedH11Protocol,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "limit_concurrency": MAX_CONNECTIONS,
    }

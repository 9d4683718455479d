"""A response leaves in one write: its status line and headers wait for the body's first bytes."""

from types import SimpleNamespace

from stemhulp.web.serving import OneSend


class Wire:
    """A transport that records each call that would reach the socket."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bytes]] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.calls.append(("write", data))

    def writelines(self, parts: tuple[bytes, ...]) -> None:
        self.calls.append(("writelines", b"".join(parts)))

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed


def test_head_and_body_leave_together_and_a_continue_goes_at_once():
    wire, cycle = Wire(), SimpleNamespace(response_started=False)
    transport = OneSend(wire, cycle)  # type: ignore[arg-type]
    transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")  # before the answer: the client waits for it
    assert wire.calls == [("write", b"HTTP/1.1 100 Continue\r\n\r\n")]
    cycle.response_started = True
    transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
    assert len(wire.calls) == 1  # the head is held
    transport.write(b"{}")
    transport.write(b"more")  # a streamed body's later parts go as they come
    assert wire.calls[1:] == [("writelines", b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"), ("write", b"more")]


def test_a_held_head_still_leaves_when_the_connection_closes():
    wire, cycle = Wire(), SimpleNamespace(response_started=True)
    transport = OneSend(wire, cycle)  # type: ignore[arg-type]
    transport.write(b"HTTP/1.1 500 Internal Server Error\r\n\r\n")
    transport.close()
    assert wire.calls == [("write", b"HTTP/1.1 500 Internal Server Error\r\n\r\n")] and wire.closed
    assert transport.is_closing()

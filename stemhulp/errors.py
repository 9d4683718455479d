"""One exception family: every error a user can cause is a `StemhulpError` (a ValueError)."""

from __future__ import annotations

from collections.abc import Iterable


class StemhulpError(ValueError):
    """Base of every error stemhulp raises for bad input; `.problems` lists located messages."""

    def __init__(self, problems: str | Iterable[str]) -> None:
        self.problems: list[str] = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class QuizError(StemhulpError):
    """A quiz (native YAML, stemhulp/1 JSON or an imported layout) is malformed."""


class AnswersError(StemhulpError):
    """An answers file or answers mapping does not fit the quiz."""


class MatchError(StemhulpError):
    """A matching request is invalid (unknown method, wrong scale, bad weights or codes)."""


class SimulationError(StemhulpError):
    """A simulation request is invalid."""


class CheckError(StemhulpError):
    """A check request is invalid (an unknown threshold, a value out of range)."""


class GridError(StemhulpError):
    """A sweep grid file is malformed."""


class SweepError(StemhulpError):
    """A sweep cannot run (no Dask, no scheduler, an output that is not a sweep's)."""


class OtherQuizError(AnswersError):
    """A page or saved link made for another version of the quiz."""


class UnknownPartyError(MatchError, KeyError):
    """A party asked of a result was not compared (also a KeyError, as `MatchResult.entry` promised)."""

    def __str__(self) -> str:
        return "\n".join(self.problems)

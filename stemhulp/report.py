"""The downloadable result of a quiz as HTML, Markdown or JSON (a minimal version; see the quiz report issue)."""

from __future__ import annotations

import html
import json
from typing import Any

from .errors import StemhulpError

FORMATS = ("html", "md", "json")


def render(result: Any, quiz: Any, answers: Any, *, fmt: str, lang: str) -> str:
    """The result as a standalone document in `fmt` ('html', 'md' or 'json'), texts in `lang`."""
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    title = quiz.localized_title(lang)
    heading = "Jouw uitslag" if lang == "nl" else "Your result"
    rows = [(e.rank, e.name, e.score) for e in result.ranking]
    if fmt == "md":
        lines = [f"# {title}: {heading}", "", "| # | party | score |", "|---|---|---|"]
        lines += [f"| {'–' if r is None else r} | {n.replace('|', '/')} | {'–' if s is None else f'{s:.0f}%'} |"
                  for r, n, s in rows]
        return "\n".join(lines) + "\n"
    if fmt == "html":
        body = "".join(f"<tr><td>{'–' if r is None else r}</td><td>{html.escape(n)}</td>"
                       f"<td>{'–' if s is None else f'{s:.0f}%'}</td></tr>" for r, n, s in rows)
        return (f'<!doctype html><html lang="{html.escape(lang)}"><meta charset="utf-8">'
                f"<title>{html.escape(title)}</title><h1>{html.escape(heading)}</h1>"
                f"<table>{body}</table></html>\n")
    raise StemhulpError(f"fmt: unknown format {fmt!r}; choose one of {list(FORMATS)}")

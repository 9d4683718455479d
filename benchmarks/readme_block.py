"""Replace one generated block of the README (`<!-- NAME:begin -->` … `<!-- NAME:end -->`)."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def replace_block(name: str, body: str, readme: Path = README) -> None:
    """Write `body` between the block's markers; a README without them is an error, not a guess."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = readme.read_text(encoding="utf-8")
    if begin not in text or end not in text:
        raise SystemExit(f"{readme}: no {begin} … {end} block to rewrite")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{begin}\n{body.strip()}\n{end}{tail}", encoding="utf-8")
    print(f"{readme}: {name} block rewritten")

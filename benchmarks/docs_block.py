"""Replace one generated block of the documentation (`<!-- NAME:begin -->` … `<!-- NAME:end -->`)
in the one docs/ page that holds it."""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def page_with(name: str, docs: Path = DOCS) -> Path:
    """The page holding the block; none or several is an error, not a guess."""
    begin = f"<!-- {name}:begin -->"
    candidates = [docs] if docs.is_file() else sorted(docs.rglob("*.md"))  # one page (README.md), or a folder
    pages = [page for page in candidates if begin in page.read_text(encoding="utf-8")]
    if len(pages) != 1:
        raise SystemExit(f"{docs}: {len(pages)} pages hold {begin}; expected exactly one")
    return pages[0]


def replace_block(name: str, body: str, docs: Path = DOCS) -> None:
    """Write `body` between the block's markers; a page without both markers is an error."""
    page = page_with(name, docs)
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = page.read_text(encoding="utf-8")
    if end not in text:
        raise SystemExit(f"{page}: {begin} is never closed by {end}")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    page.write_text(f"{head}{begin}\n{body.strip()}\n{end}{tail}", encoding="utf-8")
    print(f"{page}: {name} block rewritten")

"""MkDocs hook: a relative link from a page to a file of the repository outside docs/ (the
codebook, an example) works on GitHub as written and, on the site, points at a copy published
under `repository/`, so `mkdocs build --strict` checks it like any other link."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

LINK = re.compile(r"\]\((?P<target>[^)\s#]+)(?P<anchor>#[^)\s]*)?\)")
PUBLISHED = "repository"


def _outside_target(page_uri: str, target: str, docs: Path, root: Path) -> str | None:
    """The repository path a relative link leaves docs/ for, or None."""
    if "://" in target or target.startswith(("/", "mailto:")):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), target))
    if not joined.startswith("../"):
        return None
    path = (docs / joined).resolve()
    return path.relative_to(root).as_posix() if path.is_file() and root in path.parents else None


def _targets(files: Files, docs: Path, root: Path) -> set[str]:
    found = set()
    for file in files.documentation_pages():
        text = Path(file.abs_src_path or "").read_text(encoding="utf-8")
        for link in LINK.finditer(text):
            target = _outside_target(file.src_uri, link["target"], docs, root)
            if target:
                found.add(target)
    return found


def on_files(files: Files, config: Any) -> Files:
    docs = Path(config["docs_dir"]).resolve()
    root = docs.parent
    for target in sorted(_targets(files, docs, root)):
        files.append(File.generated(config, f"{PUBLISHED}/{target}", abs_src_path=str(root / target)))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    docs = Path(config["docs_dir"]).resolve()
    root = docs.parent
    page_uri = page.file.src_uri

    def relink(link: re.Match[str]) -> str:
        target = _outside_target(page_uri, link["target"], docs, root)
        if target is None:
            return link.group(0)
        published = posixpath.relpath(f"{PUBLISHED}/{target}", posixpath.dirname(page_uri) or ".")
        return f"]({published}{link['anchor'] or ''})"

    return LINK.sub(relink, markdown)

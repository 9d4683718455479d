"""`publish`: write a quiz as a static site that matches in the visitor's browser.

The folder holds index.html, the quiz and tables as `data.js` (a script, not JSON: a page opened
from file:// may not fetch), the matcher, the page code, the web quiz's style, and `report.js`,
what only the downloaded reports need (the notes, explanations and the HTML and Markdown writers, loaded
at the result). Every page carries
the CSP of `stemhulp serve` (no inline script, nothing from another site).

The output rule: `out` may be new (its parent must exist), empty, or a folder an earlier `publish`
wrote (it holds `stemhulp-site.json`) and that holds nothing else than that publish's files. Any
other folder is refused, naming a file that is in the way; no other file is ever replaced. A file
the earlier publish wrote and this one does not (its logo, say) is removed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ..errors import StemhulpError
from ..formats.atomic import write_atomic
from ..formats.brand import Brand
from ..quiz.model import Quiz
from ..texts.i18n import DEFAULT_LANGUAGE, text
from .branded import brand_files, with_brand
from .data import FORMAT, report_data, site_data

ASSETS = Path(__file__).parent / "assets"
WEB_STATIC = Path(__file__).parent.parent / "web" / "static"
MARKER = "stemhulp-site.json"
SCRIPTS = ("matcher.js", "stability.js", "page.js")
REPORT_SCRIPT = "report.js"  # the report's notes and explanations, loaded by the page at the result
DOCUMENTS_SCRIPT = "documents.js"  # the HTML and Markdown downloads' writers, shipped at the end of report.js
ADAPTIVE_SCRIPT = "adaptive.js"  # only in a site published with `adaptive`: the others stay as light
COPIED = {"style.css": WEB_STATIC / "style.css", "favicon.svg": WEB_STATIC / "favicon.svg"}
# The policy of `stemhulp serve` (web/guards.py) as a page can carry it: a <meta> cannot set
# frame-ancestors (only a header can) nor form-action's effect matters here; tests compare the two.
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'"
)


def site_files(quiz: Quiz, adaptive: bool = False, brand: Brand | None = None) -> dict[str, bytes]:
    """Every file of the site by name: the page, the data script, the scripts and the style;
    `adaptive` publishes the adaptive quiz (`matching.adaptive`, computed in the browser), `brand`
    adds its logo, colours and privacy page."""
    data = site_data(quiz, adaptive)
    words = data["words"][DEFAULT_LANGUAGE]
    page = (ASSETS / "index.html").read_text(encoding="utf-8")
    page = page.replace("{policy}", POLICY).replace("{title}", _html(quiz.title))
    for key in ("skip_link", "other_lang", "other_lang_code"):
        page = page.replace("{" + key + "}", _html(words[key]))
    page = page.replace("{noscript}", _html(text(DEFAULT_LANGUAGE, "site_needs_js")))
    scripts = list(SCRIPTS)
    if adaptive:
        scripts.insert(scripts.index("page.js"), ADAPTIVE_SCRIPT)
        page = page.replace(
            '<script src="page.js" defer></script>',
            f'<script src="{ADAPTIVE_SCRIPT}" defer></script>\n<script src="page.js" defer></script>',
        )
    files = {"index.html": page.encode("utf-8")}
    document = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    files["data.js"] = f"window.STEMHULP_DATA = {document};\n".encode()
    report = json.dumps(report_data(quiz), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    files[REPORT_SCRIPT] = f"window.STEMHULP_REPORT = {report};\n".encode() + (ASSETS / DOCUMENTS_SCRIPT).read_bytes()
    for name in scripts:
        files[name] = (ASSETS / name).read_bytes()
    for name, source in COPIED.items():
        files[name] = source.read_bytes()
    if brand is not None:
        files.update(brand_files(brand, _html(quiz.title), POLICY))
        files["index.html"] = with_brand(page, brand, _html(quiz.title)).encode("utf-8")
    marker = {"format": FORMAT, "quiz": quiz.id, "quiz_fingerprint": quiz.fingerprint, "files": sorted(files)}
    files[MARKER] = (json.dumps(marker, indent=2) + "\n").encode()
    return files


def publish(quiz: Quiz, out: str | os.PathLike[str], adaptive: bool = False, brand: Brand | None = None) -> list[Path]:
    """Write the static site of `quiz` into the folder `out` (see the module's output rule); the paths
    written. `adaptive`: the adaptive quiz (the most telling statement next, an early stop when firm);
    `brand` (`formats.brand.load_brand`): your logo, colours and privacy page."""
    folder = Path(out)
    files = site_files(quiz, adaptive, brand)
    _check_folder(folder, set(files))
    if not folder.exists():
        try:
            folder.mkdir()
        except OSError as error:
            raise StemhulpError(f"--out {folder}: cannot make the folder ({error.strerror or error})") from None
    earlier = _earlier_files(folder) or set()
    written = []
    for name, content in files.items():
        write_atomic(folder / name, _writer(content))
        written.append(folder / name)
    for name in sorted(earlier - set(files)):  # the earlier publish's own, not in this one (a logo, adaptive.js)
        (folder / name).unlink(missing_ok=True)
    return written


def _writer(content: bytes) -> Callable[[IO[bytes]], object]:
    return lambda stream: stream.write(content)


def _check_folder(folder: Path, names: set[str]) -> None:
    """Refuse a folder that is not new, empty, or an earlier publish holding only its own files."""
    if not folder.exists():
        if not folder.parent.is_dir():
            raise StemhulpError(f"--out {folder}: its folder {folder.parent} does not exist")
        return
    if not folder.is_dir():
        raise StemhulpError(f"--out {folder}: not a folder")
    present = sorted(entry.name for entry in folder.iterdir())
    if not present:
        return
    earlier = _earlier_files(folder)
    if earlier is None:
        raise StemhulpError(
            f"--out {folder}: the folder is not empty ({present[0]} is in it) and no earlier publish wrote it; "
            "choose a new or empty folder"
        )
    foreign = [name for name in present if name not in earlier | names]
    if foreign:
        raise StemhulpError(
            f"--out {folder}: {foreign[0]} was not written by stemhulp publish; "
            "move it away or choose a new or empty folder"
        )
    for name in present:
        if not (folder / name).is_file() or (folder / name).is_symlink():
            raise StemhulpError(
                f"--out {folder}: {name} is not a regular file; it is left alone and nothing is written"
            )


def _earlier_files(folder: Path) -> set[str] | None:
    """The files an earlier publish listed in its marker, or None when there is no readable marker."""
    try:
        marker: Any = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(marker, dict) or marker.get("format") != FORMAT or not isinstance(marker.get("files"), list):
        return None
    return {str(name) for name in marker["files"]} | {MARKER}


def _html(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

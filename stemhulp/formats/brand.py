"""A brand folder (`serve --brand DIR`, `publish --brand DIR`): your logo, colours and privacy
statement, read and checked once here so that both front ends show them alike and safely.

The folder holds any of (and nothing else):
- `brand.yaml`: `logo_alt` (what the logo shows, for screen readers) and `colours` (the style's
  named colours as "#rrggbb", each text colour kept at WCAG AA contrast, 4.5:1, on its background);
- `logo.svg` or `logo.png` (at most MAX_LOGO_BYTES): shown with <img>, never inlined, and an SVG
  may hold no script, event handler, foreign object or reference outside itself;
- `privacy.nl.txt` and optionally `privacy.en.txt`: plain text, paragraphs split by a blank line,
  shown as text (never as HTML), linked from every page's footer.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from ..errors import StemhulpError
from ..texts.inert import CONTROL, visible
from .reading import read_bytes, read_text
from .safeyaml import load_yaml_file
from .where import Where

BRAND_FILE = "brand.yaml"
LOGO_TYPES = {"logo.svg": "image/svg+xml", "logo.png": "image/png"}
PRIVACY_FILES = {"nl": "privacy.nl.txt", "en": "privacy.en.txt"}
KNOWN_FILES = (BRAND_FILE, *LOGO_TYPES, *PRIVACY_FILES.values())
BRAND_KEYS = ("logo_alt", "colours")
MAX_LOGO_BYTES = 100_000  # a logo is a small image; the published page's weight budget must still hold
MAX_PRIVACY_BYTES = 100_000
MAX_ALT_CHARS = 200
STYLESHEET = "brand.css"

# The stylesheet's colours (style.css `:root`, `--accent-ink` for `accent_ink`) and their defaults.
COLOURS = MappingProxyType(
    {
        "ink": "#1b1b1b",
        "muted": "#4a4a4a",
        "paper": "#ffffff",
        "accent": "#0b4f8a",
        "accent_ink": "#ffffff",
        "soft": "#eef3f8",
        "line": "#c7d3df",
        "good": "#1d6b2f",
        "bad": "#a1241d",
        "warn": "#7a4b00",
    }
)
# (text, background): every pair of colours the pages put text in on the other.
READABLE = (
    ("ink", "paper"),
    ("muted", "paper"),
    ("accent", "paper"),
    ("accent_ink", "accent"),
    ("ink", "soft"),
    ("good", "paper"),
    ("bad", "paper"),
    ("warn", "paper"),
)
AA_CONTRAST = 4.5
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"


def _read_only(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Logo:
    """The logo's file name (`logo.svg` or `logo.png`), its bytes and its alternative text."""

    name: str = attrs.field(validator=attrs.validators.in_(tuple(LOGO_TYPES)))
    content: bytes = attrs.field(repr=False, validator=attrs.validators.instance_of(bytes))
    alt: str = attrs.field(validator=attrs.validators.min_len(1))

    @property
    def media_type(self) -> str:
        return LOGO_TYPES[self.name]


@attrs.frozen
class Brand:
    """What a brand folder sets: colours (only those given), the logo and the privacy text per language."""

    colours: Mapping[str, str] = attrs.field(factory=dict, converter=_read_only)
    logo: Logo | None = None
    privacy: Mapping[str, str] = attrs.field(factory=dict, converter=_read_only)

    def stylesheet(self) -> str:
        """The colours as CSS custom properties overriding style.css's (loaded after it)."""
        lines = [f"  --{name.replace('_', '-')}: {value};" for name, value in self.colours.items()]
        return ":root {\n" + "\n".join(lines) + "\n}\n"

    def files(self) -> dict[str, bytes]:
        """The brand's files as a front end serves them by name: the stylesheet and the logo."""
        files = {STYLESHEET: self.stylesheet().encode()} if self.colours else {}
        if self.logo is not None:
            files[self.logo.name] = self.logo.content
        return files

    def privacy_text(self, lang: str) -> tuple[str, list[str]]:
        """(the language shown, its paragraphs): the privacy text in `lang`, or in Dutch without one."""
        shown = lang if lang in self.privacy else "nl"
        return shown, paragraphs(self.privacy.get(shown, ""))


def paragraphs(text: str) -> list[str]:
    """Plain text split at blank lines, each paragraph's lines joined by single spaces."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def load_brand(folder: str | os.PathLike[str]) -> Brand:
    """Read and check a brand folder; every problem is reported at once, naming file, line or key and value."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StemhulpError(f"--brand {folder}: not a folder (expected one holding {', '.join(KNOWN_FILES)})")
    present = sorted(entry.name for entry in folder.iterdir() if not entry.name.startswith("."))
    problems = [
        f"{folder / name}: not a brand file; a brand folder holds only {', '.join(KNOWN_FILES)}"
        for name in present
        if name not in KNOWN_FILES
    ]
    if not present:
        problems.append(f"--brand {folder}: the folder is empty; it should hold some of {', '.join(KNOWN_FILES)}")
    logos = [name for name in LOGO_TYPES if name in present]
    if len(logos) > 1:
        problems.append(f"{folder}: holds both {' and '.join(logos)}; keep one logo")
    if problems:
        raise StemhulpError(problems)
    settings, where = _settings(folder / BRAND_FILE) if BRAND_FILE in present else ({}, Where(str(folder / BRAND_FILE)))
    colours = _colours(settings.get("colours", {}), where / "colours", problems)
    logo = _logo(folder / logos[0], settings.get("logo_alt"), where, problems) if logos else None
    if "logo_alt" in settings and not logos:
        problems.append(f"{where / 'logo_alt'}: logo_alt is set but the folder holds no logo.svg or logo.png")
    privacy = {lang: _privacy(folder / name, problems) for lang, name in PRIVACY_FILES.items() if name in present}
    if "en" in privacy and "nl" not in privacy:
        problems.append(
            f"{folder / PRIVACY_FILES['en']}: there is no {PRIVACY_FILES['nl']}; the Dutch text is required"
        )
    if problems:
        raise StemhulpError(problems)
    return Brand(colours, logo, privacy)


def _settings(path: Path) -> tuple[Mapping[str, Any], Where]:
    data, where, problems = load_yaml_file(path)
    if problems:
        raise StemhulpError(problems)
    if data is None:
        return {}, where
    if not isinstance(data, Mapping):
        raise StemhulpError(f"{where}: expected a mapping with {' and/or '.join(BRAND_KEYS)}, got {_kind(data)}")
    unknown = [
        f"{where / key}: unknown key {key!r}; expected {' or '.join(BRAND_KEYS)}"
        for key in data
        if key not in BRAND_KEYS
    ]
    if unknown:
        raise StemhulpError(unknown)
    return data, where


def _colours(data: Any, where: Where, problems: list[str]) -> dict[str, str]:
    """The colours given, each "#rrggbb" and a known name, every text colour readable on its background."""
    if not isinstance(data, Mapping):
        problems.append(f'{where}: colours: expected a mapping of colour names to "#rrggbb", got {_kind(data)}')
        return {}
    given: dict[str, str] = {}
    for name, value in data.items():
        if name not in COLOURS:
            problems.append(f"{where / name}: unknown colour {name!r}; expected one of {', '.join(COLOURS)}")
        elif value is None:
            problems.append(f'{where / name}: {name} has no value; write the colour in quotes: {name}: "#0b4f8a"')
        elif not isinstance(value, str) or not HEX_COLOUR.fullmatch(value):
            problems.append(f'{where / name}: {name} {value!r} is not a colour; expected "#rrggbb", e.g. "#0b4f8a"')
        else:
            given[name] = value.lower()
    if len(given) < len(data):
        return given
    colours = {**COLOURS, **given}
    for text_colour, background in READABLE:
        if text_colour not in given and background not in given:
            continue
        ratio = contrast(colours[text_colour], colours[background])
        if ratio < AA_CONTRAST:
            named, other = (text_colour, background) if text_colour in given else (background, text_colour)
            hint = "" if other in given else f" (or set {other} too)"
            problems.append(
                f"{where / named}: {named} {given[named]!r} gives text in {text_colour} {colours[text_colour]} on "
                f"{background} {colours[background]} a contrast of {ratio:.2f}:1; WCAG AA needs at least "
                f"{AA_CONTRAST}:1: choose another {named}{hint}"
            )
    return given


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _logo(path: Path, alt: Any, where: Where, problems: list[str]) -> Logo | None:
    content = read_bytes(path, MAX_LOGO_BYTES)
    if alt is None:
        problems.append(
            f"{where / 'logo_alt'}: logo_alt is missing; say in a few words what {path.name} shows "
            "(screen readers read it out)"
        )
    elif not isinstance(alt, str) or not alt.strip() or len(alt) > MAX_ALT_CHARS or CONTROL.search(alt):
        problems.append(
            f"{where / 'logo_alt'}: logo_alt {visible(str(alt))[:80]!r} is not a usable text; expected a short line of "
            f"text (at most {MAX_ALT_CHARS} characters, no control characters)"
        )
    problem = _svg_problem(content) if path.suffix == ".svg" else _png_problem(content)
    if problem:
        problems.append(f"{path}: {problem}")
    if problems:
        return None
    return Logo(path.name, content, " ".join(str(alt).split()))


def _png_problem(content: bytes) -> str | None:
    return None if content.startswith(PNG_SIGNATURE) else "not a PNG image (it does not start with the PNG signature)"


def _svg_problem(content: bytes) -> str | None:
    """Why an SVG cannot be a logo: not SVG, or it could run script or load something from elsewhere."""
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        return "holds a DOCTYPE or ENTITY declaration; save the SVG without one"
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        return f"not readable as SVG ({error})"
    if root.tag != SVG_NAMESPACE + "svg":
        return f'the root element is {root.tag!r}, not an SVG <svg> (with xmlns="http://www.w3.org/2000/svg")'
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject"):
            return f"holds a <{tag}> element; a logo may hold no script or foreign content"
        for attribute, value in element.attrib.items():
            name = attribute.rsplit("}", 1)[-1]
            if name.lower().startswith("on"):
                return f"<{tag}> has the event handler {name}={value[:40]!r}; a logo may hold no script"
            if name == "href" and not value.startswith("#"):
                return f"<{tag}> refers to {value[:60]!r}; a logo may refer only to its own parts (#id)"
    return None


def _privacy(path: Path, problems: list[str]) -> str:
    text = read_text(path, MAX_PRIVACY_BYTES)
    for number, line in enumerate(text.splitlines(), 1):
        control = CONTROL.search(line)
        if control:
            problems.append(f"{path}:{number}: holds the control character {visible(control.group())}; remove it")
    if not text.strip():
        problems.append(f"{path}: the file is empty; write the privacy statement in it, or remove the file")
    return text


def _kind(value: Any) -> str:
    return "nothing" if value is None else f"a {type(value).__name__}"

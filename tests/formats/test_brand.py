"""The brand folder of `serve --brand` and `publish --brand`: what it reads, the stylesheet it makes,
WCAG contrast worked by hand, and every refusal naming the file, line or key and the value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stemhulp.errors import StemhulpError
from stemhulp.formats.brand import AA_CONTRAST, COLOURS, MAX_LOGO_BYTES, READABLE, Brand, contrast, load_brand

from ..paths import PACKAGE

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#7a1f5c"/></svg>'
PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)


def folder(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A brand folder holding `files` (name: text or bytes)."""
    brand = tmp_path / "brand"
    brand.mkdir()
    for name, content in files.items():
        if isinstance(content, bytes):
            (brand / name).write_bytes(content)
        else:
            (brand / name).write_text(content, encoding="utf-8")
    return brand


def test_a_whole_brand_folder_is_read(tmp_path):
    brand = load_brand(
        folder(
            tmp_path,
            {
                "brand.yaml": 'logo_alt: "Gemeente  Voorbeeldstad"\ncolours:\n  accent: "#7A1F5C"\n',
                "logo.svg": SVG,
                "privacy.nl.txt": "Wij bewaren niets.\nGeen cookies.\n\nVragen? Mail ons.\n",
                "privacy.en.txt": "We keep nothing.\n",
            },
        )
    )
    assert brand.colours == {"accent": "#7a1f5c"}
    assert brand.logo is not None and brand.logo.name == "logo.svg" and brand.logo.alt == "Gemeente Voorbeeldstad"
    assert brand.logo.media_type == "image/svg+xml"
    assert brand.privacy_text("nl") == ("nl", ["Wij bewaren niets. Geen cookies.", "Vragen? Mail ons."])
    assert brand.privacy_text("en") == ("en", ["We keep nothing."])
    assert brand.stylesheet() == ":root {\n  --accent: #7a1f5c;\n}\n"
    assert set(brand.files()) == {"brand.css", "logo.svg"}


def test_a_png_logo_and_dutch_privacy_only(tmp_path):
    brand = load_brand(
        folder(tmp_path, {"brand.yaml": "logo_alt: Logo\n", "logo.png": PNG, "privacy.nl.txt": "Niets."})
    )
    assert brand.logo is not None and brand.logo.media_type == "image/png" and brand.logo.content == PNG
    assert brand.files() == {"logo.png": PNG}  # no colours: no stylesheet
    assert brand.privacy_text("en") == ("nl", ["Niets."])  # shown in Dutch, and said to be Dutch


def test_the_default_colours_are_the_stylesheets(tmp_path):
    """COLOURS are style.css's `:root` (a brand overrides those very properties) and meet AA themselves."""
    style = (PACKAGE / "web" / "static" / "style.css").read_text(encoding="utf-8")
    root = dict(re.findall(r"--([\w-]+): (#[0-9a-f]{6})", style.split("}", 1)[0]))
    assert root == {name.replace("_", "-"): value for name, value in COLOURS.items()}
    for text, background in READABLE:
        assert contrast(COLOURS[text], COLOURS[background]) >= AA_CONTRAST, (text, background)
        assert f"var(--{text.replace('_', '-')})" in style and f"var(--{background.replace('_', '-')})" in style


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),  # (1 + 0.05) / (0 + 0.05)
        ("#ffffff", "#ffffff", 1.0),
        ("#777777", "#ffffff", 4.478),  # the grey that famously just fails AA: 1.05 / (0.18447 + 0.05)
        ("#767676", "#ffffff", 4.542),  # and the one that just passes
    ],
)
def test_contrast_worked_by_hand(first, second, ratio):
    assert contrast(first, second) == pytest.approx(ratio, abs=5e-4)


@given(st.from_regex(r"#[0-9a-f]{6}", fullmatch=True), st.from_regex(r"#[0-9a-f]{6}", fullmatch=True))
def test_contrast_is_symmetric_and_between_1_and_21(first, second):
    assert contrast(first, second) == contrast(second, first)
    assert 1.0 <= contrast(first, second) <= 21.0 + 1e-9


REFUSALS = [
    # (files, what the message must hold: file, line or key, and the value)
    ({"brand.yaml": "colours:\n  accent: '#ffff00'\n"}, ["brand.yaml:2", "accent", "'#ffff00'", "4.5:1"]),
    ({"brand.yaml": "colours:\n  paper: '#000000'\n"}, ["brand.yaml:2", "paper", "'#000000'", "ink"]),
    ({"brand.yaml": "colours:\n  accent_ink: '#0b4f8a'\n"}, ["brand.yaml:2", "accent_ink", "'#0b4f8a'", "1.00:1"]),
    ({"brand.yaml": "colours:\n  accent: '#0b4f8'\n"}, ["brand.yaml:2", "accent", "'#0b4f8'", "#rrggbb"]),
    ({"brand.yaml": "colours:\n  accent: red\n"}, ["brand.yaml:2", "'red'", "#rrggbb"]),
    ({"brand.yaml": "colours:\n  accent: #0b4f8a\n"}, ["brand.yaml:2", "accent has no value", "quotes"]),
    ({"brand.yaml": "colours:\n  purple: '#0b4f8a'\n"}, ["brand.yaml:2", "unknown colour 'purple'", "accent"]),
    ({"brand.yaml": "colours: ['#0b4f8a']\n"}, ["brand.yaml:1", "colours", "a list"]),
    ({"brand.yaml": "logo: logo.svg\n"}, ["brand.yaml:1", "unknown key 'logo'", "logo_alt"]),
    ({"brand.yaml": "- accent\n"}, ["brand.yaml", "expected a mapping", "a list"]),
    ({"brand.yaml": "colours:\n  accent: '#0b4f8a'\n  accent: '#000000'\n"}, ["brand.yaml:3", "accent"]),
    ({"brand.yaml": "logo_alt: Logo\n"}, ["brand.yaml:1", "logo_alt", "no logo.svg or logo.png"]),
    ({"logo.svg": SVG}, ["brand.yaml", "logo_alt is missing", "logo.svg"]),
    ({"brand.yaml": "logo_alt: ''\n", "logo.svg": SVG}, ["brand.yaml:1", "logo_alt", "''"]),
    ({"brand.yaml": "logo_alt: [a]\n", "logo.svg": SVG}, ["brand.yaml:1", "logo_alt", "['a']"]),
    (
        {"brand.yaml": "logo_alt: L\n", "logo.svg": SVG.replace("<rect", "<script>alert(1)</script><rect")},
        ["logo.svg", "<script>"],
    ),
    (
        {"brand.yaml": "logo_alt: L\n", "logo.svg": SVG.replace("<rect", '<rect onload="alert(1)"')},
        ["logo.svg", "onload", "alert(1)"],
    ),
    (
        {
            "brand.yaml": "logo_alt: L\n",
            "logo.svg": SVG.replace("<rect", '<image href="https://tracker.example/x.png"/><rect'),
        },
        ["logo.svg", "https://tracker.example/x.png"],
    ),
    (
        {"brand.yaml": "logo_alt: L\n", "logo.svg": SVG.replace("<rect", "<foreignObject/><rect")},
        ["logo.svg", "foreignObject"],
    ),
    ({"brand.yaml": "logo_alt: L\n", "logo.svg": '<!DOCTYPE svg [<!ENTITY a "b">]>' + SVG}, ["logo.svg", "DOCTYPE"]),
    ({"brand.yaml": "logo_alt: L\n", "logo.svg": "<html><body/></html>"}, ["logo.svg", "'html'", "<svg>"]),
    ({"brand.yaml": "logo_alt: L\n", "logo.svg": "<svg"}, ["logo.svg", "not readable as SVG"]),
    ({"brand.yaml": "logo_alt: L\n", "logo.png": b"GIF89a" + bytes(10)}, ["logo.png", "not a PNG"]),
    ({"brand.yaml": "logo_alt: L\n", "logo.png": PNG + bytes(MAX_LOGO_BYTES)}, ["logo.png", "100,000 bytes"]),
    ({"brand.yaml": "logo_alt: L\n", "logo.png": PNG, "logo.svg": SVG}, ["logo.svg and logo.png", "one logo"]),
    ({"privacy.en.txt": "We keep nothing."}, ["privacy.en.txt", "privacy.nl.txt", "Dutch"]),
    ({"privacy.nl.txt": " \n\n"}, ["privacy.nl.txt", "empty"]),
    ({"privacy.nl.txt": "Goed.\nNiet \x1b[2J goed.\n"}, ["privacy.nl.txt:2", "\\x1b"]),
    ({"privacy.nl.txt": b"\xff\xfe niet utf-8"}, ["privacy.nl.txt", "UTF-8"]),
    ({"privacy.txt": "Niets."}, ["privacy.txt", "not a brand file", "privacy.nl.txt"]),
    ({}, ["--brand", "empty"]),
]


@pytest.mark.parametrize(("files", "expected"), REFUSALS)
def test_every_bad_brand_is_refused_naming_where_and_what(tmp_path, files, expected):
    with pytest.raises(StemhulpError) as caught:
        load_brand(folder(tmp_path, files))
    message = str(caught.value)
    for part in expected:
        assert part in message, f"{part!r} not in {message!r}"
    if "logo.svg" in files or "logo.png" in files:
        assert "holds no logo" not in message  # a logo that is refused is still there


def test_a_missing_folder_or_a_file_is_refused(tmp_path):
    for path in (tmp_path / "nothing", tmp_path / "file"):
        if path.name == "file":
            path.write_text("x")
        with pytest.raises(StemhulpError, match=f"--brand {re.escape(str(path))}: not a folder"):
            load_brand(path)


def test_every_problem_is_reported_at_once(tmp_path):
    files = {"brand.yaml": "colours:\n  accent: red\n", "logo.svg": SVG, "privacy.nl.txt": ""}
    with pytest.raises(StemhulpError) as caught:
        load_brand(folder(tmp_path, files))
    assert len(caught.value.problems) == 3  # the colour, the missing logo_alt, the empty privacy text


def test_an_empty_brand_yaml_sets_nothing(tmp_path):
    assert load_brand(folder(tmp_path, {"brand.yaml": "", "privacy.nl.txt": "x"})) == Brand(privacy={"nl": "x"})


def test_hidden_files_are_left_alone(tmp_path):
    brand = folder(tmp_path, {"privacy.nl.txt": "x"})
    (brand / ".DS_Store").write_bytes(b"\0")
    assert load_brand(brand).privacy_text("nl") == ("nl", ["x"])

"""A brand (`publish --brand`, `formats.brand`) in the static site: its files, its logo and privacy
link in index.html, and `privacy.html` with every language's statement as escaped text."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..formats.brand import STYLESHEET, Brand
from ..texts.i18n import DEFAULT_LANGUAGE, MESSAGES, text

PRIVACY_TEMPLATE = Path(__file__).parent / "assets" / "privacy.html"
PRIVACY_PAGE = "privacy.html"


def brand_files(brand: Brand, title: str, policy: str) -> dict[str, bytes]:
    """The brand's stylesheet and logo, and `privacy.html` (every language's text, escaped) when it has
    one; `title` is the quiz's title as HTML, `policy` the page's Content-Security-Policy."""
    files = brand.files()
    if brand.privacy:
        sections = []
        for lang in brand.privacy:
            words = MESSAGES[lang]
            body = "".join(f"<p>{escape(paragraph)}</p>\n" for paragraph in brand.privacy_text(lang)[1])
            back = f'<p><a href="index.html">{escape(words["privacy_back"])}</a></p>'
            heading = f"<h1>{escape(words['privacy_title'])}</h1>"
            sections.append(f'<section lang="{lang}" id="{lang}">\n{heading}\n{body}{back}\n</section>')
        page = PRIVACY_TEMPLATE.read_text(encoding="utf-8")
        page = page.replace("{policy}", policy).replace("{title}", title)
        page = page.replace("{privacy_title}", escape(text(DEFAULT_LANGUAGE, "privacy_title")))
        page = page.replace("{identity}", _identity(brand, title))
        page = page.replace("{brand_style}", f'\n<link rel="stylesheet" href="{STYLESHEET}">' if brand.colours else "")
        dutch = MESSAGES["nl"]
        other = f'\n<a class="lang-switch" href="#en" lang="en" hreflang="en">{escape(dutch["other_lang"])}</a>'
        page = page.replace("{other_lang}", other if "en" in brand.privacy else "")
        files[PRIVACY_PAGE] = page.replace("{sections}", "\n".join(sections)).encode("utf-8")
    return files


def with_brand(page: str, brand: Brand, title: str) -> str:
    """index.html with the brand's stylesheet after the style, its logo beside the title and the privacy link."""
    style = '<link rel="stylesheet" href="style.css">'
    link = escape(text(DEFAULT_LANGUAGE, "privacy_link"))
    replacements = [
        (style, style + (f'\n<link rel="stylesheet" href="{STYLESHEET}">' if brand.colours else "")),
        (f'<p class="brand">{title}</p>', _identity(brand, title)),
        (
            "</main>",
            "</main>"
            + (f'\n<footer class="site"><a href="{PRIVACY_PAGE}">{link}</a></footer>' if brand.privacy else ""),
        ),
    ]
    for anchor, replacement in replacements:
        if page.count(anchor) != 1:
            raise AssertionError(f"index.html: expected {anchor!r} once, to add the brand beside it")
        page = page.replace(anchor, replacement)
    return page


def _identity(brand: Brand, title: str) -> str:
    """The header's title, with the brand's logo before it when there is one."""
    if brand.logo is None:
        return f'<p class="brand">{title}</p>'
    logo = f'<img class="logo" src="{brand.logo.name}" alt="{escape(brand.logo.alt)}">'
    return f'<div class="identity">{logo}<p class="brand">{title}</p></div>'

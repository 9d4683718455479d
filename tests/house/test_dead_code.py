"""No dead words: every message of the text table is used by some module or template (a word
nobody shows is a translation nobody checks)."""

from __future__ import annotations

import re
from pathlib import Path

import stemhulp
from stemhulp.texts.i18n import MESSAGES

PACKAGE = Path(stemhulp.__file__).parent
# Keys made from a prefix and a registry's code at run time: flag_<flag>, unranked_<reason>,
# err_setting_<setting>, and plural(lang, word, n) reading <word>_one / <word>_many.
MADE = re.compile(r"(flag|unranked|err_setting)_\w+|\w+_(one|many)")


def test_every_message_is_used() -> None:
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*")
        if path.suffix in {".py", ".html", ".js"} and path.name != "i18n.py"
    )
    unused = sorted(
        key
        for table in MESSAGES.values()
        for key in table
        if not MADE.fullmatch(key) and not re.search(rf"\b{key}\b", sources)
    )
    assert unused == []

"""The result as a document to keep or share: a self-contained HTML page, Markdown or JSON.

`render(result, quiz, answers, fmt=..., lang=...)` is the one entry point (the terminal quiz and
web front-ends call it). The HTML has no external assets: one inline stylesheet, readable
offline and on paper. The sentences under the result (stability, a close call, one programme,
unranked parties) come from `notes`, in the report's language; flags are shown in words.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape as html_escape
from string import Template
from typing import Any

from ..errors import AnswersError
from ..formats.answers import canonical_answers
from ..matching.methods import DEFAULT_METHOD, DEFAULT_MISSING, get_method, missing_phrase
from ..quiz.answers import SKIP, AnswerSet
from ..quiz.model import Quiz, Statement
from ..texts.i18n import text
from ..texts.inert import markdown, visible
from .notes import excluded_lines, flag_words, result_notes

FORMATS = ("html", "md", "json")


def escape(value: str, quote: bool = True) -> str:
    """Text as inert HTML (`inert`): markup escaped, control characters shown as escapes."""
    return html_escape(visible(value), quote)


SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


def format_for(path: str) -> str | None:
    """The format a file name asks for by its extension, None when it is not one of ours."""
    lowered = path.lower()
    return next((fmt for suffix, fmt in SUFFIXES.items() if lowered.endswith(suffix)), None)


def render(result: Any, quiz: Quiz, answers: AnswerSet | Mapping[str, str], *, fmt: str, lang: str) -> str:
    """The result as `fmt` ("html" | "md" | "json") in `lang` ("nl" | "en")."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {list(FORMATS)}")
    document = report_data(result, quiz, answers, lang)
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return (_html if fmt == "html" else _markdown)(document, lang)


# The content, once, for every format ------------------------------------------------------


def _label(quiz: Quiz, word: str | None, lang: str) -> str:
    if word is None or word == SKIP:
        return text(lang, "skipped")
    return quiz.scale.label(quiz.scale.code(word), lang)


def _statements_shown(quiz: Quiz, words: Mapping[str, str]) -> list[tuple[str, Statement]]:
    """Main statements (numbered 1…) and the answered tie-break ones (numbered +1…)."""
    shown = [(str(i + 1), s) for i, s in enumerate(quiz.statements)]
    shown += [(f"+{i + 1}", s) for i, s in enumerate(quiz.tiebreak_statements) if s.id in words]
    return shown


def report_data(result: Any, quiz: Quiz, answers: AnswerSet | Mapping[str, str], lang: str) -> dict[str, Any]:
    """Everything a report shows, as plain data (this is also the JSON format)."""
    from .._version import __version__

    if isinstance(answers, AnswerSet):
        given, important = dict(answers.answers), list(answers.important)
    else:
        given, important = dict(answers), []
    dealbreakers = list(getattr(result, "dealbreakers", ()))
    codes, problems = canonical_answers(quiz, given)  # any accepted word ("eens") as the option name
    if problems:
        raise AnswersError(problems)
    words = {sid: SKIP if code is None else quiz.scale.options[code] for sid, code in codes.items()}
    summary = result.to_dict()
    important = important or [c.statement for e in result.ranking for c in e.comparisons if c.important]
    method = get_method(result.method)
    entries = summary["results"]
    statements = []
    for number, statement in _statements_shown(quiz, words):
        parties = []
        for entry in entries:
            position = quiz.position(entry["party"], statement.id)
            comparison = next((c for c in entry["statements"] if c["statement"] == statement.id), None)
            parties.append(
                {
                    "party": entry["party"],
                    "name": entry["name"],
                    "position": position.position if position else None,
                    "position_label": (
                        text(lang, "no_stance")
                        if position is None or position.position is None
                        else _label(quiz, position.position, lang)
                    ),
                    "agreement": comparison["agreement"] if comparison else None,
                    "quote": position.quote if position else None,
                    "note": position.localized_note(lang) if position else None,
                    "explanation": position.explanation if position else None,
                }
            )
        statements.append(
            {
                "number": number,
                "id": statement.id,
                "theme": statement.localized("theme", lang),
                "text": statement.localized("text", lang),
                "answer": words.get(statement.id),
                "answer_label": _label(quiz, words.get(statement.id), lang),
                "important": statement.id in important,
                "dealbreaker": statement.id in dealbreakers,
                "parties": parties,
            }
        )
    return {
        "format": "stemhulp-result/1",
        "version": __version__,
        "lang": lang,
        "notes": result_notes(quiz, result, lang),
        "single": len(entries) == 1,
        "ranking": [_ranking_row(entry, entries, lang) for entry in entries if not entry["excluded_by"]],
        "excluded": [
            {"party": entry.party, "name": entry.name, "statements": list(entry.excluded_by), "line": line}
            for entry, line in zip(result.excluded, excluded_lines(quiz, result, lang), strict=True)
        ],
        "quiz": {"id": quiz.id, "title": quiz.localized_title(lang)},
        "method": {
            "name": method.name,
            "label": method.label(lang),
            "explanation": method.explain(lang),
            "missing": result.missing,
            "missing_text": missing_phrase(lang, result.missing),
            "salience": result.salience,
            "default": result.method == DEFAULT_METHOD and result.missing == DEFAULT_MISSING,
        },
        "answers": {"answers": words, "important": important, "dealbreakers": dealbreakers},
        "result": summary,
        "statements": statements,
    }


def _ranking_row(entry: Mapping[str, Any], entries: list[Mapping[str, Any]], lang: str) -> dict[str, Any]:
    """A party's line of the ranking as people read it, in the report's language (JSON's human fields)."""
    return {
        "party": entry["party"],
        "name": entry["name"],
        "place": _rank(entry, entries),
        "score": _score(entry),
        "coverage": _coverage(entry, lang),
        "notes": _flags(entry, lang),
    }


def _score(entry: Mapping[str, Any]) -> str:
    return "–" if entry.get("score") is None else f"{entry['score']:.0f}%"


def _rank(entry: Mapping[str, Any], entries: list[Mapping[str, Any]]) -> str:
    if len(entries) == 1:
        return ""  # one programme: no ranking
    if entry.get("rank") is None:
        return "–"
    shared = sum(1 for other in entries if other.get("rank") == entry["rank"]) > 1
    return f"{entry['rank']}{'=' if shared else '.'}"


def _coverage(entry: Mapping[str, Any], lang: str) -> str:
    cover = entry["coverage"]
    return text(lang, "coverage", k=cover["with_stance"], n=cover["answered"])


def _flags(entry: Mapping[str, Any], lang: str) -> list[str]:
    """Unranked and other flags another part of stemhulp may add to a result entry."""
    notes = []
    if entry.get("ranked") is False and entry.get("score") is not None:
        notes.append(text(lang, "report_unranked"))
    flags = entry.get("flags") or []
    notes += flag_words(flags if isinstance(flags, list | tuple) else [flags], lang)
    return notes


def _you(statement: Mapping[str, Any], lang: str) -> str:
    """Your answer as shown under a statement, with its marks (counts double, deal-breaker)."""
    marks = [text(lang, "important_mark")] if statement["important"] else []
    marks += [text(lang, "dealbreaker_mark")] if statement.get("dealbreaker") else []
    return statement["answer_label"] + "".join(f" ({mark})" for mark in marks)


def _excluded_title(doc: Mapping[str, Any], lang: str) -> str:
    return text(lang, "excluded_title") if doc["excluded"] else ""


def _fact_lines(doc: Mapping[str, Any]) -> list[str]:
    """The sentences under the result (stability, close call, one programme...), from `notes`: never raw data."""
    return [str(line) for line in doc.get("notes") or []]


# HTML -------------------------------------------------------------------------------------

HTML_PAGE = Template("""<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 52rem; margin: 2rem auto;
       padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; vertical-align: top; border-bottom: 1px solid #e3e3e3; }
td.num { text-align: right; white-space: nowrap; }
.bar { background: #e8e8e8; height: .9rem; width: 100%; min-width: 3rem; max-width: 10rem; border: 1px solid #999; }
td, th, h1, h2, h3, p, li { overflow-wrap: anywhere; }
.narrow { display: none; }
@media (max-width: 32rem) { body { margin: 1rem auto; padding: 0 .5rem; } th, td { padding: .3rem .2rem; }
  table.ranking thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.ranking tr { display: grid; grid-template-columns: 2.2rem 1fr 3.2rem; border-bottom: 1px solid #e3e3e3; }
  table.ranking td { border: 0; } table.ranking td.cov { grid-column: 2 / 4; font-size: .9em; color: #444; }
  .barcell { display: none; } .narrow { display: inline; } blockquote, .note { margin-left: .5rem; } }
.bar span { display: block; height: 100%; background: #2f7d32; }
.flag { color: #8a4b00; font-size: .9em; }
section.statement { break-inside: avoid; margin-bottom: 1.5rem; }
blockquote { margin: .2rem 0 .2rem 1rem; font-style: italic; color: #333; }
.note { margin-left: 1rem; font-size: .9em; color: #555; }
.agree { color: #1b5e20; } .disagree { color: #b71c1c; } .partly { color: #8a6d00; }
footer { margin-top: 2rem; font-size: .85em; color: #555; }
@media print { body { margin: 0; max-width: none; } .bar span { background: #000;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; } a { color: inherit; } }
</style>
</head>
<body>
<h1>$title</h1>
<p>$answered. $compared</p>
<h2>$ranking_title</h2>
<table class="ranking">
<thead><tr><th>$place</th><th>$party</th><th class="barcell">$match</th><th><span class="narrow">$match</span></th>
<th>$coverage_title</th></tr></thead>
<tbody>
$rows
</tbody>
</table>
$excluded
$stability
<h2>$method_title</h2>
<p>$method</p>
<p>$missing</p>
$salience
<p>$why</p>
<h2>$statements_title</h2>
$statements
<footer>$generated</footer>
</body>
</html>
""")

_MARKS = {"agree": "✓", "partly": "~", "disagree": "✗", "no_stance": "○", "skipped": "–", None: ""}


def _html(doc: dict[str, Any], lang: str) -> str:
    entries = doc["result"]["results"]
    rows = []
    for entry in entries:
        if entry["excluded_by"]:
            continue  # listed apart, under the ranking
        score = entry.get("score")
        width = 0 if score is None else max(0.0, min(100.0, score))
        flags = "".join(f' <span class="flag">({escape(flag)})</span>' for flag in _flags(entry, lang))
        rows.append(
            f'<tr><td class="num">{escape(_rank(entry, entries))}</td><td>{escape(entry["name"])}{flags}</td>'
            f'<td class="barcell"><div class="bar" role="img" aria-label="{escape(_score(entry))}">'
            f'<span style="width: {width:.1f}%"></span></div></td>'
            f'<td class="num">{escape(_score(entry))}</td><td class="cov">{escape(_coverage(entry, lang))}</td></tr>'
        )
    stability_lines = _fact_lines(doc)
    stability = ""
    if stability_lines:
        listed = "".join(f"<li>{escape(line)}</li>" for line in stability_lines)
        stability = f"<h2>{escape(text(lang, 'facts_title'))}</h2>\n<ul>{listed}</ul>"
    blocks = []
    for statement in doc["statements"]:
        you = _you(statement, lang)
        items: list[str] = []
        for party in statement["parties"]:
            mark = _MARKS.get(party["agreement"], "")
            cls = f' class="{party["agreement"]}"' if party["agreement"] in ("agree", "disagree", "partly") else ""
            item = (
                f"<li><span{cls}>{escape(mark)}</span> <strong>{escape(party['name'])}</strong>: "
                f"{escape(party['position_label'])}"
            )
            if party["quote"]:
                item += f"<blockquote{_lang_mark(lang)}>“{escape(party['quote'].strip())}”</blockquote>"
            if party["explanation"]:
                item += f'<div class="note">{escape(text(lang, "party_words"))}: {escape(party["explanation"])}</div>'
            if party["note"]:
                item += (
                    f'<div class="note">{escape(text(lang, "note"))}: '
                    f"<span{_lang_mark(lang)}>{escape(party['note'])}</span></div>"
                )
            items.append(item + "</li>")
        blocks.append(
            f'<section class="statement"><h3>{escape(statement["number"])}. {escape(statement["text"])}</h3>'
            f"<p><em>{escape(statement['theme'])}</em> · {escape(text(lang, 'report_you'))}: "
            f"<strong>{escape(you)}</strong></p><ul>{''.join(items)}</ul></section>"
        )
    method = doc["method"]
    return HTML_PAGE.substitute(
        lang=escape(lang),
        title=escape(text(lang, "report_title", title=doc["quiz"]["title"])),
        answered=escape(text(lang, "report_answers", n=_answered(doc))),
        compared=escape(text(lang, "report_parties", parties=", ".join(e["name"] for e in entries))),
        ranking_title=escape(text(lang, "report_ranking")),
        place=escape(text(lang, "report_place")),
        party=escape(text(lang, "report_party")),
        match=escape(text(lang, "report_match")),
        coverage_title=escape(text(lang, "report_coverage")),
        rows="\n".join(rows),
        excluded=(
            f'<h2 class="excluded">{escape(_excluded_title(doc, lang))}</h2>\n<ul class="excluded">'
            + "".join(f"<li>{escape(e['line'])}</li>" for e in doc["excluded"])
            + "</ul>"
            if doc["excluded"]
            else ""
        ),
        stability=stability,
        method_title=escape(text(lang, "report_method")),
        method=escape(text(lang, "method_plain", label=method["label"], summary=method["explanation"])),
        missing=escape(text(lang, "report_missing", missing=method["missing_text"])),
        salience=f"<p>{escape(text(lang, 'report_salience'))}</p>" if method["salience"] else "",
        why=escape(_why(method, lang)),
        statements_title=escape(text(lang, "report_statements")),
        statements="\n".join(blocks),
        generated=escape(text(lang, "report_generated", version=doc["version"], quiz=doc["quiz"]["id"])),
    )


def _lang_mark(lang: str) -> str:
    """The `lang` attribute for programme text (Dutch) on a page in another language."""
    return "" if lang == "nl" else ' lang="nl"'


def _why(method: Mapping[str, Any], lang: str) -> str:
    """Why the default method and policy; said to be the default when the user chose others."""
    why = text(lang, "report_why")
    return why if method["default"] else f"{text(lang, 'report_why_chosen')} {why}"


def _answered(doc: dict[str, Any]) -> int:
    return sum(1 for word in doc["answers"]["answers"].values() if word != SKIP)


# Markdown ---------------------------------------------------------------------------------


def _md(value: str) -> str:
    """Text shown literally inside a Markdown table cell or line (`inert.markdown`)."""
    return markdown(value)


def _markdown(doc: dict[str, Any], lang: str) -> str:
    entries = doc["result"]["results"]
    method = doc["method"]
    lines = [
        f"# {_md(text(lang, 'report_title', title=doc['quiz']['title']))}",
        "",
        f"{text(lang, 'report_answers', n=_answered(doc))}. "
        f"{_md(text(lang, 'report_parties', parties=', '.join(e['name'] for e in entries)))}",
        "",
        f"## {text(lang, 'report_ranking')}",
        "",
        f"| {text(lang, 'report_place')} | {text(lang, 'report_party')} | {text(lang, 'report_match')} "
        f"| {text(lang, 'report_coverage')} |",
        "|---:|---|---:|---|",
    ]
    for entry in entries:
        if entry["excluded_by"]:
            continue  # listed apart, under the ranking
        flags = "".join(f" ({_md(flag)})" for flag in _flags(entry, lang))
        lines.append(
            f"| {_rank(entry, entries)} | {_md(entry['name'])}{flags} | {_score(entry)} | {_coverage(entry, lang)} |"
        )
    if doc["excluded"]:
        lines += ["", f"## {_excluded_title(doc, lang)}", ""] + [f"- {_md(e['line'])}" for e in doc["excluded"]]
    stability_lines = _fact_lines(doc)
    if stability_lines:
        lines += ["", f"## {text(lang, 'facts_title')}", ""] + [f"- {_md(line)}" for line in stability_lines]
    lines += [
        "",
        f"## {text(lang, 'report_method')}",
        "",
        text(lang, "method_plain", label=method["label"], summary=method["explanation"]),
        "",
        text(lang, "report_missing", missing=method["missing_text"]),
        "",
    ]
    if method["salience"]:
        lines += [text(lang, "report_salience"), ""]
    lines += [_why(method, lang), "", f"## {text(lang, 'report_statements')}"]
    for statement in doc["statements"]:
        you = _you(statement, lang)
        lines += [
            "",
            f"### {statement['number']}. {_md(statement['text'])}",
            "",
            f"*{_md(statement['theme'])}* · {text(lang, 'report_you')}: **{_md(you)}**",
            "",
        ]
        for party in statement["parties"]:
            mark = _MARKS.get(party["agreement"], "")
            lines.append(f"- {mark} **{_md(party['name'])}**: {_md(party['position_label'])}".replace("-  **", "- **"))
            # Each addition its own paragraph inside the list item, so a note never joins the quote.
            if party["quote"]:
                lines += ["", f"  > “{_md(party['quote'])}”"]
            if party["explanation"]:
                lines += ["", f"  {text(lang, 'party_words')}: {_md(party['explanation'])}"]
            if party["note"]:
                lines += ["", f"  *{text(lang, 'note')}: {_md(party['note'])}*"]
    lines += ["", "---", "", text(lang, "report_generated", version=doc["version"], quiz=_md(doc["quiz"]["id"])), ""]
    return "\n".join(lines)

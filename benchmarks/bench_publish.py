"""What a published static site costs a host: bytes and requests per visitor, and what election day means.

    python benchmarks/bench_publish.py [--write]

Runs `stemhulp publish` (bundled quiz, default arguments) into a temporary folder, then measures:
- the bytes a first visit transfers before the first statement is on screen, each file gzip-compressed
  (level 6, what web servers and CDNs commonly use), and the matcher (matcher.js + stability.js);
- in chromium (Playwright, Debian's /usr/bin/chromium) from file://: the requests of one voter who
  answers every statement and reads the result, and the time one `window.stemhulp.match` takes;
- from those: what 9.2 million visitors in 24 hours (the Wahl-O-Mat 2025's first day), with a peak hour
  of 3× the average, ask of a static host.
With --write the figures replace the `publish_weight` block of docs/guides/publish.md and the
`publish_readme` block of README.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docs_block import replace_block

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
VISITORS = 9_200_000  # Wahl-O-Mat 2025, first 24 hours
PEAK_FACTOR = 3  # the peak hour against the average hour
FIRST_SCREEN = ("index.html", "style.css", "data.js", "matcher.js", "stability.js", "page.js", "favicon.svg")
MATCHER = ("matcher.js", "stability.js")


def compressed(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def visit(site: Path) -> dict[str, float]:
    """One voter in chromium: the requests made, and the median time of one match (with stability)."""
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        started = time.perf_counter()
        page.goto((site / "index.html").as_uri())
        page.get_by_role("button", name="Begin").click()
        page.locator("ul.choices button").first.click()  # the first municipality
        shown = time.perf_counter() - started
        while page.locator("fieldset.answers").count():
            page.locator("fieldset.answers button").first.click()
        while not page.locator("ol.ranking").count():
            page.get_by_role("button", name="Verder").click()
        timing = page.evaluate(
            """() => {
              const quiz = window.STEMHULP_DATA.quiz;
              const words = quiz.scale.options.concat(["skip"]);
              const times = [];
              for (let n = 0; n < 200; n++) {
                const answers = {};
                quiz.statements.forEach((s, i) => {
                  if (!s.tiebreak) answers[s.id] = words[(i * 7 + n) % words.length];
                });
                const start = performance.now();
                window.stemhulp.match({ answers });
                times.push(performance.now() - start);
              }
              times.sort((a, b) => a - b);
              return times[100];
            }"""
        )
        browser.close()
    outside = [url for url in requests if not url.startswith(site.as_uri() + "/")]
    if outside:
        raise SystemExit(f"requests left the site's folder: {outside}")
    return {"requests": len(requests), "first_statement_s": shown, "match_ms": timing}


SHARED = ROOT.parent / "shared" / "reference" / "wahlomat"


def other_quizzes() -> dict[str, int]:
    """The first-screen bytes (gzip) of the Wahl-O-Mat quizzes in ../shared, when it is there."""
    found = {}
    for source in sorted(SHARED.glob("*/")) if SHARED.is_dir() else []:
        if source.name == "schema":
            continue
        with tempfile.TemporaryDirectory() as scratch:
            site = Path(scratch) / "site"
            command = [sys.executable, "-m", "stemhulp", "publish", str(source), "--out", str(site)]
            if subprocess.run(command, capture_output=True).returncode == 0:
                found[f"Wahl-O-Mat {source.name}"] = sum(compressed(site / name) for name in FIRST_SCREEN)
    return found


def measure() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        subprocess.run(
            [sys.executable, "-m", "stemhulp", "publish", "--out", str(site)], check=True, capture_output=True
        )
        files = {path.name: (path.stat().st_size, compressed(path)) for path in sorted(site.iterdir())}
        seen = visit(site)
    first = sum(files[name][1] for name in FIRST_SCREEN)
    matcher = sum(files[name][1] for name in MATCHER)
    per_second = VISITORS / 86_400
    return {
        "files": files,
        "first_screen_gzip": first,
        "first_screen_raw": sum(files[name][0] for name in FIRST_SCREEN),
        "matcher_gzip": matcher,
        "matcher_raw": sum(files[name][0] for name in MATCHER),
        **seen,
        "visitors": VISITORS,
        "total_gb": VISITORS * first / 1e9,
        "peak_visitors_per_s": PEAK_FACTOR * per_second,
        "peak_requests_per_s": PEAK_FACTOR * per_second * seen["requests"],
        "peak_mbit_s": PEAK_FACTOR * per_second * first * 8 / 1e6,
        "others": other_quizzes(),
    }


def docs_block(figures: dict) -> str:
    rows = "\n".join(f"| `{name}` | {raw:,} | {packed:,} |" for name, (raw, packed) in figures["files"].items())
    first, first_raw = figures["first_screen_gzip"] / 1024, figures["first_screen_raw"] / 1024
    matcher, matcher_raw = figures["matcher_gzip"] / 1024, figures["matcher_raw"] / 1024
    return "\n".join(
        [
            "| file | bytes | gzip bytes |",
            "|---|---:|---:|",
            rows,
            "",
            f"- First statement on screen: **{first:.1f} KB** transferred (gzip; {first_raw:.1f} KB uncompressed),",
            f"  budget 150 KB. The matcher (`matcher.js` + `stability.js`): **{matcher:.1f} KB** gzip",
            f"  ({matcher_raw:.1f} KB uncompressed), budget 20 KB.",
            f"- One voter, from the first page to the result: **{figures['requests']} requests**, all inside the",
            "  site's folder; one match in chromium (the whole response, stability included) takes",
            f"  {figures['match_ms']:.1f} ms (median).",
            f"- Election day, {figures['visitors'] / 1e6:.1f} million visitors in 24 hours, the peak hour 3× the",
            f"  average: {figures['total_gb']:.0f} GB in all (no browser cache counted), at the peak",
            f"  {figures['peak_visitors_per_s']:.0f} visitors/s = {figures['peak_requests_per_s']:,.0f} requests/s and",
            f"  {figures['peak_mbit_s']:,.0f} Mbit/s of static files, which any CDN or one nginx serves; no answer",
            "  reaches a server.",
            *(["", "First statement on screen for other quizzes (gzip):", ""] if figures["others"] else []),
            *(f"- {name}: {size / 1024:.1f} KB" for name, size in figures["others"].items()),
        ]
    )


def readme_block(figures: dict) -> str:
    return (
        f"A published site ([`stemhulp publish`](docs/guides/publish.md)) shows the first statement after "
        f"{figures['first_screen_gzip'] / 1024:.0f} KB (gzip; the matcher {figures['matcher_gzip'] / 1024:.0f} KB) and "
        f"{figures['requests']} requests per visitor; 9.2 million visitors in 24 hours (peak hour 3× average) are "
        f"{figures['total_gb']:.0f} GB, at the peak {figures['peak_requests_per_s']:,.0f} requests/s and "
        f"{figures['peak_mbit_s']:,.0f} Mbit/s of static files. Measured by `benchmarks/bench_publish.py`."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the docs and README blocks")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()
    figures = measure()
    if options.json:
        print(json.dumps(figures, indent=2))
    else:
        print(docs_block(figures))
    if options.write:
        replace_block("publish_weight", docs_block(figures))
        replace_block("publish_readme", readme_block(figures), docs=ROOT / "README.md")


if __name__ == "__main__":
    main()

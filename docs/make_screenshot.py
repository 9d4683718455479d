"""Regenerate docs/serve-result.png: the bundled quiz's result page in chromium (needs the web extra).

    python docs/make_screenshot.py
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from stemhulp.web import create_app

OUT = Path(__file__).parent / "serve-result.png"


def main() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(), log_level="warning"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        page = browser.new_page(viewport={"width": 720, "height": 560})
        page.goto(url)
        page.get_by_role("button", name="Begin").click()
        page.get_by_label("Zwolle").check()  # the municipality comes first
        page.get_by_role("button", name="Verder").click()
        answers = ["eens", "oneens", "geen van beide", "eens", "eens", "oneens"]
        for i in range(int(page.locator("progress").get_attribute("max") or 0)):
            page.get_by_role("button", name=answers[i % len(answers)], exact=True).click()
        page.get_by_role("button", name="Verder").click()  # important statements
        page.get_by_role("button", name="Verder").click()  # parties
        page.screenshot(path=OUT)
        browser.close()
    server.should_exit = True
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

// stemhulp web quiz: small enhancements only; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Single-key shortcuts on a statement (shown, localised by the page, switchable off): they act only
  // while the focus is on the page itself or on an answer button, never in another control (WCAG 2.1.4).
  const form = document.querySelector("form.answers");
  const panel = document.querySelector("p.shortcuts");
  if (form && panel) {
    const keys = {};
    form.querySelectorAll("button[data-key]").forEach((button) => {
      keys[button.dataset.key] = button;
      button.setAttribute("aria-keyshortcuts", button.dataset.key);
    });
    const toggle = panel.querySelector(".shortcut-toggle");
    const line = panel.querySelector(".shortcut-line");
    let enabled = localStorage.getItem("stemhulp-shortcuts") !== "off";
    const show = () => {
      toggle.textContent = enabled ? toggle.dataset.off : toggle.dataset.on;
      line.hidden = !enabled;
    };
    toggle.addEventListener("click", () => {
      enabled = !enabled;
      localStorage.setItem("stemhulp-shortcuts", enabled ? "on" : "off");
      show();
    });
    panel.hidden = false;
    show();
    document.addEventListener("keydown", (event) => {
      if (!enabled || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      const onAnswer = target && target.closest && target.closest("form.answers button[data-key]");
      if (target && target !== document.body && target.id !== "main" && !onAnswer && target.tagName !== "H1") return;
      const button = keys[event.key.toLowerCase()];
      if (button) { event.preventDefault(); button.click(); }
    });
  }
  // After a step (not on the first page), put the focus on the page's heading so screen readers start there.
  const heading = document.querySelector("main h1");
  const view = document.querySelector("form input[name=view]");
  if (heading && view && view.value !== "intro") {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
});

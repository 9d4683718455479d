// stemhulp web quiz: small enhancements only; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Keyboard shortcuts on a statement: e / n / o for the 3-point answers, s to skip, b to go back.
  const form = document.querySelector("form.answers");
  if (form) {
    const buttons = Array.from(form.querySelectorAll("button.answer"));
    const keys = {};
    if (buttons.length === 3) { keys.e = buttons[0]; keys.n = buttons[1]; keys.o = buttons[2]; }
    keys.s = form.querySelector('button[value="skip"]');
    keys.b = form.querySelector('button[value="back"]');
    Object.entries(keys).forEach(([key, button]) => { if (button) button.setAttribute("aria-keyshortcuts", key); });
    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target && (target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA")) return;
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

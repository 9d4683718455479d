// The downloaded result as Markdown and as HTML, made in the page from its report (page.report, the JSON
// download): dialogue.documents' _markdown and _html line by line, with inert's escaping, in the report's
// language; the HTML page's template is Python's (HTML_PAGE, exported in report.js's data).
// Shipped at the end of report.js, so it costs the first statement nothing (loaded at the result).
(function () {
  "use strict";
  const page = window.stemhulp.page;

  // texts.inert: control characters shown as escapes; Markdown punctuation and HTML escaped; one line.
  const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
  const SPECIAL = /([\\`*_[\]()#|~!<>&])/g;
  const ENTITIES = { "<": "&lt;", ">": "&gt;", "&": "&amp;" };
  // Python's str.split() whitespace that `visible` leaves (it escapes \v, \f, \r, \x1c-\x1f and \x85); not U+FEFF.
  const SPACE = /[\t\n \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

  function visible(text) {
    return text.replace(CONTROL, (c) => {
      const code = c.charCodeAt(0);
      return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
    });
  }

  function md(text) {
    const escaped = String(text).replace(SPECIAL, (all, c) => ENTITIES[c] || `\\${c}`);
    return visible(escaped).split(SPACE).filter(Boolean).join(" ");
  }

  const MARKS = { agree: "✓", partly: "~", disagree: "✗", no_stance: "○", skipped: "–" };

  // Your answer as shown under a statement, with its marks (documents._you).
  function yours(statement, t) {
    const marks = [...(statement.important ? [t("important_mark")] : []), ...(statement.dealbreaker ? [t("dealbreaker_mark")] : [])];
    return statement.answer_label + marks.map((mark) => ` (${mark})`).join("");
  }

  // Why the default method and policy, said to be the default when the voter chose others (documents._why).
  function reasons(method, t) {
    return method.default ? t("report_why") : `${t("report_why_chosen")} ${t("report_why")}`;
  }

  function answered(doc) {
    return Object.values(doc.answers.answers).filter((word) => word !== "skip").length;
  }

  function markdown(doc, lang) {
    const t = (key, values = {}) => page.w(key, values, lang);
    const entries = doc.result.results;
    const method = doc.method;
    const lines = [
      `# ${md(t("report_title", { title: doc.quiz.title }))}`,
      "",
      `${t("report_answers", { n: answered(doc) })}. ${md(t("report_parties", { parties: entries.map((e) => e.name).join(", ") }))}`,
      "",
      `## ${t("report_ranking")}`,
      "",
      `| ${t("report_place")} | ${t("report_party")} | ${t("report_match")} | ${t("report_coverage")} |`,
      "|---:|---|---:|---|",
    ];
    for (const row of doc.ranking) { // the parties not excluded by a deal-breaker, with documents' place, score and notes
      const flags = row.notes.map((flag) => ` (${md(flag)})`).join("");
      lines.push(`| ${row.place} | ${md(row.name)}${flags} | ${row.score} | ${row.coverage} |`);
    }
    if (doc.excluded.length) lines.push("", `## ${t("excluded_title")}`, "", ...doc.excluded.map((e) => `- ${md(e.line)}`));
    const facts = (doc.notes || []).map(String);
    if (facts.length) lines.push("", `## ${t("facts_title")}`, "", ...facts.map((line) => `- ${md(line)}`));
    lines.push("", `## ${t("report_method")}`, "", t("method_plain", { label: method.label, summary: method.explanation }), "",
      t("report_missing", { missing: method.missing_text }), "");
    if (method.salience) lines.push(t("report_salience"), "");
    const why = reasons(method, t);
    lines.push(why, "", `## ${t("report_statements")}`);
    for (const statement of doc.statements) {
      const you = yours(statement, t);
      lines.push("", `### ${statement.number}. ${md(statement.text)}`, "", `*${md(statement.theme)}* · ${t("report_you")}: **${md(you)}**`, "");
      for (const party of statement.parties) {
        const mark = MARKS[party.agreement] || "";
        lines.push(`- ${mark} **${md(party.name)}**: ${md(party.position_label)}`.split("-  **").join("- **"));
        if (party.quote) lines.push("", `  > “${md(party.quote)}”`);
        if (party.explanation) lines.push("", `  ${t("party_words")}: ${md(party.explanation)}`);
        if (party.note) lines.push("", `  *${t("note")}: ${md(party.note)}*`);
      }
    }
    lines.push("", "---", "", t("report_generated", { version: doc.version, quiz: md(doc.quiz.id) }), "");
    return lines.join("\n");
  }

  // Python's str.strip() whitespace (before `visible`: with \x1c-\x1f and \x85; not U+FEFF).
  const STRIP = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
  const HTML_ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

  // documents.escape: html.escape(visible(text), quote=True).
  function esc(text) {
    return visible(String(text)).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
  }

  // Python's f"{x:.1f}": round half to even on the exact value (toFixed rounds exact ties up).
  function oneDecimal(x) {
    if (Number.isInteger(x * 4) && !Number.isInteger(x * 2)) { // x.25 or x.75: an exact tie
      const tenths = Math.floor(x * 10);
      return ((tenths % 2 === 0 ? tenths : tenths + 1) / 10).toFixed(1);
    }
    return x.toFixed(1);
  }

  function html(doc, lang) {
    const t = (key, values = {}) => page.w(key, values, lang);
    const langMark = lang === "nl" ? "" : ' lang="nl"';
    const entries = doc.result.results.filter((entry) => !entry.excluded_by.length);
    const rows = doc.ranking.map((row, n) => { // the parties not excluded by a deal-breaker, in the ranking's order
      const score = entries[n].score;
      const width = score === null ? 0 : Math.max(0, Math.min(100, score));
      const flags = row.notes.map((flag) => ` <span class="flag">(${esc(flag)})</span>`).join("");
      return `<tr><td class="num">${esc(row.place)}</td><td>${esc(row.name)}${flags}</td>`
        + `<td class="barcell"><div class="bar" role="img" aria-label="${esc(row.score)}">`
        + `<span style="width: ${oneDecimal(width)}%"></span></div></td>`
        + `<td class="num">${esc(row.score)}</td><td class="cov">${esc(row.coverage)}</td></tr>`;
    });
    const facts = (doc.notes || []).map(String);
    const blocks = doc.statements.map((statement) => {
      const you = yours(statement, t);
      const items = statement.parties.map((party) => {
        const mark = MARKS[party.agreement] || "";
        const cls = ["agree", "disagree", "partly"].includes(party.agreement) ? ` class="${party.agreement}"` : "";
        let item = `<li><span${cls}>${esc(mark)}</span> <strong>${esc(party.name)}</strong>: ${esc(party.position_label)}`;
        if (party.quote) item += `<blockquote${langMark}>“${esc(party.quote.replace(STRIP, ""))}”</blockquote>`;
        if (party.explanation) item += `<div class="note">${esc(t("party_words"))}: ${esc(party.explanation)}</div>`;
        if (party.note) item += `<div class="note">${esc(t("note"))}: <span${langMark}>${esc(party.note)}</span></div>`;
        return `${item}</li>`;
      });
      return `<section class="statement"><h3>${esc(statement.number)}. ${esc(statement.text)}</h3>`
        + `<p><em>${esc(statement.theme)}</em> · ${esc(t("report_you"))}: <strong>${esc(you)}</strong></p><ul>${items.join("")}</ul></section>`;
    });
    const method = doc.method;
    const why = reasons(method, t);
    const values = {
      lang: esc(lang),
      title: esc(t("report_title", { title: doc.quiz.title })),
      answered: esc(t("report_answers", { n: answered(doc) })),
      compared: esc(t("report_parties", { parties: doc.result.results.map((e) => e.name).join(", ") })),
      ranking_title: esc(t("report_ranking")),
      place: esc(t("report_place")),
      party: esc(t("report_party")),
      match: esc(t("report_match")),
      coverage_title: esc(t("report_coverage")),
      rows: rows.join("\n"),
      excluded: doc.excluded.length
        ? `<h2 class="excluded">${esc(t("excluded_title"))}</h2>\n<ul class="excluded">${doc.excluded.map((e) => `<li>${esc(e.line)}</li>`).join("")}</ul>`
        : "",
      stability: facts.length ? `<h2>${esc(t("facts_title"))}</h2>\n<ul>${facts.map((line) => `<li>${esc(line)}</li>`).join("")}</ul>` : "",
      method_title: esc(t("report_method")),
      method: esc(t("method_plain", { label: method.label, summary: method.explanation })),
      missing: esc(t("report_missing", { missing: method.missing_text })),
      salience: method.salience ? `<p>${esc(t("report_salience"))}</p>` : "",
      why: esc(why),
      statements_title: esc(t("report_statements")),
      statements: blocks.join("\n"),
      generated: esc(t("report_generated", { version: doc.version, quiz: doc.quiz.id })),
    };
    return window.STEMHULP_REPORT.html_page.replace(/\$([_a-z][_a-z0-9]*)/gi, (all, name) => values[name]); // string.Template
  }

  window.stemhulp.documents = { markdown, html };
})();

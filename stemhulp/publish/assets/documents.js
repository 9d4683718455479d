// The downloaded result as Markdown, made in the page from its report (page.report, the JSON download):
// dialogue.documents._markdown line by line, with inert.markdown's escaping, in the report's language.
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

  function markdown(doc, lang) {
    const t = (key, values = {}) => page.w(key, values, lang);
    const entries = doc.result.results;
    const method = doc.method;
    const answered = Object.values(doc.answers.answers).filter((word) => word !== "skip").length;
    const lines = [
      `# ${md(t("report_title", { title: doc.quiz.title }))}`,
      "",
      `${t("report_answers", { n: answered })}. ${md(t("report_parties", { parties: entries.map((e) => e.name).join(", ") }))}`,
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
    const why = method.default ? t("report_why") : `${t("report_why_chosen")} ${t("report_why")}`;
    lines.push(why, "", `## ${t("report_statements")}`);
    for (const statement of doc.statements) {
      const marks = [...(statement.important ? [t("important_mark")] : []), ...(statement.dealbreaker ? [t("dealbreaker_mark")] : [])];
      const you = statement.answer_label + marks.map((mark) => ` (${mark})`).join("");
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

  window.stemhulp.documents = { markdown };
})();

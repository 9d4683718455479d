// The published quiz: the web quiz's dialogue (steps in the order Python's dialogue gives, words from
// its i18n table), drawn in the page; the result comes from window.stemhulp.match, computed here. No
// answer leaves this page: nothing is fetched, stored or sent. The resume link holds the state in the
// address's fragment (#…, which a browser never sends), in the web quiz's fields (web/state.py).
(function () {
  "use strict";
  const data = window.STEMHULP_DATA;
  const quiz = data.quiz;
  const main = quiz.statements.filter((s) => !s.tiebreak);
  const tiebreaks = quiz.statements.filter((s) => s.tiebreak);
  const fresh = () => ({ step: null, index: 0, tiebreak: false, municipality: null, answers: {}, important: new Set(), dealbreakers: new Set(), parties: null,
    asked: [], goOn: false, cameFrom: data.dialogue.statement, fromOverview: false, failed: null });
  const adaptive = Boolean(data.defaults.adaptive); // the adaptive quiz: stemhulp.nextStatement orders and may stop
  const state = { lang: location.hash === "#en" ? "en" : "nl", ...fresh() };
  const walked = () => (state.tiebreak ? tiebreaks : main);

  // Python's "{name}" formatting of a message in the current language (English falls back to Dutch).
  function w(key, values = {}, lang = state.lang) {
    const table = data.words[lang] || data.words.nl;
    const template = key in table ? table[key] : data.words.nl[key];
    return template.replace(/\{(\w+)[^}]*\}/g, (all, name) => (name in values ? String(values[name]) : all));
  }

  // Python's f"{x:.0f}": round half to even on the exact value (toFixed rounds ties up).
  function whole(x) {
    const floor = Math.floor(x);
    if (x - floor === 0.5) return String(floor % 2 === 0 ? floor : floor + 1);
    return x.toFixed(0);
  }

  // Python's round(): half to even.
  function roundHalfEven(x) {
    const floor = Math.floor(x);
    const rest = x - floor;
    return rest > 0.5 || (rest === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  }

  function localized(statement, field, lang = state.lang) {
    return (lang === "en" && statement[`${field}_en`]) || statement[field] || "";
  }

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "onclick") node.addEventListener("click", value);
      else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function button(label, action, className = "link") {
    return el("button", { type: "button", class: className, onclick: action }, label);
  }

  function offered() {
    if (state.municipality === null) return quiz.parties;
    return quiz.parties.filter((p) => p.municipality === state.municipality);
  }

  function order() {
    return data.dialogue.orders[state.municipality === null ? "" : state.municipality];
  }

  function go(step) {
    state.step = step;
    state.tiebreak = false;
    if (step === data.dialogue.statement) {
      const open = nextOpen();
      if (open < 0) return next(step);
      state.index = open;
    }
    render();
  }

  // The main statement to ask next: the first open one; in the adaptive quiz the library's choice,
  // or none (-1) when its verdict says the quiz may stop and the voter did not choose the full set.
  function nextOpen() {
    if (!adaptive) return main.findIndex((s) => !(s.id in state.answers));
    const verdict = window.stemhulp.nextStatement(request());
    if (verdict.statement === null || (verdict.stop && !state.goOn)) return -1;
    return main.findIndex((s) => s.id === verdict.statement);
  }

  // The adaptive quiz left the statements before all were asked: the full set is offered.
  function stoppedEarly() {
    return adaptive && main.some((s) => !(s.id in state.answers));
  }

  function goOn() {
    state.goOn = true;
    go(data.dialogue.statement);
  }

  function stoppedNote() {
    if (!stoppedEarly()) return null;
    const left = main.filter((s) => !(s.id in state.answers)).length;
    return el("div", { class: "notice" }, el("p", {}, w("adaptive_stopped", { k: main.length - left, n: main.length, left })),
      button(w("web_go_on", { left }), goOn));
  }

  function next(done) {
    const steps = order();
    go(steps[steps.indexOf(done) + 1]);
  }

  function previous(done) {
    const steps = order();
    const before = steps[steps.indexOf(done) - 1];
    if (before === data.dialogue.statement) {
      state.step = before;
      state.index = adaptive && state.asked.length ? state.asked[state.asked.length - 1] : main.length - 1;
      render();
    } else if (before !== undefined) go(before);
    else { state.step = null; render(); }
  }

  function answer(code) {
    const statements = walked();
    state.answers[statements[state.index].id] = code;
    if (adaptive && !state.tiebreak && !state.asked.includes(state.index)) state.asked.push(state.index);
    if (state.fromOverview && !state.tiebreak) return toOverview();
    if (adaptive && !state.tiebreak) return go(data.dialogue.statement);
    if (state.index + 1 < statements.length) { state.index += 1; render(); }
    else if (state.tiebreak) go(data.dialogue.result);
    else next(data.dialogue.statement);
  }

  // The overview (dialogue.flow: OpenOverview, Jump, LeaveOverview): every answer, each to change.
  function openOverview() {
    state.cameFrom = state.step === data.dialogue.overview ? state.cameFrom : state.tiebreak ? data.dialogue.result : state.step;
    toOverview();
  }

  function toOverview() {
    Object.assign(state, { step: data.dialogue.overview, fromOverview: false, tiebreak: false });
    render();
  }

  function jump(index) {
    Object.assign(state, { step: data.dialogue.statement, index, tiebreak: false, fromOverview: true });
    render();
  }

  function leaveOverview() {
    state.fromOverview = false;
    if (state.cameFrom !== data.dialogue.statement) return go(state.cameFrom);
    if (adaptive || main.some((s) => !(s.id in state.answers))) return go(data.dialogue.statement);
    state.step = data.dialogue.statement;
    render();
  }

  function overviewStep() {
    const labels = quiz.scale.labels[state.lang];
    return [
      el("h1", {}, w("overview_title")),
      el("p", {}, w("overview_web_help")),
      el("ol", { class: "overview" }, main.map((statement, i) => {
        const given = state.answers[statement.id];
        const double = state.important.has(statement.id) && !state.dealbreakers.has(statement.id); // the web's mark "1"
        return el("li", {}, el("span", { class: "statement-text" }, localized(statement, "text")), " ",
          el("span", { class: "answer" }, given === undefined ? el("em", {}, w("not_answered")) : given === null ? w("skipped") : labels[given],
            double ? ` (${w("counts_double")})` : ""), " ",
          el("button", { type: "button", class: "link", "aria-label": `${w("change_answer")}: ${i + 1}`, onclick: () => jump(i) }, w("change_answer")));
      })),
      el("div", { class: "nav" }, button(w("leave_overview"), leaveOverview, "primary")),
    ];
  }

  function startTiebreak() {
    state.step = data.dialogue.statement;
    state.tiebreak = true;
    state.index = tiebreaks.findIndex((s) => !(s.id in state.answers));
    render();
  }

  function request(only = () => true) {
    const answers = {};
    for (const [id, code] of Object.entries(state.answers)) if (only(id)) answers[id] = code === null ? "skip" : quiz.scale.options[code];
    const compared = state.parties !== null ? [...state.parties] : offered().map((p) => p.id);
    const given = (id) => state.answers[id] !== null && state.answers[id] !== undefined;
    const marked = (set) => quiz.statements.map((s) => s.id).filter((id) => set.has(id) && given(id)); // in quiz order, as the web's marks
    return { answers, important: marked(state.important), dealbreakers: marked(state.dealbreakers), parties: compared };
  }

  function intro() {
    const method = data.methods.find((m) => m.name === data.defaults.method);
    const description = state.lang === "en" && quiz.description_en ? quiz.description_en : quiz.description;
    return [
      el("h1", {}, title()),
      el("p", {}, w("intro_counts", { n: main.length, p: quiz.parties.length })),
      adaptive ? el("p", { class: "notice" }, w("adaptive_intro", { m: data.adaptive.min_answers, n: main.length })) : null,
      button(w("start"), () => go(order()[0]), "primary"),
      description ? el("p", {}, description) : null,
      el("p", {}, w("intro_how")),
      el("p", { class: "muted" }, w("intro_method", { method: method.label[state.lang], summary: method.explain[state.lang] })),
      el("p", { class: "muted" }, w("intro_private")),
    ];
  }

  function municipalityStep() {
    const choices = quiz.municipalities.map(({ name }) => {
      const parties = quiz.parties.filter((p) => p.municipality === name);
      return el("li", {}, button(`${name} (${parties.length}: ${parties.map((p) => p.name).join(", ")})`, () => {
        state.municipality = name;
        state.parties = null;
        next(data.dialogue.municipality);
      }));
    });
    choices.push(el("li", {}, button(w("web_municipality_all"), () => {
      state.municipality = null;
      state.parties = null;
      next(data.dialogue.municipality);
    })));
    return [el("h1", {}, w("web_municipality_title")), el("p", {}, w("web_municipality_help")), el("ul", { class: "choices" }, choices),
      el("div", { class: "nav" }, button(`← ${w("back")}`, () => previous(data.dialogue.municipality)))];
  }

  function statementStep() {
    const statements = walked();
    const statement = statements[state.index];
    const number = state.asked.includes(state.index) ? state.asked.indexOf(state.index) + 1 : state.asked.length + 1;
    const progress = adaptive && !state.tiebreak
      ? w("adaptive_progress", { k: number, i: state.index + 1, n: statements.length })
      : w(state.tiebreak ? "tiebreak_progress" : "progress", { i: state.index + 1, n: statements.length });
    const given = state.answers[statement.id];
    const keys = data.shortcuts[state.lang];
    const letter = (code) => Object.keys(keys.answers).find((key) => keys.answers[key] === code);
    // Agree first, as the web quiz lists them (its statement page shows the options in reverse).
    const buttons = quiz.scale.labels[state.lang].map((label, code) =>
      keyed(button(label, () => answer(code), `answer${given === code ? " chosen" : ""}`), letter(code))).reverse();
    buttons.push(keyed(button(w("skip"), () => answer(null), `secondary${given === null ? " chosen" : ""}`), keys.skip));
    const info = ["explanation", "pro", "con"].filter((field) => localized(statement, field))
      .map((field) => [el("h2", { class: "small" }, w(field)), el("p", {}, localized(statement, field))]);
    return [
      el("p", { class: "progress", id: "progress" }, `${progress} · ${localized(statement, "theme")}`),
      el("progress", { max: statements.length, value: state.index + 1, "aria-labelledby": "progress" }),
      el("h1", { class: "statement" }, localized(statement, "text")),
      given !== undefined ? el("p", { class: "previous" }, w("your_answer", { answer: given === null ? w("skipped") : quiz.scale.labels[state.lang][given] })) : null,
      el("fieldset", { class: "answers" }, el("legend", { class: "visually-hidden" }, w("answer_group")), buttons),
      el("div", { class: "nav" }, keyed(button(`← ${w("back")}`, () => {
        const at = state.asked.includes(state.index) ? state.asked.indexOf(state.index) : state.asked.length;
        if (state.fromOverview && !state.tiebreak) toOverview();
        else if (adaptive && !state.tiebreak) { if (at > 0) { state.index = state.asked[at - 1]; render(); } else previous(data.dialogue.statement); }
        else if (state.index > 0) { state.index -= 1; render(); } else if (state.tiebreak) go(data.dialogue.result);
        else previous(data.dialogue.statement);
      }), keys.back), state.tiebreak ? null : button(w("overview"), openOverview)),
      shortcutLine(),
      el("details", {}, el("summary", {}, w("more_info")), info.length ? info : el("p", {}, w("no_info"))),
      el("details", { class: "stances" }, el("summary", {}, w("what_parties")), stances(statement)),
      resumeLink(),
    ];
  }

  // The web quiz's single-key shortcuts on a statement (keys and words from dialogue.shortcuts, in
  // data.js): shown in a line, switchable off (the one thing the page keeps, in localStorage), acting
  // only while the focus is on the page, its heading or a keyed button, never in another control (WCAG 2.1.4).
  const SWITCH = "stemhulp-shortcuts";
  let shortcutsOn = (() => {
    try { return localStorage.getItem(SWITCH) !== "off"; } catch (error) { return true; } // no storage (Node, a locked-down browser)
  })();

  function keyed(node, key) {
    if (key) {
      node.dataset.key = key;
      node.setAttribute("aria-keyshortcuts", key);
    }
    return node;
  }

  function shortcutLine() {
    const keys = data.shortcuts[state.lang];
    const line = el("span", { class: "shortcut-line" }, keys.line);
    const toggle = button("", () => {
      shortcutsOn = !shortcutsOn;
      try { localStorage.setItem(SWITCH, shortcutsOn ? "on" : "off"); } catch (error) { /* kept for this page only */ }
      show();
    }, "link shortcut-toggle");
    const show = () => { toggle.textContent = shortcutsOn ? keys.off : keys.on; line.hidden = !shortcutsOn; };
    show();
    return el("p", { class: "shortcuts muted" }, line, " ", toggle);
  }

  function onShortcut(event) {
    if (!shortcutsOn || state.failed || state.step !== data.dialogue.statement) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const onKeyed = target && target.closest && target.closest("#main button[data-key]");
    if (target && target !== document.body && target.id !== "main" && !onKeyed && target.tagName !== "H1") return;
    const key = event.key.toLowerCase();
    const chosen = [...document.querySelectorAll("#main button[data-key]")].find((node) => node.dataset.key === key);
    if (chosen) { event.preventDefault(); chosen.click(); }
  }

  // What the offered parties think of one statement: each one's stance and quote.
  function stances(statement) {
    const s = quiz.statements.indexOf(statement);
    return el("ul", {}, offered().map((party) => {
      const c = quiz.parties.indexOf(party);
      const stance = quiz.stances[s][c];
      const quote = quiz.quotes[s][c];
      return el("li", {}, `${party.label}: ${stance >= 0 ? quiz.scale.labels[state.lang][stance] : w("no_stance")}`,
        quote ? el("blockquote", {}, el("span", { lang: "nl" }, quote)) : null);
    }));
  }

  function checklist(items, chosen, name) {
    return el("ul", { class: "choices" }, items.map(([id, label], i) => el("li", {},
      el("input", { type: "checkbox", id: `${name}-${i}`, checked: chosen(id), onclick: null }),
      el("label", { for: `${name}-${i}` }, label))));
  }

  function ticked(name, ids) {
    return ids.filter((id, i) => document.getElementById(`${name}-${i}`).checked);
  }

  function importantStep() {
    const answered = main.map((s, i) => [s, i]).filter(([s]) => state.answers[s.id] !== undefined && state.answers[s.id] !== null);
    const ids = answered.map(([s]) => s.id);
    const keep = () => {
      state.important = new Set(ticked("imp", ids));
      state.dealbreakers = new Set(ticked("deal", ids));
    };
    return [
      stoppedNote(),
      el("h1", {}, w("important_title")),
      answered.length ? [el("p", {}, w("web_important_help")), el("p", {}, w("web_dealbreaker_help")),
        // Per statement: counts double (labelled by the statement), and a deal-breaker box beside it (as the web quiz).
        el("ul", { class: "choices" }, answered.map(([s, i], n) => el("li", {},
          el("input", { type: "checkbox", id: `imp-${n}`, checked: state.important.has(s.id) }),
          el("label", { for: `imp-${n}` }, `${i + 1}. ${localized(s, "text")}`),
          el("span", { class: "dealbreaker" },
            el("input", { type: "checkbox", id: `deal-${n}`, "aria-label": `${w("dealbreaker_mark")}: ${i + 1}`, checked: state.dealbreakers.has(s.id) }),
            el("label", { for: `deal-${n}` }, w("dealbreaker_mark"))))))]
        : el("p", {}, w("important_none")),
      el("div", { class: "nav" },
        button(w("next"), () => { keep(); next(data.dialogue.important); }, "primary"),
        button(`← ${w("back")}`, () => { keep(); previous(data.dialogue.important); }),
        button(w("overview"), () => { keep(); openOverview(); })),
    ];
  }

  function partiesStep() {
    const parties = offered();
    const ids = parties.map((p) => p.id);
    const chosen = state.parties === null ? new Set(ids) : state.parties;
    const help = el("p", {}, w("web_parties_help"));
    return [
      stoppedNote(),
      el("h1", {}, w("parties_title")), help,
      checklist(parties.map((p) => [p.id, p.full_name ? `${p.name} (${p.full_name})` : p.name]), (id) => chosen.has(id), "party"),
      el("div", { class: "nav" },
        button(w("next"), () => {
          const picked = ticked("party", ids);
          if (!picked.length) { help.className = "error"; help.setAttribute("role", "alert"); return; }
          state.parties = new Set(picked);
          next(data.dialogue.parties);
        }, "primary"),
        button(`← ${w("back")}`, () => previous(data.dialogue.parties)),
        button(w("overview"), openOverview)),
    ];
  }

  function percent(score) {
    return score === null ? "–" : `${whole(score)}%`;
  }

  // The notes under a result (dialogue.notes.result_notes), in `lang`; tests compare it with Python's.
  function notes(result, lang = state.lang) {
    const ranked = result.results.filter((e) => e.rank !== null && e.score !== null);
    const lines = [];
    const tied = ranked.length >= 2 && ranked[0].rank === ranked[1].rank;
    const partyOf = (entry) => quiz.parties.find((p) => p.id === entry.party);
    if (result.results.length === 1) {
      const entry = result.results[0];
      lines.push(entry.score === null ? w("single_none", { party: entry.name }, lang) : w("single", { party: entry.name, score: whole(entry.score) }, lang));
    } else {
      const towns = new Set(result.results.map((e) => partyOf(e).municipality));
      if (towns.size > 1 && !towns.has(null)) lines.push(w("comparison_only", {}, lang));
      const stability = result.stability;
      const answered = Math.max(0, ...result.results.map((e) => e.coverage.answered));
      if (stability && stability.top_share !== null && ranked.length >= 2) {
        if (answered < data.rules.min_answers_for_stability) lines.push(w("stability_few", { k: data.rules.min_answers_for_stability }, lang));
        else {
          const step = data.rules.stability_step;
          lines.push(tied ? w("stability_tie", {}, lang) : w("stability", { share: step * roundHalfEven(100 * stability.top_share / step) }, lang));
          const differ = Object.entries(stability.methods).filter(([, same]) => !same)
            .map(([name]) => data.methods.find((m) => m.name === name).label[lang]);
          if (Object.keys(stability.methods).length) lines.push(differ.length ? w("methods_differ", { methods: differ.join("; ") }, lang) : w("methods_agree", {}, lang));
        }
      }
    }
    if (result.results.some((e) => !e.ranked && e.score !== null && !e.excluded_by.length)) lines.push(w("unranked_rule", { share: `${whole(100 * result.min_coverage)}%` }, lang));
    if (result.dealbreakers.length) {  // notes.dealbreaker_notes: the rule, and each mark that excludes nobody
      lines.push(w("dealbreaker_rule", {}, lang));
      const given = result.results.length ? Object.fromEntries(result.results[0].statements.map((c) => [c.statement, c.answer])) : {};
      for (const id of result.dealbreakers) {
        const word = given[id];
        const code = word === undefined || word === null ? -1 : quiz.scale.options.indexOf(word);
        if (window.stemhulp.side(code, quiz.scale.options.length) === 0) lines.push(w("dealbreaker_idle", { n: statementNumber(id) }, lang));
      }
    }
    const towns = new Map(); // notes._election_notes: a town whose compared programmes are of different elections
    for (const entry of result.results) {
      const party = partyOf(entry);
      if (party.municipality && party.election_year !== null) {
        if (!towns.has(party.municipality)) towns.set(party.municipality, []);
        towns.get(party.municipality).push([party.name, party.election_year]);
      }
    }
    for (const [town, found] of towns) {
      if (new Set(found.map(([, year]) => year)).size > 1) {
        lines.push(w("elections_differ", { town, years: found.map(([name, year]) => `${name} ${year}`).join(", ") }, lang));
      }
    }
    for (const entry of result.results) {
      const profile = partyOf(entry).profile;
      const silent = profile.stances < profile.statements;
      if (profile.same_option !== null && !(profile.flags.includes("evasive") && silent)) {
        lines.push(w("constant", { party: entry.name, option: quiz.scale.labels[lang][quiz.scale.options.indexOf(profile.same_option)] }, lang));
      } else if (profile.flags.includes("evasive")) {
        lines.push(w("evasive", { party: entry.name, n: profile.statements, k: profile.statements - profile.stances + profile.neutral }, lang));
      }
    }
    return lines;
  }

  // How the quiz numbers a statement (notes.statement_number): 1-based in quiz order, tie-break ones T1, T2, ….
  function statementNumber(id) {
    const at = main.findIndex((s) => s.id === id);
    return at >= 0 ? String(at + 1) : `T${tiebreaks.findIndex((s) => s.id === id) + 1}`;
  }

  // One line per party excluded by a deal-breaker, the statements named (notes.excluded_lines).
  function excludedLines(result, lang = state.lang) {
    const word = (option) => (option === null ? "—" : quiz.scale.labels[lang][quiz.scale.options.indexOf(option)]);
    return result.results.filter((e) => e.excluded_by.length).map((entry) => w("excluded_line", {
      party: entry.name,
      statements: entry.excluded_by.map((id) => {
        const row = entry.statements.find((c) => c.statement === id);
        const statement = quiz.statements.find((s) => s.id === id);
        return w("excluded_statement", { n: statementNumber(id), text: localized(statement, "text", lang),
          answer: word(row ? row.answer : null), stance: word(row ? row.position : null) }, lang);
      }).join("; "),
    }, lang));
  }

  // The result as the web quiz's download gives it (dialogue.documents.report_data, "stemhulp-result/1"):
  // `result` from stemhulp.match, `request` the answers document it was computed from.
  function report(result, request, lang = state.lang) {
    const labels = quiz.scale.labels[lang];
    const label = (word) => (word === undefined || word === null || word === "skip" ? w("skipped", {}, lang) : labels[quiz.scale.options.indexOf(word)]);
    const important = request.important && request.important.length ? [...request.important]
      : result.results.flatMap((e) => e.statements.filter((c) => c.important).map((c) => c.statement));
    const dealbreakers = [...result.dealbreakers];
    const words = {};
    for (const [id, word] of Object.entries(request.answers)) {
      const code = quiz.scale.words[word.trim().toLowerCase().replace(/_/g, " ").split(/\s+/).filter(Boolean).join(" ")];
      words[id] = code === null ? "skip" : quiz.scale.options[code];
    }
    const shown = [...main.map((s, i) => [String(i + 1), s]), ...tiebreaks.map((s, i) => [`+${i + 1}`, s]).filter(([, s]) => s.id in words)];
    const entries = result.results;
    const place = (entry) => {
      if (entries.length === 1) return "";
      if (entry.rank === null) return "–";
      return `${entry.rank}${entries.filter((o) => o.rank === entry.rank).length > 1 ? "=" : "."}`;
    };
    const method = data.methods.find((m) => m.name === result.method);
    const policy = data.policies.find((m) => m.name === result.missing);
    return {
      format: "stemhulp-result/1",
      version: data.stemhulp,
      lang,
      notes: notes(result, lang),
      single: entries.length === 1,
      ranking: entries.filter((e) => !e.excluded_by.length).map((entry) => ({
        party: entry.party,
        name: entry.name,
        place: place(entry),
        score: entry.score === null ? "–" : `${whole(entry.score)}%`,
        coverage: w("coverage", { k: entry.coverage.with_stance, n: entry.coverage.answered }, lang),
        notes: [...(entry.ranked === false && entry.score !== null ? [w("report_unranked", {}, lang)] : []),
          ...entry.flags.map((flag) => (data.flag_labels[flag] ? data.flag_labels[flag][lang] : flag))],
      })),
      excluded: entries.filter((e) => e.excluded_by.length).map((entry, n) => ({
        party: entry.party, name: entry.name, statements: [...entry.excluded_by], line: excludedLines(result, lang)[n] })),
      quiz: { id: quiz.id, title: lang === "en" && quiz.title_en ? quiz.title_en : quiz.title },
      method: {
        name: method.name,
        label: method.label[lang],
        explanation: method.explain[lang],
        missing: result.missing,
        missing_text: policy.clause[lang],
        salience: result.salience,
        default: result.method === data.defaults.method && result.missing === data.defaults.missing,
      },
      answers: { answers: words, important, dealbreakers },
      result,
      statements: shown.map(([number, statement]) => {
        const s = quiz.statements.indexOf(statement);
        return {
          number,
          id: statement.id,
          theme: localized(statement, "theme", lang),
          text: localized(statement, "text", lang),
          answer: statement.id in words ? words[statement.id] : null,
          answer_label: label(words[statement.id]),
          important: important.includes(statement.id),
          dealbreaker: dealbreakers.includes(statement.id),
          parties: entries.map((entry) => {
            const c = quiz.parties.findIndex((p) => p.id === entry.party);
            const stance = quiz.stances[s][c];
            const row = entry.statements.find((r) => r.statement === statement.id);
            const extra = window.STEMHULP_REPORT;
            const note = lang === "en" ? extra.notes_en[s][c] || extra.notes[s][c] : extra.notes[s][c];
            return { party: entry.party, name: entry.name, position: stance >= 0 ? quiz.scale.options[stance] : null,
              position_label: stance >= 0 ? labels[stance] : w("no_stance", {}, lang), agreement: row ? row.agreement : null,
              quote: quiz.quotes[s][c], note, explanation: extra.explanations[s][c] };
          }),
        };
      }),
    };
  }

  // The downloads: the report as HTML, Markdown and JSON, files made in the page (Blobs), as the web quiz's
  // attachments. Their notes, explanations and the HTML and Markdown writers come in report.js, added at the first
  // result (a file of this folder).
  let downloads = [];
  function downloadLink(result) {
    if (!window.STEMHULP_REPORT) {
      if (!document.querySelector('script[src="report.js"]')) {
        document.head.append(el("script", { src: "report.js" }));
        document.querySelector('script[src="report.js"]').addEventListener("load", () => {
          if (state.step === data.dialogue.result && !state.failed) render();
        });
      }
      return null;
    }
    downloads.forEach((url) => URL.revokeObjectURL(url));
    const doc = report(result, request());
    const files = [
      ["html", "HTML", "text/html", window.stemhulp.documents.html(doc, state.lang)],
      ["md", "Markdown", "text/markdown", window.stemhulp.documents.markdown(doc, state.lang)],
      ["json", "JSON", "application/json", `${JSON.stringify(doc, null, 2)}\n`],
    ];
    downloads = files.map(([, , type, body]) => URL.createObjectURL(new Blob([body], { type })));
    const name = `stemhulp-${state.lang === "nl" ? "uitslag" : "result"}`; // as the web quiz's attachment
    return el("section", { class: "download" }, el("h2", {}, w("download_title")),
      el("p", {}, files.flatMap(([extension, label], n) => [el("a", { href: downloads[n], download: `${name}.${extension}`, class: "button primary" },
        `${w("download")} (${label})`), " "])));
  }

  // The web quiz's fields (web/state.py FlowState.fields) for this state: the resume link's fragment.
  const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
  const MARKS = "0123";
  const VIEWS = ["intro", "statement", "important", "municipality", "parties", "result", "overview", "party", "stances", "result-stances"];
  function fields() {
    const all = [...main, ...tiebreaks];
    const n = state.step === data.dialogue.statement ? state.index + (state.tiebreak ? main.length : 0)
      : state.step === data.dialogue.overview ? Math.min(state.index, all.length - 1) : 0;
    const onOverview = state.step === data.dialogue.overview || state.fromOverview;
    return {
      lang: state.lang,
      a: all.map((s) => { const c = state.answers[s.id]; return c === undefined ? "-" : c === null ? "s" : DIGITS[c]; }).join(""),
      i: all.map((s) => MARKS[(state.important.has(s.id) ? 1 : 0) + (state.dealbreakers.has(s.id) ? 2 : 0)]).join(""),
      p: state.parties === null ? "" : quiz.parties.map((p, k) => (state.parties.has(p.id) ? k : -1)).filter((k) => k >= 0).join(","),
      m: state.municipality === null ? "" : String(quiz.municipalities.findIndex((m) => m.name === state.municipality)),
      view: state.step === null ? "intro" : state.step,
      n: String(n),
      o: onOverview ? state.cameFrom : "",
      q: data.dialogue.fingerprint,
      k: state.asked.join(","),
      g: state.goOn ? "1" : "",
    };
  }

  // Comma-separated numbers 0…upper-1, each once (web/form.py numbers, formats/numbers.whole_number):
  // the first bad one is a problem named by its field, in the server's words.
  function numbers(text, upper, field, problems) {
    if (!text.trim()) return [];
    const found = [];
    for (const part of text.split(",")) {
      const stripped = part.trim();
      const range = ` from 0 to ${upper - 1}`;
      if (!/^[0-9]{1,18}$/.test(stripped)) {
        const long = /^[\x00-\x7f]*$/.test(stripped) && /^[0-9]+$/.test(stripped.replace(/^-+/, ""));
        const shown = window.stemhulp.repr(part);
        problems.push(`${field}: expected a whole number${range} (${long ? "at most 18 digits" : "digits 0-9"}), got ${shown.length <= 42 ? shown : `${shown.slice(0, 40)}…`}`);
        return [];
      }
      if (Number(stripped) > upper - 1) {
        problems.push(`${field}: expected a whole number${range}, got ${Number(stripped)}`);
        return [];
      }
      found.push(Number(stripped));
    }
    return [...new Set(found)];
  }

  // A resume fragment read back (FlowState.parse's checks): {state} or {failed: {key, problems}}.
  function readFragment(fragment) {
    const form = Object.fromEntries(new URLSearchParams(fragment));
    const all = [...main, ...tiebreaks];
    const lang = form.lang === "en" ? "en" : "nl";
    if ((form.q || "") !== data.dialogue.fingerprint) return { failed: { key: "other_quiz", problems: [], lang } };
    const problems = [];
    const repr = window.stemhulp.repr; // the server's messages (web/state.py), word for word
    if (!["nl", "en"].includes(form.lang || "nl")) problems.push(`lang: unknown language ${repr(form.lang)}`);
    const allowed = `-s${DIGITS.slice(0, quiz.scale.options.length)}`;
    const answers = form.a || "";
    if (answers.length !== all.length || [...answers].some((c) => !allowed.includes(c))) {
      problems.push(`a: expected ${all.length} characters from ${repr([...allowed].sort().join(""))}`);
    }
    const marks = form.i || "";
    if (marks.length !== all.length || [...marks].some((c) => !MARKS.includes(c))) problems.push(`i: expected ${all.length} characters from ${repr(MARKS)}`);
    const parties = numbers(form.p || "", quiz.parties.length, "p", problems);
    const town = numbers(form.m || "", quiz.municipalities.length, "m", problems);
    const view = form.view || "statement";
    if (!VIEWS.includes(view)) problems.push(`view: unknown page ${repr(view)}`);
    const n = numbers(form.n || "0", view === "party" ? quiz.parties.length : all.length, "n", problems);
    const back = form.o || "";
    if (!["", ...VIEWS.slice(1, 7)].includes(back)) problems.push(`o: unknown page ${repr(back.slice(0, 40))}`);
    const asked = numbers(form.k || "", main.length, "k", problems);
    if (!["", "1"].includes(form.g || "")) problems.push(`g: expected 1 or nothing, got ${repr((form.g || "").slice(0, 40))}`);
    if (problems.length) return { failed: { key: "bad_request", problems, lang } };
    const step = { intro: null, party: "result", "result-stances": "result", stances: "statement" }[view];
    const at = n.length ? n[0] : 0;
    const onStatement = ["statement", "stances"].includes(view);
    const found = { ...fresh(), lang, step: step === undefined ? view : step, asked, goOn: form.g === "1",
      municipality: town.length ? quiz.municipalities[town[0]].name : null,
      parties: parties.length ? new Set(parties.map((k) => quiz.parties[k].id)) : null,
      tiebreak: onStatement && at >= main.length, index: onStatement && at >= main.length ? at - main.length : view === "overview" ? at : Math.min(at, main.length - 1),
      cameFrom: back || data.dialogue.statement, fromOverview: onStatement && Boolean(back) };
    all.forEach((s, k) => {
      if (answers[k] !== "-") found.answers[s.id] = answers[k] === "s" ? null : DIGITS.indexOf(answers[k]);
      if (MARKS.indexOf(marks[k]) & 1) found.important.add(s.id);
      if (MARKS.indexOf(marks[k]) & 2) found.dealbreakers.add(s.id);
    });
    return { state: found };
  }

  function resumeLink() {
    return el("p", { class: "resume muted" }, el("a", { href: `#${new URLSearchParams(fields())}` }, w("resume")));
  }

  // A resume link that does not fit this quiz: the web quiz's error page, the details in English.
  function failedView() {
    const { key, problems } = state.failed;
    return [
      el("h1", {}, w(key)),
      problems.length ? el("details", { class: "technical" }, el("summary", {}, w("technical")),
        el("ul", { class: "problems", lang: "en" }, problems.map((problem) => el("li", {}, el("code", {}, problem))))) : null,
      el("p", {}, button(w("restart"), () => {
        history.replaceState(null, "", state.lang === "en" ? "#en" : "#");
        Object.assign(state, fresh());
        render();
      })),
    ];
  }

  function resume(fragment) {
    const read = readFragment(fragment);
    if (read.failed) Object.assign(state, fresh(), { lang: read.failed.lang, failed: read.failed });
    else Object.assign(state, read.state);
    render();
  }

  // Parties the answered tie-break statements took out of the ranking (notes.tiebreak_drops).
  function dropped(result) {
    const tiebreakIds = new Set(tiebreaks.map((s) => s.id));
    if (!Object.keys(state.answers).some((id) => tiebreakIds.has(id))) return [];
    const before = window.stemhulp.match(request((id) => !tiebreakIds.has(id)));
    const wasRanked = new Set(before.results.filter((e) => e.ranked && e.score !== null).map((e) => e.party));
    return result.results.filter((e) => wasRanked.has(e.party) && !e.ranked)
      .map((e) => w("tiebreak_dropped", { party: e.name, share: `${whole(100 * result.min_coverage)}%` }));
  }

  function marginLine(result) {
    const ranked = result.results.filter((e) => e.rank !== null && e.score !== null);
    if (ranked.length < 2 || !(ranked[0].score - ranked[1].score < data.rules.close_call)) return "";
    if (ranked[0].rank === ranked[1].rank) return w("top_tied");
    const points = Number(whole(ranked[0].score)) - Number(whole(ranked[1].score));
    if (points < 1) return w("top_close_under");
    return w("top_close", { points: w(points === 1 ? "point_one" : "point_many", { n: points }) });
  }

  function resultStep() {
    const result = window.stemhulp.match(request());
    const method = data.methods.find((m) => m.name === result.method);
    const policy = data.policies.find((p) => p.name === result.missing);
    const shared = new Set(result.results.filter((e) => e.rank !== null && result.results.filter((o) => o.rank === e.rank).length > 1).map((e) => e.rank));
    const single = result.results.length === 1;
    const rows = result.results.map((entry) => ({ entry, shown: entry.score !== null && !entry.excluded_by.length && (entry.ranked || single) }));
    const ranked = rows.filter((r) => r.shown);
    const unranked = rows.filter((r) => !r.shown && !r.entry.excluded_by.length);
    const excluded = excludedLines(result);
    const lines = [...dropped(result), ...notes(result)];
    const margin = marginLine(result);
    const pending = tiebreaks.filter((s) => !(s.id in state.answers));
    const offer = margin && pending.length > 0;
    const themes = [...new Set(result.results.flatMap((e) => Object.keys(e.themes)))];
    return [
      el("h1", {}, w("result_title")),
      stoppedNote(),
      ranked.length ? null : el("p", {}, result.results.length && result.results[0].coverage.answered ? w("nothing_ranked") : w("nothing_answered")),
      offer ? el("div", { class: "notice" }, el("p", {}, margin),
        button(w("tiebreak_offer", { statements: w(pending.length === 1 ? "extra_one" : "extra_many", { n: pending.length }) }), startTiebreak, "primary"))
        : margin ? el("p", { class: "notice" }, margin) : null,
      ranked.length ? el("ol", { class: "ranking" }, ranked.map(({ entry }) => {
        const extra = shared.has(entry.rank) ? [w("tie")] : [];
        if (entry.coverage.with_stance < entry.coverage.answered) extra.push(w("coverage", { k: entry.coverage.with_stance, n: entry.coverage.answered }));
        return el("li", {}, single ? null : el("span", { class: "rank" }, `${entry.rank}${shared.has(entry.rank) ? "=" : "."}`),
          el("span", { class: "name" }, entry.name), " ",
          el("span", { class: "score" }, percent(entry.score)), " ",
          el("span", { class: "notes" }, extra.join(" · ")));
      })) : null,
      unranked.length ? [el("h2", {}, w("unranked_title")), el("ul", { class: "unranked" }, unranked.map(({ entry }) =>
        el("li", {}, el("span", { class: "name" }, entry.name), `: ${data.unranked_labels[entry.score === null ? "nothing_to_compare" : "few_stances"][state.lang]}`,
          entry.score !== null ? ` (${percent(entry.score)})` : "")))] : null,
      excluded.length ? [el("h2", {}, w("excluded_title")), el("ul", { class: "excluded" }, excluded.map((line) => el("li", {}, line)))] : null,
      lines.length ? el("section", { class: "facts" }, el("h2", {}, w("facts_title")), el("ul", {}, lines.map((line) => el("li", {}, line)))) : null,
      el("details", { class: "method" }, el("summary", {}, w("report_method")),
        el("p", {}, w("method_plain", { label: method.label[state.lang], summary: method.explain[state.lang] })), el("p", {}, w("report_why"))),
      el("p", { class: "muted" }, w("result_method", { method: method.label[state.lang], missing: policy.clause[state.lang] })),
      ranked.length ? [el("h2", {}, w("web_drill_title")), el("ul", { class: "drill" }, rows.map(({ entry }) =>
        el("li", {}, el("details", {}, el("summary", {}, w("drill_summary", { party: entry.name })), comparisons(entry)))))] : null,
      ranked.length && themes.length ? [el("h2", {}, w("themes_title")), el("div", { class: "table-scroll" }, el("table", { class: "themes" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, w("col_theme")), ranked.map(({ entry }) => el("th", { scope: "col" }, entry.name)))),
        el("tbody", {}, themes.map((theme) => el("tr", {},
          el("th", { scope: "row" }, themeName(theme)),
          ranked.map(({ entry }) => el("td", {}, percent(entry.themes[theme] === undefined ? null : entry.themes[theme]))))))))] : null,
      downloadLink(result),
      el("div", { class: "nav" }, button(`← ${w("back")}`, () => previous(data.dialogue.result)),
        button(w("change"), openOverview),
        button(w("restart"), () => { Object.assign(state, fresh(), { lang: state.lang }); render(); })),
      resumeLink(),
    ];
  }

  function themeName(theme) {
    const statement = quiz.statements.find((s) => s.theme === theme);
    return statement ? localized(statement, "theme") : theme;
  }

  function label(option) {
    if (option === null) return w("no_stance");
    return quiz.scale.labels[state.lang][quiz.scale.options.indexOf(option)];
  }

  function comparisons(entry) {
    const marks = { agree: "✓", partly: "~", disagree: "✗", no_stance: "·", skipped: "–" };
    return el("ol", { class: "comparisons" }, entry.statements.map((c) => {
      const statement = quiz.statements.find((s) => s.id === c.statement);
      return el("li", { class: c.agreement },
        el("p", { class: "statement-text" }, localized(statement, "text")),
        el("p", {}, el("span", { class: "mark", "aria-hidden": "true" }, marks[c.agreement]), " ",
          `${w("col_you")}: ${c.answer === null ? w("skipped") : label(c.answer)}${c.important ? ` (${w("counts_double")})` : ""} · ${entry.name}: ${label(c.position)}`,
          ["agree", "partly", "disagree"].includes(c.agreement) ? el("span", { class: "agreement" }, ` — ${w(c.agreement)}`) : null),
        c.quote ? el("blockquote", {}, el("span", { class: "visually-hidden" }, `${w("quote")}: `), el("span", { lang: "nl" }, c.quote)) : null);
    }));
  }

  function title() {
    return state.lang === "en" && quiz.title_en ? quiz.title_en : quiz.title;
  }

  const STEPS = {
    [data.dialogue.municipality]: municipalityStep,
    [data.dialogue.statement]: statementStep,
    [data.dialogue.important]: importantStep,
    [data.dialogue.parties]: partiesStep,
    [data.dialogue.result]: resultStep,
    [data.dialogue.overview]: overviewStep,
  };

  function render() {
    document.documentElement.lang = state.lang;
    document.title = title();
    document.querySelector("header .brand").textContent = title();
    const other = document.querySelector("header .lang-switch");
    other.textContent = w("other_lang");
    other.setAttribute("lang", w("other_lang_code"));
    document.querySelector(".skip-link").textContent = w("skip_link");
    const view = document.getElementById("main");
    const shown = state.failed ? failedView() : state.step === null ? intro() : STEPS[state.step]();
    view.replaceChildren(...[shown].flat(Infinity).filter(Boolean));
    const heading = view.querySelector("h1");
    if (heading && (state.step !== null || state.failed)) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelector("header .lang-switch").addEventListener("click", () => {
      state.lang = state.lang === "nl" ? "en" : "nl";
      history.replaceState(null, "", state.lang === "en" ? "#en" : "#");
      render();
    });
    const fragment = location.hash.slice(1);
    if (fragment.includes("=")) resume(fragment); // a resume link; "#en" is only the language
    else render();
    document.addEventListener("keydown", onShortcut);
    window.addEventListener("hashchange", () => {
      if (location.hash.includes("=")) resume(location.hash.slice(1));
    });
  });

  // The page's pure parts, for the tests that compare them with Python (notes, report, resume fields).
  window.stemhulp.page = { notes, report, readFragment, fields: () => fields(), state, w };
})();

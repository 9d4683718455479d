// The published quiz: the web quiz's dialogue (steps in the order Python's dialogue gives, words from
// its i18n table), drawn in the page; the result comes from window.stemhulp.match, computed here. No
// answer leaves this page: nothing is fetched, stored or sent.
(function () {
  "use strict";
  const data = window.STEMHULP_DATA;
  const quiz = data.quiz;
  const main = quiz.statements.filter((s) => !s.tiebreak);
  const tiebreaks = quiz.statements.filter((s) => s.tiebreak);
  const fresh = () => ({ step: null, index: 0, tiebreak: false, municipality: null, answers: {}, important: new Set(), dealbreakers: new Set(), parties: null,
    asked: [], goOn: false });
  const adaptive = Boolean(data.defaults.adaptive); // the adaptive quiz: stemhulp.nextStatement orders and may stop
  const state = { lang: location.hash === "#en" ? "en" : "nl", ...fresh() };
  const walked = () => (state.tiebreak ? tiebreaks : main);

  // Python's "{name}" formatting of a message in the current language (English falls back to Dutch).
  function w(key, values = {}) {
    const table = data.words[state.lang] || data.words.nl;
    const template = key in table ? table[key] : data.words.nl[key];
    return template.replace(/\{(\w+)[^}]*\}/g, (all, name) => (name in values ? String(values[name]) : all));
  }

  // Python's f"{x:.0f}": round half to even on the exact value (toFixed rounds ties up).
  function whole(x) {
    const floor = Math.floor(x);
    if (x - floor === 0.5) return String(floor % 2 === 0 ? floor : floor + 1);
    return x.toFixed(0);
  }

  function localized(statement, field) {
    return (state.lang === "en" && statement[`${field}_en`]) || statement[field] || "";
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
    if (adaptive && !state.tiebreak) {
      if (!state.asked.includes(state.index)) state.asked.push(state.index);
      return go(data.dialogue.statement);
    }
    if (state.index + 1 < statements.length) { state.index += 1; render(); }
    else if (state.tiebreak) go(data.dialogue.result);
    else next(data.dialogue.statement);
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
    return { answers, important: [...state.important].filter(given), dealbreakers: [...state.dealbreakers].filter(given), parties: compared };
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
    const buttons = quiz.scale.labels[state.lang].map((label, code) =>
      button(label, () => answer(code), `answer${given === code ? " chosen" : ""}`));
    buttons.push(button(w("skip"), () => answer(null), `secondary${given === null ? " chosen" : ""}`));
    const info = ["explanation", "pro", "con"].filter((field) => localized(statement, field))
      .map((field) => [el("h2", { class: "small" }, w(field)), el("p", {}, localized(statement, field))]);
    return [
      el("p", { class: "progress", id: "progress" }, `${progress} · ${localized(statement, "theme")}`),
      el("progress", { max: statements.length, value: state.index + 1, "aria-labelledby": "progress" }),
      el("h1", { class: "statement" }, localized(statement, "text")),
      given !== undefined ? el("p", { class: "previous" }, w("your_answer", { answer: given === null ? w("skipped") : quiz.scale.labels[state.lang][given] })) : null,
      el("fieldset", { class: "answers" }, el("legend", { class: "visually-hidden" }, w("answer_group")), buttons),
      el("div", { class: "nav" }, button(`← ${w("back")}`, () => {
        const at = state.asked.includes(state.index) ? state.asked.indexOf(state.index) : state.asked.length;
        if (adaptive && !state.tiebreak) { if (at > 0) { state.index = state.asked[at - 1]; render(); } else previous(data.dialogue.statement); }
        else if (state.index > 0) { state.index -= 1; render(); } else if (state.tiebreak) go(data.dialogue.result);
        else previous(data.dialogue.statement);
      })),
      el("details", {}, el("summary", {}, w("more_info")), info.length ? info : el("p", {}, w("no_info"))),
      el("details", { class: "stances" }, el("summary", {}, w("what_parties")), stances(statement)),
    ];
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
        button(`← ${w("back")}`, () => { keep(); previous(data.dialogue.important); })),
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
        button(`← ${w("back")}`, () => previous(data.dialogue.parties))),
    ];
  }

  function percent(score) {
    return score === null ? "–" : `${whole(score)}%`;
  }

  function notes(result) {
    const ranked = result.results.filter((e) => e.rank !== null && e.score !== null);
    const lines = [];
    const tied = ranked.length >= 2 && ranked[0].rank === ranked[1].rank;
    if (result.results.length === 1) {
      const entry = result.results[0];
      lines.push(entry.score === null ? w("single_none", { party: entry.name }) : w("single", { party: entry.name, score: whole(entry.score) }));
    } else {
      const towns = new Set(result.results.map((e) => quiz.parties.find((p) => p.id === e.party).municipality));
      if (towns.size > 1 && !towns.has(null)) lines.push(w("comparison_only"));
      const stability = result.stability;
      const answered = Math.max(0, ...result.results.map((e) => e.coverage.answered));
      if (stability && stability.top_share !== null && ranked.length >= 2) {
        if (answered < data.rules.min_answers_for_stability) lines.push(w("stability_few", { k: data.rules.min_answers_for_stability }));
        else {
          const step = data.rules.stability_step;
          lines.push(tied ? w("stability_tie") : w("stability", { share: step * Math.round(100 * stability.top_share / step) }));
          const differ = Object.entries(stability.methods).filter(([, same]) => !same)
            .map(([name]) => data.methods.find((m) => m.name === name).label[state.lang]);
          if (Object.keys(stability.methods).length) lines.push(differ.length ? w("methods_differ", { methods: differ.join("; ") }) : w("methods_agree"));
        }
      }
    }
    if (result.results.some((e) => !e.ranked && e.score !== null && !e.excluded_by.length)) lines.push(w("unranked_rule", { share: `${whole(100 * result.min_coverage)}%` }));
    if (result.dealbreakers.length) {  // notes.dealbreaker_notes: the rule, and each mark that excludes nobody
      lines.push(w("dealbreaker_rule"));
      for (const id of result.dealbreakers) {
        const word = request().answers[id];
        const code = word === undefined || word === "skip" ? -1 : quiz.scale.options.indexOf(word);
        if (window.stemhulp.side(code, quiz.scale.options.length) === 0) lines.push(w("dealbreaker_idle", { n: statementNumber(id) }));
      }
    }
    for (const entry of result.results) {
      const profile = quiz.parties.find((p) => p.id === entry.party).profile;
      const silent = profile.stances < profile.statements;
      if (profile.same_option !== null && !(profile.flags.includes("evasive") && silent)) {
        lines.push(w("constant", { party: entry.name, option: quiz.scale.labels[state.lang][quiz.scale.options.indexOf(profile.same_option)] }));
      } else if (profile.flags.includes("evasive")) {
        lines.push(w("evasive", { party: entry.name, n: profile.statements, k: profile.statements - profile.stances + profile.neutral }));
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
  function excludedLines(result) {
    const word = (option) => (option === null ? "—" : quiz.scale.labels[state.lang][quiz.scale.options.indexOf(option)]);
    return result.results.filter((e) => e.excluded_by.length).map((entry) => w("excluded_line", {
      party: entry.name,
      statements: entry.excluded_by.map((id) => {
        const row = entry.statements.find((c) => c.statement === id);
        const statement = quiz.statements.find((s) => s.id === id);
        return w("excluded_statement", { n: statementNumber(id), text: localized(statement, "text"),
          answer: word(row ? row.answer : null), stance: word(row ? row.position : null) });
      }).join("; "),
    }));
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
      el("div", { class: "nav" }, button(`← ${w("back")}`, () => previous(data.dialogue.result)),
        button(w("restart"), () => { Object.assign(state, fresh()); render(); })),
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
    view.replaceChildren(...[state.step === null ? intro() : STEPS[state.step]()].flat(Infinity).filter(Boolean));
    const heading = view.querySelector("h1");
    if (heading && state.step !== null) {
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
    render();
  });
})();

// stemhulp's matcher in the browser: the JSON of POST /api/v1/match, computed from the tables the
// published site exports (methods, policies, stances, rules). Nothing here knows a method by name:
// a method or policy the data lacks is an error, never a fallback.
(function (root) {
  "use strict";

  // An invalid request: the problems and status of POST /api/v1/match's answer ({"error", "problems"}).
  class MatchError extends Error {
    constructor(problems, status = 422, error = "invalid_request") {
      super(problems.join("; "));
      this.problems = problems;
      this.status = status;
      this.error = error;
    }
  }

  // The server's keys (api.BODY_KEYS, named in its message) and the library's two more (stemhulp.match).
  const BODY_KEYS = ["answers", "dealbreakers", "important", "lang", "method", "missing", "municipality", "parties",
    "quiz", "salience", "version"];
  const LIBRARY_KEYS = ["weights", "min_coverage"];

  // Python's repr() of a JSON value, as the server's messages show values.
  function repr(value) {
    if (value === null || value === undefined) return "None";
    if (value === true) return "True";
    if (value === false) return "False";
    if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) < 1e16 ? String(value) : pyFloat(value);
    if (typeof value === "string") {
      const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
      const body = value.replace(/[\\\x00-\x1f\x7f]/g, (c) => ({ "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]
        || `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
      return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
    }
    if (Array.isArray(value)) return `[${value.map(repr).join(", ")}]`;
    return `{${Object.entries(value).map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(", ")}}`;
  }

  function pyFloat(x) {
    if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
    const text = String(x);
    return /[.e]/.test(text) ? text.replace(/e([+-])(\d)$/, "e$10$2") : `${text}.0`;
  }

  // formats.build.describe: lists and mappings by kind, scalars by repr.
  function describe(value) {
    if (value === null || value === undefined) return "nothing (null)";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "a mapping";
    return repr(value);
  }

  // An English message of the i18n table (the library's words, as texts.i18n.Phrase makes them).
  function phrase(data, key, values) {
    return data.words.en[key].replace(/\{(\w+)(!r)?\}/g, (all, name, asRepr) => (asRepr ? repr(values[name]) : String(values[name])));
  }

  // Python's str.casefold where it is not toLowerCase: ß, final sigma, the old Cyrillic letter forms,
  // Cherokee (folded to capitals) and the Greek iota subscript (ι).
  const CASEFOLD = { "ß": "ss", "ς": "σ", "ᲀ": "в", "ᲁ": "д", "ᲂ": "о", "ᲃ": "с", "ᲄ": "т", "ᲅ": "т", "ᲆ": "ъ", "ᲇ": "ѣ", "ᲈ": "ꙋ" };
  function casefold(text) {
    return text.toLowerCase().replace(/[ßςᲀ-ᲈ]/g, (c) => CASEFOLD[c])
      .replace(/[\uAB70-\uABBF]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xAB70 + 0x13A0))
      .replace(/[\u13F8-\u13FD]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 8))
      .normalize("NFD").replace(/\u0345/g, "ι");
  }

  // unicodedata.combining(c) != 0: a mark with a combining class, found by whether canonical ordering
  // moves it past a mark of class 1 (U+0334) or of class 230 (U+0301).
  function combining(c) {
    return (c + "\u0334").normalize("NFD") !== `${c}\u0334` || ("\u0301" + c).normalize("NFD") !== `\u0301${c}`;
  }

  // quiz.groups.fold: casefold, NFKD, combining marks removed, hyphens and runs of Python's whitespace as one space.
  function fold(text) {
    return casefold(text).normalize("NFKD").replace(/\p{M}/gu, (c) => (combining(c) ? "" : c)).replace(/[-_]/g, " ")
      .split(/[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter(Boolean).join(" ");
  }

  function normalWord(word) {
    return word.trim().toLowerCase().replace(/_/g, " ").split(/\s+/).filter(Boolean).join(" ");
  }

  // By name, and parties of the same name in the order given (ranking.competition_ranks).
  function byName(names) {
    return (a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b);
  }

  // Competition ranks (1, 1, 3): scores within the tie tolerance of a group's leader share a rank and
  // are ordered by name; unscored entries come last (rank null), by name. ranking.competition_ranks.
  function competitionRanks(scores, names, tolerance) {
    const scored = [];
    const unscored = [];
    scores.forEach((s, i) => (s === null || Number.isNaN(s) ? unscored : scored).push(i));
    unscored.sort(byName(names));
    scored.sort((a, b) => scores[b] - scores[a]);
    const out = [];
    let position = 0;
    while (position < scored.length) {
      const leader = scores[scored[position]];
      let end = position;
      while (end < scored.length && leader - scores[scored[end]] <= tolerance) end += 1;
      const group = scored.slice(position, end).sort(byName(names));
      for (const index of group) out.push([index, position + 1]);
      position = end;
    }
    for (const index of unscored) out.push([index, null]);
    return out;
  }

  // Ranked parties by rank, then unranked ones with a score, then those without, and last, in the
  // same order, the parties excluded by a deal-breaker (ranking.ranked_order).
  function rankedOrder(scores, names, ranked, tolerance, excluded) {
    const out = excluded || scores.map(() => false);
    const order = competitionRanks(scores.map((s, i) => (ranked[i] && !out[i] ? s : null)), names, tolerance)
      .filter(([, rank]) => rank !== null);
    const placed = new Set(order.map(([i]) => i));
    for (const group of [false, true]) {
      const rest = new Set(scores.map((s, i) => i).filter((i) => !placed.has(i) && out[i] === group));
      const others = scores.map((s, i) => (rest.has(i) ? s : null));
      for (const [i] of competitionRanks(others, names, tolerance)) if (rest.has(i)) order.push([i, null]);
    }
    return order;
  }

  // The side of an option code: the sign of its coordinate c/(k-1) - 0.5 (scale.coordinate); 0 for
  // the middle option and for -1 (skipped, no stance). A party is excluded by a deal-breaker where
  // the answer's side and its stance's side are opposite (matching.dealbreakers).
  function side(code, size) {
    return code < 0 ? 0 : Math.sign(code / (size - 1) - 0.5);
  }

  function lookup(list, name, what) {
    const found = list.find((entry) => entry.name === name);
    if (!found) {
      throw new MatchError([`unknown ${what} ${repr(name)}; choose one of ${repr(list.map((e) => e.name))}`]);
    }
    return found;
  }

  // The method's term and weight of every (statement, answer, party): T and W of engine.term_tables.
  function termTable(data, method, policy, salience, statements, columns) {
    const quiz = data.quiz;
    const fill = method.fills[policy.name];
    return (s, u, p) => {
      const column = columns[p];
      const stance = quiz.stances[statements[s]][column];
      let term, weight;
      if (stance >= 0) {
        term = method.terms[u][stance];
        weight = 1.0;
      } else {
        term = fill.terms[u];
        weight = fill.weights[u];
      }
      if (salience) weight *= quiz.salience[statements[s]][column];
      return [term, weight];
    };
  }

  // One score 0–100 from a weighted sum of terms and of weights (engine._finish); null: nothing to compare.
  function finish(numerator, denominator, root) {
    if (!(denominator > 0)) return null;
    let mean = numerator / denominator;
    mean = Math.min(1, Math.max(0, mean));
    if (root) mean = Math.sqrt(mean);
    return (1.0 - mean) * 100.0;
  }

  // Per answered statement j and party p: the weighted term W·T and the weight W, flat [j · parties + p].
  function columnsFor(table, answered, parties) {
    const terms = new Float64Array(answered.length * parties);
    const weights = new Float64Array(answered.length * parties);
    answered.forEach(({ s, u }, j) => {
      for (let p = 0; p < parties; p++) {
        const [term, weight] = table(s, u, p);
        terms[j * parties + p] = weight * term;
        weights[j * parties + p] = weight;
      }
    });
    return { terms, weights, parties };
  }

  // Scores of every party under per-statement weights (one per answered statement): engine.methods_scores.
  function scoresFor(columns, statementWeights, root) {
    const parties = columns.parties;
    const numerators = new Float64Array(parties);
    const denominators = new Float64Array(parties);
    for (let j = 0; j < statementWeights.length; j++) {
      const w = statementWeights[j];
      if (w === 0) continue;
      const base = j * parties;
      for (let p = 0; p < parties; p++) {
        numerators[p] += columns.terms[base + p] * w;
        denominators[p] += columns.weights[base + p] * w;
      }
    }
    return Array.from(numerators, (numerator, p) => finish(numerator, denominators[p], root));
  }

  function topSet(scores, ranked, tolerance) {
    let best = -Infinity;
    scores.forEach((s, p) => {
      if (ranked[p] && s !== null && s > best) best = s;
    });
    return scores.map((s, p) => ranked[p] && s !== null && best > -Infinity && s >= best - tolerance);
  }

  // formats.answers.check_ids: a list of ids (text or whole numbers); its problems, located like the server's.
  function idProblems(data, value, known, key, kind, allowEmpty = true) {
    const at = (i) => `body: ${key}[${i}]`;
    const many = kind === "statement" ? "err_statement_ids" : "err_party_ids";
    if (!Array.isArray(value)) {
      return [phrase(data, "err_ids_not_list", { at: `body: ${key}`, label: key, what: data.words.en[many], got: describe(value) })];
    }
    const wrong = value.map((v, i) => (typeof v === "string" || Number.isInteger(v) ? null
      : phrase(data, "err_id_type", { at: at(i), label: key, got: describe(v) }))).filter(Boolean);
    if (wrong.length) return wrong;
    const what = data.words.en[kind === "statement" ? "err_statement_id" : "err_party_id"];
    const problems = value.map(String).map((id, i) => (known.has(id) ? null : phrase(data, "err_unknown_id", { at: at(i), what, id })))
      .filter(Boolean);
    if (!value.length && !allowEmpty) problems.push(phrase(data, "err_parties_empty", { at: `body: ${key}` }));
    return problems;
  }

  // matching.facade.municipality_parties: the parties of a municipality (names compared folded).
  function municipalityParties(quiz, municipality, parties) {
    if (municipality === undefined || municipality === null) return parties;
    if (typeof municipality !== "string") throw new MatchError([`municipality: expected a name, got ${repr(municipality)}`]);
    const wanted = fold(municipality);
    const folded = new Map(quiz.municipalities.map((m) => [m.name, m.folded]));
    const found = quiz.parties.filter((p) => p.municipality && folded.get(p.municipality) === wanted).map((p) => p.id);
    if (!found.length) {
      throw new MatchError([`municipality: unknown municipality ${repr(municipality)}; this quiz has ${repr(quiz.municipalities.map((m) => m.name))}`]);
    }
    if (parties === undefined || parties === null) return found;
    const chosen = typeof parties === "string" ? [parties] : [...parties];
    const outside = chosen.filter((p) => !found.includes(p));
    if (outside.length) throw new MatchError([`parties: ${repr(outside)} do not stand in ${repr(municipality)}; its parties are ${repr(found)}`]);
    return chosen;
  }

  // The checks POST /api/v1/match makes before matching, in its order and words: the body, the
  // method and policy, the municipality; then every problem of the answers document at once.
  function checkRequest(data, request) {
    const quiz = data.quiz;
    if (request === null || typeof request !== "object" || Array.isArray(request)) {
      throw new MatchError(["body: expected a JSON object with an 'answers' key"]);
    }
    const unknown = Object.keys(request).filter((key) => !BODY_KEYS.includes(key) && !LIBRARY_KEYS.includes(key)).sort();
    if (unknown.length) throw new MatchError([`body: unknown key ${repr(unknown[0])}; the keys are ${BODY_KEYS.join(", ")}`]);
    const salience = request.salience === undefined ? false : request.salience;
    if (typeof salience !== "boolean") throw new MatchError([`body / salience: expected true or false, got ${repr(salience)}`]);
    const methodName = request.method === undefined ? data.defaults.method : request.method;
    const policyName = request.missing === undefined ? data.defaults.missing : request.missing;
    if (typeof methodName !== "string" || typeof policyName !== "string") {
      throw new MatchError([`method, missing: expected names, got ${repr(methodName)}, ${repr(policyName)}`]);
    }
    const method = lookup(data.methods, methodName, "method");
    const policy = lookup(data.policies, policyName, "missing-stance policy");
    if (!method.fits) {
      throw new MatchError([`method ${repr(method.name)} is defined for 3-point scales only; this quiz has ${quiz.scale.options.length} options (use 'cityblock', which equals it on 3-point scales)`]);
    }
    const parties = municipalityParties(quiz, request.municipality, request.parties);
    if (!("answers" in request)) throw new MatchError([phrase(data, "err_answers_missing", { at: "body" })]);
    const index = new Map(quiz.statements.map((s, i) => [s.id, i]));
    const problems = [];
    const answers = request.answers;
    const codes = quiz.statements.map(() => -1);
    if (answers === null || typeof answers !== "object" || Array.isArray(answers)) {
      problems.push(phrase(data, "err_answers_shape", { at: "body: answers", got: describe(answers) }));
    } else {
      for (const [id, word] of Object.entries(answers)) {
        const at = `body: answers.${id}`;
        const code = typeof word === "string" ? quiz.scale.words[normalWord(word)] : undefined;
        if (!index.has(id)) problems.push(phrase(data, "err_unknown_statement", { at, id }));
        else if (word === null) problems.push(phrase(data, "err_empty_answer", { at, id }));
        else if (code === undefined) problems.push(phrase(data, "err_bad_answer", { at, id, word, words: repr(quiz.scale.accepted) }));
        else codes[index.get(id)] = code === null ? -1 : code;
      }
    }
    const important = request.important === undefined ? [] : request.important;
    const dealbreakers = request.dealbreakers === undefined ? [] : request.dealbreakers;
    problems.push(...idProblems(data, important, index, "important", "statement"));
    problems.push(...idProblems(data, dealbreakers, index, "dealbreakers", "statement"));
    const partyIds = new Set(quiz.parties.map((p) => p.id));
    if (parties !== undefined && parties !== null) problems.push(...idProblems(data, parties, partyIds, "parties", "party", false));
    if (request.quiz !== undefined && request.quiz !== null && String(request.quiz) !== quiz.id) {
      problems.push(phrase(data, "err_other_quiz", { at: "body: quiz", theirs: String(request.quiz), ours: quiz.id }));
    }
    if (problems.length) throw new MatchError(problems);
    return { method, policy, salience, codes, important: new Set(important.map(String)), dealbreakers: [...new Set(dealbreakers.map(String))],
      parties: parties === undefined || parties === null ? quiz.parties.map((p) => p.id) : [...new Set(parties.map(String))] };
  }

  // The request as codes: per statement (main, then tie-break) the option code, -1 when not answered;
  // with the library's statement weights and coverage share (stemhulp.match's keywords).
  function readRequest(data, request) {
    const checked = checkRequest(data, request);
    const quiz = data.quiz;
    const index = new Map(quiz.statements.map((s, i) => [s.id, i]));
    const weights = quiz.statements.map((s) => {
      const w = request.weights === undefined || request.weights === null ? 1.0 : request.weights[s.id];
      return w === undefined ? 1.0 : w;
    });
    if (weights.some((w) => typeof w !== "number" || !(w >= 0) || !Number.isFinite(w))) {
      throw new MatchError(["body / weights: a weight must be a non-negative number"]);
    }
    if (request.weights) {
      for (const id of Object.keys(request.weights)) {
        if (!index.has(id)) throw new MatchError([`body / weights / ${id}: unknown statement id ${repr(id)}`]);
      }
    }
    const minCoverage = request.min_coverage === undefined ? data.defaults.min_coverage : request.min_coverage;
    if (typeof minCoverage !== "number" || !(minCoverage >= 0 && minCoverage <= 1)) {
      throw new MatchError([`min_coverage must be a share between 0 and 1, got ${repr(minCoverage)}`]);
    }
    return { ...checked, weights, minCoverage };
  }

  // The firmness of the top advice (stability.assess): see stability.js.
  function stabilityOf(data, context) {
    const assess = root.stemhulp && root.stemhulp.stability;
    if (!assess) throw new MatchError(["the stability figure needs stability.js"]);
    return assess(data, context);
  }

  function match(data, request) {
    const quiz = data.quiz;
    const rules = data.rules;
    const { method, policy, codes, important, dealbreakers, parties, weights, salience, minCoverage } = readRequest(data, request);
    const partyIndex = new Map(quiz.parties.map((p, i) => [p.id, i]));
    const columns = parties.map((id) => partyIndex.get(id));
    const all = quiz.statements.map((s, i) => i);
    const table = termTable(data, method, policy, salience, all, columns);
    const answered = [];
    codes.forEach((u, s) => {
      if (u >= 0) answered.push({ s, u });
    });
    const userWeights = answered.map(({ s }) => weights[s] * (important.has(quiz.statements[s].id) ? 2.0 : 1.0));
    const own = columnsFor(table, answered, parties.length);
    const totals = scoresFor(own, userWeights, method.root);
    const themes = [...new Set(answered.map(({ s }) => quiz.statements[s].theme))];
    const themeScores = themes.map((theme) => scoresFor(own,
      answered.map(({ s }, j) => (quiz.statements[s].theme === theme ? userWeights[j] : 0)), method.root));
    const counted = answered.filter(({ s }) => weights[s] > 0);
    const withStance = columns.map((c) => counted.filter(({ s }) => quiz.stances[s][c] >= 0).length);
    const size = quiz.scale.options.length;
    const marked = new Set(dealbreakers);
    const excludedBy = columns.map((c) => quiz.statements
      .filter((statement, s) => marked.has(statement.id) && side(codes[s], size) * side(quiz.stances[s][c], size) < 0)
      .map((statement) => statement.id));
    const excluded = excludedBy.map((ids) => ids.length > 0);
    const ranked = totals.map((score, p) => counted.length > 0 && withStance[p] >= minCoverage * counted.length - rules.coverage_slack && score !== null && !excluded[p]);
    const names = columns.map((c) => quiz.parties[c].label);
    const options = quiz.scale.options;
    const results = rankedOrder(totals, names, ranked, rules.tie_tolerance, excluded).map(([p, rank]) => {
      const c = columns[p];
      const party = quiz.parties[c];
      const statements = [];
      quiz.statements.forEach((statement, s) => {
        const u = codes[s];
        if (u < 0 && statement.tiebreak) return;
        const stance = quiz.stances[s][c];
        statements.push({
          statement: statement.id,
          theme: statement.theme,
          answer: u >= 0 ? options[u] : null,
          important: important.has(statement.id),
          position: stance >= 0 ? options[stance] : null,
          agreement: quiz.scale.agreement[u + 1][stance + 1],
          quote: quiz.quotes[s][c],
          source: quiz.sources[s][c],
        });
      });
      const themeMap = {};
      themes.forEach((theme, t) => {
        themeMap[theme] = themeScores[t][p];
      });
      return {
        party: party.id,
        name: party.label,
        score: totals[p],
        rank,
        coverage: { answered: counted.length, with_stance: withStance[p], share: counted.length ? withStance[p] / counted.length : null },
        themes: themeMap,
        statements,
        ranked: ranked[p],
        unranked_reason: ranked[p] ? null : excluded[p] ? data.unranked.dealbreaker
          : totals[p] === null ? data.unranked.nothing_to_compare : data.unranked.few_stances,
        flags: party.flags.slice(),
        excluded_by: excludedBy[p],
      };
    });
    const stability = stabilityOf(data, {
      method, ranked, answered, own, userWeights,
      columnsOf: (other) => columnsFor(termTable(data, other, policy, salience, all, columns), answered, parties.length),
    });
    return {
      quiz: quiz.id,
      method: method.name,
      missing: policy.name,
      salience,
      results,
      dealbreakers,
      excluded: results.filter((entry) => entry.excluded_by.length).map((entry) => entry.party),
      min_coverage: minCoverage,
      stability,
      provenance: {
        stemhulp: data.stemhulp,
        quiz: quiz.id,
        quiz_fingerprint: quiz.fingerprint,
        seed: stability.seed,
        settings: { method: method.name, missing: policy.name, salience, min_coverage: minCoverage },
      },
    };
  }

  const api = (root.stemhulp = root.stemhulp || {});
  Object.assign(api, { MatchError, fold, repr, checkRequest, competitionRanks, rankedOrder, side, readRequest, termTable, columnsFor, scoresFor, topSet });
  api.matchWith = match;
  api.match = (request) => match(root.STEMHULP_DATA, request);
})(typeof window !== "undefined" ? window : globalThis);

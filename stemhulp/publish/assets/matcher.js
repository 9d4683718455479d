// stemhulp's matcher in the browser: the JSON of POST /api/v1/match, computed from the tables the
// published site exports (methods, policies, stances, rules). Nothing here knows a method by name:
// a method or policy the data lacks is an error, never a fallback.
(function (root) {
  "use strict";

  class MatchError extends Error {
    constructor(problems) {
      super(problems.join("; "));
      this.problems = problems;
    }
  }

  const BODY_KEYS = ["answers", "important", "dealbreakers", "parties", "municipality", "quiz", "method", "missing",
    "salience", "lang", "version", "weights", "min_coverage"];

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/[-_]/g, " ")
      .split(/\s+/).filter(Boolean).join(" ");
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
      throw new MatchError([`unknown ${what} ${JSON.stringify(name)}; choose one of ${JSON.stringify(list.map((e) => e.name))}`]);
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

  function checkIds(value, known, where, what) {
    if (!Array.isArray(value)) throw new MatchError([`${where}: expected a list of ${what} ids`]);
    const unknown = value.filter((id) => typeof id !== "string" || !known.has(id));
    if (unknown.length) throw new MatchError([`${where}: unknown ${what} id ${JSON.stringify(unknown[0])}`]);
    return value;
  }

  function municipalityParties(quiz, municipality, parties) {
    if (municipality === undefined || municipality === null) return parties;
    if (typeof municipality !== "string") throw new MatchError([`municipality: expected a name, got ${JSON.stringify(municipality)}`]);
    const wanted = fold(municipality);
    const found = quiz.parties.filter((p) => p.municipality && fold(p.municipality) === wanted).map((p) => p.id);
    if (!found.length) throw new MatchError([`municipality: unknown municipality ${JSON.stringify(municipality)}`]);
    if (parties === undefined || parties === null) return found;
    const outside = parties.filter((p) => !found.includes(p));
    if (outside.length) throw new MatchError([`parties: ${JSON.stringify(outside)} do not stand in ${JSON.stringify(municipality)}`]);
    return parties;
  }

  // The request as codes: per statement (main, then tie-break) the option code, -1 when not answered.
  function readRequest(data, request) {
    const quiz = data.quiz;
    if (request === null || typeof request !== "object" || Array.isArray(request)) {
      throw new MatchError(["body: expected a JSON object with an 'answers' key"]);
    }
    const unknown = Object.keys(request).filter((key) => !BODY_KEYS.includes(key)).sort();
    if (unknown.length) throw new MatchError([`body: unknown key ${JSON.stringify(unknown[0])}`]);
    if (request.quiz !== undefined && request.quiz !== quiz.id) {
      throw new MatchError([`body / quiz: these answers are for quiz ${JSON.stringify(request.quiz)}, not ${JSON.stringify(quiz.id)}`]);
    }
    const answers = request.answers;
    if (answers === null || typeof answers !== "object" || Array.isArray(answers)) {
      throw new MatchError(["body / answers: expected a mapping of statement id to answer"]);
    }
    const index = new Map(quiz.statements.map((s, i) => [s.id, i]));
    const codes = quiz.statements.map(() => -1);
    for (const [id, word] of Object.entries(answers)) {
      if (!index.has(id)) throw new MatchError([`body / answers / ${id}: unknown statement id ${JSON.stringify(id)}`]);
      const code = typeof word === "string" ? quiz.scale.words[normalWord(word)] : undefined;
      if (code === undefined) throw new MatchError([`body / answers / ${id}: unknown answer ${JSON.stringify(word)}`]);
      codes[index.get(id)] = code === null ? -1 : code;
    }
    const important = new Set(checkIds(request.important === undefined ? [] : request.important, index, "body / important", "statement"));
    const dealbreakers = [...new Set(checkIds(request.dealbreakers === undefined ? [] : request.dealbreakers, index, "body / dealbreakers", "statement"))];
    const partyIds = new Set(quiz.parties.map((p) => p.id));
    let parties = request.parties === undefined || request.parties === null ? null : checkIds(request.parties, partyIds, "body / parties", "party");
    if (parties !== null && !parties.length) throw new MatchError(["body / parties: choose at least one party"]);
    parties = municipalityParties(quiz, request.municipality, parties);
    parties = parties === null ? quiz.parties.map((p) => p.id) : [...new Set(parties)];
    const weights = quiz.statements.map((s) => {
      const w = request.weights === undefined || request.weights === null ? 1.0 : request.weights[s.id];
      return w === undefined ? 1.0 : w;
    });
    if (weights.some((w) => typeof w !== "number" || !(w >= 0) || !Number.isFinite(w))) {
      throw new MatchError(["body / weights: a weight must be a non-negative number"]);
    }
    if (request.weights) {
      for (const id of Object.keys(request.weights)) {
        if (!index.has(id)) throw new MatchError([`body / weights / ${id}: unknown statement id ${JSON.stringify(id)}`]);
      }
    }
    const salience = request.salience === undefined ? false : request.salience;
    if (typeof salience !== "boolean") throw new MatchError([`body / salience: expected true or false, got ${JSON.stringify(salience)}`]);
    const minCoverage = request.min_coverage === undefined ? data.defaults.min_coverage : request.min_coverage;
    if (typeof minCoverage !== "number" || !(minCoverage >= 0 && minCoverage <= 1)) {
      throw new MatchError([`min_coverage must be a share between 0 and 1, got ${JSON.stringify(minCoverage)}`]);
    }
    return { codes, important, dealbreakers, parties, weights, salience, minCoverage };
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
    const method = lookup(data.methods, request && request.method !== undefined ? request.method : data.defaults.method, "method");
    const policy = lookup(data.policies, request && request.missing !== undefined ? request.missing : data.defaults.missing, "missing-stance policy");
    if (!method.fits) {
      throw new MatchError([`method ${JSON.stringify(method.name)} is defined for 3-point scales only; this quiz has ${quiz.scale.options.length} options`]);
    }
    const { codes, important, dealbreakers, parties, weights, salience, minCoverage } = readRequest(data, request);
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
  Object.assign(api, { MatchError, fold, competitionRanks, rankedOrder, side, readRequest, termTable, columnsFor, scoresFor, topSet });
  api.matchWith = match;
  api.match = (request) => match(root.STEMHULP_DATA, request);
})(typeof window !== "undefined" ? window : globalThis);

// The adaptive quiz in the browser: stemhulp.matching.adaptive.next_statement, the same model, choice
// and stop verdict. The voter is taken to answer like one of the compared parties with noise: answer a
// to statement s, given party p, has probability ∝ exp(−β·W·T) (the method's own term and weight);
// the next statement is the unasked main statement whose answer tells most about the party (mutual
// information), the earlier one of a tie; the quiz may stop when enough statements have a real answer
// and the top advice's stability reaches the threshold (the figure stemhulp.match gives).
(function (root) {
  "use strict";

  // P(answer | party) of one statement: likelihood[a][p], each column summing to 1 over the answers.
  function likelihoods(table, s, options, parties, beta) {
    const rows = [];
    for (let a = 0; a < options; a++) {
      const row = new Float64Array(parties);
      for (let p = 0; p < parties; p++) {
        const [term, weight] = table(s, a, p);
        row[p] = Math.exp(-beta * weight * term);
      }
      rows.push(row);
    }
    for (let p = 0; p < parties; p++) {
      let total = 0;
      for (let a = 0; a < options; a++) total += rows[a][p];
      for (let a = 0; a < options; a++) rows[a][p] /= total;
    }
    return rows;
  }

  // What each statement's answer tells about the party, given the answers so far (adaptive.information).
  function information(codes, weights, tables, parties) {
    const evidence = new Float64Array(parties);
    codes.forEach((u, s) => {
      if (u < 0) return;
      for (let p = 0; p < parties; p++) evidence[p] += weights[s] * Math.log(tables[s][u][p]);
    });
    const most = Math.max(...evidence);
    const belief = Array.from(evidence, (e) => Math.exp(e - most));
    const total = belief.reduce((a, b) => a + b, 0);
    for (let p = 0; p < parties; p++) belief[p] /= total;
    return tables.map((rows) => {
      let spread = 0;
      for (const row of rows) {
        let predicted = 0;
        for (let p = 0; p < parties; p++) predicted += belief[p] * row[p];
        spread -= predicted * Math.log(Math.max(predicted, 1e-300));
      }
      let own = 0;
      for (let p = 0; p < parties; p++) {
        let entropy = 0;
        for (const row of rows) entropy -= row[p] * Math.log(row[p]);
        own += belief[p] * entropy;
      }
      return spread - own;
    });
  }

  // The verdict of next_statement for a match request (its answers, important, parties, method, missing).
  function nextStatement(data, request) {
    const api = root.stemhulp;
    const quiz = data.quiz;
    const rule = data.adaptive;
    const result = api.matchWith(data, request); // checks the request; its stability is the stop's figure
    const method = data.methods.find((m) => m.name === result.method);
    const policy = data.policies.find((p) => p.name === result.missing);
    const { codes, important, parties } = api.readRequest(data, request);
    const partyIndex = new Map(quiz.parties.map((p, i) => [p.id, i]));
    const columns = parties.map((id) => partyIndex.get(id));
    const all = quiz.statements.map((s, i) => i);
    const table = api.termTable(data, method, policy, result.salience, all, columns);
    const options = quiz.scale.options.length;
    const tables = all.map((s) => likelihoods(table, s, options, columns.length, rule.beta));
    const weights = quiz.statements.map((s) => (important.has(s.id) ? 2.0 : 1.0));
    const gain = information(codes, weights, tables, columns.length);
    const asked = new Set(Object.keys(request.answers));
    let best = -Infinity;
    all.forEach((s) => {
      if (!quiz.statements[s].tiebreak && !asked.has(quiz.statements[s].id)) best = Math.max(best, gain[s]);
    });
    const open = all.filter((s) => !quiz.statements[s].tiebreak && !asked.has(quiz.statements[s].id));
    const picked = open.find((s) => gain[s] >= best - rule.tie);
    const answered = codes.filter((u) => u >= 0).length;
    const share = result.stability.top_share;
    let reason;
    if (picked === undefined) reason = rule.reasons.all_asked;
    else if (answered < rule.min_answers) reason = rule.reasons.too_few;
    else if (share !== null && share >= rule.stop_share) reason = rule.reasons.firm;
    else reason = rule.reasons.not_firm;
    return {
      statement: picked === undefined ? null : quiz.statements[picked].id,
      stop: reason === rule.reasons.firm || reason === rule.reasons.all_asked,
      reason,
      top_share: share,
      answered,
      remaining: open.length,
    };
  }

  const api = (root.stemhulp = root.stemhulp || {});
  api.nextStatementWith = nextStatement;
  api.nextStatement = (request) => nextStatement(root.STEMHULP_DATA, request);
})(typeof window !== "undefined" ? window : globalThis);

// The stability figure of stemhulp.matching.stability.assess, drawn exactly as Python draws it: fixed
// counter-based draws (draw c of r·answered + j picks ⌊mix32(c·GOLDEN + seed) · answered / 2³²⌋, with
// MurmurHash3's 32-bit finaliser), so the browser's figure is the same number, not an estimate of it.
(function (root) {
  "use strict";

  // MurmurHash3's 32-bit finaliser, as stability.mix32.
  function mix32(x) {
    x = (x ^ (x >>> 16)) >>> 0;
    x = Math.imul(x, 0x85ebca6b) >>> 0;
    x = (x ^ (x >>> 13)) >>> 0;
    x = Math.imul(x, 0xc2b2ae35) >>> 0;
    return (x ^ (x >>> 16)) >>> 0;
  }

  // How often each of `answered` statements is drawn in resample r, into `counts` (stability.resample_counts).
  function resampleCounts(rules, answered, r, counts) {
    counts.fill(0);
    for (let j = 0; j < answered; j++) {
      const hashed = mix32((Math.imul(r * answered + j, rules.draws_golden) + rules.draws_seed) >>> 0);
      counts[Math.floor((hashed * answered) / 0x100000000)] += 1; // below 2**53: exact
    }
  }

  function sameSets(a, b) {
    return a.every((value, i) => value === b[i]);
  }

  function assess(data, context) {
    const { method, ranked, answered, own, userWeights } = context;
    const api = root.stemhulp;
    const rules = data.rules;
    const tolerance = rules.tie_tolerance;
    const resamples = rules.resamples;
    const seed = rules.draws_seed;
    const top = api.topSet(api.scoresFor(own, userWeights, method.root), ranked, tolerance);
    if (!top.some(Boolean)) {
      return { top_share: null, resamples, seed, methods: {}, methods_agree: true };
    }
    const methods = {};
    for (const other of data.methods.filter((m) => m.name !== method.name && m.fits)) {
      const scores = api.scoresFor(context.columnsOf(other), userWeights, other.root);
      methods[other.name] = sameSets(api.topSet(scores, ranked, tolerance), top);
    }
    const drawn = answered.map((entry, j) => j).filter((j) => userWeights[j] > 0);
    const counts = new Float64Array(drawn.length);
    const sampled = new Float64Array(answered.length);
    const topSize = top.filter(Boolean).length;
    const shares = new Float64Array(resamples);
    for (let r = 0; r < resamples; r++) {
      resampleCounts(rules, drawn.length, r, counts);
      drawn.forEach((j, i) => {
        sampled[j] = counts[i] * userWeights[j];
      });
      const tops = api.topSet(api.scoresFor(own, sampled, method.root), ranked, tolerance);
      let size = 0;
      let kept = 0;
      tops.forEach((isTop, p) => {
        if (isTop) {
          size += 1;
          if (top[p]) kept += 1;
        }
      });
      shares[r] = kept / Math.max(size, 1);
    }
    const stays = pairwiseSum(shares) / resamples / topSize;
    return { top_share: stays, resamples, seed, methods, methods_agree: Object.values(methods).every(Boolean) };
  }

  // numpy's pairwise summation of a float64 array (blocks of 128 summed 8-wise), so the sum is the same bits.
  function pairwiseSum(values, start = 0, n = values.length) {
    if (n < 8) {
      let sum = -0.0;
      for (let i = start; i < start + n; i++) sum += values[i];
      return sum;
    }
    if (n <= 128) {
      const r = values.slice(start, start + 8);
      let i = 8;
      for (; i < n - (n % 8); i += 8) for (let k = 0; k < 8; k++) r[k] += values[start + i + k];
      let sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) sum += values[start + i];
      return sum;
    }
    let half = Math.floor(n / 2);
    half -= half % 8;
    return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, n - half);
  }

  const api = (root.stemhulp = root.stemhulp || {});
  Object.assign(api, { stability: assess, mix32, resampleCounts });
})(typeof window !== "undefined" ? window : globalThis);

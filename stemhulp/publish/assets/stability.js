// The stability figure of stemhulp.stability.assess, drawn exactly as Python draws it: the seed is 32
// bits of the SHA-256 of the answers, and the resamples come from numpy's default_rng(seed).integers:
// SeedSequence → PCG64 (XSL-RR, 128-bit LCG) → Lemire's bounded 32-bit integers. Same draws, same figure.
(function (root) {
  "use strict";

  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);

  // SHA-256 (FIPS 180-4) of a byte array: the first four bytes of the digest, as Python's
  // int.from_bytes(digest[:4], "big"). Synchronous, unlike the browser's crypto.subtle.
  function sha256First32(bytes) {
    const length = bytes.length;
    const blocks = Math.ceil((length + 9) / 64);
    const message = new Uint8Array(blocks * 64);
    message.set(bytes);
    message[length] = 0x80;
    const view = new DataView(message.buffer);
    view.setUint32(message.length - 8, Math.floor(length / 0x20000000));
    view.setUint32(message.length - 4, (length * 8) >>> 0);
    const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    const w = new Uint32Array(64);
    const rotr = (x, n) => (x >>> n) | (x << (32 - n));
    for (let block = 0; block < blocks; block++) {
      for (let i = 0; i < 16; i++) w[i] = view.getUint32(block * 64 + i * 4);
      for (let i = 16; i < 64; i++) {
        const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
      }
      let [a, b, c, d, e, f, g, hh] = h;
      for (let i = 0; i < 64; i++) {
        const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      [a, b, c, d, e, f, g, hh].forEach((value, i) => { h[i] = (h[i] + value) >>> 0; });
    }
    return h[0];
  }

  // stability.answers_seed: the row as little-endian int64, then the weights as float64.
  function answersSeed(codes, weights) {
    const view = new DataView(new ArrayBuffer(16 * codes.length));
    codes.forEach((code, i) => view.setBigInt64(8 * i, BigInt(code), true));
    weights.forEach((weight, i) => view.setFloat64(8 * (codes.length + i), weight, true));
    return sha256First32(new Uint8Array(view.buffer));
  }

  // 128-bit numbers as eight 16-bit limbs, least significant first: every partial product and
  // carry stays an exact integer in a double, with no BigInt in the hot loop.
  function limbs(value) {
    return Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(16 * i)) & 0xffffn));
  }

  const MULTIPLIER = Float64Array.from(limbs((2549297995355413924n << 64n) + 4865540595714422341n));

  // state · MULTIPLIER + increment, modulo 2**128 (the PCG64 step), in place; `product` is scratch space.
  const product = new Float64Array(8);
  function step(state, increment) {
    product.fill(0);
    for (let i = 0; i < 8; i++) {
      const limb = state[i];
      for (let j = 0; i + j < 8; j++) product[i + j] += limb * MULTIPLIER[j];
    }
    let carry = 0;
    for (let k = 0; k < 8; k++) {
      const sum = product[k] + increment[k] + carry;
      carry = Math.floor(sum / 0x10000);
      state[k] = sum - carry * 0x10000;
    }
  }

  // numpy's SeedSequence(seed).generate_state(4, uint64) for a seed below 2**32 (pool of four words).
  function seedState(seed) {
    const mul = (a, b) => Math.imul(a, b) >>> 0;
    let hashConst = 0x43b0d7e5;
    const hashmix = (value) => {
      value = (value ^ hashConst) >>> 0;
      hashConst = mul(hashConst, 0x931e8875);
      value = mul(value, hashConst);
      return (value ^ (value >>> 16)) >>> 0;
    };
    const mix = (x, y) => {
      const result = (mul(0xca01f9dd, x) - mul(0x4973f715, y)) >>> 0;
      return (result ^ (result >>> 16)) >>> 0;
    };
    const pool = [hashmix(seed >>> 0), hashmix(0), hashmix(0), hashmix(0)];
    for (let src = 0; src < 4; src++) {
      for (let dst = 0; dst < 4; dst++) if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
    let constB = 0x8b51f9dd;
    const words = [];
    for (let i = 0; i < 8; i++) {
      let value = (pool[i % 4] ^ constB) >>> 0;
      constB = mul(constB, 0x58f38ded);
      value = mul(value, constB);
      words.push((value ^ (value >>> 16)) >>> 0);
    }
    return [0, 1, 2, 3].map((i) => (BigInt(words[2 * i + 1]) << 32n) | BigInt(words[2 * i]));
  }

  // numpy's PCG64 (XSL-RR output) seeded from `seed`, giving 32-bit words as numpy's next_uint32
  // does: the low half of a 64-bit output first, the high half kept for the next call.
  function pcg64(seed) {
    const [s0, s1, i0, i1] = seedState(seed);
    const increment = Float64Array.from(limbs(((((i0 << 64n) | i1) << 1n) | 1n) & ((1n << 128n) - 1n)));
    const state = new Float64Array(8);
    step(state, increment);
    const start = limbs((s0 << 64n) | s1);
    let carry = 0;
    for (let k = 0; k < 8; k++) {
      const sum = state[k] + start[k] + carry;
      state[k] = sum % 0x10000;
      carry = Math.floor(sum / 0x10000);
    }
    step(state, increment);
    return words(state, increment);
  }

  function words(state, increment) {
    let kept = -1;
    return () => {
      if (kept >= 0) {
        const value = kept;
        kept = -1;
        return value;
      }
      step(state, increment);
      let low = ((state[0] ^ state[4]) | ((state[1] ^ state[5]) << 16)) >>> 0;
      let high = ((state[2] ^ state[6]) | ((state[3] ^ state[7]) << 16)) >>> 0;
      let rotation = state[7] >>> 10;
      if (rotation >= 32) {
        [low, high] = [high, low];
        rotation -= 32;
      }
      if (rotation > 0) {
        [low, high] = [((low >>> rotation) | (high << (32 - rotation))) >>> 0, ((high >>> rotation) | (low << (32 - rotation))) >>> 0];
      }
      kept = high;
      return low;
    };
  }

  // Generator.integers(0, n): Lemire's bounded method on 32-bit words (numpy's buffered_bounded_lemire_uint32).
  function bounded(next, n) {
    if (n === 1) return () => 0;
    const threshold = (0x100000000 - n) % n; // (UINT32_MAX - rng) % rng_excl with rng = n - 1
    return () => {
      for (;;) {
        const product = next() * n; // below 2**53 for any quiz length: exact
        const leftover = product % 0x100000000;
        if (leftover >= threshold) return Math.floor(product / 0x100000000);
      }
    };
  }

  function sameSets(a, b) {
    return a.every((value, i) => value === b[i]);
  }

  function assess(data, context) {
    const { method, codes, ranked, answered, own, userWeights, weights } = context;
    const api = root.stemhulp;
    const tolerance = data.rules.tie_tolerance;
    const resamples = data.rules.resamples;
    const seed = answersSeed(codes, weights);
    const others = data.methods.filter((m) => m.name !== method.name && m.fits);
    const top = api.topSet(api.scoresFor(own, userWeights, method.root), ranked, tolerance);
    if (!top.some(Boolean)) {
      return { top_share: null, resamples, seed, methods: {}, methods_agree: true };
    }
    const methods = {};
    for (const other of others) {
      const scores = api.scoresFor(context.columnsOf(other), userWeights, other.root);
      methods[other.name] = sameSets(api.topSet(scores, ranked, tolerance), top);
    }
    const drawn = answered.map((entry, j) => j).filter((j) => userWeights[j] > 0);
    const draw = bounded(pcg64(seed), drawn.length);
    const counts = new Float64Array(answered.length);
    const sampled = new Float64Array(answered.length);
    const topSize = top.filter(Boolean).length;
    const shares = new Float64Array(resamples);
    for (let r = 0; r < resamples; r++) {
      counts.fill(0);
      for (let i = 0; i < drawn.length; i++) counts[drawn[draw()]] += 1;
      for (let j = 0; j < answered.length; j++) sampled[j] = counts[j] * userWeights[j];
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
    const agree = Object.values(methods).every(Boolean);
    return { top_share: stays, resamples, seed, methods, methods_agree: agree };
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
  Object.assign(api, { stability: assess, answersSeed, pcg64, bounded, seedState });
})(typeof window !== "undefined" ? window : globalThis);

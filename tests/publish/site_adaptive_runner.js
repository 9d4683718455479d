// Runs the published site's adaptive choice in Node: `node site_adaptive_runner.js SITE_FOLDER REQUESTS.json`
// prints one JSON array, window.stemhulp.nextStatement's verdict (or {"error": problems}) for each request.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [folder, requestsPath] = process.argv.slice(2);
const context = { console };
context.window = context;
vm.createContext(context);
for (const name of ["data.js", "matcher.js", "stability.js", "adaptive.js"]) {
  vm.runInContext(fs.readFileSync(path.join(folder, name), "utf8"), context, { filename: name });
}
context.requests = JSON.parse(fs.readFileSync(requestsPath, "utf8"));
const out = vm.runInContext(`JSON.stringify(requests.map((request) => {
  try { return window.stemhulp.nextStatement(request); } catch (error) { return { error: error.problems || [String(error)] }; }
}))`, context);
process.stdout.write(out);

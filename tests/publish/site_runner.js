// Runs the published site's matcher in Node: `node site_runner.js SITE_FOLDER REQUESTS.json` prints
// one JSON array, the response of window.stemhulp.match for each request, or for an invalid one
// {"status", "error", "problems"} (the status and body of the server's error answer).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [folder, requestsPath] = process.argv.slice(2);
const context = { console };
context.window = context;
vm.createContext(context);
for (const name of ["data.js", "matcher.js", "stability.js"]) {
  vm.runInContext(fs.readFileSync(path.join(folder, name), "utf8"), context, { filename: name });
}
context.requests = JSON.parse(fs.readFileSync(requestsPath, "utf8"));
const out = vm.runInContext(`JSON.stringify(requests.map((request) => {
  try { return window.stemhulp.match(request); } catch (error) {
    return { status: error.status || null, error: error.error || String(error), problems: error.problems || [String(error)] };
  }
}))`, context);
process.stdout.write(out);

// Runs invalid requests through published sites' matchers in one Node process: `run(folders, tables)`
// gives, per site, the {"status", "error", "problems"} of window.stemhulp.match for each request.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

module.exports = function run(folders, tables) {
  return folders.map((folder, n) => {
    const context = { console };
    context.window = context;
    vm.createContext(context);
    for (const name of ["data.js", "matcher.js", "stability.js"]) {
      vm.runInContext(fs.readFileSync(path.join(folder, name), "utf8"), context, { filename: name });
    }
    return tables[n].map((request) => {
      try {
        context.window.stemhulp.match(JSON.parse(JSON.stringify(request)));
        return { status: 200 };
      } catch (error) {
        return { status: error.status || null, error: error.error || String(error), problems: error.problems || [String(error)] };
      }
    });
  });
};

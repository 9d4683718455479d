// Folds names with the published matcher's `fold` in Node: `node fold_runner.js SITE NAMES.json`
// prints the folded names as one JSON array.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [folder, namesPath] = process.argv.slice(2);
const context = { console };
context.window = context;
vm.createContext(context);
for (const name of ["data.js", "matcher.js"]) {
  vm.runInContext(fs.readFileSync(path.join(folder, name), "utf8"), context, { filename: name });
}
const names = JSON.parse(fs.readFileSync(namesPath, "utf8"));
process.stdout.write(JSON.stringify(names.map((name) => context.window.stemhulp.fold(name))));

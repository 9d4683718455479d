// Runs the published page's pure parts in Node: `node page_runner.js SITE JOBS.json` prints, per
// request, the result notes, the downloaded report and its Markdown and HTML of window.stemhulp.match's result in each
// language, and per resume fragment what the page reads from it.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [folder, jobsPath] = process.argv.slice(2);
const context = { console, URL, URLSearchParams, location: { hash: "" }, document: { addEventListener() {} } };
context.window = context;
vm.createContext(context);
for (const name of ["data.js", "matcher.js", "stability.js", "page.js", "report.js"]) {
  vm.runInContext(fs.readFileSync(path.join(folder, name), "utf8"), context, { filename: name });
}
const jobs = JSON.parse(fs.readFileSync(jobsPath, "utf8"));
const { match, page } = context.window.stemhulp;
const out = {
  results: (jobs.requests || []).map((request) => {
    const result = match(request);
    const body = { answers: request.answers, important: request.important || [] };
    return Object.fromEntries(["nl", "en"].map((lang) => {
      const report = jobs.reports || jobs.markdown ? page.report(result, body, lang) : null;
      const { documents } = context.window.stemhulp;
      const markdown = jobs.markdown ? documents.markdown(report, lang) : null;
      const html = jobs.markdown ? documents.html(report, lang) : null;
      return [lang, { notes: page.notes(result, lang), report: jobs.reports ? report : null, markdown, html }];
    }));
  }),
  fragments: (jobs.fragments || []).map((fragment) => {
    const read = page.readFragment(fragment);
    return read.failed ? { failed: read.failed } : { answers: read.state.answers, step: read.state.step, index: read.state.index };
  }),
};
process.stdout.write(JSON.stringify(out));

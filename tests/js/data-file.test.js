// data-file.js: a data file is checked whole before anything changes, and a
// load replaces or merges by write time and can be undone exactly.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryStorage, enginePatterns, installPage } from "./browser.js";

const storage = new MemoryStorage();
installPage({ settings: { guide: "After the No", root: "./", patterns: enginePatterns() }, href: "https://guide.example/", storage });
// store.js and reader-data.js together: what the site keeps, and how.
const store = {
  ...(await import("../../docs/assets/javascripts/store.js")),
  ...(await import("../../docs/assets/javascripts/reader-data.js")),
};
const data = await import("../../docs/assets/javascripts/data-file.js");
const { DataError, applyLoad, counts, describe, exportData, parseData, undoLoad } = data;

const file = (fields = {}) => JSON.stringify({
  format: "after-the-no", version: 1, exported: "2026-12-01T10:00:00.000Z",
  ticks: ["send-a-note"], answers: { plan: { first: "one", box: true } },
  settings: { situation: "after-an-interview", "detail:your name": "Sam" }, times: {}, ...fields,
});
const refused = (text, message) => assert.throws(() => parseData(text), (error) => error instanceof DataError && message.test(error.message));

test("a file this site wrote is read whole: items, and their times (the file's own date when it has none)", () => {
  const { items, times } = parseData(file({ times: { "tick:send-a-note": 5 } }));
  assert.deepEqual([...items], [
    ["tick:send-a-note", "1"], ["answers:plan:first", "one"], ["answers:plan:box", true],
    ["situation", "after-an-interview"], ["detail:your name", "Sam"],
  ]);
  assert.equal(times.get("tick:send-a-note"), 5);
  assert.equal(times.get("detail:your name"), Date.parse("2026-12-01T10:00:00.000Z"));
  assert.deepEqual(counts(items), { ticks: 1, worksheets: 1, dates: 0, details: 1, situation: 1, applications: 0 });
  assert.equal(describe(counts(items)), "1 tick, answers for 1 worksheet, 1 detail and your situation");
  assert.equal(describe(counts(new Map())), "nothing");
});

test("anything the store would drop or change refuses the whole file", () => {
  refused("{", /not valid JSON/);
  refused("[]", /not a data file from this site/);
  refused(file({ format: "another-guide" }), /not a data file from this site/);
  refused(file({ version: 2 }), /different version/);
  refused(file({ extra: 1 }), /unexpected entries \(extra\)/);
  refused(file({ ticks: ["Not An Id"] }), /ticks .* damaged/);
  refused(file({ ticks: "send-a-note" }), /ticks .* damaged/);
  refused(file({ answers: { plan: { "Bad Field": "x" } } }), /answers .* damaged/);
  refused(file({ answers: { plan: { first: "x".repeat(5001) } } }), /answers .* damaged/);
  refused(file({ settings: { "detail:Your Name": "Sam" } }), /settings .* damaged/);
  refused(file({ settings: { situation: "" } }), /settings .* damaged/);
  refused(file({ times: { "tick:send-a-note": -1 } }), /times .* damaged/);
  refused(file({ exported: 7 }), /dates .* damaged/);
  refused(" ".repeat(store.MAX_FILE_BYTES + 1), /over 1 MB/);
});

test("a file from before each situation had its own date gives its one date to the situation followed", () => {
  const { items } = parseData(file({ settings: { situation: "after-an-interview", heard: "2026-11-01" } }));
  assert.equal(items.get("start:after-an-interview"), "2026-11-01");
  assert.ok(!items.has("heard"));
});

test("merge takes only what is newer in the file; undo puts back exactly what was here", () => {
  assert.ok(store.write("detail:your name", "Alex").ok); // written now: newer than the file
  assert.ok(store.setTicked("keep-going", true).ok);
  const here = store.snapshot();
  const parsed = parseData(file());
  const { before, taken } = applyLoad(parsed, "merge");
  assert.deepEqual([...taken.keys()].sort(), ["answers:plan:box", "answers:plan:first", "situation", "tick:send-a-note"]);
  assert.equal(store.read("detail:your name"), "Alex");
  assert.ok(store.isTicked("keep-going") && store.isTicked("send-a-note"));
  assert.deepEqual({ ...store.readAnswers("plan") }, { first: "one", box: true });
  undoLoad(before);
  assert.deepEqual(store.snapshot(), here);
});

test("replace makes this browser hold exactly the file, and what a download writes loads back", () => {
  applyLoad(parseData(file()), "replace");
  assert.ok(!store.isTicked("keep-going"));
  assert.equal(store.read("detail:your name"), "Sam");
  const written = exportData();
  assert.deepEqual(written.ticks, ["send-a-note"]);
  assert.deepEqual(written.answers, { plan: { first: "one", box: true } });
  assert.deepEqual(written.settings, { situation: "after-an-interview", "detail:your name": "Sam" });
  const again = parseData(JSON.stringify(written));
  assert.deepEqual([...again.items].sort(), [...parseData(file()).items].sort());
});

test("a load the browser cannot store is refused and leaves what was here", () => {
  const here = store.snapshot();
  storage.quota = [...storage.items].reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  try {
    const big = parseData(file({ answers: { plan: { first: "x".repeat(4000) } } }));
    assert.throws(() => applyLoad(big, "replace"), (error) => error instanceof DataError && !error.changed && /full/.test(error.message));
  } finally {
    storage.quota = Infinity;
  }
  assert.deepEqual(store.snapshot(), here);
});

// The applications log's pure parts: each application's stage, round and
// staleness, the list's order, the drop-out summary (applications-state.js),
// and the check every stored or loaded application passes (applications-data.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryStorage, enginePatterns, installPage } from "./browser.js";

const storage = new MemoryStorage();
installPage({ settings: { guide: "After the No", root: "./", patterns: enginePatterns() }, href: "https://guide.example/applications/", storage });
const { compare, describeApplication, dropOut, nameOf, quietMark, sortKey, stageName } = await import("../../docs/assets/javascripts/applications-state.js");
const { APP, cleanApplication, readApplications, writeApplication } = await import("../../docs/assets/javascripts/applications-data.js");
const { counts, describe, exportData, parseData, DataError } = await import("../../docs/assets/javascripts/data-file.js");

// A log as the page's data-applog attribute gives it (applog.page_data).
const LOG = {
  fields: [{ id: "company", label: "Company" }, { id: "role", label: "Role" }],
  stages: [
    { id: "applied", label: "Applied", rounds: 1, quiet: 14, advice: { below: 20, article: "tailor", text: "Tailor it" } },
    { id: "interview", label: "Interview", rounds: 3, quiet: 10, advice: null },
    { id: "offer", label: "Offer", rounds: 1, quiet: null, advice: null },
  ],
  outcomes: [{ id: "no", label: "No" }],
  minJudged: 5,
};
const day = (text) => {
  const [y, m, d] = text.split("-").map(Number);
  return new Date(y, m - 1, d);
};
const app = (id, stages, extra = {}) => ({
  id, fields: { company: `Co ${id}`, role: "Analyst" }, outcome: null, snooze: null, dismissed: null, created: 1,
  stages: stages.map(([stage, date]) => ({ stage, date })), ...extra,
});

test("an application's state: its stage, its round, and the days since its last date", () => {
  const twice = app("a", [["applied", "2026-11-01"], ["interview", "2026-11-05"], ["interview", "2026-11-12"]]);
  const state = describeApplication(LOG, twice, day("2026-11-20"));
  assert.equal(state.stage.id, "interview");
  assert.equal(state.round, 2);
  assert.equal(state.furthest, 1);
  assert.equal(state.days, 8);
  assert.deepEqual(state.due, day("2026-11-22"));
  assert.equal(state.quiet, false);
  assert.equal(stageName(state.stage, state.round), "Interview 2");
  assert.equal(stageName(LOG.stages[0], 1), "Applied");
  assert.equal(stageName(null, 1), "A stage this guide no longer has");
});

test("no news for a stage's quiet days flags it, until snoozed, dismissed at that stage, or ended", () => {
  const quiet = app("q", [["applied", "2026-11-01"]]);
  assert.equal(describeApplication(LOG, quiet, day("2026-11-14")).quiet, false); // day 13
  assert.equal(describeApplication(LOG, quiet, day("2026-11-15")).quiet, true); // day 14
  const snoozed = { ...quiet, snooze: "2026-11-20" };
  assert.equal(describeApplication(LOG, snoozed, day("2026-11-16")).quiet, false);
  assert.equal(describeApplication(LOG, snoozed, day("2026-11-21")).quiet, true);
  const dismissed = { ...quiet, dismissed: quietMark(quiet) };
  assert.equal(describeApplication(LOG, dismissed, day("2026-12-30")).quiet, false);
  // Dismissing is for one stage: the next stage can be flagged again.
  const movedOn = { ...dismissed, stages: [...dismissed.stages, { stage: "interview", date: "2026-11-20" }] };
  assert.equal(describeApplication(LOG, movedOn, day("2026-12-30")).quiet, true);
  const ended = { ...quiet, outcome: { id: "no", date: "2026-11-10" } };
  assert.equal(describeApplication(LOG, ended, day("2026-12-30")).quiet, false);
  // A stage without quiet days never flags.
  const offered = app("o", [["applied", "2026-01-01"], ["offer", "2026-01-02"]]);
  assert.equal(describeApplication(LOG, offered, day("2026-12-30")).quiet, false);
});

test("the list's order: no news first (longest first), then by the next date, then ended (latest first)", () => {
  const now = day("2026-11-30");
  const apps = [
    app("ended-early", [["applied", "2026-10-01"]], { outcome: { id: "no", date: "2026-10-10" } }),
    app("due-later", [["applied", "2026-11-25"]]),
    app("quiet-short", [["applied", "2026-11-10"]]),
    app("ended-late", [["applied", "2026-10-01"]], { outcome: { id: "no", date: "2026-11-10" } }),
    app("due-sooner", [["interview", "2026-11-25"]]),
    app("quiet-long", [["applied", "2026-10-01"]]),
    app("no-due", [["offer", "2026-11-01"]]),
  ];
  const order = apps
    .map((application) => ({ application, key: sortKey(application, describeApplication(LOG, application, now)) }))
    .sort((a, b) => compare(a.key, b.key))
    .map(({ application }) => application.id);
  assert.deepEqual(order, ["quiet-long", "quiet-short", "due-sooner", "due-later", "no-due", "ended-late", "ended-early"]);
});

test("where applications stop: reached, went on, the rate, judged from five decided, advice when low", () => {
  const stopped = Array.from({ length: 5 }, (_, i) => app(`n${i}`, [["applied", "2026-11-01"]], { outcome: { id: "no", date: "2026-11-09" } }));
  const interviewed = app("i", [["applied", "2026-11-01"], ["interview", "2026-11-05"]]);
  const open = app("open", [["applied", "2026-11-20"]]);
  const [applied, interview, offer] = dropOut(LOG, [...stopped, interviewed, open]);
  assert.deepEqual([applied.reached, applied.wentOn, applied.decided], [7, 1, 6]);
  assert.equal(applied.rate, 1 / 6);
  assert.equal(applied.judged, true);
  assert.equal(applied.low, true); // 17% is under the declared 20%
  assert.deepEqual([interview.reached, interview.decided, interview.judged, interview.low], [1, 0, false, false]);
  assert.equal(offer.last, true);
  // Four decided is too few to judge, however low the rate.
  const few = dropOut(LOG, [...stopped.slice(0, 4), open]);
  assert.deepEqual([few[0].decided, few[0].judged, few[0].low], [4, false, false]);
  assert.equal(nameOf(LOG, interviewed), "Co i · Analyst");
});

test("an application is kept only whole and in shape", () => {
  const good = app("abc123", [["applied", "2026-11-01"]], { fields: { company: "Acme", role: "  " } });
  assert.deepEqual(cleanApplication(good).fields, { company: "Acme" }); // empty fields are not kept
  assert.equal(cleanApplication({ ...good, extra: 1 }), null);
  assert.equal(cleanApplication({ ...good, id: "Not An Id" }), null);
  assert.equal(cleanApplication({ ...good, stages: [] }), null);
  assert.equal(cleanApplication({ ...good, stages: [{ stage: "applied", date: "2026-02-30" }] }), null);
  assert.equal(cleanApplication({ ...good, snooze: "tomorrow" }), null);
  assert.equal(cleanApplication({ ...good, outcome: { id: "no", date: "2026-11-02", why: "x" } }), null);
  assert.equal(cleanApplication({ ...good, fields: { company: 3 } }), null);
  assert.deepEqual(writeApplication({ ...good, stages: "applied" }), { ok: false, reason: "that application is not complete" });
  assert.equal(storage.length, 0);
});

test("applications go into the data file and come back exactly; a damaged one refuses the file", () => {
  const first = app("first", [["applied", "2026-11-01"], ["interview", "2026-11-08"]]);
  const second = app("second", [["applied", "2026-11-02"]], { outcome: { id: "no", date: "2026-11-20", path: "after-an-interview" } });
  assert.equal(writeApplication(first).ok, true);
  assert.equal(writeApplication(second).ok, true);
  assert.deepEqual(readApplications().map((a) => a.id).sort(), ["first", "second"]);
  const exported = exportData();
  assert.deepEqual(Object.keys(exported.applications).sort(), ["first", "second"]);
  const { items } = parseData(JSON.stringify(exported));
  assert.deepEqual(JSON.parse(items.get(`${APP}second`)), cleanApplication(second));
  assert.equal(counts(items).applications, 2);
  assert.equal(describe(counts(items)), "2 applications");
  const damaged = { ...exported, applications: { ...exported.applications, first: { ...first, stages: [] } } };
  assert.throws(() => parseData(JSON.stringify(damaged)), (error) => error instanceof DataError && /applications .* damaged/.test(error.message));
  const misfiled = { ...exported, applications: { other: first } };
  assert.throws(() => parseData(JSON.stringify(misfiled)), DataError);
  // A file from before the log, without "applications", still loads.
  const older = { ...exported };
  delete older.applications;
  assert.equal(counts(parseData(JSON.stringify(older)).items).applications, 0);
});

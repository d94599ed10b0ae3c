// store.js: keys scoped to the site, reads validated, writes that say whether
// they worked, and all-or-nothing replacement of what is kept.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryStorage, enginePatterns, installPage } from "./browser.js";

const storage = new MemoryStorage();
// What a browser kept before keys were scoped to the site, and before each
// situation had its own date: moved under the site's prefix when store.js loads.
storage.setItem("after-the-no:v1:tick:old-step", "1");
storage.setItem("after-the-no:v1:situation", "after-an-interview");
storage.setItem("after-the-no:v1:heard", "2026-11-01");
storage.setItem("someone-else:v1:tick:x", "1");
installPage({
  settings: { guide: "After the No", name: "After the No", root: "../../", renamed: { "old-step": "new-step" }, patterns: enginePatterns() },
  href: "https://guide.example/help/situations/one/",
  storage,
});
const events = [];
globalThis.document.addEventListener("guide:stored", (event) => events.push(event.detail));
// store.js and reader-data.js together: what the site keeps, and how.
const store = {
  ...(await import("../../docs/assets/javascripts/store.js")),
  ...(await import("../../docs/assets/javascripts/reader-data.js")),
};
const PREFIX = "after-the-no@/help/:v1:";

test("keys carry the guide's name and the site's path; old keys move under them", () => {
  assert.equal(store.scoped("tick:a"), `${PREFIX}tick:a`);
  assert.equal(store.FORMAT, "after-the-no");
  assert.equal(storage.getItem(`${PREFIX}tick:new-step`), "1", "the merged action's tick moved to its new id");
  assert.equal(storage.getItem(`${PREFIX}tick:old-step`), null);
  assert.equal(storage.getItem(`${PREFIX}start:after-an-interview`), "2026-11-01", "the one date went to the situation followed");
  assert.equal(storage.getItem(`${PREFIX}heard`), null);
  assert.deepEqual([...storage.items.keys()].filter((key) => key.startsWith("after-the-no:")), []);
  assert.equal(storage.getItem("someone-else:v1:tick:x"), "1", "another guide's data is left alone");
  assert.equal(store.nameOf("someone-else:v1:tick:x"), null);
});

test("wellFormed replaces lone surrogates and cuts without splitting a character", () => {
  assert.equal(store.wellFormed("a\uD800b"), "a\uFFFDb");
  assert.equal(store.wellFormed("\uDC00x\uD83D"), "\uFFFDx\uFFFD");
  assert.equal(store.wellFormed("🙂🙂"), "🙂🙂");
  assert.equal(store.wellFormed("ab🙂", 3), "ab", "half an emoji is dropped, not kept");
  assert.equal(store.wellFormed("abc", 2), "ab");
  assert.equal(store.wellFormed(null), "");
  assert.equal(store.wellFormed(undefined), "");
  assert.equal(store.wellFormed(42), "42");
});

test("a setting's name follows the engine's patterns for ids and placeholders", () => {
  for (const name of ["situation", "start:after-an-interview", "detail:your name", "detail:contact name",
    "detail:manager's name", "message:reply-after-the-final-round:role", `detail:a${"b".repeat(39)}`])
    assert.ok(store.isSetting(name, "x"), name);
  for (const name of ["start:After", "start:-x", "start:a--b", "detail:Your name", "detail:", "detail:1st",
    `detail:a${"b".repeat(40)}`, "message:reply:Role", "message::role", "kept:at:tick:x", "heard", "situation "])
    assert.ok(!store.isSetting(name, "x"), name);
  assert.ok(!store.isSetting("situation", ""), "empty");
  assert.ok(!store.isSetting("situation", "x".repeat(201)), "too long");
  assert.ok(store.isSetting("situation", "x".repeat(200)));
  assert.ok(!store.isSetting("situation", 7), "not text");
});

test("answers keep only what a worksheet holds: true/false or text up to 5,000 characters", () => {
  assert.ok(store.isAnswer("what-went-well", "fine"));
  assert.ok(store.isAnswer("agreed", false));
  assert.ok(!store.isAnswer("Bad Name", "x"));
  assert.ok(!store.isAnswer("field", 3));
  assert.ok(!store.isAnswer("field", "x".repeat(5001)));
  const clean = store.cleanAnswers({ good: "a\uD800", box: true, "Bad Name": "x", number: 1, list: ["x"] });
  assert.deepEqual({ ...clean }, { good: "a\uFFFD", box: true });
  assert.deepEqual({ ...store.cleanAnswers(["not", "a", "record"]) }, {});
  assert.deepEqual({ ...store.cleanAnswers(null) }, {});
  assert.equal(store.answersValue({ "Bad Name": "x" }), null);
  assert.ok(!store.isRecord([]) && !store.isRecord(null) && store.isRecord({}));
});

test("a write is stored under the site's key, timed, read back and announced", () => {
  events.length = 0;
  const before = Date.now();
  assert.deepEqual(store.write("detail:your name", "Sam"), { ok: true });
  assert.equal(storage.getItem(`${PREFIX}detail:your name`), "Sam");
  assert.equal(store.read("detail:your name"), "Sam");
  assert.ok(store.writtenAt("detail:your name") >= before);
  assert.deepEqual(events, [{ ok: true, key: `${PREFIX}detail:your name` }]);
  storage.setItem(`${PREFIX}detail:role`, "x\uDC00");
  assert.equal(store.read("detail:role"), "x\uFFFD", "a stored value is made well-formed when read");
  storage.setItem(`${PREFIX}kept:at:detail:role`, "not a time");
  assert.equal(store.writtenAt("detail:role"), 0);
});

test("ticks: a valid id is ticked and unticked; any other is refused, not stored", () => {
  assert.deepEqual(store.setTicked("send-a-note", true), { ok: true });
  assert.ok(store.isTicked("send-a-note"));
  assert.deepEqual(store.setTicked("send-a-note", false), { ok: true });
  assert.ok(!store.isTicked("send-a-note"));
  assert.equal(store.setTicked("Send a note", true).ok, false);
  assert.equal(storage.getItem(`${PREFIX}tick:Send a note`), null);
});

test("worksheet answers: one field written over the others as stored now", () => {
  assert.ok(store.writeAnswer("plan", "first", "one").ok);
  storage.setItem(`${PREFIX}answers:plan`, JSON.stringify({ first: "one", second: "from another tab" }));
  assert.ok(store.writeAnswer("plan", "first", "changed").ok);
  assert.deepEqual({ ...store.readAnswers("plan") }, { first: "changed", second: "from another tab" });
  assert.ok(store.writeAnswer("plan", "second", "").ok);
  assert.deepEqual({ ...store.readAnswers("plan") }, { first: "changed" });
  storage.setItem(`${PREFIX}answers:broken`, "{not json");
  assert.deepEqual({ ...store.readAnswers("broken") }, {});
});

test("a full storage is reported, never taken for success", () => {
  storage.quota = [...storage.items].reduce((sum, [k, v]) => sum + k.length + v.length, 0) + 10;
  try {
    events.length = 0;
    const result = store.write("detail:contact name", "someone with a long name");
    assert.deepEqual(result, { ok: false, reason: "the space this browser gives the site is full" });
    assert.equal(store.read("detail:contact name"), null);
    assert.deepEqual(events, [{ ok: false, key: `${PREFIX}detail:contact name` }]);
    assert.match(store.couldNotSave(result.reason), /^Could not save in this browser: the space .* full\.$/);
  } finally {
    storage.quota = Infinity;
  }
});

test("becoming exactly a target is all or nothing: a failure part-way puts everything back", () => {
  const before = store.snapshot();
  const target = new Map(before);
  target.set("detail:company", "x".repeat(50));
  target.set("detail:role", "y".repeat(50));
  target.delete("detail:your name");
  storage.quota = [...storage.items].reduce((sum, [k, v]) => sum + k.length + v.length, 0) + 60;
  try {
    const result = store.becomeExactly(target);
    assert.equal(result.ok, false);
    assert.equal(result.changed, false);
    assert.deepEqual(store.snapshot(), before);
  } finally {
    storage.quota = Infinity;
  }
  assert.deepEqual(store.becomeExactly(target), { ok: true });
  assert.deepEqual(store.snapshot(), target);
});

test("blocked storage: every write says why, and delete-all removes only this site's keys", () => {
  const page = globalThis.window;
  globalThis.window = { get localStorage() { throw new DOMException("blocked", "SecurityError"); } };
  try {
    assert.match(store.storageProblem(), /blocks storage/);
    assert.equal(store.write("situation", "x").ok, false);
    assert.equal(store.read("situation"), null);
    assert.deepEqual(store.storedNames(), []);
    assert.equal(store.deleteAll().ok, false);
  } finally {
    globalThis.window = page;
  }
  assert.equal(store.storageProblem(), null);
  assert.deepEqual(store.deleteAll(), { ok: true });
  assert.deepEqual(store.storedNames(), []);
  assert.equal(storage.getItem("someone-else:v1:tick:x"), "1");
});

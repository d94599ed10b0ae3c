// A page without the build's patterns (a theme that dropped them): store.js
// takes nothing for valid, so nothing unchecked is read or written.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryStorage, installPage } from "./browser.js";

test("without the engine's patterns no id or setting is valid, and the page says why", async (t) => {
  const warned = t.mock.method(console, "warn", () => {});
  const storage = new MemoryStorage();
  installPage({ settings: { guide: "g", root: "./" }, href: "https://guide.example/", storage });
  // store.js and reader-data.js together: what the site keeps, and how.
  const store = {
    ...(await import("../../docs/assets/javascripts/store.js")),
    ...(await import("../../docs/assets/javascripts/reader-data.js")),
  };
  assert.equal(warned.mock.callCount(), 2);
  assert.match(warned.mock.calls[0].arguments[0], /"id" pattern/);
  assert.ok(!store.isSetting("detail:your name", "Sam"));
  assert.ok(!store.ID.test("send-a-note"));
  assert.equal(store.setTicked("send-a-note", true).ok, false);
  assert.equal(storage.length, 0);
});

test("a pattern JavaScript cannot read counts as missing", async (t) => {
  const warned = t.mock.method(console, "warn", () => {});
  installPage({ settings: { patterns: { id: "[unclosed", placeholder: "[a-z]+" } } });
  const site = await import("../../docs/assets/javascripts/site.js?broken");
  assert.equal(site.PATTERNS.id, "(?!)");
  assert.equal(site.PATTERNS.placeholder, "[a-z]+");
  assert.equal(warned.mock.callCount(), 1);
});

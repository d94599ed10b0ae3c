// download.js: the one way the site saves a file, whose address lives until the download has begun.
import assert from "node:assert/strict";
import { test } from "node:test";

test("saveFile clicks a download link and revokes its address only later, not at once", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const log = [];
  const link = { click: () => log.push(["click", link.href, link.download]) };
  globalThis.document = { createElement: (tag) => (assert.equal(tag, "a"), link) };
  t.mock.method(URL, "createObjectURL", (blob) => (log.push(["create", blob.type]), "blob:made"));
  t.mock.method(URL, "revokeObjectURL", (url) => log.push(["revoke", url]));
  const { saveFile } = await import("../../docs/assets/javascripts/download.js");

  saveFile("plan.ics", new Blob(["BEGIN:VCALENDAR"], { type: "text/calendar" }));
  assert.deepEqual(log, [["create", "text/calendar"], ["click", "blob:made", "plan.ics"]]);
  t.mock.timers.tick(1000);
  assert.equal(log.length, 2, "revoked while the browser may still be starting the download");
  t.mock.timers.tick(60_000);
  assert.deepEqual(log.at(-1), ["revoke", "blob:made"]);
});

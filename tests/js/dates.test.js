// dates.js: local calendar days, never UTC, and whole days across clock changes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { installPage } from "./browser.js";

// A zone with a clock change, so a day can be 23 or 25 hours long.
process.env.TZ = "Europe/London";
installPage({ lang: "en-GB" });
const dates = await import("../../docs/assets/javascripts/dates.js");
const { FIRST_YEAR, LAST_YEAR, addDays, dayOf, daysBetween, formatDate, isoDate, parseDate, today } = dates;

test("parseDate reads a real YYYY-MM-DD as that local midnight", () => {
  const date = parseDate("2026-03-29");
  assert.deepEqual([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()], [2026, 2, 29, 0]);
  assert.equal(isoDate(parseDate("2000-01-01")), "2000-01-01");
  assert.equal(isoDate(parseDate("2024-02-29")), "2024-02-29");
});

test("parseDate refuses what is not a real date in the years a reader means", () => {
  for (const text of ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-5", " 2026-01-05",
    "2026-01-05T00:00", "", null, undefined, 20260105, `${FIRST_YEAR - 1}-12-31`, `${LAST_YEAR + 1}-01-01`])
    assert.equal(parseDate(text), null, String(text));
});

test("isoDate writes the local day, padded, whatever the time of day", () => {
  assert.equal(isoDate(new Date(2026, 0, 5, 23, 59)), "2026-01-05");
  assert.equal(isoDate(new Date(2026, 11, 31, 0, 30)), "2026-12-31");
  const early = new Date(2026, 5, 1);
  early.setFullYear(999);
  assert.equal(isoDate(early), "0999-06-01");
});

test("addDays and daysBetween count calendar days across a clock change", () => {
  const before = parseDate("2026-03-28"); // the clocks go forward in the night of the 29th
  assert.equal(isoDate(addDays(before, 1)), "2026-03-29");
  assert.equal(isoDate(addDays(before, 2)), "2026-03-30");
  assert.equal(addDays(before, 2).getHours(), 0);
  assert.equal(daysBetween(before, parseDate("2026-03-30")), 2);
  assert.equal(daysBetween(parseDate("2026-10-24"), parseDate("2026-10-26")), 2); // and back
  assert.equal(daysBetween(parseDate("2026-03-30"), before), -2);
  assert.equal(isoDate(addDays(parseDate("2026-12-31"), 1)), "2027-01-01");
  assert.equal(isoDate(addDays(parseDate("2026-03-01"), -1)), "2026-02-28");
});

test("dayOf and today are local midnights", () => {
  const late = new Date(2026, 6, 14, 23, 59, 59);
  assert.equal(dayOf(late).getTime(), new Date(2026, 6, 14).getTime());
  assert.equal(dayOf(late.getTime()).getTime(), new Date(2026, 6, 14).getTime());
  const now = new Date();
  assert.equal(isoDate(today()), isoDate(now));
  assert.equal(today().getHours() + today().getMinutes(), 0);
});

test("formatDate speaks the page's language, and falls back when the browser does not know it", () => {
  const date = parseDate("2026-11-30");
  assert.match(formatDate(date), /^Mon,? 30 Nov 2026$/); // ICU versions differ on the comma
  assert.equal(formatDate(date, true), "30 November 2026");
  globalThis.document.documentElement.lang = "not a language!";
  try {
    assert.match(formatDate(date, true), /30/);
  } finally {
    globalThis.document.documentElement.lang = "en-GB";
  }
});

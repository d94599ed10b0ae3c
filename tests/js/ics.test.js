// ics.js: the text of the calendar files "Add to my calendar" downloads (RFC 5545).
import assert from "node:assert/strict";
import { test } from "node:test";
import { calendarFile, fold, siteId, text } from "../../docs/assets/javascripts/ics.js";
import { parseDate } from "../../docs/assets/javascripts/dates.js";

const SITE = new URL("https://guide.example/after-the-no/");
const NOW = new Date(Date.UTC(2026, 11, 2, 7, 5, 9));
const step = (fields = {}) => ({
  day: 3, from: "the day you heard", id: "send-a-thank-you-note", done: false,
  summary: "Send a thank-you note", note: "", advice: "", ...fields,
});
const unfold = (file) => file.replace(/\r\n /g, "");
const octets = (line) => Buffer.byteLength(line, "utf8");

test("a TEXT value escapes backslashes first, then ; , and every kind of line break", () => {
  assert.equal(text("a\\b;c,d"), "a\\\\b\\;c\\,d");
  assert.equal(text("one\r\ntwo\nthree\rfour"), "one\\ntwo\\nthree\\nfour");
  assert.equal(text("\\n"), "\\\\n"); // a typed backslash-n stays two characters
});

test("folding keeps every line within 75 octets, never splits a character, and unfolds to the line", () => {
  const lines = [
    `DESCRIPTION:${"x".repeat(200)}`,
    `SUMMARY:${"é".repeat(80)}`, // two octets each
    `SUMMARY:${"日本語".repeat(30)}`, // three
    `SUMMARY:${"🙂".repeat(40)}`, // four, and two UTF-16 units
    "SHORT:fine",
  ];
  for (const line of lines) {
    const folded = fold(line);
    const physical = folded.split("\r\n");
    for (const [i, part] of physical.entries()) {
      assert.ok(octets(part) <= 75, `${octets(part)} octets: ${part}`);
      if (i > 0) assert.equal(part[0], " ");
      assert.ok(!/[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/.test(part), "a surrogate pair was split");
    }
    assert.equal(folded.replace(/\r\n /g, ""), line);
  }
  assert.equal(fold("SHORT:fine"), "SHORT:fine");
  assert.equal(fold(`X:${"a".repeat(73)}`).split("\r\n").length, 1); // exactly 75 octets
  assert.equal(fold(`X:${"a".repeat(74)}`).split("\r\n").length, 2);
});

test("a calendar file holds one all-day event per step, named so a second import updates it", () => {
  const due = parseDate("2026-12-31");
  const file = calendarFile([[step({ note: "Keep it short; thank them, by name." }), due, due]], SITE, "after-the-no", NOW);
  assert.ok(file.endsWith("\r\n"));
  assert.ok(!/[^\r]\n/.test(file), "every line ends with CRLF");
  const lines = unfold(file).trimEnd().split("\r\n");
  assert.deepEqual(lines, [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//after-the-no//Reminders//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    "UID:send-a-thank-you-note-20261231@guide.example-after-the-no",
    "DTSTAMP:20261202T070509Z",
    "DTSTART;VALUE=DATE:20261231",
    "DTEND;VALUE=DATE:20270101",
    "SUMMARY:Send a thank-you note",
    "DESCRIPTION:Keep it short\\; thank them\\, by name.",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "END:VCALENDAR",
  ]);
});

test("a step moved to today keeps the UID of the day it fell due; advice gives a URL and a line", () => {
  const due = parseDate("2026-11-20");
  const on = parseDate("2026-12-02");
  const advice = "https://guide.example/after-the-no/articles/send-a-thank-you-note/";
  const lines = unfold(calendarFile([[step({ advice }), due, on]], SITE, "guide", NOW)).split("\r\n");
  assert.ok(lines.includes("UID:send-a-thank-you-note-20261120@guide.example-after-the-no"));
  assert.ok(lines.includes("DTSTART;VALUE=DATE:20261202"));
  assert.ok(lines.includes("DTEND;VALUE=DATE:20261203"));
  assert.ok(lines.includes(`URL:${advice}`));
  assert.ok(lines.includes(`DESCRIPTION:Day 3\\, counted from the day you heard.\\n\\nWhy and how: ${advice}`));
});

test("several steps make several events in order; none makes an empty calendar", () => {
  const a = parseDate("2026-12-03");
  const b = parseDate("2026-12-05");
  const file = unfold(calendarFile([[step({ id: "first" }), a, a], [step({ id: "second" }), b, b]], SITE, "g", NOW));
  assert.deepEqual(file.match(/^UID:.*$/gm), ["UID:first-20261203@guide.example-after-the-no", "UID:second-20261205@guide.example-after-the-no"]);
  assert.equal(calendarFile([], SITE, "g", NOW), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//g//Reminders//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n");
});

test("the site's part of a UID uses only the characters a UID carries as is", () => {
  assert.equal(siteId(new URL("https://guide.example/")), "guide.example");
  assert.equal(siteId(new URL("http://127.0.0.1:8000/the guide/")), "127.0.0.1-8000-the-20guide");
  assert.equal(siteId(new URL("file:///")), "guide");
});

// Calendar files (RFC 5545) as text: what "Add to my calendar" downloads.
// Plain functions of the steps and dates they are given; calendar.js reads
// those from the page.
import { addDays, isoDate } from "./dates.js";

/** The media type of a calendar file, for the Blob a reader downloads. */
export const CALENDAR_TYPE = "text/calendar;charset=utf-8";

const MAX_OCTETS = 75; // RFC 5545 §3.1: a content line is at most 75 octets before its CRLF.

// A TEXT value (§3.3.11): backslash first, so the escapes added after it stay single.
export const text = (value) => value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");

const octets = (char) => {
  const code = char.codePointAt(0);
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
};

/** One content line folded (§3.1) into lines of at most 75 UTF-8 octets, never inside a character. */
export function fold(line) {
  const lines = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    // A continuation line starts with a space, which counts towards its 75.
    if (size + octets(char) > MAX_OCTETS) {
      lines.push(current);
      current = " ";
      size = 1;
    }
    current += char;
    size += octets(char);
  }
  lines.push(current);
  return lines.join("\r\n");
}

// A DATE value (§3.3.4) is the local day, "YYYYMMDD"; DTSTAMP (§3.8.7.2) a UTC time, "YYYYMMDDTHHMMSSZ".
const dateValue = (date) => isoDate(date).replaceAll("-", "");
const stamp = (now) => now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");

/** The site's address (host and path) in the characters a UID can carry as
 *  is, so every UID names this guide and no other site's events. */
export const siteId = (root) =>
  `${root.host}${root.pathname}`.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^-+|-+$/g, "") || "guide";

// One all-day event. The UID names the step and the day it falls due from
// the day the reader heard, so importing the same reminder again updates
// the event instead of adding a second one.
function event(step, due, on, now, uid) {
  const about = step.note || `Day ${step.day}, counted from ${step.from}.`;
  const description = step.advice ? `${about}\n\nWhy and how: ${step.advice}` : about;
  const lines = [
    "BEGIN:VEVENT",
    `UID:${step.id}-${dateValue(due)}@${uid}`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART;VALUE=DATE:${dateValue(on)}`,
    `DTEND;VALUE=DATE:${dateValue(addDays(on, 1))}`, // exclusive: the event is that one day
    `SUMMARY:${text(step.summary)}`,
    `DESCRIPTION:${text(description)}`,
  ];
  if (step.advice) lines.push(`URL:${step.advice}`);
  lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  return lines;
}

/** A whole calendar file: ``entries`` are [step, due date, event date]; ``site`` the site's
 *  root URL, which names its events; ``guide`` its name. No TZID: all-day dates float. */
export function calendarFile(entries, site, guide, now = new Date()) {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//${guide}//Reminders//EN`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    ...entries.flatMap(([step, due, on]) => event(step, due, on, now, siteId(site))),
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}

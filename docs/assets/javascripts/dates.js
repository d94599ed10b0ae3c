// Calendar dates as the reader lives them: local days, never UTC, written in
// the page's language, and a "today" that moves on at local midnight.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The years a date the reader gives may fall in: anything else is a typing slip. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** A "YYYY-MM-DD" text as a local date at midnight, or null if it is not a real date. */
export function parseDate(text) {
  const match = typeof text === "string" && DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(year, month - 1, day);
  const real = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
  return real && year >= FIRST_YEAR && year <= LAST_YEAR ? date : null;
}

const pad = (number, width = 2) => String(number).padStart(width, "0");

/** ``date`` as "YYYY-MM-DD", in local time (a file name, a stored value, a date field). */
export const isoDate = (date) => `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** A day in milliseconds: for spans of elapsed time, not for counting calendar days. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The local day (at midnight) that ``time`` (a Date or milliseconds) falls on. */
export function dayOf(time) {
  const moment = new Date(time);
  return new Date(moment.getFullYear(), moment.getMonth(), moment.getDate());
}

/** Today's local date at midnight. */
export const today = () => dayOf(Date.now());

/** ``date`` plus ``days`` calendar days (a DST change never shifts the day). */
export const addDays = (date, days) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);

/** Whole days from ``from`` to ``to`` (both local midnights), DST-proof. */
export const daysBetween = (from, to) =>
  Math.round((Date.UTC(to.getFullYear(), to.getMonth(), to.getDate()) -
    Date.UTC(from.getFullYear(), from.getMonth(), from.getDate())) / DAY_MS);

const language = () => document.documentElement.lang || undefined;

/** "Mon 30 Nov 2026" in the page's language; ``long`` gives "30 November 2026". */
export function formatDate(date, long = false) {
  const style = long
    ? { day: "numeric", month: "long", year: "numeric" }
    : { weekday: "short", day: "numeric", month: "short", year: "numeric" };
  try {
    return date.toLocaleDateString(language(), style);
  } catch {
    return date.toLocaleDateString(undefined, style); // a page language the browser does not know
  }
}

let timer = null;
let shown = null;
const listeners = new Set();

// Tell the listeners if the date moved on since they last heard, then wait
// for the next local midnight (a second past it, so "today" has surely moved).
function check() {
  const now = isoDate(today());
  if (shown !== null && now !== shown) for (const listener of listeners) listener();
  shown = now;
  clearTimeout(timer);
  timer = setTimeout(check, addDays(today(), 1) - new Date() + 1000);
}

/** Call ``listener`` each time the local date changes while the page stays open. */
export function onNewDay(listener) {
  listeners.add(listener);
  if (shown !== null) return;
  check();
  // A phone asleep past midnight runs its timers late: check again on waking.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") check();
  });
}

// Everything the site keeps, in this browser only (localStorage).
//
// Keys are scoped to this site: the guide's name and the site's own path on
// its origin (both from the build, see site.js), so two guides
// served from one origin keep their own data and never delete each other's.
// Every write says whether it worked (a blocked or full storage is reported,
// never taken for success) and is announced with a "guide:stored" event
// (notes beside the data, under "kept:", are not).
// Stored values are validated on every read: a missing, corrupt or stale
// value is ignored, never thrown, and text is made well-formed (no lone
// surrogates) where it is read. Beside each value is the time it was written
// ("kept:at:<item>"), which a merge of a data file compares.
import { GUIDE, PATTERNS, RENAMED, SITE_ROOT, whole } from "./site.js";

/** The data file's version. Its write times ("times") are optional, so files from before them still load. */
export const VERSION = 1;
/** A data file larger than this is not one this site made. */
export const MAX_FILE_BYTES = 1024 * 1024;
export const TICK = "tick:";
export const ANSWERS = "answers:";
// The reader's settings, kept, exported and loaded with ticks and answers:
// the situation they follow, the date each situation's days count from
// ("start:<situation>"), the details that fill every message ("detail:<name>")
// and the blanks of one message ("message:<message>:<name>"). Ids and
// placeholder names follow the engine's own patterns.
const { id: SLUG, placeholder: PLACEHOLDER } = PATTERNS;
const SETTING = whole(`situation|start:${SLUG}|detail:${PLACEHOLDER}|message:${SLUG}:${PLACEHOLDER}`);
// Before each situation kept its own date there was one, "heard": it now
// belongs to the situation the reader was following.
const LEGACY_HEARD = "heard";
const MAX_SETTING = 200;
const MAX_SETTINGS = 50;
const MAX_VALUE = 5000;
const MAX_ANSWERS = 2000;
const MAX_TICKS = 5000;
const MAX_SHEETS = 500;
/** An action's, worksheet's or situation's id, as the engine allows it. */
const ID = whole(SLUG);

const ROOT = SITE_ROOT.pathname;
// No ":" in the path part, so one guide's prefix is never the start of another's.
const PREFIX = `${GUIDE}@${ROOT.replace(/:/g, "%3A")}:v1:`;
// Before keys were scoped to the site they began with the guide's name alone.
const LEGACY_PREFIX = `${GUIDE}:v1:`;
/** The storage key of this site's ``name``: for notes kept beside the reader's data. */
export const scoped = (name) => PREFIX + name;
/** A data download names the guide it came from, so another guide's file is refused. */
export const FORMAT = GUIDE;

// A lone surrogate (half of a pair: half an emoji) makes encodeURIComponent
// throw and prints as garbage; U+FFFD shows where something was lost.
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** ``text`` with every lone surrogate replaced by U+FFFD and, if longer than
 *  ``max`` UTF-16 units, cut to at most ``max`` without splitting a character. */
export function wellFormed(text, max = Infinity) {
  let clean = String(text ?? "").replace(LONE, "\uFFFD");
  if (clean.length > max) {
    clean = clean.slice(0, max);
    // A pair cut in two leaves its first half at the end: drop it too.
    if (/[\uD800-\uDBFF]$/.test(clean)) clean = clean.slice(0, -1);
  }
  return clean;
}

function storage() {
  const store = window.localStorage; // Throws SecurityError when the browser blocks storage.
  if (!store) throw new DOMException("no storage", "SecurityError");
  return store;
}

function explain(error) {
  const name = error && error.name;
  if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || (error && error.code === 22))
    return "the space this browser gives the site is full";
  if (name === "SecurityError") return "this browser blocks storage for this site (see its privacy settings)";
  return (error && error.message) || "the browser refused";
}

/** The sentence a page shows when something could not be kept. */
export const couldNotSave = (reason) => `Could not save in this browser: ${reason}.`;

/** Why nothing can be saved here at all (storage blocked), or null. */
export function storageProblem() {
  try {
    storage();
    return null;
  } catch (error) {
    return explain(error);
  }
}

// The one place a key is written. Throws what the browser threw. Notes
// beside the data ("kept:") are not announced: they are not the reader's.
function put(key, value) {
  let ok = false;
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
    ok = true;
  } finally {
    if (!nameOf(key)?.startsWith("kept:")) document.dispatchEvent(new CustomEvent("guide:stored", { detail: { ok, key } }));
  }
}

// The stored text under a whole key, as it is, or null.
function raw(key) {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

/** The stored text under this site's ``name`` (like "tick:send-a-note"), well-formed, or null. */
export function read(name) {
  const value = raw(PREFIX + name);
  return value === null ? null : wellFormed(value);
}

// When each item was last written or removed, in milliseconds since 1970:
// a tick or setting is an item by its name, a worksheet answer by
// "answers:<worksheet>:<field>". Like keep.js's dates these are notes beside
// the data, written straight to storage and not announced; a note that could
// not be written only makes the item count as old in a merge.
export const AT = "kept:at:";
export const MAX_TIME = 8.64e15; // the last moment a Date can hold

/** When ``item`` was last written here (0 if never, or if the note is damaged). */
export function writtenAt(item) {
  const value = raw(PREFIX + AT + item);
  const time = /^\d{1,16}$/.test(value ?? "") ? Number(value) : 0;
  return time <= MAX_TIME ? time : 0;
}

function noteTime(item, time = Date.now()) {
  try {
    storage().setItem(PREFIX + AT + item, String(time));
  } catch {
    // Full or blocked: see above.
  }
}

/** Store ``value`` (null removes) under ``name``: {ok: true} or {ok: false, reason}. */
export function write(name, value) {
  try {
    put(PREFIX + name, value);
    // Answers keep one time per field (writeAnswers notes them).
    if (!name.startsWith(ANSWERS)) noteTime(name);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: explain(error) };
  }
}

/** The name of a storage key of this site ("tick:x"), or null for anyone else's key. */
export const nameOf = (key) => (typeof key === "string" && key.startsWith(PREFIX) ? key.slice(PREFIX.length) : null);

export const isTicked = (id) => read(TICK + id) === "1";
export const setTicked = (id, on) =>
  ID.test(id) ? write(TICK + id, on ? "1" : null) : { ok: false, reason: "that item has no valid name" };

/** An object (not null, not an array) of the kind JSON makes. */
export const isRecord = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);

/** One worksheet answer the store keeps: a box's true/false or a text of at most 5,000 characters. */
export const isAnswer = (name, answer) =>
  ID.test(name) && (typeof answer === "boolean" || (typeof answer === "string" && answer.length <= MAX_VALUE));

/** The answers in ``value`` the store keeps, text made well-formed; anything else is dropped. */
export function cleanAnswers(value) {
  const answers = Object.create(null);
  if (!isRecord(value)) return answers;
  for (const [name, answer] of Object.entries(value).slice(0, MAX_ANSWERS))
    if (isAnswer(name, answer)) answers[name] = typeof answer === "string" ? wellFormed(answer) : answer;
  return answers;
}

/** The stored text of a worksheet's answers, or null when there are none. */
export const answersValue = (answers) => {
  const kept = cleanAnswers(answers);
  return Object.keys(kept).length ? JSON.stringify(kept) : null;
};

export function readAnswers(slug) {
  try {
    return cleanAnswers(JSON.parse(read(ANSWERS + slug)));
  } catch {
    return Object.create(null);
  }
}

/** Replace a worksheet's answers; every field that changed notes its time. */
export function writeAnswers(slug, answers) {
  const before = readAnswers(slug);
  const after = cleanAnswers(answers);
  const result = write(ANSWERS + slug, answersValue(after));
  if (result.ok)
    for (const field of new Set([...Object.keys(before), ...Object.keys(after)]))
      if (before[field] !== after[field]) noteTime(`${ANSWERS}${slug}:${field}`);
  return result;
}

/** Set one answer ("", false or null removes it), reading the others as stored at
 *  this moment: another tab's answers to other fields are never written over. */
export function writeAnswer(slug, field, value) {
  const answers = readAnswers(slug);
  if (value === null || value === "" || value === false) delete answers[field];
  else answers[field] = value;
  return writeAnswers(slug, answers);
}

function keysStartingWith(prefix) {
  const keys = [];
  try {
    const store = storage();
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key && key.startsWith(prefix)) keys.push(key);
    }
  } catch {
    // Storage blocked: there is nothing of ours to list.
  }
  return keys;
}

/** Whether ``value`` is one the store keeps under setting ``name`` ("detail:role"). */
export const isSetting = (name, value) =>
  SETTING.test(name) && typeof value === "string" && value.length > 0 && value.length <= MAX_SETTING;
export { ID, MAX_ANSWERS, MAX_SETTINGS, MAX_SHEETS, MAX_TICKS };

// One application of the reader's log ("app:<id>"); applications-data.js checks its value.
const APPLICATION = new RegExp(`^app:${SLUG}$`);

/** Whether ``name`` holds the reader's data (a tick, answers, a setting, an application), not a note about it. */
export const isDataName = (name) =>
  typeof name === "string" &&
  (name.startsWith(TICK) || name.startsWith(ANSWERS) || SETTING.test(name) || APPLICATION.test(name) || name === LEGACY_HEARD);

/** The names ("tick:x", "kept:at:tick:x") of everything this site keeps here. */
export const storedNames = () => keysStartingWith(PREFIX).map(nameOf);

/** Everything this site keeps here, name to text, exactly as stored. */
export const snapshot = () => new Map(keysStartingWith(PREFIX).map((key) => [nameOf(key), raw(key)]));

/** Make what this site keeps exactly ``target`` (a map like snapshot()'s), all
 *  or nothing: {ok: true}, or {ok: false, reason, changed} where ``changed``
 *  says that what was there before could not all be put back. */
export function becomeExactly(target) {
  const start = snapshot();
  const apply = (from, to) => {
    // Removals first: they free the space the new values need.
    for (const name of from.keys()) if (!to.has(name)) put(PREFIX + name, null);
    for (const [name, value] of to) if (raw(PREFIX + name) !== value) put(PREFIX + name, value);
  };
  try {
    apply(start, target);
    return { ok: true };
  } catch (error) {
    try {
      apply(snapshot(), start);
      return { ok: false, reason: explain(error), changed: false };
    } catch {
      return { ok: false, reason: explain(error), changed: true };
    }
  }
}

/** Remove everything this site keeps here: {ok: true, removed} or {ok: false, reason}. */
export function deleteAll() {
  const problem = storageProblem();
  if (problem) return { ok: false, reason: problem };
  try {
    for (const key of [...keysStartingWith(PREFIX), ...keysStartingWith(LEGACY_PREFIX)]) put(key, null);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: explain(error) };
  }
}

// A file or a browser from before each situation kept its own date has one
// "heard" date: it becomes the date of the situation the reader followed.
export function carryHeard(settings) {
  if (!(LEGACY_HEARD in settings)) return settings;
  const { [LEGACY_HEARD]: heard, ...rest } = settings;
  const situation = rest.situation;
  if (typeof situation === "string" && ID.test(situation) && !(`start:${situation}` in rest)) rest[`start:${situation}`] = heard;
  return rest;
}

// Readers' data from before keys were scoped to the site is moved, key by key,
// under this site's prefix: each value is written before its old key goes, so
// it is always in one place or both. If storage is full part-way, the rest
// stays where it is and moves on a later visit.
function migrate() {
  for (const old of keysStartingWith(LEGACY_PREFIX)) {
    try {
      put(PREFIX + old.slice(LEGACY_PREFIX.length), storage().getItem(old));
      put(old, null);
    } catch {
      return;
    }
  }
  const heard = read(LEGACY_HEARD);
  if (heard !== null) {
    try {
      const carried = carryHeard({ [LEGACY_HEARD]: heard, situation: read("situation") });
      for (const [name, value] of Object.entries(carried))
        if (name.startsWith("start:") && read(name) === null) put(PREFIX + name, value);
      put(PREFIX + LEGACY_HEARD, null);
    } catch {
      return;
    }
  }
  // Actions merged into another keep their ticks: the page names each old id's
  // new one, and a tick moves the same way (written first, then the old removed).
  for (const [old, now] of Object.entries(RENAMED)) {
    if (!ID.test(old) || !ID.test(now) || read(TICK + old) === null) continue;
    try {
      if (read(TICK + now) === null) put(PREFIX + TICK + now, read(TICK + old));
      put(PREFIX + TICK + old, null);
    } catch {
      return;
    }
  }
}

migrate();

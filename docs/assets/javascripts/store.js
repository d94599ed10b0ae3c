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
//
// This module is what every page that saves needs: keys, reads, writes,
// ticks and the move of older keys. The reader's data as a whole (worksheet
// answers, settings, every item at once for a data file) is reader-data.js,
// the one other module given the keys' internals (marked "reader-data.js").
import { GUIDE, PATTERNS, RENAMED, SITE_ROOT, whole } from "./site.js";

export const TICK = "tick:";
export const ANSWERS = "answers:";
// Before each situation kept its own date there was one, "heard": it now
// belongs to the situation the reader was following.
export const LEGACY_HEARD = "heard";
/** The engine's patterns for ids and placeholder names. */
export const { id: SLUG, placeholder: PLACEHOLDER } = PATTERNS;
/** An action's, worksheet's or situation's id, as the engine allows it. */
export const ID = whole(SLUG);

const ROOT = SITE_ROOT.pathname;
// No ":" in the path part, so one guide's prefix is never the start of another's.
/** The start of every key of this site (reader-data.js). */
export const PREFIX = `${GUIDE}@${ROOT.replace(/:/g, "%3A")}:v1:`;
// Before keys were scoped to the site they began with the guide's name alone.
/** The start of this guide's keys before they were scoped to the site (reader-data.js). */
export const LEGACY_PREFIX = `${GUIDE}:v1:`;
/** The storage key of this site's ``name``: for notes kept beside the reader's data. */
export const scoped = (name) => PREFIX + name;

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

/** Why the browser refused, in words (reader-data.js). */
export function explain(error) {
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

// The one place a key is written (used by reader-data.js too). Throws what
// the browser threw. Notes beside the data ("kept:") are not announced: they
// are not the reader's.
export function put(key, value) {
  let ok = false;
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
    ok = true;
  } finally {
    if (!nameOf(key)?.startsWith("kept:")) document.dispatchEvent(new CustomEvent("guide:stored", { detail: { ok, key } }));
  }
}

/** The stored text under a whole key, as it is, or null (reader-data.js). */
export function raw(key) {
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

/** Note that ``item`` was written now (reader-data.js, for each answer). */
export function noteTime(item, time = Date.now()) {
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


/** Every key here that starts with ``prefix`` (reader-data.js). */
export function keysStartingWith(prefix) {
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

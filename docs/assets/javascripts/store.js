// Everything the site keeps, in this browser only (localStorage).
//
// Keys are scoped to this site: the guide's name and the site's own path on
// its origin (both from the page's #guide-storage element), so two guides
// served from one origin keep their own data and never delete each other's.
// Every write says whether it worked (a blocked or full storage is reported,
// never taken for success) and is announced with a "guide:stored" event.
// Stored values are validated on every read: a missing, corrupt or stale
// value is ignored, never thrown.
export const VERSION = 1;
export const MAX_FILE_BYTES = 1024 * 1024;
export const TICK = "tick:";
export const ANSWERS = "answers:";
// The reader's settings, kept, exported and loaded with ticks and answers:
// the situation they follow, the date each situation's days count from
// ("start:<situation>"), the details that fill every message ("detail:<name>")
// and the blanks of one message ("message:<message>:<name>").
const PLACEHOLDER = "[a-z][a-z' ]{0,39}";
const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
const SETTING = new RegExp(`^(situation|start:${SLUG}|detail:${PLACEHOLDER}|message:${SLUG}:${PLACEHOLDER})$`);
const SETTING_KINDS = ["situation", "start:", "detail:", "message:"];
// Before each situation kept its own date there was one, "heard": it now
// belongs to the situation the reader was following.
const LEGACY_HEARD = "heard";
const MAX_SETTING = 200;
const MAX_SETTINGS = 50;
const MAX_VALUE = 5000;
const MAX_ANSWERS = 2000;
const MAX_TICKS = 5000;
const MAX_SHEETS = 500;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function siteSettings() {
  try {
    const settings = JSON.parse(document.getElementById("guide-storage").textContent);
    if (settings && typeof settings === "object") return settings;
  } catch {
    // No settings on this page: fall back to the theme's own idea of the site root.
  }
  return {};
}

// Read once, when the module first runs: instant navigation keeps this module
// (and the first page's <head>) for the whole visit, and the relative root is
// only right for the page it was written into.
const settings = siteSettings();
export const GUIDE =
  String(settings.guide ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "guide";
const ROOT = new URL(settings.root ?? window.__md_scope ?? "/", location.href).pathname;
// No ":" in the path part, so one guide's prefix is never the start of another's.
const PREFIX = `${GUIDE}@${ROOT.replace(/:/g, "%3A")}:v1:`;
// Before keys were scoped to the site they began with the guide's name alone.
const LEGACY_PREFIX = `${GUIDE}:v1:`;
/** The storage key of this site's ``name``: for notes kept beside the reader's data. */
export const scoped = (name) => PREFIX + name;
/** A data download names the guide it came from, so another guide's file is refused. */
export const FORMAT = GUIDE;
/** The site's name, which ends every page title. */
export const NAME = String(settings.name ?? "");

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

// The one place a key is written. Throws what the browser threw.
function put(key, value) {
  let ok = false;
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
    ok = true;
  } finally {
    document.dispatchEvent(new CustomEvent("guide:stored", { detail: { ok, key } }));
  }
}

/** The stored text under this site's ``name`` (like "tick:send-a-note"), or null. */
export function read(name) {
  try {
    return storage().getItem(PREFIX + name);
  } catch {
    return null;
  }
}

/** Store ``value`` (null removes) under ``name``: {ok: true} or {ok: false, reason}. */
export function write(name, value) {
  try {
    put(PREFIX + name, value);
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

function cleanAnswers(value) {
  const answers = Object.create(null);
  if (!value || typeof value !== "object" || Array.isArray(value)) return answers;
  for (const [name, answer] of Object.entries(value).slice(0, MAX_ANSWERS)) {
    const ok = typeof answer === "boolean" || (typeof answer === "string" && answer.length <= MAX_VALUE);
    if (ID.test(name) && ok) answers[name] = answer;
  }
  return answers;
}

const answersValue = (answers) => {
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

export const writeAnswers = (slug, answers) => write(ANSWERS + slug, answersValue(answers));

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

const isSetting = (name, value) =>
  SETTING.test(name) && typeof value === "string" && value.length > 0 && value.length <= MAX_SETTING;

export function exportData() {
  const data = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), ticks: [], answers: {}, settings: {} };
  for (const key of keysStartingWith(PREFIX)) {
    const name = nameOf(key);
    const id = name.slice(name.indexOf(":") + 1);
    if (name.startsWith(TICK) && ID.test(id) && isTicked(id)) data.ticks.push(id);
    if (name.startsWith(ANSWERS) && ID.test(id)) {
      const answers = readAnswers(id);
      if (Object.keys(answers).length) data.answers[id] = { ...answers };
    }
    const value = read(name);
    if (isSetting(name, value)) data.settings[name] = value;
  }
  data.ticks.sort();
  return data;
}

/** A file that cannot be loaded; ``changed`` says whether stored data was touched anyway. */
export class DataError extends Error {
  constructor(message, changed = false) {
    super(message);
    this.changed = changed;
  }
}

const EXPECTED = ["format", "version", "exported", "ticks", "answers", "settings"];
const damaged = (what) => new DataError(`The ${what} in that file are damaged, so it was not loaded.`);

// A file or a browser from before each situation kept its own date has one
// "heard" date: it becomes the date of the situation the reader followed.
function carryHeard(settings) {
  if (!(LEGACY_HEARD in settings)) return settings;
  const { [LEGACY_HEARD]: heard, ...rest } = settings;
  const situation = rest.situation;
  if (typeof situation === "string" && ID.test(situation) && !(`start:${situation}` in rest)) rest[`start:${situation}`] = heard;
  return rest;
}

// Check a downloaded file completely before anything is changed.
export function parseData(text) {
  if (text.length > MAX_FILE_BYTES) throw new DataError("That file is over 1 MB, so it is not one this site made.");
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DataError("That file is not a data file from this site (it is not valid JSON).");
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT)
    throw new DataError("That file is not a data file from this site.");
  const extra = Object.keys(data).filter((key) => !EXPECTED.includes(key));
  if (extra.length) throw new DataError(`That file has unexpected entries (${extra.slice(0, 3).join(", ")}), so it was not loaded.`);
  if (data.version !== VERSION) throw new DataError("That file was made by a different version of this site.");
  if ("exported" in data && (typeof data.exported !== "string" || data.exported.length > 100)) throw damaged("dates");
  const { ticks, answers } = data;
  if (!Array.isArray(ticks) || ticks.length > MAX_TICKS || !ticks.every((id) => typeof id === "string" && ID.test(id)))
    throw damaged("ticks");
  if (!answers || typeof answers !== "object" || Array.isArray(answers) || Object.keys(answers).length > MAX_SHEETS)
    throw damaged("answers");
  for (const [slug, sheet] of Object.entries(answers)) {
    const clean = cleanAnswers(sheet);
    if (!ID.test(slug) || Object.keys(clean).length !== Object.keys(sheet || {}).length) throw damaged("answers");
  }
  const given = data.settings ?? {};
  if (!given || typeof given !== "object" || Array.isArray(given) || Object.keys(given).length > MAX_SETTINGS)
    throw damaged("settings");
  const settings = carryHeard({ ...given });
  if (!Object.entries(settings).every(([name, value]) => isSetting(name, value))) throw damaged("settings");
  return { ticks, answers, settings };
}

// What is stored now under these keys, to put back exactly if a load fails.
function snapshot(keys) {
  const store = storage();
  return new Map(keys.map((key) => [key, store.getItem(key)]));
}

function restore(before, kinds) {
  for (const key of keysStartingWith(PREFIX)) {
    if (!before.has(key) && kinds.some((kind) => nameOf(key).startsWith(kind))) put(key, null);
  }
  for (const [key, value] of before) if (storage().getItem(key) !== value) put(key, value);
}

/** Replace every tick and answer with a file's, all or nothing. Throws DataError. */
export function importData(text) {
  const { ticks, answers, settings } = parseData(text);
  const wanted = new Map(ticks.map((id) => [PREFIX + TICK + id, "1"]));
  for (const [name, value] of Object.entries(settings)) wanted.set(PREFIX + name, value);
  for (const [slug, sheet] of Object.entries(answers)) {
    const value = answersValue(sheet);
    if (value !== null) wanted.set(PREFIX + ANSWERS + slug, value);
  }
  const kinds = [TICK, ANSWERS, ...SETTING_KINDS];
  let before;
  try {
    before = snapshot(keysStartingWith(PREFIX).filter((key) => kinds.some((kind) => nameOf(key).startsWith(kind))));
    // Removals first: they free the space the new values need.
    for (const key of before.keys()) if (!wanted.has(key)) put(key, null);
    for (const [key, value] of wanted) if (before.get(key) !== value) put(key, value);
  } catch (error) {
    const reason = explain(error);
    try {
      if (before) restore(before, kinds);
    } catch (again) {
      throw new DataError(`${couldNotSave(reason)} Some of what was stored before could not be put back (${explain(again)}).`, true);
    }
    throw new DataError(couldNotSave(reason));
  }
  return { ticks: ticks.length, worksheets: Object.keys(answers).length };
}

/** Remove everything this site keeps here: {ok: true} or {ok: false, reason}. */
export function deleteAll() {
  try {
    for (const key of [...keysStartingWith(PREFIX), ...keysStartingWith(LEGACY_PREFIX)]) put(key, null);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: explain(error) };
  }
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
  const renamed = settings.renamed && typeof settings.renamed === "object" ? settings.renamed : {};
  for (const [old, now] of Object.entries(renamed)) {
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

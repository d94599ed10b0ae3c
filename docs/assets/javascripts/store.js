// Everything the site keeps, in this browser only (localStorage), under one
// versioned key scheme. Stored values are validated on every read: a missing,
// corrupt or stale value is ignored, never thrown.
const PREFIX = "after-the-no:v1:";
export const TICK = PREFIX + "tick:";
export const ANSWERS = PREFIX + "answers:";
export const FORMAT = "after-the-no";
export const VERSION = 1;
export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_VALUE = 5000;
const MAX_ANSWERS = 2000;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // Storage blocked (privacy settings): the page works, nothing is kept.
  }
}

function read(key) {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) storage()?.removeItem(key);
    else storage()?.setItem(key, value);
    return true;
  } catch {
    return false; // Quota full or storage blocked.
  }
}

export const isTicked = (id) => read(TICK + id) === "1";
export const setTicked = (id, on) => ID.test(id) && write(TICK + id, on ? "1" : null);

function cleanAnswers(value) {
  const answers = Object.create(null);
  if (!value || typeof value !== "object" || Array.isArray(value)) return answers;
  for (const [name, answer] of Object.entries(value).slice(0, MAX_ANSWERS)) {
    const ok = typeof answer === "boolean" || (typeof answer === "string" && answer.length <= MAX_VALUE);
    if (ID.test(name) && ok) answers[name] = answer;
  }
  return answers;
}

export function readAnswers(slug) {
  try {
    return cleanAnswers(JSON.parse(read(ANSWERS + slug)));
  } catch {
    return Object.create(null);
  }
}

export function writeAnswers(slug, answers) {
  const kept = cleanAnswers(answers);
  return write(ANSWERS + slug, Object.keys(kept).length ? JSON.stringify(kept) : null);
}

function ourKeys() {
  const keys = [];
  const store = storage();
  try {
    for (let i = 0; store && i < store.length; i++) {
      const key = store.key(i);
      if (key && key.startsWith(PREFIX)) keys.push(key);
    }
  } catch {
    // Storage blocked: there is nothing of ours to list.
  }
  return keys;
}

export function exportData() {
  const data = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), ticks: [], answers: {} };
  for (const key of ourKeys()) {
    const name = key.slice(key.indexOf(":", PREFIX.length) + 1);
    if (key.startsWith(TICK) && ID.test(name) && isTicked(name)) data.ticks.push(name);
    if (key.startsWith(ANSWERS) && ID.test(name)) {
      const answers = readAnswers(name);
      if (Object.keys(answers).length) data.answers[name] = { ...answers };
    }
  }
  data.ticks.sort();
  return data;
}

export class DataError extends Error {}

const EXPECTED = ["format", "version", "exported", "ticks", "answers"];

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
  const { ticks, answers } = data;
  if (!Array.isArray(ticks) || !ticks.every((id) => typeof id === "string" && ID.test(id)))
    throw new DataError("The ticks in that file are damaged, so it was not loaded.");
  if (!answers || typeof answers !== "object" || Array.isArray(answers))
    throw new DataError("The answers in that file are damaged, so it was not loaded.");
  for (const [slug, sheet] of Object.entries(answers)) {
    const clean = cleanAnswers(sheet);
    if (!ID.test(slug) || Object.keys(clean).length !== Object.keys(sheet || {}).length)
      throw new DataError("The answers in that file are damaged, so it was not loaded.");
  }
  return { ticks, answers };
}

export function importData(text) {
  const { ticks, answers } = parseData(text);
  deleteAll();
  ticks.forEach((id) => setTicked(id, true));
  for (const [slug, sheet] of Object.entries(answers)) writeAnswers(slug, sheet);
  return { ticks: ticks.length, worksheets: Object.keys(answers).length };
}

export function deleteAll() {
  ourKeys().forEach((key) => write(key, null));
}

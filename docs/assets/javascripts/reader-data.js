// The reader's data as a whole: worksheet answers, settings, and every item
// this site keeps at once, for the data file (data-file.js) and for "Delete
// my data". Keys, reads and writes are store.js's; this module adds what a
// page that only ticks never needs.
import { GUIDE, whole } from "./site.js";
import {
  ANSWERS, ID, LEGACY_HEARD, LEGACY_PREFIX, PLACEHOLDER, PREFIX, SLUG, TICK, explain, keysStartingWith, nameOf,
  noteTime, put, raw, read, storageProblem, wellFormed, write,
} from "./store.js";

/** The data file's version. Its write times ("times") are optional, so files from before them still load. */
export const VERSION = 1;
/** A data file larger than this is not one this site made. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** A data download names the guide it came from, so another guide's file is refused. */
export const FORMAT = GUIDE;

// The reader's settings, kept, exported and loaded with ticks and answers:
// the situation they follow, the date each situation's days count from
// ("start:<situation>"), the details that fill every message ("detail:<name>")
// and the blanks of one message ("message:<message>:<name>"). Ids and
// placeholder names follow the engine's own patterns.
const SETTING = whole(`situation|start:${SLUG}|detail:${PLACEHOLDER}|message:${SLUG}:${PLACEHOLDER}`);
const MAX_SETTING = 200;
const MAX_SETTINGS = 50;
const MAX_VALUE = 5000;
const MAX_ANSWERS = 2000;
const MAX_TICKS = 5000;
const MAX_SHEETS = 500;

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

/** Whether ``value`` is one the store keeps under setting ``name`` ("detail:role"). */
export const isSetting = (name, value) =>
  SETTING.test(name) && typeof value === "string" && value.length > 0 && value.length <= MAX_SETTING;
export { MAX_ANSWERS, MAX_SETTINGS, MAX_SHEETS, MAX_TICKS };

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

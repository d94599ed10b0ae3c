// The reader's applications, as the store keeps them: one item per
// application, "app:<id>", holding its JSON text. Each is checked whole when
// it is read (from this browser or from a data file): an application with
// any part out of shape is left out, never half-used, and a data file
// holding one is refused.
import { parseDate } from "./dates.js";
import { isRecord, storedNames } from "./reader-data.js";
import { ID, read, wellFormed, write } from "./store.js";

export const APP = "app:";
export const MAX_APPLICATIONS = 1000;
export const MAX_TEXT = 2000;
const MAX_FIELDS = 30;
const MAX_STAGES = 60;
const KEYS = ["id", "fields", "stages", "outcome", "snooze", "dismissed", "created"];

// A stage's, an outcome's or a snooze's day: a real date the form would accept.
const isDay = (value) => parseDate(value) !== null;
const isText = (value) => typeof value === "string" && value.length <= MAX_TEXT;

function cleanFields(fields) {
  if (!isRecord(fields)) return null;
  const entries = Object.entries(fields);
  if (entries.length > MAX_FIELDS || !entries.every(([name, value]) => ID.test(name) && isText(value))) return null;
  return Object.fromEntries(entries.filter(([, value]) => value.trim()).map(([name, value]) => [name, wellFormed(value)]));
}

function cleanStages(stages) {
  if (!Array.isArray(stages) || !stages.length || stages.length > MAX_STAGES) return null;
  const fine = (stage) => isRecord(stage) && Object.keys(stage).length === 2 && ID.test(stage.stage ?? "") && isDay(stage.date);
  return stages.every(fine) ? stages.map(({ stage, date }) => ({ stage, date })) : null;
}

function cleanOutcome(outcome) {
  if (outcome === null) return null;
  const keys = isRecord(outcome) ? Object.keys(outcome) : [];
  const fine = keys.every((key) => ["id", "date", "path"].includes(key)) && ID.test(outcome.id ?? "") && isDay(outcome.date) &&
    (outcome.path === undefined || ID.test(outcome.path));
  if (!fine) return undefined;
  return outcome.path ? { id: outcome.id, date: outcome.date, path: outcome.path } : { id: outcome.id, date: outcome.date };
}

/** ``value`` as the store keeps an application, or null if any part of it is out of shape. */
export function cleanApplication(value) {
  if (!isRecord(value) || !Object.keys(value).every((key) => KEYS.includes(key))) return null;
  const { id, created = 0, snooze = null, dismissed = null } = value;
  if (typeof id !== "string" || !ID.test(id) || id.length > 40) return null;
  const fields = cleanFields(value.fields);
  const stages = cleanStages(value.stages);
  const outcome = cleanOutcome(value.outcome ?? null);
  if (!fields || !stages || outcome === undefined) return null;
  if (snooze !== null && !isDay(snooze)) return null;
  if (dismissed !== null && !(typeof dismissed === "string" && dismissed.length <= 100)) return null;
  if (!Number.isInteger(created) || created < 0 || created > 8.64e15) return null;
  return { id, fields, stages, outcome, snooze, dismissed, created };
}

/** The text one application is stored as: the same for the same application. */
export const applicationText = (application) => JSON.stringify(cleanApplication(application));

/** The stored application under item ``name`` ("app:x"), checked, or null. */
export function parseApplication(text) {
  try {
    return cleanApplication(JSON.parse(text));
  } catch {
    return null;
  }
}

/** Every application kept here, checked; damaged ones are left out (never thrown). */
export function readApplications() {
  const found = [];
  for (const name of storedNames()) {
    if (!name.startsWith(APP)) continue;
    const application = parseApplication(read(name));
    if (application && name === APP + application.id) found.push(application);
  }
  return found;
}

/** Keep ``application``: {ok: true} or {ok: false, reason}. */
export function writeApplication(application) {
  const clean = cleanApplication(application);
  if (!clean) return { ok: false, reason: "that application is not complete" };
  return write(APP + clean.id, JSON.stringify(clean));
}

export const removeApplication = (id) => write(APP + id, null);

/** A new id: short, random, and one the store accepts. */
export function newId() {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => (byte % 36).toString(36)).join("");
}

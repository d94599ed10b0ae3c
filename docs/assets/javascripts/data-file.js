// Data files: what "Download my data" writes, and what "Load" checks
// completely, compares with what is here, and then applies, replacing or
// merging, in a way that can be undone exactly.
//
// Inside, the reader's data is a map of items to values: "tick:<id>" to "1",
// "answers:<worksheet>:<field>" to one answer, each setting by its name
// ("start:<situation>", "detail:<name>", ...) to its text, and each
// application of the log ("app:<id>") to its JSON text. Every item has the
// time it was last written (store.js keeps them here; a file carries them),
// so a merge keeps the newer value of each item.
import {
  FORMAT, MAX_ANSWERS, MAX_FILE_BYTES, MAX_SETTINGS, MAX_SHEETS, MAX_TICKS, VERSION, answersValue, becomeExactly,
  isAnswer, isDataName, isRecord, isSetting, readAnswers, snapshot, storedNames,
} from "./reader-data.js";
import {
  ANSWERS, AT, ID, MAX_TIME, TICK, carryHeard, couldNotSave, isTicked, read, wellFormed, writtenAt,
} from "./store.js";
import { APP, MAX_APPLICATIONS, cleanApplication, parseApplication } from "./applications-data.js";

/** A file that cannot be loaded; ``changed`` says whether stored data was touched anyway. */
export class DataError extends Error {
  constructor(message, changed = false) {
    super(message);
    this.changed = changed;
  }
}

/** Everything the reader keeps here, as items (see above). */
export function itemsHere() {
  const items = new Map();
  for (const name of storedNames()) {
    if (name.startsWith(TICK)) {
      const id = name.slice(TICK.length);
      if (ID.test(id) && isTicked(id)) items.set(name, "1");
    } else if (name.startsWith(ANSWERS)) {
      const slug = name.slice(ANSWERS.length);
      if (ID.test(slug)) for (const [field, answer] of Object.entries(readAnswers(slug))) items.set(`${name}:${field}`, answer);
    } else if (name.startsWith(APP)) {
      const application = parseApplication(read(name));
      if (application && name === APP + application.id) items.set(name, JSON.stringify(application));
    } else if (isDataName(name)) {
      const value = read(name);
      if (isSetting(name, value)) items.set(name, value);
    }
  }
  return items;
}

// The items as the store keeps them: name to stored text.
function storedForm(items) {
  const stored = new Map();
  const sheets = new Map();
  for (const [item, value] of items) {
    if (item.startsWith(ANSWERS)) {
      const [slug, field] = item.slice(ANSWERS.length).split(":");
      if (!sheets.has(slug)) sheets.set(slug, {});
      sheets.get(slug)[field] = value;
    } else stored.set(item, item.startsWith(TICK) ? "1" : value);
  }
  for (const [slug, answers] of sheets) {
    const value = answersValue(answers);
    if (value !== null) stored.set(ANSWERS + slug, value);
  }
  return stored;
}

/** The file "Download my data" saves: every item and the time it was written. */
export function exportData() {
  const data = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), ticks: [], answers: {}, settings: {}, applications: {}, times: {} };
  for (const [item, value] of itemsHere()) {
    if (item.startsWith(TICK)) data.ticks.push(item.slice(TICK.length));
    else if (item.startsWith(APP)) data.applications[item.slice(APP.length)] = JSON.parse(value);
    else if (item.startsWith(ANSWERS)) {
      const [slug, field] = item.slice(ANSWERS.length).split(":");
      (data.answers[slug] ??= {})[field] = value;
    } else data.settings[item] = value;
    const time = writtenAt(item);
    if (time) data.times[item] = time;
  }
  data.ticks.sort();
  return data;
}

// "applications" is optional: files from before the log still load.
const EXPECTED = ["format", "version", "exported", "ticks", "answers", "settings", "applications", "times"];
const damaged = (what) => new DataError(`The ${what} in that file are damaged, so it was not loaded.`);
const MAX_ITEMS = MAX_TICKS + MAX_SHEETS * MAX_ANSWERS + MAX_SETTINGS + MAX_APPLICATIONS;

// Each part of a file is checked as the store would keep it: a file with any
// part the store would drop or change is refused whole.
function checkTicks(ticks) {
  if (!Array.isArray(ticks) || ticks.length > MAX_TICKS || !ticks.every((id) => typeof id === "string" && ID.test(id)))
    throw damaged("ticks");
}

function checkAnswers(answers) {
  if (!isRecord(answers) || Object.keys(answers).length > MAX_SHEETS) throw damaged("answers");
  for (const [slug, sheet] of Object.entries(answers)) {
    const entries = isRecord(sheet) ? Object.entries(sheet) : null;
    if (!ID.test(slug) || !entries || entries.length > MAX_ANSWERS || !entries.every(([name, answer]) => isAnswer(name, answer)))
      throw damaged("answers");
  }
}

function checkSettings(given) {
  if (!isRecord(given) || Object.keys(given).length > MAX_SETTINGS) throw damaged("settings");
  const settings = carryHeard({ ...given });
  if (!Object.entries(settings).every(([name, value]) => isSetting(name, value))) throw damaged("settings");
  return settings;
}

// Each application whole, under its own id; one out of shape refuses the file.
function checkApplications(applications) {
  const entries = isRecord(applications) ? Object.entries(applications) : null;
  if (!entries || entries.length > MAX_APPLICATIONS) throw damaged("applications");
  return entries.map(([id, value]) => {
    const application = cleanApplication(value);
    if (!application || application.id !== id) throw damaged("applications");
    return application;
  });
}

function checkTimes(times) {
  const entries = isRecord(times) ? Object.entries(times) : null;
  const fine = ([item, time]) => item.length <= 300 && Number.isInteger(time) && time >= 0 && time <= MAX_TIME;
  if (!entries || entries.length > MAX_ITEMS || !entries.every(fine)) throw damaged("times");
  return new Map(entries);
}

/** A downloaded file checked completely: {items, times} or a DataError. Nothing is changed. */
export function parseData(text) {
  if (text.length > MAX_FILE_BYTES) throw new DataError("That file is over 1 MB, so it is not one this site made.");
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DataError("That file is not a data file from this site (it is not valid JSON).");
  }
  if (!isRecord(data) || data.format !== FORMAT) throw new DataError("That file is not a data file from this site.");
  const extra = Object.keys(data).filter((key) => !EXPECTED.includes(key));
  if (extra.length) throw new DataError(`That file has unexpected entries (${extra.slice(0, 3).join(", ")}), so it was not loaded.`);
  if (data.version !== VERSION) throw new DataError("That file was made by a different version of this site.");
  if ("exported" in data && (typeof data.exported !== "string" || data.exported.length > 100)) throw damaged("dates");
  checkTicks(data.ticks);
  checkAnswers(data.answers);
  const settings = checkSettings(data.settings ?? {});
  const applications = checkApplications(data.applications ?? {});
  const given = checkTimes(data.times ?? {});
  // A file from before times were kept: each item is as old as the file.
  const exported = Date.parse(data.exported ?? "");
  const fallback = Number.isFinite(exported) && exported > 0 ? exported : 0;
  const items = new Map();
  for (const id of data.ticks) items.set(TICK + id, "1");
  for (const [slug, sheet] of Object.entries(data.answers))
    for (const [field, answer] of Object.entries(sheet))
      items.set(`${ANSWERS}${slug}:${field}`, typeof answer === "string" ? wellFormed(answer) : answer);
  for (const [name, value] of Object.entries(settings)) items.set(name, wellFormed(value));
  for (const application of applications) items.set(APP + application.id, JSON.stringify(application));
  const times = new Map([...items.keys()].map((item) => [item, given.get(item) ?? fallback]));
  return { items, times };
}

/** How many of each kind the items hold. */
export function counts(items) {
  const worksheets = new Set();
  const count = { ticks: 0, worksheets: 0, dates: 0, details: 0, situation: 0, applications: 0 };
  for (const item of items.keys()) {
    if (item.startsWith(TICK)) count.ticks++;
    else if (item.startsWith(APP)) count.applications++;
    else if (item.startsWith(ANSWERS)) worksheets.add(item.split(":")[1]);
    else if (item.startsWith("start:")) count.dates++;
    else if (item === "situation") count.situation = 1;
    else count.details++;
  }
  count.worksheets = worksheets.size;
  return count;
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Counts in words: "1 tick, answers for 2 worksheets and 1 date", or "nothing". */
export function describe(count) {
  const parts = [];
  if (count.ticks) parts.push(plural(count.ticks, "tick"));
  if (count.worksheets) parts.push(`answers for ${plural(count.worksheets, "worksheet")}`);
  if (count.dates) parts.push(plural(count.dates, "date"));
  if (count.details) parts.push(plural(count.details, "detail"));
  if (count.applications) parts.push(plural(count.applications, "application"));
  if (count.situation) parts.push("your situation");
  if (!parts.length) return "nothing";
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** Apply a parsed file: "replace" makes the data exactly the file's; "merge"
 *  takes each item from the file only where the file's is newer. Returns
 *  {before, taken}: everything kept here before (for undo) and the items taken. */
export function applyLoad(file, mode) {
  const before = snapshot();
  const here = itemsHere();
  const taken = new Map();
  for (const [item, value] of file.items) {
    const hereTime = writtenAt(item);
    const newer = file.times.get(item) > hereTime || (!here.has(item) && hereTime === 0);
    if (mode === "replace" || (newer && here.get(item) !== value)) taken.set(item, value);
  }
  const result = new Map(mode === "replace" ? [] : here);
  for (const [item, value] of taken) result.set(item, value);
  // Keep every note but the data (and, on a replace, the times of what it replaces).
  const target = new Map([...before].filter(([name]) => !isDataName(name) && !(mode === "replace" && name.startsWith(AT))));
  for (const [name, value] of storedForm(result)) target.set(name, value);
  for (const item of taken.keys()) if (file.times.get(item)) target.set(AT + item, String(file.times.get(item)));
  const done = becomeExactly(target);
  if (!done.ok) {
    const lost = done.changed ? " Some of what was stored before could not be put back." : "";
    throw new DataError(couldNotSave(done.reason) + lost, done.changed);
  }
  return { before, taken };
}

/** Put back exactly what ``applyLoad`` found here. Throws DataError. */
export function undoLoad(before) {
  const done = becomeExactly(before);
  if (!done.ok) throw new DataError(`${couldNotSave(done.reason)} The loaded data is still here.`, done.changed);
}

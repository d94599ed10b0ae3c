// What the applications log works out from the reader's applications and
// the guide's declaration: each application's stage and round, whether it
// has gone quiet, the order of the list, and where applications stop. Plain
// functions of what they are given (no page, no storage), so they are unit
// tested under node (tests/js/applications-state.test.js).
import { addDays, daysBetween, parseDate, today } from "./dates.js";

// Each stage's place in the order, made once per declaration: the log asks for it per application.
const indexes = new WeakMap();
function stageIndex(log) {
  if (!indexes.has(log)) indexes.set(log, new Map(log.stages.map((stage, at) => [stage.id, at])));
  return indexes.get(log);
}

/** What the log knows of one application on ``now``: its stage, and whether it has gone quiet. */
export function describeApplication(log, application, now = today()) {
  const index = stageIndex(log);
  const last = application.stages[application.stages.length - 1];
  const round = application.stages.filter((entry) => entry.stage === last.stage).length;
  const stage = log.stages[index.get(last.stage)] ?? null;
  const furthest = Math.max(-1, ...application.stages.map((entry) => index.get(entry.stage) ?? -1));
  const since = parseDate(last.date);
  const state = { stage, round, last, since, furthest, days: since ? daysBetween(since, now) : 0, due: null, quiet: false };
  if (application.outcome || !stage || !since) return state;
  if (stage.quiet) {
    state.due = addDays(since, stage.quiet);
    const snoozed = application.snooze && parseDate(application.snooze) > now;
    state.quiet = state.days >= stage.quiet && !snoozed && application.dismissed !== quietMark(application);
  }
  return state;
}

/** The mark a dismissed flag keeps: it is for one stage, and moving on brings the next one back. */
export const quietMark = (application) => `${application.stages.at(-1).stage}:${application.stages.length}`;

/** A stage's name with its round from the second round on: "Call 2". */
export function stageName(stage, round) {
  if (!stage) return "A stage this guide no longer has";
  return round > 1 ? `${stage.label} ${round}` : stage.label;
}

/** The order of the log: no news first (longest first), then by the next date, then ended (latest first). */
export function sortKey(application, state) {
  if (application.outcome) return [3, -Date.parse(application.outcome.date)];
  if (state.quiet) return [0, -state.days];
  if (state.due) return [1, state.due.getTime()];
  return [2, state.since ? state.since.getTime() : 0];
}

export const compare = (a, b) => a[0] - b[0] || a[1] - b[1];

/** Per stage: how many reached it, and of those decided there, how many went on. */
export function dropOut(log, applications) {
  const index = stageIndex(log);
  const furthest = applications.map((app) => Math.max(-1, ...app.stages.map((entry) => index.get(entry.stage) ?? -1)));
  return log.stages.map((stage, at) => {
    const reached = furthest.filter((far) => far >= at).length;
    const wentOn = furthest.filter((far) => far > at).length;
    const endedHere = applications.filter((app, i) => app.outcome && furthest[i] === at).length;
    const decided = wentOn + endedHere;
    const last = at === log.stages.length - 1;
    const judged = !last && decided >= log.minJudged;
    const rate = decided ? wentOn / decided : null;
    const low = Boolean(judged && stage.advice && rate * 100 < stage.advice.below);
    return { stage, reached, wentOn, decided, rate, judged, low, last };
  });
}

export function nameOf(log, application) {
  const [first, second] = log.fields;
  const company = application.fields[first.id] ?? "";
  const role = second ? application.fields[second.id] ?? "" : "";
  return role ? `${company} · ${role}` : company;
}

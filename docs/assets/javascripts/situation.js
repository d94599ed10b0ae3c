// A situation's path with real dates. Each situation counts its days from a
// date of its own ("the day you heard", "the day they said they would
// decide"), kept under start:<situation>. With that date every day heading
// shows its date and every step says where it stands, in words: Today,
// Coming up, Done, and for a past step not yet done "Still to do" (or
// "When you're ready" for replies and rest). Without a date, or without
// JavaScript, the page shows each step's day count, which is plain HTML.
import { ID, couldNotSave, isTicked, read, write } from "./store.js";
import { addDays, formatDate, isoDate, onNewDay, parseDate, today } from "./dates.js";

export const SITUATION = "situation";
/** Where a situation's start date is kept: each situation counts from its own day. */
export const startKey = (slug) => `start:${slug}`;
// A date the employer gives may be ahead; a year is as far as any path plans.
const AHEAD = 365;

/** The stored date situation ``slug`` counts its days from, or null. */
export function heardDate(slug) {
  return ID.test(slug ?? "") ? parseDate(read(startKey(slug))) : null;
}

/** The situation the reader chose, if its name is a valid one. */
export function chosenSituation() {
  const slug = read(SITUATION);
  return slug && ID.test(slug) ? slug : null;
}

const slugOf = (path) => path.dataset.situation ?? path.dataset.planFor;

/** Where a step stands on ``due``: [its words, a word for styles], or null without a date. */
export function stepStatus(due, done, gentle, now = today()) {
  if (done) return ["Done", "done"];
  if (!due) return null;
  if (due.getTime() === now.getTime()) return ["Today", "today"];
  if (due > now) return ["Coming up", "coming"];
  return gentle ? ["When you're ready", "ready"] : ["Still to do", "todo"];
}

// Show real dates and statuses on every day group inside ``root``, or the day counts again.
function showDates(root, start) {
  const now = today();
  for (const group of root.querySelectorAll("[data-day]")) {
    const day = Number(group.dataset.day);
    const label = group.querySelector("[data-day-label]");
    label.dataset.offset ??= label.textContent;
    const due = start ? addDays(start, day) : null;
    const text = !due ? label.dataset.offset : due.getTime() === now.getTime() ? `Today, ${formatDate(due)}` : formatDate(due);
    if (label.textContent !== text) label.textContent = text;
    const count = group.querySelector("[data-day-count]");
    if (count) count.hidden = Boolean(due);
    for (const item of group.querySelectorAll("li[data-step]")) {
      const box = item.querySelector("input[data-action]");
      const done = Boolean(box && isTicked(box.dataset.action));
      const status = stepStatus(due, done || Boolean(box?.checked), item.hasAttribute("data-gentle"), now);
      const tag = item.querySelector("[data-status]");
      if (tag) {
        const words = status ? status[0] : "";
        if (tag.textContent !== words) tag.textContent = words;
        if (status) tag.dataset.state = status[1];
        else delete tag.dataset.state;
      }
      // A step that is done needs no reminder.
      const button = item.querySelector("[data-calendar-step]");
      if (button) button.hidden = !button.dataset.ready || done || Boolean(box?.checked);
    }
  }
  const print = root.querySelector("[data-heard-print]");
  if (print) {
    const label = root.querySelector("[data-heard] label")?.textContent ?? "";
    print.textContent = start ? `${label}: ${formatDate(start, true)}` : "";
    print.hidden = !start;
  }
}

function initHeard(path) {
  const form = path.querySelector("[data-heard]");
  if (!form || form.dataset.ready) return;
  form.dataset.ready = "1";
  const input = form.querySelector("[data-heard-input]");
  const status = form.querySelector("[data-heard-status]");
  const choice = form.querySelector("[data-heard-choice]");
  const slug = path.dataset.situation;
  const ahead = path.hasAttribute("data-future-start");
  const what = form.querySelector("label").textContent.trim().toLowerCase();
  // Said once per change: a live region that repeats itself is noise.
  const say = (text, invalid = false) => {
    if (status.textContent !== text) status.textContent = text;
    if (invalid) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };
  let unsaved = null; // a date the browser would not keep, still used on this page

  const latest = () => addDays(today(), ahead ? AHEAD : 0);
  const current = () => heardDate(slug) ?? unsaved;
  const refresh = () => {
    input.max = isoDate(latest());
    const start = current();
    if (document.activeElement !== input) input.value = start ? isoDate(start) : "";
    showDates(path, start);
  };
  // A date is checked when the reader leaves the field, not while they type:
  // typing a year passes through 0002, 0020, 0202, which are not mistakes yet.
  const problem = (value) => {
    if (!value) return null;
    const date = parseDate(value);
    if (!date) return "That is not a date this page can use: check the day, month and year.";
    if (date > latest()) return ahead ? "That is more than a year away: check the year." : `That day is still to come: give ${what}.`;
    return null;
  };
  const save = (date) => {
    const saved = write(startKey(slug), isoDate(date));
    const chosen = saved.ok ? write(SITUATION, slug) : saved;
    unsaved = chosen.ok ? null : date;
    choice.hidden = true;
    refresh();
    if (!chosen.ok) return say(`${couldNotSave(chosen.reason)} The dates below are for this visit only.`);
    say(`Steps are dated from ${formatDate(date, true)}.`);
  };
  input.addEventListener("change", () => {
    const date = parseDate(input.value);
    if (date && !problem(input.value)) save(date);
  });
  input.addEventListener("blur", () => {
    const value = input.value;
    const error = problem(value);
    if (error) return say(error, true);
    const start = current();
    if (!value && start) {
      // An emptied field: the reader chooses between no date and the old one.
      form.querySelector("[data-heard-kept]").textContent = formatDate(start, true);
      choice.hidden = false;
      return say("The date is empty. Clear it, or keep the one you gave before?");
    }
    // A mistake put right takes its message away; anything else stays put, so
    // nothing below moves while the reader reaches for it.
    if (input.getAttribute("aria-invalid")) say("");
  });
  form.querySelector("[data-heard-clear]").addEventListener("click", () => {
    const cleared = write(startKey(slug), null);
    if (!cleared.ok) return say(couldNotSave(cleared.reason));
    unsaved = null;
    choice.hidden = true;
    refresh();
    say("Date cleared: each step shows its day count again.");
    input.focus();
  });
  form.querySelector("[data-heard-keep]").addEventListener("click", () => {
    choice.hidden = true;
    refresh();
    say(`Kept: steps are dated from ${formatDate(current(), true)}.`);
    input.focus();
  });
  form.hidden = false;
  path.refreshStart = refresh;
  path.currentStart = current;
  path.askForStart = () => {
    say(`Give ${what} first, so each step has its date.`);
    input.focus();
  };
  refresh();
}

// The plan: the reader's own situation first, once they have chosen one;
// the reference list of every step then folds away below it.
function initPlan(plan) {
  const slug = chosenSituation();
  const path = slug && plan.querySelector(`[data-plan-for="${slug}"]`);
  if (!path) return;
  plan.querySelector("[data-plan-none]").hidden = true;
  path.hidden = false;
  const start = heardDate(slug);
  const note = path.querySelector("[data-plan-heard]");
  const from = path.dataset.countsFrom ?? "";
  if (note) note.textContent = start ? `Dated from ${from}, ${formatDate(start, true)}.` : "";
  showDates(path, start);
  const every = document.querySelector("[data-every-step]");
  if (every) every.open = false;
}

/** The date ``path`` counts from: stored, or given on this page but not kept by the browser. */
export const startOf = (path) => (path.currentStart ? path.currentStart() : heardDate(slugOf(path)));

/** Redraw every path's dates and statuses (after a tick, a new day, or another tab's change). */
export function refreshDue() {
  for (const path of document.querySelectorAll(".guide-path")) {
    if (path.hidden) continue;
    if (path.refreshStart) path.refreshStart();
    else showDates(path, heardDate(slugOf(path)));
  }
}

export function initSituations() {
  for (const path of document.querySelectorAll(".guide-path[data-situation]")) initHeard(path);
  for (const plan of document.querySelectorAll("[data-plan]")) initPlan(plan);
  onNewDay(refreshDue);
}

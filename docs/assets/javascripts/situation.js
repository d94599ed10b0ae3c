// The day the reader heard: real dates on a situation's steps, what is due
// today and what is overdue. Without a date (or without JavaScript) the
// page shows each step's day count, which is plain HTML.
import { redrawOnChange } from "./changes.js";
import { couldNotSave, isTicked, read, write } from "./store.js";

export const SITUATION = "situation";
/** Where a situation's start date is kept: each situation counts from its own day. */
export const startKey = (slug) => `start:${slug}`;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DAY = 24 * 60 * 60 * 1000;

/** A "YYYY-MM-DD" text as a local date at midnight, or null if it is not a real date. */
export function parseDate(text) {
  const match = typeof text === "string" && DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(year, month - 1, day);
  const real = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
  return real && year >= 2000 && year <= 2100 ? date : null;
}

export const isoDate = (date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

export function today() {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** ``date`` plus ``days`` calendar days (a DST change never shifts the day). */
export const addDays = (date, days) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);

const format = (date) =>
  date.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });

/** The stored date situation ``slug`` counts its days from, or null. */
export function heardDate(slug) {
  return SLUG.test(slug ?? "") ? parseDate(read(startKey(slug))) : null;
}

/** The situation the reader chose, if it is one this page knows. */
export function chosenSituation() {
  const slug = read(SITUATION);
  return slug && SLUG.test(slug) ? slug : null;
}

// Show real dates on every day group inside ``root``, or the day counts again.
function showDates(root, heard) {
  const now = today();
  for (const group of root.querySelectorAll("[data-day]")) {
    const day = Number(group.dataset.day);
    const label = group.querySelector("[data-day-label]");
    label.dataset.offset ??= label.textContent;
    const due = heard ? addDays(heard, day) : null;
    const text = !due ? label.dataset.offset : due.getTime() === now.getTime() ? `Today, ${format(due)}` : format(due);
    if (label.textContent !== text) label.textContent = text;
    for (const item of group.querySelectorAll("li.guide-task")) {
      const box = item.querySelector("input[data-action]");
      let mark = item.querySelector(".guide-due");
      const done = box && isTicked(box.dataset.action);
      const state = !due || done ? "" : due.getTime() === now.getTime() ? "Due today" : due < now ? "Overdue" : "";
      if (!state) {
        mark?.remove();
        continue;
      }
      if (!mark) {
        mark = document.createElement("strong");
        mark.className = "guide-due";
        item.querySelector(".guide-task__label")?.after(mark);
      }
      mark.textContent = state;
      mark.dataset.due = state === "Due today" ? "today" : "overdue";
    }
  }
}

function initHeard(path) {
  const form = path.querySelector("[data-heard]");
  if (!form) return;
  const input = form.querySelector("[data-heard-input]");
  const status = form.querySelector("[data-heard-status]");
  const slug = path.dataset.situation;
  const say = (text) => {
    if (status.textContent !== text) status.textContent = text;
  };
  input.max = isoDate(today());
  const refresh = () => {
    const heard = heardDate(slug);
    input.value = heard ? isoDate(heard) : "";
    showDates(path, heard);
    say(heard ? `Dates count from the day you heard, ${format(heard)}.` : "");
  };
  input.addEventListener("change", () => {
    if (!input.value) return;
    const date = parseDate(input.value);
    if (!date) return say("That is not a date this page can use: pick the day from the calendar.");
    if (date > today()) return say("That day is still to come: give the day you heard the news.");
    const saved = write(startKey(slug), isoDate(date));
    const chosen = saved.ok ? write(SITUATION, slug) : saved;
    if (!chosen.ok) {
      showDates(path, date);
      return say(`${couldNotSave(chosen.reason)} The dates below are shown for this visit only.`);
    }
    refresh();
  });
  form.querySelector("[data-heard-clear]")?.addEventListener("click", () => {
    const cleared = write(startKey(slug), null);
    if (!cleared.ok) return say(couldNotSave(cleared.reason));
    refresh();
  });
  form.hidden = false;
  refresh();
  // A date set or cleared in another tab (or by a load) shows here too, in the field as well.
  redrawOnChange(path, "dates", refresh);
}

// The plan: the reader's own situation first, once they have chosen one.
function initPlan(plan) {
  const slug = chosenSituation();
  const path = slug && plan.querySelector(`[data-plan-for="${slug}"]`);
  if (!path) return;
  plan.querySelector("[data-plan-none]").hidden = true;
  path.hidden = false;
  const heard = heardDate(slug);
  const note = path.querySelector("[data-plan-heard]");
  if (note) note.textContent = heard ? `You heard on ${format(heard)}.` : "";
  showDates(path, heard);
}

export function initSituations() {
  for (const path of document.querySelectorAll(".guide-path[data-situation]")) initHeard(path);
  for (const plan of document.querySelectorAll("[data-plan]")) initPlan(plan);
}

/** Ticks change what is due: redraw the marks (called after any tick). */
export function refreshDue() {
  for (const path of document.querySelectorAll(".guide-path"))
    if (!path.hidden) showDates(path, heardDate(path.dataset.situation ?? path.dataset.planFor));
}

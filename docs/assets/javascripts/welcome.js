// "Your plan" for a returning reader: on the home page and /start/, a reader
// who follows a situation sees it first, with what is due today and one
// button back into it. A first visit, or a page without JavaScript, is as
// it was: the box stays hidden.
import { addDays, daysBetween, today } from "./dates.js";
import { isTicked } from "./store.js";
import { chosenSituation, heardDate } from "./situation.js";

const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;

function readPaths(box) {
  try {
    const paths = JSON.parse(box.dataset.welcomePaths ?? "{}");
    return paths && typeof paths === "object" ? paths : {};
  } catch {
    return {};
  }
}

/** What the box says of a path: "2 steps today · 1 of 7 done", from the steps' days and ticks. */
export function summary(steps, start, isDone, now = today()) {
  const done = steps.filter(([, action]) => isDone(action)).length;
  const progress = `${done} of ${steps.length} done`;
  if (done === steps.length) return `Every step is done · ${progress}`;
  if (!start) return progress;
  const day = daysBetween(start, now);
  const due = steps.filter(([when, action]) => when === day && !isDone(action)).length;
  const waiting = steps.filter(([when, action]) => when < day && !isDone(action)).length;
  const next = steps.find(([when, action]) => when > day && !isDone(action));
  const parts = [];
  if (due) parts.push(`${plural(due, "step", "steps")} today`);
  if (waiting) parts.push(`${plural(waiting, "step", "steps")} still to do`);
  if (!due && !waiting && next) {
    const ahead = daysBetween(now, addDays(start, next[0]));
    parts.push(ahead === 1 ? "next step tomorrow" : `next step in ${ahead} days`);
  }
  return [...parts, progress].join(" · ");
}

function show(box) {
  const slug = chosenSituation();
  const path = slug && readPaths(box)[slug];
  if (!path || typeof path.url !== "string" || !Array.isArray(path.steps)) {
    box.hidden = true;
    return;
  }
  box.querySelector("[data-welcome-title]").textContent = String(path.title ?? "");
  box.querySelector("[data-welcome-due]").textContent = summary(path.steps, heardDate(slug), isTicked);
  box.querySelector("[data-welcome-continue]").href = path.url;
  // First on the page: straight under the title.
  const title = document.querySelector(".md-content h1");
  if (title && title.nextElementSibling !== box) title.after(box);
  box.hidden = false;
}

export function initWelcome() {
  for (const box of document.querySelectorAll("[data-welcome]")) show(box);
}

export const refreshWelcome = initWelcome;

// Lines the page itself says, above its content: that this browser saves
// nothing (before the reader types), or that one part of the page could not
// start (so the reader knows which part, while the rest works).
import { storageProblem } from "./store.js";

// What on a page saves what the reader does.
const SAVES = 'input[data-action], form[data-worksheet], [data-composer], [data-heard], [data-data-controls]';
// A saver's own note about blocked storage, when it already shows one.
const OWN_NOTES = "[data-store-error]:not([hidden]), [data-saved].ws-saved--failed";
// Savers with no note of their own until the reader has typed.
const SILENT = "[data-composer], [data-heard]";

function say(kind, text) {
  const article = document.querySelector("article") ?? document.body;
  let note = article.querySelector(`[data-page-note="${kind}"]`);
  if (!note) {
    note = document.createElement("p");
    note.className = "guide-page-note guide-print-hide";
    note.setAttribute("role", "note");
    note.dataset.pageNote = kind;
    const heading = article.querySelector("h1");
    if (heading) heading.after(note);
    else article.prepend(note);
  }
  if (note.textContent !== text) note.textContent = text;
  return note;
}

/** On a page that saves, say in one line when this browser saves nothing at all. */
export function sayIfBlocked() {
  const problem = storageProblem();
  if (!problem || !document.querySelector(SAVES)) return;
  const shown = [...document.querySelectorAll(OWN_NOTES)].some((note) => note.checkVisibility?.() ?? true);
  if (!shown || document.querySelector(SILENT)) say("blocked", `Nothing you tick or type on this page can be saved: ${problem}.`);
}

/** Say that one part of the page (``what``) did not start, and why. */
export function sayFailed(what, error) {
  const reason = (error && error.message) || String(error);
  console.warn(`The ${what} on this page did not start:`, error);
  const note = say("failed", "");
  const parts = (note.dataset.parts ? note.dataset.parts.split("|") : []).concat(what);
  note.dataset.parts = parts.join("|");
  note.textContent = `Part of this page did not start (${parts.join(", ")}): ${reason}. Reload the page to try again; the rest works.`;
}

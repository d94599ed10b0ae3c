// Data that survives: ask the browser to keep what the reader saves, say on
// the Privacy page whether it agreed, and, where the reader works, now and
// then suggest downloading a copy.
import { itemsHere } from "./data-file.js";
import { DAY_MS, dayOf, today } from "./dates.js";
import { scoped, storageProblem } from "./store.js";

const REMIND_AFTER = 7 * DAY_MS; // Safari deletes script-written storage after seven days without a visit
// Dates kept beside the reader's data, under the same site-scoped prefix, so
// "Delete my data" removes them too; a download leaves them out. They are
// written straight to storage: they are notes about the data, not the data,
// and store.js announces only the reader's own writes.
const KEY = "kept:";
const WORKSPACE = "[data-guide-workspace]";

function recall(name) {
  try {
    const time = Number(window.localStorage.getItem(scoped(KEY + name)));
    return time > 0 ? time : null;
  } catch {
    return null; // storage blocked: nothing was kept, so there is nothing to suggest
  }
}

function stored(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(name) {
  try {
    window.localStorage.setItem(scoped(KEY + name), String(Date.now()));
  } catch {
    // Storage full or blocked: the prompt may show again, which does no harm.
  }
}

const hasData = () => itemsHere().size > 0;

let asked = false;

// The first successful write: ask once per page load (Firefox asks the reader).
export async function onStored(event) {
  // Only a write that stored something counts: a removal ("Delete my data")
  // leaves nothing to keep a date for.
  if (!event.detail?.ok || stored(event.detail.key) === null) return;
  if (recall("first-visit") === null) remember("first-visit");
  if (asked || !navigator.storage?.persist) return;
  asked = true;
  try {
    if (!(await navigator.storage.persisted())) await navigator.storage.persist();
  } catch {
    // Refused without an answer (some private modes): the status line says "may delete".
  }
  showKept();
}

export async function showKept() {
  const line = document.querySelector("[data-kept]");
  if (!line) return;
  // Nothing can be kept at all: there is nothing the browser could delete.
  const problem = storageProblem();
  const kept = navigator.storage?.persisted ? await navigator.storage.persisted().catch(() => false) : false;
  line.textContent = problem
    ? `This browser saves nothing for this site (${problem}): what you tick or type lasts only until you leave the page.`
    : kept
    ? "This browser has agreed to keep your data."
    : "This browser may delete your data: when the device runs short of space, or in Safari after seven days without a visit. Download a copy to keep it safe.";
  line.hidden = false;
}

// The reminder goes away. If focus was in it (its own buttons), it moves to
// the first control of the checklist or worksheet the reminder stood above,
// not to the page's body, where a keyboard user would have to start again.
function close(box) {
  const hadFocus = box.contains(document.activeElement);
  const next = box.nextElementSibling;
  box.remove();
  if (!hadFocus || !next) return;
  const control = [...next.querySelectorAll("input:not([type=hidden]):not([disabled]), textarea, select, button, a[href]")]
    .find((el) => el.getClientRects().length > 0);
  if (control) {
    control.focus();
  } else {
    next.setAttribute("tabindex", "-1");
    next.focus();
  }
}

// A download was made (here or on the Privacy page): no reminder for a week.
export function noteDownloaded() {
  remember("downloaded");
  const box = document.querySelector("[data-keep-prompt]");
  if (box) close(box);
}

function due() {
  const first = recall("first-visit");
  if (first === null || dayOf(first).getTime() === today().getTime()) return false;
  const last = Math.max(recall("downloaded") ?? 0, recall("dismissed") ?? 0);
  return Date.now() - last > REMIND_AFTER;
}

function prompt(download) {
  const box = document.createElement("aside");
  box.className = "guide-keep guide-print-hide";
  box.dataset.keepPrompt = "";
  box.setAttribute("aria-label", "Keep a copy of your data");
  box.innerHTML = `<p>Your ticks and answers are kept only in this browser, which may delete them.
    A copy on your device keeps them safe.</p>
    <p class="guide-keep__buttons"><button type="button" class="md-button md-button--primary" data-keep-download>Download my data</button>
    <button type="button" class="md-button" data-keep-dismiss>Not now</button></p>`;
  box.querySelector("[data-keep-download]").addEventListener("click", download);
  box.querySelector("[data-keep-dismiss]").addEventListener("click", () => {
    remember("dismissed");
    close(box);
  });
  return box;
}

// On every page: note the first day the reader had data, fill the Privacy
// page's status line, and show the prompt above the checklist or worksheet.
export function initKeep(download) {
  const data = hasData();
  if (data && recall("first-visit") === null) remember("first-visit");
  showKept();
  const workspace = document.querySelector(WORKSPACE);
  if (workspace && data && due() && !document.querySelector("[data-keep-prompt]")) workspace.before(prompt(download));
}

document.addEventListener("guide:stored", onStored);

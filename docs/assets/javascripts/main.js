// Entry point. Material's instant navigation swaps pages without a reload,
// so everything re-initialises on its document$ stream, not on load alone.
// Each feature starts on its own: one that fails is named on the page and
// never stops the others.
//
// What every page needs is imported here; each feature's module is fetched
// only on a page that has its elements, checked again on every page shown.
import { initFocus } from "./focus.js";
import { initNavigation } from "./navigation.js";
import { registerOffline } from "./offline.js";

// The guide's features, one line each: the name said if it fails, the
// elements that show a page has it, its module, how to start it on a page
// (given refreshAll, for features that change the reader's data) and, if it
// shows the reader's data, how to redraw it. A new feature is one more line.
const FEATURES = [
  ["checklists", "[data-checklist], input[data-action], [data-clear-ticks]", () => import("./checklists.js"),
    (m) => m.initChecklists(() => redraw("dates")), (m) => m.refreshChecklists()],
  ["dates", ".guide-path, [data-plan]", () => import("./situation.js"), (m) => m.initSituations(), (m) => m.refreshDue()],
  ["your plan", "[data-welcome]", () => import("./welcome.js"), (m) => m.initWelcome(), (m) => m.refreshWelcome()],
  ["calendar reminders", "[data-calendar]", () => import("./calendar.js"), (m) => m.initCalendars()],
  ["messages", "[data-message], [data-composer], input[data-detail]", () => import("./messages.js"),
    (m) => m.initMessages(), (m) => m.refreshMessages()],
  ["worksheets", "form[data-worksheet], .ws-write, [data-print], [data-clear-answers]", () => import("./worksheets.js"),
    (m) => m.initWorksheets(), (m) => m.refreshWorksheets()],
  ["applications", "[data-applog]", () => import("./applications.js"), (m) => m.initApplications(), (m) => m.refreshApplications()],
  ["data buttons", "[data-data-controls]", () => import("./data-controls.js"), (m, refreshAll) => m.initDataControls(refreshAll)],
  ["download reminder", "[data-guide-workspace], [data-kept]", () => import("./keep.js"),
    (m) => m.initKeep(() => import("./data-controls.js").then((controls) => controls.downloadData()))],
  ["offline worksheets", "[data-offline-keep]", () => import("./offline-keep.js"), (m) => m.initOfflineKeep()],
  ["offline downloads", "a[download]", () => import("./offline-downloads.js"), (m) => m.initOfflineDownloads()],
  ["print footer", "body", () => import("./print-footer.js"), (m) => m.setPrintFooter()],
  // Elements that save what the reader does (page-notes.js: SAVES). The note's
  // own module is fetched only in a browser that blocks storage.
  ["storage note", "input[data-action], form[data-worksheet], [data-composer], [data-heard], [data-data-controls]",
    () => import("./store.js"), (m) => m.storageProblem() && import("./page-notes.js").then((notes) => notes.sayIfBlocked())],
];

// Modules already fetched, by feature name: only those can have anything to redraw.
const loaded = new Map();
// Each feature's module, fetched once (a later page finds it at once).
const fetching = new Map();

function fetchFeature([what, , load]) {
  if (!fetching.has(what))
    fetching.set(what, load().then((module) => loaded.set(what, module) && module));
  return fetching.get(what);
}

const onThisPage = () => FEATURES.filter(([, on]) => document.querySelector(on));

async function sayFailed(what, error) {
  try {
    (await import("./page-notes.js")).sayFailed(what, error);
  } catch {
    console.warn(`The ${what} on this page did not start:`, error);
  }
}

async function start(what, run) {
  try {
    await run();
  } catch (error) {
    sayFailed(what, error);
  }
}

function redraw(what) {
  const [, , , , refresh] = FEATURES.find(([name]) => name === what);
  const module = loaded.get(what);
  if (module && refresh) start(what, () => refresh(module));
}

// After a load or delete of the reader's data, or a change in another tab,
// every view of it is redrawn, form fields included (the dates redraw the
// date fields, the messages the composer's).
function refreshAll() {
  for (const [name, , , , refresh] of FEATURES) if (refresh) redraw(name);
}

// Started in the order listed, each once its module is here.
// Once all have started (or failed), the body says so for the page shown:
// data-guide-ready holds its path, as instant navigation keeps the body.
async function init() {
  delete document.body.dataset.guideReady;
  start("navigation", initNavigation);
  start("focus", initFocus);
  const here = onThisPage();
  const modules = here.map((feature) => fetchFeature(feature).catch((error) => sayFailed(feature[0], error)));
  for (const [index, [what, , , run]] of here.entries()) {
    const module = await modules[index];
    if (module) await start(what, () => run(module, refreshAll));
  }
  document.body.dataset.guideReady = location.pathname;
}

// The first write of the reader's data, on any page: the reminder's module
// asks the browser to keep the data, and notes the day (keep.js).
document.addEventListener("guide:stored", (event) => {
  if (!loaded.has("download reminder"))
    import("./keep.js").then((module) => {
      if (!loaded.has("download reminder")) module.onStored(event);
      loaded.set("download reminder", module);
    }, () => {});
});

// Another tab changed what is stored (or cleared it all: key null): show it
// here too. Notes beside the data (write times, reminders) change no view.
window.addEventListener("storage", async (event) => {
  if (![...loaded.keys()].some((name) => FEATURES.some(([n, , , , refresh]) => n === name && refresh))) return;
  const [{ isDataName }, { nameOf }] = await Promise.all([import("./reader-data.js"), import("./store.js")]);
  if (event.key === null || isDataName(nameOf(event.key))) refreshAll();
});

start("offline reading", registerOffline);
// The first page's modules are on their way while the theme starts; the
// page's load then waits for them too.
for (const feature of onThisPage()) fetchFeature(feature).catch(() => {});

if (window.document$) window.document$.subscribe(init);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();

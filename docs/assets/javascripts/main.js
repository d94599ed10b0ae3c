// Entry point. Material's instant navigation swaps pages without a reload,
// so everything re-initialises on its document$ stream, not on load alone.
// Each feature starts on its own: one that fails is named on the page and
// never stops the others.
import { initApplications, refreshApplications } from "./applications.js";
import { initCalendars } from "./calendar.js";
import { initChecklists, refreshChecklists } from "./checklists.js";
import { downloadData, initDataControls } from "./data-controls.js";
import { initFocus } from "./focus.js";
import { initKeep } from "./keep.js";
import { initMessages, refreshMessages } from "./messages.js";
import { initNavigation } from "./navigation.js";
import { registerOffline } from "./offline.js";
import { sayFailed, sayIfBlocked } from "./page-notes.js";
import { setPrintFooter } from "./print-footer.js";
import { initSituations, refreshDue } from "./situation.js";
import { isDataName, nameOf } from "./store.js";
import { initWelcome, refreshWelcome } from "./welcome.js";
import { initWorksheets, refreshWorksheets } from "./worksheets.js";

function start(what, run) {
  try {
    run();
  } catch (error) {
    sayFailed(what, error);
  }
}

// After a load or delete of the reader's data, or a change in another tab,
// every view of it is redrawn, form fields included (refreshDue redraws the
// date fields, refreshMessages the composer's).
function refreshAll() {
  start("checklists", refreshChecklists);
  start("worksheets", refreshWorksheets);
  start("dates", refreshDue);
  start("messages", refreshMessages);
  start("your plan", refreshWelcome);
  start("applications", refreshApplications);
}

function init() {
  start("navigation", initNavigation);
  start("focus", initFocus);
  start("checklists", () => initChecklists(refreshDue));
  start("dates", initSituations);
  start("your plan", initWelcome);
  start("calendar reminders", initCalendars);
  start("messages", initMessages);
  start("worksheets", initWorksheets);
  start("applications", initApplications);
  start("data buttons", () => initDataControls(refreshAll));
  start("download reminder", () => initKeep(downloadData));
  start("print footer", setPrintFooter);
  start("storage note", sayIfBlocked);
}

// Another tab changed what is stored (or cleared it all: key null): show it
// here too. Notes beside the data (write times, reminders) change no view.
window.addEventListener("storage", (event) => {
  if (event.key === null || isDataName(nameOf(event.key))) refreshAll();
});

start("offline reading", registerOffline);

if (window.document$) window.document$.subscribe(init);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();

// Entry point. Material's instant navigation swaps pages without a reload,
// so everything re-initialises on its document$ stream, not on load alone.
import { initCalendars } from "./calendar.js";
import { initChecklists, onTickStorage, refreshChecklists } from "./checklists.js";
import { downloadData, initDataControls } from "./data-controls.js";
import { initFocus } from "./focus.js";
import { initKeep } from "./keep.js";
import { initMessages, refreshMessages } from "./messages.js";
import { initNavigation } from "./navigation.js";
import { registerOffline } from "./offline.js";
import { setPrintFooter } from "./print-footer.js";
import { initSituations, refreshDue } from "./situation.js";
import { initWorksheets, onAnswerStorage } from "./worksheets.js";

// After a load or delete of the reader's data, every view of it is redrawn.
function refreshAll() {
  refreshChecklists();
  refreshDue();
  refreshMessages();
}

function init() {
  initNavigation();
  initFocus();
  initChecklists(refreshDue);
  initSituations();
  initCalendars();
  initMessages();
  initWorksheets();
  initDataControls(refreshAll);
  initKeep(downloadData);
  setPrintFooter();
}

// Another tab changed what is stored: show it here too.
window.addEventListener("storage", (event) => {
  onTickStorage(event);
  onAnswerStorage(event);
  refreshDue();
  refreshMessages();
});

registerOffline();

if (window.document$) window.document$.subscribe(init);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();

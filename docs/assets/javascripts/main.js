// Entry point. Material's instant navigation swaps pages without a reload,
// so everything re-initialises on its document$ stream, not on load alone.
import { initChecklists, onTickStorage, refreshChecklists } from "./checklists.js";
import { downloadData, initDataControls } from "./data-controls.js";
import { initKeep } from "./keep.js";
import { registerOffline } from "./offline.js";
import { setPrintFooter } from "./print-footer.js";
import { initWorksheets, onAnswerStorage } from "./worksheets.js";

function init() {
  initChecklists();
  initWorksheets();
  initDataControls(refreshChecklists);
  initKeep(downloadData);
  setPrintFooter();
}

// Another tab changed what is stored: show it here too.
window.addEventListener("storage", (event) => {
  onTickStorage(event);
  onAnswerStorage(event);
});

registerOffline();

if (window.document$) window.document$.subscribe(init);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();

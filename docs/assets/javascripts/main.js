// Entry point. Material's instant navigation swaps pages without a reload,
// so everything re-initialises on its document$ stream, not on load alone.
import { initChecklists, onTickStorage, refreshChecklists } from "./checklists.js";
import { initDataControls } from "./data-controls.js";
import { setPrintFooter } from "./print-footer.js";
import { initWorksheets, onAnswerStorage } from "./worksheets.js";

function init() {
  initChecklists();
  initWorksheets();
  initDataControls(refreshChecklists);
  setPrintFooter();
}

// Another tab changed what is stored: show it here too.
window.addEventListener("storage", (event) => {
  onTickStorage(event);
  onAnswerStorage(event);
});

if (window.document$) window.document$.subscribe(init);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();

// "Download / Load / Delete my data" on the Privacy page. A load is checked
// whole, shown against what is here, applied only when the reader chooses
// Replace or Merge, and can be undone until the reader keeps it.
import { DataError, applyLoad, counts, describe, exportData, itemsHere, parseData, undoLoad } from "./data-file.js";
import { isoDate, today } from "./dates.js";
import { saveFile } from "./download.js";
import { noteDownloaded } from "./keep.js";
import { GUIDE } from "./site.js";
import { MAX_FILE_BYTES, deleteAll } from "./reader-data.js";
import { storageProblem } from "./store.js";

// Save everything as a file, here or from the reminder where the reader works.
export function downloadData() {
  const data = exportData();
  saveFile(`${GUIDE}-data-${isoDate(today())}.json`, new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  noteDownloaded();
  return data;
}

export function initDataControls(onChange) {
  const root = document.querySelector("[data-data-controls]");
  if (!root) return;
  const find = (name) => root.querySelector(`[data-${name}]`);
  const status = find("status");
  const say = (message) => (status.textContent = message);
  const choice = find("load-choice");
  const undone = find("load-undone");
  let file = null; // the checked file waiting for Replace or Merge
  let before = null; // what was here before the last load, until the reader keeps it
  root.querySelector(".guide-data__nojs").hidden = true;
  root.querySelector(".guide-data__buttons").hidden = false;

  const forgetUndo = () => {
    before = null;
    undone.hidden = true;
  };

  find("export").addEventListener("click", () => {
    const problem = storageProblem();
    if (problem) return say(`Nothing to download: ${problem}, so nothing from this site is kept here.`);
    const what = describe(counts(itemsHere()));
    downloadData();
    say(`Downloaded ${what}.`);
  });

  const input = find("import");
  input.addEventListener("change", async () => {
    const chosen = input.files && input.files[0];
    input.value = "";
    if (!chosen) return;
    choice.hidden = true;
    try {
      if (chosen.size > MAX_FILE_BYTES) throw new DataError("That file is over 1 MB, so it is not one this site made.");
      file = parseData(await chosen.text());
      const problem = storageProblem();
      if (problem) throw new DataError(`Could not save in this browser: ${problem}.`);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      file = null;
      return say(`${error.message} Nothing was changed.`);
    }
    find("load-compare").textContent =
      `The file holds ${describe(counts(file.items))}; this browser holds ${describe(counts(itemsHere()))}. ` +
      "Replace makes this browser hold exactly the file; Merge keeps the newer of each.";
    choice.hidden = false;
    say("Nothing is changed until you choose Replace or Merge.");
  });

  const load = (mode) => {
    choice.hidden = true;
    const chosen = file;
    file = null;
    if (!chosen) return;
    try {
      const result = applyLoad(chosen, mode);
      before = result.before;
      const what = describe(counts(result.taken));
      say(mode === "replace" ? `Loaded ${what}; everything else was removed.`
        : `Merged: took ${what} from the file; everything newer here was kept.`);
      undone.hidden = false;
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      say(error.changed ? error.message : `${error.message} Nothing was changed.`);
    }
    onChange();
  };
  find("load-replace").addEventListener("click", () => load("replace"));
  find("load-merge").addEventListener("click", () => load("merge"));
  find("load-cancel").addEventListener("click", () => {
    file = null;
    choice.hidden = true;
    say("Nothing was loaded.");
  });
  find("load-undo").addEventListener("click", () => {
    if (!before) return;
    try {
      undoLoad(before);
      say("Undone: this browser holds again exactly what it held before the load.");
      forgetUndo();
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      say(error.message);
    }
    onChange();
  });
  find("load-keep").addEventListener("click", () => {
    forgetUndo();
    say("The loaded data is kept.");
  });

  find("delete").addEventListener("click", () => {
    const problem = storageProblem();
    if (problem) return say(`Nothing was deleted: ${problem}, so nothing from this site is kept here.`);
    if (!window.confirm("Delete every tick, answer, date, detail and application this site has saved in this browser?")) return;
    const had = describe(counts(itemsHere()));
    const result = deleteAll();
    forgetUndo();
    const done = had === "nothing" ? "There was nothing to delete" : `Deleted ${had}`;
    say(result.ok ? `${done}. This browser now holds nothing from this site.`
      : `Could not delete everything: ${result.reason}. Some of your data may still be in this browser.`);
    onChange();
  });
}

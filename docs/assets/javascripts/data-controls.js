// "Download / Load / Delete my data" on the Privacy page.
import { noteDownloaded } from "./keep.js";
import { DataError, GUIDE, MAX_FILE_BYTES, deleteAll, exportData, importData } from "./store.js";

// Save everything as a file, here or from the reminder where the reader works.
export function downloadData() {
  const data = exportData();
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `${GUIDE}-data-${data.exported.slice(0, 10)}.json`;
  link.click();
  URL.revokeObjectURL(link.href);
  noteDownloaded();
  return data;
}

export function initDataControls(onChange) {
  const root = document.querySelector("[data-data-controls]");
  if (!root) return;
  const status = root.querySelector("[data-status]");
  const say = (message) => (status.textContent = message);
  root.querySelector(".guide-data__nojs").hidden = true;
  root.querySelector(".guide-data__buttons").hidden = false;

  root.querySelector("[data-export]").addEventListener("click", () => {
    const data = downloadData();
    say(`Downloaded ${data.ticks.length} ticks and answers from ${Object.keys(data.answers).length} worksheets.`);
  });

  const input = root.querySelector("[data-import]");
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    try {
      if (file.size > MAX_FILE_BYTES) throw new DataError("That file is over 1 MB, so it is not one this site made.");
      const result = importData(await file.text());
      say(`Loaded ${result.ticks} ticks and answers for ${result.worksheets} worksheets.`);
      onChange();
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      say(error.changed ? error.message : `${error.message} Nothing was changed.`);
    }
  });

  root.querySelector("[data-delete]").addEventListener("click", () => {
    if (!window.confirm("Delete every tick and answer this site has saved in this browser?")) return;
    const result = deleteAll();
    say(result.ok ? "Deleted. This browser now holds nothing from this site."
      : `Could not delete everything: ${result.reason}. Some of your data may still be in this browser.`);
    onChange();
  });
}

// Checklist boxes that remember: the same action id ticks everywhere at once.
import { couldNotSave, isTicked, setTicked, storageProblem } from "./store.js";

function boxes(root = document) {
  return [...root.querySelectorAll('input[type="checkbox"][data-action]')];
}

// Ticks the browser would not keep, by action id, with why. Such a tick stays
// as the reader left it on this page, marked "Not saved", until a save of that
// same tick works: another tick saving says nothing about this one.
const unsaved = new Map();
let blocked = null;

function showProgress() {
  for (const list of document.querySelectorAll("[data-checklist]")) {
    const all = boxes(list);
    const done = all.filter((box) => box.checked).length;
    const progress = list.querySelector("[data-progress]");
    if (!progress) continue;
    progress.hidden = false;
    const text = progress.querySelector("[data-progress-text]");
    const message = `${done} of ${all.length} done`;
    if (text.textContent !== message) text.textContent = message;
    // "Clear ticks" only once there is something to clear.
    for (const button of list.querySelectorAll("[data-clear-ticks]")) {
      if (button.closest("[data-checklist]") !== list) continue;
      if (!done && document.activeElement === button) all[0]?.focus();
      button.hidden = done === 0;
    }
  }
}

// Each unsaved tick carries its own mark; the list's note names the reason.
function showUnsaved() {
  for (const box of boxes()) {
    const item = box.closest("li") ?? box.parentElement;
    let mark = item.querySelector(":scope > .guide-unsaved, :scope .guide-unsaved");
    const failed = unsaved.get(box.dataset.action);
    if (!failed) {
      mark?.remove();
      continue;
    }
    if (!mark) {
      mark = document.createElement("strong");
      mark.className = "guide-unsaved";
      mark.dataset.unsaved = box.dataset.action;
      (item.querySelector(".guide-task__label") ?? box).after(mark);
    }
    mark.textContent = box.checked ? "Ticked here, not saved" : "Unticked here, not saved";
  }
  const reason = blocked ?? unsaved.values().next().value ?? null;
  for (const note of document.querySelectorAll("[data-store-error]")) {
    const message = reason ? couldNotSave(reason) : "";
    if (note.textContent !== message) note.textContent = message;
    note.hidden = !reason;
  }
}

function save(id, on) {
  const result = setTicked(id, on);
  if (result.ok) unsaved.delete(id);
  else unsaved.set(id, result.reason);
  return result;
}

/** Show every stored tick; a tick that failed to save keeps what the reader set. */
export function refreshChecklists() {
  for (const box of boxes()) {
    if (!unsaved.has(box.dataset.action)) box.checked = isTicked(box.dataset.action);
  }
  showProgress();
  showUnsaved();
}

/** ``onTick`` runs after every tick, so what depends on ticks (due dates) follows. */
export function initChecklists(onTick = () => {}) {
  // A new page: its boxes show what is stored; unsaved ticks of the last page are gone with it.
  unsaved.clear();
  for (const box of boxes()) {
    box.addEventListener("change", () => {
      save(box.dataset.action, box.checked);
      for (const twin of boxes()) if (twin.dataset.action === box.dataset.action) twin.checked = box.checked;
      showProgress();
      showUnsaved();
      onTick();
    });
  }
  for (const button of document.querySelectorAll("[data-clear-ticks]")) {
    button.addEventListener("click", () => {
      const list = button.closest("[data-checklist]");
      if (!window.confirm("Clear every tick on this list? Ticks on other lists stay.")) return;
      for (const box of boxes(list)) {
        box.checked = false;
        save(box.dataset.action, false);
      }
      refreshChecklists();
    });
  }
  blocked = boxes().length ? storageProblem() : null;
  refreshChecklists();
}

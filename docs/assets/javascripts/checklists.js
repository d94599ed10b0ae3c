// Checklist boxes that remember: the same action id ticks everywhere at once.
import { TICK, couldNotSave, isTicked, nameOf, setTicked, storageProblem } from "./store.js";

function boxes(root = document) {
  return [...root.querySelectorAll('input[type="checkbox"][data-action]')];
}

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

// A tick that could not be kept stays ticked on this page, and the page says
// it was not saved; the next write that works takes the message away.
function showSaved(result) {
  for (const note of document.querySelectorAll("[data-store-error]")) {
    const message = result.ok ? "" : couldNotSave(result.reason);
    if (note.textContent !== message) note.textContent = message;
    note.hidden = result.ok;
  }
}

export function refreshChecklists() {
  for (const box of boxes()) box.checked = isTicked(box.dataset.action);
  showProgress();
}

/** ``onTick`` runs after every tick, so what depends on ticks (due dates) follows. */
export function initChecklists(onTick = () => {}) {
  for (const box of boxes()) {
    box.addEventListener("change", () => {
      showSaved(setTicked(box.dataset.action, box.checked));
      for (const twin of boxes()) if (twin.dataset.action === box.dataset.action) twin.checked = box.checked;
      showProgress();
      onTick();
    });
  }
  for (const button of document.querySelectorAll("[data-clear-ticks]")) {
    button.addEventListener("click", () => {
      const list = button.closest("[data-checklist]");
      if (!window.confirm("Clear every tick on this list? Ticks on other lists stay.")) return;
      const results = boxes(list).map((box) => setTicked(box.dataset.action, false));
      showSaved(results.find((result) => !result.ok) ?? { ok: true });
      refreshChecklists();
    });
  }
  const problem = storageProblem();
  if (problem && boxes().length) showSaved({ ok: false, reason: problem });
  refreshChecklists();
}

export function onTickStorage(event) {
  if (event.key === null || nameOf(event.key)?.startsWith(TICK)) refreshChecklists();
}

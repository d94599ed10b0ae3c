// Checklist boxes that remember: the same action id ticks everywhere at once.
import { TICK, isTicked, setTicked } from "./store.js";

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
  }
}

export function refreshChecklists() {
  for (const box of boxes()) box.checked = isTicked(box.dataset.action);
  showProgress();
}

export function initChecklists() {
  for (const box of boxes()) {
    box.addEventListener("change", () => {
      setTicked(box.dataset.action, box.checked);
      for (const twin of boxes()) if (twin.dataset.action === box.dataset.action) twin.checked = box.checked;
      showProgress();
    });
  }
  for (const button of document.querySelectorAll("[data-clear-ticks]")) {
    button.addEventListener("click", () => {
      const list = button.closest("[data-checklist]");
      if (!window.confirm("Clear every tick on this list? Ticks on other lists stay.")) return;
      for (const box of boxes(list)) setTicked(box.dataset.action, false);
      refreshChecklists();
    });
  }
  refreshChecklists();
}

export function onTickStorage(event) {
  if (event.key === null || event.key.startsWith(TICK)) refreshChecklists();
}

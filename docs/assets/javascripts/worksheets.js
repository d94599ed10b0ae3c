// Worksheet forms: answers saved in this browser as the reader types, and
// printing blank or with answers.
import { readAnswers, writeAnswer, writeAnswers } from "./reader-data.js";
import { couldNotSave, storageProblem, wellFormed } from "./store.js";

const forms = () => [...document.querySelectorAll("form[data-worksheet]")];
const MAX_VALUE = 5000;
// Fields whose last save failed ("<worksheet>:<field>" to why): they keep what
// the reader typed, even when another tab's answers are drawn, until a save of
// that field works.
const unsaved = new Map();

// Show the stored answers; a field the reader is typing in, or one that could
// not be saved, keeps what it shows.
function fill(form) {
  const answers = readAnswers(form.dataset.worksheet);
  for (const control of form.elements) {
    if (!control.name) continue;
    const busy = control === document.activeElement && control.type !== "checkbox" && control.type !== "radio";
    if (busy || unsaved.has(`${form.dataset.worksheet}:${control.name}`)) continue;
    const value = answers[control.name];
    if (control.type === "checkbox") control.checked = value === true;
    else if (control.type === "radio") control.checked = value === control.value;
    else control.value = typeof value === "string" ? value : "";
  }
}

// The answer one control gives: true or nothing for a box, the chosen
// option's value for a radio group, well-formed text otherwise ("" is none).
function answerOf(form, control) {
  if (control.type === "checkbox") return control.checked;
  if (control.type === "radio") return form.querySelector(`input[type=radio][name="${CSS.escape(control.name)}"]:checked`)?.value ?? null;
  return wellFormed(control.value, MAX_VALUE);
}

// A textarea prints as a clipped box; copy its text into a block that grows.
function prepareForPrint() {
  for (const write of document.querySelectorAll(".ws-write")) {
    const area = write.querySelector("textarea");
    const answer = write.querySelector(".ws-answer");
    if (!area || !answer) continue;
    answer.textContent = area.value;
    write.classList.toggle("has-answer", area.value.trim() !== "");
  }
}

function print(mode) {
  document.documentElement.dataset.printMode = mode;
  prepareForPrint();
  window.print();
}

// The status line says whether every answer on the page is saved.
function showSaved(result) {
  const status = document.querySelector("[data-saved]");
  if (!status) return;
  status.dataset.savedText ??= status.textContent;
  const message = result.ok
    ? status.dataset.savedText
    : `${couldNotSave(result.reason)} Your answers are still on this page: print them or copy them before you leave.`;
  if (status.textContent !== message) status.textContent = message;
  status.classList.toggle("ws-saved--failed", !result.ok);
  status.hidden = false;
}

export function initWorksheets() {
  unsaved.clear();
  const problem = storageProblem();
  for (const form of forms()) {
    fill(form);
    showSaved(problem ? { ok: false, reason: problem } : { ok: true });
    // Only the field that changed is written, over the answers as stored now.
    const save = (event) => {
      const control = event.target;
      if (!control.name) return;
      const field = `${form.dataset.worksheet}:${control.name}`;
      const result = writeAnswer(form.dataset.worksheet, control.name, answerOf(form, control));
      if (result.ok) unsaved.delete(field);
      else unsaved.set(field, result.reason);
      const failed = unsaved.values().next().value;
      showSaved(failed ? { ok: false, reason: failed } : result);
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", (event) => event.preventDefault());
  }
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => print(button.dataset.print));
  }
  for (const button of document.querySelectorAll("[data-clear-answers]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      if (!window.confirm("Clear every answer on this worksheet? This cannot be undone.")) return;
      for (const form of forms()) {
        const result = writeAnswers(form.dataset.worksheet, {});
        if (result.ok) for (const field of [...unsaved.keys()]) if (field.startsWith(`${form.dataset.worksheet}:`)) unsaved.delete(field);
        showSaved(result);
        fill(form);
      }
    });
  }
}

/** Show the stored answers in every worksheet form (after a change in another tab, or a load). */
export function refreshWorksheets() {
  forms().forEach(fill);
}

window.addEventListener("beforeprint", prepareForPrint);
window.addEventListener("afterprint", () => delete document.documentElement.dataset.printMode);

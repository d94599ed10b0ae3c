// Worksheet forms: answers saved in this browser as the reader types, and
// printing blank or with answers.
import { ANSWERS, couldNotSave, nameOf, readAnswers, storageProblem, writeAnswers } from "./store.js";

const forms = () => [...document.querySelectorAll("form[data-worksheet]")];

function fill(form) {
  const answers = readAnswers(form.dataset.worksheet);
  for (const control of form.elements) {
    if (!control.name) continue;
    const value = answers[control.name];
    if (control.type === "checkbox") control.checked = value === true;
    else if (control.type === "radio") control.checked = value === control.value;
    else control.value = typeof value === "string" ? value : "";
  }
}

function collect(form) {
  const answers = {};
  for (const control of form.elements) {
    if (!control.name) continue;
    if (control.type === "checkbox") {
      if (control.checked) answers[control.name] = true;
    } else if (control.type === "radio") {
      if (control.checked) answers[control.name] = control.value;
    } else if (control.value) {
      answers[control.name] = control.value;
    }
  }
  return answers;
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

// The status line says what really happened to the last answer typed.
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
  const problem = storageProblem();
  for (const form of forms()) {
    fill(form);
    showSaved(problem ? { ok: false, reason: problem } : { ok: true });
    const save = () => showSaved(writeAnswers(form.dataset.worksheet, collect(form)));
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
        showSaved(writeAnswers(form.dataset.worksheet, {}));
        fill(form);
      }
    });
  }
}

export function onAnswerStorage(event) {
  if (event.key !== null && !nameOf(event.key)?.startsWith(ANSWERS)) return;
  forms().forEach(fill);
}

window.addEventListener("beforeprint", prepareForPrint);
window.addEventListener("afterprint", () => delete document.documentElement.dataset.printMode);

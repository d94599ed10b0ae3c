// Message templates: the reader's details filled in, parts ticked in or out,
// one button to copy, and a mailto: link. Nothing is sent anywhere.
import { couldNotSave, read, wellFormed, write } from "./store.js";

export const DETAIL = "detail:";
const MAX_DETAIL = 200;

/** The reader's stored value for a placeholder ("contact name"), or "". */
export function detail(name) {
  const value = read(DETAIL + name);
  return typeof value === "string" && value.length <= MAX_DETAIL ? value : "";
}

// Every placeholder in ``root`` shows the reader's value, or stays a visible [placeholder].
function fill(root = document) {
  for (const slot of root.querySelectorAll(".guide-ph[data-ph]")) {
    const value = detail(slot.dataset.ph);
    const text = value || `[${slot.dataset.ph}]`;
    if (slot.textContent !== text) slot.textContent = text;
    slot.classList.toggle("guide-ph--filled", Boolean(value));
  }
}

// The message as an email takes it: paragraphs apart, no line breaks inside them
// but those the template keeps (a sign-off).
function paragraphText(paragraph) {
  // Source line breaks are only layout; a <br> is the template's own line break.
  let text = "";
  for (const node of paragraph.childNodes) text += node.nodeName === "BR" ? "\n" : node.textContent.replace(/\s+/g, " ");
  return text.replace(/ *\n */g, "\n").trim();
}

export function plainText(box) {
  const subject = paragraphText(box.querySelector("[data-message-subject]"));
  const paragraphs = [...box.querySelectorAll("[data-message-body] > p")].filter((p) => !p.hidden);
  return { subject, body: paragraphs.map(paragraphText).join("\n\n") };
}

function mailto({ subject, body }) {
  // wellFormed: a lone surrogate would make encodeURIComponent throw "URI malformed".
  const encode = (text) => encodeURIComponent(wellFormed(text).replace(/\r?\n/g, "\r\n"));
  return `mailto:?subject=${encode(subject)}&body=${encode(body)}`;
}

function refresh(box) {
  const link = box.querySelector("[data-mailto]");
  if (link) link.href = mailto(plainText(box));
}

async function copy(box, status) {
  const { subject, body } = plainText(box);
  const text = `Subject: ${subject}\n\n${body}\n`;
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = "Copied: paste it into your email.";
  } catch {
    // No clipboard access (an older browser, or a page not served over HTTPS):
    // select the message so the reader can copy it with the keyboard.
    const range = document.createRange();
    range.selectNodeContents(box.querySelector("[data-message-text]"));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    status.textContent = "This browser would not copy for the site: the message is selected, so copy it yourself.";
  }
}

function initBox(box) {
  const status = box.querySelector("[data-message-status]");
  const button = box.querySelector("[data-copy]");
  button.hidden = false;
  button.addEventListener("click", () => copy(box, status));
  for (const part of box.querySelectorAll("[data-builder] input[data-part]")) {
    part.addEventListener("change", () => {
      box.querySelector(`[data-part-text="${part.dataset.part}"]`).hidden = !part.checked;
      refresh(box);
      const count = box.querySelectorAll("[data-builder] input[data-part]:checked").length;
      status.textContent = `Message updated: ${count} ${count === 1 ? "part" : "parts"}.`;
    });
    box.querySelector(`[data-part-text="${part.dataset.part}"]`).hidden = !part.checked;
  }
  refresh(box);
}

function initComposer(composer) {
  const status = composer.querySelector("[data-composer-status]");
  for (const input of composer.querySelectorAll("input[data-detail]")) {
    input.value = detail(input.dataset.detail);
    input.addEventListener("input", () => {
      const value = wellFormed(input.value, MAX_DETAIL);
      const saved = write(DETAIL + input.dataset.detail, value.trim() ? value : null);
      status.textContent = saved.ok ? "" : `${couldNotSave(saved.reason)} The messages on this page still show it.`;
      if (saved.ok) refreshMessages();
      else showUnsaved(input.dataset.detail, value);
    });
  }
  composer.hidden = false;
}

// A detail the browser would not keep still fills this page's messages.
function showUnsaved(name, value) {
  for (const slot of document.querySelectorAll(`.guide-ph[data-ph="${CSS.escape(name)}"]`)) {
    slot.textContent = value || `[${name}]`;
    slot.classList.toggle("guide-ph--filled", Boolean(value));
  }
  document.querySelectorAll("[data-message]").forEach(refresh);
}

/** Show every stored detail in every message on the page (after a change anywhere). */
export function refreshMessages() {
  fill();
  for (const input of document.querySelectorAll("input[data-detail]"))
    if (document.activeElement !== input) input.value = detail(input.dataset.detail);
  document.querySelectorAll("[data-message]").forEach(refresh);
}

export function initMessages() {
  fill();
  document.querySelectorAll("[data-composer]").forEach(initComposer);
  document.querySelectorAll("[data-message]").forEach(initBox);
}

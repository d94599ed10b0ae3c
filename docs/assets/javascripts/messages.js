// Message templates: every blank filled from what the reader typed, parts
// ticked in or out, one button to copy and a mailto: link. Before either, a
// message with a blank left says which, and goes ahead only if the reader
// says so. Nothing is sent anywhere.
//
// A blank is one of the guide's shared details ("detail:<name>", typed once
// for every message) or one message's own ("message:<slug>:<name>"). A value
// the browser would not keep stays on this page, marked on its field, until
// a save of that same value works.
import { couldNotSave, read, wellFormed, write } from "./store.js";

export const DETAIL = "detail:";
const MAX_DETAIL = 200;
const unsaved = new Map(); // setting name -> the value shown though not stored

/** The setting a blank is kept under: shared, or the message's own. */
export const blankKey = (name, own) => (own ? `message:${own}:${name}` : DETAIL + name);

function value(key) {
  if (unsaved.has(key)) return unsaved.get(key);
  const stored = read(key);
  return typeof stored === "string" ? wellFormed(stored, MAX_DETAIL) : "";
}

/** The reader's stored value for a shared placeholder ("contact name"), or "". */
export const detail = (name) => value(DETAIL + name);

// The key of a placeholder in a message box: its own blanks are listed on the box.
function keyOf(slot) {
  const box = slot.closest("[data-message]");
  const own = (box?.dataset.ownBlanks ?? "").split("|");
  return blankKey(slot.dataset.ph, own.includes(slot.dataset.ph) ? box.dataset.message : null);
}

// A blank reads "[role]" on screen and "blank: [role]" to a screen reader;
// a filled one reads as its value.
function showSlot(slot, text) {
  const filled = Boolean(text);
  if (filled ? slot.textContent === text && slot.classList.contains("guide-ph--filled") : !slot.classList.contains("guide-ph--filled") && slot.childElementCount) return;
  slot.classList.toggle("guide-ph--filled", filled);
  if (filled) {
    slot.textContent = text;
    return;
  }
  const hint = document.createElement("span");
  hint.className = "guide-visually-hidden";
  hint.textContent = "blank: ";
  slot.replaceChildren(hint, `[${slot.dataset.ph}]`);
}

function fill(root = document) {
  for (const slot of root.querySelectorAll(".guide-ph[data-ph]")) showSlot(slot, value(keyOf(slot)));
}

// The message as an email takes it: paragraphs apart, no line breaks inside
// them but those the template keeps (a sign-off), nothing only screen readers get.
function paragraphText(paragraph) {
  let text = "";
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.textContent.replace(/\s+/g, " ");
      else if (child.nodeName === "BR") text += "\n";
      else if (!child.classList?.contains("guide-visually-hidden")) walk(child);
    }
  };
  walk(paragraph);
  return text.replace(/ *\n */g, "\n").trim();
}

const shownParagraphs = (box) => [...box.querySelectorAll("[data-message-body] > p")].filter((p) => !p.hidden);

export function plainText(box) {
  const subject = paragraphText(box.querySelector("[data-message-subject]"));
  return { subject, body: shownParagraphs(box).map(paragraphText).join("\n\n") };
}

/** The blanks still empty in what would be sent, by name, in reading order. */
export function blanks(box) {
  const slots = [box.querySelector("[data-message-subject]"), ...shownParagraphs(box)]
    .flatMap((part) => [...part.querySelectorAll(".guide-ph[data-ph]:not(.guide-ph--filled)")]);
  return [...new Map(slots.map((slot) => [keyOf(slot), slot.dataset.ph])).entries()];
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

// The field where a blank is filled: the message's own, or the shared composer
// (opened, on pages where it is a closed disclosure).
function fieldFor(box, key) {
  const [kind, ...rest] = key.split(":");
  const name = rest[rest.length - 1];
  const fields = kind === "message" ? box.querySelectorAll("input[data-own]") : document.querySelectorAll("[data-composer] input[data-detail]:not([data-own])");
  const field = [...fields].find((input) => input.dataset.detail === name);
  const details = field?.closest("details");
  if (details) details.open = true;
  return field;
}

function say(box, text) {
  const status = box.querySelector("[data-message-status]");
  if (status.textContent !== text) status.textContent = text;
}

async function copy(box) {
  const { subject, body } = plainText(box);
  try {
    await navigator.clipboard.writeText(`Subject: ${subject}\n\n${body}\n`);
    say(box, "Copied: paste it into your email.");
  } catch {
    // No clipboard access (an older browser, or a page not served over HTTPS):
    // select the message so the reader can copy it with the keyboard.
    const range = document.createRange();
    range.selectNodeContents(box.querySelector("[data-message-text]"));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    say(box, "This browser would not copy for the site: the message is selected, so copy it yourself.");
  }
}

// Before Copy or the email link: name what is still blank, move to its field,
// and go ahead only when the reader says so ("Copy anyway").
function checkBlanks(box, proceed, anyway) {
  const warning = box.querySelector("[data-blanks]");
  const left = blanks(box);
  if (!left.length) {
    warning.hidden = true;
    return proceed();
  }
  const names = left.map(([, name]) => name);
  const count = left.length === 1 ? "1 blank left" : `${left.length} blanks left`;
  warning.querySelector("[data-blanks-text]").textContent = `${count}: ${names.join(", ")}.`;
  warning.querySelector("[data-blanks-anyway]").textContent = anyway;
  warning.onProceed = proceed;
  warning.hidden = false;
  say(box, `${count}: ${names.join(", ")}. Fill it in, or choose “${anyway}”.`);
  // Each blank's field says so too: focus moves to the first, which may be
  // far from the warning under the message.
  for (const [key] of left) {
    const note = noteOf(fieldFor(box, key));
    if (note && !note.textContent) {
      note.textContent = `Still blank in this message: fill it in, or choose “${anyway}” under the message.`;
      note.dataset.blankHint = "1";
    }
  }
  const field = fieldFor(box, left[0][0]);
  if (field) field.focus();
  else warning.querySelector("[data-blanks-anyway]").focus();
}

const noteOf = (field) => (field ? document.getElementById(field.getAttribute("aria-describedby")) : null);

function initBox(box) {
  if (box.dataset.ready) return;
  box.dataset.ready = "1";
  const button = box.querySelector("[data-copy]");
  const warning = box.querySelector("[data-blanks]");
  button.hidden = false;
  button.addEventListener("click", () => checkBlanks(box, () => copy(box), "Copy anyway"));
  const link = box.querySelector("[data-mailto]");
  link?.addEventListener("click", (event) => {
    if (!blanks(box).length) return;
    event.preventDefault();
    checkBlanks(box, () => { window.location.href = link.href; }, "Open it anyway");
  });
  warning.querySelector("[data-blanks-anyway]").addEventListener("click", () => {
    warning.hidden = true;
    warning.onProceed?.();
  });
  warning.querySelector("[data-blanks-fill]").addEventListener("click", () => {
    const left = blanks(box);
    const field = left.length && fieldFor(box, left[0][0]);
    if (field) field.focus();
  });
  for (const part of box.querySelectorAll("[data-builder] input[data-part]")) {
    part.addEventListener("change", () => {
      box.querySelector(`[data-part-text="${part.dataset.part}"]`).hidden = !part.checked;
      refresh(box);
      const count = box.querySelectorAll("[data-builder] input[data-part]:checked").length;
      say(box, `Message updated: ${count} ${count === 1 ? "part" : "parts"}.`);
    });
    box.querySelector(`[data-part-text="${part.dataset.part}"]`).hidden = !part.checked;
  }
  const own = box.querySelector("[data-own-fields]");
  if (own) own.hidden = false;
  refresh(box);
}

// One field: typing saves its blank; a value the browser would not keep is
// kept on the page and marked under its field until a save of it works.
function initField(input, announce) {
  if (input.dataset.ready) return;
  input.dataset.ready = "1";
  const key = blankKey(input.dataset.detail, input.dataset.own ?? null);
  const note = document.getElementById(input.getAttribute("aria-describedby"));
  input.value = value(key);
  input.addEventListener("input", () => {
    if (note?.dataset.blankHint) {
      note.textContent = "";
      delete note.dataset.blankHint;
    }
    const typed = wellFormed(input.value, MAX_DETAIL);
    if (typed !== input.value) input.value = typed;
    const saved = write(key, typed.trim() ? typed : null);
    const failed = !saved.ok;
    if (failed) unsaved.set(key, typed);
    else unsaved.delete(key);
    const text = failed ? `Not saved: ${couldNotSave(saved.reason)} The messages on this page still use it.` : "";
    if (note && note.textContent !== text) {
      // Said once when saving starts or stops failing, not on every key.
      if (Boolean(note.textContent) !== failed) announce(failed ? `${couldNotSave(saved.reason)}` : "Saved in this browser.");
      note.textContent = text;
    }
    input.toggleAttribute("data-unsaved", failed);
    refreshMessages();
  });
}

/** Show every value in every message on the page (after a change here or in another tab). */
export function refreshMessages() {
  fill();
  for (const input of document.querySelectorAll("input[data-detail]"))
    if (document.activeElement !== input && !input.hasAttribute("data-unsaved"))
      input.value = value(blankKey(input.dataset.detail, input.dataset.own ?? null));
  document.querySelectorAll("[data-message]").forEach(refresh);
}

export function initMessages() {
  fill();
  for (const composer of document.querySelectorAll("[data-composer]")) composer.hidden = false;
  const status = document.querySelector("[data-composer-status]");
  const announce = (text) => {
    if (status && status.textContent !== text) status.textContent = text;
  };
  document.querySelectorAll("input[data-detail]").forEach((input) => initField(input, announce));
  document.querySelectorAll("[data-message]").forEach(initBox);
}

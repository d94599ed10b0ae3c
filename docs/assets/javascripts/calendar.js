// "Add to my calendar": one .ics file (RFC 5545) made in this browser from
// the steps on the page and the day the reader heard. Nothing is sent
// anywhere: the file is a Blob the reader downloads and opens in their own
// calendar app. Everything the events say is read from the page itself.
import { addDays, formatDate, today } from "./dates.js";
import { saveFile } from "./download.js";
import { CALENDAR_TYPE, calendarFile } from "./ics.js";
import { GUIDE, SITE_ROOT } from "./site.js";
import { refreshDue, startOf } from "./situation.js";

const plain = (node) => (node?.textContent ?? "").replace(/\s+/g, " ").trim();

/** A step as the page shows it (its day, action id, text, note, advice address and tick), or null. */
function readStep(item) {
  const box = item.querySelector("input[data-action]");
  const advice = item.querySelector("a[data-advice]");
  if (!box) return null;
  return {
    day: Number(item.closest("[data-day]").dataset.day),
    from: item.closest("[data-counts-from]")?.dataset.countsFrom || "the start of your path",
    id: box.dataset.action,
    done: box.checked,
    summary: plain(item.querySelector(".guide-task__label")),
    // The note keeps the author's line breaks; the label is one line of inline text.
    note: (item.querySelector(".guide-task__note")?.textContent ?? "").trim(),
    advice: advice ? new URL(advice.getAttribute("href"), location.href).href : "",
  };
}

const STEPS = "[data-day] li[data-step]";

const download = (name, content) => saveFile(name, new Blob([content], { type: CALENDAR_TYPE }));

function initCalendar(box) {
  const root = box.closest(".guide-path");
  if (!root || box.dataset.ready) return;
  box.dataset.ready = "1";
  const ask = box.querySelector("[data-calendar-ask]");
  const status = box.querySelector("[data-calendar-status]");
  const say = (where, message) => {
    ask.hidden = true;
    if (where.textContent !== message) where.textContent = message;
  };
  // Without a start date no step has a date: ask for it where it is given
  // (the situation's own page), or point there (the plan).
  const askForDate = (where) => {
    say(where, "");
    if (root.askForStart) return root.askForStart();
    ask.hidden = false;
    ask.querySelector("a")?.focus();
  };

  // Every step not ticked yet. A step whose day has passed goes on today,
  // keeping its own UID, so the reader is reminded of it rather than of
  // nothing; the status says how many moved.
  box.querySelector("[data-calendar-all]").addEventListener("click", () => {
    const start = startOf(root);
    if (!start) return askForDate(status);
    const now = today();
    const entries = [...root.querySelectorAll(STEPS)]
      .map(readStep)
      .filter((step) => step && !step.done)
      .map((step) => {
        const due = addDays(start, step.day);
        return [step, due, due < now ? now : due];
      });
    if (!entries.length) return say(status, "Every step on this path is done: there is nothing to add.");
    const slug = root.dataset.situation ?? root.dataset.planFor ?? "steps";
    download(`${slug}-next-steps.ics`, calendarFile(entries, SITE_ROOT, GUIDE));
    const moved = entries.filter(([, due, on]) => on > due).length;
    const [first, last] = [entries[0][2], entries[entries.length - 1][2]];
    const what = entries.length === 1 ? `1 reminder, for ${formatDate(first, true)}` : `${entries.length} reminders, from ${formatDate(first, true)} to ${formatDate(last, true)}`;
    const late = !moved ? "" : moved === 1 ? " 1 step whose day has passed is on today." : ` ${moved} steps whose days have passed are on today.`;
    say(status, `Downloaded ${what}.${late} Open the file with your calendar app.`);
  });

  // One step: the reader asked for it. If its day has passed, the reminder
  // is for today, with the same UID as on its own day. The confirmation
  // shows beside the button pressed.
  for (const button of root.querySelectorAll("[data-calendar-step]")) {
    const item = button.closest(STEPS);
    if (!item || !readStep(item)) continue;
    const said = item.querySelector("[data-calendar-said]") ?? status;
    button.dataset.ready = "1";
    button.addEventListener("click", () => {
      const start = startOf(root);
      if (!start) return askForDate(said);
      const step = readStep(item);
      const due = addDays(start, step.day);
      const on = due < today() ? today() : due;
      download(`${step.id}.ics`, calendarFile([[step, due, on]], SITE_ROOT, GUIDE));
      say(said, `Downloaded a reminder for ${formatDate(on, true)}. Open the file with your calendar app.`);
    });
  }
  box.hidden = false;
}

export function initCalendars() {
  for (const box of document.querySelectorAll("[data-calendar]")) initCalendar(box);
  refreshDue(); // shows each step's button, unless the step is done
}

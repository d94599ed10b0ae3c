// The applications log: the reader's applications, kept in this browser
// only, one card (a table row on wide screens) each, the next thing to do
// first. Moving an application on keeps each stage's date; an outcome that
// opens a path sets that path's date and the composer's details from the
// application, then opens it. The guide declares the fields, stages and
// outcomes (content/applications.yml); the page carries them in its
// data-applog attribute.
import { addDays, isoDate, parseDate, today } from "./dates.js";
import { saveFile } from "./download.js";
import { CALENDAR_TYPE, calendarFile } from "./ics.js";
import { GUIDE, SITE_ROOT } from "./site.js";
import { DETAIL } from "./messages.js";
import { SITUATION, startKey } from "./situation.js";
import { couldNotSave, wellFormed, write } from "./store.js";
import { cleanApplication, newId, readApplications, removeApplication, writeApplication } from "./applications-data.js";
import { compare, describeApplication, dropOut, nameOf, quietMark, sortKey, stageName } from "./applications-state.js";

const MAX_DETAIL = 200; // the longest detail the composer keeps
const SNOOZE_DAYS = 7;
const PAGE = 30;
const FILTER_FROM = 6; // applications before Show and Find appear // rows drawn at first, and added by "Show more"
const ROOT = "[data-applog]";

function readLog(root) {
  try {
    const log = JSON.parse(root.dataset.applog);
    if (log && Array.isArray(log.fields) && Array.isArray(log.stages) && Array.isArray(log.outcomes)) return log;
  } catch {
    // Reported below: a page without its declaration cannot draw the log.
  }
  throw new Error("the log's declaration on this page is damaged");
}

// Dates in the table: one formatter for the whole page (a new one per date
// costs more than everything else in drawing a long log).
let formatter = null;
function shortDate(date) {
  formatter ??= new Intl.DateTimeFormat(document.documentElement.lang || undefined, { day: "numeric", month: "short", year: "numeric" });
  return formatter.format(date);
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== ""));
  return node;
}

export function initApplications() {
  const root = document.querySelector(ROOT);
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  const log = readLog(root);
  const find = (name) => root.querySelector(`[data-applog-${name}]`);
  const rows = find("rows");
  const status = find("status");
  const formDialog = find("form-dialog");
  const form = find("form");
  const moveDialog = find("move-dialog");
  const moveForm = find("move");
  const outcomeDialog = find("outcome-dialog");
  const outcomeForm = find("outcome");
  const show = find("show");
  const search = find("find");
  let applications = [];
  let entries = []; // every application with its state, in the log's order
  let limit = PAGE; // how many matching rows are drawn
  let editing = null; // the application the open dialog is about
  let removed = null; // the last removed application, until the next change

  const say = (text, undo = false) => {
    status.replaceChildren(text);
    if (undo) {
      const button = el("button", { type: "button", class: "md-button", "data-applog-undo": "" }, "Undo");
      status.append(" ", button);
    }
  };
  const byId = (id) => applications.find((app) => app.id === id) ?? null;

  function row(application, state) {
    const name = nameOf(log, application);
    const [first, second] = log.fields;
    const edit = el("button", { type: "button", class: "guide-applog__name", "data-act": "edit" },
      el("span", { class: "guide-visually-hidden" }, "Edit "), application.fields[first.id] ?? "");
    const role = second && application.fields[second.id] ? el("span", { class: "guide-applog__role" }, application.fields[second.id]) : null;
    const stage = el("td", { class: "guide-applog__stage" },
      stageName(state.stage, state.round), state.since ? ` · ${shortDate(state.since)}` : "");
    const next = el("td", { class: "guide-applog__next" });
    const actions = el("td", { class: "guide-applog__actions guide-print-hide" });
    if (application.outcome) {
      const outcome = log.outcomes.find((o) => o.id === application.outcome.id);
      const day = parseDate(application.outcome.date);
      next.append(`${outcome ? outcome.label : "Ended"} · ${shortDate(day)}`);
      const path = log.situations[application.outcome.path];
      if (path) next.append(" ", el("a", { href: path.url, class: "guide-applog__path" }, "Your path", el("span", { class: "guide-visually-hidden" }, ` for ${name}`)));
      actions.append(el("button", { type: "button", class: "md-button", "data-act": "reopen" }, "Reopen", el("span", { class: "guide-visually-hidden" }, ` ${name}`)));
    } else {
      if (state.quiet) {
        const path = quietPath(application, state);
        next.append(el("strong", { class: "guide-applog__quiet" }, `No news for ${state.days} days`));
        if (path) next.append(" ", el("a", { href: path.url, "data-act": "quiet-path", class: "guide-applog__path" }, "What to do", el("span", { class: "guide-visually-hidden" }, ` about ${name}`)));
        next.append(el("span", { class: "guide-applog__flag-buttons guide-print-hide" },
          el("button", { type: "button", class: "md-button", "data-act": "snooze" }, "Snooze a week"),
          el("button", { type: "button", class: "md-button", "data-act": "dismiss" }, "Dismiss")));
      } else if (state.due) {
        next.append(`No news? Follow up from ${shortDate(state.due)}`);
      } else {
        next.append("Waiting to hear");
      }
      if (moveOptions(application).length)
        actions.append(el("button", { type: "button", class: "md-button md-button--primary", "data-act": "move" }, "Next stage", el("span", { class: "guide-visually-hidden" }, ` for ${name}`)));
      actions.append(el("button", { type: "button", class: "md-button", "data-act": "outcome" }, "Outcome", el("span", { class: "guide-visually-hidden" }, ` of ${name}`)));
    }
    const tr = el("tr", { "data-app-id": application.id }, el("th", { scope: "row" }, edit, role), stage, next, actions);
    tr.dataset.state = application.outcome ? "ended" : state.quiet ? "quiet" : "open";
    return tr;
  }

  // The path a "No news" flag leads to: the one the stage names for that outcome, else its first.
  function quietPath(application, state) {
    const outcome = log.outcomes.find((o) => o.id === log.noNews);
    if (!outcome) return null;
    const slug = state.stage?.paths?.[outcome.id] ?? outcome.paths[0];
    return log.situations[slug] ? { slug, url: log.situations[slug].url, outcome } : null;
  }

  // Which applications the filters let through, and how many of them are drawn:
  // a page of rows at a time, as laying out hundreds of cards stalls a phone.
  const fits = (entry, wanted, words) =>
    (wanted === "all" || (wanted === "open" ? entry.kind !== "ended" : entry.kind === wanted)) && (!words || entry.text.includes(words));

  function render(all = false) {
    const wanted = show.value;
    const words = search.value.trim().toLowerCase();
    const matching = entries.filter((entry) => fits(entry, wanted, words));
    const drawn = all ? matching : matching.slice(0, limit);
    const fragment = document.createDocumentFragment();
    for (const entry of drawn) fragment.append(row(entry.application, entry.state));
    rows.replaceChildren(fragment);
    const more = find("more");
    const left = matching.length - drawn.length;
    more.hidden = left === 0;
    more.textContent = `Show ${Math.min(left, PAGE)} more`;
    const total = entries.length;
    const count = matching.length === total ? "" : `${matching.length} of ${total} match.`;
    find("shown").textContent = [count, left ? `Showing the first ${drawn.length}.` : ""].filter(Boolean).join(" ");
  }

  function filter() {
    limit = PAGE;
    render();
  }

  function summary(states) {
    const rates = find("rates");
    const advice = find("advice");
    const lines = dropOut(log, applications);
    rates.replaceChildren(...lines.map((line) => {
      const went = line.last ? "" : !line.decided ? "None decided yet"
        : `${line.wentOn} of ${line.decided} (${Math.round(line.rate * 100)}%)${line.judged ? "" : " · too few to judge"}`;
      return el("tr", {}, el("th", { scope: "row" }, line.stage.label), el("td", {}, String(line.reached)), el("td", {}, went));
    }));
    advice.replaceChildren(...lines.filter((line) => line.low).map((line) => {
      const article = log.articles[line.stage.advice.article];
      return el("li", {}, `${line.stage.advice.text}: `, el("a", { href: article.url }, article.title));
    }));
    const open = applications.filter((app) => !app.outcome).length;
    const quiet = states.filter((state) => state.quiet).length;
    const count = applications.length === 1 ? "1 application" : `${applications.length} applications`;
    find("counts").textContent = applications.length
      ? [count, `${open} open`, quiet ? `${quiet} with no news` : ""].filter(Boolean).join(" · ")
      : "";
  }

  /** Redraw everything from storage (after a change here, a load, or another tab). */
  function draw(fromStorage = true) {
    if (fromStorage) applications = readApplications();
    const now = today();
    entries = applications.map((application) => {
      const state = describeApplication(log, application, now);
      const kind = application.outcome ? "ended" : state.quiet ? "quiet" : "open";
      const text = Object.values(application.fields).join(" ").toLowerCase();
      return { application, state, kind, text, key: sortKey(application, state) };
    });
    entries.sort((a, b) => compare(a.key, b.key));
    find("empty").hidden = applications.length > 0;
    find("top").hidden = applications.length === 0; // the empty state has its own button
    find("list").hidden = applications.length === 0;
    summary(entries.map((entry) => entry.state));
    // A short log needs no filters, and on a phone they would push the first card down.
    const filters = find("filters");
    filters.hidden = applications.length < FILTER_FROM;
    if (filters.hidden && (show.value !== "all" || search.value)) {
      show.value = "all";
      search.value = "";
    }
    render();
  }

  // ---- saving

  // A change made here is applied to the list in memory, as stored: the other
  // applications need not be read and checked again.
  function save(application, done) {
    const saved = writeApplication(application);
    if (!saved.ok) return `${couldNotSave(saved.reason)} Nothing was changed.`;
    removed = null;
    const kept = cleanApplication(application);
    applications = [...applications.filter((app) => app.id !== kept.id), kept];
    draw(false);
    say(done);
    return null;
  }

  function focusRow(id, act) {
    const tr = rows.querySelector(`tr[data-app-id="${id}"]`);
    const target = tr?.querySelector(`[data-act="${act}"]`) ?? tr?.querySelector("[data-act=edit]");
    if (target && !tr.hidden) target.focus();
    else status.focus(); // the row is filtered out or not drawn: the status says what happened
  }

  function closeWith(dialog, id, act) {
    dialog.close();
    if (id) focusRow(id, act);
  }

  // ---- add and edit

  function fieldValues() {
    const values = {};
    for (const field of log.fields) {
      const input = form.elements.namedItem(field.id);
      const value = wellFormed(input.value, 2000).trim();
      if (value) values[field.id] = value;
    }
    return values;
  }

  function fieldProblem(values) {
    const [first] = log.fields;
    if (!values[first.id]) return [first.id, `Give the ${first.label.toLowerCase()}: it names the application.`];
    for (const field of log.fields) {
      const value = values[field.id];
      if (!value) continue;
      if (field.type === "url" && !/^https?:\/\/[^\s]+$/i.test(value))
        return [field.id, `${field.label}: give the whole address, starting with https://`];
      if (field.type === "email" && !/^[^\s@]+@[^\s@]+$/.test(value))
        return [field.id, `${field.label}: that is not an email address.`];
      if (field.type !== "notes" && field.type !== "url" && value.length > MAX_DETAIL)
        return [field.id, `${field.label}: keep it under ${MAX_DETAIL} characters.`];
    }
    return null;
  }

  function openForm(application) {
    editing = application;
    form.reset();
    find("form-problem").textContent = "";
    find("form-title").textContent = application ? `Edit ${nameOf(log, application)}` : "Add an application";
    find("form-new").hidden = Boolean(application);
    find("remove").hidden = !application;
    for (const field of log.fields) form.elements.namedItem(field.id).value = application?.fields[field.id] ?? "";
    form.elements.namedItem("applog-date").value = isoDate(today());
    form.elements.namedItem("applog-date").disabled = Boolean(application);
    const dates = find("form-dates");
    const list = find("form-stages");
    list.replaceChildren();
    if (application) {
      const rounds = new Map();
      application.stages.forEach((entry, i) => {
        rounds.set(entry.stage, (rounds.get(entry.stage) ?? 0) + 1);
        const stage = log.stages.find((s) => s.id === entry.stage);
        const id = `applog-stage-date-${i}`;
        list.append(el("p", { class: "guide-applog__field" },
          el("label", { for: id }, stageName(stage, rounds.get(entry.stage))),
          Object.assign(el("input", { id, type: "date", required: "", "data-stage-index": String(i) }), { value: entry.date })));
      });
    }
    dates.hidden = !application;
    formDialog.showModal();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = fieldValues();
    const problem = fieldProblem(values);
    const say = (text, field) => {
      find("form-problem").textContent = text;
      field?.focus();
    };
    if (problem) return say(problem[1], form.elements.namedItem(problem[0]));
    let application;
    if (editing) {
      const stages = editing.stages.map((entry) => ({ ...entry }));
      for (const input of find("form-stages").querySelectorAll("input[data-stage-index]")) {
        if (!parseDate(input.value)) return say("Give each stage a date: day, month and year.", input);
        stages[Number(input.dataset.stageIndex)].date = input.value;
      }
      application = { ...editing, fields: values, stages };
    } else {
      const date = form.elements.namedItem("applog-date");
      if (!parseDate(date.value)) return say("Give the date: day, month and year.", date);
      const stage = form.elements.namedItem("applog-stage").value;
      application = { id: newId(), fields: values, stages: [{ stage, date: date.value }], outcome: null, snooze: null, dismissed: null, created: Date.now() };
    }
    const failed = save(application, editing ? `Saved ${nameOf(log, application)}.` : `Added ${nameOf(log, application)}.`);
    if (failed) return say(failed);
    closeWith(formDialog, application.id, "edit");
  });

  find("remove").addEventListener("click", () => {
    const application = editing;
    const gone = removeApplication(application.id);
    if (!gone.ok) {
      find("form-problem").textContent = `${couldNotSave(gone.reason)} It is still in your log.`;
      return;
    }
    formDialog.close();
    removed = application;
    applications = applications.filter((app) => app.id !== application.id);
    draw(false);
    say(`Removed ${nameOf(log, application)}.`, true);
    status.querySelector("[data-applog-undo]")?.focus();
  });

  status.addEventListener("click", (event) => {
    if (!event.target.closest("[data-applog-undo]") || !removed) return;
    const back = removed;
    const failed = save(back, `${nameOf(log, back)} is back in your log.`);
    if (failed) return say(failed);
    focusRow(back.id, "edit");
  });

  // ---- stages

  function moveOptions(application) {
    const last = application.stages.at(-1);
    const at = log.stages.findIndex((stage) => stage.id === last.stage);
    if (at < 0) return [];
    const round = application.stages.filter((entry) => entry.stage === last.stage).length;
    const options = [];
    if (round < log.stages[at].rounds) options.push([log.stages[at].id, stageName(log.stages[at], round + 1)]);
    for (const stage of log.stages.slice(at + 1)) options.push([stage.id, stage.label]);
    return options;
  }

  function openMove(application) {
    editing = application;
    moveForm.reset();
    find("move-problem").textContent = "";
    find("move-name").textContent = nameOf(log, application);
    find("move-stage").replaceChildren(...moveOptions(application).map(([id, label]) => el("option", { value: id }, label)));
    moveForm.elements.namedItem("applog-date").value = isoDate(today());
    moveDialog.showModal();
  }

  moveForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const date = moveForm.elements.namedItem("applog-date");
    if (!parseDate(date.value)) {
      find("move-problem").textContent = "Give the date: day, month and year.";
      return date.focus();
    }
    const stage = find("move-stage").value;
    const application = { ...editing, stages: [...editing.stages, { stage, date: date.value }], snooze: null, dismissed: null };
    const round = application.stages.filter((entry) => entry.stage === stage).length;
    const label = stageName(log.stages.find((s) => s.id === stage), round);
    const failed = save(application, `${nameOf(log, application)}: ${label}, ${shortDate(parseDate(date.value))}.`);
    if (failed) {
      find("move-problem").textContent = failed;
      return;
    }
    closeWith(moveDialog, application.id, "move");
  });

  // ---- outcomes and the paths they open

  const chosenOutcome = () => log.outcomes.find((o) => o.id === outcomeForm.elements.namedItem("applog-outcome").value) ?? log.outcomes[0];

  function showPaths() {
    const outcome = chosenOutcome();
    const box = find("paths");
    const list = find("paths-list");
    const state = describeApplication(log, editing);
    const first = state.stage?.paths?.[outcome.id] ?? outcome.paths[0];
    list.replaceChildren(...outcome.paths.filter((slug) => log.situations[slug]).map((slug) =>
      el("label", { class: "guide-applog__choice" },
        Object.assign(el("input", { type: "radio", name: "applog-path", value: slug }), { checked: slug === first }),
        ` ${log.situations[slug].title}`)));
    find("paths-question").textContent = outcome.question;
    box.hidden = outcome.paths.length < 2;
    find("outcome-save").textContent = outcome.paths.length ? "Save and open the path" : "Save";
  }

  function openOutcome(application) {
    editing = application;
    outcomeForm.reset();
    find("outcome-problem").textContent = "";
    find("outcome-name").textContent = nameOf(log, application);
    outcomeForm.elements.namedItem("applog-date").value = isoDate(today());
    showPaths();
    outcomeDialog.showModal();
  }

  outcomeForm.addEventListener("change", (event) => {
    if (event.target.name === "applog-outcome") showPaths();
  });

  outcomeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const date = outcomeForm.elements.namedItem("applog-date");
    const day = parseDate(date.value);
    if (!day || day > today()) {
      find("outcome-problem").textContent = day ? "That day is still to come: give the day it ended." : "Give the date: day, month and year.";
      return date.focus();
    }
    const outcome = chosenOutcome();
    const path = outcome.paths.length > 1 ? outcomeForm.elements.namedItem("applog-path")?.value : outcome.paths[0];
    const ended = { id: outcome.id, date: date.value };
    if (path) ended.path = path;
    const application = { ...editing, outcome: ended };
    const failed = save(application, `${nameOf(log, application)}: ${outcome.label}, ${shortDate(day)}.`);
    if (failed) {
      find("outcome-problem").textContent = failed;
      return;
    }
    outcomeDialog.close();
    if (!path) return focusRow(application.id, "reopen");
    const from = outcome.from === "stage" ? parseDate(application.stages.at(-1).date) : day;
    openPath(application, path, from);
  });

  // The chosen path, dated and with the composer's details from this
  // application. A field left empty clears its detail, so a message never
  // carries another company's contact into this one.
  function openPath(application, slug, date) {
    const results = [write(startKey(slug), isoDate(date)), write(SITUATION, slug)];
    for (const field of log.fields) {
      if (!field.fills) continue;
      const value = wellFormed(application.fields[field.id] ?? "", MAX_DETAIL).trim();
      results.push(write(DETAIL + field.fills, value || null));
    }
    const failed = results.find((result) => !result.ok);
    const url = log.situations[slug].url;
    if (!failed) {
      window.location.assign(url);
      return;
    }
    say(`${couldNotSave(failed.reason)} Open `);
    status.append(el("a", { href: url }, log.situations[slug].title), " and give the date there.");
  }

  // ---- the rows' buttons, by delegation: one listener for every row

  rows.addEventListener("click", (event) => {
    const control = event.target.closest("[data-act]");
    const tr = control?.closest("tr[data-app-id]");
    const application = tr && byId(tr.dataset.appId);
    if (!application) return;
    const act = control.dataset.act;
    if (act === "edit") openForm(application);
    else if (act === "move") openMove(application);
    else if (act === "outcome") openOutcome(application);
    else if (act === "reopen") {
      save({ ...application, outcome: null }, `${nameOf(log, application)} is open again.`);
      focusRow(application.id, "outcome");
    } else if (act === "snooze") {
      save({ ...application, snooze: isoDate(addDays(today(), SNOOZE_DAYS)) }, `Snoozed: ${nameOf(log, application)} is flagged again in a week if there is still no news.`);
      focusRow(application.id, "move");
    } else if (act === "dismiss") {
      save({ ...application, dismissed: quietMark(application) }, `${nameOf(log, application)} is no longer flagged at this stage.`);
      focusRow(application.id, "move");
    } else if (act === "quiet-path") {
      event.preventDefault();
      const state = describeApplication(log, application);
      const path = quietPath(application, state);
      openPath(application, path.slug, path.outcome.from === "stage" ? state.since : today());
    }
  });

  for (const button of root.querySelectorAll("[data-applog-add]")) button.addEventListener("click", () => openForm(null));
  for (const button of root.querySelectorAll("[data-applog-cancel]"))
    button.addEventListener("click", () => button.closest("dialog").close());
  show.addEventListener("change", filter);
  search.addEventListener("input", filter);
  find("more").addEventListener("click", () => {
    const first = rows.children.length;
    limit += PAGE;
    render();
    rows.children[first]?.querySelector("[data-act=edit]")?.focus();
  });
  // Paper gets every row the filters let through, not only those drawn so far.
  window.addEventListener("beforeprint", () => {
    if (document.contains(root)) render(true);
  });

  find("calendar").addEventListener("click", () => {
    const now = today();
    const entries = [];
    for (const application of applications) {
      const state = describeApplication(log, application, now);
      if (!state.due || application.dismissed === quietMark(application)) continue;
      const path = quietPath(application, state);
      const snooze = application.snooze ? parseDate(application.snooze) : null;
      const on = [state.due, now, snooze].filter(Boolean).reduce((a, b) => (b > a ? b : a));
      const step = {
        id: `applog-${application.id}-${application.stages.length}`,
        summary: `Follow up: ${nameOf(log, application)}`,
        note: `No news since ${stageName(state.stage, state.round)} on ${shortDate(state.since)}? Follow up once, or let it go.`,
        advice: path ? new URL(path.url, location.href).href : "",
      };
      entries.push([step, state.due, on]);
    }
    const said = find("calendar-status");
    if (!entries.length) {
      said.textContent = "No open application has a follow-up date yet.";
      return;
    }
    const ics = calendarFile(entries, SITE_ROOT, GUIDE, now);
    saveFile("application-follow-ups.ics", new Blob([ics], { type: CALENDAR_TYPE }));
    const dates = entries.length === 1 ? "1 follow-up date" : `${entries.length} follow-up dates`;
    said.textContent = `Downloaded ${dates}. Open the file with your calendar app.`;
  });

  find("nojs").hidden = true;
  find("app").hidden = false;
  root.redraw = () => draw();
  draw();
}

/** Redraw the log from storage (after a load, a delete, or another tab's change). */
export function refreshApplications() {
  document.querySelector(ROOT)?.redraw?.();
}

// The site navigation for keyboards and screen readers: the section toggles
// are buttons with a state, the menu button opens the drawer from the
// keyboard, and the closed drawer is out of the Tab order.
//
// Material drives both with hidden checkboxes read by its stylesheet: a
// section is open while its `input.md-nav__toggle` is checked, the drawer
// while `#__drawer` is. These functions switch those checkboxes and mirror
// their state in ARIA; the look stays Material's.

// Below this width (Material's 76.25em at its 20 px root) the primary
// navigation is a drawer that slides in over the page.
const DRAWER = window.matchMedia("(max-width: 76.234375em)");

const drawerBox = () => document.getElementById("__drawer");
const sidebar = () => document.querySelector('.md-sidebar--primary[data-md-type="navigation"]');
const menuButton = () => document.querySelector('.md-header label[for="__drawer"]');

function showSection(button, box) {
  const title = button.closest(".md-nav__item").querySelector(":scope > .md-nav > .md-nav__title");
  const name = title ? title.textContent.trim() : "";
  button.setAttribute("aria-expanded", String(box.checked));
  if (name) button.setAttribute("aria-label", `${box.checked ? "Hide" : "Show"} ${name}`);
}

// In the drawer, an open section's menu slides over the menu above it
// (Material's design for small screens). What it covers leaves the Tab
// order, and its title, Material's "back" label for the same checkbox,
// takes the keyboard instead.
function syncPanels() {
  const primary = document.querySelector(".md-nav--primary");
  if (!primary) return;
  for (const covered of primary.querySelectorAll("[data-guide-covered]")) {
    covered.inert = false;
    delete covered.dataset.guideCovered;
  }
  if (!DRAWER.matches) return;
  const open = [...primary.querySelectorAll(".md-nav__toggle:checked ~ nav.md-nav")].pop();
  for (let el = open; el && el !== primary; el = el.parentElement) {
    for (const sibling of el.parentElement.children) {
      if (sibling === el || sibling.inert) continue;
      sibling.inert = true;
      sibling.dataset.guideCovered = "";
    }
  }
}

const pressed = (event) => event.key === "Enter" || event.key === " ";

// One of Material's <label>s for a checkbox, given to the keyboard: Enter or
// Space runs `activate`. Material's own key handler (on the document) clicks
// a focused label on Enter, which would switch the checkbox straight back:
// the key stops here.
function labelButton(label, name, activate) {
  label.setAttribute("role", "button");
  label.setAttribute("tabindex", "0");
  label.setAttribute("aria-label", name);
  label.addEventListener("keydown", (event) => {
    if (!pressed(event)) return;
    event.preventDefault();
    event.stopPropagation();
    if (!event.repeat) activate();
  });
}

// Focus moves once the key that did the job is released, or the release
// would land on the newly focused control (and press a button there).
function onRelease(element, move) {
  element.addEventListener("keyup", move, { once: true });
}

function initBackLabel(title, box, button) {
  labelButton(title, `Back from ${title.textContent.trim()}`, () => {
    box.checked = false;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    onRelease(title, () => button.focus());
  });
}

function initSectionToggles() {
  for (const button of document.querySelectorAll("[data-guide-nav-toggle]")) {
    const box = document.getElementById(button.dataset.guideNavToggle);
    if (!box) continue;
    button.addEventListener("click", () => {
      box.checked = !box.checked;
      // Material listens for the change, as it would after a click on its label.
      box.dispatchEvent(new Event("change", { bubbles: true }));
    });
    // The sub-menu's own title (a <label> for the same checkbox) switches it too.
    box.addEventListener("change", () => {
      showSection(button, box);
      syncPanels();
    });
    const title = button.closest(".md-nav__item").querySelector(":scope > .md-nav > label.md-nav__title");
    if (title) initBackLabel(title, box, button);
    showSection(button, box);
  }
}

// While the drawer is closed its links are off screen: inert keeps them out
// of the Tab order and the accessibility tree. On a wide screen the same
// element is the always-visible sidebar, so it is never inert there.
function syncDrawer() {
  const nav = sidebar();
  const open = drawerBox()?.checked ?? false;
  if (nav) nav.inert = DRAWER.matches && !open;
  const menu = menuButton();
  if (menu) menu.setAttribute("aria-expanded", String(open));
}

function setDrawer(open) {
  const box = drawerBox();
  if (!box || box.checked === open) return;
  box.checked = open;
  box.dispatchEvent(new Event("change", { bubbles: true }));
  syncDrawer();
}

// Material's menu button is a <label> for the drawer checkbox, which a
// pointer can use but Tab never reaches. It becomes a button here; the
// header is not replaced by instant navigation, so this runs once.
function initMenuButton() {
  const menu = menuButton();
  if (!menu || menu.dataset.guideMenu !== undefined) return;
  menu.dataset.guideMenu = "";
  menu.setAttribute("aria-controls", "guide-drawer");
  labelButton(menu, "Menu", () => {
    setDrawer(!drawerBox().checked);
    // Into the drawer, at its first control not covered by an open section.
    if (!drawerBox().checked) return;
    onRelease(menu, () => {
      const controls = sidebar()?.querySelectorAll("a[href], button, [tabindex='0']") ?? [];
      [...controls].find((el) => !el.closest("[inert]"))?.focus();
    });
  });
  drawerBox()?.addEventListener("change", syncDrawer);
  DRAWER.addEventListener("change", () => {
    syncDrawer();
    syncPanels();
  });
  // Escape closes the drawer and returns to the button that opened it.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !DRAWER.matches || !drawerBox()?.checked) return;
    setDrawer(false);
    menu.focus();
  });
}

// On every page (Material replaces the sidebar on each instant navigation).
export function initNavigation() {
  initMenuButton();
  const nav = sidebar();
  if (nav) nav.id = "guide-drawer";
  initSectionToggles();
  syncPanels();
  syncDrawer();
}

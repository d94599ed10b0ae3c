// Where keyboard focus goes when the page changes under it: the skip link
// lands on the page's heading, an instant navigation starts on the new page's
// heading, and Back returns to the link that was followed.
//
// Material's instant navigation swaps the page without a reload, so the
// browser leaves focus on <body> (or on a link that no longer exists).

// Links followed, by the address of the page they were on: the link's href
// and its place among the links with that href, enough to find it again
// when Back redraws that page.
const followed = new Map();
let first = true;
let back = false;

const heading = () => document.querySelector(".md-content h1");

// Focus an element that is not a control, without leaving a Tab stop behind:
// tabindex=-1 makes it focusable by script only.
function land(target, options) {
  if (!target) return false;
  if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
  target.focus(options);
  return document.activeElement === target;
}

function remember(event) {
  const link = event.target.closest?.("a[href]");
  if (!link || link.target) return;
  back = false;
  // Material rewrites hrefs to full addresses: compare those, not the attributes.
  const same = [...document.querySelectorAll("a[href]")].filter((a) => a.href === link.href);
  followed.set(location.href, { href: link.href, index: same.indexOf(link) });
}

function returnTo() {
  const seen = followed.get(location.href);
  if (!seen) return null;
  const same = [...document.querySelectorAll("a[href]")].filter((a) => a.href === seen.href);
  // The link may sit in the closed drawer, which cannot take focus: then the heading.
  const link = same[seen.index];
  return link && !link.closest("[inert]") ? link : null;
}

function target() {
  if (back) return returnTo() ?? heading();
  const id = decodeURIComponent(location.hash.slice(1));
  return (id && document.getElementById(id)) || heading();
}

// The skip link (overrides/main.html) jumps to the content; with scripts,
// focus lands on the page's heading, which is then read out. The link lives
// in the header, which instant navigation keeps, and Material rewrites its
// href to the first page's full address: the click is handled here.
function initSkip() {
  const skip = document.querySelector("[data-guide-skip]");
  if (!skip || skip.dataset.guideSkipReady !== undefined) return;
  skip.dataset.guideSkipReady = "";
  skip.addEventListener("click", (event) => {
    event.preventDefault();
    land(heading() ?? document.getElementById("guide-content"));
  });
}

// Called on every page Material shows, the first one included.
export function initFocus() {
  initSkip();
  if (first) {
    first = false;
    return;
  }
  // After Material has restored the scroll position (Back) or scrolled to
  // the top or the fragment: focusing must not scroll again.
  const wasBack = back;
  requestAnimationFrame(() => {
    land(target(), { preventScroll: wasBack });
    back = false;
  });
}

document.addEventListener("click", remember, true);
window.addEventListener("popstate", () => {
  back = true;
});

// The worksheets page's and the Privacy page's offer to keep every worksheet
// PDF on this device. The offline copy holds the pages, not the PDFs: this
// asks the service worker (offline-worker.js) to download them, and says how
// many it keeps. The build wrote the button with their total size.

// Ask the active worker something; resolves with its last answer, calling
// onProgress with each one before it.
async function ask(type, onProgress = () => {}) {
  const registration = await navigator.serviceWorker.ready;
  return new Promise((done, fail) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => {
      if (data?.type === "progress") onProgress(data);
      else if (data?.type === "status") done(data);
      else fail(new Error(data?.reason || "no answer"));
    };
    registration.active.postMessage({ type }, [channel.port2]);
  });
}

function initBox(box) {
  if (box.dataset.ready) return;
  box.dataset.ready = "1";
  const build = document.querySelector('meta[name="guide-offline"]')?.content;
  if (!("serviceWorker" in navigator) || !build || build === "off") return; // the sentence saying why stays
  const buttons = box.querySelector(".guide-offline-keep__buttons");
  const keep = box.querySelector("[data-offline-keep-all]");
  const drop = box.querySelector("[data-offline-drop]");
  const status = box.querySelector("[data-offline-status]");
  const say = (text) => {
    if (status.textContent !== text) status.textContent = text;
  };
  const show = ({ kept, total }) => {
    keep.hidden = kept === total;
    drop.hidden = kept === 0;
    if (kept === total) say(`All ${total} worksheet PDFs are kept on this device: they open without a connection.`);
    else if (kept > 0) say(`${kept} of the ${total} worksheet PDFs are kept on this device: those you opened.`);
    else say("");
  };
  const failed = (error) =>
    say(`Not kept: this device could not reach the guide (${error.message}). Try again once you are connected.`);
  box.querySelector("[data-offline-none]").hidden = true;
  buttons.hidden = false;
  keep.addEventListener("click", () => {
    keep.disabled = true;
    say("Keeping the worksheets…");
    ask("keep", ({ kept, total }) => say(`Keeping the worksheets: ${kept} of ${total}.`))
      .then(show, failed)
      .finally(() => (keep.disabled = false));
  });
  drop.addEventListener("click", () => {
    ask("drop")
      .then((answer) => {
        show(answer);
        say("The worksheet PDFs are no longer kept on this device; they open while you are connected.");
        keep.focus();
      }, failed);
  });
  ask("status").then(show, failed);
}

export function initOfflineKeep() {
  for (const box of document.querySelectorAll("[data-offline-keep]")) initBox(box);
}

// The one way this site saves a file made in the browser: a Blob the reader
// downloads. Nothing is sent anywhere.

/** Save ``blob`` as a file called ``name``. */
export function saveFile(name, blob) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  // Revoked at once, the address can be gone before the browser has started
  // reading it (Firefox, Safari): give the download a moment to begin.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

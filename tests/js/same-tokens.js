// Usage: node same-tokens.js SOURCE SERVED [script|module]
// Minifying may remove comments and spaces, nothing else: the two files must
// read as the same tokens, text inside strings and templates included.
// Prints the first difference and exits 1 if they do not.
import fs from "node:fs";
import { tokenize } from "espree";

const [source, served, kind = "module"] = process.argv.slice(2);
const options = { ecmaVersion: "latest", sourceType: kind };
const read = (file) => tokenize(fs.readFileSync(file, "utf8"), options).map((t) => `${t.type} ${t.value}`);
const [before, after] = [read(source), read(served)];
const at = before.findIndex((token, i) => token !== after[i]);
if (at !== -1 || before.length !== after.length) {
  const i = at === -1 ? Math.min(before.length, after.length) : at;
  console.log(`token ${i}: source has ${JSON.stringify(before[i])}, served has ${JSON.stringify(after[i])}`);
  process.exit(1);
}

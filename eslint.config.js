// ESLint for the site's JavaScript (tests/test_javascript.py runs it in `make test`):
// the recommended rules, ES modules in a browser, and the unit tests under node.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", "site.*/", ".venv/", ".cache/"] },
  js.configs.recommended,
  {
    files: ["docs/assets/javascripts/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
  },
  {
    files: ["hooks/guidekit/offline-worker.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      // The build puts BUILD, this build's data, in front of the worker's code.
      globals: { ...globals.serviceworker, BUILD: "readonly" },
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js", "content/.remarkrc.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
  },
];

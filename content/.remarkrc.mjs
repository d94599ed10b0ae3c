// Editors (the remark extension) and the tests check each content file's front
// matter against the JSON Schema of its folder: articles/*.md against
// .schemas/articles.schema.json, and so on. `python -m <engine> schema` writes
// the schemas; this file only pairs them with their folders, so a new content
// type needs no change here.
import { readdirSync } from "node:fs";
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

const SUFFIX = ".schema.json";
// Schemas of single YAML files (topics.yml, applications.yml), not of a folder's front matter.
const WHOLE_FILES = ["topics", "applications"];
const folders = readdirSync(new URL(".schemas/", import.meta.url))
  .filter((name) => name.endsWith(SUFFIX) && !WHOLE_FILES.includes(name.slice(0, -SUFFIX.length)))
  .map((name) => name.slice(0, -SUFFIX.length));

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      {
        schemas: Object.fromEntries(
          folders.map((folder) => [`.schemas/${folder}${SUFFIX}`, [`${folder}/*.md`]]),
        ),
        // The plugin's Ajv knows draft-07, not the 2020-12 meta-schema the
        // schemas name. They use only keywords the two drafts read alike
        // (tests/test_schemas.py holds them to that), so Ajv is told not to
        // look the meta-schema up.
        ajvOptions: { validateSchema: false },
      },
    ],
  ],
};

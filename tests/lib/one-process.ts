/**
 * Several test files in one process. Node 20's runner starts a process per test file, and a process that loads the
 * pack's modules and tsx costs about a second of CPU before its first test: for the ~95 pure policy test files that
 * was a sixth of the suite's CPU, for tests that take milliseconds. scripts/test.mjs runs this file with the list in
 * HARDENED_STACK_TESTS_IN_ONE_PROCESS (JSON, paths from the repository root) instead of those files; their tests
 * register here as they would in their own process, and each file still runs alone with
 * `node --import tsx --test tests/x/y.test.ts`. Only files that share no global state belong in the list
 * (no setMocks, no process.env changes): scripts/test.mjs says which.
 */
import { resolve } from "node:path";

const VARIABLE = "HARDENED_STACK_TESTS_IN_ONE_PROCESS";
const listed = process.env[VARIABLE];
if (!listed) throw new Error(`${VARIABLE} is unset: scripts/test.mjs sets it to the JSON list of test files to run here`);
const files = JSON.parse(listed) as unknown;
if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === "string" && f.endsWith(".test.ts"))) {
    throw new Error(`${VARIABLE} must be a non-empty JSON list of *.test.ts paths, got ${listed}`);
}
const root = resolve(__dirname, "../..");
for (const file of files as string[]) require(resolve(root, file));

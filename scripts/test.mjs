// `npm test`: type-check (root program and every pack), lint, then Node's test runner over every *.test.ts.
// Node 20's --test does not expand globs, so the files are found here.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith("--"));
const skipStatic = args.includes("--no-static");

function find(dir, out = []) {
    if (!existsSync(dir)) return out;
    for (const entry of readdirSync(dir)) {
        if (entry === "node_modules" || entry.startsWith(".")) continue;
        const p = join(dir, entry);
        if (statSync(p).isDirectory()) find(p, out);
        else if (entry.endsWith(".test.ts")) out.push(relative(root, p));
    }
    return out;
}

function run(cmd, argv, { quiet = false } = {}) {
    const r = spawnSync(cmd, argv, { cwd: root, stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
}

// The pack runs from its compiled bin/ (as `pulumi preview --policy-pack` runs it): build it from the current sources.
run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "policy-packs/kill-chain/tsconfig.json")]);

if (!skipStatic) {
    // Independent checks, side by side (two cores): the type-check of the whole project, which also builds the compiled
    // CLI (build/) that bin/hardened-stack.js starts from; every other pack's own type-check (the kill-chain pack was
    // type-checked by its build above); the benchmark's (not part of the program's); and lint.
    const jobs = [[join(root, "scripts/build-cli.mjs"), "--all"]];
    for (const pack of readdirSync(join(root, "policy-packs"))) {
        const cfg = join(root, "policy-packs", pack, "tsconfig.json");
        if (pack !== "kill-chain" && existsSync(cfg)) jobs.push([join(root, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", cfg]);
    }
    jobs.push([join(root, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", join(root, "bench/tsconfig.json")]);
    jobs.push([join(root, "node_modules/eslint/bin/eslint.js"), "--max-warnings=0", "."]);
    const codes = await Promise.all(jobs.map((argv) => new Promise((done) => {
        spawn(process.execPath, argv, { cwd: root, stdio: "inherit" }).on("close", (code) => done(code ?? 1));
    })));
    const failed = codes.find((c) => c !== 0);
    if (failed !== undefined) process.exit(failed);
}

// The reference program type-checked once, as `pulumi up` compiles it, before the tests: it fails fast on a program
// that would not load under the real CLI, and leaves ts-node's compile cache warm for the tests that run it.
if (only.length === 0) run(process.execPath, [join(root, "bin/hardened-stack.js"), "plan", "--json"], { quiet: true });

const files = (only.length ? only : find(join(root, "tests"))).sort();
if (files.length === 0) {
    console.error("no test files found");
    process.exit(1);
}
run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...files]);

// `npm test`: type-check (root program and every pack), lint, then Node's test runner over every *.test.ts.
// Node 20's --test does not expand globs, so the files are found here.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
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
if (only.length) {
    run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...files]);
    process.exit(0);
}

// The whole suite, arranged for two cores (measured: concurrency 3 is slower).
// 1. The test files of these folders, and these single files, run in one process (tests/lib/one-process.ts): a
//    process per file costs up to a second of CPU to load tsx and the modules under test, for tests that mostly take
//    milliseconds (measured on 2026-11-29: these 130 files, 2,813 tests, took about 185 s of CPU in their own
//    processes and 62 s in one, 47 s of wall time on one core). A file whose source touches process-wide
//    state (mocks, process.env, process handlers) keeps its own process whatever its folder; the helpers these
//    files import touch none. Add a folder or a file only when that holds for its helpers too.
const ONE_PROCESS = [
    "tests/policies/", "tests/kubernetes/", "tests/network/", "tests/present/", "tests/review/",
    "tests/cluster/endpoint-access.test.ts", "tests/cluster/security-groups.test.ts", "tests/cluster/settings.test.ts",
    "tests/data/bucket-policy.test.ts", "tests/data/naming.test.ts", "tests/identity/grants.test.ts", "tests/detection/policies.test.ts",
    "tests/engine/aws-check.test.ts", "tests/engine/kubernetes-provider.test.ts", "tests/engine/policy-config.test.ts",
    "tests/engine/policy-document.test.ts", "tests/engine/properties.test.ts", "tests/components/schema-friendly-args.test.ts",
    "tests/components/csharp-example.test.ts",
];
const GLOBAL_STATE = /setMocks|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env|process\.on\(|process\.chdir|memoryUsage|resourceUsage/;
const unknownFiles = ONE_PROCESS.filter((p) => !p.endsWith("/") && !files.includes(p));
if (unknownFiles.length) {
    console.error(`scripts/test.mjs ONE_PROCESS lists ${unknownFiles.join(", ")}, not a test file any more: update the list`);
    process.exit(1);
}
const together = files.filter((f) => ONE_PROCESS.some((d) => f.startsWith(d)) && !GLOBAL_STATE.test(readFileSync(join(root, f), "utf8")));
// 2. The runner starts files in the order given, two at a time: the longest first, so that the last minute is not
//    one long file running alone on one core. Longest by their time alone, 2026-11-29 (the one-process group about
//    50 s, then 40 s down to 15 s); a file not listed starts after these, in name order.
const SLOW_FIRST = [
    "tests/lib/one-process.ts", "tests/stack/reference.test.ts", "tests/detection/threat-detection.test.ts", "tests/engine/runtime.test.ts",
    "tests/pack/breach-replays.test.ts", "tests/cluster/private-cluster.test.ts", "tests/bench/smoke.test.ts",
    "tests/components/construct-pack.test.ts", "tests/fidelity/validate-resource.test.ts", "tests/engine/analyzer.test.ts",
    "tests/data/private-bucket.test.ts", "tests/components/schema.test.ts",
];
const entries = [...(together.length ? ["tests/lib/one-process.ts"] : []), ...files.filter((f) => !together.includes(f))];
const missing = SLOW_FIRST.filter((f) => !entries.includes(f));
if (missing.length) {
    console.error(`scripts/test.mjs SLOW_FIRST lists ${missing.join(", ")}, not a test file any more: update the list`);
    process.exit(1);
}
const ordered = [...SLOW_FIRST, ...entries.filter((f) => !SLOW_FIRST.includes(f))];
const env = { ...process.env, HARDENED_STACK_TESTS_IN_ONE_PROCESS: JSON.stringify(together) };
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...ordered], { cwd: root, stdio: "inherit", env });
process.exit(r.status ?? 1);

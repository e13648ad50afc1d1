/** The front door: help on every command, the version, and both answered without loading the engine. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { answerWithoutEngine, COMMANDS, commandHelp } from "../../bin/help.js";
import { REVIEW_USAGE } from "../../cli/commands/review";
import { CHECK_USAGE } from "../../cli/commands/check";
import { PLAN_USAGE } from "../../cli/commands/plan";

const VERSION = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

describe("--help and --version", () => {
    test("hardened-stack --help lists every command, exit 0", () => {
        const a = answerWithoutEngine(["--help"])!;
        assert.equal(a.code, 0);
        for (const name of Object.keys(COMMANDS)) assert.match(a.text, new RegExp(`^  ${name} `, "m"));
    });

    for (const name of ["plan", "check", "review"] as const) {
        test(`${name} --help and help ${name} show its usage, every option and the exit codes, exit 0`, () => {
            for (const argv of [[name, "--help"], ["help", name], [name, "--program", "x.ts", "-h"]]) {
                const a = answerWithoutEngine(argv)!;
                assert.equal(a.code, 0, argv.join(" "));
                assert.equal(a.text, commandHelp(name));
            }
            const text = commandHelp(name);
            assert.ok(text.includes(`Usage: ${COMMANDS[name].usage}`));
            for (const [flag] of COMMANDS[name].options) assert.ok(text.includes(`  ${flag}`), `${flag} missing`);
            assert.match(text, /^Exit: 0 /m);
        });
    }

    test("the usage each command reports in its errors is the one its help shows", () => {
        assert.deepEqual([PLAN_USAGE, CHECK_USAGE, REVIEW_USAGE], [COMMANDS.plan.usage, COMMANDS.check.usage, COMMANDS.review.usage]);
    });

    test("every flag the usage line names has a line in the help, and the other way round", () => {
        for (const c of Object.values(COMMANDS)) {
            const inUsage = new Set(c.usage.match(/--[a-z-]+/g));
            const inOptions = new Set(c.options.flatMap(([flag]) => flag.match(/^--[a-z-]+/g) ?? []));
            assert.deepEqual([...inUsage].sort(), [...inOptions].sort());
        }
    });

    test("--version is the package's version", () => {
        assert.deepEqual(answerWithoutEngine(["--version"]), { code: 0, text: `hardened-stack ${VERSION}` });
    });

    test("no arguments: the usage on stderr, exit 2", () => {
        assert.equal(answerWithoutEngine([])!.code, 2);
    });

    test("the CLI answers --help and --version without loading tsx, the engine or the Pulumi SDK", () => {
        for (const argv of [["--help"], ["check", "--help"], ["--version"]]) {
            const r = spawnSync(process.execPath, ["--require", "./tests/cli/lib/report-modules.cjs", "bin/hardened-stack.js", ...argv], { encoding: "utf8" });
            assert.equal(r.status, 0, r.stderr);
            const loaded = r.stderr.split("--loaded--\n")[1]!.split("\n").filter((l) => l);
            const heavy = [resolve("node_modules/tsx"), resolve("node_modules/@pulumi"), resolve("engine"), resolve("cli")];
            assert.deepEqual(loaded.filter((m) => heavy.some((h) => m.startsWith(h))), [], argv.join(" "));
        }
    });
});

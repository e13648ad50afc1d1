/**
 * What the person waiting sees: the program's own output on stderr (never on stdout, never the SDK's failure report
 * twice), and a progress line only on a terminal.
 */
import { describe, test, mock } from "node:test";
import assert from "node:assert/strict";
import { main } from "../../cli/main";
import { ProgramOutput } from "../../engine/output";
import { Progress, progressLine } from "../../cli/present/progress";
import { plural } from "../../cli/present/words";

function collect(): { lines: string[]; output: ProgramOutput } {
    const lines: string[] = [];
    return { lines, output: new ProgramOutput((l) => lines.push(l)) };
}

describe("the program's own output", () => {
    test("plan passes console and pulumi.log lines to stderr and keeps stdout for the plan", async () => {
        process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
        let out = "";
        let err = "";
        const code = await main(["plan", "--program", "tests/programs/cli/logs.ts"], { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; } });
        assert.equal(code, 0, err);
        for (const line of ["console.log: picking the bucket name", "console.error: nothing wrong yet", "pulumi.log.info: creating the bucket",
            "warning: pulumi.log.warn: no lifecycle rules"]) assert.ok(err.split("\n").includes(line), `missing ${line} in ${err}`);
        assert.ok(!out.includes("console.log"), out);
        assert.match(out, /aws:s3\/bucket:Bucket {2}logged/);
    });

    test("lines split across chunks arrive whole, and a last line without newline is not lost", () => {
        const { lines, output } = collect();
        output.write("stdout", "one\ntw");
        output.write("stdout", "o\nthr");
        output.end();
        assert.deepEqual(lines, ["one", "two", "thr"]);
    });

    test("the SDK's failure reports are left to the failure line: leaked promises, an exception and its stack, the exit note", () => {
        const { lines, output } = collect();
        output.write("stderr", "mine\nhardened-stack: the program called process.exit(0) at x.ts:1\nThe Pulumi runtime detected that 3 promises were still active\nat the time\n");
        output.log({ severity: "error", message: "Running program '/p' failed with an unhandled exception:\nError: boom", urn: "" });
        output.log({ severity: "error", message: "Error: failed to register new resource b\n    at Object.registerResource (resource.ts:1:2)", urn: "" });
        output.log({ severity: "error", message: "my own error", urn: "" });
        output.log({ severity: "debug", message: "noise", urn: "" });
        assert.deepEqual(lines, ["mine", "error: my own error"]);
    });
});

describe("progress", () => {
    test("nothing is written when stderr is not a terminal", () => {
        mock.timers.enable({ apis: ["setInterval", "Date"] });
        try {
            const writes: string[] = [];
            const p = new Progress({ isTTY: false, write: (s) => writes.push(s) });
            p.show("running the program");
            mock.timers.tick(5000);
            p.show(undefined);
            assert.deepEqual(writes, []);
        } finally {
            mock.timers.reset();
        }
    });

    test("on a terminal a step longer than a second shows one line, erased before other output and at the end", () => {
        mock.timers.enable({ apis: ["setInterval", "Date"] });
        try {
            const writes: string[] = [];
            const p = new Progress({ isTTY: true, write: (s) => writes.push(s) });
            p.show("running the program");
            assert.deepEqual(writes, []);
            mock.timers.tick(2000);
            assert.equal(writes.at(-1), `\r\u001b[K${progressLine("running the program", 2000)}`);
            p.clear();
            assert.equal(writes.at(-1), "\r\u001b[K");
            mock.timers.tick(1000);
            p.show(undefined);
            assert.equal(writes.at(-1), "\r\u001b[K");
            const n = writes.length;
            mock.timers.tick(5000);
            assert.equal(writes.length, n, "a finished step keeps drawing");
        } finally {
            mock.timers.reset();
        }
    });

    test("counted nouns agree with their count", () => {
        assert.deepEqual([plural(1, "resource"), plural(2, "resource"), plural(1, "policy"), plural(3, "policy"), plural(2, "process")],
            ["1 resource", "2 resources", "1 policy", "3 policies", "2 processes"]);
    });
});

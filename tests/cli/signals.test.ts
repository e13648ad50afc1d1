/** The CLI's child processes stop with it: Ctrl-C or SIGTERM never leaves the program (or a pack) running. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

/** Starts `plan` on a program that never ends, waits for the program to say its pid, sends `signal` to the CLI. */
async function interrupt(signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string; programPid: number }> {
    const cli = spawn(process.execPath, ["bin/hardened-stack.js", "plan", "--program", "tests/programs/cli/never-ends.ts", "--timeout", "120"], {
        env: { ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" }, stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    const programPid = await new Promise<number>((res, rej) => {
        cli.stderr.on("data", (d: Buffer) => {
            stderr += d.toString();
            const m = /never-ends pid (\d+)/.exec(stderr);
            if (m) res(Number(m[1]));
        });
        cli.on("exit", () => rej(new Error(`the CLI exited before the program started: ${stderr}`)));
    });
    assert.ok(alive(programPid), "the program is not running");
    cli.kill(signal);
    const code = await new Promise<number | null>((res) => cli.on("exit", (c) => res(c)));
    return { code, stderr, programPid };
}

async function gone(pid: number): Promise<boolean> {
    // SIGKILL is delivered at once, but the process table may take a moment.
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
    return !alive(pid);
}

describe("signals", { concurrency: true }, () => {
    test("SIGINT (Ctrl-C) stops the program's process with the CLI, exit 130", async () => {
        const r = await interrupt("SIGINT");
        assert.equal(r.code, 130, r.stderr);
        assert.ok(await gone(r.programPid), `program ${r.programPid} still running`);
        assert.match(r.stderr, /hardened-stack: stopped by SIGINT; the program and the policy packs were stopped too\n$/);
    });

    test("SIGTERM stops the program's process with the CLI, exit 143", async () => {
        const r = await interrupt("SIGTERM");
        assert.equal(r.code, 143, r.stderr);
        assert.ok(await gone(r.programPid), `program ${r.programPid} still running`);
    });
});

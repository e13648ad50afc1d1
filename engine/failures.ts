/**
 * Every way a run can fail ends in one line naming what failed and why. These pure functions turn what a process or
 * a pack said (Node's uncaught-error report, a gRPC error's details, colour codes, stack frames) into that line.
 */
import { stripAnsi } from "./host";

/** What engine/exit-guard.js writes (its MARKER). */
export const EXIT_MARKER = "hardened-stack: the program called process.exit";

/** Lines a reader gains nothing from in one line: stack frames, Node's version footer, the `^` under a thrown line. */
const NOISE = /^(at .*|Node\.js v\d+.*|\^+|-+)$/;
/** The language host's preamble for a program or pack that threw while loading (cmd/run and cmd/run-policy-pack). */
const RUNNING_PROGRAM = /^(Error: )?(\[runtime\] )?Running program '.*' failed with an unhandled exception:$/;

/**
 * The one line a multi-line error report comes down to: colour codes, stack frames and preambles removed; a header
 * that ends in ":" (the pack's "Error validating resource with policy 'x' ...:") joined to the cause under it.
 */
export function oneLineError(text: string): string {
    const lines = stripAnsi(text).split("\n").map((l) => l.trim()).filter((l) => l.length > 0 && !NOISE.test(l) && !RUNNING_PROGRAM.test(l));
    const first = lines[0] ?? "";
    return first.endsWith(":") && lines[1] !== undefined ? `${first} ${lines[1]}` : first;
}

/**
 * Why a process that threw while loading (a policy pack) died, from its stderr: Node prints the source line and a
 * caret first, then `Error: message`, then frames; the language host prints its preamble, then the error. The error
 * line is the one that matters.
 */
export function loadErrorOf(stderr: string): string | undefined {
    const lines = stripAnsi(stderr).split("\n").map((l) => l.trim()).filter((l) => l.length > 0 && !NOISE.test(l) && !RUNNING_PROGRAM.test(l));
    return lines.find((l) => /^(Uncaught )?[A-Za-z]*(Error|Exception)\b.*:/.test(l)) ?? lines[lines.length - 1];
}

/** "1 resource", "2 resources". */
export function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The --timeout message: what stopped, after how long, and how to change it. */
export function timeoutMessage(label: string, timeoutMs: number, registered: number): string {
    return `program ${label} timed out after ${Math.round(timeoutMs / 1000)} s (set --timeout); it had registered ${plural(registered, "resource")}`;
}

/** `Cannot find module 'x'` from a program: where to install it, since the program resolves its own node_modules. */
export function missingModuleHint(message: string, programDir: string): string {
    const m = /Cannot find module '([^']+)'/.exec(message);
    if (!m || m[1]!.startsWith(".") || m[1]!.startsWith("/")) return "";
    const pkg = m[1]!.startsWith("@") ? m[1]!.split("/").slice(0, 2).join("/") : m[1]!.split("/")[0]!;
    return ` (the program's imports resolve from its own folder, as under \`pulumi preview\`: run \`npm install ${pkg}\` in ${programDir} or above)`;
}

/** The program's own `process.exit()` call as engine/exit-guard.js noted it ("it called process.exit(0) at x.ts:3"). */
export function exitCallOf(stderr: string): string | undefined {
    const line = stripAnsi(stderr).split("\n").find((l) => l.startsWith(EXIT_MARKER));
    return line === undefined ? undefined : `it called ${line.slice("hardened-stack: the program called ".length).trim()}`;
}

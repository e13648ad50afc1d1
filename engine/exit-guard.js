"use strict";
/**
 * Preloaded (NODE_OPTIONS --require) into the program's process by the offline engine, beside inspect-guard.js.
 *
 * A program that calls `process.exit()` itself ends before the SDK has sent its registrations; the SDK then reports
 * only "N promises were still active", which names neither the call nor where it is. This notes the first such call
 * made outside the Pulumi SDK, with its place, on stderr, and changes nothing else: the exit goes ahead as called.
 */
const MARKER = "hardened-stack: the program called process.exit";

const original = process.exit;
let noted = false;

function exit(code) {
    if (!noted) {
        noted = true;
        const frames = String(new Error().stack).split("\n").slice(2);
        const caller = frames.find((f) => /\bat\b/.test(f)) || "";
        // The SDK's own exits (cmd/run's exit codes) are how a run ends, not something to report.
        if (!/node_modules[\\/]@pulumi[\\/]/.test(caller)) {
            const place = /\(?((?:[A-Za-z]:)?[^():]+):(\d+):\d+\)?\s*$/.exec(caller);
            const file = place ? require("path").relative(process.cwd(), place[1]) || place[1] : "";
            process.stderr.write(`${MARKER}(${code === undefined ? "" : code})${place ? ` at ${file}:${place[2]}` : ""}\n`);
        }
    }
    return original.apply(process, arguments);
}
process.exit = exit;

module.exports = { MARKER };

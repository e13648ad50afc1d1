#!/usr/bin/env node
"use strict";
// --help and --version are answered here, before tsx, the engine and the SDK load (a few milliseconds instead of
// seconds; docs/performance.md).
const quick = require("./help.js").answerWithoutEngine(process.argv.slice(2));
if (quick) {
    (quick.code === 0 ? process.stdout : process.stderr).write(`${quick.text}\n`);
    process.exitCode = quick.code;
} else {
    // The CLI is written in TypeScript; tsx (esbuild) loads it without a build step, so `npx hardened-stack`
    // works right after `npm ci` on a fresh clone.
    require("tsx/cjs");
    require("../cli/signals.ts").stopChildrenOnSignals();
    require("../cli/main.ts")
        .main(process.argv.slice(2))
        .then((code) => { process.exitCode = code; })
        .catch((err) => {
            // Not one of the failures the CLI expects (a bug here): still one printable line and exit 2, no stack.
            const { printable } = require("../cli/terminal.ts");
            process.stderr.write(`hardened-stack: ${printable(err && err.message ? String(err.message).split("\n")[0] : String(err))}\n`);
            process.exitCode = 2;
        });
}

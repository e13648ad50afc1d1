#!/usr/bin/env node
"use strict";
// --help and --version are answered here, before the engine and the SDK load (a few milliseconds instead of
// seconds; docs/performance.md).
const quick = require("./help.js").answerWithoutEngine(process.argv.slice(2));
if (quick) {
    (quick.code === 0 ? process.stdout : process.stderr).write(`${quick.text}\n`);
    process.exitCode = quick.code;
} else {
    const { main, stopChildrenOnSignals, printable } = loadCli();
    stopChildrenOnSignals();
    main(process.argv.slice(2))
        .then((code) => { process.exitCode = code; })
        .catch((err) => {
            // Not one of the failures the CLI expects (a bug here): still one printable line and exit 2, no stack.
            process.stderr.write(`hardened-stack: ${printable(err && err.message ? String(err.message).split("\n")[0] : String(err))}\n`);
            process.exitCode = 2;
        });
}

/**
 * The compiled CLI (build/, made by `npm ci` and `npm test` with scripts/build-cli.mjs) when it is newer than every
 * source it was built from; otherwise the TypeScript sources through tsx, so an edited checkout never runs stale code.
 */
function loadCli() {
    if (require("./launch.js").compiledIsFresh(require("node:path").join(__dirname, ".."))) {
        return {
            main: require("../build/cli/main.js").main,
            stopChildrenOnSignals: require("../build/cli/signals.js").stopChildrenOnSignals,
            printable: require("../build/cli/terminal.js").printable,
        };
    }
    require("tsx/cjs");
    return {
        main: require("../cli/main.ts").main,
        stopChildrenOnSignals: require("../cli/signals.ts").stopChildrenOnSignals,
        printable: require("../cli/terminal.ts").printable,
    };
}

// Preloaded into the CLI by tests/cli/help.test.ts: on exit, writes every module file it loaded (one per line, after
// a marker) to stderr, so the test can tell that --help loaded neither tsx, nor the engine, nor the SDK.
"use strict";
process.on("exit", () => {
    process.stderr.write(`\n--loaded--\n${Object.keys(require.cache).join("\n")}\n`);
});

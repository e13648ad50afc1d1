#!/usr/bin/env node
"use strict";
// The CLI is written in TypeScript; tsx (esbuild) loads it without a build step, so `npx hardened-stack`
// works right after `npm ci` on a fresh clone.
require("tsx/cjs");
require("../cli/main.ts")
    .main(process.argv.slice(2))
    .then((code) => { process.exitCode = code; })
    .catch((err) => {
        process.stderr.write(`hardened-stack: ${err && err.message ? err.message : String(err)}\n`);
        process.exitCode = 2;
    });

"use strict";
/** Whether bin/hardened-stack.js may start from the compiled CLI in build/ (plain JavaScript: it decides before any load). */
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

/** What build/ is compiled from, relative to the repository root. */
const SOURCES = ["cli", "engine", "infra/lib", "policy-packs/kill-chain/lib", "policy-packs/kill-chain/catalog", "bin/help.js", "tsconfig.json"];

/** True when build/.built exists and no source file is newer than it. */
function compiledIsFresh(root) {
    const stamp = join(root, "build", ".built");
    if (!existsSync(stamp) || !existsSync(join(root, "build", "cli", "main.js"))) return false;
    const built = statSync(stamp).mtimeMs;
    const newer = (p) => {
        const s = statSync(p);
        if (!s.isDirectory()) return /\.(ts|js|json)$/.test(p) && s.mtimeMs > built;
        return readdirSync(p).some((e) => e !== "node_modules" && newer(join(p, e)));
    };
    return !SOURCES.some((p) => existsSync(join(root, p)) && newer(join(root, p)));
}

module.exports = { compiledIsFresh, SOURCES };

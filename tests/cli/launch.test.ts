import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compiledIsFresh } from "../../bin/launch.js";

test("the CLI starts from build/ only while it is newer than every source it was compiled from", () => {
    const root = mkdtempSync(join(tmpdir(), "launch-"));
    assert.equal(compiledIsFresh(root), false, "no build at all");
    mkdirSync(join(root, "cli"));
    mkdirSync(join(root, "build/cli"), { recursive: true });
    writeFileSync(join(root, "cli/main.ts"), "");
    writeFileSync(join(root, "build/cli/main.js"), "");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, "cli/main.ts"), past, past);
    writeFileSync(join(root, "build/.built"), "");
    assert.equal(compiledIsFresh(root), true);
    writeFileSync(join(root, "cli/edited.ts"), "");
    utimesSync(join(root, "cli/edited.ts"), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    assert.equal(compiledIsFresh(root), false, "an edited source makes the build stale");
});

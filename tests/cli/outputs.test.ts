import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFormats, writeOutputs } from "../../cli/report/outputs";

const ALLOWED = ["text", "markdown", "json", "sarif", "junit"];

test("one format goes to stdout; several need a directory; unknown or repeated formats are refused in one line", () => {
    assert.deepEqual(parseFormats("review", undefined, ALLOWED, "text", undefined), ["text"]);
    assert.deepEqual(parseFormats("review", "markdown,sarif", ALLOWED, "text", "out"), ["markdown", "sarif"]);
    assert.throws(() => parseFormats("review", "markdown,sarif", ALLOWED, "text", undefined), /review: several formats \(markdown, sarif\) need --output-dir DIR/);
    assert.throws(() => parseFormats("review", "markdown,html", ALLOWED, "text", "out"), /--format must be one or more of text, markdown, json, sarif, junit \(comma-separated\), not "html"/);
    assert.throws(() => parseFormats("check", "json,json", ALLOWED, "text", "out"), /lists a format twice/);
});

test("every format is written whole under <command>.<ext>, no temporary file left", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "outputs-")), "nested");
    const paths = writeOutputs(dir, "review", [{ format: "markdown", text: "# r" }, { format: "junit", text: "<x/>\n" }]);
    assert.deepEqual(paths, [join(dir, "review.md"), join(dir, "review.xml")]);
    assert.equal(readFileSync(join(dir, "review.md"), "utf8"), "# r\n");
    assert.deepEqual(readdirSync(dir).sort(), ["review.md", "review.xml"]);
    assert.ok(!existsSync(join(dir, "review.sarif")));
});

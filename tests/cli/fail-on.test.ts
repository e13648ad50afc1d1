import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFailOn, violationFails } from "../../cli/report/fail-on";

test("--fail-on: mandatory by default (review also on weakening and deletion); severity thresholds count advisory violations too", () => {
    assert.deepEqual(parseFailOn("check", undefined, ["mandatory"]), { mandatory: true, weakening: false, deletion: false });
    assert.deepEqual(parseFailOn("review", undefined, ["mandatory", "weakening", "deletion"]), { mandatory: true, weakening: true, deletion: true });
    const f = parseFailOn("check", "severity:high", ["mandatory"]);
    assert.equal(violationFails(f, { enforcementLevel: "advisory", severity: "critical" }), true);
    assert.equal(violationFails(f, { enforcementLevel: "mandatory", severity: "medium" }), false, "mandatory is not asked for");
    assert.equal(violationFails(parseFailOn("check", "mandatory,severity:critical", ["mandatory"]), { enforcementLevel: "advisory", severity: "high" }), false);
    assert.deepEqual(parseFailOn("review", "deletion", ["mandatory", "weakening", "deletion"]), { mandatory: false, weakening: false, deletion: true });
});

test("--fail-on refuses what the command cannot judge, in one line", () => {
    assert.throws(() => parseFailOn("check", "weakening", ["mandatory"]), /check: --fail-on takes mandatory, severity:<low\|medium\|high\|critical> \(comma-separated\), not "weakening"/);
    assert.throws(() => parseFailOn("review", "severity:urgent", ["mandatory", "weakening", "deletion"]), /not "severity:urgent"/);
});

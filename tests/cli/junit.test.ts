import { test } from "node:test";
import assert from "node:assert/strict";
import { renderJUnit, xmlText } from "../../cli/report/junit";

test("JUnit: a suite per pack, failures, skips (exemptions) and passes counted, every text escaped", () => {
    const xml = renderJUnit("hardened-stack check", [
        { suite: "hardened-kill-chain", classname: "disallow-public-bucket-policy", name: "urn:…::site<1>", failure: { type: "mandatory", message: "Principal \"*\" & no condition" } },
        { suite: "hardened-kill-chain", classname: "disallow-public-bucket-policy", name: "urn:…::public-site", skipped: "exempted until 2027-03-31: static site" },
        { suite: "hardened-kill-chain", classname: "require-vpc-flow-logs", name: "stack" },
        { suite: "other-pack", classname: "p", name: "line\nforged" },
    ]);
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="hardened-stack check" tests="4" failures="1" skipped="1">/);
    assert.match(xml, /<testsuite name="hardened-kill-chain" tests="3" failures="1" skipped="1">/);
    assert.match(xml, /name="urn:…::site&lt;1&gt;">\n {6}<failure type="mandatory" message="Principal &quot;\*&quot; &amp; no condition"\/>/);
    assert.match(xml, /<skipped message="exempted until 2027-03-31: static site"\/>/);
    assert.match(xml, /<testcase classname="require-vpc-flow-logs" name="stack"\/>/);
    assert.match(xml, /name="line\\x0aforged"/);
    assert.equal(xmlText("a\u001b[31mb"), "ab");
});

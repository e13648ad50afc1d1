import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { AnalysisResult, Diagnostic, PackInfo, PolicyInfo } from "../../engine/analyzer";
import { PreviewScanner } from "../../cli/review/preview";
import { buildReview } from "../../cli/review/review";
import type { Verdict } from "../../cli/review/review";
import { byPolicy, cell, code, MARKDOWN_LIMIT, renderMarkdown } from "../../cli/review/markdown";
import { renderText } from "../../cli/review/text";
import { syntheticPreview } from "./generate";

const GITHUB_COMMENT_LIMIT = 65536;

function policy(name: string, enforcementLevel: PolicyInfo["enforcementLevel"], severity: string): PolicyInfo {
    return { name, description: `${name}.`, enforcementLevel, severity, policyType: "resource", tags: ["kill-chain:network"], remediationSteps: "", url: "" };
}

/** A pack of 57 policies (as many as the kill-chain pack), four of which fire on a 10,000-step preview. */
const FIRING: [string, PolicyInfo["enforcementLevel"], string, number][] = [
    ["disallow-ssh-from-internet", "mandatory", "high", 1], // every step
    ["disallow-wide-egress", "mandatory", "critical", 3], // every third step: 3,334
    ["require-description", "advisory", "low", 7],
    ["require-owner-tag", "advisory", "medium", 10000], // one step
];
const PACK: PackInfo = {
    dir: "p", name: "kill-chain", version: "1.0.0",
    policies: [...FIRING.map(([n, l, s]) => policy(n, l, s)), ...Array.from({ length: 53 }, (_, i) => policy(`quiet-policy-${i}`, "mandatory", "medium"))],
};

function bigReview() {
    const scanner = new PreviewScanner("big.json");
    scanner.feed(Buffer.from(syntheticPreview(10000, 0, 0)));
    const p = scanner.end();
    const violations: Diagnostic[] = [];
    p.steps.slice(1).forEach((s, i) => {
        for (const [name, level, severity, every] of FIRING) {
            if (i % every !== 0) continue;
            violations.push({ policyPack: PACK.name, policyPackVersion: PACK.version, policy: name, enforcementLevel: level, urn: s.urn,
                message: `${name} fails on ${s.urn} ${"x".repeat(120)}`, description: "", severity, phase: "analyze" });
        }
    });
    const analysis: AnalysisResult = { packs: [PACK], violations, deferred: [], logs: [], calls: {} };
    return buildReview(p, analysis);
}

// Built once (reading and reviewing 10,000 steps takes about a second) and shared by every test below.
const r = bigReview();

describe("review Markdown at any size", () => {
    const md = renderMarkdown(r);

    test("a 10,000-step review stays within GitHub's 65,536-character comment limit", () => {
        assert.equal(r.mandatory.length, 10000 + 3334);
        assert.ok(md.length <= MARKDOWN_LIMIT && md.length < GITHUB_COMMENT_LIMIT, `${md.length} characters`);
    });
    test("every policy that fired appears with its count, however many violations another policy has", () => {
        for (const [name, , , every] of FIRING) {
            const count = Math.ceil(10000 / every);
            assert.match(md, new RegExp(`\\| \`kill-chain/${name}\` \\| [a-z]+ \\| network \\| ${count} \\|`), name);
        }
    });
    test("every policy that fired has examples shown, the worst policy's first", () => {
        for (const [name] of FIRING) {
            const examples = md.split("\n").filter((l) => l.startsWith(`| \`kill-chain/${name}\` | \`aws:ec2`));
            assert.ok(examples.length >= 1, `${name}: no example`);
        }
        const first = md.split("\n").find((l) => l.startsWith("| `kill-chain/") && l.includes("`aws:ec2"))!;
        assert.ok(first.startsWith("| `kill-chain/disallow-wide-egress`"), "mandatory critical before mandatory high");
        assert.match(md, /more not shown here/);
    });
    test("the \"Policies evaluated\" table lists all 57 policies", () => {
        const table = md.slice(md.indexOf("Policies evaluated (57)"));
        for (const p of PACK.policies) assert.ok(table.includes(`| \`kill-chain/${p.name}\` | ${p.enforcementLevel} |`), p.name);
    });
    test("policies are ranked mandatory first, then by severity, then by count; examples by how disruptive the change is", () => {
        const v = (policy: string, enforcementLevel: string, severity: string, op: string): Verdict => ({ policyPack: "p", policyPackVersion: "1", policy, enforcementLevel,
            severity, urn: `urn:pulumi:s::p::t:m:T::${op}`, message: "", source: "packs", step: "other", op });
        const groups = byPolicy([v("a", "advisory", "critical", "create"), v("b", "mandatory", "low", "create"), v("c", "mandatory", "high", "create"),
            v("c", "mandatory", "high", "delete"), v("d", "mandatory", "high", "update")]);
        assert.deepEqual(groups.map((g) => g.policy), ["p/c", "p/d", "p/b", "p/a"]);
        assert.deepEqual(groups[0]!.verdicts.map((x) => x.op), ["delete", "create"]);
    });
});

describe("names and messages from the preview are printable in Markdown and text", () => {
    const evil = "urn:pulumi:dev::p::aws:s3/bucket:Bucket::docs\u001b[2J\u001b]8;;https://evil.example\u0007x\nOK: nothing blocking";
    test("a code span and a cell carry no escape sequence, no raw control character and no line break of the input", () => {
        const c = code(evil);
        assert.ok(!c.includes("\u001b") && !c.includes("\n") && !c.includes("\u0007"), c);
        assert.match(c, /docsx\\x0aOK: nothing blocking`$/);
        assert.equal(cell("a\u001b[31mred\u001b[0m\nb\u0000"), "ared<br>b\\x00");
    });
    test("the text format prints a URN with escapes and newlines on one printable line", () => {
        const text = renderText({ ...r, mandatory: [{ ...r.mandatory[0]!, urn: evil, message: "bad\u001b[2Jthing\nsecond line" }] });
        assert.ok(!text.includes("\u001b"), "no escape sequence reaches the terminal");
        assert.ok(!/^OK: nothing blocking/m.test(text), "a name cannot forge a line of the report");
        assert.match(text, /docsx\\x0aOK: nothing blocking\)/);
        assert.match(text, /^ {6}badthing$/m);
    });
});

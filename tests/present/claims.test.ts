/**
 * The text formats claim only what the program has, count the same things the same way in every format, and show
 * every pack's violations. Built from small recorded runs, without running a program.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ProgramRun, RecordedResource } from "../../engine";
import type { AnalysisResult, Diagnostic, PackInfo, PolicyInfo } from "../../engine/analyzer";
import { buildOverview, overviewMarkdown, overviewText, UNKNOWN_LEGEND } from "../../cli/present/overview";
import { checkJson, checkText, everythingCommand } from "../../cli/commands/check";
import { planTree } from "../../cli/commands/plan";
import { countRegistrations, deferredText } from "../../cli/present/counts";
import { colourEnabled } from "../../cli/present/colour";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";

function resource(type: string, name: string, inputs: Record<string, unknown> = {}, custom = true, parent = STACK): RecordedResource {
    const urn = type === "pulumi:pulumi:Stack" ? STACK : `urn:pulumi:dev::p::${type}::${name}`;
    return {
        urn, type, name, custom, parent: type === "pulumi:pulumi:Stack" ? "" : parent, provider: "", inputs, outputs: inputs, dependencies: [], propertyDependencies: {},
        options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, deleteBeforeReplaceDefined: false, additionalSecretOutputs: [], aliases: [], retainOnDelete: false, replaceOnChanges: [] },
    };
}

function run(resources: RecordedResource[]): ProgramRun {
    return { project: "p", stack: "dev", organization: "o", mode: "preview", resources: [resource("pulumi:pulumi:Stack", "p-dev", {}, false), ...resources],
        stackOutputs: {}, config: {}, logs: [], differences: [] };
}

function policy(name: string, tags: string[] = []): PolicyInfo {
    return { name, description: name, enforcementLevel: "mandatory", severity: "high", policyType: "resource", tags, remediationSteps: "", url: "" };
}

function diag(pack: string, name: string, urn: string, level: Diagnostic["enforcementLevel"], message: string): Diagnostic {
    return { policyPack: pack, policyPackVersion: "1.0.0", policy: name, enforcementLevel: level, urn, message, description: "", severity: "high", phase: "analyze" };
}

const KILL_CHAIN: PackInfo = { dir: "/k", name: "kill-chain", version: "1.0.0", policies: [policy("require-a", ["kill-chain:s3"]), policy("require-b", ["kill-chain:creds"])] };
const OTHER: PackInfo = { dir: "/o", name: "org-pack", version: "2.0.0", policies: [policy("org-require-owner-tag")] };

const bucket = resource("aws:s3/bucket:Bucket", "data");
const noVpc = run([bucket]);
const deferral = (urn: string) => diag("kill-chain", "require-b", urn, "advisory", "can't run policy 'require-b' from policy pack 'kill-chain' during preview: arn of x is unknown");
const analysis: AnalysisResult = {
    packs: [KILL_CHAIN, OTHER],
    violations: [diag("org-pack", "org-require-owner-tag", bucket.urn, "mandatory", "data has no owner tag; add tags.owner")],
    deferred: [deferral(bucket.urn), deferral(STACK)],
    logs: [], calls: {},
};

describe("what the text formats claim", () => {
    const text = overviewText(buildOverview(noVpc, analysis));
    const markdown = overviewMarkdown(buildOverview(noVpc, analysis));

    test("a program without a VPC is given no egress mode and no egress control", () => {
        assert.doesNotMatch(text, /egress: /);
        assert.doesNotMatch(markdown, /egress mode/);
        assert.match(text, /^ {6}✗ Egress only where allowed \(no VPC in this program\)$/m);
    });

    test("'?' is explained, and not counted as a control present", () => {
        assert.match(text, /^ {2}! mining .* 0\/4 controls \(2 \?\)/m);
        assert.ok(text.includes(UNKNOWN_LEGEND));
        assert.ok(markdown.includes(UNKNOWN_LEGEND));
    });

    test("no legend when nothing is '?'", () => {
        const withNamespaces = run([bucket, resource("kubernetes:core/v1:Namespace", "ns"), resource("aws:ec2/vpc:Vpc", "vpc")]);
        const o = buildOverview(withNamespaces, analysis);
        assert.ok(!o.controls.some((c) => c.state === "unknown"));
        assert.ok(!overviewText(o).includes(UNKNOWN_LEGEND));
        assert.match(overviewText(o), /\(egress: sealed\)/);
    });

    test("another pack's violations are shown and counted where they are shown", () => {
        assert.match(text, /^ {2}✗ other .* 1 policy: 0 pass, 1 FAIL$/m);
        assert.match(text, /^ {6}✗ \[mandatory\] org-require-owner-tag on Bucket data: data has no owner tag; add tags\.owner$/m);
        assert.match(text, /^Policies: 3 in kill-chain, org-pack: 1 pass, 1 fail, 0 advisory, 1 deferred$/m);
        assert.match(markdown, /\*\*\[mandatory\] `org-require-owner-tag`\*\* \(org-pack\)/);
        assert.match(checkText({ run: noVpc, analysis, secrets: [] }), /^✗ other {4}Other policies: 1 policy, 1 mandatory violation, 0 advisory violations$/m);
    });

    test("the closing hint repeats this check with --format markdown; only the reference stack's is npm start", () => {
        assert.match(text, /Everything \(each policy, each deferral\): npm start -- --format markdown$/);
        assert.equal(everythingCommand(["--program", "other/index.ts", "--format", "report", "--json"]), "npx hardened-stack check --program other/index.ts --format markdown");
        assert.equal(everythingCommand(["--stack=prod", "--format=text", "--tag", "team=a b"]), "npx hardened-stack check --stack=prod --tag \"team=a b\" --format markdown");
    });
});

describe("counts and plurals agree across formats", () => {
    const text = overviewText(buildOverview(noVpc, analysis));
    const report = checkText({ run: noVpc, analysis, secrets: [] });
    const markdown = overviewMarkdown(buildOverview(noVpc, analysis));
    const tree = planTree(noVpc);

    test("one resource is '1 resource' everywhere, and no count is hedged with '(s)'", () => {
        for (const out of [text, report, markdown, tree]) {
            assert.doesNotMatch(out, /\b1 (resources|policies|components|violations|verdicts)\b/);
            assert.doesNotMatch(out, /\(s\)/);
        }
        assert.match(text, /^What would be deployed: 1 resource$/m);
        assert.match(report, /^p\/dev \(preview\): 1 resource, 0 components, 0 providers checked by 3 policies/m);
        assert.match(tree, /^p\/dev \(preview\): 1 resource, 0 components, 0 providers$/m);
    });

    test("the resources every text format counts are the custom resources, not the Stack, components or providers", () => {
        const mixed = run([resource("hardened:x:Thing", "thing", {}, false), resource("pulumi:providers:aws", "default"), bucket]);
        assert.deepEqual(countRegistrations(mixed), { resources: 1, components: 1, providers: 1 });
        assert.match(overviewText(buildOverview(mixed, analysis)), /^What would be deployed: 1 resource: 0 in 1 component, 1 directly in the stack$/m);
        assert.equal(checkJson({ run: mixed, analysis, secrets: [] }).resources, 1);
    });

    test("deferred: the same policies and verdicts in the headline, the report and the markdown", () => {
        const said = deferredText(analysis.deferred);
        assert.equal(said, "1 policy deferred to `pulumi up` (2 verdicts that need values known only after create)");
        assert.ok(text.includes(said) || /FAILED/.test(text), text);
        assert.ok(report.includes(`${said}:`));
        assert.ok(markdown.includes(`## ${said}`));
        const passing = { ...analysis, violations: [] };
        assert.match(overviewText(buildOverview(noVpc, passing)), new RegExp(`PASSED: no mandatory violation; ${said.replace(/[()`]/g, "\\$&")}\\.`));
    });
});

describe("colour", () => {
    test("only on a terminal, never with NO_COLOR or TERM=dumb", () => {
        assert.equal(colourEnabled({ isTTY: true }, {}), true);
        assert.equal(colourEnabled({ isTTY: false }, {}), false);
        assert.equal(colourEnabled({}, {}), false);
        assert.equal(colourEnabled({ isTTY: true }, { NO_COLOR: "1" }), false);
        assert.equal(colourEnabled({ isTTY: true }, { TERM: "dumb" }), false);
        // An empty NO_COLOR does not count (no-color.org).
        assert.equal(colourEnabled({ isTTY: true }, { NO_COLOR: "" }), true);
    });

    test("the text format is plain unless colour is on, and then only marks and the verdict change", () => {
        const o = buildOverview(noVpc, analysis);
        const plain = overviewText(o);
        const coloured = overviewText(o, undefined, { colour: true });
        assert.ok(!plain.includes("\u001b"));
        assert.ok(coloured.includes("\u001b[31m✗\u001b[0m"));
        // eslint-disable-next-line no-control-regex -- removing the colour codes is the point
        assert.equal(coloured.replace(/\u001b\[\d+m/g, ""), plain);
    });
});

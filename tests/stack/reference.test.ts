/**
 * The reference program as a whole, under the offline engine in both modes and both egress modes: the controls that
 * only show when the components are wired together.
 *
 * With it, the pack's verdict on the stack (formerly tests/pack/reference-check.test.ts): the project's own pack,
 * started exactly as the Pulumi CLI starts it, on the reference stack run as `check` runs it
 * (each resource analysed as it registers): zero violations in both modes, no deferral in `up`, and in `preview` only
 * the deferrals that truly need values known after create.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProgram, UNKNOWN, isUnknown } from "../../engine";
import type { ProgramRun } from "../../engine";
import type { AnalysisResult } from "../../engine/analyzer";
import { checkExitCode, checkJson, runCheck } from "../../cli/commands/check";
import type { CheckReport } from "../../cli/commands/check";
import { policies } from "../../policy-packs/kill-chain/policies";
import { buildOverview, overviewMarkdown, overviewText, STEPS } from "../../cli/present/overview";
import { evaluateControls } from "../../cli/present/controls";
import { ofType } from "../lib/plan";
import { exportOf } from "../lib/state";

// One file for the reference program's whole-stack tests and the pack's verdict on it: the example stack itself runs
// once per mode, under the pack as `check` runs it, and serves both.
const reportCache = new Map<string, Promise<CheckReport>>();
function referenceReport(mode: "preview" | "up"): Promise<CheckReport> {
    if (!reportCache.has(mode)) reportCache.set(mode, runCheck({ mode }, []));
    return reportCache.get(mode)!;
}
const cache = new Map<string, Promise<ProgramRun>>();
function reference(mode: "preview" | "up", config: Record<string, unknown> = {}): Promise<ProgramRun> {
    if (Object.keys(config).length === 0) return referenceReport(mode).then((r) => r.run);
    const k = `${mode}:${JSON.stringify(config)}`;
    if (!cache.has(k)) cache.set(k, runProgram({ mode, config }));
    return cache.get(k)!;
}
const allowlist = {
    "hardened-stack:network": {
        egressMode: "allowlist", allowedEgressDomains: [".github.com", "registry.npmjs.org"],
        dnsFirewallManagedListIds: {
            AWSManagedDomainsMalwareDomainList: "rslvr-fdl-2c46f2ecbfec4dcc", AWSManagedDomainsBotnetCommandandControl: "rslvr-fdl-aa970e9e1e1241a8",
            AWSManagedDomainsAggregateThreatList: "rslvr-fdl-9b8c51a4c8e44b6a", AWSManagedDomainsAmazonGuardDutyThreatList: "rslvr-fdl-5d1f8f4f2a8a4e21",
        },
    },
};
const variants: [string, "preview" | "up", Record<string, unknown>][] = [
    ["preview, sealed", "preview", {}], ["up, sealed", "up", {}], ["preview, allowlist", "preview", allowlist], ["up, allowlist", "up", allowlist],
];


interface Statement { Effect: string; Action?: string | string[]; Resource?: string | string[]; Principal?: unknown }
function statements(doc: unknown): Statement[] | undefined {
    if (typeof doc !== "string" || isUnknown(doc)) return undefined;
    const parsed = JSON.parse(doc) as { Statement: Statement | Statement[] };
    return Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
}
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
function readsBucket(s: Statement, bucket: string): boolean {
    if (s.Effect !== "Allow") return false;
    const actionMatches = list(s.Action).some((a) => a === "*" || a === "s3:*" || /^s3:Get(Object.*|\*)$/.test(a) || a === "s3:Get*");
    const resourceMatches = list(s.Resource).some((r) => r === "*" || r === "arn:aws:s3:::*" || r.startsWith(`arn:aws:s3:::${bucket}`));
    return actionMatches && resourceMatches;
}
/** AWS managed policies that can read any bucket. */
const READ_ANY_BUCKET = /policy\/(AdministratorAccess|PowerUserAccess|ReadOnlyAccess|AmazonS3FullAccess|AmazonS3ReadOnlyAccess|ViewOnlyAccess)$/;

for (const [label, mode, config] of variants) {
    describe(`reference stack (${label})`, () => {
        test("is recorded as one tree under the root Stack, with no resource outside it but default providers", async () => {
            const run = await reference(mode, config);
            const stack = run.resources[0]!;
            assert.equal(stack.type, "pulumi:pulumi:Stack");
            for (const r of run.resources.slice(1)) {
                if (r.synthesized) continue;
                assert.ok(r.parent, `${r.urn} has no parent`);
            }
        });

        test("no IAM users, access keys or login profiles anywhere in the stack", async () => {
            const run = await reference(mode, config);
            const bad = run.resources.filter((r) => /^aws:iam\/(user|accessKey|userLoginProfile|userPolicy|userPolicyAttachment):/.test(r.type));
            assert.deepEqual(bad.map((r) => r.urn), []);
        });

        test("only the telemetry-reader role can read the telemetry bucket (every IAM policy and attachment checked)", async () => {
            const run = await reference(mode, config);
            const bucket = String(ofType(run, "aws:s3/bucket:Bucket").find((b) => String(b.inputs.bucket).includes("-telemetry-"))!.inputs.bucket);
            const readers: string[] = [];
            const undecided: string[] = [];
            for (const r of run.resources) {
                if (r.type === "aws:iam/rolePolicy:RolePolicy" || r.type === "aws:iam/policy:Policy") {
                    const st = statements(r.inputs.policy);
                    if (!st) undecided.push(r.name);
                    else if (st.some((s) => readsBucket(s, bucket))) readers.push(r.name);
                }
                if (r.type === "aws:iam/role:Role") {
                    for (const inline of (r.inputs.inlinePolicies as { policy?: string }[] | undefined) ?? []) {
                        if (statements(inline.policy)?.some((s) => readsBucket(s, bucket))) readers.push(r.name);
                    }
                    for (const arn of (r.inputs.managedPolicyArns as string[] | undefined) ?? []) if (READ_ANY_BUCKET.test(arn)) readers.push(r.name);
                }
                if (/^aws:iam\/(rolePolicyAttachment|policyAttachment):/.test(r.type) && READ_ANY_BUCKET.test(String(r.inputs.policyArn))) readers.push(r.name);
            }
            if (mode === "up") {
                assert.deepEqual(readers, ["telemetry-reader-grants"]);
                assert.deepEqual(undecided, []);
            } else {
                // In a preview the reader's grant is unknown (it names the bucket key's ARN); every other policy is known.
                assert.deepEqual(readers, []);
                assert.deepEqual(undecided, ["telemetry-reader-grants"]);
            }
        });

        test("the node role carries only the worker, ECR pull and SSM core managed policies", async () => {
            const run = await reference(mode, config);
            const nodeRole = ofType(run, "aws:iam/role:Role").find((r) => String(r.inputs.assumeRolePolicy).includes("ec2.amazonaws.com"))!;
            const attached = run.resources.filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && r.propertyDependencies.role?.includes(nodeRole.urn));
            assert.deepEqual(attached.map((a) => String(a.inputs.policyArn).split("/").pop()).sort(),
                ["AmazonEC2ContainerRegistryPullOnly", "AmazonEKSWorkerNodePolicy", "AmazonSSMManagedInstanceCore"]);
            const inline = run.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.propertyDependencies.role?.includes(nodeRole.urn));
            assert.deepEqual(inline, []);
        });

        test("every Kubernetes resource uses the layer's explicit provider, never a default provider", async () => {
            const run = await reference(mode, config);
            const k8sProviders = ofType(run, "pulumi:providers:kubernetes");
            assert.deepEqual(k8sProviders.map((p) => p.name), ["kubernetes-provider"]);
            const k8s = run.resources.filter((r) => r.type.startsWith("kubernetes:"));
            assert.ok(k8s.length > 10);
            for (const r of k8s) assert.ok(r.provider.startsWith(`${k8sProviders[0]!.urn}::`), `${r.urn} uses ${r.provider}`);
        });

        test("the EKS API endpoint is private only", async () => {
            const run = await reference(mode, config);
            const [cluster] = ofType(run, "aws:eks/cluster:Cluster");
            const vpc = cluster!.inputs.vpcConfig as Record<string, unknown>;
            assert.equal(vpc.endpointPrivateAccess, true);
            assert.equal(vpc.endpointPublicAccess, false);
            assert.equal(vpc.publicAccessCidrs, undefined);
        });

        test("a fresh account: the Auto Scaling service-linked role is created before the node-volume key grant names it", async () => {
            const run = await reference(mode, config);
            const [role] = ofType(run, "aws:iam/serviceLinkedRole:ServiceLinkedRole");
            assert.equal(role?.inputs.awsServiceName, "autoscaling.amazonaws.com");
            const [grant] = ofType(run, "aws:kms/grant:Grant");
            assert.ok(grant!.dependencies.includes(role!.urn));
        });

        test("investigators (detection.auditReaderRoleArns, by default the break-glass roles) may read the trail bucket from outside the VPC", async () => {
            const run = await reference(mode, config);
            const trailPolicy = ofType(run, "aws:s3/bucketPolicy:BucketPolicy").find((p) => p.name.startsWith("detection-trail-"));
            const denies = (statements(trailPolicy?.inputs.policy) ?? []).filter((st) => st.Effect === "Deny" && JSON.stringify(st).includes("aws:VpceAccount"));
            assert.ok(denies.length > 0);
            for (const d of denies) assert.match(JSON.stringify(d), /"aws:PrincipalArn":\["arn:aws:iam::111122223333:role\/data-break-glass"/, JSON.stringify(d));
        });

        test("deletion protection is on wherever losing the resource blinds or opens the platform", async () => {
            const run = await reference(mode, config);
            assert.equal(ofType(run, "aws:eks/cluster:Cluster")[0]!.inputs.deletionProtection, true);
            for (const g of ofType(run, "aws:cloudwatch/logGroup:LogGroup").filter((l) => "deletionProtectionEnabled" in l.inputs)) assert.equal(g.inputs.deletionProtectionEnabled, true, g.urn);
            for (const f of ofType(run, "aws:networkfirewall/firewall:Firewall")) assert.equal(f.inputs.deleteProtection, true);
            assert.ok(!run.logs.some((l) => /allowDestroy/.test(l)));
        });

        test("bucket names, ARNs and the telemetry bucket policy are known in this mode", async () => {
            const run = await reference(mode, config);
            for (const b of ofType(run, "aws:s3/bucket:Bucket")) assert.ok(!isUnknown(b.inputs.bucket), b.urn);
            for (const p of ofType(run, "aws:s3/bucketPolicy:BucketPolicy")) assert.notEqual(p.inputs.policy, UNKNOWN, p.urn);
        });
    });
}

// Step one of a deployment and a teardown are both departures from the example stack: one program run serves both.
const STEP_ONE_TEARDOWN = {
    ...allowlist,
    "hardened-stack:kubernetes": { telemetryReaderImage: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/telemetry-reader@sha256:3f1c5d0b7a9e2b6c4d8f0a1e3c5b7d9f2a4c6e8b0d1f3a5c7e9b2d4f6a8c0e1b" },
    "hardened-stack:operations": { allowDestroy: true },
};

describe("reference stack: kubernetes.mode left unset (step one of a deployment)", () => {
    test("the default skips the layer: no Kubernetes resource and no Kubernetes provider, so a first up never waits on the private API", async () => {
        const run = await reference("preview", STEP_ONE_TEARDOWN);
        assert.deepEqual(run.resources.filter((r) => r.type.startsWith("kubernetes:") || r.type === "pulumi:providers:kubernetes").map((r) => r.urn), []);
        assert.ok(run.resources.some((r) => r.type === "aws:eks/cluster:Cluster"));
    });
});

describe("reference stack: teardown switch (operations.allowDestroy)", () => {
    test("lifts deletion protection on the cluster, the security log groups and the firewall, and says so", async () => {
        const run = await reference("preview", STEP_ONE_TEARDOWN);
        assert.equal(ofType(run, "aws:eks/cluster:Cluster")[0]!.inputs.deletionProtection, false);
        const groups = ofType(run, "aws:cloudwatch/logGroup:LogGroup").filter((l) => "deletionProtectionEnabled" in l.inputs);
        assert.ok(groups.length >= 2);
        for (const g of groups) assert.equal(g.inputs.deletionProtectionEnabled, false, g.urn);
        assert.equal(ofType(run, "aws:networkfirewall/firewall:Firewall")[0]!.inputs.deleteProtection, false);
        assert.ok(run.logs.some((l) => /warning: hardened-stack:operations\.allowDestroy is true/.test(l)), JSON.stringify(run.logs));
    });
});

describe("hardened-kill-chain on the reference stack", () => {
    const results: Record<string, AnalysisResult> = {};
    const reports: Record<string, CheckReport> = {};
    before(async () => {
        for (const mode of ["preview", "up"] as const) {
            reports[mode] = await referenceReport(mode);
            results[mode] = reports[mode].analysis;
        }
    });

    test("the pack started through run-policy-pack reports every policy of policies.ts with its metadata", () => {
        const info = results.preview!.packs[0]!;
        assert.equal(info.name, "hardened-kill-chain");
        assert.deepEqual(info.policies.map((p) => p.name).sort(), policies.map((p) => p.name).sort());
        for (const p of info.policies) {
            assert.ok(p.tags.some((t) => t.startsWith("kill-chain:")), `${p.name} has no kill-chain tag`);
            assert.ok(p.remediationSteps && p.url && p.framework?.name, `${p.name} lacks metadata over the wire`);
        }
    });

    for (const mode of ["preview", "up"] as const) {
        test(`zero violations of any level in ${mode} mode`, () => {
            assert.deepEqual(results[mode]!.violations.map((d) => `${d.policy} ${d.urn}: ${d.message}`), []);
        });
    }

    test("zero deferrals in up mode", () => {
        assert.deepEqual(results.up!.deferred, []);
    });

    test("preview deferrals are the IRSA trusts (OIDC provider unknown), the reader grant (key ARN unknown) and the Kubernetes objects, whose provider is built from the cluster being created", () => {
        const deferred = results.preview!.deferred.map((d) => d.message.match(/deferred until apply: (.*)$/)?.[1] ?? d.message);
        const subjects = new Set<string>();
        for (const d of deferred) for (const m of d.matchAll(/(?:[\w.]+, )*([\w.]+) of (urn:\S+) (?:is|are) unknown/g)) subjects.add(m[2]!.split("::").pop()!);
        // A Kubernetes provider whose kubeconfig is unknown previews no outputs (provider_plugin.go Create): stack
        // policies see those objects only in `up`. Their inputs are judged in preview by the resource policies; the
        // Deployment's namespace and image owner (stack facts) wait for `up` too.
        assert.deepEqual([...subjects].sort(), [
            "cluster-vpc-cni-role",
            "kubernetes-ns-payments-allow-dns",
            "kubernetes-ns-payments-default-deny",
            "kubernetes-ns-payments-default-sa",
            "kubernetes-ns-payments-namespace",
            "kubernetes-telemetry-reader-deployment",
            "kubernetes-telemetry-reader-egress",
            "kubernetes-telemetry-reader-ns-allow-dns",
            "kubernetes-telemetry-reader-ns-default-deny",
            "kubernetes-telemetry-reader-ns-default-sa",
            "kubernetes-telemetry-reader-ns-namespace",
            "kubernetes-telemetry-reader-sa",
            "telemetry-reader-grants",
            "telemetry-reader-role",
        ]);
    });

    test("check --json has exactly the documented shape", async () => {
        const doc = checkJson(reports.preview!);
        assert.deepEqual(Object.keys(doc), ["resources", "policies", "violations", "deferred", "differences"]);
        assert.equal(doc.policies, policies.length);
        for (const d of doc.deferred) assert.deepEqual(Object.keys(d), ["policyPack", "policy", "urn", "message"]);
    });

    test("an update preview of the deployed stack decides every deferral of the first preview; --strict fails only while something waits", async () => {
        const file = join(mkdtempSync(join(tmpdir(), "hs-ref-state-")), "state.json");
        writeFileSync(file, JSON.stringify(exportOf(reports.up!.run)));
        const update = await runCheck({ mode: "preview", state: file }, []);
        assert.deepEqual(update.analysis.violations, []);
        assert.deepEqual(update.analysis.deferred, []);
        assert.equal(update.state!.same, update.run.resources.length);
        assert.deepEqual(update.state!.resolved.map((r) => r.urn).sort(), results.preview!.deferred.map((d) => d.urn).sort());
        // What is left are places where the offline check may differ in values no policy of the pack reads (provider
        // defaults, typed round trips): noted, not failed under --strict.
        assert.deepEqual(update.run.differences.filter((d) => d.strict).map((d) => d.key), []);
        assert.equal(checkExitCode(update, true), 0);
        assert.equal(checkExitCode(reports.preview!, false), 0);
        assert.equal(checkExitCode(reports.preview!, true), 1, "the first preview has deferrals: --strict fails");
    });

    // What `npm start` prints, judged on the same preview (the same runCheck the CLI runs): one program run, not two.
    describe("npm start: the reference stack presented for a newcomer", () => {
        const run = () => reports.preview!.run;
        const analysis = () => reports.preview!.analysis;

        test("the text fits one screen: at most 50 lines of at most 130 columns", () => {
            const lines = overviewText(buildOverview(run(), analysis())).split("\n");
            assert.ok(lines.length <= 50, `${lines.length} lines`);
            for (const l of lines) assert.ok(l.length <= 130, `too wide: ${l}`);
        });

        test("the text shows every top-level component, every kill-chain step and the verdict", () => {
            const text = overviewText(buildOverview(run(), analysis()));
            for (const name of ["network", "cluster", "telemetry", "detection", "kubernetes"]) assert.match(text, new RegExp(`^  ${name} `, "m"));
            for (const step of STEPS) assert.match(text, new RegExp(`^  ✓ ${step} `, "m"));
            assert.match(text, /PASSED: no mandatory violation/);
        });

        test("every control of the reference stack is present (none missing)", () => {
            const missing = evaluateControls(run()).filter((c) => c.state === "missing");
            assert.deepEqual(missing, []);
        });

        test("the markdown is complete: every policy with its verdict, every deferral", () => {
            const md = overviewMarkdown(buildOverview(run(), analysis()));
            for (const p of analysis().packs[0]!.policies) assert.ok(md.includes(`\`${p.name}\``), `${p.name} missing`);
            assert.equal((md.match(/^- `[a-z-]+`: deferred until apply/gm) ?? []).length, analysis().deferred.length);
            assert.match(md, /\| step \| what happened at Tesla \| controls in this stack \| policies that guard it \|/);
        });

        test("a stack that opens the API and drops flow logs shows those controls as missing", () => {
            const broken: ProgramRun = {
                ...run(),
                resources: run().resources
                    .filter((r) => r.type !== "aws:ec2/flowLog:FlowLog")
                    .map((r) => r.type === "aws:eks/cluster:Cluster"
                        ? { ...r, inputs: { ...r.inputs, vpcConfig: { ...(r.inputs.vpcConfig as object), endpointPublicAccess: true } } } : r),
            };
            const missing = evaluateControls(broken).filter((c) => c.state === "missing").map((c) => c.label);
            assert.deepEqual(missing, ["EKS API endpoint private only", "VPC flow logs (all traffic)"]);
            assert.match(overviewText(buildOverview(broken, analysis())), /^ {2}! console /m);
        });
    });
});

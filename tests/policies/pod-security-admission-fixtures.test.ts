/**
 * Pod Security Admission's own fixtures (kubernetes/pod-security-admission test/testdata, v1.37), read where they
 * are, judged by the pack's Pod Security policies together: enforce-pod-security-standard and the dedicated policies
 * that own some of its controls (lib/k8s-pss-owners.ts). Each failing pod is refused on every field the admission's
 * check refuses, each field by one policy; each passing pod is admitted.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { View } from "../../policy-packs/kill-chain/lib/k8s";
import { evaluatePodSecurity } from "../../policy-packs/kill-chain/lib/k8s-pss";
import { PSS_OWNERS, ownersOfControl } from "../../policy-packs/kill-chain/lib/k8s-pss-owners";
import { Reads } from "../../policy-packs/kill-chain/lib/unknowns";
import { kubernetesPolicies } from "../../policy-packs/kill-chain/policies/kubernetes";
import { assertClean, one, withConfig } from "./aws-helpers";
import type { TestResource } from "./harness";

const PSS = join(__dirname, "..", "..", "..", "shared", "peer-fixtures", "k8s", "pss");
const VERSION = "v1.37";
const STANDARD = "enforce-pod-security-standard";

/** At restricted, these baseline checks are replaced by the restricted check that refuses the same pods (registry.go). */
const RESTRICTED_OVERRIDES: Record<string, string> = {
    hostpathvolumes: "restrictedVolumes",
    seccompprofile_baseline: "seccompProfile_restricted",
    capabilities_baseline: "capabilities_restricted",
    procmount: "procMount_restricted",
};
/** Every control id, to map a fixture's file name back to its check. */
const CONTROLS = [
    "hostNamespaces", "privileged", "capabilities_baseline", "hostPathVolumes", "hostPorts", "appArmorProfile", "seLinuxOptions", "procMount",
    "seccompProfile_baseline", "sysctls", "windowsHostProcess", "hostProbesAndHostLifecycle", "restrictedVolumes", "allowPrivilegeEscalation",
    "runAsNonRoot", "runAsUser", "seccompProfile_restricted", "capabilities_restricted", "procMount_restricted",
];

/** The control a fixture file was generated for (`runasnonroot2.yaml` -> runAsNonRoot), as the level reports it. */
function expectedControl(level: string, file: string): string {
    const id = file.replace(/\d*\.yaml$/, "");
    if (level === "restricted" && RESTRICTED_OVERRIDES[id]) return RESTRICTED_OVERRIDES[id]!;
    const control = CONTROLS.find((c) => c.toLowerCase() === id);
    assert.ok(control, `no control for fixture ${file}`);
    return control;
}

function fixtures(level: string, verdict: "fail" | "pass"): { file: string; r: TestResource }[] {
    const dir = join(PSS, level, VERSION, verdict);
    return readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((file) => ({
        file, r: { type: "kubernetes:core/v1:Pod", name: file.replace(/\.yaml$/, ""), props: parse(readFileSync(join(dir, file), "utf8")) },
    }));
}

/** Field paths a message names (`spec.containers[0].securityContext.privileged`, `metadata.annotations["..."]`). */
function fieldsNamed(message: string): string[] {
    return [...message.matchAll(/\b(?:spec|metadata)(?:\.[A-Za-z_]\w*|\[\d+\]|\["[^"]*"\])+/g)].map((m) => m[0]);
}

/** The standard's verdict on a pod with nothing left to owners: the admission's own, control by control. */
function fullStandard(r: TestResource, level: "baseline" | "restricted") {
    const reads = new Reads();
    return evaluatePodSecurity({ metadata: View.root(reads, r.props).at("metadata"), spec: View.root(reads, r.props).at("spec"), patch: false }, level);
}

const byName = new Map(kubernetesPolicies.map((p) => [p.name, p as ResourceValidationPolicy]));
const OWNERS = [...new Set(Object.values(PSS_OWNERS))];

/** Violations of the standard (at `level`) and of every owner, each tagged with the policy that reported it. */
async function podSecurityVerdicts(r: TestResource, level: string): Promise<{ policy: string; message: string }[]> {
    const out: { policy: string; message: string }[] = [];
    for (const name of [STANDARD, ...OWNERS]) {
        const policy = name === STANDARD ? withConfig(byName.get(name)!, { level }) : byName.get(name)!;
        for (const v of (await one(policy, r)).violations) out.push({ policy: name, message: v.message });
    }
    return out;
}

for (const level of ["restricted", "baseline"] as const) {
    describe(`Pod Security (${level}): Pod Security Admission's ${VERSION} fixtures get the admission's verdict from the pack at preview`, () => {
        const failing = fixtures(level, "fail");
        const passing = fixtures(level, "pass");
        test("the fixtures are there (fail and pass)", () => assert.ok(failing.length > 0 && passing.length > 0));
        test("with nothing left to owners, the standard's controls refuse every failing fixture for its control and admit every passing one", () => {
            for (const { file, r } of failing) {
                const controls = fullStandard(r, level).map((f) => f.control);
                assert.ok(controls.includes(expectedControl(level, file)), `${file}: ${controls.join(", ")}`);
            }
            for (const { file, r } of passing) assert.deepEqual(fullStandard(r, level), [], file);
        });
        for (const { file, r } of failing) {
            const control = expectedControl(level, file);
            test(`${file} is refused on every field the ${control} control refuses, by the standard naming it or by its owner, each field once`, async () => {
                const expected = fullStandard(r, level).find((f) => f.control === control);
                assert.ok(expected, `${file} does not fail ${control}`);
                const verdicts = await podSecurityVerdicts(r, level);
                for (const field of fieldsNamed(expected.message)) {
                    const naming = verdicts.filter((v) => fieldsNamed(v.message).includes(field));
                    assert.equal(naming.length, 1, `${field} must be reported by exactly one policy: ${JSON.stringify(verdicts)}`);
                    const v = naming[0]!;
                    assert.ok(v.policy === STANDARD ? v.message.includes(`[${control}]`) : ownersOfControl(control).includes(v.policy),
                        `${field} reported by ${v.policy} without naming ${control}: ${v.message}`);
                }
                const fields = verdicts.flatMap((v) => [...new Set(fieldsNamed(v.message))]);
                assert.equal(new Set(fields).size, fields.length, `a field is reported twice: ${JSON.stringify(verdicts)}`);
            });
        }
        // The owners enforce their part at the restricted rule whatever the standard's level (lib/k8s-pss-owners.ts), so
        // a pod passing only baseline is admitted by the standard configured baseline, not by every owner.
        for (const { file, r } of passing) {
            test(`${file} is admitted${level === "baseline" ? " by the standard configured baseline" : " by the standard and every owner"}`, async () => {
                const verdicts = level === "baseline" ? (await podSecurityVerdicts(r, level)).filter((v) => v.policy === STANDARD) : await podSecurityVerdicts(r, level);
                assert.deepEqual(verdicts, []);
                if (level === "restricted") for (const owner of OWNERS) assertClean(await one(byName.get(owner)!, r));
            });
        }
    });
}

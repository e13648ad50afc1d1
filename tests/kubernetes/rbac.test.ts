import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    READ_ONLY_WORKLOAD_RULES, RbacRule, RbacSubject, validateRbacRoleRef, validateRbacRules, validateRbacSubjects, validateViewerGroup,
} from "../../infra/kubernetes/rbac";
import { ValidationError } from "../../infra/lib/validation";

const READ: RbacRule = { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] };

describe("validateRbacRules", () => {
    test("the read-only workload rules pass", () => {
        validateRbacRules(READ_ONLY_WORKLOAD_RULES, "rules");
    });
    test("the read-only workload rules only read, and never Secrets or exec", () => {
        for (const rule of READ_ONLY_WORKLOAD_RULES) {
            assert.deepEqual(rule.verbs, ["get", "list", "watch"]);
            assert.ok(!rule.resources.includes("secrets") && !rule.resources.includes("pods/exec"));
        }
    });
    const bad: Array<[string, RbacRule, RegExp]> = [
        ["a wildcard verb", { ...READ, verbs: ["*"] }, /invalid rules\[0\]\.verbs: \["\*"\]/],
        ["a wildcard resource", { ...READ, resources: ["*"] }, /invalid rules\[0\]\.resources: \["\*"\]/],
        ["a wildcard subresource", { ...READ, resources: ["pods/*"] }, /invalid rules\[0\]\.resources/],
        ["a wildcard API group", { ...READ, apiGroups: ["*"] }, /invalid rules\[0\]\.apiGroups/],
        ["no verbs", { ...READ, verbs: [] }, /invalid rules\[0\]\.verbs: \[\]/],
        ["no resources", { ...READ, resources: [] }, /invalid rules\[0\]\.resources: \[\]/],
        ["the escalate verb", { ...READ, verbs: ["escalate"] }, /invalid rules\[0\]\.verbs: "escalate"/],
        ["the bind verb", { ...READ, verbs: ["bind"] }, /invalid rules\[0\]\.verbs: "bind"/],
        ["the impersonate verb", { ...READ, verbs: ["impersonate"] }, /invalid rules\[0\]\.verbs: "impersonate"/],
        ["Secrets", { ...READ, resources: ["secrets"] }, /invalid rules\[0\]\.resources: "secrets"/],
        ["pods/exec", { ...READ, resources: ["pods/exec"] }, /invalid rules\[0\]\.resources: "pods\/exec"/],
        ["pods/portforward", { ...READ, resources: ["pods/portforward"] }, /invalid rules\[0\]\.resources: "pods\/portforward"/],
        ["service account tokens", { ...READ, resources: ["serviceaccounts/token"] }, /invalid rules\[0\]\.resources/],
        ["nodes/proxy", { ...READ, resources: ["nodes/proxy"] }, /invalid rules\[0\]\.resources/],
    ];
    for (const [what, rule, message] of bad) {
        test(`refuses ${what}`, () => {
            assert.throws(() => validateRbacRules([rule], "rules"), (e: unknown) => e instanceof ValidationError && message.test(e.message));
        });
    }
    test("refuses an empty rule list", () => assert.throws(() => validateRbacRules([], "rules"), ValidationError));
});

describe("validateRbacSubjects", () => {
    test("a team group and a namespaced service account pass", () => {
        validateRbacSubjects([{ kind: "Group", name: "telemetry-viewers" }, { kind: "ServiceAccount", name: "reader", namespace: "telemetry" }], "s");
    });
    const bad: Array<[string, RbacSubject]> = [
        ["system:anonymous", { kind: "User", name: "system:anonymous" }],
        ["system:unauthenticated", { kind: "Group", name: "system:unauthenticated" }],
        ["system:authenticated", { kind: "Group", name: "system:authenticated" }],
        ["system:masters", { kind: "Group", name: "system:masters" }],
        ["another system: group", { kind: "Group", name: "system:serviceaccounts" }],
        ["a system: user", { kind: "User", name: "system:kube-proxy" }],
        ["an empty name", { kind: "Group", name: "" }],
        ["a service account without a namespace", { kind: "ServiceAccount", name: "reader" }],
    ];
    for (const [what, subject] of bad) {
        test(`refuses a binding to ${what}`, () => {
            assert.throws(() => validateRbacSubjects([subject], "subjects"), (e: unknown) => e instanceof ValidationError && e.message.startsWith("invalid subjects[0]."));
        });
    }
    test("refuses an empty subject list", () => assert.throws(() => validateRbacSubjects([], "s"), ValidationError));
});

describe("validateRbacRoleRef", () => {
    test("a Role created by the layer passes", () => validateRbacRoleRef({ kind: "Role", name: "read-only" }, "roleRef"));
    const bad: Array<[string, { kind: "Role" | "ClusterRole"; name: string }, RegExp]> = [
        ["cluster-admin", { kind: "ClusterRole", name: "cluster-admin" }, /invalid roleRef\.name: "cluster-admin"/],
        ["a Role named cluster-admin", { kind: "Role", name: "cluster-admin" }, /invalid roleRef\.name: "cluster-admin"/],
        ["admin", { kind: "ClusterRole", name: "admin" }, /invalid roleRef\.name: "admin"/],
        ["edit", { kind: "ClusterRole", name: "edit" }, /invalid roleRef\.name: "edit"/],
        ["a system: ClusterRole", { kind: "ClusterRole", name: "system:aggregate-to-view" }, /invalid roleRef\.name/],
        ["any ClusterRole", { kind: "ClusterRole", name: "view" }, /invalid roleRef\.kind: "ClusterRole"/],
    ];
    for (const [what, ref, message] of bad) {
        test(`refuses ${what}`, () => {
            assert.throws(() => validateRbacRoleRef(ref, "roleRef"), (e: unknown) => e instanceof ValidationError && message.test(e.message));
        });
    }
});

describe("validateViewerGroup", () => {
    test("accepts a team group", () => assert.equal(validateViewerGroup("telemetry-viewers", "g"), "telemetry-viewers"));
    for (const value of ["system:authenticated", "system:masters", "", "team viewers", "*", 7, undefined]) {
        test(`refuses ${JSON.stringify(value) ?? "undefined"}`, () => assert.throws(() => validateViewerGroup(value, "g"), ValidationError));
    }
});

import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { check } from "../lib/validation";
import { validateNamespaceName } from "./namespace";
import { explicitKubernetesProvider } from "./provider";

/** One RBAC rule as this layer writes it (core API shape, plain strings). */
export interface RbacRule {
    apiGroups: string[];
    resources: string[];
    verbs: string[];
}

/** A RoleBinding subject. */
export interface RbacSubject {
    kind: "User" | "Group" | "ServiceAccount";
    name: string;
    /** Required for ServiceAccount subjects. */
    namespace?: string;
}

/** What a RoleBinding points at. */
export interface RbacRoleRef {
    kind: "Role" | "ClusterRole";
    name: string;
}

/** Verbs a rule may use. Deliberately excludes `*`, `escalate`, `bind` and `impersonate` (privilege escalation). */
export const ALLOWED_VERBS: readonly string[] = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

/**
 * Resources no rule of this layer may name: Secrets (CIS 4.1.2), and the subresources that turn "read" into
 * command execution, tunnelling or fresh credentials (a websocket `get` on pods/exec runs commands).
 */
export const FORBIDDEN_RESOURCES: readonly string[] = [
    "secrets", "pods/exec", "pods/attach", "pods/portforward", "pods/proxy", "services/proxy", "nodes/proxy",
    "serviceaccounts/token", "certificatesigningrequests/approval",
];

/** Identities that must never be bound: everyone, anonymous callers, and the built-in superuser group. */
export const FORBIDDEN_SUBJECTS: readonly string[] = [
    "system:anonymous", "system:unauthenticated", "system:authenticated", "system:masters",
];

/** Roles that must never be bound by this layer. */
export const FORBIDDEN_ROLE_REFS: readonly string[] = ["cluster-admin", "admin", "edit"];

/** Throws on wildcard verbs/resources/apiGroups, escalation verbs, and forbidden resources. */
export function validateRbacRules(rules: readonly RbacRule[], setting: string): void {
    check(rules.length > 0, setting, rules, "must hold at least one rule");
    rules.forEach((rule, i) => {
        const at = `${setting}[${i}]`;
        check(rule.apiGroups.length > 0 && !rule.apiGroups.includes("*"), `${at}.apiGroups`, rule.apiGroups,
            "must list API groups explicitly, never '*'");
        check(rule.resources.length > 0 && !rule.resources.some((r) => r.includes("*")), `${at}.resources`, rule.resources,
            "must list resources explicitly, never '*' or 'x/*'");
        check(rule.verbs.length > 0 && !rule.verbs.includes("*"), `${at}.verbs`, rule.verbs, "must list verbs explicitly, never '*'");
        for (const verb of rule.verbs) {
            check(ALLOWED_VERBS.includes(verb), `${at}.verbs`, verb,
                `must be one of ${ALLOWED_VERBS.join(", ")}; escalate, bind and impersonate are never granted`);
        }
        for (const resource of rule.resources) {
            check(!FORBIDDEN_RESOURCES.includes(resource), `${at}.resources`, resource,
                "must not grant Secrets or exec/attach/port-forward/proxy/token subresources");
        }
    });
}

/** Throws on bindings to anonymous, unauthenticated, all-authenticated or system identities. */
export function validateRbacSubjects(subjects: readonly RbacSubject[], setting: string): void {
    check(subjects.length > 0, setting, subjects, "must hold at least one subject");
    subjects.forEach((s, i) => {
        const at = `${setting}[${i}]`;
        check(s.name.length > 0, `${at}.name`, s.name, "must not be empty");
        check(!FORBIDDEN_SUBJECTS.includes(s.name), `${at}.name`, s.name,
            "must not be system:anonymous, system:unauthenticated, system:authenticated or system:masters");
        if (s.kind === "ServiceAccount") {
            check(typeof s.namespace === "string" && s.namespace.length > 0, `${at}.namespace`, s.namespace,
                "is required for a ServiceAccount subject");
        } else {
            // Every built-in group and user starts with system: (nodes, serviceaccounts, masters...); ours never do.
            check(!s.name.startsWith("system:"), `${at}.name`, s.name, "must not be a built-in system: identity");
        }
    });
}

/** Throws unless the binding points at a namespaced Role this layer created, never at a broad ClusterRole. */
export function validateRbacRoleRef(roleRef: RbacRoleRef, setting: string): void {
    check(!FORBIDDEN_ROLE_REFS.includes(roleRef.name) && !roleRef.name.startsWith("system:"), `${setting}.name`, roleRef.name,
        "must not be cluster-admin, admin, edit or a system: role");
    check(roleRef.kind === "Role", `${setting}.kind`, roleRef.kind, "must be a namespaced Role created by this layer");
}

/** Read-only view of workloads: no Secrets, no exec, no writes. */
export const READ_ONLY_WORKLOAD_RULES: readonly RbacRule[] = [
    { apiGroups: [""], resources: ["pods", "pods/log", "services", "endpoints", "events", "resourcequotas", "limitranges"], verbs: ["get", "list", "watch"] },
    { apiGroups: ["apps"], resources: ["deployments", "replicasets"], verbs: ["get", "list", "watch"] },
    { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"], verbs: ["get", "list", "watch"] },
];

/** Throws unless `value` can be a Kubernetes group bound by this layer (and mapped by an EKS access entry). */
export function validateViewerGroup(value: unknown, setting: string): string {
    check(typeof value === "string" && /^[a-zA-Z0-9][a-zA-Z0-9:._-]{0,99}$/.test(value), setting, value,
        "must be 1-100 letters, digits, ':', '.', '_' or '-'");
    validateRbacSubjects([{ kind: "Group", name: value as string }], setting);
    return value as string;
}

export interface NamespaceReadOnlyAccessArgs {
    /** Namespace the Role and RoleBinding live in. */
    namespace: string;
    /** Kubernetes group to bind, e.g. the group an EKS access entry maps the telemetry team's IAM role to. */
    group: string;
    /**
     * @default - READ_ONLY_WORKLOAD_RULES
     */
    rules?: readonly RbacRule[];
}

/**
 * A namespaced Role and RoleBinding giving one group read access to one namespace. Never a ClusterRoleBinding.
 * Type token `hardened:kubernetes:NamespaceReadOnlyAccess`; children `${name}-role`, `${name}-binding`.
 */
export class NamespaceReadOnlyAccess extends pulumi.ComponentResource {
    constructor(name: string, args: NamespaceReadOnlyAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        const namespace = validateNamespaceName(args.namespace, "NamespaceReadOnlyAccess.namespace");
        const group = validateViewerGroup(args.group, "NamespaceReadOnlyAccess.group");
        const rules = args.rules ?? READ_ONLY_WORKLOAD_RULES;
        validateRbacRules(rules, "NamespaceReadOnlyAccess.rules");
        for (const [i, rule] of rules.entries()) {
            for (const verb of rule.verbs) {
                check(["get", "list", "watch"].includes(verb), `NamespaceReadOnlyAccess.rules[${i}].verbs`, verb,
                    "must be get, list or watch: this is read-only access");
            }
        }
        const roleRef: RbacRoleRef = { kind: "Role", name: "read-only" };
        const subjects: RbacSubject[] = [{ kind: "Group", name: group }];
        validateRbacRoleRef(roleRef, "NamespaceReadOnlyAccess.roleRef");
        validateRbacSubjects(subjects, "NamespaceReadOnlyAccess.subjects");
        const provider = explicitKubernetesProvider(opts, "NamespaceReadOnlyAccess provider");
        super("hardened:kubernetes:NamespaceReadOnlyAccess", name, {}, opts);

        const role = new k8s.rbac.v1.Role(`${name}-role`, {
            metadata: { name: roleRef.name, namespace },
            rules: rules.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })),
        // A component's dependsOn does not reach its children; pass it on so the Role waits for its namespace.
        }, { parent: this, provider, dependsOn: opts?.dependsOn });
        new k8s.rbac.v1.RoleBinding(`${name}-binding`, {
            metadata: { name: roleRef.name, namespace },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: roleRef.kind, name: roleRef.name },
            subjects: subjects.map((s) => ({ apiGroup: "rbac.authorization.k8s.io", kind: s.kind, name: s.name })),
        }, { parent: this, provider, dependsOn: [role] });

        this.registerOutputs({});
    }
}

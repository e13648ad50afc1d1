/**
 * The identity policies of every IAM role of the stack, as PolicySources: inline policies, managedPolicyArns,
 * aws.iam.RolePolicy, RolePolicyAttachment and PolicyAttachment, joined to the role through the dependency graph
 * first and by a known role name second. A managed policy is read from the stack (a customer aws.iam.Policy), from
 * lib/managed-policies.ts (AWS-managed), or is opaque: the answer that needs it cannot be proved.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS } from "./aws-types";
import { awsManagedPolicyName } from "./iam";
import type { PolicySource, Reason } from "./iam-eval";
import { MANAGED_POLICY_STATEMENTS } from "./managed-policies";
import { documentSource, readValue, statementsOf } from "./path-read";
import { UNKNOWN } from "./unknowns";
import { label } from "./stack";

/** The name of a role or policy named by an ARN (`arn:aws:iam::1:role/path/name` -> `name`). */
function nameInArn(arn: string, kind: "role" | "policy"): string | undefined {
    return new RegExp(`^arn:[a-z-]+:iam::\\d{12}:${kind}/(?:.*/)?([^/]+)$`).exec(arn)?.[1];
}

/** Resolves a policy ARN: the stack's own aws.iam.Policy, an AWS-managed policy by content, or opaque. */
function policyByArn(arn: string, where: string, customer: ReadonlyMap<string, PolicyResource>): PolicySource {
    const managed = awsManagedPolicyName(arn);
    if (managed !== undefined) {
        const statements = Object.prototype.hasOwnProperty.call(MANAGED_POLICY_STATEMENTS, managed) ? MANAGED_POLICY_STATEMENTS[managed] : undefined;
        return statements ? { where: `${where} (${managed})`, statements } : { where, reason: { path: `${where}: AWS-managed ${managed} (content not known to the pack)`, opaque: true } };
    }
    const name = nameInArn(arn, "policy");
    const own = name === undefined ? undefined : customer.get(name);
    if (own) return documentSource(own, "policy", () => own.props.policy, `${where} (${label(own)})`) ?? { where, statements: [] };
    return { where, reason: { path: `${where}: ${arn} (a policy outside this stack)`, opaque: true } };
}

/** Identity sources by role URN. */
export function roleIdentities(resources: readonly PolicyResource[], roles: readonly PolicyResource[]): Map<string, PolicySource[]> {
    const out = new Map<string, PolicySource[]>(roles.map((r) => [r.urn, []]));
    const roleByName = new Map<string, PolicyResource>();
    for (const r of roles) {
        const name = readValue(r, "name", () => r.props.name);
        if (typeof name === "string") roleByName.set(name, r);
    }
    const customer = new Map<string, PolicyResource>();
    for (const r of resources) {
        if (r.type !== AWS.iamPolicy) continue;
        const name = readValue(r, "name", () => r.props.name);
        if (typeof name === "string") customer.set(name, r);
    }
    const add = (role: PolicyResource, s: PolicySource) => out.get(role.urn)?.push(s);
    /** Roles a grant names: through the dependency graph, else by a known literal name or ARN. */
    const targets = (r: PolicyResource, prop: string, reasons: Reason[]): PolicyResource[] => {
        const deps = (r.propertyDependencies?.[prop] ?? []).filter((d) => d.type === AWS.iamRole);
        if (deps.length > 0) return deps;
        const v = readValue(r, prop, () => r.props[prop], reasons);
        const names = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
        return names.map((n) => roleByName.get(nameInArn(n, "role") ?? n)).filter((x): x is PolicyResource => x !== undefined);
    };
    for (const r of resources) {
        const where = label(r);
        switch (r.type) {
            case AWS.iamRole: {
                const inline = readValue(r, "inlinePolicies", () => r.props.inlinePolicies);
                if (inline === UNKNOWN) add(r, { where: `${where} inlinePolicies`, reason: { urn: r.urn, path: "inlinePolicies", opaque: false } });
                else if (Array.isArray(inline)) {
                    inline.forEach((p, i) => {
                        const doc = (p as { policy?: unknown } | null)?.policy;
                        if (typeof doc === "string" && doc !== "") add(r, { where: `${where} inlinePolicies[${i}]`, statements: statementsOf(doc) });
                    });
                }
                const arns = readValue(r, "managedPolicyArns", () => r.props.managedPolicyArns);
                if (arns === UNKNOWN) add(r, { where: `${where} managedPolicyArns`, reason: { urn: r.urn, path: "managedPolicyArns", opaque: false } });
                else if (Array.isArray(arns)) {
                    arns.forEach((a, i) => { if (typeof a === "string") add(r, policyByArn(a, `${where} managedPolicyArns[${i}]`, customer)); });
                }
                break;
            }
            case AWS.iamRolePolicy: {
                const reasons: Reason[] = [];
                const src = documentSource(r, "policy", () => r.props.policy, where);
                for (const role of targets(r, "role", reasons)) if (src) add(role, src);
                break;
            }
            case AWS.iamRolePolicyAttachment:
            case AWS.iamPolicyAttachment: {
                const reasons: Reason[] = [];
                const roles = targets(r, r.type === AWS.iamRolePolicyAttachment ? "role" : "roles", reasons);
                if (roles.length === 0) break;
                const policy = (r.propertyDependencies?.policyArn ?? []).find((d) => d.type === AWS.iamPolicy);
                let src: PolicySource | undefined;
                if (policy) src = documentSource(policy, "policy", () => policy.props.policy, `${where} (${label(policy)})`);
                else {
                    const arn = readValue(r, "policyArn", () => r.props.policyArn, reasons);
                    src = arn === UNKNOWN ? { where, reason: reasons[reasons.length - 1]! } : typeof arn === "string" ? policyByArn(arn, `${where} policyArn`, customer) : undefined;
                }
                for (const role of roles) if (src) add(role, src);
                break;
            }
        }
    }
    return out;
}

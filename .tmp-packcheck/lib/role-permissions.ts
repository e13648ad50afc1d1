/**
 * Everything that gives an IAM role permissions, joined to the role through the dependency graph: inline
 * `inlinePolicies` and `managedPolicyArns` on the role, aws.iam.RolePolicy, RolePolicyAttachment and
 * PolicyAttachment (joined by propertyDependencies.role / .roles), and customer-managed aws.iam.Policy documents
 * (joined by propertyDependencies.policyArn). Never by role name or ARN: those are unknown in a new stack's preview.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS } from "./aws-types";
import { Reads, UNKNOWN } from "./unknowns";
import { sources } from "./stack";

export interface Grant {
    /** Roles of this stack receiving the grant; empty when the role is named by a literal (outside the stack). */
    roles: PolicyResource[];
    /** The resource that carries the grant, where a violation is reported. */
    via: PolicyResource;
    /** Field of `via` for messages, e.g. `policyArn`, `inlinePolicies[0].policy`. */
    field: string;
    /** An AWS or customer managed policy ARN (known), when the grant is by ARN. */
    policyArn?: string;
    /** The policy document (JSON text or object), when the grant is a document. */
    document?: unknown;
    /** Where the document came from, when it is another resource's (a customer-managed aws.iam.Policy). */
    documentFrom?: PolicyResource;
}

const ROLE = [AWS.iamRole];

function attachmentGrant(r: PolicyResource, reads: (r: PolicyResource) => Reads, roles: PolicyResource[]): Grant | undefined {
    const policies = sources(r, "policyArn", [AWS.iamPolicy]);
    if (policies.length > 0) {
        const policy = policies[0]!;
        const document = reads(policy).get("policy", () => policy.props.policy);
        if (document === UNKNOWN) return undefined;
        return { roles, via: r, field: "policyArn", document, documentFrom: policy };
    }
    const arn = reads(r).get("policyArn", () => r.props.policyArn);
    if (arn === UNKNOWN || typeof arn !== "string") return undefined;
    return { roles, via: r, field: "policyArn", policyArn: arn };
}

/** Every grant in the stack whose value is known (unknown values are recorded on the resource's Reads). */
export function roleGrants(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): Grant[] {
    const grants: Grant[] = [];
    for (const r of resources) {
        const rd = reads(r);
        switch (r.type) {
            case AWS.iamRole: {
                const arns = rd.snapshot("managedPolicyArns", () => r.props.managedPolicyArns);
                if (Array.isArray(arns)) {
                    arns.forEach((a, i) => {
                        if (typeof a === "string") grants.push({ roles: [r], via: r, field: `managedPolicyArns[${i}]`, policyArn: a });
                    });
                }
                const inline = rd.get("inlinePolicies", () => r.props.inlinePolicies);
                if (Array.isArray(inline)) {
                    inline.forEach((_, i) => {
                        const doc = rd.get(`inlinePolicies[${i}].policy`, () => inline[i]?.policy);
                        if (doc !== UNKNOWN && doc !== undefined && doc !== "") {
                            grants.push({ roles: [r], via: r, field: `inlinePolicies[${i}].policy`, document: doc });
                        }
                    });
                }
                break;
            }
            case AWS.iamRolePolicy: {
                const doc = rd.get("policy", () => r.props.policy);
                if (doc !== UNKNOWN) grants.push({ roles: sources(r, "role", ROLE), via: r, field: "policy", document: doc });
                break;
            }
            case AWS.iamRolePolicyAttachment: {
                const g = attachmentGrant(r, reads, sources(r, "role", ROLE));
                if (g) grants.push(g);
                break;
            }
            case AWS.iamPolicyAttachment: {
                const g = attachmentGrant(r, reads, sources(r, "roles", ROLE));
                if (g) grants.push(g);
                break;
            }
        }
    }
    return grants;
}

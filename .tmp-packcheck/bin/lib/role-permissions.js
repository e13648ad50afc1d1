"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.roleGrants = roleGrants;
const aws_types_1 = require("./aws-types");
const unknowns_1 = require("./unknowns");
const stack_1 = require("./stack");
const ROLE = [aws_types_1.AWS.iamRole];
function attachmentGrant(r, reads, roles) {
    const policies = (0, stack_1.sources)(r, "policyArn", [aws_types_1.AWS.iamPolicy]);
    if (policies.length > 0) {
        const policy = policies[0];
        const document = reads(policy).get("policy", () => policy.props.policy);
        if (document === unknowns_1.UNKNOWN)
            return undefined;
        return { roles, via: r, field: "policyArn", document, documentFrom: policy };
    }
    const arn = reads(r).get("policyArn", () => r.props.policyArn);
    if (arn === unknowns_1.UNKNOWN || typeof arn !== "string")
        return undefined;
    return { roles, via: r, field: "policyArn", policyArn: arn };
}
/** Every grant in the stack whose value is known (unknown values are recorded on the resource's Reads). */
function roleGrants(resources, reads) {
    const grants = [];
    for (const r of resources) {
        const rd = reads(r);
        switch (r.type) {
            case aws_types_1.AWS.iamRole: {
                const arns = rd.snapshot("managedPolicyArns", () => r.props.managedPolicyArns);
                if (Array.isArray(arns)) {
                    arns.forEach((a, i) => {
                        if (typeof a === "string")
                            grants.push({ roles: [r], via: r, field: `managedPolicyArns[${i}]`, policyArn: a });
                    });
                }
                const inline = rd.get("inlinePolicies", () => r.props.inlinePolicies);
                if (Array.isArray(inline)) {
                    inline.forEach((_, i) => {
                        const doc = rd.get(`inlinePolicies[${i}].policy`, () => inline[i]?.policy);
                        if (doc !== unknowns_1.UNKNOWN && doc !== undefined && doc !== "") {
                            grants.push({ roles: [r], via: r, field: `inlinePolicies[${i}].policy`, document: doc });
                        }
                    });
                }
                break;
            }
            case aws_types_1.AWS.iamRolePolicy: {
                const doc = rd.get("policy", () => r.props.policy);
                if (doc !== unknowns_1.UNKNOWN)
                    grants.push({ roles: (0, stack_1.sources)(r, "role", ROLE), via: r, field: "policy", document: doc });
                break;
            }
            case aws_types_1.AWS.iamRolePolicyAttachment: {
                const g = attachmentGrant(r, reads, (0, stack_1.sources)(r, "role", ROLE));
                if (g)
                    grants.push(g);
                break;
            }
            case aws_types_1.AWS.iamPolicyAttachment: {
                const g = attachmentGrant(r, reads, (0, stack_1.sources)(r, "roles", ROLE));
                if (g)
                    grants.push(g);
                break;
            }
        }
    }
    return grants;
}
//# sourceMappingURL=role-permissions.js.map
import { cisEks } from "../../lib/frameworks";
import { RBAC_ROLE_KINDS, describe, k8sTypes, strings, rbacRules } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

/** Subresources that hand over another identity's credentials, and how. */
export const CREDENTIAL_SUBRESOURCES: Readonly<Record<string, string>> = {
    "pods/exec": "run commands in the pods, and so read their service account tokens and IRSA credentials",
    "pods/attach": "attach to the pods' processes, and so act as their service accounts",
    "pods/ephemeralcontainers": "add a container to running pods, with their service accounts and volumes",
    "nodes/proxy": "call every node's kubelet API, which runs commands in any pod of the node",
    "serviceaccounts/token": "mint tokens for the service accounts, which STS exchanges for their IRSA roles' AWS credentials",
};

/** Verbs that only read lists of the subresource (rarely meaningful) do not hand anything over. */
const HARMLESS_VERBS = new Set(["list", "watch"]);

/**
 * No Role or ClusterRole grants the subresources through which a token becomes another identity: exec, attach and
 * ephemeral containers in pods, the kubelet through nodes/proxy, and new tokens through serviceaccounts/token. None
 * of them looks like a wildcard or an escalation verb, and each is a step to another pod's AWS credentials.
 */
export const disallowRbacCredentialSubresources = resourcePolicy({
    name: "disallow-rbac-credential-subresources",
    description: "No Role or ClusterRole grants pods/exec, pods/attach, pods/ephemeralcontainers, nodes/proxy or serviceaccounts/token: each turns a token into another pod's identity and its AWS credentials.",
    step: "creds",
    severity: "high",
    remediationSteps: "Remove the subresource from rules[].resources. Debugging goes through an operator's own access entry, not a workload's role; workloads that need a token for another audience get it projected into their own pod.",
    url: URLS.rbac,
    framework: cisEks("4.1.4", "Minimize access to create pods"),
    references: ["CIS EKS 4.1.4", "CIS EKS 4.1.8", "EKS-BP iam: Employ least privileged access when creating RoleBindings and ClusterRoleBindings", "docs/path-model.md"],
    types: k8sTypes(...RBAC_ROLE_KINDS),
    check: ({ args, reads, report }) => {
        for (const { obj, rule } of rbacRules(args.type, reads, args.props)) {
            const resources = strings(rule.at("resources"));
            if (resources === UNKNOWN) continue;
            const hits = resources.filter((r): r is string => typeof r === "string" && Object.prototype.hasOwnProperty.call(CREDENTIAL_SUBRESOURCES, r));
            if (hits.length === 0) continue;
            const groups = strings(rule.at("apiGroups"));
            if (groups !== UNKNOWN && !groups.some((g) => g === "" || g === "*")) continue; // the subresources are in the core group
            const verbs = strings(rule.at("verbs"));
            if (verbs === UNKNOWN) continue;
            const granted = verbs.filter((v): v is string => typeof v === "string" && !HARMLESS_VERBS.has(v));
            if (granted.length === 0) continue;
            for (const hit of hits) {
                report(`${describe(obj, obj.kind === "Role")}: ${rule.at("resources").path} grants ${granted.join(", ")} on ${hit}, which lets the holder ${CREDENTIAL_SUBRESOURCES[hit]}; remove ${hit}.`);
            }
        }
    },
});

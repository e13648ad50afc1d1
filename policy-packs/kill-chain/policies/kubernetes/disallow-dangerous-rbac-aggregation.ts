import { cisEks } from "../../lib/frameworks";
import { View, describe, k8sObjects, k8sTypes, strings, rbacRules } from "../../lib/k8s";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { CREDENTIAL_SUBRESOURCES } from "./disallow-rbac-credential-subresources";

const AGGREGATE_LABEL = /^rbac\.authorization\.k8s\.io\/aggregate-to-(.+)$/;
const ESCALATION = new Set(["bind", "escalate", "impersonate", "*"]);

/** What a rule grants that must not flow into a built-in role; undefined when nothing. */
function dangerousGrant(rule: View): string | undefined {
    const verbs = strings(rule.at("verbs"));
    const resources = strings(rule.at("resources"));
    if (verbs === UNKNOWN || resources === UNKNOWN) return undefined;
    const v = verbs.filter((x): x is string => typeof x === "string");
    const r = resources.filter((x): x is string => typeof x === "string");
    if (r.some((x) => x === "*" || x.endsWith("/*"))) return `resources ${JSON.stringify(r)}`;
    if (v.some((x) => ESCALATION.has(x))) return `verbs ${JSON.stringify(v)}`;
    if (r.includes("secrets") && v.some((x) => ["get", "list", "watch"].includes(x))) return `${v.join(", ")} on secrets`;
    const sub = r.find((x) => Object.prototype.hasOwnProperty.call(CREDENTIAL_SUBRESOURCES, x));
    if (sub) return `${sub}`;
    return undefined;
}

/**
 * Aggregation adds rules to roles nobody re-reads: a ClusterRole labelled aggregate-to-admin/edit/view pours its
 * rules into the built-in role of that name (held by every namespace admin, editor or viewer), and a ClusterRole
 * whose aggregationRule has an empty selector collects every labelled ClusterRole. Neither may carry wildcards,
 * escalation verbs, Secret reads or credential subresources.
 */
export const disallowDangerousRbacAggregation = resourcePolicy({
    name: "disallow-dangerous-rbac-aggregation",
    description: "No ClusterRole aggregated into admin, edit or view (rbac.authorization.k8s.io/aggregate-to-*) carries wildcards, bind/escalate/impersonate, Secret reads or credential subresources, and no aggregationRule has an empty selector that collects every ClusterRole.",
    step: "creds",
    severity: "high",
    remediationSteps: "Remove the aggregate-to-* label and bind the ClusterRole explicitly to the one subject that needs it, or narrow its rules to exact verbs and resources without Secrets. Give every aggregationRule.clusterRoleSelectors entry a matchLabels of its own.",
    url: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles",
    framework: cisEks("4.1.3", "Minimize wildcard use in Roles and ClusterRoles"),
    references: ["CIS EKS 4.1.3", "CIS EKS 4.1.2", "EKS-BP iam: Employ least privileged access when creating RoleBindings and ClusterRoleBindings"],
    types: k8sTypes("ClusterRole"),
    check: ({ args, reads, report }) => {
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const labels = obj.view.at("metadata", "labels").peek();
            const into = labels && typeof labels === "object"
                ? Object.entries(labels as Record<string, unknown>).filter(([k, v]) => AGGREGATE_LABEL.test(k) && v === "true").map(([k]) => AGGREGATE_LABEL.exec(k)![1]!)
                : [];
            if (into.length > 0) {
                for (const { rule } of rbacRules(args.type, reads, args.props).filter((x) => x.obj.label === obj.label)) {
                    const what = dangerousGrant(rule);
                    if (what) report(`${describe(obj, false)}: ${rule.path} grants ${what}, and its aggregate-to-${into.join("/aggregate-to-")} label adds that to the built-in ${into.join(", ")} role of every namespace; remove the label or the rule.`);
                }
            }
            const selectors = obj.view.at("aggregationRule", "clusterRoleSelectors").list();
            if (selectors === UNKNOWN) continue;
            for (const sel of selectors) {
                const ml = sel.at("matchLabels").peek();
                const me = sel.at("matchExpressions").peek();
                const empty = (ml === undefined || (typeof ml === "object" && ml !== null && Object.keys(ml).length === 0)) && (!Array.isArray(me) || me.length === 0);
                if (empty) report(`${describe(obj, false)}: ${sel.path} is empty, so the role collects the rules of every labelled ClusterRole; give it a matchLabels of its own.`);
            }
        }
    },
});

import { eksBestPractices } from "../../lib/frameworks";
import { describe, k8sObjects, parseK8sType } from "../../lib/k8s";
import { kyvernoRuleReaches, rulesCoverAgent, selectsNamespace } from "../../lib/k8s-admission";
import { URLS } from "../../lib/k8s-meta";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { GUARDDUTY_NAMESPACE } from "./disallow-guardduty-agent-interference";

const WEBHOOK_KINDS = ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"];
const BINDING_KINDS = ["ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicyBinding"];
const KYVERNO_KINDS = ["ClusterPolicy"];

function applies(type: string): boolean {
    const t = parseK8sType(type);
    if (!t) return false;
    if (t.group === "admissionregistration.k8s.io") return [...WEBHOOK_KINDS, ...BINDING_KINDS].includes(t.kind);
    return t.group === "kyverno.io" && KYVERNO_KINDS.includes(t.kind);
}

/**
 * No cluster-wide admission control reaches the GuardDuty agent: a webhook, an admission policy binding or a Kyverno
 * policy that may reject or rewrite pods in amazon-guardduty can keep the agent from ever starting (or change it),
 * from outside its namespace, where disallow-guardduty-agent-interference does not look.
 */
export const disallowGuardDutyAgentAdmissionBlocks = resourcePolicy({
    name: "disallow-guardduty-agent-admission-blocks",
    description: `No admission webhook, ValidatingAdmissionPolicyBinding (Deny) or enforcing Kyverno ClusterPolicy applies to pods or `
        + `DaemonSets in the ${GUARDDUTY_NAMESPACE} namespace: nothing in the cluster may reject, rewrite or starve the GuardDuty runtime agent.`,
    step: "evasion",
    severity: "high",
    remediationSteps: `Exclude the agent's namespace: a namespaceSelector matchExpressions { key: "kubernetes.io/metadata.name", `
        + `operator: "NotIn", values: ["${GUARDDUTY_NAMESPACE}", "kube-system"] } on webhooks and bindings, or exclude.any[].resources.namespaces `
        + `["${GUARDDUTY_NAMESPACE}"] on Kyverno rules.`,
    url: URLS.guardDutyAgent,
    framework: eksBestPractices("runtime", "Use Amazon GuardDuty for runtime monitoring and detecting threats"),
    references: ["EKS-BP runtime: Use Amazon GuardDuty for runtime monitoring", "GuardDuty EKS Runtime Monitoring prerequisites"],
    types: applies,
    check: ({ args, reads, report }) => {
        for (const obj of k8sObjects(args.type, reads, args.props)) {
            const found: string[] = [];
            if (WEBHOOK_KINDS.includes(obj.kind)) {
                const hooks = obj.view.at("webhooks").list();
                if (hooks === UNKNOWN) continue;
                for (const h of hooks) {
                    if (rulesCoverAgent(h.at("rules")) === true && selectsNamespace(h.at("namespaceSelector"), GUARDDUTY_NAMESPACE) === true) {
                        found.push(`${h.path} (${String(h.at("name").peek() ?? "?")}) intercepts pods or DaemonSets in ${GUARDDUTY_NAMESPACE}`);
                    }
                }
            } else if (BINDING_KINDS.includes(obj.kind)) {
                const actions = obj.view.at("spec", "validationActions").value();
                const denies = obj.kind === "MutatingAdmissionPolicyBinding" || (Array.isArray(actions) && actions.includes("Deny"));
                const match = obj.view.at("spec", "matchResources");
                const rules = match.at("resourceRules");
                const covers = rules.peek() === undefined ? true : rulesCoverAgent(rules);
                if (denies && covers === true && selectsNamespace(match.at("namespaceSelector"), GUARDDUTY_NAMESPACE) === true) {
                    found.push(`spec.matchResources selects ${GUARDDUTY_NAMESPACE} with ${obj.kind === "MutatingAdmissionPolicyBinding" ? "mutation" : "validationActions Deny"}`);
                }
            } else {
                const action = obj.view.at("spec", "validationFailureAction").str();
                const rules = obj.view.at("spec", "rules").list();
                if (rules === UNKNOWN) continue;
                for (const rule of rules) {
                    const ruleAction = rule.at("validate", "failureAction").str();
                    const enforces = rule.at("validate").peek() !== undefined
                        && [ruleAction, action].some((a) => typeof a === "string" && a.toLowerCase() === "enforce");
                    const mutates = rule.at("mutate").peek() !== undefined;
                    if ((enforces || mutates) && kyvernoRuleReaches(rule, GUARDDUTY_NAMESPACE) === true) {
                        found.push(`${rule.path} (${String(rule.at("name").peek() ?? "?")}) ${mutates ? "mutates" : "enforces on"} pods in ${GUARDDUTY_NAMESPACE}`);
                    }
                }
            }
            if (found.length > 0) {
                report(`${describe(obj, false)}: ${found.join("; ")}, so it can keep the GuardDuty runtime agent from running; exclude that namespace.`);
            }
        }
    },
});

/**
 * Whether an admission control object (webhook configuration, ValidatingAdmissionPolicyBinding, Kyverno ClusterPolicy)
 * reaches the pods of a given namespace. Label selectors are judged for a namespace whose only label is the
 * `kubernetes.io/metadata.name` the API server sets: the EKS add-on's namespace carries no other label this program
 * could rely on, so a selector requiring some other label does not select it, and one excluding some other label does.
 * Unknown values yield UNKNOWN (recorded by the views).
 */
import { View, strings } from "./k8s";
import { Maybe, UNKNOWN } from "./unknowns";

const NAME_LABEL = "kubernetes.io/metadata.name";

/** Whether a namespaceSelector selects namespace `ns` (an unset selector selects every namespace). */
export function selectsNamespace(selector: View, ns: string): Maybe<boolean> {
    const value = selector.value();
    if (value === UNKNOWN) return UNKNOWN;
    if (value === undefined || value === null) return true;
    const labels = selector.at("matchLabels").keys();
    if (labels === UNKNOWN) return UNKNOWN;
    for (const k of labels) {
        const v = selector.at("matchLabels", k).str();
        if (v === UNKNOWN) return UNKNOWN;
        if (k !== NAME_LABEL || v !== ns) return false;
    }
    const exprs = selector.at("matchExpressions").list();
    if (exprs === UNKNOWN) return UNKNOWN;
    for (const e of exprs) {
        const key = e.at("key").str();
        const op = e.at("operator").str();
        const values = strings(e.at("values"));
        if (key === UNKNOWN || op === UNKNOWN || values === UNKNOWN || values.includes(UNKNOWN)) return UNKNOWN;
        const has = key === NAME_LABEL;
        const matches = has && values.includes(ns);
        const ok = op === "In" ? matches : op === "NotIn" ? !matches : op === "Exists" ? has : op === "DoesNotExist" ? !has : false;
        if (!ok) return false;
    }
    return true;
}

/** Resource names that cover the agent's pods or DaemonSet. */
function coversAgentResource(r: Maybe<string>): boolean {
    return r === "*" || r === "*/*" || r === "pods" || r === "pods/*" || r === "daemonsets" || r === "daemonsets/*";
}

/** Whether admission rules (`rules[]` of a webhook, `resourceRules[]` of a binding) cover pods or DaemonSets. */
export function rulesCoverAgent(rules: View): Maybe<boolean> {
    const list = rules.list();
    if (list === UNKNOWN) return UNKNOWN;
    let unknown = false;
    for (const rule of list) {
        const groups = strings(rule.at("apiGroups"));
        const resources = strings(rule.at("resources"));
        if (groups === UNKNOWN || resources === UNKNOWN) {
            unknown = true;
            continue;
        }
        const groupOk = groups.some((g) => g === "*" || g === "" || g === "apps");
        if (groupOk && resources.some(coversAgentResource)) return true;
    }
    return unknown ? UNKNOWN : false;
}

/** Kinds a Kyverno rule's match/exclude resource block names. */
function kyvernoKinds(resources: View): Maybe<string[]> {
    const kinds = strings(resources.at("kinds"));
    if (kinds === UNKNOWN) return UNKNOWN;
    return kinds.filter((k): k is string => typeof k === "string");
}

/** The resource blocks of a Kyverno match or exclude: `resources`, or each of `any[]`/`all[]`. */
function kyvernoBlocks(v: View): View[] {
    const out = [v.at("resources")];
    for (const k of ["any", "all"]) {
        const items = v.at(k).list();
        if (items !== UNKNOWN) out.push(...items.map((i) => i.at("resources")));
    }
    return out.filter((b) => b.peek() !== undefined);
}

/** Whether a Kyverno rule (validate or mutate) applies to the agent's pods or DaemonSet in namespace `ns`. */
export function kyvernoRuleReaches(rule: View, ns: string): Maybe<boolean> {
    const matched = kyvernoBlocks(rule.at("match")).some((b) => {
        const kinds = kyvernoKinds(b);
        if (kinds === UNKNOWN) return false;
        const kindOk = kinds.some((k) => k === "*" || /(^|\/)(Pod|DaemonSet)$/.test(k));
        const namespaces = strings(b.at("namespaces"));
        const nsOk = namespaces === UNKNOWN || namespaces.length === 0 || namespaces.includes(ns) || namespaces.includes("*");
        return kindOk && nsOk;
    });
    if (!matched) return false;
    const excluded = kyvernoBlocks(rule.at("exclude")).some((b) => {
        const namespaces = strings(b.at("namespaces"));
        return namespaces !== UNKNOWN && namespaces.includes(ns);
    });
    return !excluded;
}

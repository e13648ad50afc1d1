import type { PolicyResource } from "@pulumi/policy";
import { cisEks } from "../../lib/frameworks";
import { View, k8sObjects, k8sTypes, namespaceOf } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { providerView } from "../../lib/k8s-namespaces";
import { isolatesEgress } from "../../lib/k8s-network";
import { internetWideUnion, internetWideUnionOf } from "../../lib/ip-union";
import { stackPolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

const NETWORK_POLICY_TYPES = new Set(k8sTypes("NetworkPolicy"));

interface Grant {
    resource: PolicyResource;
    name: string;
    cidrs: string[];
    except: string[];
}

/** Known egress ipBlocks of a NetworkPolicy spec (unknown ones are recorded: they could only add to the union). */
function ipBlocks(spec: View): { cidrs: string[]; except: string[] } {
    const cidrs: string[] = [];
    const except: string[] = [];
    const rules = spec.at("egress").list();
    if (rules === UNKNOWN) return { cidrs, except };
    for (const rule of rules) {
        const peers = rule.at("to").list();
        if (peers === UNKNOWN) continue;
        for (const peer of peers) {
            const cidr = peer.at("ipBlock", "cidr").str();
            if (typeof cidr !== "string") continue;
            cidrs.push(cidr);
            const ex = peer.at("ipBlock", "except").list();
            if (ex !== UNKNOWN) for (const e of ex) if (typeof e.str() === "string") except.push(e.str() as string);
        }
    }
    return { cidrs, except };
}

/**
 * A pod's egress is the union of every NetworkPolicy that selects it. Policies that each stay narrow can open the
 * internet together: 0.0.0.0/1 in one, 128.0.0.0/1 in the next, or fifty /8s spread over ten policies. Judged per
 * namespace and pod selector: the policies selecting every pod (`podSelector: {}`) together with those sharing one
 * selector. An except removes space only from its own policy's blocks.
 */
export const disallowInternetWideNamespaceEgress = stackPolicy({
    name: "disallow-internet-wide-namespace-egress",
    description: "The NetworkPolicies of a namespace that select the same pods do not together allow egress to more than one /8 of public "
        + "IPv4 (or /16 of IPv6); the message names the namespace, the selector and each policy on the escaping path.",
    step: "mining",
    severity: "critical",
    remediationSteps: "Name the destinations pods need (the VPC CIDR, in-cluster peers by selector); reach the internet only through the "
        + "egress firewall's domain allowlist, never by ipBlocks that add up to the internet.",
    url: URLS.netpol,
    framework: cisEks("4.3.2", "Ensure that all Namespaces have Network Policies defined (and that they restrict egress)"),
    references: ["CIS EKS 4.3.2", "EKS-BP network: Network policy"],
    check: ({ args, reads, report }) => {
        // namespace -> selector key ("" for every pod) -> grants
        const byNamespace = new Map<string, Map<string, Grant[]>>();
        for (const r of args.resources) {
            if (!NETWORK_POLICY_TYPES.has(r.type)) continue;
            // Read through the policy's reads: an unknown namespace, selector or block could complete a union, so it defers.
            const rd = reads(r);
            for (const obj of k8sObjects(r.type, rd, r.props)) {
                const spec = obj.view.at("spec");
                if (isolatesEgress(spec) === false) continue;
                const ns = namespaceOf(obj.view, providerView(r, rd));
                const selector = spec.at("podSelector").snapshot();
                if (ns === UNKNOWN || selector === UNKNOWN) continue;
                const key = JSON.stringify(selector ?? {}) === "{}" ? "" : JSON.stringify(selector);
                const { cidrs, except } = ipBlocks(spec);
                if (cidrs.length === 0) continue;
                const name = String(obj.view.at("metadata", "name").peek() ?? r.name);
                const groups = byNamespace.get(ns) ?? new Map<string, Grant[]>();
                groups.set(key, [...(groups.get(key) ?? []), { resource: r, name, cidrs, except }]);
                byNamespace.set(ns, groups);
            }
        }
        for (const [ns, groups] of byNamespace) {
            const everyPod = groups.get("") ?? [];
            const selectors = groups.size > 0 ? [...groups.keys()] : [];
            for (const key of selectors) {
                const grants = key === "" ? everyPod : [...everyPod, ...(groups.get(key) ?? [])];
                // One policy alone is disallow-open-network-policy-egress's finding.
                if (grants.length < 2) continue;
                const wide = internetWideUnionOf(grants);
                if (!wide || grants.every((g) => internetWideUnion(g.cidrs, g.except))) continue;
                const target = grants[grants.length - 1]!;
                report(target.resource, `namespace ${ns}, pods ${key === "" ? "all (podSelector {})" : `selected by ${key}`}: NetworkPolicies `
                    + `${grants.map((g) => g.name).join(" + ")} together allow egress to ${wide}; name the destinations pods need.`);
            }
        }
    },
});

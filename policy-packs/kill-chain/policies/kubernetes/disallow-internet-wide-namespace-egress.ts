import type { PolicyResource } from "@pulumi/policy";
import { whyNotEnforced } from "../../lib/cni-enforcement";
import { EscapePath, subnetEscapes } from "../../lib/egress-paths";
import { computeClusters, providerClusters } from "../../lib/eks-membership";
import { cisEks } from "../../lib/frameworks";
import { internetWideUnion, internetWideUnionOf } from "../../lib/ip-union";
import { describe, k8sObjects, k8sTypes, namespaceOf } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { clusterOf, providerView, scoped, unscoped } from "../../lib/k8s-namespaces";
import { EgressGrant, egressGrant, podEgress } from "../../lib/k8s-pod-egress";
import { mayHoldPodSpec, podTemplatesOf } from "../../lib/k8s-workloads";
import { stackPolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";

const NETWORK_POLICY_TYPES = new Set(k8sTypes("NetworkPolicy"));

const names = (grants: readonly EgressGrant[]) => grants.map((g) => g.name);

/**
 * Egress as a whole, per namespace. A pod's egress is the union of every NetworkPolicy that selects it, and it is
 * enforced only if the CNI enforces NetworkPolicies; past them, the pod's traffic takes its node's path. So:
 * - policies that each stay narrow can open the internet together (0.0.0.0/1 in one, 128.0.0.0/1 in the next, fifty
 *   /8s over ten policies), judged for the pods each workload of the program runs (their labels against every
 *   policy's selector, whatever the selectors look like) and, for pods the program does not declare, for the
 *   policies selecting every pod together with those sharing one selector;
 * - pods whose NetworkPolicies let them out (none selects them, one allows every destination, the union is the
 *   internet, hostNetwork, or the VPC CNI does not enforce policies at all) escape when their nodes' subnets do
 *   (lib/egress-paths.ts): the message names the namespace, the pods, why the policies do not stop them and the
 *   node path they leave by.
 * An except removes space only from its own policy's blocks.
 */
export const disallowInternetWideNamespaceEgress = stackPolicy({
    name: "disallow-internet-wide-namespace-egress",
    description: "No pod reaches the internet other than through the egress firewall: the NetworkPolicies selecting a namespace's pods do "
        + "not together allow egress to more than one /8 of public IPv4 (or /16 of IPv6), and pods that NetworkPolicies do not hold in "
        + "(none selects them, one allows every destination, hostNetwork, the VPC CNI not enforcing them) do not run on nodes whose subnets "
        + "have a path past the firewall; the message names the namespace, the pods, each policy and the whole escaping path.",
    step: "mining",
    severity: "critical",
    remediationSteps: "Name the destinations pods need (the VPC CIDR, in-cluster peers by selector); reach the internet only through the "
        + "egress firewall's domain allowlist, never by ipBlocks that add up to the internet; keep a default-deny egress policy in every "
        + "namespace, NetworkPolicy enforcement on in the vpc-cni add-on, and the node subnets' default route on the firewall endpoint.",
    url: URLS.netpol,
    framework: cisEks("4.3.2", "Ensure that all Namespaces have Network Policies defined (and that they restrict egress)"),
    references: ["CIS EKS 4.3.2", "EKS-BP network: Network policy"],
    check: ({ args, reads, report }) => {
        const byNamespace = new Map<string, EgressGrant[]>();
        for (const r of args.resources) {
            if (!NETWORK_POLICY_TYPES.has(r.type)) continue;
            // Read through the policy's reads: an unknown namespace, selector or block could complete a union, so it defers.
            const rd = reads(r);
            for (const obj of k8sObjects(r.type, rd, r.props)) {
                const ns = namespaceOf(obj.view, providerView(r, rd));
                if (ns === UNKNOWN) continue;
                const grant = egressGrant(r, String(obj.view.at("metadata", "name").peek() ?? r.name), obj.view.at("spec"));
                const key = scoped(clusterOf(r), ns); // a NetworkPolicy holds pods of its own cluster only
                if (grant && grant.selector !== UNKNOWN) byNamespace.set(key, [...(byNamespace.get(key) ?? []), grant]);
            }
        }
        const reported = new Set<string>();
        const once = (ns: string, grants: readonly EgressGrant[]) => {
            const key = `${ns}|${names(grants).sort().join("+")}`;
            if (reported.has(key)) return false;
            reported.add(key);
            return true;
        };

        // Pods the program may not declare: the policies for every pod together with those sharing one selector.
        for (const [scopedNs, grants] of byNamespace) {
            const ns = unscoped(scopedNs);
            const groups = new Map<string, EgressGrant[]>();
            for (const g of grants) {
                const key = JSON.stringify(g.selector ?? {}) === "{}" ? "" : JSON.stringify(g.selector);
                groups.set(key, [...(groups.get(key) ?? []), g]);
            }
            const everyPod = groups.get("") ?? [];
            for (const key of groups.keys()) {
                const set = (key === "" ? everyPod : [...everyPod, ...(groups.get(key) ?? [])]).filter((g) => g.cidrs.length > 0);
                // One policy alone is disallow-open-network-policy-egress's finding.
                if (set.length < 2 || set.some((g) => internetWideUnion(g.cidrs, g.except))) continue;
                const wide = internetWideUnionOf(set);
                if (!wide || !once(ns, set)) continue;
                report(set[set.length - 1]!.resource, `namespace ${ns}, pods ${key === "" ? "all (podSelector {})" : `selected by ${key}`}: NetworkPolicies `
                    + `${names(set).join(" + ")} together allow egress to ${wide}; name the destinations pods need.`);
            }
        }

        // The pods the program runs: their own policies, then their nodes' path.
        let cni: string | undefined | null = null;
        let escapes: EscapePath[] | undefined;
        let byUrn: Map<string, PolicyResource> | undefined;
        for (const r of args.resources) {
            if (!mayHoldPodSpec(r.type)) continue;
            const rd = reads(r);
            for (const obj of k8sObjects(r.type, rd, r.props)) {
                const templates = podTemplatesOf(obj, r.type);
                if (templates.length === 0) continue;
                const ns = namespaceOf(obj.view, providerView(r, rd));
                if (ns === UNKNOWN) continue;
                const grants = byNamespace.get(scoped(clusterOf(r), ns)) ?? [];
                for (const tpl of templates) {
                    // Labels matter only when some policy could select the pods.
                    const egress = podEgress(grants.length > 0 ? tpl.metadata.at("labels").snapshot() : {}, grants);
                    if (egress === UNKNOWN) continue;
                    const who = `namespace ${ns}, pods of ${describe(obj)}`;
                    if (cni === null) cni = whyNotEnforced(args.resources, reads);
                    const why = tpl.spec.at("hostNetwork").peek() === true ? "hostNetwork: true, which no NetworkPolicy restricts" : (cni ?? egress.open);
                    if (why) {
                        escapes ??= subnetEscapes(args.resources, reads);
                        byUrn ??= new Map(args.resources.map((x) => [x.urn, x]));
                        const mine = providerClusters(r, byUrn);
                        // Only the nodes of the pods' own cluster, when dependencies tell both apart; otherwise every path.
                        const [path, ...more] = escapes.filter((e) => {
                            const theirs = e.by.flatMap((b) => computeClusters(b, byUrn!));
                            return mine.length === 0 || theirs.length === 0 || theirs.some((c) => mine.includes(c));
                        });
                        if (path) {
                            report(r, `escaping path: ${who} (${why}) -> ${path.path}${more.length > 0 ? ` (and ${more.length} more node path${more.length > 1 ? "s" : ""})` : ""}, `
                                + "past the firewall; hold the pods in with a default-deny egress NetworkPolicy and route the node subnets through the firewall.");
                            continue;
                        }
                    }
                    if (egress.union && once(ns, egress.selecting.filter((g) => g.cidrs.length > 0))) {
                        report(r, `${who}: ${egress.union}; name the destinations pods need.`);
                    }
                }
            }
        }
    },
});


/**
 * The CIDRs of the managed prefix lists a stack declares: a ManagedPrefixList's inline `entries` and the
 * ManagedPrefixListEntry resources joined to it by dependency. A list the stack does not declare (AWS-managed, shared
 * from another account) has no entries here: the preview cannot show them.
 */
import type { PolicyResource } from "@pulumi/policy";
import { sources } from "./stack";
import { Reads, UNKNOWN } from "./unknowns";
import { asList, isObject } from "./values";

export const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
export const PREFIX_LIST_ENTRY = "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry";

/** CIDRs of each prefix list the stack declares, by URN (unknown entries left out: they are recorded on the reads). */
export function prefixListContents(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of resources) {
        if (r.type === PREFIX_LIST) {
            const entries = reads(r).snapshot("entries", () => r.props.entries);
            const cidrs = entries === UNKNOWN ? [] : asList(entries).filter(isObject).map((e) => e.cidr).filter((c): c is string => typeof c === "string");
            out.set(r.urn, [...(out.get(r.urn) ?? []), ...cidrs]);
        } else if (r.type === PREFIX_LIST_ENTRY) {
            const cidr = reads(r).get("cidr", () => r.props.cidr);
            if (typeof cidr !== "string") continue;
            for (const list of sources(r, "prefixListId", [PREFIX_LIST])) out.set(list.urn, [...(out.get(list.urn) ?? []), cidr]);
        }
    }
    return out;
}

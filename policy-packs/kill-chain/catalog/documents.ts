/** IAM and resource policy documents in the review catalog: a grant gained or a Deny lost widens the document. */
import { parsePolicyDocument, wildcardMatches } from "../lib/iam";
import type { Statement } from "../lib/iam";
import { containsUnknown, sameValue } from "./compare";
import type { PropertyCheck } from "./model";

interface Grant {
    effect: "Allow" | "Deny";
    principal: string;
    action: string;
    resource: string;
    condition: string;
}

function principalsOf(s: Statement): string[] {
    const p = s.principal ?? s.notPrincipal;
    if (!p) return [""];
    const prefix = s.notPrincipal ? "NotPrincipal " : "";
    if (p.any) return [`${prefix}*`];
    const all = [...p.aws.map((x) => `AWS:${x}`), ...p.service.map((x) => `Service:${x}`), ...p.federated.map((x) => `Federated:${x}`), ...p.canonicalUser.map((x) => `CanonicalUser:${x}`)];
    return all.length > 0 ? all.map((x) => prefix + x) : [""];
}

/** A document as (effect, principal, action, resource, condition) grants; NotAction/NotResource kept opaque. */
export function grantsOf(doc: unknown): Grant[] | undefined {
    const parsed = parsePolicyDocument(doc);
    if (!parsed.statements) return undefined;
    const out: Grant[] = [];
    for (const s of parsed.statements) {
        const actions = s.action ?? (s.notAction ? [`NotAction ${JSON.stringify(s.notAction)}`] : [""]);
        const resources = s.resource ?? (s.notResource ? [`NotResource ${JSON.stringify(s.notResource)}`] : [""]);
        const condition = JSON.stringify([...s.conditions].sort((x, y) => `${x.operator}${x.key}`.localeCompare(`${y.operator}${y.key}`)));
        for (const principal of principalsOf(s)) for (const action of actions) for (const resource of resources) {
            out.push({ effect: s.effect, principal, action, resource, condition });
        }
    }
    return out;
}

function covers(outer: string, inner: string): boolean {
    if (outer === inner) return true;
    if (outer.startsWith("Not") || inner.startsWith("Not")) return false;
    return wildcardMatches(outer, inner);
}

function principalCovers(outer: string, inner: string): boolean {
    if (outer === "*" || outer === "AWS:*") return !inner.startsWith("NotPrincipal");
    return covers(outer, inner);
}

function describeGrant(g: Grant): string {
    const who = g.principal ? ` to ${g.principal.replace(/^AWS:/, "")}` : "";
    const on = g.resource ? ` on ${g.resource}` : "";
    return `${g.action || "(no action)"}${on}${who}${g.condition !== "[]" ? " (conditional)" : ""}`;
}

/**
 * IAM/resource policy documents: a new Allow grant not covered by an old one (new action, resource or principal, or
 * a condition dropped), or an old Deny that is gone. A document that no longer parses counts as weaker: IAM would
 * refuse it, but a reviewer cannot tell what it was meant to allow.
 */
export function policyWidened(): PropertyCheck["weakens"] {
    return (before, after, ctx) => {
        if (containsUnknown(after, ctx) || sameValue(before, after)) return undefined;
        if (after === undefined || after === null || after === "") return undefined;
        const a = grantsOf(after);
        if (!a) return "the new document cannot be read as an IAM policy";
        const b = grantsOf(before) ?? [];
        const allowB = b.filter((g) => g.effect === "Allow");
        const gained = a.filter((g) => g.effect === "Allow").filter((g) => !allowB.some((o) =>
            principalCovers(o.principal, g.principal) && covers(o.action, g.action) && (o.resource === "" || covers(o.resource, g.resource))
            && (o.condition === "[]" || o.condition === g.condition)));
        const denyA = a.filter((g) => g.effect === "Deny");
        const lostDeny = b.filter((g) => g.effect === "Deny").filter((o) => !denyA.some((g) =>
            principalCovers(g.principal, o.principal) && covers(g.action, o.action) && covers(g.resource || "*", o.resource || "*") && g.condition === o.condition));
        const parts: string[] = [];
        if (gained.length > 0) parts.push(`now allows ${gained.slice(0, 4).map(describeGrant).join("; ")}${gained.length > 4 ? `; and ${gained.length - 4} more` : ""}`);
        if (lostDeny.length > 0) parts.push(`no longer denies ${lostDeny.slice(0, 3).map(describeGrant).join("; ")}${lostDeny.length > 3 ? `; and ${lostDeny.length - 3} more` : ""}`);
        return parts.length > 0 ? parts.join("; ") : undefined;
    };
}

/**
 * Role chaining: a pod that obtains role A, whose policies allow sts:AssumeRole on role B, obtains B too when B's
 * trust policy names A (or A's whole account). Each chain adds B the doors of A, with the hop in `how`, up to three
 * hops. Only roles whose documents mention sts:AssumeRole, or whose ARN a trust policy names, are tried as a link,
 * so stacks without chaining pay nothing.
 */
import { Statement, coversAction } from "./iam";
import { Caller, decide } from "./iam-eval";
import type { Door } from "./path-doors";
import { podContext } from "./path-scenarios";

export interface ChainRole {
    urn: string;
    label: string;
    arn: string | undefined;
    doors: Door[];
    identity: readonly { statements?: readonly Statement[]; reason?: unknown; where: string }[];
    /** The role's trust statements, when known. */
    trust: readonly Statement[] | undefined;
}

const HOPS = 3;

const assumes = new WeakMap<readonly Statement[], boolean>();
function mentionsAssumeRole(statements: readonly Statement[]): boolean {
    let v = assumes.get(statements);
    if (v === undefined) assumes.set(statements, (v = statements.some((s) => s.effect === "Allow" && coversAction(s, "sts:AssumeRole"))));
    return v;
}

/** Adds to each role the doors of the roles that can assume it (mutates `roles[i].doors`). */
export function addChainedDoors(roles: readonly ChainRole[], account: string | undefined): void {
    // A role's own ARN in another's trust lets it in without a permission of its own (same account).
    const named = new Set<string>();
    for (const r of roles) for (const s of r.trust ?? []) for (const p of s.principal?.aws ?? []) named.add(p);
    const first = roles.filter((r) => (r.arn !== undefined && named.has(r.arn))
        || r.identity.some((src) => src.statements !== undefined && mentionsAssumeRole(src.statements)));
    if (first.length === 0) return;
    for (let hop = 0; hop < HOPS; hop++) {
        let added = false;
        for (const a of first) {
            if (a.doors.length === 0 || a.arn === undefined) continue;
            const caller: Caller = { kind: "aws", account, arn: a.arn };
            for (const b of roles) {
                if (b === a || b.arn === undefined || !b.trust) continue;
                // B's trust must name A or A's account, and A's policies must allow sts:AssumeRole on B.
                const trusted = decide({ action: "sts:AssumeRole", resource: { arn: b.arn }, caller, context: podContext(account, a.arn, false) },
                    { identity: a.identity as never, resource: [{ where: b.label, statements: b.trust }], resourceAccount: account });
                if (trusted.result !== "allowed") continue;
                for (const d of a.doors) {
                    const how = `${d.how} -> ${a.label} -> sts:AssumeRole`;
                    if (b.doors.some((x) => x.from === d.from && x.how === how)) continue;
                    b.doors.push({ ...d, how });
                    added = true;
                }
            }
        }
        if (!added) break;
    }
}

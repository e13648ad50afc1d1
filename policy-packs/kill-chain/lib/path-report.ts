/**
 * Turning a path-model answer into a stack policy's verdict: every path found is a violation naming it; what could
 * not be decided defers (the values it needs are unknown in this preview: the policy decides in `pulumi up`) or,
 * when it rests on a policy the stack does not show, fails closed with the reason.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { StackCheck } from "./policy";
import type { Answer } from "./path-questions";

/** Records `path` of resource `urn` as unknown: the policy then defers on it unless it found a violation there. */
export function deferOn(c: StackCheck, urn: string, path: string): void {
    const r = c.args.resources.find((x) => x.urn === urn);
    if (r) c.reads(r).unknownPaths.push(path);
}

export function reportAnswer(c: StackCheck, answer: Answer, fix: string): void {
    const byUrn = new Map<string, PolicyResource>(c.args.resources.map((r) => [r.urn, r]));
    const said = new Set<string>();
    const say = (urn: string, message: string) => {
        if (said.has(`${urn}\0${message}`)) return;
        said.add(`${urn}\0${message}`);
        c.report(byUrn.get(urn), message);
    };
    for (const f of answer.findings) say(f.urn, `${f.path}. ${f.fix ?? fix}`);
    for (const u of answer.undecided) {
        const blocking = u.reasons.filter((r) => r.opaque);
        const deferrable = u.reasons.filter((r) => !r.opaque && r.urn !== undefined && byUrn.has(r.urn));
        if (blocking.length === 0 && deferrable.length > 0) {
            for (const r of deferrable) c.reads(byUrn.get(r.urn!)!).unknownPaths.push(r.path);
            continue;
        }
        const why = blocking.length > 0 ? blocking.map((r) => r.path).join("; ") : u.reasons.map((r) => r.path).join("; ") || "the stack does not say";
        say(u.urn, `cannot prove ${u.what}: ${why}; a mandatory check fails closed. ${fix}`);
    }
}

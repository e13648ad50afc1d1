/**
 * What makes a review block, after the team's own decisions: exemptions accept named policy findings (they are
 * moved out of the verdicts and listed with their reason in every format), and `--fail-on` chooses which findings
 * count. A preview that reported an error always blocks: its steps may be incomplete.
 */
import { applyExemptions } from "../report/exemptions";
import type { Exemption } from "../report/exemptions";
import type { FailOn } from "../report/fail-on";
import { violationFails } from "../report/fail-on";
import type { JUnitCase } from "../report/junit";
import type { Review, Verdict } from "./review";

export interface ReviewGate {
    failOn: FailOn;
    exempted: { verdict: Verdict; exemption: Exemption }[];
    unusedExemptions: Exemption[];
}

/** Pure: the review with the exemptions applied to its violations and `blocking` decided by `failOn`. */
export function gateReview(review: Review, exemptions: readonly Exemption[], failOn: FailOn): Review {
    const mandatory = applyExemptions(review.mandatory, exemptions);
    const advisory = applyExemptions(review.advisory, exemptions);
    const used = new Set([...mandatory.exempted, ...advisory.exempted].map((x) => x.exemption));
    const gated: Review = {
        ...review,
        mandatory: mandatory.kept,
        advisory: advisory.kept,
        gate: {
            failOn,
            exempted: [...mandatory.exempted, ...advisory.exempted].map((x) => ({ verdict: x.finding, exemption: x.exemption })),
            unusedExemptions: exemptions.filter((e) => !used.has(e)),
        },
    };
    gated.blocking = review.errors.length > 0
        || [...gated.mandatory, ...gated.advisory].some((v) => violationFails(failOn, v))
        || (failOn.weakening && gated.weakenings.length > 0)
        || (failOn.deletion && gated.removals.some((x) => x.op === "delete"));
    return gated;
}

/** JUnit cases of a review: a failure per finding that blocks, a skip per exempted or non-blocking violation. */
export function reviewJUnitCases(r: Review): JUnitCase[] {
    const failOn = r.gate?.failOn;
    const cases: JUnitCase[] = [];
    for (const v of [...r.mandatory, ...r.advisory]) {
        const fails = failOn ? violationFails(failOn, v) : v.enforcementLevel === "mandatory";
        cases.push(fails
            ? { suite: v.policyPack, classname: v.policy, name: v.urn, failure: { type: v.enforcementLevel, message: v.message } }
            : { suite: v.policyPack, classname: v.policy, name: v.urn, skipped: `${v.enforcementLevel}: ${v.message}` });
    }
    for (const x of r.gate?.exempted ?? []) {
        cases.push({ suite: x.verdict.policyPack, classname: x.verdict.policy, name: x.verdict.urn, skipped: `exempted until ${x.exemption.expires}: ${x.exemption.reason}` });
    }
    const judged = new Set(cases.map((c) => `${c.suite}/${c.classname}`));
    for (const pack of r.packs) for (const p of pack.policies) if (!judged.has(`${pack.name}/${p.name}`)) cases.push({ suite: pack.name, classname: p.name, name: "stack" });
    for (const w of r.weakenings) {
        cases.push({ suite: "hardened-stack review", classname: "control-weakened", name: `${w.urn} ${w.path}`,
            ...(failOn?.weakening ?? true ? { failure: { type: "weakening", message: w.why } } : { skipped: w.why }) });
    }
    for (const x of r.removals) {
        const blocks = x.op === "delete" && (failOn?.deletion ?? true);
        cases.push({ suite: "hardened-stack review", classname: `security-resource-${x.op === "delete" ? "deleted" : "replaced"}`, name: x.urn,
            ...(blocks ? { failure: { type: x.op, message: x.why } } : { skipped: x.why }) });
    }
    for (const e of r.errors) cases.push({ suite: "hardened-stack review", classname: "preview-error", name: e.urn ?? "preview", failure: { type: "error", message: e.message } });
    return cases;
}

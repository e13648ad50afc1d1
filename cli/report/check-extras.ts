/**
 * What `check` adds on top of the packs' verdicts, in the same shape for every format: exemptions applied to the
 * violations, the JUnit cases, and the lines that show exempted findings in the text formats.
 */
import type { AnalysisResult, Diagnostic } from "../../engine/analyzer";
import { printable } from "../terminal";
import { applyExemptions, Applied, Exemption } from "./exemptions";
import type { JUnitCase } from "./junit";

export type ExemptedCheck = Applied<Diagnostic & { urn: string }>;

/** The violations split by the exemptions (deferrals and differences are never exempted). */
export function exemptViolations(analysis: AnalysisResult, exemptions: readonly Exemption[]): { analysis: AnalysisResult; applied: ExemptedCheck } {
    const applied = applyExemptions(analysis.violations, exemptions);
    return { analysis: { ...analysis, violations: applied.kept }, applied };
}

/** Lines for text, markdown and report: every exempted finding with its reason and expiry, and unused entries. */
export function exemptionLines(applied: ExemptedCheck | undefined, markdown: boolean): string[] {
    if (!applied || (applied.exempted.length === 0 && applied.unused.length === 0)) return [];
    const bullet = markdown ? "- " : "    ";
    const lines = ["", markdown ? `### Exempted (${applied.exempted.length})` : `Exempted (${applied.exempted.length}), not counted:`];
    for (const { finding, exemption } of applied.exempted) {
        lines.push(`${bullet}${printable(finding.policy)} on ${printable(finding.urn)}: until ${exemption.expires}, ${printable(exemption.reason)} (${printable(exemption.where)})`);
    }
    for (const e of applied.unused) lines.push(`${bullet}unused: ${printable(e.where)} (${printable(e.policy)} on ${printable(e.resource)}) matched nothing; remove it`);
    const mandatory = applied.exempted.filter((x) => x.finding.enforcementLevel === "mandatory").length;
    if (mandatory > 0) {
        lines.push(`${bullet}${mandatory} of them mandatory: \`pulumi preview --policy-pack\` does not read exemptions and would still fail on `
            + `${mandatory === 1 ? "it" : "them"}, so check does too (exit 1); to accept one for real, lower that policy's level in the pack's config `
            + "(--policy-pack-config) and keep the exemption as the record of why");
    }
    return lines;
}

/** JUnit cases: a failure per violation, a skip per exemption or deferral, a pass per policy with neither. */
export function checkJUnitCases(analysis: AnalysisResult, applied?: ExemptedCheck): JUnitCase[] {
    const cases: JUnitCase[] = [];
    for (const pack of analysis.packs) {
        for (const p of pack.policies) {
            const mine = (d: { policyPack: string; policy: string }) => d.policyPack === pack.name && d.policy === p.name;
            const violations = analysis.violations.filter(mine);
            const exempted = (applied?.exempted ?? []).filter((x) => mine(x.finding));
            const deferred = analysis.deferred.filter(mine);
            for (const v of violations) cases.push({ suite: pack.name, classname: p.name, name: v.urn || "stack", failure: { type: v.enforcementLevel, message: v.message } });
            for (const x of exempted) cases.push({ suite: pack.name, classname: p.name, name: x.finding.urn, skipped: `exempted until ${x.exemption.expires}: ${x.exemption.reason}` });
            for (const d of deferred) cases.push({ suite: pack.name, classname: p.name, name: d.urn || "stack", skipped: "deferred: needs values known only after create (decided in pulumi up)" });
            if (violations.length + exempted.length + deferred.length === 0) cases.push({ suite: pack.name, classname: p.name, name: "stack" });
        }
    }
    return cases;
}

/** The review for a terminal, and as JSON for machines. */
import { blockingReasons } from "./review";
import type { Review, Verdict } from "./review";
import { shortUrn, showValue } from "./show";
import { printable } from "../terminal";

function verdictLines(v: Verdict): string[] {
    return [`  [${v.enforcementLevel}] ${v.policyPack}/${v.policy}  (${shortUrn(v.urn)})`, ...v.message.split("\n").map((l) => `      ${l}`)];
}

export function renderText(r: Review): string {
    const lines: string[] = [];
    const counts = Object.entries(r.counts).map(([op, n]) => `${op} ${n}`).join(", ");
    lines.push(`${r.project}/${r.stack}: review of ${r.file} (${counts || "no steps"})`);
    lines.push(r.packs.length > 0 ? `policies: ${r.packs.map((p) => `${p.name}@${p.version} (${p.policies.length})`).join(", ")}${r.eventLog ? `; event log ${r.eventLog}` : ""}${r.decidedByEventLog ? " (the preview ran these packs: their verdicts are the log's, not re-run)" : ""}` : "policies: none run");
    for (const e of r.errors) lines.push(`! the preview reported an error: ${e.message.split("\n")[0]}`);
    const section = (title: string, body: string[]) => {
        if (body.length === 0) return;
        lines.push("", title, ...body);
    };
    section(`✗ Mandatory policy violations (${r.mandatory.length})`, r.mandatory.flatMap(verdictLines));
    section(`✗ Changes that weaken a control (${r.weakenings.length})`, r.weakenings.flatMap((w) => [
        `  ${shortUrn(w.urn)}  ${w.path}: ${showValue(w.before)} → ${showValue(w.after)}`, `      ${w.why} (${w.control}; kill chain: ${w.step})`]));
    section(`✗ Security resources deleted or replaced (${r.removals.length})`, r.removals.map((x) => `  ${x.op === "delete" ? "deleted " : "replaced"}  ${shortUrn(x.urn)}: ${x.why}`));
    section(`? Security-relevant values known only after apply or secret (${r.unverified.length})`,
        r.unverified.map((w) => `  ${shortUrn(w.urn)}  ${w.path}: ${showValue(w.before)} → ${showValue(w.after)}${w.secret ? "  (secret: not compared here)" : ""}`));
    section(`! Advisory policy violations (${r.advisory.length})`, r.advisory.flatMap(verdictLines));
    section(`~ Exempted, not counted (${r.gate?.exempted.length ?? 0})`, [
        ...(r.gate?.exempted ?? []).map((x) => `  ${x.verdict.policy}  ${shortUrn(x.verdict.urn)}: until ${x.exemption.expires}, ${x.exemption.reason} (${x.exemption.where})`),
        ...(r.gate?.unusedExemptions ?? []).map((e) => `  unused: ${e.where} (${e.policy} on ${e.resource}) matched nothing; remove it`),
    ]);
    section(`? Cannot judge offline: secret (${r.secret.length})`, r.secret.map((v) => `  ${v.policyPack}/${v.policy} (${shortUrn(v.urn)}): ${v.message}`));
    section(`… Deferred to \`pulumi up\` (${r.deferred.length})`, r.deferred.map((v) => `  ${v.policy} (${shortUrn(v.urn)}): ${v.message.split("\n")[0]}`));
    if (r.unchanged.length > 0) lines.push("", `  ${r.unchanged.length} violation(s) on resources this change leaves as they are (not counted).`);
    section(`Other changes (${r.others.length})`, r.others.map((o) => `  ${o.op.padEnd(8)} ${shortUrn(o.urn)}${o.properties.length ? `  [${o.properties.join(", ")}]` : ""}`));
    lines.push("", r.blocking ? `BLOCKING: ${blockingReasons(r).join("; ")}.` : "OK: nothing blocking.");
    // Each entry is one line of the report: whatever the preview or a pack put in it (a newline, an escape sequence)
    // is made printable here, so it can neither forge a line nor drive the terminal.
    return lines.map(printable).join("\n");
}

export function reviewJson(r: Review): Record<string, unknown> {
    const verdict = (v: Verdict) => ({
        policyPack: v.policyPack, policy: v.policy, enforcementLevel: v.enforcementLevel, severity: v.severity, killChainStep: v.step,
        urn: v.urn, op: v.op, message: v.message, source: v.source, ...(v.sourcePosition ? { sourcePosition: v.sourcePosition } : {}),
    });
    return {
        project: r.project, stack: r.stack, file: r.file, ...(r.eventLog ? { eventLog: r.eventLog } : {}),
        blocking: r.blocking, exitCode: r.blocking ? 1 : 0, counts: r.counts, verdictsFrom: r.decidedByEventLog ? "event log" : "packs",
        packs: r.packs.map((p) => ({ name: p.name, version: p.version, policies: p.policies.length })),
        mandatoryViolations: r.mandatory.map(verdict),
        ...(r.gate ? {
            exempted: r.gate.exempted.map((x) => ({ ...verdict(x.verdict), reason: x.exemption.reason, expires: x.exemption.expires, exemption: x.exemption.where })),
            unusedExemptions: r.gate.unusedExemptions.map((e) => e.where),
        } : {}),
        controlWeakenings: r.weakenings.map((w) => ({ urn: w.urn, type: w.type, op: w.op, property: w.path, control: w.control, killChainStep: w.step,
            before: showValue(w.before, 2000), after: showValue(w.after, 2000), why: w.why })),
        securityResourceRemovals: r.removals.map((x) => ({ urn: x.urn, type: x.type, op: x.op, killChainStep: x.step, why: x.why, replaceReasons: x.replaceReasons })),
        knownAfterApply: r.unverified.map((w) => ({ urn: w.urn, type: w.type, property: w.path, control: w.control, before: showValue(w.before, 2000), after: showValue(w.after, 2000),
            ...(w.secret ? { secret: true } : {}) })),
        advisoryViolations: r.advisory.map(verdict),
        deferred: r.deferred.map(verdict),
        cannotJudgeSecret: r.secret.map(verdict),
        unchangedResourceViolations: r.unchanged.map(verdict),
        otherChanges: r.others,
        blockingReasons: blockingReasons(r),
        previewErrors: r.errors.map((e) => e.message),
    };
}

/**
 * `hardened-stack policies` lists what the packs enforce; `hardened-stack explain <policy>` says what one policy
 * guarantees, why (the kill-chain step), how to fix a violation, its config and its references. Both read the packs'
 * own metadata over the analyzer protocol (GetAnalyzerInfo), as `pulumi policy` shows it, so any pack works.
 */
import type { PackInfo, PolicyInfo } from "../../engine/analyzer";
import { parseArgs, UsageError } from "../args";
import { nearestNames, packsOf } from "../packs";
import { STEP_TITLES, policyReferences, policyStep } from "../present/steps";
import { printable } from "../terminal";
import { packMetadata } from "../review/review";
import { usageOf } from "../../bin/help.js";

/** The step a policy closes ("other" without a kill-chain tag). */
export const stepOf = (p: PolicyInfo): string => policyStep(p);

function packsInfo(dirs: readonly string[]): Promise<PackInfo[]> {
    return packMetadata(dirs, { project: "hardened-stack", stack: "dev", config: {} }).then((r) => r.packs);
}

/** Pure: the policy list as aligned columns. */
export function policiesText(packs: readonly PackInfo[]): string {
    const rows = [["POLICY", "PACK", "STEP", "SEVERITY", "LEVEL", "KIND"]];
    for (const pack of packs) {
        for (const p of pack.policies) rows.push([p.name, pack.name, stepOf(p), p.severity || "-", p.enforcementLevel, p.policyType]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    const lines = rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd());
    const total = packs.reduce((n, p) => n + p.policies.length, 0);
    return `${lines.map(printable).join("\n")}\n\n${total} ${total === 1 ? "policy" : "policies"} in ${packs.length} ${packs.length === 1 ? "pack" : "packs"}; \`hardened-stack explain <policy>\` for one of them`;
}

export function policiesJson(packs: readonly PackInfo[]): object {
    return packs.map((pack) => ({ pack: pack.name, version: pack.version, policies: pack.policies.map((p) => ({ ...p, step: stepOf(p) })) }));
}

/** Pure: everything a reader needs about one policy. */
export function explainText(pack: PackInfo, p: PolicyInfo): string {
    const step = stepOf(p);
    const config = p.configSchema?.properties && Object.keys(p.configSchema.properties).length > 0
        ? Object.entries(p.configSchema.properties).map(([k, v]) => {
            const s = v as { type?: unknown; default?: unknown; description?: unknown };
            return `  ${k}${s.type ? ` (${JSON.stringify(s.type)})` : ""}${s.default !== undefined ? `, default ${JSON.stringify(s.default)}` : ""}${typeof s.description === "string" ? `: ${s.description}` : ""}`;
        }).join("\n")
        : "  none";
    const refs = policyReferences(p);
    const lines = [
        `${p.name}  (${pack.name} ${pack.version})`,
        `Level: ${p.enforcementLevel} · Severity: ${p.severity || "unset"} · Kind: ${p.policyType} policy`,
        "",
        "Guarantees:",
        `  ${p.description.replace(/\s*\[kill chain: [a-z0-9]+\]$/, "")}`,
        "",
        "Why:",
        `  ${STEP_TITLES[step] ? `kill-chain step "${step}": ${STEP_TITLES[step]}` : "not tied to a kill-chain step"}`
            + (p.framework ? `; ${p.framework.name} ${p.framework.version} ${p.framework.reference}`.trimEnd() : ""),
        "",
        "Fix:",
        `  ${p.remediationSteps || "(the pack gives no remediation steps)"}`,
        "",
        "Config (--policy-pack-config):",
        config,
        ...(refs.length ? ["", "References:", `  ${refs.join(", ")}`] : []),
        ...(p.url ? ["", `Documentation: ${p.url}`] : []),
    ];
    return lines.map(printable).join("\n");
}

/** The policy by name across the packs, or a one-line usage error naming the nearest names. */
export function findPolicy(packs: readonly PackInfo[], name: string): { pack: PackInfo; policy: PolicyInfo } {
    for (const pack of packs) {
        const policy = pack.policies.find((p) => p.name === name);
        if (policy) return { pack, policy };
    }
    const near = nearestNames(name, packs.flatMap((p) => p.policies.map((x) => x.name)));
    throw new UsageError(`explain: no policy ${JSON.stringify(printable(name))} in ${packs.map((p) => p.name).join(", ")}`
        + (near.length ? `; did you mean ${near.join(", ")}?` : "; `hardened-stack policies` lists them"));
}

export async function policiesCommand(argv: string[], out: (s: string) => void): Promise<number> {
    const a = parseArgs("policies", argv, { repeatable: ["policy-pack"], booleans: ["json"] });
    const packs = await packsInfo(packsOf(a.lists["policy-pack"] ?? []));
    out(a.flags.has("json") ? JSON.stringify(policiesJson(packs), null, 2) : policiesText(packs));
    return 0;
}

export async function explainCommand(argv: string[], out: (s: string) => void): Promise<number> {
    const a = parseArgs("explain", argv, { repeatable: ["policy-pack"], booleans: ["json"], positionals: 1 });
    const name = a.positionals[0];
    if (!name) throw new UsageError(`explain: which policy? ${usageOf("explain")}`);
    const { pack, policy } = findPolicy(await packsInfo(packsOf(a.lists["policy-pack"] ?? [])), name);
    out(a.flags.has("json") ? JSON.stringify({ pack: pack.name, version: pack.version, ...policy, step: stepOf(policy) }, null, 2) : explainText(pack, policy));
    return 0;
}

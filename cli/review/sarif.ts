/**
 * The review as SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif): one rule per policy with its
 * metadata, one per kind of catalogue finding; each result names the resource URN as a logical location and the
 * program line that declared it (newState.sourcePosition) as a physical one.
 */
import { createHash } from "node:crypto";
import type { PolicyInfo } from "../../engine/analyzer";
import type { RemovalFinding, Review, Verdict, WeakeningFinding } from "./review";
import { parseSourcePosition, shortUrn, showValue } from "./show";

export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** GitHub ranks code-scanning alerts by `security-severity` (0-10). */
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

interface Rule {
    id: string;
    name: string;
    shortDescription: { text: string };
    fullDescription?: { text: string };
    helpUri?: string;
    help?: { text: string; markdown?: string };
    defaultConfiguration: { level: "error" | "warning" | "note" };
    properties: Record<string, unknown>;
}

const CATALOG_RULES: Rule[] = [
    {
        id: "hardened-stack/control-weakened", name: "ControlWeakened",
        shortDescription: { text: "A change weakens a security control (catalogue of security-relevant properties)." },
        fullDescription: { text: "The update moves a security-relevant property the wrong way (an endpoint becomes public, a CIDR list widens, a policy document gains actions, resources or principals, a protective flag is turned off), whether or not a policy fails." },
        help: { text: "Revert the property or explain in the pull request why the weaker setting is needed; the catalogue is policy-packs/kill-chain/catalog/security-properties.ts." },
        defaultConfiguration: { level: "error" }, properties: { tags: ["security", "hardened-stack"], "security-severity": "8.0" },
    },
    {
        id: "hardened-stack/security-resource-deleted", name: "SecurityResourceDeleted",
        shortDescription: { text: "A security resource (flow log, public access block, NetworkPolicy, ...) is deleted." },
        help: { text: "Keep the resource, or replace the control it carried in the same change." },
        defaultConfiguration: { level: "error" }, properties: { tags: ["security", "hardened-stack"], "security-severity": "8.0" },
    },
    {
        id: "hardened-stack/security-resource-replaced", name: "SecurityResourceReplaced",
        shortDescription: { text: "A security resource is replaced; the control is absent while it is recreated." },
        help: { text: "Check the replace reasons; prefer create-before-delete so the control never lapses." },
        defaultConfiguration: { level: "warning" }, properties: { tags: ["security", "hardened-stack"], "security-severity": "5.5" },
    },
    {
        id: "hardened-stack/preview-error", name: "PreviewError",
        shortDescription: { text: "The preview reported an error, so its steps may not be the whole change." },
        help: { text: "Fix the error the preview reports and run it again; the review cannot clear a change it has not seen whole." },
        defaultConfiguration: { level: "error" }, properties: { tags: ["security", "hardened-stack"] },
    },
    {
        id: "hardened-stack/known-after-apply", name: "SecurityValueKnownAfterApply",
        shortDescription: { text: "A security-relevant property changes to a value only known after apply." },
        help: { text: "Check where the value comes from; the policy packs judge it again during `pulumi up`." },
        defaultConfiguration: { level: "note" }, properties: { tags: ["security", "hardened-stack"] },
    },
];

function isAbsoluteUri(s: string): boolean {
    return /^https?:\/\/[^\s]+$/.test(s);
}

function policyRule(pack: string, p: PolicyInfo): Rule {
    return {
        id: `${pack}/${p.name}`, name: p.name,
        shortDescription: { text: p.description || p.name },
        fullDescription: { text: p.description || p.name },
        ...(isAbsoluteUri(p.url) ? { helpUri: p.url } : {}),
        ...(p.remediationSteps ? { help: { text: p.remediationSteps } } : {}),
        defaultConfiguration: { level: p.enforcementLevel === "mandatory" ? "error" : p.enforcementLevel === "disabled" ? "note" : "warning" },
        properties: {
            tags: [...new Set(["security", ...p.tags])],
            enforcementLevel: p.enforcementLevel,
            ...(p.severity ? { severity: p.severity } : {}),
            ...(SECURITY_SEVERITY[p.severity] ? { "security-severity": SECURITY_SEVERITY[p.severity] } : {}),
            ...(p.framework ? { framework: p.framework } : {}),
        },
    };
}

export interface SarifOptions {
    /** Prefix for program paths (the Pulumi project's folder inside the repository). @default - "" (the repository root) */
    sourceRoot?: string;
    /** @default "0.1.0" */
    toolVersion?: string;
}

export function renderSarif(r: Review, o: SarifOptions = {}): Record<string, unknown> {
    const rules: Rule[] = [];
    const index = new Map<string, number>();
    const addRule = (rule: Rule) => {
        if (!index.has(rule.id)) { index.set(rule.id, rules.length); rules.push(rule); }
        return index.get(rule.id)!;
    };
    for (const pack of r.packs) for (const p of pack.policies) addRule(policyRule(pack.name, p));
    const root = o.sourceRoot ? `${o.sourceRoot.replace(/\/+$/, "")}/` : "";

    const location = (urn: string, sourcePosition: string | undefined) => {
        const pos = parseSourcePosition(sourcePosition);
        return {
            physicalLocation: {
                // Without a position the finding is pinned to the project file, so code scanning still accepts it.
                artifactLocation: { uri: encodeURI(`${root}${pos?.path ?? "Pulumi.yaml"}`), uriBaseId: "%SRCROOT%" },
                region: { startLine: pos?.line ?? 1, startColumn: pos?.column ?? 1 },
            },
            logicalLocations: [{ name: shortUrn(urn), fullyQualifiedName: urn, kind: "resource" }],
        };
    };
    const fingerprint = (...parts: string[]) => ({ "hardenedStackFinding/v1": createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32) });

    const results: Record<string, unknown>[] = [];
    const verdictResult = (v: Verdict, level: "error" | "warning" | "note", suppression?: { justification: string }) => {
        const id = `${v.policyPack}/${v.policy}`;
        const ruleIndex = index.get(id) ?? addRule({
            // A verdict from the event log for a pack the review did not run: its metadata is not known here.
            id, name: v.policy, shortDescription: { text: v.policy }, defaultConfiguration: { level },
            properties: { tags: ["security", "from-event-log"] },
        });
        results.push({
            ruleId: id, ruleIndex, level,
            message: { text: `${v.message || v.policy} (${shortUrn(v.urn)}, ${v.enforcementLevel})` },
            locations: [location(v.urn, v.sourcePosition)],
            partialFingerprints: fingerprint(id, v.urn),
            properties: { enforcementLevel: v.enforcementLevel, source: v.source, killChainStep: v.step, urn: v.urn },
            // An exempted finding stays a result, marked as accepted, so code scanning shows it as suppressed with why.
            ...(suppression ? { suppressions: [{ kind: "external", status: "accepted", justification: suppression.justification }] } : {}),
        });
    };
    for (const v of r.mandatory) verdictResult(v, "error");
    for (const v of r.advisory) verdictResult(v, "warning");
    for (const v of r.deferred) verdictResult(v, "note");
    for (const v of r.secret) verdictResult(v, "note");
    for (const x of r.gate?.exempted ?? []) {
        verdictResult(x.verdict, x.verdict.enforcementLevel === "mandatory" ? "error" : "warning",
            { justification: `${x.exemption.reason} (until ${x.exemption.expires}; ${x.exemption.where})` });
    }
    const weakening = (w: WeakeningFinding, ruleId: string, level: "error" | "note") => {
        results.push({
            ruleId, ruleIndex: addRule(CATALOG_RULES.find((x) => x.id === ruleId)!), level,
            message: { text: `${w.title} ${shortUrn(w.urn)}: ${w.path} ${showValue(w.before)} → ${showValue(w.after)}: ${w.why} (${w.control})` },
            locations: [location(w.urn, w.sourcePosition)],
            partialFingerprints: fingerprint(ruleId, w.urn, w.path),
            properties: { killChainStep: w.step, property: w.path, control: w.control, urn: w.urn },
        });
    };
    for (const w of r.weakenings) weakening(w, "hardened-stack/control-weakened", "error");
    for (const w of r.unverified) weakening(w, "hardened-stack/known-after-apply", "note");
    for (const x of r.removals as RemovalFinding[]) {
        const ruleId = x.op === "delete" ? "hardened-stack/security-resource-deleted" : "hardened-stack/security-resource-replaced";
        results.push({
            ruleId, ruleIndex: addRule(CATALOG_RULES.find((c) => c.id === ruleId)!), level: x.op === "delete" ? "error" : "warning",
            message: { text: `${x.title} ${shortUrn(x.urn)} is ${x.op === "delete" ? "deleted" : "replaced"}: ${x.why}` },
            locations: [location(x.urn, x.sourcePosition)],
            partialFingerprints: fingerprint(ruleId, x.urn),
            properties: { killChainStep: x.step, urn: x.urn, replaceReasons: x.replaceReasons },
        });
    }
    for (const e of r.errors) {
        const ruleId = "hardened-stack/preview-error";
        results.push({
            ruleId, ruleIndex: addRule(CATALOG_RULES.find((c) => c.id === ruleId)!), level: "error",
            message: { text: `The preview reported an error: ${e.message.trim() || "(no message)"}` },
            locations: [location(e.urn ?? `urn:pulumi:${r.stack}::${r.project}::pulumi:pulumi:Stack::${r.project}-${r.stack}`, undefined)],
            partialFingerprints: fingerprint(ruleId, e.urn ?? "", e.message),
        });
    }
    return {
        $schema: SARIF_SCHEMA_URI,
        version: "2.1.0",
        runs: [{
            tool: { driver: { name: "hardened-stack review", version: o.toolVersion ?? "0.1.0", informationUri: "https://www.pulumi.com/docs/using-pulumi/crossguard/", rules } },
            automationDetails: { id: `hardened-stack-review/${r.project}/${r.stack}/` },
            originalUriBaseIds: { "%SRCROOT%": { description: { text: "The repository root (the Pulumi project is under sourceRoot)." } } },
            results,
            properties: { project: r.project, stack: r.stack, blocking: r.blocking, counts: r.counts },
        }],
    };
}

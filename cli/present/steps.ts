/** Kill-chain steps and the parts of a diagnostic every report shows; shared by check, the overview and review. */
import type { Diagnostic, PackInfo, PolicyInfo } from "../../engine/analyzer";
import { KILL_CHAIN_STEPS, KILL_CHAIN_TITLES, referencesOfTags, stepTagOf } from "../../policy-packs/kill-chain/lib/steps";

export const STEPS: readonly string[] = KILL_CHAIN_STEPS;
/** Titles per step; "other" holds policies of third-party packs without a kill-chain tag. */
export const STEP_TITLES: Record<string, string> = { ...KILL_CHAIN_TITLES, other: "Other policies" };

/** The violation's own text: the engine sends `<policy description>\n<message>`. */
export function ownMessage(d: Diagnostic): string {
    return d.description && d.message.startsWith(`${d.description}\n`) ? d.message.slice(d.description.length + 1).trim() : d.message.trim();
}

/** The step a policy closes, from its `kill-chain:<step>` tag; "other" for a policy without one (another pack's). */
export function policyStep(p: Pick<PolicyInfo, "tags"> | undefined): string {
    return stepTagOf(p?.tags) ?? "other";
}

/** A policy's tags besides its step: the references (CIS, Checkov, EKS best practices...). */
export function policyReferences(p: Pick<PolicyInfo, "tags">): string[] {
    return referencesOfTags(p.tags);
}

/** The step a policy of a pack closes. */
export function stepOf(pack: PackInfo | undefined, policy: string): string {
    return policyStep(pack?.policies.find((p) => p.name === policy));
}

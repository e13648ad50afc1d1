/** Kill-chain steps and the parts of a diagnostic every report shows; shared by check, the overview and review. */
import type { Diagnostic, PackInfo } from "../../engine/analyzer";
import { KILL_CHAIN_STEPS, KILL_CHAIN_TITLES } from "../../policy-packs/kill-chain/lib/steps";

export const STEPS: readonly string[] = KILL_CHAIN_STEPS;
/** Titles per step; "other" holds policies of third-party packs without a kill-chain tag. */
export const STEP_TITLES: Record<string, string> = { ...KILL_CHAIN_TITLES, other: "Other policies" };

/** The violation's own text: the engine sends `<policy description>\n<message>`. */
export function ownMessage(d: Diagnostic): string {
    return d.description && d.message.startsWith(`${d.description}\n`) ? d.message.slice(d.description.length + 1).trim() : d.message.trim();
}

/** The step a policy closes, from its `kill-chain:<step>` tag. */
export function stepOf(pack: PackInfo | undefined, policy: string): string {
    const tag = pack?.policies.find((p) => p.name === policy)?.tags.find((t) => t.startsWith("kill-chain:"));
    return tag ? tag.slice("kill-chain:".length) : "other";
}

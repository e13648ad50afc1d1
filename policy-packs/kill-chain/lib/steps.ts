/**
 * The steps of the 2018 Tesla kill chain, in order, with their titles. No imports: the CLI reads these without
 * loading the policy SDK (and with it the Pulumi SDK).
 */

/** The step of the 2018 Tesla kill chain a policy closes. */
export type KillChainStep = "console" | "creds" | "s3" | "mining" | "evasion";
export const KILL_CHAIN_STEPS: readonly KillChainStep[] = ["console", "creds", "s3", "mining", "evasion"];

export const KILL_CHAIN_TITLES: Record<KillChainStep, string> = {
    console: "Open admin console / public API",
    creds: "AWS credentials taken from the cluster",
    s3: "Telemetry buckets readable",
    mining: "Miners run and reach their pool",
    evasion: "Nobody notices",
};

/** A policy's tags carry its step as `kill-chain:<step>`, then its references (CIS, Checkov, EKS best practices...). */
const STEP_TAG = "kill-chain:";

/** The tags of a policy closing `step` with these references. */
export function stepTags(step: KillChainStep, references: readonly string[]): string[] {
    return [`${STEP_TAG}${step}`, ...references];
}

/** The step a policy's tags name (`kill-chain:<step>`), as written: another pack may name steps of its own. */
export function stepTagOf(tags: readonly string[] | undefined): string | undefined {
    return tags?.find((t) => t.startsWith(STEP_TAG))?.slice(STEP_TAG.length);
}

/** The step named by a policy's tags, when it is one of the kill chain's; undefined otherwise. */
export function stepOfTags(tags: readonly string[] | undefined): KillChainStep | undefined {
    const step = stepTagOf(tags);
    return (KILL_CHAIN_STEPS as readonly string[]).includes(step ?? "") ? (step as KillChainStep) : undefined;
}

/** A policy's tags besides its step: the references. */
export function referencesOfTags(tags: readonly string[] | undefined): string[] {
    return (tags ?? []).filter((t) => !t.startsWith(STEP_TAG));
}

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

/**
 * GuardDuty finding types that map to steps of the 2018 Tesla kill chain, grouped by family. Finding type names come
 * from the GuardDuty finding-type reference (EKS audit log, Runtime Monitoring, EC2 and IAM pages).
 * Each filter is an EventBridge string matcher: an exact value, `{ prefix }` or `{ suffix }`.
 */
export type FindingTypeFilter = string | { prefix: string } | { suffix: string };

export interface FindingFamily {
    /** Which kill-chain step the family detects. */
    killChainStep: string;
    filters: FindingTypeFilter[];
}

export const KILL_CHAIN_FINDING_FAMILIES: Readonly<Record<string, FindingFamily>> = {
    cryptoMining: {
        killChainStep: "a miner runs on a node or in a pod",
        filters: [
            // CryptoCurrency:EC2/BitcoinTool.B, ...B!DNS, CryptoCurrency:Runtime/BitcoinTool.B and whatever is added later.
            { prefix: "CryptoCurrency:" },
            "Impact:Runtime/CryptoMinerExecuted",
            "Impact:Runtime/BitcoinDomainRequest.Reputation",
            "Impact:EC2/BitcoinDomainRequest.Reputation",
        ],
    },
    credentialExfiltration: {
        killChainStep: "node or pod credentials are used from somewhere else",
        // ...InstanceCredentialExfiltration.OutsideAWS and .InsideAWS.
        filters: [{ prefix: "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration" }],
    },
    exposedDashboard: {
        killChainStep: "an admin console is reachable from the internet",
        filters: ["Policy:Kubernetes/ExposedDashboard"],
    },
    anonymousAccess: {
        killChainStep: "the API server answers anonymous requests",
        filters: [
            "Policy:Kubernetes/AnonymousAccessGranted",
            // Discovery:, Execution:, Impact:, Persistence:, PrivilegeEscalation: ...Kubernetes/SuccessfulAnonymousAccess.
            { suffix: ":Kubernetes/SuccessfulAnonymousAccess" },
        ],
    },
};

/** Every filter of every family, in a stable order. */
export function killChainFindingFilters(): FindingTypeFilter[] {
    return Object.values(KILL_CHAIN_FINDING_FAMILIES).flatMap((f) => f.filters);
}

/** EventBridge pattern for GuardDuty findings of the given types (default bus, findings in this region). */
export function guardDutyFindingPattern(filters: FindingTypeFilter[] = killChainFindingFilters()): Record<string, unknown> {
    return {
        source: ["aws.guardduty"],
        "detail-type": ["GuardDuty Finding"],
        detail: { type: filters },
    };
}

/** Whether an EventBridge string filter list matches `value` (exact, prefix, suffix): used by tests and checks. */
export function filtersMatch(filters: FindingTypeFilter[], value: string): boolean {
    return filters.some((f) => {
        if (typeof f === "string") return f === value;
        if ("prefix" in f) return value.startsWith(f.prefix);
        return value.endsWith(f.suffix);
    });
}

// GuardDuty finding types used as test samples (names from the GuardDuty finding-type reference).

/** Real GuardDuty finding types, by the kill-chain family that must catch them. */
export const FINDINGS_BY_FAMILY: Record<string, string[]> = {
    cryptoMining: [
        "CryptoCurrency:EC2/BitcoinTool.B", "CryptoCurrency:EC2/BitcoinTool.B!DNS", "CryptoCurrency:Runtime/BitcoinTool.B",
        "CryptoCurrency:Runtime/BitcoinTool.B!DNS", "Impact:Runtime/CryptoMinerExecuted", "Impact:Runtime/BitcoinDomainRequest.Reputation",
        "Impact:EC2/BitcoinDomainRequest.Reputation",
    ],
    credentialExfiltration: [
        "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS",
    ],
    exposedDashboard: ["Policy:Kubernetes/ExposedDashboard"],
    anonymousAccess: [
        "Policy:Kubernetes/AnonymousAccessGranted", "Discovery:Kubernetes/SuccessfulAnonymousAccess", "Execution:Kubernetes/SuccessfulAnonymousAccess",
        "Impact:Kubernetes/SuccessfulAnonymousAccess", "Persistence:Kubernetes/SuccessfulAnonymousAccess", "PrivilegeEscalation:Kubernetes/SuccessfulAnonymousAccess",
    ],
};

/** Findings outside the kill chain: alerting on them too would bury the ones that matter. */
export const UNRELATED_FINDINGS = [
    "Recon:EC2/PortProbeUnprotectedPort", "UnauthorizedAccess:EC2/SSHBruteForce", "Policy:S3/BucketBlockPublicAccessDisabled",
    "Discovery:Kubernetes/MaliciousIPCaller", "UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B",
];

/**
 * Reads and validates every setting of the program before any resource is created. Each error names the config key
 * (`hardened-stack:cluster.publicAccessCidrs[1]`) and the bad value. Settings are grouped in structured config
 * objects, one per concern; unknown keys are errors so a typo never silently falls back to a default.
 */
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "./lib/aws";
import { check, isPlainObject, rejectUnknownKeys } from "./lib/validation";
import {
    EgressMode, ManagedDomainListIds, validateEgressDomains, validateEgressMode, validateFlowLogRetentionDays,
    validateManagedDomainListIds, validateVpcCidr,
} from "./network/validate";
import {
    DEFAULT_KUBERNETES_VERSION, NodeGroupSettings, validateKubernetesVersion, validateLogRetentionDays, validateNodeGroup,
    validateRoleArns,
} from "./cluster/settings";
import { validatePublicAccessCidrs } from "./cluster/endpoint-access";
import { GuardDutyMode, validateAlertEmail, validateDetectorId, validateGuardDutyMode } from "./detection/validators";
import { KubernetesMode, validateKubernetesMode, validateTunnelPort } from "./kubernetes/provider";
import { validateWorkloadNamespaces } from "./kubernetes/layer";
import { validateImageReference } from "./kubernetes/pod-security";

export const PROJECT_NAMESPACE = "hardened-stack";

export interface PlatformConfig {
    network: {
        cidr: string;
        availabilityZoneCount: number;
        egressMode: EgressMode;
        allowedEgressDomains?: string[];
        flowLogRetentionDays: number;
        dnsFirewallManagedListIds: ManagedDomainListIds;
    };
    cluster: {
        version: string;
        publicAccessCidrs?: string[];
        adminRoleArns: string[];
        readOnlyRoleArns: string[];
        nodeGroup: NodeGroupSettings;
        logRetentionDays: number;
    };
    data: {
        /** Roles that may read the telemetry bucket from outside the VPC endpoints (break-glass). */
        breakGlassRoleArns: string[];
        /** Roles that run `pulumi up`: may list (HeadBucket) the buckets from outside the VPC, never read objects. */
        deployerRoleArns: string[];
        manageAccountPublicAccessBlock: boolean;
    };
    detection: {
        guardDuty: GuardDutyMode;
        detectorId?: string;
        alertEmail?: string;
        logRetentionDays: number;
        /** Roles that may read CloudTrail files from outside the VPC endpoints (investigators). */
        auditReaderRoleArns: string[];
    };
    kubernetes: {
        mode: KubernetesMode;
        workloadNamespaces: string[];
        telemetryReaderImage: string;
        tunnelLocalPort?: number;
    };
    operations: {
        /** Lifts deletion protection (EKS cluster, security log groups, Network Firewall) for a teardown or mode switch. */
        allowDestroy: boolean;
    };
}

/** The defaults, each the secure choice (see docs/architecture.md for why). */
export const DEFAULTS = {
    network: { cidr: "10.40.0.0/16", availabilityZoneCount: 3, egressMode: "sealed" as EgressMode, flowLogRetentionDays: 365 },
    cluster: { version: DEFAULT_KUBERNETES_VERSION, logRetentionDays: 365 },
    data: { manageAccountPublicAccessBlock: true },
    detection: { guardDuty: "create" as GuardDutyMode, logRetentionDays: 365 },
    // skip: a first `pulumi up` runs from outside the VPC and cannot reach the private API; `deploy` is step two
    // (docs/operations.md), from inside the VPC or through the SSM tunnel.
    kubernetes: { mode: "skip" as KubernetesMode },
    operations: { allowDestroy: false },
};

const key = (section: string, field?: string) => `${PROJECT_NAMESPACE}:${section}${field ? `.${field}` : ""}`;

function section(raw: unknown, name: string, known: readonly string[]): Record<string, unknown> {
    if (raw === undefined) return {};
    check(isPlainObject(raw), key(name), raw, "must be an object (structured config)");
    const obj = raw as Record<string, unknown>;
    rejectUnknownKeys(key(name), obj, known);
    return obj;
}

function optionalBoolean(value: unknown, setting: string, dflt: boolean): boolean {
    if (value === undefined) return dflt;
    check(typeof value === "boolean", setting, value, "must be true or false");
    return value as boolean;
}

/** Pure: validates raw config objects (as `config.getObject` returns them) into a PlatformConfig. */
export function parsePlatformConfig(raw: Record<string, unknown>, env: AwsEnvironment): PlatformConfig {
    const n = section(raw.network, "network", ["cidr", "availabilityZoneCount", "egressMode", "allowedEgressDomains", "flowLogRetentionDays", "dnsFirewallManagedListIds"]);
    const egressMode = n.egressMode === undefined ? DEFAULTS.network.egressMode : validateEgressMode(n.egressMode, key("network", "egressMode"));
    const azCount = n.availabilityZoneCount ?? DEFAULTS.network.availabilityZoneCount;
    check(Number.isInteger(azCount) && (azCount as number) >= 2 && (azCount as number) <= 6, key("network", "availabilityZoneCount"), azCount,
        "must be an integer from 2 to 6 (EKS needs subnets in at least two Availability Zones)");
    check(n.dnsFirewallManagedListIds !== undefined, key("network", "dnsFirewallManagedListIds"), undefined,
        "is required: the region's ids of the four AWS managed DNS Firewall domain lists (docs/operations.md shows the aws CLI command)");
    const network = {
        cidr: n.cidr === undefined ? DEFAULTS.network.cidr : validateVpcCidr(n.cidr, key("network", "cidr")),
        availabilityZoneCount: azCount as number,
        egressMode,
        allowedEgressDomains: validateEgressDomains(egressMode, n.allowedEgressDomains, key("network", "allowedEgressDomains")),
        flowLogRetentionDays: n.flowLogRetentionDays === undefined ? DEFAULTS.network.flowLogRetentionDays : validateFlowLogRetentionDays(n.flowLogRetentionDays, key("network", "flowLogRetentionDays")),
        dnsFirewallManagedListIds: validateManagedDomainListIds(n.dnsFirewallManagedListIds, key("network", "dnsFirewallManagedListIds")),
    };

    const c = section(raw.cluster, "cluster", ["version", "publicAccessCidrs", "adminRoleArns", "readOnlyRoleArns", "nodeGroup", "logRetentionDays"]);
    check(c.nodeGroup !== undefined, key("cluster", "nodeGroup"), undefined, "is required: instanceTypes, minSize, maxSize, desiredSize, diskSizeGiB");
    const cluster = {
        version: c.version === undefined ? DEFAULTS.cluster.version : validateKubernetesVersion(c.version, key("cluster", "version")),
        publicAccessCidrs: validatePublicAccessCidrs(c.publicAccessCidrs, key("cluster", "publicAccessCidrs")),
        adminRoleArns: validateRoleArns(env, c.adminRoleArns, key("cluster", "adminRoleArns"),
            { nonEmpty: "must name at least one IAM role: the cluster creator gets no admin access" }),
        readOnlyRoleArns: c.readOnlyRoleArns === undefined ? [] : validateRoleArns(env, c.readOnlyRoleArns, key("cluster", "readOnlyRoleArns")),
        nodeGroup: validateNodeGroup(c.nodeGroup, key("cluster", "nodeGroup")),
        logRetentionDays: c.logRetentionDays === undefined ? DEFAULTS.cluster.logRetentionDays : validateLogRetentionDays(c.logRetentionDays, key("cluster", "logRetentionDays")),
    };

    const d = section(raw.data, "data", ["breakGlassRoleArns", "deployerRoleArns", "manageAccountPublicAccessBlock"]);
    const data = {
        breakGlassRoleArns: d.breakGlassRoleArns === undefined ? [] : validateRoleArns(env, d.breakGlassRoleArns, key("data", "breakGlassRoleArns")),
        deployerRoleArns: d.deployerRoleArns === undefined ? [] : validateRoleArns(env, d.deployerRoleArns, key("data", "deployerRoleArns")),
        manageAccountPublicAccessBlock: optionalBoolean(d.manageAccountPublicAccessBlock, key("data", "manageAccountPublicAccessBlock"), DEFAULTS.data.manageAccountPublicAccessBlock),
    };

    const t = section(raw.detection, "detection", ["guardDuty", "detectorId", "alertEmail", "logRetentionDays", "auditReaderRoleArns"]);
    const guardDuty = t.guardDuty === undefined ? DEFAULTS.detection.guardDuty : validateGuardDutyMode(t.guardDuty, key("detection", "guardDuty"));
    check(guardDuty === "existing" ? t.detectorId !== undefined : t.detectorId === undefined, key("detection", "detectorId"), t.detectorId,
        guardDuty === "existing" ? "is required when guardDuty is \"existing\"" : "is only used when guardDuty is \"existing\"");
    const detection = {
        guardDuty,
        detectorId: t.detectorId === undefined ? undefined : validateDetectorId(t.detectorId, key("detection", "detectorId")),
        alertEmail: t.alertEmail === undefined ? undefined : validateAlertEmail(t.alertEmail, key("detection", "alertEmail")),
        logRetentionDays: t.logRetentionDays === undefined ? DEFAULTS.detection.logRetentionDays : validateFlowLogRetentionDays(t.logRetentionDays, key("detection", "logRetentionDays")),
        // Investigators read trail files from wherever an incident finds them; by default the data break-glass roles.
        auditReaderRoleArns: t.auditReaderRoleArns === undefined ? data.breakGlassRoleArns : validateRoleArns(env, t.auditReaderRoleArns, key("detection", "auditReaderRoleArns")),
    };

    const k = section(raw.kubernetes, "kubernetes", ["mode", "workloadNamespaces", "telemetryReaderImage", "tunnelLocalPort"]);
    check(k.telemetryReaderImage !== undefined, key("kubernetes", "telemetryReaderImage"), undefined,
        "is required: <account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<digest>");
    const kubernetes = {
        mode: k.mode === undefined ? DEFAULTS.kubernetes.mode : validateKubernetesMode(k.mode, key("kubernetes", "mode")),
        workloadNamespaces: k.workloadNamespaces === undefined ? [] : validateWorkloadNamespaces(k.workloadNamespaces, ["telemetry"], key("kubernetes", "workloadNamespaces")),
        telemetryReaderImage: validateImageReference(env, k.telemetryReaderImage, key("kubernetes", "telemetryReaderImage")),
        tunnelLocalPort: k.tunnelLocalPort === undefined ? undefined : validateTunnelPort(k.tunnelLocalPort, key("kubernetes", "tunnelLocalPort")),
    };
    const o = section(raw.operations, "operations", ["allowDestroy"]);
    const operations = {
        allowDestroy: optionalBoolean(o.allowDestroy, key("operations", "allowDestroy"), DEFAULTS.operations.allowDestroy),
    };
    return { network, cluster, data, detection, kubernetes, operations };
}

const SECTIONS = ["network", "cluster", "data", "detection", "kubernetes", "operations"] as const;

/** Reads the stack's config (`pulumi config`) and validates it. */
export function loadPlatformConfig(env: AwsEnvironment): PlatformConfig {
    const cfg = new pulumi.Config(PROJECT_NAMESPACE);
    const raw: Record<string, unknown> = {};
    for (const name of SECTIONS) {
        try {
            raw[name] = cfg.getObject<unknown>(name);
        } catch {
            throw new Error(`invalid ${key(name)}: not valid structured config (JSON/YAML object expected)`);
        }
    }
    for (const k of Object.keys(pulumi.runtime.allConfig())) {
        if (k.startsWith(`${PROJECT_NAMESPACE}:`) && !(SECTIONS as readonly string[]).includes(k.slice(PROJECT_NAMESPACE.length + 1))) {
            throw new Error(`invalid ${k}: unknown setting; the settings are ${PROJECT_NAMESPACE}:${SECTIONS.join(", ")}`);
        }
    }
    return parsePlatformConfig(raw, env);
}

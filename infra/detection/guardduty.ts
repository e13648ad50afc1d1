import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GuardDutyMode, validateDetectorId, validateGuardDutyMode } from "./validators";

/** One GuardDuty protection plan to switch on, with its child resource role. */
export interface GuardDutyFeatureSpec {
    /** Child resource suffix: `${name}-<role>`. */
    role: string;
    name: string;
    additionalConfigurations?: { name: string; status: "ENABLED" | "DISABLED" }[];
}

/**
 * The protection plans that see the Tesla kill chain: EKS audit logs (exposed dashboard, anonymous access),
 * S3 data events (bulk reads of telemetry), and Runtime Monitoring with the EKS agent managed by GuardDuty (miner
 * processes and mining-pool DNS inside pods). `RUNTIME_MONITORING` supersedes `EKS_RUNTIME_MONITORING`; the two
 * cannot be enabled together.
 */
export const GUARDDUTY_FEATURES: readonly GuardDutyFeatureSpec[] = [
    { role: "eks-audit-logs", name: "EKS_AUDIT_LOGS" },
    { role: "s3-data-events", name: "S3_DATA_EVENTS" },
    {
        role: "runtime-monitoring",
        name: "RUNTIME_MONITORING",
        additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }],
    },
];

/** What `aws.guardduty.getDetector` reports of a detector, as far as the verification reads it. */
export interface DetectorState {
    status?: string;
    features?: { name?: string; status?: string; additionalConfigurations?: { name?: string; status?: string }[] }[];
}

/**
 * Pure: the GUARDDUTY_FEATURES (and their additional configurations) an existing detector does not have ENABLED,
 * as `FEATURE` or `FEATURE/ADDITIONAL_CONFIGURATION`; the detector itself as `detector` when it is not enabled.
 */
export function missingDetectorFeatures(detector: DetectorState): string[] {
    const missing: string[] = [];
    if (detector.status !== "ENABLED") missing.push("detector");
    for (const want of GUARDDUTY_FEATURES) {
        const have = (detector.features ?? []).find((f) => f.name === want.name);
        if (have?.status !== "ENABLED") {
            missing.push(want.name);
            continue;
        }
        for (const extra of want.additionalConfigurations ?? []) {
            const got = (have.additionalConfigurations ?? []).find((c) => c.name === extra.name);
            if (got?.status !== extra.status) missing.push(`${want.name}/${extra.name}`);
        }
    }
    return missing;
}

/** The one-line error for a detector that lacks protections; it names who can fix it and how. */
export function missingFeaturesMessage(detectorId: string, missing: string[]): string {
    return `GuardDuty detector ${detectorId} (hardened-stack:detection.guardDuty "existing") does not have ${missing.join(", ")} enabled; `
        + "this stack never changes a detector it does not own (an organization member account may not): ask the GuardDuty "
        + "delegated administrator to enable them for this account (organization auto-enable, or update-member-detectors), "
        + "or use guardDuty \"create\" in a standalone account";
}

export interface GuardDutyProtectionArgs {
    mode: GuardDutyMode;
    /** Required with mode `existing`; ignored otherwise. */
    detectorId?: string;
}

/**
 * GuardDuty for this account and region. `create` makes the detector with the features (an account holds one per
 * region, so use `existing` when one is already there, e.g. managed by the organization); `existing` reads that
 * detector and fails the update, naming what is missing, unless the features are already enabled: it never writes
 * them, because a member account may not change a detector its organization manages (GuardDuty guide, "Managing
 * accounts with AWS Organizations"); `off` creates nothing and says so in a warning.
 * Type token `hardened:detection:GuardDutyProtection`.
 */
export class GuardDutyProtection extends pulumi.ComponentResource {
    public readonly detector?: aws.guardduty.Detector;
    public readonly detectorId?: pulumi.Output<string>;
    public readonly features: aws.guardduty.DetectorFeature[] = [];
    /** `existing` mode: resolves once the detector is read and has every feature (fails the update otherwise). */
    public readonly verified?: pulumi.Output<boolean>;

    constructor(name: string, args: GuardDutyProtectionArgs, opts?: pulumi.ComponentResourceOptions) {
        const mode = validateGuardDutyMode(args.mode, "GuardDutyProtection.mode");
        if (mode === "existing") validateDetectorId(args.detectorId, "GuardDutyProtection.detectorId");
        super("hardened:detection:GuardDutyProtection", name, {}, opts);

        if (args.mode === "off") {
            void pulumi.log.warn(
                "GuardDuty is off (guardDuty: \"off\"): no findings for crypto-mining, credential exfiltration, exposed dashboards or "
                + "anonymous API access will be raised unless the organization runs GuardDuty for this account and region.",
                this,
            );
        } else {
            if (args.mode === "create") {
                this.detector = new aws.guardduty.Detector(`${name}-detector`, {
                    enable: true,
                    // New findings are sent at once regardless; this also sends updates to recurring ones within 15 minutes.
                    findingPublishingFrequency: "FIFTEEN_MINUTES",
                }, { parent: this });
                this.detectorId = this.detector.id;
                for (const f of GUARDDUTY_FEATURES) {
                    this.features.push(new aws.guardduty.DetectorFeature(`${name}-${f.role}`, {
                        detectorId: this.detectorId,
                        name: f.name,
                        status: "ENABLED",
                        ...(f.additionalConfigurations ? { additionalConfigurations: f.additionalConfigurations } : {}),
                    }, { parent: this }));
                }
            } else {
                const id = args.detectorId as string;
                this.detectorId = pulumi.output(id);
                this.verified = aws.guardduty.getDetectorOutput({ id }, { parent: this }).apply((d) => {
                    const missing = missingDetectorFeatures(d);
                    if (missing.length > 0) throw new Error(missingFeaturesMessage(id, missing));
                    return true;
                });
            }
        }

        // Registering `verified` makes the deployment wait for the check and fail with its message.
        this.registerOutputs({ mode: args.mode, detectorId: this.detectorId, ...(this.verified ? { featuresVerified: this.verified } : {}) });
    }
}

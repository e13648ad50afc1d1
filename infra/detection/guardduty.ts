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

export interface GuardDutyProtectionArgs {
    mode: GuardDutyMode;
    /** Required with mode `existing`; ignored otherwise. */
    detectorId?: string;
}

/**
 * GuardDuty for this account and region. `create` makes the detector (an account holds one per region, so use
 * `existing` when one is already there, e.g. managed by the organization); `existing` attaches the same features to
 * that detector; `off` creates nothing and says so in a warning.
 * Type token `hardened:detection:GuardDutyProtection`.
 */
export class GuardDutyProtection extends pulumi.ComponentResource {
    public readonly detector?: aws.guardduty.Detector;
    public readonly detectorId?: pulumi.Output<string>;
    public readonly features: aws.guardduty.DetectorFeature[] = [];

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
            } else {
                this.detectorId = pulumi.output(args.detectorId as string);
            }
            for (const f of GUARDDUTY_FEATURES) {
                this.features.push(new aws.guardduty.DetectorFeature(`${name}-${f.role}`, {
                    detectorId: this.detectorId,
                    name: f.name,
                    status: "ENABLED",
                    ...(f.additionalConfigurations ? { additionalConfigurations: f.additionalConfigurations } : {}),
                }, { parent: this }));
            }
        }

        this.registerOutputs({ mode: args.mode, detectorId: this.detectorId });
    }
}

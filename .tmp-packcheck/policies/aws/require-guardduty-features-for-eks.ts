import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { AWS } from "../../lib/aws-types";
import { eksBestPractices } from "../../lib/frameworks";
import { ofType, sources } from "../../lib/stack";
import { asBool, isObject } from "../../lib/values";

const AUDIT = "EKS_AUDIT_LOGS";
const RUNTIME = ["RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"];

/**
 * A stack that runs an EKS cluster and manages GuardDuty (a detector, or features of an existing detector) turns on
 * both EKS protections: EKS audit-log monitoring and runtime monitoring. Features are joined to their detector
 * through propertyDependencies.detectorId, or by a literal detector id when the detector lives elsewhere.
 */
export const requireGuardDutyFeaturesForEks = stackPolicy({
    name: "require-guardduty-features-for-eks",
    description: "Stacks with an EKS cluster and a GuardDuty detector (or detector features) enable the EKS_AUDIT_LOGS and RUNTIME_MONITORING features.",
    step: "evasion",
    severity: "high",
    remediationSteps: "For the detector, add aws.guardduty.DetectorFeature(name, { detectorId: detector.id, name: \"EKS_AUDIT_LOGS\", status: \"ENABLED\" }) and one for \"RUNTIME_MONITORING\" with additionalConfigurations [{ name: \"EKS_ADDON_MANAGEMENT\", status: \"ENABLED\" }].",
    url: "https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html",
    framework: eksBestPractices("runtime", "Use Amazon GuardDuty for runtime monitoring and detecting threats"),
    references: ["EKS-BP runtime: Use Amazon GuardDuty for runtime monitoring and detecting threats", "EKS-BP detective: Enable audit logs", "CKV2_AWS_3"],
    check: ({ args, reads, report }) => {
        if (ofType(args.resources, [AWS.eksCluster]).length === 0) return;
        const detectors = ofType(args.resources, [AWS.guardDutyDetector]);
        const features = ofType(args.resources, [AWS.guardDutyDetectorFeature]);
        if (detectors.length === 0 && features.length === 0) return;

        // Groups of features per detector: a detector resource of the stack, or a literal detector id.
        const groups = new Map<string, { detector?: PolicyResource; id?: string; features: PolicyResource[] }>();
        for (const d of detectors) groups.set(d.urn, { detector: d, features: [] });
        let undecided = false;
        for (const f of features) {
            const ds = sources(f, "detectorId", [AWS.guardDutyDetector]);
            if (ds.length > 0) {
                for (const d of ds) groups.get(d.urn)?.features.push(f);
                continue;
            }
            const id = reads(f).get("detectorId", () => f.props.detectorId);
            if (id === UNKNOWN || typeof id !== "string") {
                undecided = true;
                continue;
            }
            const g = groups.get(`id:${id}`) ?? { id, features: [] };
            g.features.push(f);
            groups.set(`id:${id}`, g);
        }
        if (undecided) return;

        for (const g of groups.values()) {
            const enabled = new Set<string>();
            let unknown = false;
            for (const f of g.features) {
                const name = reads(f).get("name", () => f.props.name);
                const status = reads(f).get("status", () => f.props.status);
                if (name === UNKNOWN || status === UNKNOWN) unknown = true;
                else if (typeof name === "string" && status === "ENABLED") enabled.add(name);
            }
            if (g.detector) {
                const d = g.detector;
                const ds = reads(d).get("datasources", () => d.props.datasources);
                if (isObject(ds)) {
                    const audit = reads(d).get("datasources.kubernetes.auditLogs.enable", () => (ds.kubernetes as { auditLogs?: { enable?: unknown } } | undefined)?.auditLogs?.enable);
                    if (audit !== UNKNOWN && asBool(audit) === true) enabled.add(AUDIT);
                }
            }
            if (unknown) continue;
            const missing: string[] = [];
            if (!enabled.has(AUDIT)) missing.push(AUDIT);
            if (!RUNTIME.some((r) => enabled.has(r))) missing.push("RUNTIME_MONITORING");
            if (missing.length === 0) continue;
            const target = g.detector ?? g.features[0]!;
            const which = g.detector ? `detector ${g.detector.name}` : `detector ${g.id}`;
            report(target, `${which} has no ENABLED ${missing.join(" or ")} feature while the stack runs an EKS cluster; add aws.guardduty.DetectorFeature with name ${missing.map((m) => `"${m}"`).join(" / ")} and status "ENABLED"`);
        }
    },
});

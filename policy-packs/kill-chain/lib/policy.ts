import type {
    PolicyComplianceFramework, PolicyConfigSchema, PolicyResource, ReportViolation, ResourceValidationArgs,
    ResourceValidationPolicy, Severity, StackValidationArgs, StackValidationPolicy, EnforcementLevel,
} from "@pulumi/policy";
import { Deferral, deferralMessage, outputsUnknownInPreview, Reads, unknownProps } from "./unknowns";

import type { KillChainStep } from "./steps";
import { stepTags } from "./steps";

export { KILL_CHAIN_STEPS, KILL_CHAIN_TITLES } from "./steps";
export type { KillChainStep } from "./steps";

/** Everything a policy carries besides its check: the SDK's own metadata fields, nothing home-made. */
export interface PolicyMeta {
    /** Fixed verb first: `disallow-…`, `require-…`, `enforce-…`. Stable: it is the id users configure. */
    name: string;
    /** What the policy guarantees, ending with the kill-chain step it closes. */
    description: string;
    step: KillChainStep;
    severity: Severity;
    remediationSteps: string;
    /** The best reference to read (AWS / EKS Best Practices / Kubernetes docs). */
    url: string;
    framework: PolicyComplianceFramework;
    /** Cross-references: `CIS EKS 5.4.2`, `EKS-BP iam`, `CKV_AWS_39`... */
    references: string[];
    /** @default "mandatory" - everything that closes a breach step blocks */
    enforcementLevel?: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
}

function tagsOf(meta: PolicyMeta): string[] {
    return stepTags(meta.step, meta.references);
}

function base(meta: PolicyMeta) {
    return {
        name: meta.name,
        description: `${meta.description} [kill chain: ${meta.step}]`,
        enforcementLevel: meta.enforcementLevel ?? "mandatory",
        severity: meta.severity,
        remediationSteps: meta.remediationSteps,
        url: meta.url,
        framework: meta.framework,
        tags: tagsOf(meta),
        ...(meta.configSchema ? { configSchema: meta.configSchema } : {}),
    };
}

export interface ResourceCheck {
    args: ResourceValidationArgs;
    /** Unknown-safe reads of args.props (see lib/unknowns.ts). */
    reads: Reads;
    report: (message: string) => void;
}

export interface ResourcePolicySpec extends PolicyMeta {
    /**
     * Type tokens the policy applies to, or a test of the token (for open sets such as every custom resource);
     * others are not applicable.
     */
    types: readonly string[] | ((type: string) => boolean);
    check: (c: ResourceCheck) => void;
}

/**
 * A resource policy that never gives up silently: known values are always checked; when no violation was found
 * but a value the verdict needed was unknown, it ends with a Deferral naming the resource and the value.
 */
export function resourcePolicy(spec: ResourcePolicySpec): ResourceValidationPolicy {
    const listed = typeof spec.types === "function" ? undefined : new Set(spec.types);
    const applies = typeof spec.types === "function" ? spec.types : (t: string) => listed!.has(t);
    return {
        ...base(spec),
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!applies(args.type)) return;
            const reads = new Reads();
            let violated = false;
            spec.check({ args, reads, report: (m) => { violated = true; reportViolation(m); } });
            if (!violated && reads.unknownPaths.length > 0) throw new Deferral(deferralMessage(args.urn, reads.unknownPaths));
        },
    };
}

export interface StackCheck {
    args: StackValidationArgs;
    /** Unknown-safe reads for one resource. */
    reads: (r: PolicyResource) => Reads;
    report: (r: PolicyResource | undefined, message: string) => void;
}

export interface StackPolicySpec extends PolicyMeta {
    check: (c: StackCheck) => void;
}

/** A stack policy with the same never-silent rule, per resource: unknowns on one resource never hide another's verdict. */
export function stackPolicy(spec: StackPolicySpec): StackValidationPolicy {
    return {
        ...base(spec),
        validateStack: (args: StackValidationArgs, reportViolation) => {
            for (const r of args.resources) {
                if (outputsUnknownInPreview(r)) Object.defineProperty(r, "props", { value: unknownProps(), configurable: true });
            }
            const perResource = new Map<string, Reads>();
            const violated = new Set<string>();
            spec.check({
                args,
                reads: (r) => {
                    let reads = perResource.get(r.urn);
                    if (!reads) perResource.set(r.urn, (reads = new Reads()));
                    return reads;
                },
                report: (r, m) => {
                    if (r) violated.add(r.urn);
                    reportViolation(m, r?.urn);
                },
            });
            const deferred: string[] = [];
            for (const [urn, reads] of perResource) {
                if (!violated.has(urn) && reads.unknownPaths.length > 0) deferred.push(deferralMessage(urn, reads.unknownPaths));
            }
            if (deferred.length > 0) throw new Deferral(deferred.join("; "));
        },
    };
}

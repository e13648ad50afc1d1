/**
 * Type tokens of the components the multi-language package (components/) serves. The Node.js component provider
 * host constructs a component from a token `<package>:index:<ClassName>` and refuses any other module
 * (@pulumi/pulumi provider/experimental/provider.ts, ComponentProvider.validateResourceType), so these components
 * moved from `hardened:<area>:<Type>` to `hardened:index:<ClassName>`.
 *
 * A component's type is part of its URN and of every child's URN, so a changed token would replace every resource
 * of a deployed stack. The old token stays as an alias: the engine then finds the old component under it, and the
 * children's old URNs follow from their parent's alias (step_generator.go inheritedChildAlias).
 */
import type * as pulumi from "@pulumi/pulumi";

/** The package name, as components/package.json names it: the prefix of every type token below. */
export const COMPONENT_PACKAGE = "hardened";

/** Class name -> its token before the move; the token now is `hardened:index:<class name>`. */
export const RENAMED_COMPONENT_TYPES = {
    HardenedVpc: "hardened:network:Vpc",
    PrivateCluster: "hardened:cluster:PrivateCluster",
    IrsaRole: "hardened:identity:IrsaRole",
    KubernetesLayer: "hardened:kubernetes:Layer",
    LockedNamespace: "hardened:kubernetes:LockedNamespace",
    PrivateBucket: "hardened:data:PrivateBucket",
    AccessLogBucket: "hardened:data:AccessLogBucket",
    ThreatDetection: "hardened:detection:ThreatDetection",
} as const;
export type PackagedComponent = keyof typeof RENAMED_COMPONENT_TYPES;

/** `hardened:index:<className>`: the token the component provider host constructs. */
export function componentType(className: PackagedComponent): string {
    return `${COMPONENT_PACKAGE}:index:${className}`;
}

/**
 * The caller's options plus an alias to the component's pre-package type token, keeping the caller's own aliases
 * (a caller renaming the component as well still gets both).
 */
export function withPreviousType(className: PackagedComponent, opts?: pulumi.ComponentResourceOptions): pulumi.ComponentResourceOptions {
    return { ...opts, aliases: [...(opts?.aliases ?? []), { type: RENAMED_COMPONENT_TYPES[className] }] };
}

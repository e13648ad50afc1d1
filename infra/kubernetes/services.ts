import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ValidationError, check, isPlainObject } from "../lib/validation";
import { Ipv4Cidr, RFC1918_RANGES, cidrContains, parseIpv4Cidr } from "../network/cidr";
import { validateNamespaceName } from "./namespace";
import { explicitKubernetesProvider } from "./provider";

/** Marks a LoadBalancer Service internal for both controllers that may reconcile it on EKS. */
export const INTERNAL_SCHEME_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-scheme";
/** The in-tree (cloud-controller-manager) equivalent; it ignores the scheme annotation. */
export const LEGACY_INTERNAL_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-internal";
export const LOAD_BALANCER_NAME_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-name";

/** An internal load balancer asked for by name. */
export interface InternalLoadBalancer {
    /** AWS load balancer name: 1-32 letters, digits or '-', not starting with `internal-`. */
    name: string;
    /** Client CIDRs inside the private network (RFC 1918 or 100.64.0.0/10), e.g. the VPC CIDR. */
    sourceRanges: string[];
}

export interface GuardedServicePort {
    name: string;
    port: number;
    targetPort: number;
    /** @default "TCP" */
    protocol?: "TCP" | "UDP";
}

export interface GuardedServiceArgs {
    namespace: string;
    /** Service name (DNS-1035 label). */
    name: string;
    selector: Record<string, string>;
    ports: GuardedServicePort[];
    /**
     * Expose the Service through an internal AWS load balancer. Needs a namespace whose quota allows one
     * (`LockedNamespace.loadBalancers`).
     * @default - a ClusterIP Service, reachable only inside the cluster
     */
    internalLoadBalancer?: InternalLoadBalancer;
}

/** RFC 1918 plus the shared address space EKS uses for secondary pod CIDRs. */
const PRIVATE_RANGES: readonly Ipv4Cidr[] = [...RFC1918_RANGES, parseIpv4Cidr("100.64.0.0/10") as Ipv4Cidr];

/** True when `cidr` lies entirely inside one of the private ranges. */
export function isPrivateCidr(cidr: Ipv4Cidr): boolean {
    return PRIVATE_RANGES.some((r) => cidrContains(r, cidr));
}

/** Throws unless the name can be an AWS load balancer name. */
export function validateLoadBalancerName(value: unknown, setting: string): string {
    check(typeof value === "string" && /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/.test(value)
        && !value.toLowerCase().startsWith("internal-"), setting, value,
    "must be 1-32 letters, digits or '-', not starting or ending with '-' and not starting with 'internal-'");
    return value as string;
}

/** Throws unless every source range is a private IPv4 CIDR (never 0.0.0.0/0 or a public range). */
export function validateSourceRanges(value: unknown, setting: string): string[] {
    check(Array.isArray(value) && value.length > 0, setting, value,
        "must list the private client CIDRs (e.g. the VPC CIDR); an internal load balancer without ranges accepts any source");
    (value as unknown[]).forEach((v, i) => {
        const cidr = typeof v === "string" ? parseIpv4Cidr(v) : undefined;
        check(cidr !== undefined && isPrivateCidr(cidr), `${setting}[${i}]`, v,
            "must be an IPv4 CIDR inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10");
    });
    return value as string[];
}

/** Annotations making the load balancer internal whichever controller (AWS Load Balancer Controller or in-tree) handles it. */
export function internalLoadBalancerAnnotations(lb: InternalLoadBalancer): Record<string, string> {
    return {
        [INTERNAL_SCHEME_ANNOTATION]: "internal",
        [LEGACY_INTERNAL_ANNOTATION]: "true",
        [LOAD_BALANCER_NAME_ANNOTATION]: lb.name,
    };
}

/**
 * The guard every Service of this layer passes: NodePort never, LoadBalancer only when internal (both internal
 * annotations present) and restricted to private source ranges, no externalIPs. Works on any Service-shaped object,
 * so it can also check manifests that did not come from `guardedServiceManifest`.
 */
export function assertServiceNotPublic(service: { metadata?: { annotations?: Record<string, string> }; spec?: Record<string, unknown> }, setting: string): void {
    const spec = service.spec ?? {};
    const type = spec.type ?? "ClusterIP";
    check(type === "ClusterIP" || type === "LoadBalancer", `${setting}.spec.type`, type,
        "must be ClusterIP, or LoadBalancer for an internal load balancer asked for by name; NodePort and ExternalName are not allowed");
    check(spec.externalIPs === undefined || (Array.isArray(spec.externalIPs) && spec.externalIPs.length === 0), `${setting}.spec.externalIPs`,
        spec.externalIPs, "must be unset; externalIPs can hijack traffic to any address");
    if (type === "LoadBalancer") {
        const annotations = service.metadata?.annotations ?? {};
        check(annotations[INTERNAL_SCHEME_ANNOTATION] === "internal" && annotations[LEGACY_INTERNAL_ANNOTATION] === "true",
            `${setting}.metadata.annotations`, annotations,
            `must set ${INTERNAL_SCHEME_ANNOTATION}: internal and ${LEGACY_INTERNAL_ANNOTATION}: "true"; internet-facing load balancers are not allowed`);
        validateSourceRanges(spec.loadBalancerSourceRanges, `${setting}.spec.loadBalancerSourceRanges`);
    }
}

/** Validates the args and builds the Service manifest (metadata + spec) that `GuardedService` applies. */
export function guardedServiceManifest(args: GuardedServiceArgs, setting: string): {
    metadata: { name: string; namespace: string; annotations?: Record<string, string> };
    spec: Record<string, unknown>;
} {
    const namespace = validateNamespaceName(args.namespace, `${setting}.namespace`);
    check(typeof args.name === "string" && /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(args.name), `${setting}.name`, args.name,
        "must be a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, at most 63 characters)");
    check(isPlainObject(args.selector) && Object.keys(args.selector).length > 0, `${setting}.selector`, args.selector,
        "must select pods by at least one label; a selector-less Service can be pointed anywhere");
    check(Array.isArray(args.ports) && args.ports.length > 0, `${setting}.ports`, args.ports, "must list at least one port");
    const ports = args.ports.map((p, i) => {
        const at = `${setting}.ports[${i}]`;
        if ((p as unknown as Record<string, unknown>).nodePort !== undefined) {
            throw new ValidationError(`${at}.nodePort`, (p as unknown as Record<string, unknown>).nodePort, "must be unset; NodePort exposure is not allowed");
        }
        for (const key of ["port", "targetPort"] as const) {
            check(Number.isInteger(p[key]) && p[key] >= 1 && p[key] <= 65535, `${at}.${key}`, p[key], "must be an integer from 1 to 65535");
        }
        check(p.protocol === undefined || p.protocol === "TCP" || p.protocol === "UDP", `${at}.protocol`, p.protocol, "must be TCP or UDP");
        return { name: p.name, port: p.port, targetPort: p.targetPort, protocol: p.protocol ?? "TCP" };
    });

    const manifest: ReturnType<typeof guardedServiceManifest> = {
        metadata: { name: args.name, namespace },
        spec: { type: "ClusterIP", selector: { ...args.selector }, ports },
    };
    if (args.internalLoadBalancer !== undefined) {
        const lb = args.internalLoadBalancer;
        check(isPlainObject(lb), `${setting}.internalLoadBalancer`, lb, "must be { name, sourceRanges }");
        validateLoadBalancerName(lb.name, `${setting}.internalLoadBalancer.name`);
        validateSourceRanges(lb.sourceRanges, `${setting}.internalLoadBalancer.sourceRanges`);
        manifest.metadata.annotations = internalLoadBalancerAnnotations(lb);
        manifest.spec = { ...manifest.spec, type: "LoadBalancer", loadBalancerSourceRanges: [...lb.sourceRanges] };
    }
    assertServiceNotPublic(manifest, setting);
    return manifest;
}

/**
 * The only way this layer creates a Service: ClusterIP by default, an internal load balancer when asked for by
 * name, never NodePort or an internet-facing load balancer.
 * Type token `hardened:kubernetes:GuardedService`; child `${name}-service`.
 */
export class GuardedService extends pulumi.ComponentResource {
    public readonly service: k8s.core.v1.Service;

    constructor(name: string, args: GuardedServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        const manifest = guardedServiceManifest(args, "GuardedService");
        const provider = explicitKubernetesProvider(opts, "GuardedService provider");
        super("hardened:kubernetes:GuardedService", name, {}, opts);
        // A component's dependsOn does not reach its children; pass it on so the Service waits for its namespace.
        this.service = new k8s.core.v1.Service(`${name}-service`, manifest, { parent: this, provider, dependsOn: opts?.dependsOn });
        this.registerOutputs({});
    }
}

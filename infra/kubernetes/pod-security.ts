import * as k8s from "@pulumi/kubernetes";
import { AwsEnvironment } from "../lib/aws";
import { check, isPlainObject } from "../lib/validation";
import { ComputeAmount, checkNotAbove, validateCpu, validateMemory } from "./quantity";

/** The account's private ECR registry host in this region, the only registry workloads may pull from. */
export function ecrRegistry(env: AwsEnvironment): string {
    return `${env.accountId}.dkr.ecr.${env.region}.${env.dnsSuffix}`;
}

// Docker reference grammar for an ECR repository path: lowercase components joined by '.', '_', '-' (runs of '_'
// allowed), separated by '/'.
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** Image names of admin consoles: the Tesla kill chain started at an open Kubernetes dashboard. */
export const ADMIN_UI_IMAGE_PATTERNS: readonly RegExp[] = [/(^|\/)kubernetes-dashboard(\/|$)/, /(^|\/)kubernetesui(\/|$)/];

/**
 * Throws unless `image` is `<account>.dkr.ecr.<region>.<dnsSuffix>/<repository>@sha256:<64 hex>`: this account's
 * private registry (no public registry, no other account), pinned by digest (no tag that can be re-pointed), and not
 * a dashboard image.
 */
export function validateImageReference(env: AwsEnvironment, image: unknown, setting: string): string {
    const registry = ecrRegistry(env);
    const example = `${registry}/telemetry-reader@sha256:<64 hex digits>`;
    check(typeof image === "string", setting, image, `must be an image reference like ${example}`);
    const ref = image as string;
    const at = ref.indexOf("@");
    check(at > 0 && /^sha256:[a-f0-9]{64}$/.test(ref.slice(at + 1)), setting, image,
        `must be pinned by digest (@sha256: and 64 lowercase hex digits), e.g. ${example}; tags can be re-pointed`);
    const name = ref.slice(0, at);
    check(name.startsWith(`${registry}/`), setting, image,
        `must come from this account's private ECR registry ${registry}; public and foreign registries are not allowed`);
    const repository = name.slice(registry.length + 1);
    check(REPOSITORY.test(repository) && repository.length >= 2 && repository.length <= 256, setting, image,
        "must name an ECR repository (2-256 lowercase letters, digits, '.', '_', '-' and '/'), without a tag before the digest");
    check(!ADMIN_UI_IMAGE_PATTERNS.some((p) => p.test(repository)), setting, image,
        "must not be a Kubernetes dashboard or other admin UI; this platform has no in-cluster console");
    return ref;
}

/** Throws unless `value` is a non-root user id. */
export function validateRunAsUser(value: unknown, setting: string): number {
    check(typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 2147483647, setting, value,
        "must be a non-zero integer user id (root is 0)");
    return value as number;
}

/** Pod-level context of the restricted Pod Security Standard, with an explicit non-root user and group. */
export function restrictedPodSecurityContext(uid: number): k8s.types.input.core.v1.PodSecurityContext {
    return {
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: uid,
        fsGroup: uid,
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/** Container-level context of the restricted Pod Security Standard, plus a read-only root filesystem. */
export function restrictedContainerSecurityContext(uid: number): k8s.types.input.core.v1.SecurityContext {
    return {
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: uid,
        privileged: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/** Requests and limits of one container, both always set. */
export interface ContainerResources {
    requests: ComputeAmount;
    limits: ComputeAmount;
}

/** Throws unless requests and limits are both set, valid, requests ≤ limits, and limits ≤ `max` (the LimitRange). */
export function validateContainerResources(value: unknown, max: ComputeAmount, setting: string): ContainerResources {
    check(isPlainObject(value) && isPlainObject(value.requests) && isPlainObject(value.limits), setting, value,
        "must set both requests and limits ({ requests: { cpu, memory }, limits: { cpu, memory } })");
    const r = value as unknown as ContainerResources;
    validateCpu(r.requests.cpu, `${setting}.requests.cpu`);
    validateMemory(r.requests.memory, `${setting}.requests.memory`);
    validateCpu(r.limits.cpu, `${setting}.limits.cpu`);
    validateMemory(r.limits.memory, `${setting}.limits.memory`);
    checkNotAbove(r.requests, r.limits, `${setting}.requests`, `${setting}.limits`);
    checkNotAbove(r.limits, max, `${setting}.limits`, "the namespace's containerLimits.max");
    return { requests: { ...r.requests }, limits: { ...r.limits } };
}

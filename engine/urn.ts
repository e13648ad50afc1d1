import { ROOT_STACK_TYPE } from "./constants";

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>` */
export interface ParsedUrn {
    stack: string;
    project: string;
    qualifiedType: string;
    type: string;
    name: string;
}

export function parseUrn(urn: string): ParsedUrn {
    const m = /^urn:pulumi:([^:]*)::([^:]*)::(.+?)::(.*)$/s.exec(urn);
    if (!m) throw new Error(`not a Pulumi URN: ${urn}`);
    const qualifiedType = m[3]!;
    const type = qualifiedType.split("$").pop()!;
    return { stack: m[1]!, project: m[2]!, qualifiedType, type, name: m[4]! };
}

/** parseUrn for text that may not be a URN (messages, user input): undefined instead of throwing. */
export function tryParseUrn(urn: string): ParsedUrn | undefined {
    try {
        return parseUrn(urn);
    } catch {
        return undefined;
    }
}

/**
 * The engine's URN for a registration: the parent's full qualified type chain, except that the root
 * `pulumi:pulumi:Stack` is never part of it (pkg/resource/deploy/deployment.go). The SDK's MockMonitor gets
 * both wrong (it keeps only the parent's last type segment and includes the Stack type).
 */
export function engineUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
    let qualified = type;
    if (parentUrn) {
        const parent = parseUrn(parentUrn);
        if (parent.type !== ROOT_STACK_TYPE) qualified = `${parent.qualifiedType}$${type}`;
    }
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Package of a type token: `aws:s3/bucket:Bucket` -> `aws`. */
export function packageOf(type: string): string {
    return type.split(":")[0]!;
}

/** Default provider name as the engine makes it: `default_7_48_0`, or `default` when no version is known. */
export function defaultProviderName(version: string): string {
    return version ? `default_${version.replace(/[.-]/g, "_")}` : "default";
}

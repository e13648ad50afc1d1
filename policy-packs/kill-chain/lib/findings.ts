/**
 * GuardDuty findings of the cryptojacking kill chain, and EventBridge pattern matching, for the detection-chain
 * policies. The samples are concrete finding types (GuardDuty finding-type reference: Runtime Monitoring, EC2, IAM,
 * EKS audit log pages), one or more per family: a rule or filter is judged by what it does to each of them.
 */
import { asList, isObject } from "./plain";

/** One concrete finding type per way the kill chain shows up; a route must carry all, a suppression touch none. */
export const KILL_CHAIN_FINDINGS: readonly string[] = [
    "CryptoCurrency:EC2/BitcoinTool.B!DNS",
    "CryptoCurrency:Runtime/BitcoinTool.B",
    "Impact:Runtime/CryptoMinerExecuted",
    "Impact:EC2/BitcoinDomainRequest.Reputation",
    "Impact:Runtime/BitcoinDomainRequest.Reputation",
    "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
    "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS",
    "Policy:Kubernetes/ExposedDashboard",
    "Policy:Kubernetes/AnonymousAccessGranted",
    "Discovery:Kubernetes/SuccessfulAnonymousAccess",
];

/** The EventBridge event GuardDuty sends for a finding of `type` (the fields patterns are written against). */
export function findingEvent(type: string): Record<string, unknown> {
    return { source: "aws.guardduty", "detail-type": "GuardDuty Finding", detail: { type, severity: 8 } };
}

function matchesOne(matcher: unknown, value: unknown, present: boolean): boolean | undefined {
    if (!isObject(matcher)) return present && matcher === value;
    const keys = Object.keys(matcher);
    if (keys.length !== 1) return undefined;
    const op = keys[0]!;
    const arg = matcher[op];
    if (op === "exists") return arg === present;
    if (!present) return op === "anything-but" ? undefined : false;
    const s = typeof value === "string" ? value : undefined;
    switch (op) {
        case "prefix":
            if (isObject(arg) && typeof arg["equals-ignore-case"] === "string") return s?.toLowerCase().startsWith(arg["equals-ignore-case"].toLowerCase()) ?? false;
            return typeof arg === "string" && s !== undefined && s.startsWith(arg);
        case "suffix":
            if (isObject(arg) && typeof arg["equals-ignore-case"] === "string") return s?.toLowerCase().endsWith(arg["equals-ignore-case"].toLowerCase()) ?? false;
            return typeof arg === "string" && s !== undefined && s.endsWith(arg);
        case "equals-ignore-case":
            return typeof arg === "string" && s !== undefined && s.toLowerCase() === arg.toLowerCase();
        case "wildcard":
            return typeof arg === "string" && s !== undefined
                && new RegExp(`^${arg.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(s);
        case "anything-but": {
            if (isObject(arg)) {
                const inner = matchesOne(arg, value, present);
                return inner === undefined ? undefined : !inner;
            }
            const list = Array.isArray(arg) ? arg : [arg];
            return !list.includes(value);
        }
        default:
            return undefined;
    }
}

/**
 * Whether an EventBridge pattern matches an event: true, false, or undefined when the pattern uses something this
 * matcher does not know (`$or`, numeric ranges, CIDR), which callers must treat as "cannot tell".
 * Follows the EventBridge pattern rules: every pattern field must match; a list matches when any entry does.
 */
export function patternMatches(pattern: unknown, event: unknown): boolean | undefined {
    if (!isObject(pattern)) return undefined;
    let unsure = false;
    for (const [key, sub] of Object.entries(pattern)) {
        if (key.startsWith("$")) return undefined;
        const present = isObject(event) && Object.prototype.hasOwnProperty.call(event, key);
        const value = present ? (event as Record<string, unknown>)[key] : undefined;
        let ok: boolean | undefined;
        if (Array.isArray(sub)) {
            const results = sub.map((m) => matchesOne(m, value, present));
            ok = results.includes(true) ? true : results.includes(undefined) ? undefined : false;
        } else if (isObject(sub)) {
            ok = patternMatches(sub, value);
        } else ok = undefined;
        if (ok === false) return false;
        if (ok === undefined) unsure = true;
    }
    return unsure ? undefined : true;
}

/**
 * Which kill-chain finding types a filter's criteria let through to its action. Only a `type` criterion can keep a
 * kill-chain finding out: every other field (severity, resource, account) matches some mining or exfiltration
 * finding, so a filter without one is judged to catch them all.
 */
export function suppressedTypes(criterions: unknown[]): string[] {
    return KILL_CHAIN_FINDINGS.filter((t) => criterions.every((c) => {
        if (!isObject(c) || c.field !== "type") return true;
        const equals = asList(c.equals).filter((x): x is string => typeof x === "string");
        const notEquals = asList(c.notEquals).filter((x): x is string => typeof x === "string");
        if (equals.length > 0 && !equals.includes(t)) return false;
        return !notEquals.includes(t);
    }));
}

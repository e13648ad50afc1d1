import * as policySdk from "@pulumi/policy";

// @pulumi/policy 1.21 exports UnknownValueError at runtime but its .d.ts strips the class (marked @internal).
export const UnknownValueError = (policySdk as unknown as {
    UnknownValueError: new (sentinel: string, props: string[]) => Error;
}).UnknownValueError;

/**
 * Unknown values in a preview. The SDK's proxy throws UnknownValueError on the first unknown read and the whole
 * policy is then skipped for that resource (or, in a stack policy, for the whole stack). Our policies read through
 * `Reads` instead: an unknown value becomes the UNKNOWN marker, the policy keeps checking everything that is known, and
 * when a verdict truly needed an unknown value it ends with a Deferral naming the resource and the value.
 */
export const UNKNOWN: unique symbol = Symbol("unknown until apply");
export type Maybe<T> = T | typeof UNKNOWN;

const SENTINELS = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
]);

/** True for an engine unknown sentinel (works on raw values; proxied reads throw before you can see one). */
export function isUnknownSentinel(v: unknown): boolean {
    return typeof v === "string" && SENTINELS.has(v);
}

/**
 * Thrown at the end of a policy whose verdict needs values known only after create. It is an UnknownValueError, so
 * the SDK reports it the way the engine shows skipped policies ("can't run policy ... during preview: <message>"),
 * as an advisory; `hardened-stack check` lists these as deferrals.
 */
export class Deferral extends UnknownValueError {
    constructor(message: string) {
        super("04da6b54-80e4-46f7-96ec-b56ff0331ba9", []);
        this.message = message;
        this.name = "Deferral";
    }
}

/** Unknown-safe reads for one resource; remembers which paths were unknown. */
export class Reads {
    readonly unknownPaths: string[] = [];

    /** Reads `fn()`; an unknown value (or an unknown anywhere on the way) yields UNKNOWN and is remembered. */
    get<T>(path: string, fn: () => T): Maybe<T> {
        try {
            const v = fn();
            if (isUnknownSentinel(v)) {
                this.unknownPaths.push(path);
                return UNKNOWN;
            }
            return v;
        } catch (e) {
            if (e instanceof UnknownValueError) {
                this.unknownPaths.push(path);
                return UNKNOWN;
            }
            throw e;
        }
    }

    /** Deep copy of a value with every unknown replaced by UNKNOWN (for documents and lists read as a whole). */
    snapshot(path: string, fn: () => unknown): unknown {
        const v = this.get(path, fn);
        if (v === UNKNOWN) return UNKNOWN;
        return this.copy(path, v, 0);
    }

    private copy(path: string, v: unknown, depth: number): unknown {
        if (depth > 32) return v;
        if (Array.isArray(v)) {
            const out: unknown[] = [];
            for (let i = 0; i < v.length; i++) out.push(this.copy(`${path}[${i}]`, this.get(`${path}[${i}]`, () => v[i]), depth + 1));
            return out;
        }
        if (typeof v === "object" && v !== null) {
            const out: Record<string, unknown> = {};
            for (const k of Object.keys(v)) {
                out[k] = this.copy(`${path}.${k}`, this.get(`${path}.${k}`, () => (v as Record<string, unknown>)[k]), depth + 1);
            }
            return out;
        }
        return v;
    }
}

export function deferralMessage(urn: string, paths: string[]): string {
    const unique = [...new Set(paths)];
    return `deferred until apply: ${unique.join(", ")} of ${urn} ${unique.length === 1 ? "is" : "are"} unknown in this preview; the policy decides in \`pulumi up\``;
}

const SPECIAL_TARGET = "__getSpecialProxyTarget";
const OBJECT_SENTINEL = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";

/** The raw value under @pulumi/policy's unknown-checking proxy (reading through it throws on sentinels). */
function raw(v: unknown): unknown {
    if (typeof v !== "object" || v === null) return v;
    const target = (v as Record<string, unknown>)[SPECIAL_TARGET];
    return target === undefined ? v : target;
}

/** True when a sentinel sits anywhere in a raw value (a provider's inputs, say). */
export function holdsUnknown(v: unknown, skipKeys: readonly string[] = []): boolean {
    const r = raw(v);
    if (isUnknownSentinel(r)) return true;
    if (Array.isArray(r)) return r.some((e) => holdsUnknown(e));
    if (typeof r === "object" && r !== null) {
        return Object.entries(r).some(([k, e]) => !skipKeys.includes(k) && holdsUnknown(e));
    }
    return false;
}

/**
 * Props that are unknown as a whole: every read throws UnknownValueError, as reading an unknown object does. Used
 * for a resource whose outputs a preview cannot show (see outputsUnknownInPreview).
 */
function throwUnknown(prop: string): never {
    throw new UnknownValueError(OBJECT_SENTINEL, [prop]);
}

export function unknownProps(): Record<string, unknown> {
    return new Proxy({}, {
        get: (_t, prop) => {
            if (prop === "__isSpecialProxy") return true;
            if (prop === SPECIAL_TARGET) return {};
            if (typeof prop === "symbol" || prop === "then" || prop === "toJSON") return undefined;
            // Thrown for every read of every such resource by every stack policy: without a stack trace, which
            // nobody reads and which costs more than the rest of the read.
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = 0;
            try {
                return throwUnknown(prop);
            } finally {
                Error.stackTraceLimit = limit;
            }
        },
        // `key in props` must not answer "absent": whether a key is there is unknown too, so the read is attempted.
        has: (_t, prop) => typeof prop === "string",
        getOwnPropertyDescriptor: (_t, prop) => (typeof prop === "string" ? { configurable: true, enumerable: false, value: undefined } : undefined),
    });
}

/**
 * In a preview, a new resource whose provider is not yet configured (one of the provider's own inputs is unknown,
 * e.g. a Kubernetes provider built from a cluster that does not exist yet) previews no outputs at all: the engine
 * hands back an empty property map (pulumi/pulumi sdk/go/common/resource/plugin/provider_plugin.go, Create with
 * Preview and unknown config), so AnalyzeStack sends it with no properties. Those properties are unknown, not absent.
 */
export function outputsUnknownInPreview(r: { props: unknown; provider?: { props: unknown } }): boolean {
    if (!r.provider) return false;
    const props = raw(r.props);
    if (typeof props !== "object" || props === null) return false;
    // Cheap first: almost every resource has properties (a for-in stops at the first key; Object.keys would copy them all).
    for (const _ in props) return false;
    return holdsUnknown(r.provider.props, ["version"]);
}

/**
 * Property values as the Pulumi engine holds them, and their wire forms.
 *
 * Follows sdk/go/common/resource/plugin/rpc.go (v3.248.0): the engine unmarshals what the SDK sends with
 * KeepUnknowns, KeepSecrets, KeepResources, KeepOutputValues and UpgradeToOutputValues (source_eval.go
 * RegisterResource), downgrades output values before anything else sees them (downgradeOutputValues), and marshals
 * for each consumer with its own options: transforms keep resources and output values, analyzers keep unknowns and
 * secrets only, the program gets what it accepts. Values stay plain JavaScript where they are plain; the special
 * kinds are small classes.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";

import { ARCHIVE_SIG, ASSET_SIG, OUTPUT_SIG, RESOURCE_SIG, SECRET_SIG, SPECIAL_SIG, UNKNOWN_SENTINEL } from "./constants";
export type UnknownKind = keyof typeof UNKNOWN_SENTINEL;
const KIND_OF_SENTINEL = new Map<string, UnknownKind>(Object.entries(UNKNOWN_SENTINEL).map(([k, v]) => [v, k as UnknownKind]));

/** A value unknown until the resource it comes from is created (resource.Computed). */
export class Computed {
    constructor(readonly kind: UnknownKind = "string") {}
}

/** A secret (resource.Secret). */
export class Secret {
    constructor(readonly value: PropertyValue) {}
}

/** An output value (resource.Output): known or not, secret or not, with the resources it came from. */
export class OutputValue {
    constructor(
        readonly known: boolean,
        readonly value: PropertyValue | undefined,
        readonly secret: boolean,
        readonly dependencies: readonly string[],
    ) {}
}

/** A reference to a resource (resource.ResourceReference). `id` undefined: a component (no ID at all). */
export class ResourceRef {
    constructor(
        readonly urn: string,
        readonly id: string | Computed | undefined,
        readonly name: string,
        readonly type: string,
        readonly packageVersion: string,
    ) {}
}

/** An asset or archive, kept in its serialized form (hash computed as the engine computes it). */
export class AssetValue {
    constructor(readonly sig: typeof ASSET_SIG | typeof ARCHIVE_SIG, readonly fields: Readonly<Record<string, unknown>>) {}
}

export type PropertyValue = null | boolean | number | string | PropertyValue[] | PropertyMap
    | Computed | Secret | OutputValue | ResourceRef | AssetValue;
export interface PropertyMap { [key: string]: PropertyValue }

/** Plain JavaScript as `Struct.toJavaScript()` gives and `Struct.fromJavaScript()` takes. */
export type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

export class PropertyError extends Error {}

function isSpecial(v: unknown): v is Computed | Secret | OutputValue | ResourceRef | AssetValue {
    return v instanceof Computed || v instanceof Secret || v instanceof OutputValue || v instanceof ResourceRef || v instanceof AssetValue;
}

export function isPlainObject(v: unknown): v is PropertyMap {
    return typeof v === "object" && v !== null && !Array.isArray(v) && !isSpecial(v);
}

export interface UnmarshalOptions {
    /** Unknowns and secrets become output values (the RegisterResource path). @default false */
    upgradeToOutputValues?: boolean;
    /** Compute missing asset and archive hashes, reading files relative to this folder. @default - no hashing */
    assetRoot?: string;
    /** For error messages: which property. */
    label?: string;
}

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

function sha256(data: Buffer | string): string {
    return createHash("sha256").update(data).digest("hex");
}

/**
 * The hash the engine computes for an asset or archive (asset.go EnsureHashWithWD, archive.go EnsureHashWithWD).
 * Text and file assets and archive files are hashed as the engine hashes them; an archive the engine would first
 * re-pack into a tar stream (a folder, a map of assets) or a remote URI cannot be reproduced offline: an error.
 */
export function assetHash(sig: string, f: Record<string, unknown>, root: string, label: string): string {
    const path = typeof f.path === "string" && f.path !== "" ? (isAbsolute(f.path) ? f.path : join(root, f.path)) : undefined;
    if (sig === ASSET_SIG) {
        if (typeof f.path === "string" && f.path !== "") {
            if (!existsSync(path!)) throw new PropertyError(`${label}: failed to compute asset hash: failed to open asset file '${path}'`);
            if (statSync(path!).isDirectory()) throw new PropertyError(`${label}: failed to compute asset hash: asset path '${path}' is a directory; try using an archive`);
            return sha256(readFileSync(path!));
        }
        if (typeof f.uri === "string" && f.uri !== "") {
            throw new PropertyError(`${label}: the offline engine cannot read the remote asset ${f.uri} to hash it as the engine does`);
        }
        const text = typeof f.text === "string" ? f.text : "";
        return text === "" ? EMPTY_SHA256 : sha256(text);
    }
    if (path !== undefined) {
        if (!existsSync(path)) throw new PropertyError(`${label}: failed to compute archive hash: couldn't read archive path '${path}'`);
        if (!statSync(path).isDirectory() && /\.(zip|jar|tar|tgz|tar\.gz)$/i.test(path)) return sha256(readFileSync(path));
    }
    throw new PropertyError(`${label}: the offline engine cannot compute the hash of this archive (the engine re-packs it as a tar stream first); use an archive file (.zip, .tar, .tgz)`);
}

/** UnmarshalPropertyValue for one value of the wire form. */
export function unmarshalValue(v: Wire | undefined, o: UnmarshalOptions = {}): PropertyValue {
    const label = o.label ?? "property";
    if (v === undefined || v === null) return null;
    if (typeof v === "boolean" || typeof v === "number") return v;
    if (typeof v === "string") {
        const kind = KIND_OF_SENTINEL.get(v);
        if (kind === undefined) return v;
        return o.upgradeToOutputValues ? new OutputValue(false, undefined, false, []) : new Computed(kind);
    }
    if (Array.isArray(v)) return v.map((e, i) => unmarshalValue(e, { ...o, label: `${label}[${i}]` }));
    const obj: PropertyMap = {};
    for (const k of Object.keys(v).sort()) obj[k] = unmarshalValue(v[k], { ...o, label: `${label}.${k}` });
    if (!(SPECIAL_SIG in obj)) return obj;
    const sig = obj[SPECIAL_SIG];
    switch (sig) {
        case SECRET_SIG: {
            if (!("value" in obj)) throw new PropertyError(`malformed RPC secret: missing value for ${label}`);
            return o.upgradeToOutputValues ? new OutputValue(true, obj.value, true, []) : new Secret(obj.value);
        }
        case RESOURCE_SIG: {
            const urn = obj.urn;
            if (typeof urn !== "string") throw new PropertyError(`malformed resource reference for ${label}: urn not a string`);
            let id: string | Computed | undefined;
            if ("id" in obj) {
                const raw = obj.id;
                if (typeof raw === "string") id = raw === "" ? new Computed() : raw;
                else if (raw instanceof Computed) id = new Computed();
                else if (raw instanceof OutputValue) id = raw.known && typeof raw.value === "string" && raw.value !== "" ? raw.value : new Computed();
                else throw new PropertyError(`malformed resource reference for ${label}: id not a string`);
            }
            const parts = /^urn:pulumi:[^:]*::[^:]*::(.+?)::(.*)$/s.exec(urn);
            const name = typeof obj.name === "string" && obj.name !== "" ? obj.name : parts?.[2] ?? "";
            const type = typeof obj.type === "string" && obj.type !== "" ? obj.type : parts?.[1]?.split("$").pop() ?? "";
            return new ResourceRef(urn, id, name, type, typeof obj.packageVersion === "string" ? obj.packageVersion : "");
        }
        case OUTPUT_SIG: {
            const known = "value" in obj;
            const secret = obj.secret === true;
            if ("secret" in obj && typeof obj.secret !== "boolean") throw new PropertyError(`malformed output value for ${label}: secret not a bool`);
            const depsRaw = obj.dependencies;
            if (depsRaw !== undefined && (!Array.isArray(depsRaw) || depsRaw.some((d) => typeof d !== "string"))) {
                throw new PropertyError(`malformed output value for ${label}: dependencies not an array of strings`);
            }
            return new OutputValue(known, known ? obj.value : undefined, secret, (depsRaw as string[] | undefined) ?? []);
        }
        case ASSET_SIG:
        case ARCHIVE_SIG: {
            const fields: Record<string, unknown> = { ...(v as Record<string, unknown>) };
            if (o.assetRoot !== undefined && typeof fields.hash !== "string") {
                fields.hash = assetHash(sig, fields, o.assetRoot, label);
            }
            return new AssetValue(sig, fields);
        }
        default:
            throw new PropertyError(`unrecognized signature '${String(sig)}' in property map for ${label}`);
    }
}

export function unmarshalProperties(v: Record<string, Wire> | undefined, o: UnmarshalOptions = {}): PropertyMap {
    const out: PropertyMap = {};
    for (const k of Object.keys(v ?? {}).sort()) out[k] = unmarshalValue(v![k], { ...o, label: k });
    return out;
}

/** downgradeOutputValues (source_eval.go): output values become their element, Computed, or Secret. */
export function downgrade(v: PropertyValue): PropertyValue {
    if (v instanceof OutputValue) {
        let r: PropertyValue = v.known ? downgrade(v.value ?? null) : new Computed();
        if (v.secret) r = new Secret(r);
        return r;
    }
    if (Array.isArray(v)) return v.map(downgrade);
    if (v instanceof Secret) return new Secret(downgrade(v.value));
    if (v instanceof ResourceRef) return v;
    if (isPlainObject(v)) return mapValues(v, downgrade);
    return v;
}

export function downgradeProperties(m: PropertyMap): PropertyMap {
    return mapValues(m, downgrade);
}

function mapValues(m: PropertyMap, f: (v: PropertyValue) => PropertyValue): PropertyMap {
    const out: PropertyMap = {};
    for (const k of Object.keys(m)) out[k] = f(m[k]!);
    return out;
}

/** upgradeOutputValues (source_eval.go): attach each property's dependencies as an output value, for transforms. */
export function upgradeWithDependencies(props: PropertyMap, deps: Record<string, readonly string[]>): PropertyMap {
    const out: PropertyMap = {};
    for (const [k, v] of Object.entries(props)) {
        const want = deps[k];
        if (!want || want.length === 0) { out[k] = v; continue; }
        const have = new Set<string>();
        outputDependencies(v, have);
        if (want.every((d) => have.has(d))) { out[k] = v; continue; }
        const base = v instanceof OutputValue ? v : new OutputValue(true, v, false, []);
        const merged = [...new Set([...base.dependencies, ...want])];
        out[k] = new OutputValue(base.known, base.value, base.secret, merged);
    }
    return out;
}

/** addOutputDependencies (source_eval.go): the URNs that output values inside `v` carry. */
export function outputDependencies(v: PropertyValue | undefined, into: Set<string>): Set<string> {
    if (v instanceof OutputValue) {
        if (v.known) outputDependencies(v.value, into);
        for (const d of v.dependencies) into.add(d);
    } else if (v instanceof Secret) {
        outputDependencies(v.value, into);
    } else if (Array.isArray(v)) {
        for (const e of v) outputDependencies(e, into);
    } else if (isPlainObject(v)) {
        for (const e of Object.values(v)) outputDependencies(e, into);
    }
    return into;
}

export interface MarshalOptions {
    keepUnknowns: boolean;
    keepSecrets: boolean;
    keepResources: boolean;
    keepOutputValues: boolean;
    /** Drop keys starting with "__" at the top level (SkipInternalKeys). @default false */
    skipInternalKeys?: boolean;
}

/** What analyzers are sent (analyzer_plugin.go: KeepUnknowns, KeepSecrets, SkipInternalKeys). */
export const FOR_ANALYZER: MarshalOptions = { keepUnknowns: true, keepSecrets: true, keepResources: false, keepOutputValues: false, skipInternalKeys: true };
/** What transforms are sent (source_eval.go wrapTransformCallback). */
export const FOR_TRANSFORM: MarshalOptions = { keepUnknowns: true, keepSecrets: true, keepResources: true, keepOutputValues: true };

/** MarshalPropertyValue. `undefined` means the value is dropped (an unknown when unknowns are not kept). */
export function marshalValue(v: PropertyValue, o: MarshalOptions): Wire | undefined {
    if (v === null || typeof v === "boolean" || typeof v === "number" || typeof v === "string") return v;
    if (Array.isArray(v)) {
        const out: Wire[] = [];
        for (const e of v) {
            const m = marshalValue(e, o);
            if (m !== undefined) out.push(m);
        }
        return out;
    }
    if (v instanceof Computed) return o.keepUnknowns ? UNKNOWN_SENTINEL[v.kind] : undefined;
    if (v instanceof OutputValue) {
        if (!o.keepOutputValues) {
            let r: PropertyValue = v.known ? v.value ?? null : new Computed();
            if (v.secret) r = new Secret(r);
            return marshalValue(r, o);
        }
        const obj: PropertyMap = { [SPECIAL_SIG]: OUTPUT_SIG };
        if (v.known) obj.value = v.value ?? null;
        if (v.secret) obj.secret = true;
        if (v.dependencies.length > 0) obj.dependencies = [...v.dependencies];
        return marshalValue(obj, o);
    }
    if (v instanceof Secret) {
        if (!o.keepSecrets) return marshalValue(v.value, o);
        return marshalValue({ [SPECIAL_SIG]: SECRET_SIG, value: v.value }, o);
    }
    if (v instanceof ResourceRef) {
        if (!o.keepResources) {
            // A custom resource is its ID (unknown until created), a component its URN.
            if (v.id !== undefined) return marshalValue(v.id, o);
            return v.urn;
        }
        const m: PropertyMap = { [SPECIAL_SIG]: RESOURCE_SIG, urn: v.urn };
        if (v.name) m.name = v.name;
        if (v.type) m.type = v.type;
        if (typeof v.id === "string") m.id = v.id;
        else if (v.id instanceof Computed) m.id = "";
        if (v.packageVersion) m.packageVersion = v.packageVersion;
        return marshalValue(m, o);
    }
    if (v instanceof AssetValue) return { ...(v.fields as Record<string, Wire>) };
    return marshalProperties(v, { ...o, skipInternalKeys: false });
}

export function marshalProperties(m: PropertyMap, o: MarshalOptions): { [key: string]: Wire } {
    const out: { [key: string]: Wire } = {};
    for (const k of Object.keys(m).sort()) {
        if (o.skipInternalKeys && k.startsWith("__")) continue;
        const w = marshalValue(m[k]!, { ...o, skipInternalKeys: false });
        if (w !== undefined) out[k] = w;
    }
    return out;
}

/** True when the value holds an unknown anywhere (PropertyValue.ContainsUnknowns). */
export function containsUnknowns(v: PropertyValue | undefined): boolean {
    if (v instanceof Computed) return true;
    if (v instanceof OutputValue) return !v.known || containsUnknowns(v.value);
    if (v instanceof Secret) return containsUnknowns(v.value);
    if (Array.isArray(v)) return v.some(containsUnknowns);
    if (isPlainObject(v)) return Object.values(v).some(containsUnknowns);
    return false;
}

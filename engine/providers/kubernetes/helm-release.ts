/**
 * The provider's Check for a `kubernetes:helm.sh/v3:Release` (provider/pkg/provider/helm_release.go Check,
 * setDefaults, decodeRelease, assignNameIfAutonameable, adoptOldNameIfUnnamed; provider/pkg/helm/upstream.go
 * MergeMaps; provider/pkg/provider/util.go annotateComputed; github.com/mitchellh/mapstructure Decode for the struct,
 * sdk/go/common/util/mapper/mapper_encode.go for `resource.NewPropertyMap(newRelease)`).
 *
 * What Check returns is the `Release` struct written back as a property map: every field of the struct, zero values
 * included (`false`, `""`, `0`), nil pointers left out, keys the struct does not have (`valueYamlFiles`) dropped, the
 * value files merged under `values`. Its one network step is not here: with every input known, Check loads the chart
 * from its repository and replaces `version` with the version it found (a failure to load is a Check failure on
 * `chart`). `chartLoad` in the result says when that step would have run, for the caller to report.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ASSET_SIG, isSecret, isUnknown, SPECIAL_SIG, UNKNOWN } from "../../constants";
import { annotateSecrets } from "./check";
import { goYamlDocument } from "./go-yaml";
import { kubernetesAutoname } from "./naming";
import { containsUnknown, isMapValue, setKey } from "./wire";
import type { Obj } from "./wire";

export const HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";

/** helm_release.go defaultTimeoutSeconds. */
const DEFAULT_TIMEOUT_SECONDS = 300;

type FieldKind = "bool" | "string" | "int" | "*int" | "values" | "*repositoryOpts" | "resourceNames" | "*status";

/** The `Release` struct's fields, in declaration order (the order the mapper writes them), json name and Go type. */
const RELEASE_FIELDS: readonly (readonly [string, FieldKind])[] = [
    ["allowNullValues", "bool"], ["atomic", "bool"], ["chart", "string"], ["cleanupOnFail", "bool"], ["createNamespace", "bool"],
    ["dependencyUpdate", "bool"], ["description", "string"], ["devel", "bool"], ["disableCRDHooks", "bool"],
    ["disableOpenapiValidation", "bool"], ["disableWebhooks", "bool"], ["forceUpdate", "bool"], ["keyring", "string"],
    ["lint", "bool"], ["maxHistory", "*int"], ["name", "string"], ["namespace", "string"], ["postrender", "string"],
    ["recreatePods", "bool"], ["renderSubchartNotes", "bool"], ["replace", "bool"], ["repositoryOpts", "*repositoryOpts"],
    ["resetValues", "bool"], ["reuseValues", "bool"], ["values", "values"], ["skipCrds", "bool"], ["timeout", "int"],
    ["verify", "bool"], ["version", "string"], ["skipAwait", "bool"], ["waitForJobs", "bool"],
    ["resourceNames", "resourceNames"], ["status", "*status"],
];

/** The `RepositoryOpts` struct's fields, in declaration order. */
const REPOSITORY_OPTS_FIELDS = ["repo", "caFile", "certFile", "keyFile", "password", "username"] as const;

export interface HelmReleaseCheckOptions {
    /** The provider's default namespace (its `namespace` config, else the kubeconfig's). @default "" */
    defaultNamespace?: string;
    /** The old inputs of an update (wire form). @default {} - a new resource */
    olds?: Obj;
    /** The folder the provider runs in (the program's), against which a file asset's relative path is read. */
    programDir: string;
    /** `$HOME`, for the keyring Check fills in when `verify` is set. @default process.env.HOME ?? "" */
    home?: string;
}

export interface HelmReleaseCheckResult {
    inputs: Obj;
    /** Every input was known, so the real Check would load the chart here (resolving `version`, or failing on `chart`). */
    chartLoad: boolean;
}

/** A Go `PropertyValue.IsString()` test on a wire value: a plain string that is not the unknown sentinel. */
const isGoString = (v: unknown): v is string => typeof v === "string" && !isUnknown(v);

/** mapReplStripSecrets then mapReplStripComputed: the plain value, unknowns as nil. */
function extractValues(v: unknown): unknown {
    if (isUnknown(v)) return null;
    if (isSecret(v)) return extractValues(v.value);
    if (Array.isArray(v)) return v.map(extractValues);
    if (isMapValue(v)) {
        const out: Obj = {};
        for (const [k, e] of Object.entries(v)) setKey(out, k, extractValues(e));
        return out;
    }
    return v;
}

const isAsset = (v: unknown): v is Obj => isMapValue(v) && v[SPECIAL_SIG] === ASSET_SIG;

/** resource.Asset.Bytes(): a text asset's text, a file asset's file (relative to the provider's folder); nothing remote offline. */
function assetText(asset: Obj, programDir: string): string {
    if (typeof asset.text === "string") return asset.text;
    if (typeof asset.path === "string") {
        try {
            return readFileSync(resolve(programDir, asset.path), "utf8");
        } catch (e) {
            throw new Error(`failed to read asset file '${asset.path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
        }
    }
    const uri = typeof asset.uri === "string" ? asset.uri : "";
    throw new Error(`valueYamlFiles: the remote asset ${uri || "(no source)"} cannot be read offline; \`pulumi preview --policy-pack\` must decide`);
}

/** helm MergeMaps: b's keys win, except that two maps under one key are merged. */
export function mergeMaps(a: Obj, b: Obj): Obj {
    const out: Obj = {};
    for (const [k, v] of Object.entries(a)) setKey(out, k, v);
    for (const [k, v] of Object.entries(b)) {
        const current = out[k];
        if (isMapValue(v) && Object.hasOwn(out, k) && isMapValue(current)) setKey(out, k, mergeMaps(current, v));
        else setKey(out, k, v);
    }
    return out;
}

/** decodeRelease's value files: each a YAML asset unmarshalled into a map and merged in order. */
function valueFiles(v: unknown, programDir: string): Obj {
    let values: Obj = {};
    if (v === null || v === undefined) return values;
    if (!Array.isArray(v)) return values;
    for (const item of v) {
        if (!isAsset(item)) throw new Error(`unsupported type for 'valueYamlFiles' arg: []interface {}`);
        const doc = goYamlDocument(assetText(item, programDir));
        if (doc === null) continue;
        if (!isMapValue(doc)) throw new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(doc)} into Go value of type map[string]interface {}`);
        values = mergeMaps(values, doc);
    }
    return values;
}

/** mapstructure's field lookup: the exact Go field name, else the first key equal to it ignoring case. */
function lookup(m: Obj, jsonName: string): { found: boolean; value: unknown } {
    const goName = jsonName[0]!.toUpperCase() + jsonName.slice(1);
    if (Object.hasOwn(m, goName)) return { found: true, value: m[goName] };
    const key = Object.keys(m).find((k) => k.toLowerCase() === goName.toLowerCase());
    return key === undefined ? { found: false, value: undefined } : { found: true, value: m[key] };
}

function decodeError(field: string, expected: string, value: unknown): Error {
    const shown = typeof value === "object" ? "" : `, value: '${String(value)}'`;
    return new Error(`decoding failure: 1 error(s) decoding: '${field}' expected type '${expected}', got unconvertible type '${goValueType(value)}'${shown}`);
}

/** The JSON kind encoding/json names when a document cannot go into a map. */
const jsonKind = (v: unknown): string => (Array.isArray(v) ? "array" : typeof v === "boolean" ? "bool" : isMapValue(v) ? "object" : typeof v);

/** The Go type of a decoded wire value, as mapstructure names it. */
const goValueType = (v: unknown): string => (Array.isArray(v) ? "[]interface {}" : isMapValue(v) ? "map[string]interface {}"
    : typeof v === "number" ? "float64" : typeof v === "boolean" ? "bool" : "string");

/** mapstructure.Decode of one field (no weak typing: a bool from a bool, a string from a string, an int from a number). */
function decodeField(jsonName: string, kind: FieldKind, value: unknown): unknown {
    const goName = jsonName[0]!.toUpperCase() + jsonName.slice(1);
    switch (kind) {
        case "bool":
            if (typeof value !== "boolean") throw decodeError(goName, "bool", value);
            return value;
        case "string":
            if (typeof value !== "string") throw decodeError(goName, "string", value);
            return value;
        case "int":
        case "*int":
            if (typeof value !== "number") throw decodeError(goName, "int", value);
            return Math.trunc(value);
        case "values":
            if (!isMapValue(value)) throw decodeError(goName, "map[string]interface {}", value);
            return value;
        case "*repositoryOpts": {
            if (!isMapValue(value)) throw decodeError(goName, "struct", value);
            const out: Obj = {};
            for (const f of REPOSITORY_OPTS_FIELDS) {
                const got = lookup(value, f);
                const s = got.found && got.value !== null ? got.value : "";
                if (typeof s !== "string") throw decodeError(`${goName}.${f[0]!.toUpperCase()}${f.slice(1)}`, "string", s);
                setKey(out, f, s);
            }
            return out;
        }
        case "resourceNames":
            // Deleted from Check's result: only its type matters here.
            if (!isMapValue(value)) throw decodeError(goName, "map[string][]string", value);
            return value;
        case "*status":
            // An output of the provider; no SDK sends it, and what the struct would make of it is not emulated.
            throw new Error(`${HELM_RELEASE_TYPE}: a \`status\` input cannot be checked offline; \`pulumi preview --policy-pack\` must decide`);
    }
}

/** util.go annotateComputed: where an input was unknown, the output is unknown. */
function annotateComputed(outs: Obj, ins: Obj): void {
    for (const [key, inValue] of Object.entries(ins)) {
        if (!Object.hasOwn(outs, key)) continue;
        setKey(outs, key, annotateComputedValue(outs[key], inValue));
    }
}

function annotateComputedValue(out: unknown, input: unknown): unknown {
    if (isSecret(input)) return annotateComputedValue(out, input.value);
    if (!isUnknown(out) && isUnknown(input)) return UNKNOWN;
    if (isMapValue(out) && isMapValue(input)) annotateComputed(out, input);
    else if (Array.isArray(out) && Array.isArray(input)) for (let i = 0; i < input.length && i < out.length; i++) out[i] = annotateComputedValue(out[i], input[i]);
    return out;
}

/**
 * The Release's checked inputs (wire form in, wire form out), or a thrown one-line error where the provider returns
 * one. Check's chart load is the caller's to report (`chartLoad`).
 */
export function helmReleaseCheck(urn: string, inputs: Obj, options: HelmReleaseCheckOptions): HelmReleaseCheckResult {
    const news: Obj = {};
    for (const [k, v] of Object.entries(inputs)) setKey(news, k, v);
    const olds = options.olds ?? {};

    // adoptOldNameIfUnnamed, then assignNameIfAutonameable.
    if (Object.keys(olds).length > 0 && !Object.hasOwn(news, "name")) {
        if (!isGoString(olds.name) || olds.name === "") throw new Error(`${HELM_RELEASE_TYPE}: expected 'name' value to be nonempty in the old inputs`);
        setKey(news, "name", olds.name);
    }
    if (!Object.hasOwn(news, "name") || news.name === "") setKey(news, "name", kubernetesAutoname(urn));

    // setDefaults.
    if (!Object.hasOwn(news, "namespace") || news.namespace === "") setKey(news, "namespace", options.defaultNamespace ?? "");
    if (!Object.hasOwn(news, "skipAwait") || news.skipAwait === false) {
        if (!Object.hasOwn(news, "timeout")) setKey(news, "timeout", DEFAULT_TIMEOUT_SECONDS);
    }
    if (news.verify === true && (!Object.hasOwn(news, "keyring") || news.keyring === "")) {
        setKey(news, "keyring", `${options.home ?? process.env.HOME ?? ""}/.gnupg/pubring.gpg`);
    }

    // decodeRelease: the value files first (their assets read as bytes), then the struct, then values merged over them.
    const stripped = extractValues(news) as Obj;
    const fromFiles = Object.hasOwn(stripped, "valueYamlFiles") ? valueFiles(stripped.valueYamlFiles, options.programDir) : {};
    const release: Obj = {};
    for (const [jsonName, kind] of RELEASE_FIELDS) {
        const got = lookup(stripped, jsonName);
        if (!got.found || got.value === null) continue;
        setKey(release, jsonName, decodeField(jsonName, kind, got.value));
    }
    setKey(release, "values", mergeMaps(fromFiles, isMapValue(release.values) ? release.values : {}));
    const chartLoad = !containsUnknown(news);

    // resource.NewPropertyMap(newRelease): every field, zero values included, nil pointers and nil maps left out.
    const out: Obj = {};
    for (const [jsonName, kind] of RELEASE_FIELDS) {
        const v = release[jsonName];
        switch (kind) {
            case "bool": setKey(out, jsonName, v ?? false); break;
            case "string": setKey(out, jsonName, v ?? ""); break;
            case "int": setKey(out, jsonName, v ?? 0); break;
            default: if (v !== undefined) setKey(out, jsonName, v);
        }
    }
    delete out.resourceNames;

    // What was unknown stays unknown; what was secret stays secret (the provider accepts secrets from the engine).
    annotateComputed(out, inputs);
    annotateSecrets(out, inputs);
    return { inputs: out, chartLoad };
}


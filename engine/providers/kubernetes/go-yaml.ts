/**
 * One YAML document as sigs.k8s.io/yaml v1.6.0 Unmarshal gives it: go-yaml v2's decoder (aliases, `<<` merges, a
 * later key wins), then convertToJSONableObject and a JSON round trip (YAML -> Go values -> JSON ->
 * map[string]interface{}).
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments } from "yaml";
import type { Alias, Document } from "yaml";
import { INT64_MAX, resolvePlain, resolveTagged, shortTag, str } from "./go-yaml-scalars";
import type { GoScalar } from "./go-yaml-scalars";
import { setKey } from "./wire";
import type { Obj } from "./wire";

interface GoMap {
    t: "map";
    entries: Map<string, { key: GoScalar; value: GoValue }>;
}
type GoValue = GoScalar | GoMap | GoValue[];

type YamlNode = unknown;

function isMergeKey(k: YamlNode): boolean {
    if (!isScalar(k) || String(k.value) !== "<<") return false;
    return k.tag ? shortTag(k.tag) === "!!merge" : k.type === "PLAIN";
}

class GoYamlReader {
    private readonly active = new Set<unknown>();
    constructor(private readonly doc: Document) {}

    value(node: YamlNode): GoValue {
        if (node === null || node === undefined) return { t: "null" };
        if (isAlias(node)) return this.viaAlias(node, (target) => this.value(target));
        if (isScalar(node)) {
            const text = node.value === null || node.value === undefined ? "" : String(node.value);
            if (node.tag) return resolveTagged(shortTag(node.tag), text);
            // Quoted and block scalars are strings; only plain ones are resolved (go-yaml's `implicit`).
            return node.type === "PLAIN" || node.type === undefined ? resolvePlain(text) : str(text);
        }
        if (isMap(node)) {
            const out: GoMap = { t: "map", entries: new Map() };
            this.mappingInto(node, out);
            return out;
        }
        if (isSeq(node)) return node.items.map((i) => this.value(i));
        throw new Error("yaml: unsupported node");
    }

    private viaAlias<T>(node: Alias, f: (target: YamlNode) => T): T {
        const target = node.resolve(this.doc);
        if (target === undefined) throw new Error(`yaml: unknown anchor '${node.source}' referenced`);
        if (this.active.has(target)) throw new Error(`yaml: anchor '${node.source}' value contains itself`);
        this.active.add(target);
        try {
            return f(target);
        } finally {
            this.active.delete(target);
        }
    }

    /** go-yaml v2 decoder.mapping: keys in order, a later key wins, and a `<<` merge writes its keys where it stands. */
    private mappingInto(node: YamlNode, out: GoMap): void {
        if (!isMap(node)) throw new Error("yaml: map merge requires map or sequence of maps as the value");
        for (const pair of node.items) {
            if (isMergeKey(pair.key)) {
                this.merge(pair.value, out);
                continue;
            }
            const key = this.value(pair.key);
            if (Array.isArray(key) || key.t === "map") throw new Error("yaml: invalid map key: a map or a sequence");
            out.entries.set(`${key.t}:${"v" in key ? String(key.v) : ""}`, { key, value: this.value(pair.value) });
        }
    }

    private merge(node: YamlNode, out: GoMap): void {
        if (isAlias(node)) return this.viaAlias(node, (target) => this.mappingInto(target, out));
        if (isMap(node)) return this.mappingInto(node, out);
        if (!isSeq(node)) throw new Error("yaml: map merge requires map or sequence of maps as the value");
        // Earlier maps of the sequence take precedence, so they are merged last.
        for (const item of [...node.items].reverse()) {
            if (isAlias(item)) this.viaAlias(item, (target) => this.mappingInto(target, out));
            else this.mappingInto(item, out);
        }
    }
}

/** strconv.FormatFloat(f, 'g', -1, 32): how sigs.k8s.io/yaml names a float map key. */
function formatFloat32(f: number): string {
    if (Number.isNaN(f)) return ".nan";
    const f32 = Math.fround(f);
    if (f32 === Infinity) return ".inf";
    if (f32 === -Infinity) return "-.inf";
    if (f32 === 0) return Object.is(f32, -0) ? "-0" : "0";
    let digits = "";
    let exp = 0;
    for (let p = 1; p <= 9; p++) {
        const [mant, e] = Math.abs(f32).toExponential(p - 1).split("e");
        if (Math.fround(Number(`${mant}e${e}`)) === Math.abs(f32)) {
            digits = mant!.replace(".", "");
            exp = Number(e);
            break;
        }
    }
    const sign = f32 < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
        const e = `${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
        return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${e}`;
    }
    if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    const frac = digits.slice(exp + 1);
    return `${sign}${whole}${frac ? `.${frac}` : ""}`;
}

/** sigs.k8s.io/yaml convertToJSONableObject + json.Marshal + json.Unmarshal: keys become strings, numbers float64. */
function toJsonValue(v: GoValue): unknown {
    if (Array.isArray(v)) return v.map(toJsonValue);
    switch (v.t) {
        case "null":
            return null;
        case "bool":
        case "str":
            return v.v;
        case "int":
            return Number(v.v);
        case "float":
            if (!Number.isFinite(v.v)) throw new Error(`error converting YAML to JSON: json: unsupported value: ${Number.isNaN(v.v) ? "NaN" : v.v > 0 ? "+Inf" : "-Inf"}`);
            return v.v;
        case "map": {
            const out: Obj = {};
            for (const { key, value } of v.entries.values()) setKey(out, jsonKey(key), toJsonValue(value));
            return out;
        }
    }
}

function jsonKey(k: GoScalar): string {
    switch (k.t) {
        case "str":
            return k.v;
        case "bool":
            return String(k.v);
        case "int":
            if (k.v > INT64_MAX) throw new Error(`error converting YAML to JSON: unsupported map key of type: uint64, key: ${k.v}`);
            return k.v.toString();
        case "float":
            return formatFloat32(k.v);
        case "null":
            throw new Error("error converting YAML to JSON: unsupported map key of type: <nil>");
    }
}

/** One YAML document as sigs.k8s.io/yaml.Unmarshal gives it (only its first document counts, as with go-yaml). */
export function goYamlDocument(text: string): unknown {
    const docs = parseAllDocuments(text, { schema: "failsafe", uniqueKeys: false, version: "1.1" });
    const doc = Array.isArray(docs) ? docs[0] : undefined;
    if (!doc) return null;
    if (doc.errors.length > 0) throw new Error(`error converting YAML to JSON: yaml: ${doc.errors[0]!.message.split("\n")[0]}`);
    return toJsonValue(new GoYamlReader(doc).value(doc.contents));
}

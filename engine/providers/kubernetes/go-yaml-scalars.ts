/**
 * How go-yaml v2 (resolve.go, decode.go) reads a scalar: the YAML 1.1 words, integers in Go's strconv syntax, floats,
 * and the core tags an explicit tag must agree with.
 */

export type GoScalar = { t: "null" } | { t: "bool"; v: boolean } | { t: "int"; v: bigint } | { t: "float"; v: number } | { t: "str"; v: string };

export const str = (v: string): GoScalar => ({ t: "str", v });
const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

// go-yaml v2 resolve.go: the words it reads as something other than a string (YAML 1.1: yes/no/on/off are booleans).
const RESOLVE_WORDS = new Map<string, GoScalar>();
for (const w of ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]) RESOLVE_WORDS.set(w, { t: "bool", v: true });
for (const w of ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]) RESOLVE_WORDS.set(w, { t: "bool", v: false });
for (const w of ["", "~", "null", "Null", "NULL"]) RESOLVE_WORDS.set(w, { t: "null" });
for (const w of [".nan", ".NaN", ".NAN"]) RESOLVE_WORDS.set(w, { t: "float", v: NaN });
for (const w of [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]) RESOLVE_WORDS.set(w, { t: "float", v: Infinity });
for (const w of ["-.inf", "-.Inf", "-.INF"]) RESOLVE_WORDS.set(w, { t: "float", v: -Infinity });
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** strconv.ParseUint(s, 0, 64): 0x/0o/0b prefixes, a bare leading 0 is octal. */
function goParseUint(s: string): bigint | "syntax" | "range" {
    if (s === "") return "syntax";
    let base = 10n;
    let digits = s;
    if (s[0] === "0") {
        const p = s.length >= 3 ? s[1]!.toLowerCase() : "";
        if (p === "b" || p === "o" || p === "x") {
            base = p === "b" ? 2n : p === "o" ? 8n : 16n;
            digits = s.slice(2);
        } else {
            base = 8n;
            digits = s.slice(1);
        }
    }
    let n = 0n;
    for (const c of digits.toLowerCase()) {
        const d = c >= "0" && c <= "9" ? BigInt(c.charCodeAt(0) - 48) : c >= "a" && c <= "z" ? BigInt(c.charCodeAt(0) - 87) : 99n;
        if (d >= base) return "syntax";
        n = n * base + d;
        if (n > UINT64_MAX) return "range";
    }
    return n;
}

function goParseInt(s: string): bigint | "syntax" | "range" {
    const neg = s[0] === "-";
    const u = goParseUint(s[0] === "-" || s[0] === "+" ? s.slice(1) : s);
    if (typeof u === "string") return u;
    if (neg ? -u < INT64_MIN : u > INT64_MAX) return "range";
    return neg ? -u : u;
}

/** go-yaml v2 resolve() for an untagged plain scalar: null, bool, int, float, or the string itself. */
export function resolvePlain(text: string): GoScalar {
    const word = RESOLVE_WORDS.get(text);
    if (word) return word;
    const c = text[0]!;
    if (c === ".") {
        return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? { t: "float", v: Number(text) } : str(text);
    }
    if (!(c === "+" || c === "-" || (c >= "0" && c <= "9"))) return str(text);
    // Timestamps also start with a digit, but a Go interface{} target gets their text back, so they end as strings.
    const plain = text.replaceAll("_", "");
    const i = goParseInt(plain);
    if (typeof i === "bigint") return { t: "int", v: i };
    const u = goParseUint(plain);
    if (typeof u === "bigint") return { t: "int", v: u };
    if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return { t: "float", v: Number(plain) };
    return str(text);
}

const YAML_TAG = "tag:yaml.org,2002:";
export const shortTag = (tag: string): string => (tag.startsWith(YAML_TAG) ? `!!${tag.slice(YAML_TAG.length)}` : tag);
const goTagOf = (s: GoScalar): string => ({ null: "!!null", bool: "!!bool", int: "!!int", float: "!!float", str: "!!str" })[s.t];

/** A scalar with an explicit tag: core tags resolve and must agree (`!!float` takes an int); others stay text. */
export function resolveTagged(tag: string, text: string): GoScalar {
    if (tag === "!!str" || tag === "!!timestamp") return str(text);
    if (tag === "!!binary") {
        const b64 = text.replace(/[\r\n]/g, "");
        if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64)) throw new Error("yaml: !!binary value contains invalid base64 data");
        return str(Buffer.from(b64, "base64").toString("utf8"));
    }
    if (!["!!bool", "!!int", "!!float", "!!null"].includes(tag)) return str(text);
    const r = resolvePlain(text);
    if (goTagOf(r) === tag) return r;
    if (tag === "!!float" && r.t === "int") return { t: "float", v: Number(r.v) };
    throw new Error(`yaml: cannot decode ${goTagOf(r)} \`${text}\` as a ${tag}`);
}

/**
 * `aws.iam.getPolicyDocument` answered offline as the AWS provider answers it. The provider computes it locally, from
 * its arguments alone, so the offline engine can give a policy pack byte for byte the `json` a real preview gives.
 *
 * The upstream code followed is hashicorp/terraform-provider-aws:
 * - internal/service/iam/policy_document_data_source.go: the schema (defaults, validation), the Read function
 *   (source docs, then this doc, then override docs; `&{` becomes `${`), and the MakePrincipals/MakeConditions
 *   helpers.
 * - internal/service/iam/policy_model.go: iamPolicyDoc.Merge, the principal and condition set (un)marshalling, and
 *   policyDecodeConfigStrings.
 * - internal/create/hashcode.go: the `id`, which is the CRC-32 of `json`.
 *
 * It also depends on how Go's encoding/json and terraform-plugin-sdk v2 behave, so those are reproduced here too:
 * struct field order, map keys sorted by byte, HTML-safe string escapes, MarshalIndent with two spaces, set dedupe
 * and set order, and "" dropped from top-level lists.
 *
 * Where the provider's answer depends on something this file does not reproduce, it throws. It never guesses.
 */
import { isSecret, isUnknown } from "../constants";
import type { Props } from "./aws-outputs";

const WHO = "aws.iam.getPolicyDocument";
const VERSIONS = ["2008-10-17", "2012-10-17"];
const EFFECTS = ["Allow", "Deny"];

/** A refusal: the provider's answer here is something the offline engine does not reproduce. */
function refuse(path: string, why: string): never {
    throw new Error(`${WHO}: ${path}: ${why}; the offline engine refuses rather than guess (fail closed)`);
}

// ---------------------------------------------------------------------------------------------------------------
// Go's encoding/json output, byte for byte.

/** A JSON object in the key order Go writes it: struct fields in declaration order, map keys sorted by byte. */
class GoObject {
    constructor(readonly fields: readonly (readonly [string, GoJson])[]) {}
}
type GoJson = string | readonly GoJson[] | GoObject;

/** Go compares strings by UTF-8 byte (sort.Strings, slices.Sort, `>`); JS `<` compares UTF-16 units. */
function byBytes(a: string, b: string): number {
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** A Go map: encoding/json writes its keys sorted. */
function goMap(entries: Iterable<readonly [string, GoJson]>): GoObject {
    return new GoObject([...entries].sort(([a], [b]) => byBytes(a, b)));
}

const HEX = "0123456789abcdef";

/**
 * A string as json.Marshal writes it. Escaping HTML is on by default, so `<`, `>` and `&` come out as \u003c and so
 * on. Since Go 1.22 \b and \f have short escapes. U+2028 and U+2029 are escaped too (encode.go appendString).
 */
function goString(s: string): string {
    let out = "\"";
    for (const ch of s) {
        const c = ch.codePointAt(0)!;
        if (c >= 0x20 && c < 0x80 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26) out += ch;
        else if (c === 0x22) out += "\\\"";
        else if (c === 0x5c) out += "\\\\";
        else if (c === 0x08) out += "\\b";
        else if (c === 0x0c) out += "\\f";
        else if (c === 0x0a) out += "\\n";
        else if (c === 0x0d) out += "\\r";
        else if (c === 0x09) out += "\\t";
        else if (c < 0x80) out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
        else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
        // Only a \ud800-style escape in a merged document gets here: Go would have decoded it as U+FFFD.
        else if (c >= 0xd800 && c <= 0xdfff) refuse("json", "a lone UTF-16 surrogate is not reproduced");
        else out += ch;
    }
    return out + "\"";
}

/**
 * json.Marshal when `indent` is false. When it is true, json.MarshalIndent(v, "", "  "): an empty array or object
 * stays `[]` / `{}`, and a colon is followed by one space (indent.go).
 */
function goEncode(v: GoJson, indent: boolean, depth = 0): string {
    if (typeof v === "string") return goString(v);
    const items = v instanceof GoObject ? v.fields.map(([k, x]) => `${goString(k)}:${indent ? " " : ""}${goEncode(x, indent, depth + 1)}`)
        : (v as readonly GoJson[]).map((x) => goEncode(x, indent, depth + 1));
    const [open, close] = v instanceof GoObject ? ["{", "}"] : ["[", "]"];
    if (items.length === 0) return open + close;
    if (!indent) return open + items.join(",") + close;
    const pad = "  ".repeat(depth + 1);
    return `${open}\n${pad}${items.join(`,\n${pad}`)}\n${"  ".repeat(depth)}${close}`;
}

// ---------------------------------------------------------------------------------------------------------------
// CRC-32 (IEEE), used twice: create.StringHashcode for the `id`, and the SDK's set hash for set order.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});

export function crc32(s: string): number {
    let c = 0xffffffff;
    for (const b of Buffer.from(s, "utf8")) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}

/**
 * The SDK's order for a set: elements are deduplicated by hash code, and List() returns them with their codes sorted
 * as decimal strings (schema/set.go listCode). The hash is the CRC-32 of SerializeValueForHash /
 * SerializeResourceForHash (schema/serialize.go), which `serialized` gives for one element.
 */
function sdkSet<T>(items: readonly T[], serialized: (item: T) => string): T[] {
    const byCode = new Map<string, T>();
    for (const item of items) {
        const code = String(crc32(serialized(item)));
        if (!byCode.has(code)) byCode.set(code, item);
    }
    return [...byCode.keys()].sort().map((code) => byCode.get(code)!);
}

const stringSet = (l: readonly string[]): string[] => sdkSet(l, (s) => `${s};`);

// ---------------------------------------------------------------------------------------------------------------
// The model of policy_model.go. A `Strings` holds what the Go `any` field holds: one string, or a slice of strings.

type Strings = string | string[];
interface Principal { type: string; identifiers: Strings }
interface Condition { test: string; variable: string; values: Strings }
interface Statement {
    sid: string;
    effect: string;
    action?: Strings;
    notAction?: Strings;
    resource?: Strings;
    notResource?: Strings;
    principal?: Principal[];
    notPrincipal?: Principal[];
    condition?: Condition[];
}
interface Doc { version: string; id: string; statements: Statement[] }

/** policyDecodeConfigStrings: a single element becomes a bare string; otherwise the list, sorted then reversed. */
function decodeConfigStrings(l: readonly string[]): Strings {
    return l.length === 1 ? l[0]! : [...l].sort(byBytes).reverse();
}

/**
 * iamPolicyStatementPrincipalSet.MarshalJSON. A single `*` principal of type `*` becomes the bare string "*". Only
 * that case does: `{"AWS": "*"}` stays an object, because IAM refuses `"*"` in a role trust policy.
 */
function principalsJson(ps: readonly Principal[]): GoJson {
    if (ps.length === 1 && ps[0]!.type === "*") {
        const ids = ps[0]!.identifiers;
        if (ids === "*" || (Array.isArray(ids) && ids.length === 1 && ids[0] === "*")) return "*";
    }
    const raw = new Map<string, Strings>();
    for (const p of ps) {
        const cur = raw.get(p.type);
        if (Array.isArray(p.identifiers)) {
            // Sorted and reversed again here, after `&{` became `${` (so the order can differ from the config's).
            const base = cur === undefined ? [] : typeof cur === "string" ? [cur] : cur;
            raw.set(p.type, [...base, ...[...p.identifiers].sort(byBytes).reverse()]);
        } else {
            raw.set(p.type, cur === undefined ? p.identifiers : typeof cur === "string" ? [cur, p.identifiers] : [...cur, p.identifiers]);
        }
    }
    return goMap(raw);
}

/**
 * iamPolicyStatementConditionSet.MarshalJSON. Values for the same test and variable are concatenated, with no
 * sorting because their order matters. A single value becomes a bare string.
 */
function conditionsJson(cs: readonly Condition[]): GoJson {
    const raw = new Map<string, Map<string, string[]>>();
    for (const c of cs) {
        const byVar = raw.get(c.test) ?? new Map<string, string[]>();
        raw.set(c.test, byVar);
        byVar.set(c.variable, [...byVar.get(c.variable) ?? [], ...typeof c.values === "string" ? [c.values] : c.values]);
    }
    return goMap([...raw].map(([test, byVar]) => [test, goMap([...byVar].map(([v, l]) => [v, l.length === 1 ? l[0]! : l]))]));
}

/** iamPolicyStatement in its field order. Every field is `omitempty`, so an empty slice or "" is left out. */
function statementJson(s: Statement): GoObject {
    const f: [string, GoJson][] = [];
    if (s.sid !== "") f.push(["Sid", s.sid]);
    if (s.effect !== "") f.push(["Effect", s.effect]);
    for (const [key, v] of [["Action", s.action], ["NotAction", s.notAction], ["Resource", s.resource], ["NotResource", s.notResource]] as const) {
        if (v !== undefined) f.push([key, v]);
    }
    if (s.principal?.length) f.push(["Principal", principalsJson(s.principal)]);
    if (s.notPrincipal?.length) f.push(["NotPrincipal", principalsJson(s.notPrincipal)]);
    if (s.condition?.length) f.push(["Condition", conditionsJson(s.condition)]);
    return new GoObject(f);
}

function docJson(d: Doc): GoObject {
    const f: [string, GoJson][] = [];
    if (d.version !== "") f.push(["Version", d.version]);
    if (d.id !== "") f.push(["Id", d.id]);
    if (d.statements.length > 0) f.push(["Statement", d.statements.map(statementJson)]);
    return new GoObject(f);
}

/**
 * iamPolicyDoc.Merge. The newer doc's Id wins when it has one. The Version becomes the greater of the two (compared
 * as strings). A statement whose Sid matches one already present replaces it in place; any other statement is
 * appended.
 */
function merge(into: Doc, from: Doc): void {
    if (from.id !== "") into.id = from.id;
    if (byBytes(from.version, into.version) > 0) into.version = from.version;
    for (const st of from.statements) {
        const i = st.sid === "" ? -1 : into.statements.findIndex((e) => e.sid === st.sid);
        if (i >= 0) into.statements[i] = st;
        else into.statements.push(st);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Source and override documents: json.Unmarshal into iamPolicyDoc, with Go's rules.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: Json): v is { [k: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The struct fields the JSON names. Go takes a key that matches a field case-insensitively. These are refused, so
 * that a key is never guessed to be a field. Unknown keys are dropped, as Go drops them.
 */
function fields(o: { [k: string]: Json }, names: readonly string[], path: string): Map<string, Json> {
    const out = new Map<string, Json>();
    for (const [k, v] of Object.entries(o)) {
        if (names.includes(k)) out.set(k, v);
        else if (/[^\x20-\x7e]/.test(k) || names.some((n) => n.toLowerCase() === k.toLowerCase())) {
            refuse(`${path}.${k}`, "Go would match this key to a field case-insensitively");
        }
    }
    return out;
}

function goStringField(v: Json | undefined, path: string): string {
    if (v === undefined || v === null) return "";
    if (typeof v !== "string") refuse(path, `json.Unmarshal fails on a ${typeof v} where the provider wants a string`);
    return v;
}

/** An `any` field (Action, Resource, ...): Go keeps the JSON as it is, in its order, and writes it back. */
function anyField(v: Json | undefined, path: string): Strings | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v;
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
    return refuse(path, "only a string or a list of strings is reproduced here");
}

/** iamPolicyStatementPrincipalSet.UnmarshalJSON. Any bare string means everyone, whatever it says. */
function principalsFromJson(v: Json | undefined, path: string): Principal[] | undefined {
    if (v === undefined) return undefined;
    if (typeof v === "string") return [{ type: "*", identifiers: ["*"] }];
    if (!isObject(v)) return refuse(path, "the provider fails on a principal that is neither a string nor an object");
    return Object.entries(v).map(([type, ids]) => {
        if (typeof ids === "string") return { type, identifiers: ids };
        if (Array.isArray(ids) && ids.every((x) => typeof x === "string")) return { type, identifiers: [...ids as string[]].sort(byBytes) };
        return refuse(`${path}.${type}`, "the provider fails on identifiers that are not strings");
    });
}

/**
 * iamPolicyStatementConditionSet.UnmarshalJSON. A bool becomes "true" or "false". A list is kept in its order. The
 * provider drops any other value without a word, and this file refuses it instead of dropping a condition.
 */
function conditionsFromJson(v: Json | undefined, path: string): Condition[] | undefined {
    if (v === undefined) return undefined;
    if (!isObject(v)) return refuse(path, "only an object of tests is reproduced here");
    const out: Condition[] = [];
    for (const [test, vars] of Object.entries(v)) {
        if (!isObject(vars)) refuse(`${path}.${test}`, "only an object of condition keys is reproduced here");
        for (const [variable, values] of Object.entries(vars)) {
            const where = `${path}.${test}.${variable}`;
            if (typeof values === "string") out.push({ test, variable, values: [values] });
            else if (typeof values === "boolean") out.push({ test, variable, values: String(values) });
            else if (Array.isArray(values) && values.every((x) => typeof x === "string")) out.push({ test, variable, values: values as string[] });
            else refuse(where, "the provider drops or fails on a condition value that is not a string, a bool or a list of strings");
        }
    }
    return out;
}

const DOC_FIELDS = ["Version", "Id", "Statement"];
const STATEMENT_FIELDS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"];

function statementFromJson(v: Json, path: string): Statement {
    // A null element is a nil *iamPolicyStatement, and Merge panics on it. An element that is not an object is an
    // unmarshal error.
    if (!isObject(v)) return refuse(path, "the provider fails on a statement that is not an object");
    const f = fields(v, STATEMENT_FIELDS, path);
    for (const k of ["Principal", "NotPrincipal", "Condition"]) {
        if (f.get(k) === null) refuse(`${path}.${k}`, "how the provider takes a null here is not reproduced");
    }
    return {
        sid: goStringField(f.get("Sid"), `${path}.Sid`),
        effect: goStringField(f.get("Effect"), `${path}.Effect`),
        action: anyField(f.get("Action"), `${path}.Action`),
        notAction: anyField(f.get("NotAction"), `${path}.NotAction`),
        resource: anyField(f.get("Resource"), `${path}.Resource`),
        notResource: anyField(f.get("NotResource"), `${path}.NotResource`),
        principal: principalsFromJson(f.get("Principal"), `${path}.Principal`),
        notPrincipal: principalsFromJson(f.get("NotPrincipal"), `${path}.NotPrincipal`),
        condition: conditionsFromJson(f.get("Condition"), `${path}.Condition`),
    };
}

function docFromJson(text: string, path: string): Doc {
    let v: Json;
    try {
        v = JSON.parse(text) as Json;
    } catch (e) {
        // validation.StringIsJSON refuses it first. Its message carries Go's parser error, which is not reproduced.
        return refuse(path, `"${path}" contains an invalid JSON (${(e as Error).message})`);
    }
    const doc: Doc = { version: "", id: "", statements: [] };
    if (v === null) return doc; // json.Unmarshal of null into a struct leaves it as it is
    if (!isObject(v)) return refuse(path, "the provider fails on a document that is not a JSON object");
    const f = fields(v, DOC_FIELDS, path);
    doc.version = goStringField(f.get("Version"), `${path}.Version`);
    doc.id = goStringField(f.get("Id"), `${path}.Id`);
    const st = f.get("Statement");
    if (st !== undefined && st !== null) {
        if (!Array.isArray(st)) return refuse(`${path}.Statement`, "the provider fails on a Statement that is not a list");
        doc.statements = st.map((s, i) => statementFromJson(s, `${path}.Statement[${i}]`));
    }
    return doc;
}

// ---------------------------------------------------------------------------------------------------------------
// The arguments, as the Pulumi SDK sends them (camelCase), checked the way the provider's schema checks them.

interface PrincipalArg { type: string; identifiers: string[] }
interface ConditionArg { test: string; variable: string; values: string[] }
interface StatementArg {
    sid: string;
    effect: string;
    actions: string[];
    notActions: string[];
    resources: string[];
    notResources: string[];
    principals: PrincipalArg[];
    notPrincipals: PrincipalArg[];
    conditions: ConditionArg[];
}

/** Set-hash serializations (SerializeResourceForHash: schema keys sorted, each `key:value;`, a set in `{}`). */
const principalHash = (p: PrincipalArg): string => `identifiers:{${stringSet(p.identifiers).map((s) => `${s};`).join("")}};type:${p.type};`;
const conditionHash = (c: ConditionArg): string => `test:${c.test};values:(${c.values.map((s) => `${s};`).join("")});variable:${c.variable};`;

function plainString(v: unknown, path: string): string {
    if (isUnknown(v)) refuse(path, "the value is unknown in this preview");
    if (isSecret(v)) refuse(path, "a secret argument is not reproduced");
    if (typeof v !== "string") refuse(path, `expected a string, got ${v === null ? "null" : typeof v}`);
    // Go holds UTF-8: a lone surrogate would reach the provider as U+FFFD, a string this file cannot vouch for.
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(v)) refuse(path, "a lone UTF-16 surrogate is not reproduced");
    return v;
}

function stringList(v: unknown, path: string): string[] {
    if (v === undefined || v === null) return [];
    if (isUnknown(v)) refuse(path, "the value is unknown in this preview");
    if (!Array.isArray(v)) refuse(path, "expected a list of strings");
    return v.map((x, i) => plainString(x, `${path}[${i}]`));
}

function record(v: unknown, allowed: readonly string[], path: string): Props {
    if (isUnknown(v)) refuse(path, "the value is unknown in this preview");
    if (typeof v !== "object" || v === null || Array.isArray(v) || isSecret(v)) refuse(path, "expected an object");
    const o = v as Props;
    for (const k of Object.keys(o)) if (!allowed.includes(k)) refuse(`${path}.${k}`, "not an argument of this data source");
    return o;
}

function list(v: unknown, path: string): unknown[] {
    if (v === undefined || v === null) return [];
    if (isUnknown(v) || !Array.isArray(v)) refuse(path, "expected a list");
    return v;
}

/** A Required attribute: an empty list is a case whose path through the bridge this file does not reproduce. */
function requiredList(v: unknown, path: string): string[] {
    const l = stringList(v, path);
    if (v === undefined || v === null) throw new Error(`${WHO}: ${path} is required`);
    if (l.length === 0) refuse(path, "an empty list for a required attribute is not reproduced");
    return l;
}

function requiredString(v: unknown, path: string): string {
    if (v === undefined || v === null) throw new Error(`${WHO}: ${path} is required`);
    return plainString(v, path);
}

function principalArgs(v: unknown, path: string): PrincipalArg[] {
    return list(v, path).map((p, i) => {
        const o = record(p, ["type", "identifiers"], `${path}[${i}]`);
        return { type: requiredString(o.type, `${path}[${i}].type`), identifiers: stringSet(requiredList(o.identifiers, `${path}[${i}].identifiers`)) };
    });
}

function conditionArgs(v: unknown, path: string): ConditionArg[] {
    return list(v, path).map((c, i) => {
        const o = record(c, ["test", "variable", "values"], `${path}[${i}]`);
        return {
            test: requiredString(o.test, `${path}[${i}].test`),
            variable: requiredString(o.variable, `${path}[${i}].variable`),
            values: requiredList(o.values, `${path}[${i}].values`),
        };
    });
}

const STATEMENT_ARGS = ["sid", "effect", "actions", "notActions", "resources", "notResources", "principals", "notPrincipals", "conditions"];

function statementArg(v: unknown, i: number): StatementArg {
    const path = `statements[${i}]`;
    const o = record(v, STATEMENT_ARGS, path);
    // An `effect` left out takes the schema Default. Any string given is checked against StringInSlice, "" included.
    const effect = o.effect === undefined || o.effect === null ? "Allow" : plainString(o.effect, `${path}.effect`);
    if (!EFFECTS.includes(effect)) throw new Error(`expected statement.${i}.effect to be one of ["Allow" "Deny"], got ${effect}`);
    return {
        sid: o.sid === undefined || o.sid === null ? "" : plainString(o.sid, `${path}.sid`),
        effect,
        actions: stringSet(stringList(o.actions, `${path}.actions`)),
        notActions: stringSet(stringList(o.notActions, `${path}.notActions`)),
        resources: stringSet(stringList(o.resources, `${path}.resources`)),
        notResources: stringSet(stringList(o.notResources, `${path}.notResources`)),
        principals: sdkSet(principalArgs(o.principals, `${path}.principals`), principalHash),
        notPrincipals: sdkSet(principalArgs(o.notPrincipals, `${path}.notPrincipals`), principalHash),
        conditions: sdkSet(conditionArgs(o.conditions, `${path}.conditions`), conditionHash),
    };
}

// ---------------------------------------------------------------------------------------------------------------
// Read: this document's statements (dataSourcePolicyDocumentRead and its helpers).

/**
 * dataSourcePolicyDocumentReplaceVarsInList. `&{` is how a program writes an IAM policy variable where `${` would be
 * read as interpolation. In version 2008-10-17, which has no policy variables, it is an error.
 */
function replaceVars(v: Strings, version: string): Strings {
    const one = (s: string): string => {
        if (version === "2008-10-17" && s.includes("&{")) throw new Error(`found &{ sequence in (${s}), which is not supported in document version 2008-10-17`);
        return s.split("&{").join("${");
    };
    return typeof v === "string" ? one(v) : v.map(one);
}

function withContext<T>(context: string, f: () => T): T {
    try {
        return f();
    } catch (e) {
        throw new Error(`${context}: ${(e as Error).message}`, { cause: e });
    }
}

/**
 * Blocks that share a principal type, or a condition test and variable, are concatenated in the SDK's set order.
 * That order is not trusted here, so the case is refused.
 */
function refuseConcatenation(a: StatementArg, path: string): void {
    for (const [arg, ps] of [["principals", a.principals], ["notPrincipals", a.notPrincipals]] as const) {
        const twice = ps.find((p, i) => ps.findIndex((q) => q.type === p.type) !== i);
        if (twice) refuse(`${path}.${arg}`, `several blocks of type ${JSON.stringify(twice.type)} are concatenated in the provider's set-hash order; merge them into one block`);
    }
    const twice = a.conditions.find((c, i) => a.conditions.findIndex((d) => d.test === c.test && d.variable === c.variable) !== i);
    if (twice) {
        refuse(`${path}.conditions`, `several blocks for test ${JSON.stringify(twice.test)} and variable ${JSON.stringify(twice.variable)} are concatenated in the provider's set-hash order; merge their values into one block`);
    }
}

/** dataSourcePolicyDocumentMakePrincipals: the identifiers go through policyDecodeConfigStrings, then `&{`. */
function principalsOf(ps: readonly PrincipalArg[], version: string): Principal[] {
    return ps.map((p) => ({ type: p.type, identifiers: withContext("reading identifiers", () => replaceVars(decodeConfigStrings(p.identifiers), version)) }));
}

/** dataSourcePolicyDocumentMakeConditions: the values keep their order (a list), and one value becomes a string. */
function conditionsOf(cs: readonly ConditionArg[], version: string): Condition[] {
    return cs.map((c) => {
        const values = withContext("reading values", () => replaceVars(c.values, version));
        return { test: c.test, variable: c.variable, values: Array.isArray(values) && values.length === 1 ? values[0]! : values };
    });
}

function statementOf(a: StatementArg, version: string, i: number): Statement {
    refuseConcatenation(a, `statements[${i}]`);
    const s: Statement = { sid: a.sid, effect: a.effect };
    if (a.actions.length > 0) s.action = decodeConfigStrings(a.actions);
    if (a.notActions.length > 0) s.notAction = decodeConfigStrings(a.notActions);
    // Sorted before `&{` becomes `${`, and not sorted again afterwards.
    if (a.resources.length > 0) s.resource = withContext("reading resources", () => replaceVars(decodeConfigStrings(a.resources), version));
    if (a.notResources.length > 0) s.notResource = withContext("reading not_resources", () => replaceVars(decodeConfigStrings(a.notResources), version));
    if (a.principals.length > 0) s.principal = withContext("reading principals", () => principalsOf(a.principals, version));
    if (a.notPrincipals.length > 0) s.notPrincipal = withContext("reading not_principals", () => principalsOf(a.notPrincipals, version));
    if (a.conditions.length > 0) s.condition = withContext("reading condition", () => conditionsOf(a.conditions, version));
    return s;
}

/** The statements as the data source's state holds them, so that the echo is in the SDK's set order. */
function statementEcho(a: StatementArg): Props {
    return {
        actions: a.actions,
        conditions: a.conditions.map((c) => ({ test: c.test, values: c.values, variable: c.variable })),
        effect: a.effect,
        notActions: a.notActions,
        notPrincipals: a.notPrincipals.map((p) => ({ identifiers: p.identifiers, type: p.type })),
        notResources: a.notResources,
        principals: a.principals.map((p) => ({ identifiers: p.identifiers, type: p.type })),
        resources: a.resources,
        sid: a.sid,
    };
}

const ARGS = ["statements", "sourcePolicyDocuments", "overridePolicyDocuments", "policyId", "version", "sourceJson", "overrideJson"];

/**
 * The documents to merge. A "" element is skipped: the SDK records no diff for an empty string in a top-level list,
 * so Read sees nil there and steps over it.
 */
function documents(v: unknown, path: string): { index: number; text: string }[] {
    return list(v, path).map((x, index) => ({ index, text: plainString(x, `${path}[${index}]`) })).filter((d) => d.text !== "");
}

/**
 * What the provider returns for `aws:iam/getPolicyDocument:getPolicyDocument`. `json`, `minifiedJson` and `id` come
 * back as the provider computes them. The arguments are echoed as the data source's state holds them: defaults
 * filled in, sets deduplicated and in the SDK's set order.
 */
export function policyDocument(args: Props): Props {
    const a = record(args, ARGS, "args");
    for (const [arg, key] of [["sourceJson", "source_json"], ["overrideJson", "override_json"]] as const) {
        // Kept in the schema only so old state still reads (issue 31637): validation.StringIsEmpty.
        const v = a[arg] === undefined || a[arg] === null ? "" : plainString(a[arg], arg);
        if (v !== "") throw new Error(`expected "${key}" to be an empty string: got ${v}`);
    }
    const version = a.version === undefined || a.version === null ? "2012-10-17" : plainString(a.version, "version");
    if (!VERSIONS.includes(version)) throw new Error(`expected version to be one of ["2008-10-17" "2012-10-17"], got ${version}`);
    const policyId = a.policyId === undefined || a.policyId === null ? "" : plainString(a.policyId, "policyId");
    const statements = list(a.statements, "statements").map(statementArg);
    const sources = documents(a.sourcePolicyDocuments, "sourcePolicyDocuments");
    const overrides = documents(a.overridePolicyDocuments, "overridePolicyDocuments");
    // validation.StringIsJSON runs on every element before Read starts.
    const sourceDocs = sources.map((d) => docFromJson(d.text, `source_policy_documents.${d.index}`));
    const overrideDocs = overrides.map((d) => docFromJson(d.text, `override_policy_documents.${d.index}`));

    const merged: Doc = { version: "", id: "", statements: [] };
    const sourceSids = new Set<string>();
    sources.forEach((d, n) => {
        sourceDocs[n]!.statements.forEach((st, stmtIndex) => {
            if (st.sid === "") return;
            if (sourceSids.has(st.sid)) {
                throw new Error(`writing IAM Policy Document: merging source document ${d.index}: duplicate Sid (${st.sid}) in source_policy_documents (statement ${stmtIndex}). Remove the Sid or ensure Sids are unique.`);
            }
            sourceSids.add(st.sid);
        });
        merge(merged, sourceDocs[n]!);
    });

    const doc: Doc = { version, id: policyId, statements: [] };
    const sids = new Set<string>();
    statements.forEach((st, i) => {
        if (sids.has(st.sid)) throw new Error(`writing IAM Policy Document: duplicate Sid (${st.sid}). Remove the Sid or ensure the Sid is unique.`);
        if (st.sid !== "") sids.add(st.sid);
        doc.statements.push(statementOf(st, version, i));
    });
    merge(merged, doc);
    for (const o of overrideDocs) merge(merged, o);

    const tree = docJson(merged);
    const json = goEncode(tree, true);
    const out: Props = { id: String(crc32(json)), json, minifiedJson: goEncode(tree, false), version };
    if (policyId !== "") out.policyId = policyId;
    // An empty list records no diff either, so it is not in the state.
    for (const arg of ["sourcePolicyDocuments", "overridePolicyDocuments"]) if (list(a[arg], arg).length > 0) out[arg] = a[arg];
    if (statements.length > 0) out.statements = statements.map(statementEcho);
    return out;
}

/**
 * `--policy-pack-config` exactly as `pulumi preview --policy-pack` v3.248.0 reads it, as pure functions. Followed:
 * - pkg/resource/analyzer/config.go: parsing the file, ReconcilePolicyPackConfig, validation with gojsonschema;
 * - pkg/engine/update.go loadPolicyPlugins (618-852): which error wins and how validation errors are printed;
 * - sdk/go/common/resource/plugin/analyzer_plugin.go: GetAnalyzerInfo (515-530) adds an `enforcementLevel` property
 *   to every policy's schema, Configure (612-657) refuses an entry without a valid level;
 * - github.com/xeipuuv/gojsonschema v1.2.0 (validation.go, locales.go, format_checkers.go), the validator config.go
 *   uses: its messages are rebuilt here from Ajv's errors.
 */
import Ajv from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import { isIP } from "node:net";
import type { Level, PolicyInfo } from "./analyzer";

/** apitype.EnforcementLevel.IsValid (sdk/go/common/apitype/policy.go:188): `remediate` is valid for stack policies too. */
const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

export function isEnforcementLevel(v: unknown): v is Level {
    return typeof v === "string" && LEVELS.includes(v);
}

/** One policy's config as config.go holds it (plugin.AnalyzerPolicyConfig). */
export interface PolicyConfig {
    /** `""` when nothing set a level (Go's zero apitype.EnforcementLevel); Configure refuses such an entry. */
    enforcementLevel: Level | "";
    properties: Record<string, unknown>;
}

/** Policy name -> config. Besides the pack's policies it holds `all` and any unknown name the config gave. */
export type PolicyPackConfig = Map<string, PolicyConfig>;

/** An input layer (the pack's initial config, the user's file); a missing field counts as unset. */
export type PolicyConfigLayer = ReadonlyMap<string, Partial<PolicyConfig>> | Readonly<Record<string, Partial<PolicyConfig>>>;

export interface ConfiguredPolicy {
    enforcementLevel: Level;
    properties: Record<string, unknown>;
}

export type PolicyConfigErrorKind = "file" | "schema" | "validation" | "configure";

/**
 * A config the CLI refuses. `cliMessage` is the CLI's own text where config.go gives it; `message` adds what it leaves
 * out (the file, the policy). For `validation`, `validationErrors` are the lines the CLI prints, sorted, one per error.
 */
export class PolicyConfigError extends Error {
    override readonly name = "PolicyConfigError";
    readonly kind: PolicyConfigErrorKind;
    readonly cliMessage: string;
    readonly file?: string;
    readonly pack?: string;
    readonly policy?: string;
    readonly validationErrors: readonly string[];

    constructor(message: string, o: { kind: PolicyConfigErrorKind; cliMessage: string; file?: string; pack?: string; policy?: string;
        validationErrors?: readonly string[] }) {
        super(message);
        this.kind = o.kind;
        this.cliMessage = o.cliMessage;
        if (o.file !== undefined) this.file = o.file;
        if (o.pack !== undefined) this.pack = o.pack;
        if (o.policy !== undefined) this.policy = o.policy;
        this.validationErrors = o.validationErrors ?? [];
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The file (config.go parsePolicyPackConfig, 92-179)
// ---------------------------------------------------------------------------------------------------------------

export interface PolicyPackConfigFile {
    policies: PolicyPackConfig;
    /**
     * ESC environments named by the reserved `environments` key (config.go:105-121).
     * @default - undefined when the key is absent. The CLI resolves them through the backend, or fails on one that
     * has no ESC ("specifies ESC environments but the current backend does not support them", update.go:753).
     */
    environments?: string[];
}

/** strings.TrimSpace's set (Unicode White_Space); unlike String.prototype.trim it keeps a BOM, which Go then rejects. */
const GO_BLANK = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/**
 * Parses one `--policy-pack-config` file as config.go:92-157 does. Entries that set neither a level nor a property are
 * dropped (config.go:146); keys are kept in file order, where Go's map order makes the first error reported random.
 * @param file the path, named in errors
 * @throws PolicyConfigError (kind "file") naming the file, the policy and the problem
 */
export function parsePolicyPackConfigFile(text: string, file: string): PolicyPackConfigFile {
    const fail = (cli: string, policy?: string) => new PolicyConfigError(`--policy-pack-config ${file}: ${cli}`,
        { kind: "file", cliMessage: cli, file, ...(policy === undefined ? {} : { policy }) });
    // "Gracefully allow empty content" (config.go:95).
    if (GO_BLANK.test(text)) return { policies: new Map() };
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        // Go's encoding/json words syntax errors differently; which files fail is the same.
        throw fail((e as Error).message);
    }
    // json.Unmarshal of `null` into a map leaves it empty, without error.
    if (parsed === null) return { policies: new Map() };
    if (typeof parsed !== "object" || Array.isArray(parsed)) {
        throw fail(`json: cannot unmarshal ${Array.isArray(parsed) ? "array" : typeof parsed === "boolean" ? "bool" : typeof parsed} `
            + "into Go value of type map[string]interface {}");
    }
    let config: Record<string, unknown>;
    try {
        config = asGoDecoded(parsed) as Record<string, unknown>;
    } catch (e) {
        throw fail((e as Error).message);
    }

    let environments: string[] | undefined;
    if (Object.hasOwn(config, "environments")) {
        const envs = config.environments;
        if (!Array.isArray(envs)) throw fail(`"environments" must be an array of strings, got ${goTypeName(envs)}`);
        environments = envs.map((v: unknown, i) => {
            if (typeof v !== "string") throw fail(`"environments[${i}]" must be a string, got ${goTypeName(v)}`);
            return v;
        });
        delete config.environments;
    }

    const policies: PolicyPackConfig = new Map();
    for (const [name, value] of Object.entries(config)) {
        let enforcementLevel: Level | "" = "";
        let properties: Record<string, unknown> = {};
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                throw fail(`parsing enforcement level for ${goQuote(name)}: ${goQuote(value)} is not a valid enforcement level`, name);
            }
            enforcementLevel = value;
        } else if (isObject(value)) {
            // extractEnforcementLevel (config.go:161-179): the level leaves the map, the rest are properties.
            const { enforcementLevel: level, ...rest } = value;
            if (Object.hasOwn(value, "enforcementLevel")) {
                if (typeof level !== "string") {
                    throw fail(`parsing enforcement level for ${goQuote(name)}: ${goValue(level)} is not a valid enforcement level; must be a string`, name);
                }
                if (!isEnforcementLevel(level)) {
                    throw fail(`parsing enforcement level for ${goQuote(name)}: ${goQuote(level)} is not a valid enforcement level`, name);
                }
                enforcementLevel = level;
            }
            properties = rest;
        } else {
            throw fail(`parsing ${goQuote(name)}: ${goValue(value)} is not a valid value; must be a string or object`, name);
        }
        if (enforcementLevel === "" && Object.keys(properties).length === 0) continue;
        policies.set(name, { enforcementLevel, properties });
    }
    return environments === undefined ? { policies } : { policies, environments };
}

/**
 * The engine's reading of a pack's initial-config level (analyzer_plugin.go convertEnforcementLevel, 823-837). The
 * pack SDK leaves the proto field at 0 when its initial config gives only properties, so such an entry reads as
 * `advisory` and, being valid, replaces the policy's own level (config.go applyConfig:358).
 */
export function fromProtoEnforcementLevel(n: number): Level {
    const level = (["advisory", "mandatory", "disabled", "remediate"] as const)[n];
    if (level === undefined) throw new PolicyConfigError(`invalid enforcement level ${n}`, { kind: "configure", cliMessage: `invalid enforcement level ${n}` });
    return level;
}

// ---------------------------------------------------------------------------------------------------------------
// Reconciling (config.go ReconcilePolicyPackConfig, 274-373)
// ---------------------------------------------------------------------------------------------------------------

export interface ReconcileResult {
    /** Undefined when validation failed, as config.go:330 returns no config then. */
    config: PolicyPackConfig | undefined;
    /** `<policy>: <gojsonschema message>` (config.go:203), in policy order; the CLI sorts them before printing. */
    validationErrors: string[];
}

/**
 * config.go ReconcilePolicyPackConfig: the schema defaults and each policy's own level, then the pack's initial config,
 * then the user's file, each layer applied by applyConfig; then every policy's properties checked against its schema.
 * Config for names that are not policies is kept (and so sent to the pack) but never validated.
 * @param policies the pack's policies as GetAnalyzerInfo reports them; the pack is taken to support config, as every
 * `@pulumi/policy` pack does (protoutil.js makeAnalyzerInfo sets supportsConfig)
 * @throws PolicyConfigError (kind "schema") when a policy's schema cannot be compiled
 */
export function reconcilePolicyPackConfig(policies: readonly PolicyInfo[], initialConfig?: PolicyConfigLayer,
    userConfig?: PolicyConfigLayer): ReconcileResult {
    const result = createConfigWithDefaults(policies);
    if (initialConfig) applyConfig(result, layerEntries(initialConfig));
    if (userConfig) applyConfig(result, layerEntries(userConfig));
    const validationErrors = validatePolicyPackConfig(policies, result);
    return validationErrors.length > 0 ? { config: undefined, validationErrors } : { config: result, validationErrors };
}

export interface PolicyPackIdentity {
    name: string;
    version: string;
    /** The `--policy-pack` argument, which the CLI names in its errors. @default - errors name the pack only */
    path?: string;
}

/**
 * What the engine does with a local pack's config before analysis (update.go:722-830): reconcile, fail on validation
 * errors, then Configure, which refuses an entry without a valid level (analyzer_plugin.go:624). The returned map is
 * what Configure sends: every policy plus `all` and unknown names. When it is empty the engine makes no Configure call
 * (analyzer_plugin.go:616). With several packs the CLI reports any pack's other error before validation errors
 * (update.go:833-847); `kind` lets the caller order them the same way.
 * @throws PolicyConfigError of kind "schema", "validation" or "configure"
 */
export function configurePolicyPack(pack: PolicyPackIdentity, policies: readonly PolicyInfo[], initialConfig?: PolicyConfigLayer,
    userConfig?: PolicyConfigLayer): Map<string, ConfiguredPolicy> {
    const where = `${goQuote(pack.name)}${pack.path === undefined ? "" : ` at ${goQuote(pack.path)}`}`;
    let reconciled: ReconcileResult;
    try {
        reconciled = reconcilePolicyPackConfig(policies, initialConfig, userConfig);
    } catch (e) {
        if (!(e instanceof PolicyConfigError)) throw e;
        const cli = `reconciling policy config for ${where}: ${e.cliMessage}`;
        throw new PolicyConfigError(e.policy === undefined ? cli : `${cli} (policy ${goQuote(e.policy)}: fix its configSchema)`,
            { kind: "schema", cliMessage: cli, pack: pack.name, ...(e.policy === undefined ? {} : { policy: e.policy }) });
    }
    if (reconciled.config === undefined) {
        // update.go:622-628 (two spaces before the policy are the CLI's) and 842-847: one error line per problem, sorted.
        const lines = reconciled.validationErrors.map((v) => `validating policy config: ${pack.name} ${pack.version}  ${v}`).sort(goLess);
        throw new PolicyConfigError(lines.join("; "), { kind: "validation", cliMessage: "validating policy config", pack: pack.name, validationErrors: lines });
    }
    const configured = new Map<string, ConfiguredPolicy>();
    for (const [name, c] of reconciled.config) {
        if (!isEnforcementLevel(c.enforcementLevel)) {
            const cli = `configuring policy pack ${where}: invalid enforcement level ${goQuote(c.enforcementLevel)}`;
            const why = name === "all" ? `"all" sets properties but no enforcementLevel; "all" only carries a level`
                : `${goQuote(name)} is not a policy of the pack and its config sets no enforcementLevel; fix the policy name`;
            throw new PolicyConfigError(`${cli} (${why})`, { kind: "configure", cliMessage: cli, pack: pack.name, policy: name });
        }
        configured.set(name, { enforcementLevel: c.enforcementLevel, properties: c.properties });
    }
    return configured;
}

/**
 * The CLI's check of the flag pairing (pkg/cmd/pulumi/operations/up.go:930-941): the n-th config file belongs to the
 * n-th pack. @returns the CLI's error text, or undefined when the flags pair up
 */
export function policyPackConfigFlagsError(packPaths: readonly string[], configPaths: readonly string[]): string | undefined {
    if (configPaths.length === 0) return undefined;
    if (packPaths.length === 0) return `"--policy-pack-config" must be specified with "--policy-pack"`;
    if (configPaths.length !== packPaths.length) return `the number of "--policy-pack-config" flags must match the number of "--policy-pack" flags`;
    return undefined;
}

/** The schema the engine holds for a policy: its own, plus the `enforcementLevel` property GetAnalyzerInfo adds. */
interface EngineSchema {
    properties: Record<string, Record<string, unknown>>;
    required: string[];
}

function engineSchema(policy: PolicyInfo): EngineSchema {
    const properties: Record<string, Record<string, unknown>> = {};
    for (const [k, s] of Object.entries(policy.configSchema?.properties ?? {})) {
        // convertConfigSchema (analyzer_plugin.go:875) asserts every property schema is an object: the CLI panics.
        if (!isObject(s)) {
            const cli = `interface conversion: interface {} is ${goTypeName(s)}, not map[string]interface {}`;
            throw new PolicyConfigError(`${cli} (policy ${goQuote(policy.name)}, configSchema.properties.${k} must be an object schema)`,
                { kind: "schema", cliMessage: cli, policy: policy.name });
        }
        defineProp(properties, k, s);
    }
    // analyzer_plugin.go:515-530.
    properties.enforcementLevel = { type: "string", enum: ["advisory", "mandatory", "remediate", "disabled"] };
    return { properties, required: [...(policy.configSchema?.required ?? [])] };
}

/** createConfigWithDefaults (config.go:275-301): each policy's own level, and every top-level `default` of its schema. */
function createConfigWithDefaults(policies: readonly PolicyInfo[]): PolicyPackConfig {
    const result: PolicyPackConfig = new Map();
    for (const policy of policies) {
        const properties: Record<string, unknown> = {};
        for (const [k, s] of Object.entries(engineSchema(policy).properties)) {
            if (Object.hasOwn(s, "default")) defineProp(properties, k, structuredClone(s.default));
        }
        result.set(policy.name, { enforcementLevel: policy.enforcementLevel, properties });
    }
    return result;
}

/**
 * applyConfig (config.go:336-373). A valid `all` level first replaces every level in the result; then every entry,
 * `all` and unknown names included, lands in the result: its level if valid, else the one already there, and its
 * properties over the ones already there (one level deep). So `{"all": "mandatory", "p": {"x": 1}}` leaves p mandatory.
 */
function applyConfig(result: PolicyPackConfig, layer: Array<[string, Partial<PolicyConfig>]>): void {
    const all = layer.find(([k]) => k === "all")?.[1];
    if (all && isEnforcementLevel(all.enforcementLevel)) {
        for (const [k, v] of result) result.set(k, { enforcementLevel: all.enforcementLevel, properties: v.properties });
    }
    for (const [policy, given] of layer) {
        const current = result.get(policy);
        result.set(policy, {
            enforcementLevel: isEnforcementLevel(given.enforcementLevel) ? given.enforcementLevel : current?.enforcementLevel ?? "",
            properties: Object.fromEntries([...Object.entries(current?.properties ?? {}), ...Object.entries(given.properties ?? {})]),
        });
    }
}

/** validatePolicyPackConfig (config.go:182-207): only the pack's policies, each against convertSchema's object schema. */
function validatePolicyPackConfig(policies: readonly PolicyInfo[], config: PolicyPackConfig): string[] {
    const errors: string[] = [];
    for (const policy of policies) {
        const { properties, required } = engineSchema(policy);
        // convertSchema (config.go:262-272): empty properties / required are left out.
        const schema: Record<string, unknown> = { type: "object", properties };
        if (required.length > 0) schema.required = required;
        let validate: ValidateFunction;
        try {
            validate = compiled(schema);
        } catch (e) {
            throw new PolicyConfigError(`policy ${goQuote(policy.name)}: its configSchema is not a valid JSON schema: ${(e as Error).message}`,
                { kind: "schema", cliMessage: (e as Error).message, policy: policy.name });
        }
        if (validate(config.get(policy.name)?.properties ?? {})) continue;
        for (const message of gojsonschemaMessages(validate.errors ?? [])) errors.push(`${policy.name}: ${message}`);
    }
    return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// gojsonschema v1.2.0 semantics on Ajv (draft-07 plus the adjustments below)
// ---------------------------------------------------------------------------------------------------------------

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function compiled(schema: Record<string, unknown>): ValidateFunction {
    const normalized = hybridToDraft7(schema) as Record<string, unknown>;
    const key = JSON.stringify(normalized);
    let v = validators.get(key);
    if (!v) {
        v = engineAjv().compile(normalized);
        validators.set(key, v);
    }
    return v;
}

function engineAjv(): Ajv {
    if (ajv) return ajv;
    // strict: false because gojsonschema ignores keywords and formats it does not know; verbose for the schema and
    // data that its messages quote.
    const a = new Ajv({ allErrors: true, verbose: true, strict: false, logger: false });
    // gojsonschema checks a known format on numbers too and fails them (validation.go validateNumber passes a
    // *big.Rat, which every string checker refuses); its checkers are Go's parsers, not Ajv's regexes.
    a.removeKeyword("format");
    a.addKeyword({ keyword: "format", schemaType: "string", validate: (format: string, data: unknown) =>
        typeof data === "string" ? FORMATS[format]?.(data) ?? true : typeof data === "number" ? !Object.hasOwn(FORMATS, format) : true });
    // gojsonschema divides exact decimals (big.Rat), so 0.3 is a multiple of 0.1; float `%` says it is not.
    a.removeKeyword("multipleOf");
    a.addKeyword({ keyword: "multipleOf", type: "number", schemaType: "number", validate: (m: number, data: number) => isDecimalMultiple(data, m) });
    return (ajv = a);
}

const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions", "dependencies"]);
const SCHEMA_ONE = new Set(["additionalProperties", "additionalItems", "contains", "propertyNames", "not", "if", "then", "else", "items"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "items"]);

/**
 * With no `$schema` gojsonschema reads a schema in its Hybrid draft (schemaLoader.go:41): draft-4 boolean
 * exclusiveMinimum/exclusiveMaximum are accepted beside draft-6 numbers (schema.go:499-521). Rewrite them as numbers.
 */
function hybridToDraft7(schema: unknown): unknown {
    if (!isObject(schema)) return schema;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema)) {
        if (SCHEMA_MAPS.has(k) && isObject(v)) defineProp(out, k, Object.fromEntries(Object.entries(v).map(([n, s]) => [n, hybridToDraft7(s)])));
        else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) defineProp(out, k, v.map(hybridToDraft7));
        else if (SCHEMA_ONE.has(k)) defineProp(out, k, hybridToDraft7(v));
        else defineProp(out, k, v);
    }
    for (const [bound, limit] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
        if (typeof out[bound] !== "boolean") continue;
        if (!Object.hasOwn(out, limit)) throw new Error(`${bound} cannot be used without ${limit}`);
        if (out[bound]) {
            out[bound] = out[limit];
            delete out[limit];
        } else {
            delete out[bound];
        }
    }
    return out;
}

const under = (path: string, node: string) => path === node || path.startsWith(`${node}/`);
const pointerSegments = (p: string) => (p === "" ? [] : p.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")));

/** gojsonschema's ResultError.Field(): the JSON context joined with dots, `(root)` for the document itself. */
function field(instancePath: string): string {
    const segs = pointerSegments(instancePath);
    return segs.length === 0 ? "(root)" : segs.join(".");
}

/**
 * Ajv's errors as gojsonschema's `err.String()` texts (result.go:159, "field: description"), with config.go:222's
 * "(root): " prefix removed. Where the two validators differ in which errors they list, gojsonschema's choice is
 * rebuilt: nothing more is checked at a node of the wrong type (validation.go:98-262 returns); a failed anyOf, oneOf
 * or contains lists one branch's errors (the best-scoring one there; here the one with fewest errors); allOf adds its
 * own error; a oneOf that several branches pass lists none.
 */
function gojsonschemaMessages(all: readonly ErrorObject[]): string[] {
    const typeErrors = all.filter((e) => e.keyword === "type");
    const errors = all.filter((e) => !typeErrors.some((t) => t !== e && under(e.instancePath, t.instancePath)
        && e.schemaPath.startsWith(t.schemaPath.slice(0, -"type".length))));
    const dropped = new Set<ErrorObject>();
    const composites = errors.filter((e) => ["anyOf", "oneOf", "contains"].includes(e.keyword)).sort((a, b) => a.schemaPath.length - b.schemaPath.length);
    for (const c of composites) {
        if (dropped.has(c)) continue;
        const inner = errors.filter((e) => e !== c && !dropped.has(e) && e.schemaPath.startsWith(`${c.schemaPath}/`) && under(e.instancePath, c.instancePath));
        if (c.keyword === "oneOf" && c.params.passingSchemas != null) {
            for (const e of inner) dropped.add(e);
            continue;
        }
        const branchOf = (e: ErrorObject) => Number(c.keyword === "contains" ? pointerSegments(e.instancePath.slice(c.instancePath.length))[0]
            : e.schemaPath.slice(c.schemaPath.length + 1).split("/")[0]);
        const counts = new Map<number, number>();
        for (const e of inner) counts.set(branchOf(e), (counts.get(branchOf(e)) ?? 0) + 1);
        const best = [...counts].sort(([a, n], [b, m]) => n - m || a - b)[0]?.[0];
        for (const e of inner) if (branchOf(e) !== best) dropped.add(e);
    }
    const kept = errors.filter((e) => !dropped.has(e));
    const out: string[] = [];
    const allOf = new Set<string>();
    for (const e of kept) {
        for (const node of allOfNodes(e)) {
            if (allOf.has(node.key)) continue;
            allOf.add(node.key);
            out.push(`${field(node.instancePath)}: Must validate all the schemas (allOf)`);
        }
        for (const d of describe(e)) out.push(`${field(e.instancePath)}: ${d}`);
    }
    return out.map((m) => (m.startsWith("(root): ") ? m.slice("(root): ".length) : m));
}

/** The allOf keywords an error sits under, each with the instance path of its node. */
function allOfNodes(e: ErrorObject): Array<{ key: string; instancePath: string }> {
    const segs = e.schemaPath.split("/").slice(1);
    const inst = e.instancePath.split("/").slice(1);
    const nodes: Array<{ key: string; instancePath: string }> = [];
    let consumed = 0;
    // The last segment is the failing keyword itself; before it, keywords alternate with names and indexes.
    for (let i = 0; i < segs.length - 1; i++) {
        const k = segs[i]!;
        if (k === "properties" || k === "patternProperties") {
            consumed++;
            i++;
        } else if (k === "items") {
            consumed++;
            if (/^\d+$/.test(segs[i + 1] ?? "")) i++;
        } else if (k === "additionalProperties" || k === "additionalItems" || k === "contains") {
            consumed++;
        } else if (k === "dependencies" || k === "definitions" || k === "anyOf" || k === "oneOf") {
            i++;
        } else if (k === "allOf") {
            const node = inst.slice(0, consumed);
            const instancePath = node.length > 0 ? `/${node.join("/")}` : "";
            nodes.push({ key: `${segs.slice(0, i + 1).join("/")} ${instancePath}`, instancePath });
            i++;
        }
    }
    return nodes;
}

/** gojsonschema's DefaultLocale descriptions (locales.go) for one Ajv error. */
function describe(e: ErrorObject): string[] {
    const s = (e.parentSchema ?? {}) as Record<string, unknown>;
    const f = field(e.instancePath);
    switch (e.keyword) {
        case "type": {
            const t = s.type;
            return [`Invalid type. Expected: ${Array.isArray(t) ? `[${t.join(",")}]` : String(t)}, given: ${jsonSchemaType(e.data)}`];
        }
        case "required": return [`${String(e.params.missingProperty)} is required`];
        case "enum": return [`${f} must be one of the following: ${(s.enum as unknown[]).map(goJson).join(", ")}`];
        case "const": return [`${f} does not match: ${goJson(s.const)}`];
        case "minLength": return [`String length must be greater than or equal to ${String(s.minLength)}`];
        case "maxLength": return [`String length must be less than or equal to ${String(s.maxLength)}`];
        case "pattern": return [`Does not match pattern '${String(s.pattern)}'`];
        case "format": return [`Does not match format '${String(s.format)}'`];
        case "multipleOf": return [`Must be a multiple of ${goBigFloat(s.multipleOf as number)}`];
        case "maximum": return [`Must be less than or equal to ${goBigFloat(s.maximum as number)}`];
        case "exclusiveMaximum": return [`Must be less than ${goBigFloat(s.exclusiveMaximum as number)}`];
        case "minimum": return [`Must be greater than or equal to ${goBigFloat(s.minimum as number)}`];
        case "exclusiveMinimum": return [`Must be greater than ${goBigFloat(s.exclusiveMinimum as number)}`];
        case "minItems": return [`Array must have at least ${String(s.minItems)} items`];
        case "maxItems": return [`Array must have at most ${String(s.maxItems)} items`];
        case "minProperties": return [`Must have at least ${String(s.minProperties)} properties`];
        case "maxProperties": return [`Must have at most ${String(s.maxProperties)} properties`];
        case "uniqueItems": {
            // validation.go:517-535 reports every repeat against the last earlier equal item; Ajv reports one pair.
            const seen = new Map<string, number>();
            const out: string[] = [];
            (e.data as unknown[]).forEach((v, j) => {
                const key = goJson(v);
                const i = seen.get(key);
                if (i !== undefined) out.push(`array items[${i},${j}] must be unique`);
                seen.set(key, j);
            });
            return out;
        }
        case "contains": return ["At least one of the items must match"];
        case "additionalProperties": return [`Additional property ${String(e.params.additionalProperty)} is not allowed`];
        case "additionalItems": return ["No additional items allowed on array"];
        case "propertyNames": return [`Property name of "${String(e.params.propertyName)}" does not match`];
        case "dependencies": return [`Has a dependency on ${String(e.params.missingProperty)}`];
        case "anyOf": return ["Must validate at least one schema (anyOf)"];
        case "oneOf": return ["Must validate one and only one schema (oneOf)"];
        case "not": return ["Must not validate the schema (not)"];
        case "if": return [e.params.failingKeyword === "then" ? `Must validate "then" as "if" was valid` : `Must validate "else" as "if" was not valid`];
        case "false schema": return ["False always fails validation"];
        default: return [e.message ?? e.keyword];
    }
}

/** The `given` of gojsonschema's InvalidTypeError: whole numbers are "integer" (validation.go:121-130). */
function jsonSchemaType(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}

/** big.Rat's exact division (validation.go:781): both numbers as the decimals Go's JSON round trip gives them. */
function isDecimalMultiple(x: number, m: number): boolean {
    const dec = (n: number): [bigint, number] => {
        const [mant, exp] = n.toExponential().split("e") as [string, string];
        const frac = mant.split(".")[1]?.length ?? 0;
        return [BigInt(mant.replace(".", "")), Number(exp) - frac];
    };
    const [a, ae] = dec(x);
    const [b, be] = dec(m);
    const e = Math.min(ae, be);
    return (a * 10n ** BigInt(ae - e)) % (b * 10n ** BigInt(be - e)) === 0n;
}

// gojsonschema's format checkers (format_checkers.go:53-71), written after the Go parsers they call.
const RX_HOSTNAME = /^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9])(\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]))*$/;
const RX_UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const RX_JSON_POINTER = /^(?:\/(?:[^~/]|~0|~1)*)*$/u;
const RX_REL_JSON_POINTER = /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/u;
// time.Parse layouts "2006-01-02", "15:04:05" (hour 1-2 digits; a fraction may follow the seconds) and "Z07:00".
const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const CLOCK = String.raw`(\d{1,2}):(\d{2}):(\d{2})(?:[.,]\d+)?`;
const ZONE = String.raw`(?:Z|[+-](\d{2}):(\d{2}))`;
const RX_DATE = new RegExp(`^${DATE}$`);
const RX_TIME = new RegExp(`^${CLOCK}${ZONE}?$`);
const RX_DATE_TIME = new RegExp(`^${DATE}T${CLOCK}${ZONE}$`);
const RX_ATEXT = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~\\u0080-\\uffff]+";
const RX_ADDR = String.raw`(?:${RX_ATEXT}(?:\.${RX_ATEXT})*|"(?:[^"\\]|\\.)*")@(?:${RX_ATEXT}(?:\.${RX_ATEXT})*|\[[^[\]\\]*\])`;
const RX_EMAIL = new RegExp(`^\\s*(?:${RX_ADDR}|(?:"(?:[^"\\\\]|\\\\.)*"|[^<>"]*)<${RX_ADDR}>)\\s*$`, "u");

const daysIn = (month: number, year: number) =>
    [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
const validDate = (y: string, m: string, d: string) => Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= daysIn(Number(m), Number(y));
// Go's range checks: hour < 24, minute and second < 60; a zone offset allows 24 hours and 60 minutes.
const validClock = (h: string, mi: string, s: string, zh?: string, zm?: string) =>
    Number(h) < 24 && Number(mi) < 60 && Number(s) < 60 && (zh === undefined || (Number(zh) <= 24 && Number(zm) <= 60));

function goDate(s: string): boolean {
    const m = RX_DATE.exec(s);
    return m !== null && validDate(m[1]!, m[2]!, m[3]!);
}
function goTime(s: string): boolean {
    const m = RX_TIME.exec(s);
    return m !== null && validClock(m[1]!, m[2]!, m[3]!, m[4], m[5]);
}
function goDateTime(s: string): boolean {
    const m = RX_DATE_TIME.exec(s);
    return goDate(s) || goTime(s) || (m !== null && validDate(m[1]!, m[2]!, m[3]!) && validClock(m[4]!, m[5]!, m[6]!, m[7], m[8]));
}

/**
 * net/url.Parse's refusals, in part (its host rules are not all here): control bytes, a leading colon, a colon in the
 * first segment of a scheme-less path, a bad %-escape in the path or fragment, a non-numeric port.
 */
function goUrlParses(s: string): boolean {
    if ([...s].some((c) => c < " " || c === "\x7f") || s.startsWith(":")) return false;
    const [u, fragment = ""] = splitOnce(s, "#");
    if (badEscape(fragment)) return false;
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(u)?.[0];
    const rest = splitOnce(scheme ? u.slice(scheme.length) : u, "?")[0];
    if (!rest.startsWith("/")) {
        // An opaque URL ("mailto:x") is returned unparsed.
        if (scheme) return true;
        if (splitOnce(rest, "/")[0].includes(":")) return false;
    }
    if (!rest.startsWith("//")) return !badEscape(rest);
    const authority = splitOnce(rest.slice(2), "/")[0];
    const host = authority.replace(/^.*@/, "");
    const colon = host.lastIndexOf(":");
    const port = host.startsWith("[") ? host.slice(host.lastIndexOf("]") + 1) : colon < 0 ? "" : host.slice(colon);
    return (host.startsWith("[") ? host.includes("]") : true) && /^(:\d*)?$/.test(port) && !badEscape(rest.slice(2 + authority.length));
}
const badEscape = (s: string) => /%(?![0-9a-fA-F]{2})/.test(s);
const splitOnce = (s: string, sep: string): [string, string?] => {
    const i = s.indexOf(sep);
    return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
};
const hasScheme = (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s);

/** URITemplateFormatChecker's `^([^{]*({[^}]*})?)*$`: every `{` closed by a later `}` (scanned, not backtracked). */
function balancedBraces(s: string): boolean {
    let open = false;
    for (const ch of s) {
        if (!open && ch === "{") open = true;
        else if (open && ch === "}") open = false;
    }
    return !open;
}

/** Go's regexp (RE2) has no lookaround or backreferences, and spells named groups `(?P<n>`. */
function goRegexpCompiles(s: string): boolean {
    if (/\(\?<?[=!]|\\[1-9]/.test(s)) return false;
    try {
        new RegExp(s.replace(/\(\?P</g, "(?<").replace(/\(\?[imsU-]+\)/g, "").replace(/\(\?[imsU-]+:/g, "(?:"));
        return true;
    } catch {
        return false;
    }
}

const FORMATS: Record<string, (s: string) => boolean> = {
    "date": goDate,
    "time": goTime,
    "date-time": goDateTime,
    "hostname": (s) => RX_HOSTNAME.test(s) && s.length < 256,
    "email": (s) => RX_EMAIL.test(s),
    "idn-email": (s) => RX_EMAIL.test(s),
    "ipv4": (s) => !s.includes("%") && isIP(s) !== 0 && s.includes("."),
    "ipv6": (s) => !s.includes("%") && isIP(s) !== 0 && s.includes(":"),
    "uri": (s) => goUrlParses(s) && hasScheme(s) && !s.includes("\\"),
    "uri-reference": (s) => goUrlParses(s) && !s.includes("\\"),
    "iri": (s) => goUrlParses(s) && hasScheme(s) && !s.includes("\\"),
    "iri-reference": (s) => goUrlParses(s) && !s.includes("\\"),
    "uri-template": (s) => goUrlParses(s) && !s.includes("\\") && balancedBraces(splitOnce(splitOnce(s, "#")[0], "?")[0]),
    "uuid": (s) => RX_UUID.test(s),
    "regex": goRegexpCompiles,
    "json-pointer": (s) => RX_JSON_POINTER.test(s),
    "relative-json-pointer": (s) => RX_REL_JSON_POINTER.test(s),
};

// ---------------------------------------------------------------------------------------------------------------
// Go's renderings of decoded JSON values, as the CLI's messages print them
// ---------------------------------------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Sets an own property even for the key `__proto__`, which a config file may contain. */
function defineProp(o: Record<string, unknown>, k: string, v: unknown): void {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function layerEntries(layer: PolicyConfigLayer): Array<[string, Partial<PolicyConfig>]> {
    return layer instanceof Map ? [...(layer as ReadonlyMap<string, Partial<PolicyConfig>>)] : Object.entries(layer);
}

/**
 * The value encoding/json hands config.go: lone surrogates become U+FFFD, and a number beyond float64 is an error.
 */
function asGoDecoded(v: unknown): unknown {
    if (typeof v === "string") return wellFormed(v);
    if (typeof v === "number") {
        if (!Number.isFinite(v)) throw new Error("json: cannot unmarshal number into Go value of type float64");
        return v;
    }
    if (Array.isArray(v)) return v.map(asGoDecoded);
    if (isObject(v)) {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) defineProp(out, wellFormed(k), asGoDecoded(x));
        return out;
    }
    return v;
}

const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

/** Byte order of Go's string comparison (UTF-8), which sort.Strings uses. */
function goLess(a: string, b: string): number {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

const GO_SHORT_ESCAPES: Record<number, string> = { 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 34: '\\"', 92: "\\\\" };

/** strconv.Quote, as `%q` prints a string. */
export function goQuote(s: string): string {
    let out = '"';
    for (const ch of s) {
        const c = ch.codePointAt(0)!;
        const short = GO_SHORT_ESCAPES[c];
        if (short) out += short;
        else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) out += ch;
        else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
        else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, "0")}`;
        else out += `\\U${c.toString(16).padStart(8, "0")}`;
    }
    return `${out}"`;
}

/** `%v` of a decoded JSON value: `<nil>`, `[a b]`, `map[k:v]` with sorted keys, floats as `%g`. */
export function goValue(v: unknown): string {
    if (v === null || v === undefined) return "<nil>";
    if (typeof v === "number") return goFloat(v, "shortest");
    if (Array.isArray(v)) return `[${v.map(goValue).join(" ")}]`;
    if (isObject(v)) return `map[${Object.keys(v).sort(goLess).map((k) => `${k}:${goValue(v[k])}`).join(" ")}]`;
    return String(v);
}

/** `%T` of a decoded JSON value. */
function goTypeName(v: unknown): string {
    if (v === null || v === undefined) return "<nil>";
    if (Array.isArray(v)) return "[]interface {}";
    if (isObject(v)) return "map[string]interface {}";
    return typeof v === "number" ? "float64" : typeof v === "boolean" ? "bool" : "string";
}

/** big.Float.String() (`%.10g`), which gojsonschema's number messages print. */
function goBigFloat(x: number): string {
    return goFloat(x, 10);
}

/**
 * strconv's `%g`: exponent form when the exponent is below -4 or at least the precision, which is 6 for the shortest
 * representation (`%v`) and the digit count otherwise.
 */
function goFloat(x: number, precision: "shortest" | number): string {
    if (x === 0) return Object.is(x, -0) && precision === "shortest" ? "-0" : "0";
    const sign = x < 0 ? "-" : "";
    const [mant, e] = (precision === "shortest" ? Math.abs(x).toExponential() : Math.abs(x).toExponential(precision - 1)).split("e") as [string, string];
    const digits = mant.replace(".", "").replace(/0+$/, "") || "0";
    const exp = Number(e);
    if (exp < -4 || exp >= (precision === "shortest" ? 6 : precision)) {
        return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
    }
    if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
    const int = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    const frac = digits.slice(exp + 1);
    return `${sign}${int}${frac ? `.${frac}` : ""}`;
}

/** json.Marshal of a decoded value (gojsonschema's marshalWithoutNumber): sorted keys, `<>&` and U+2028/9 escaped. */
function goJson(v: unknown): string {
    if (typeof v === "number" && Object.is(v, -0)) return "-0";
    if (typeof v === "string") {
        return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    }
    if (Array.isArray(v)) return `[${v.map(goJson).join(",")}]`;
    if (isObject(v)) return `{${Object.keys(v).sort(goLess).map((k) => `${goJson(k)}:${goJson(v[k])}`).join(",")}}`;
    return JSON.stringify(v) ?? "null";
}

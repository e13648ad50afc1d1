/**
 * The AWS provider's Check, names only: the name a real `pulumi preview` shows for a resource whose program leaves its
 * name unset (`docs-32c8f2c`), and the `__defaults` list the bridge records beside it. Written from these sources
 * (read, not copied):
 *
 * - pulumi-terraform-bridge pkg/tfbridge/info/autonaming.go: `AutoName` (l. 94: Randlen 7), `AutoNameOptions`
 *   (l. 112: Separator, Maxlen, Randlen, Charset, Transform, PostTransform), `ComputeAutoNameDefault` (l. 147: the URN's
 *   name, then Transform, then `resource.NewUniqueName(seed, name + Separator, Randlen, Maxlen, charset)`, then
 *   PostTransform; a NewUniqueName error is wrapped as "could not make instance of '<type>'", l. 213-216);
 *   `SetAutonaming` (l. 43: every resource whose TF schema has an Optional/Required string `name` and no `Fields["name"]`
 *   entry gets `AutoName("name", maxLength, separator)`). pkg/tfbridge/names.go l. 169/185: `AutoNameWithCustomOptions`,
 *   `AutoNameTransform` (Separator "-", Randlen 7). pkg/tfbridge/info.go l. 355: `ManagedByPulumi` = "Managed by Pulumi".
 * - pulumi/pulumi sdk/go/common/resource/resource_id.go `NewUniqueName`: no truncation; when len(prefix) + randlen >
 *   maxlen (Go `len`, so bytes) it fails with "name '<prefix>' plus <n> random chars is longer than maximum length <m>".
 * - pulumi-terraform-bridge pkg/tfbridge/schema.go `applyDefaults` (l. 742-988): an overlay default is applied only when
 *   the property is absent from the program's inputs (an unknown or a secret counts as present, l. 786) and no property
 *   it ConflictsWith is present (`buildConflictsWith`, l. 715: so `namePrefix`/`bucketPrefix` leaves the name to the
 *   provider's create); the defaulted Pulumi keys are sorted and stored under `__defaults` (l. 983-986), an empty list
 *   included. pkg/tfbridge/provider.go `Check` (l. 953): the news are unmarshalled with SkipNulls (l. 989), so a null is
 *   as good as unset; an error from the defaults is returned as the RPC's error, not as a CheckFailure (l. 1049-1051).
 * - pulumi-terraform-bridge pkg/pf/tfbridge/provider_check.go: Plugin Framework resources get the same autonames but no
 *   `__defaults` key.
 * - pulumi-aws provider/autonaming.go l. 13-33: `setAutonaming` is the provider-wide rule, maxLength 255, separator "-".
 * - pulumi-aws provider/resource_overrides.go (v7 layout; one stored version, commit not tied to 7.48.0): the
 *   per-resource `Fields` overrides, cited entry by entry below.
 *
 * What this does not model: Terraform schema defaults (`acl: "private"`, `forceDestroy: false`, ... also listed in a
 * real `__defaults`) need the provider's schema, which is not available offline; `__defaults: []` on nested objects;
 * the old inputs of an update (engine/diff.ts `applyOldDefaults` re-applies old defaults); the stack's
 * `pulumi:autonaming` configuration (the engine's proposed names, autonaming.go l. 174-211); Terraform's own
 * validation of names (a Check failure only the provider can raise).
 */
import { createHash } from "node:crypto";

export interface AwsCheckFailure {
    property: string;
    reason: string;
}

export interface AwsCheckResult {
    inputs: Record<string, unknown>;
    failures: AwsCheckFailure[];
}

/** Check's RPC error (not a CheckFailure): what the real provider returns when an autoname cannot be made. */
export class AwsCheckError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "AwsCheckError";
    }
}

/** The key under which the bridge lists the properties it defaulted (pulumi-terraform-bridge pkg/reservedkeys). */
export const DEFAULTS_KEY = "__defaults";

/** Every rule below uses `AutoName`, `AutoNameTransform` or `AutoNameWithCustomOptions` with these two values. */
const SEPARATOR = "-";
const RANDLEN = 7;

interface AutoNameRule {
    /** The Pulumi property that gets the autoname. */
    property: string;
    /** The Pulumi property the TF schema declares ConflictsWith it (`name_prefix`-style), if any. */
    conflictsWith?: string;
    maxlen: number;
    transform?: (name: string) => string;
    postTransform?: (name: string, inputs: Record<string, unknown>) => string;
}

interface TypeRule {
    autoname?: AutoNameRule;
    /** Overlay defaults with a literal value (`DefaultInfo{Value: ...}`). */
    values?: Record<string, unknown>;
    /** A Plugin Framework resource: the bridge records no `__defaults`. */
    framework?: boolean;
}

/** pulumi-aws provider/autonaming.go `setAutonaming`: the rule for every resource with a `name` input and no override. */
const providerWide = (conflictsWith?: string): TypeRule => ({
    autoname: { property: "name", maxlen: 255, ...(conflictsWith ? { conflictsWith } : {}) },
});

/**
 * The types the project's programs use. Types marked "provider-wide" have no `name` entry in resource_overrides.go, and
 * their Node SDK args (node_modules/@pulumi/aws, 7.48.0) list `name` as an optional string input, so `setAutonaming`
 * applies (for the ones whose TF schema requires `name` (EKS cluster, CloudTrail, Network Firewall, Route 53 Resolver
 * DNS Firewall) the SDK could only make it optional through autonaming). The `*Prefix` conflicts are the ones the SDK's
 * docs state ("Conflicts with `name`"). SDKv2 vs Plugin Framework: terraform-provider-aws registers TLS inspection
 * configuration as `@FrameworkResource` (internal/service/networkfirewall); the others are taken to be SDKv2
 * (`resourceX` constructors), which is not confirmed type by type.
 */
const RULES: Record<string, TypeRule> = {
    // resource_overrides.go "aws_s3_bucket": AutoNameTransform("bucket", 63, strings.ToLower).
    "aws:s3/bucket:Bucket": {
        autoname: { property: "bucket", conflictsWith: "bucketPrefix", maxlen: 63, transform: (s) => s.toLowerCase() },
    },
    // resource_overrides.go "aws_iam_role": AutoName("name", 64, "-").
    "aws:iam/role:Role": { autoname: { property: "name", conflictsWith: "namePrefix", maxlen: 64 } },
    // provider-wide (resource_overrides.go "aws_iam_policy" overrides `policy` only).
    "aws:iam/policy:Policy": providerWide("namePrefix"),
    // provider-wide (resource_overrides.go "aws_iam_role_policy" overrides `role` and `policy` only).
    "aws:iam/rolePolicy:RolePolicy": providerWide("namePrefix"),
    // resource_overrides.go "aws_kms_alias": AutoNameWithCustomOptions Maxlen 238, Randlen 7, PostTransform that
    // prefixes "alias/" unless the name already starts with it.
    "aws:kms/alias:Alias": {
        autoname: {
            property: "name",
            conflictsWith: "namePrefix",
            maxlen: 238,
            postTransform: (name) => (name.startsWith("alias/") ? name : `alias/${name}`),
        },
    },
    // provider-wide (resource_overrides.go "aws_cloudwatch_log_group" sets IDFields only).
    "aws:cloudwatch/logGroup:LogGroup": providerWide("namePrefix"),
    // resource_overrides.go "aws_sns_topic": Maxlen 80, Randlen 7, PostTransform appending ".fifo" when the inputs'
    // `fifoTopic` is the boolean true (an unknown or secret is not a bool there, so no suffix).
    "aws:sns/topic:Topic": {
        autoname: {
            property: "name",
            conflictsWith: "namePrefix",
            maxlen: 80,
            postTransform: (name, inputs) => (inputs.fifoTopic === true ? `${name}.fifo` : name),
        },
    },
    // resource_overrides.go "aws_cloudwatch_event_rule": AutoName("name", 64, "-").
    "aws:cloudwatch/eventRule:EventRule": { autoname: { property: "name", conflictsWith: "namePrefix", maxlen: 64 } },
    // provider-wide name; resource_overrides.go "aws_security_group": "description": {Default: managedByPulumi} (the
    // SDK's docs: "Defaults to `Managed by Pulumi`").
    "aws:ec2/securityGroup:SecurityGroup": { ...providerWide("namePrefix"), values: { description: "Managed by Pulumi" } },
    // provider-wide (resource_overrides.go "aws_eks_cluster" overrides certificate_authority only).
    "aws:eks/cluster:Cluster": providerWide(),
    // resource_overrides.go "aws_eks_node_group": AutoName("nodeGroupName", 255, "-").
    "aws:eks/nodeGroup:NodeGroup": {
        autoname: { property: "nodeGroupName", conflictsWith: "nodeGroupNamePrefix", maxlen: 255 },
    },
    // provider-wide (resource_overrides.go "aws_launch_template" sets the token only).
    "aws:ec2/launchTemplate:LaunchTemplate": providerWide("namePrefix"),
    // provider-wide (resource_overrides.go "aws_cloudtrail" sets the token only).
    "aws:cloudtrail/trail:Trail": providerWide(),
    // provider-wide (resource_overrides.go's Network firewall entries rename C# properties only).
    "aws:networkfirewall/firewall:Firewall": providerWide(),
    "aws:networkfirewall/firewallPolicy:FirewallPolicy": providerWide(),
    "aws:networkfirewall/ruleGroup:RuleGroup": providerWide(),
    "aws:networkfirewall/tlsInspectionConfiguration:TlsInspectionConfiguration": { ...providerWide(), framework: true },
    // No `name` input: nothing to autoname.
    "aws:networkfirewall/loggingConfiguration:LoggingConfiguration": {},
    "aws:networkfirewall/resourcePolicy:ResourcePolicy": {},
    // provider-wide (no resource_overrides.go entries).
    "aws:route53/resolverFirewallDomainList:ResolverFirewallDomainList": providerWide(),
    "aws:route53/resolverFirewallRuleGroup:ResolverFirewallRuleGroup": providerWide(),
    "aws:route53/resolverFirewallRule:ResolverFirewallRule": providerWide(),
    "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation": providerWide(),
    "aws:route53/resolverFirewallConfig:ResolverFirewallConfig": {},
    // No `name` input.
    "aws:guardduty/detector:Detector": {},
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {},
    "aws:ec2/vpc:Vpc": {},
    // resource_overrides.go "aws_lambda_function": "function_name": AutoName("name", 64, "-"); "aws_lambda_permission":
    // "statement_id": AutoName("statementId", 100, "-") (both seen autonamed in the CLI's sample preview).
    "aws:lambda/function:Function": { autoname: { property: "name", maxlen: 64 } },
    "aws:lambda/permission:Permission": {
        autoname: { property: "statementId", conflictsWith: "statementIdPrefix", maxlen: 100 },
    },
};

/** The types whose autoname rule this module knows (others are returned unchanged). */
export const AWS_CHECK_TYPES: readonly string[] = Object.keys(RULES);

/** Present as the bridge sees it: unmarshalled with SkipNulls, so null (or a missing key) is unset. */
function present(inputs: Record<string, unknown>, key: string): boolean {
    return inputs[key] !== undefined && inputs[key] !== null;
}

/**
 * The random part. The real engine hands Check a per-resource random seed and NewUniqueName draws the characters from
 * it; offline the 7 hex digits are the first of sha256(URN). Any value is as faithful as the real random one: only the
 * shape (`<name>-<7 hex>`) and its stability for one resource matter.
 */
function randomHex(urn: string, n: number): string {
    return createHash("sha256").update(urn).digest("hex").slice(0, n);
}

function autoname(type: string, resourceName: string, urn: string, rule: AutoNameRule, inputs: Record<string, unknown>): string {
    const prefix = (rule.transform ? rule.transform(resourceName) : resourceName) + SEPARATOR;
    // NewUniqueName refuses, it does not truncate; Go's len counts bytes.
    if (Buffer.byteLength(prefix, "utf8") + RANDLEN > rule.maxlen) {
        throw new AwsCheckError(
            `could not make instance of '${type}': name '${prefix}' plus ${RANDLEN} random chars is longer than maximum length ${rule.maxlen}`,
        );
    }
    const name = prefix + randomHex(urn, RANDLEN);
    return rule.postTransform ? rule.postTransform(name, inputs) : name;
}

/**
 * The AWS provider's Check, names only. `inputs` are wire values (unknowns as the sentinel string, secrets as
 * signature objects); the result's inputs carry the autonamed property when the program left it unset and no
 * `*Prefix` property conflicts, the overlay's literal defaults, and `__defaults` as the bridge records it (SDKv2
 * resources). Types this module does not know come back unchanged. Throws AwsCheckError where the real Check fails
 * with an error (a resource name too long for its autoname).
 */
export function awsCheck(type: string, resourceName: string, urn: string, inputs: Record<string, unknown>): AwsCheckResult {
    const rule = RULES[type];
    if (!rule) return { inputs: { ...inputs }, failures: [] };

    const news: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inputs)) if (v !== undefined && v !== null && k !== DEFAULTS_KEY) news[k] = v;

    const out: Record<string, unknown> = { ...news };
    const defaulted: string[] = [];
    const a = rule.autoname;
    if (a && !present(news, a.property) && !(a.conflictsWith && present(news, a.conflictsWith))) {
        out[a.property] = autoname(type, resourceName, urn, a, news);
        defaulted.push(a.property);
    }
    for (const [k, v] of Object.entries(rule.values ?? {})) {
        if (!present(news, k)) {
            out[k] = v;
            defaulted.push(k);
        }
    }
    if (!rule.framework) out[DEFAULTS_KEY] = defaulted.sort();

    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(out).sort()) sorted[k] = out[k];
    return { inputs: sorted, failures: [] };
}

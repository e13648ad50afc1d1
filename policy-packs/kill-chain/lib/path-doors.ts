/**
 * How a pod, or someone outside, obtains each IAM role of the stack: the "doors" of the path model.
 * - IRSA and any other OIDC issuer: every Allow statement of the trust policy for sts:AssumeRoleWithWebIdentity is
 *   a door of its own, so a second statement without the pin undoes the first one's. The `:sub` conditions decide
 *   who comes through: StringEquals values one by one, StringLike patterns as patterns, and no condition, a negated
 *   or `IfExists` one, or a pattern of only wildcards (`"*"`, `"?*"`) as everyone. `:aud` is not a door's lock: a
 *   pod can project a token for any audience.
 * - EKS Pod Identity: each aws.eks.PodIdentityAssociation (and add-on podIdentityAssociations) for a role that trusts
 *   pods.eks.amazonaws.com.
 * - The node role (of a node group): every pod when the launch template leaves IMDS open to containers (tokens
 *   optional, hop limit above 1, or no launch template: EKS then uses hop limit 2), host-network pods always.
 * - From outside: `Principal: "*"` or another account in the trust policy without a condition that restricts the
 *   caller, a non-EKS OIDC issuer (GitHub Actions...), and a Lambda function URL with authorizationType NONE.
 * Deny statements in the trust policy narrow web-identity doors where that is sound (afterDenies). Role chaining is
 * followed in lib/path-chaining.ts.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS } from "./aws-types";
import { Statement, coversAction, serviceName } from "./iam";
import type { Reason } from "./iam-eval";
import { operatorParts } from "./iam-conditions";
import { matches } from "./iam-match";
import { restricts } from "./resource-policies";
import { PATH } from "./path-types";
import { readValue, statementsOf } from "./path-read";
import { UNKNOWN } from "./unknowns";
import { isObject } from "./values";

export interface Door {
    /** `pod`: from inside the cluster; `outside`: the internet, CI, another account. */
    origin: "pod" | "outside";
    /** Who comes through, for messages: `pod payments/default`, `every pod`, `any GitHub Actions workflow`... */
    from: string;
    /** How: `IRSA`, `EKS Pod Identity`, `IMDS (node role)`, `Lambda function URL ... (authorizationType NONE)`... */
    how: string;
    /** `namespace/serviceAccount` when exactly one service account comes through. */
    serviceAccount?: string;
    /** Whether requests made from behind this door go through the VPC (and so through its endpoints). */
    inVpc: boolean;
}

export interface RoleDoors {
    doors: Door[];
    /** Why who comes through cannot be proved (an unknown trust policy, association, launch template). */
    reasons: Reason[];
}

const SA_SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** Who the `:sub` conditions of one statement let in: exact values, patterns, or everyone. */
export function subjectsOf(s: Statement, issuer: string): { exact: string[] } | { patterns: string[] } | "everyone" {
    const sub = s.conditions.filter((c) => c.key.toLowerCase() === `${issuer}:sub`.toLowerCase());
    let best: { exact: string[] } | { patterns: string[] } | "everyone" = "everyone";
    for (const c of sub) {
        const { set, base, ifExists } = operatorParts(c.operator);
        if (ifExists || set === "all" || c.values.length === 0) continue;
        if (base === "stringequals") return { exact: c.values };
        if (base === "stringlike") {
            if (c.values.some((v) => /^[*?]*$/.test(v))) continue;
            const exact = c.values.every((v) => !/[*?]/.test(v));
            best = exact ? { exact: c.values } : { patterns: c.values };
        }
    }
    return best;
}

/** The OIDC issuer host/path of a Federated principal (`arn:...:oidc-provider/<issuer>`), or the principal itself. */
export function issuerOf(federated: string): string {
    return /oidc-provider\/(.+)$/.exec(federated)?.[1] ?? federated;
}

function isEksIssuer(issuer: string): boolean {
    return /^oidc\.eks\.[^/]+\/id\//i.test(issuer);
}

type Subjects = { exact: string[] } | { patterns: string[] } | "everyone" | "nobody";

/**
 * Who remains after the trust policy's Deny statements for web identities of `issuer`, judged only where it is sound:
 * an unconditional Deny shuts everyone out; a Deny whose only conditions are StringNotEquals/StringNotLike on `:sub`
 * lets in no one but those values; one whose only conditions are StringEquals on `:sub` shuts those exact subjects
 * out. Any other Deny is ignored: it could only shut out more, so ignoring it never hides a door.
 */
export function afterDenies(who: Subjects, denies: readonly Statement[], fed: string, issuer: string): Subjects {
    let out = who;
    for (const d of denies) {
        if (out === "nobody") break;
        const names = d.principal?.any || (d.principal?.federated ?? []).includes(fed);
        if (!names || !coversAction(d, "sts:AssumeRoleWithWebIdentity")) continue;
        if (d.conditions.length === 0) return "nobody";
        const subKey = `${issuer}:sub`.toLowerCase();
        if (!d.conditions.every((c) => c.key.toLowerCase() === subKey)) continue;
        const parts = d.conditions.map((c) => operatorParts(c.operator));
        if (parts.some((p) => p.ifExists || p.set !== undefined)) continue;
        if (parts.every((p) => p.base === "stringnotequals" || p.base === "stringnotlike") && d.conditions.length === 1) {
            const keep = d.conditions[0]!.values;
            const like = parts[0]!.base === "stringnotlike";
            const kept = (subject: string) => keep.some((k) => (like ? matches(k, subject) : k === subject));
            if (out === "everyone") out = like && keep.some((k) => /[*?]/.test(k)) ? { patterns: keep } : { exact: keep };
            else if ("exact" in out) out = { exact: out.exact.filter(kept) };
            // Patterns allowed and patterns kept: the overlap has no simple form; keep the allowed ones (a superset).
        } else if (parts.every((p) => p.base === "stringequals") && out !== "everyone" && "exact" in out) {
            const shut = new Set(d.conditions.flatMap((c) => c.values));
            out = { exact: out.exact.filter((x) => !shut.has(x)) };
        }
    }
    return out !== "everyone" && out !== "nobody" && "exact" in out && out.exact.length === 0 ? "nobody" : out;
}

function webIdentityDoors(s: Statement, denies: readonly Statement[]): Door[] {
    const doors: Door[] = [];
    for (const fed of s.principal?.federated ?? []) {
        const issuer = issuerOf(fed);
        const who = afterDenies(subjectsOf(s, issuer), denies, fed, issuer);
        if (who === "nobody") continue;
        if (isEksIssuer(issuer)) {
            if (who === "everyone") doors.push({ origin: "pod", from: "every pod (no pinning :sub condition)", how: "IRSA", inVpc: true });
            else if ("patterns" in who) doors.push({ origin: "pod", from: `pods whose service account matches ${who.patterns.map((p) => JSON.stringify(p)).join(" or ")}`, how: "IRSA", inVpc: true });
            else {
                for (const subject of who.exact) {
                    const m = SA_SUBJECT.exec(subject);
                    if (m) doors.push({ origin: "pod", from: `pod ${m[1]}/${m[2]}`, how: "IRSA", serviceAccount: `${m[1]}/${m[2]}`, inVpc: true });
                    else doors.push({ origin: "pod", from: `subject ${JSON.stringify(subject)}`, how: "IRSA", inVpc: true });
                }
            }
            continue;
        }
        const github = /token\.actions\.githubusercontent\.com/i.test(issuer);
        const what = github ? "GitHub Actions workflow" : `workload of ${issuer}`;
        if (who === "everyone") doors.push({ origin: "outside", from: `any ${what} (no pinning :sub condition)`, how: "OIDC", inVpc: false });
        else if ("patterns" in who) doors.push({ origin: "outside", from: `any ${what} matching ${who.patterns.map((p) => JSON.stringify(p)).join(" or ")}`, how: "OIDC", inVpc: false });
        else for (const subject of who.exact) doors.push({ origin: "outside", from: `${what} ${subject}`, how: "OIDC", serviceAccount: subject, inVpc: false });
    }
    return doors;
}

/** Doors from AWS principals named in the trust policy: anyone, or another account, without a restricting condition. */
function awsPrincipalDoors(s: Statement, account: string | undefined): Door[] {
    if (!coversAction(s, "sts:AssumeRole") || s.conditions.some(restricts)) return [];
    if (s.principal?.any || s.notPrincipal) return [{ origin: "outside", from: "any AWS principal of any account", how: "trust policy Principal \"*\"", inVpc: false }];
    const doors: Door[] = [];
    for (const p of s.principal?.aws ?? []) {
        const acct = /^(\d{12})$/.exec(p)?.[1] ?? /^arn:[a-z-]+:(?:iam|sts)::(\d{12}):/.exec(p)?.[1];
        if (acct !== undefined && account !== undefined && acct !== account) doors.push({ origin: "outside", from: `account ${acct} (${p})`, how: "cross-account trust", inVpc: false });
    }
    return doors;
}

/**
 * Why containers on a launch template's nodes reach IMDS (tokens optional, hop limit above 1), or `closed`; an
 * unknown metadataOptions counts as closed here, with its reason recorded, so only host-network pods get the door.
 */
export function imdsOpening(lt: PolicyResource, reasons: Reason[]): string | "closed" {
    const md = readValue(lt, "metadataOptions", () => lt.props.metadataOptions, reasons);
    if (md === UNKNOWN) return "closed";
    const m = isObject(md) ? md : {};
    if (m.httpEndpoint === "disabled") return "closed";
    if (m.httpTokens !== "required") return `IMDSv1 allowed (httpTokens ${JSON.stringify(m.httpTokens ?? "unset")})`;
    const hop = Number(m.httpPutResponseHopLimit ?? 1);
    return hop > 1 ? `hop limit ${hop}` : "closed";
}

export interface DoorInputs {
    resources: readonly PolicyResource[];
    roles: readonly PolicyResource[];
    account: string | undefined;
    /** Finds the role a property of `r` names: through the dependency graph, else a known name or ARN. */
    roleOf: (r: PolicyResource, prop: string, value?: () => unknown) => PolicyResource | undefined;
}

/** The doors of every role, by role URN. */
export function roleDoors(input: DoorInputs): Map<string, RoleDoors> {
    const out = new Map<string, RoleDoors>(input.roles.map((r) => [r.urn, { doors: [], reasons: [] }]));
    const trusts = new Map<string, readonly Statement[]>();
    for (const role of input.roles) {
        const entry = out.get(role.urn)!;
        const raw = readValue(role, "assumeRolePolicy", () => role.props.assumeRolePolicy, entry.reasons);
        if (raw === UNKNOWN) continue;
        const statements = statementsOf(raw);
        trusts.set(role.urn, statements);
        for (const s of statements) {
            if (s.effect !== "Allow") continue;
            if (coversAction(s, "sts:AssumeRoleWithWebIdentity")) entry.doors.push(...webIdentityDoors(s, statements.filter((x) => x.effect === "Deny")));
            entry.doors.push(...awsPrincipalDoors(s, input.account));
        }
    }
    const trusting = (role: PolicyResource, service: string) => (trusts.get(role.urn) ?? []).some((s) => s.effect === "Allow"
        && (s.principal?.service ?? []).some((p) => serviceName(p) === service) && coversAction(s, "sts:AssumeRole"));
    /** A role a door leads to; a role whose trust is unknown may be it, so it gets the door too (its trust's reason explains). */
    const open = (role: PolicyResource | undefined, service: string, door: Door) => {
        if (!role) return;
        const entry = out.get(role.urn);
        if (entry && (trusting(role, service) || !trusts.has(role.urn))) entry.doors.push(door);
    };
    const launchTemplates = new Map<string, PolicyResource>();
    for (const r of input.resources) if (r.type === AWS.launchTemplate) launchTemplates.set(r.urn, r);
    // Function URLs by the function they front (through the dependency graph), so each function finds its own.
    const urlsOf = new Map<string, PolicyResource[]>();
    for (const u of input.resources) {
        if (u.type !== PATH.lambdaFunctionUrl) continue;
        for (const d of u.propertyDependencies?.functionName ?? []) urlsOf.set(d.urn, [...(urlsOf.get(d.urn) ?? []), u]);
    }
    for (const r of input.resources) {
        switch (r.type) {
            case PATH.podIdentityAssociation: {
                const role = input.roleOf(r, "roleArn");
                if (!role) break;
                const reasons = out.get(role.urn)!.reasons;
                const ns = readValue(r, "namespace", () => r.props.namespace, reasons);
                const sa = readValue(r, "serviceAccount", () => r.props.serviceAccount, reasons);
                if (typeof ns === "string" && typeof sa === "string") {
                    open(role, "pods.eks", { origin: "pod", from: `pod ${ns}/${sa}`, how: "EKS Pod Identity", serviceAccount: `${ns}/${sa}`, inVpc: true });
                }
                break;
            }
            case PATH.addon: {
                const assoc = readValue(r, "podIdentityAssociations", () => r.props.podIdentityAssociations);
                if (assoc === UNKNOWN) {
                    // Which service accounts get the roles is not known yet: say so on each role the add-on names.
                    for (const d of r.propertyDependencies?.podIdentityAssociations ?? []) {
                        out.get(d.urn)?.reasons.push({ urn: r.urn, path: "podIdentityAssociations", opaque: false });
                    }
                    break;
                }
                if (!Array.isArray(assoc)) break;
                for (const a of assoc) {
                    if (!isObject(a)) continue;
                    const role = input.roleOf(r, "podIdentityAssociations", () => a.roleArn);
                    const sa = typeof a.serviceAccount === "string" ? a.serviceAccount : "?";
                    open(role, "pods.eks", { origin: "pod", from: `pod kube-system/${sa} (add-on)`, how: "EKS Pod Identity", serviceAccount: `kube-system/${sa}`, inVpc: true });
                }
                break;
            }
            case AWS.eksNodeGroup: {
                const role = input.roleOf(r, "nodeRoleArn");
                if (!role) break;
                const reasons = out.get(role.urn)!.reasons;
                const lt = (r.propertyDependencies?.launchTemplate ?? []).map((d) => launchTemplates.get(d.urn)).find((x) => x !== undefined);
                const imds = lt ? imdsOpening(lt, reasons) : "no launch template (the node group's default leaves IMDS to containers)";
                // Host-network pods reach IMDS whatever the hop limit; every pod does when the settings let it.
                const door: Door = imds !== "closed"
                    ? { origin: "pod", from: `every pod (IMDS reachable: ${imds})`, how: "node role through IMDS", inVpc: true }
                    : { origin: "pod", from: "host-network pods", how: "node role through IMDS", inVpc: true };
                open(role, "ec2", door);
                break;
            }
            case PATH.karpenterNodeClass:
            case PATH.karpenterNodeClassBeta: {
                // Karpenter launches nodes with the class's role and metadata options (defaults: required, hop limit 1).
                const role = input.roleOf(r, "spec", () => (r.props.spec as Record<string, unknown> | undefined)?.role);
                if (!role) {
                    // A class whose role is not known yet (its provider is not configured in this preview) may launch
                    // nodes with any role EC2 may assume: each such role's doors wait for `up`.
                    if (readValue(r, "spec.role", () => (r.props.spec as Record<string, unknown> | undefined)?.role) === UNKNOWN) {
                        for (const candidate of input.roles) if (trusting(candidate, "ec2")) out.get(candidate.urn)!.reasons.push({ urn: r.urn, path: "spec.role", opaque: false });
                    }
                    break;
                }
                const md = readValue(r, "spec.metadataOptions", () => (r.props.spec as Record<string, unknown> | undefined)?.metadataOptions, out.get(role.urn)!.reasons);
                const m = isObject(md) ? md : {};
                const why = md === UNKNOWN || m.httpEndpoint === "disabled" ? undefined
                    : m.httpTokens !== undefined && m.httpTokens !== "required" ? `IMDSv1 allowed by ${r.name}`
                        : m.httpPutResponseHopLimit !== undefined && Number(m.httpPutResponseHopLimit) > 1 ? `hop limit ${String(m.httpPutResponseHopLimit)} in ${r.name}` : undefined;
                const door: Door = why
                    ? { origin: "pod", from: `every pod (IMDS reachable: ${why})`, how: "node role through IMDS (Karpenter)", inVpc: true }
                    : { origin: "pod", from: "host-network pods", how: "node role through IMDS (Karpenter)", inVpc: true };
                open(role, "ec2", door);
                break;
            }
            case PATH.lambdaFunction: {
                const role = input.roleOf(r, "role");
                if (!role) break;
                const urls = urlsOf.get(r.urn) ?? [];
                const vpc = readValue(r, "vpcConfig", () => r.props.vpcConfig);
                // Subnets not known yet count as in the VPC: inside the perimeter is where a path is easier, never harder.
                const inVpc = vpc === UNKNOWN || (isObject(vpc) && Array.isArray(vpc.subnetIds) && vpc.subnetIds.length > 0);
                for (const u of urls) {
                    const reasons = out.get(role.urn)!.reasons;
                    const auth = readValue(u, "authorizationType", () => u.props.authorizationType, reasons);
                    if (auth === "NONE") open(role, "lambda", { origin: "outside", from: "the internet", how: `Lambda function URL ${u.name} (authorizationType NONE) -> function ${r.name}`, inVpc });
                }
                break;
            }
        }
    }
    return out;
}

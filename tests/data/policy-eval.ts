// A small evaluator for the Deny/Allow statements our resource policies use, following the IAM rules that matter
// here: statements match on action and resource (with wildcards); condition operators are ANDed, values within one
// key are ORed; a missing key makes `...IfExists` true, negated operators (`...Not...`) true, and others false.
import type { ResourcePolicyDocument, ResourcePolicyStatement } from "../../infra/data/bucket-policy";
import { actionMatches } from "../../infra/data/bucket-policy";

export interface RequestContext {
    action: string;
    resource: string;
    /** Global and service keys present in the request (`aws:SecureTransport`, `aws:VpceAccount`, ...). */
    keys: Record<string, string | undefined>;
    /** `{ Service: ... }` or `{ AWS: <principal ARN> }` for Principal matching of Allow statements. */
    principal: { Service?: string; AWS?: string };
}

function asList(v: string | string[]): string[] {
    return Array.isArray(v) ? v : [v];
}

function like(pattern: string, value: string): boolean {
    return actionMatches(pattern, value);
}

function evalOperator(op: string, key: string, expected: string[], ctx: RequestContext): boolean {
    const ifExists = op.endsWith("IfExists");
    const base = ifExists ? op.slice(0, -"IfExists".length) : op;
    const actual = ctx.keys[key];
    const negated = /Not/.test(base);
    if (actual === undefined) return ifExists || negated;
    switch (base) {
        case "StringEquals": case "ArnEquals": return expected.includes(actual);
        case "StringNotEquals": case "ArnNotEquals": return !expected.includes(actual);
        case "StringLike": case "ArnLike": return expected.some((e) => like(e, actual));
        case "StringNotLike": case "ArnNotLike": return !expected.some((e) => like(e, actual));
        case "Bool": return expected.includes(actual);
        case "NumericLessThan": return expected.some((e) => Number(actual) < Number(e));
        default: throw new Error(`operator ${op} not supported by the test evaluator`);
    }
}

export function conditionHolds(statement: ResourcePolicyStatement, ctx: RequestContext): boolean {
    for (const [op, entries] of Object.entries(statement.Condition ?? {})) {
        for (const [key, value] of Object.entries(entries)) {
            if (!evalOperator(op, key, asList(value), ctx)) return false;
        }
    }
    return true;
}

function principalMatches(statement: ResourcePolicyStatement, ctx: RequestContext): boolean {
    if (statement.Principal === "*") return true;
    const p = statement.Principal;
    if (p.Service && ctx.principal.Service && asList(p.Service).includes(ctx.principal.Service)) return true;
    if (p.AWS && ctx.principal.AWS && asList(p.AWS).includes(ctx.principal.AWS)) return true;
    return false;
}

export function statementApplies(statement: ResourcePolicyStatement, ctx: RequestContext): boolean {
    return principalMatches(statement, ctx)
        && asList(statement.Action).some((a) => actionMatches(a, ctx.action))
        && asList(statement.Resource).some((r) => like(r, ctx.resource))
        && conditionHolds(statement, ctx);
}

/** Sids of the Deny statements that refuse this request. */
export function denyingStatements(doc: ResourcePolicyDocument, ctx: RequestContext): string[] {
    return doc.Statement.filter((s) => s.Effect === "Deny" && statementApplies(s, ctx)).map((s) => s.Sid);
}

/** Sids of the Allow statements that grant this request. */
export function allowingStatements(doc: ResourcePolicyDocument, ctx: RequestContext): string[] {
    return doc.Statement.filter((s) => s.Effect === "Allow" && statementApplies(s, ctx)).map((s) => s.Sid);
}

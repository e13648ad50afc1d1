/**
 * Resource policies (ECR repository, SNS topic...) read for the statements that let anyone in: the shared first step
 * of the policies that refuse a public repository or alert topic. Uses lib/resource-policies.ts's notion of "anyone".
 */
import { Statement, parsePolicyDocument } from "./iam";
import { openToAnyone } from "./resource-policies";
import { Reads, UNKNOWN } from "./unknowns";

export interface OpenStatement {
    /** `Statement[1] (Sid)` for messages. */
    label: string;
    statement: Statement;
    /** Why it is open: "allows Principal \"*\" without a condition ...". */
    why: string;
}

/**
 * The Allow statements of the `policy` input open to any principal; `error` when the document does not parse (the
 * caller reports it), nothing when the document is absent or unknown (an unknown one is recorded).
 */
export function openStatements(reads: Reads, props: Record<string, unknown>): { open: OpenStatement[]; error?: string } {
    const raw = reads.get("policy", () => props.policy);
    if (raw === UNKNOWN || raw === undefined || raw === null || raw === "") return { open: [] };
    const doc = parsePolicyDocument(raw);
    if (doc.error !== undefined) return { open: [], error: doc.error };
    const open: OpenStatement[] = [];
    doc.statements.forEach((s, i) => {
        const why = openToAnyone(s);
        if (why) open.push({ label: `Statement[${i}]${s.sid ? ` (${s.sid})` : ""}`, statement: s, why });
    });
    return { open };
}

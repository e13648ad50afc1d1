/** What a VPC flow-log record must carry to be evidence of a connection. Pure. */

/** Flow-log fields without which a record cannot say who talked to whom: the pool's address and port are the evidence. */
export const FLOW_LOG_ADDRESS_FIELDS: readonly string[] = ["srcaddr", "dstaddr", "srcport", "dstport"];

/** Fields of FLOW_LOG_ADDRESS_FIELDS a custom flow-log format leaves out (the default format has them all). */
export function missingFlowLogFields(logFormat: string): string[] {
    const fields = new Set([...logFormat.matchAll(/\$\{([a-z0-9-]+)\}/g)].map((m) => m[1]!));
    return FLOW_LOG_ADDRESS_FIELDS.filter((f) => !fields.has(f));
}

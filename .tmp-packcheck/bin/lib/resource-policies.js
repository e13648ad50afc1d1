"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.restricts = restricts;
exports.openToAnyone = openToAnyone;
exports.isTlsOnlyDeny = isTlsOnlyDeny;
/** Judging resource policies (bucket policies): who they let in, and whether they refuse plain HTTP. */
const iam_1 = require("./iam");
/**
 * Condition keys that limit an Allow for "*" to a network or an organisation, account, principal or source
 * (compared lower-case; entries ending in "/" are prefixes).
 */
const RESTRICTING_KEYS = [
    "aws:sourcevpce", "aws:sourcevpc", "aws:vpceaccount", "aws:vpceorgid", "aws:vpceorgpaths", "aws:sourceip",
    "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn", "aws:userid",
    "aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths", "s3:dataaccesspointaccount",
    "s3:dataaccesspointarn", "aws:principaltag/",
];
/** A condition that really narrows who gets in: a restricting key, a positive operator (not IfExists/Not/Null), no `*`. */
function restricts(c) {
    const key = c.key.toLowerCase();
    if (!RESTRICTING_KEYS.some((k) => (k.endsWith("/") ? key.startsWith(k) : key === k)))
        return false;
    const op = c.operator.replace(/^For(All|Any)Values:/i, "");
    if (/IfExists$/i.test(op) || /Not/i.test(op) || /^Null$/i.test(op))
        return false;
    if (c.values.length === 0 || c.values.some((v) => /^[*?]+$/.test(v)))
        return false;
    // 0.0.0.0/0 is no restriction at all.
    if (key === "aws:sourceip" && c.values.some((v) => /\/0$/.test(v)))
        return false;
    return true;
}
/** Why an Allow statement opens the resource to any principal; undefined when it does not. */
function openToAnyone(s) {
    if (s.effect !== "Allow")
        return undefined;
    const anyone = s.principal?.any ? "Principal \"*\"" : s.notPrincipal ? "NotPrincipal" : undefined;
    if (!anyone)
        return undefined;
    if (s.conditions.some(restricts))
        return undefined;
    return `allows ${anyone} without a condition restricting the caller (aws:SourceVpce, aws:PrincipalOrgID, aws:PrincipalArn, aws:SourceArn...)`;
}
/** The TLS-only statement: Deny for everyone on (at least) object reads when aws:SecureTransport is false. */
function isTlsOnlyDeny(s) {
    if (s.effect !== "Deny" || !(s.principal?.any))
        return false;
    if (!(0, iam_1.coversAction)(s, "s3:GetObject") || !(0, iam_1.coversAction)(s, "s3:PutObject"))
        return false;
    return s.conditions.some((c) => /^Bool(IfExists)?$/i.test(c.operator) && c.key.toLowerCase() === "aws:securetransport"
        && c.values.length > 0 && c.values.every((v) => v.toLowerCase() === "false"));
}
//# sourceMappingURL=resource-policies.js.map
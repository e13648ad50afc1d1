"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.hasValue = hasValue;
exports.asBool = asBool;
exports.asString = asString;
exports.asList = asList;
exports.isObject = isObject;
exports.show = show;
/** Small readers for provider input values (bridged providers send some booleans as strings). */
const unknowns_1 = require("./unknowns");
/**
 * Whether `parent[key]` is set, without needing its value: an unknown value counts as set, so "is a key ARN
 * given?" is decided in a preview even though the ARN itself is only known after create. Never throws.
 */
function hasValue(parent, key) {
    if (parent === null || typeof parent !== "object")
        return false;
    if (!(key in parent))
        return false;
    try {
        const v = parent[key];
        if ((0, unknowns_1.isUnknownSentinel)(v))
            return true;
        return v !== undefined && v !== null && v !== "";
    }
    catch (e) {
        if (e instanceof unknowns_1.UnknownValueError)
            return true;
        throw e;
    }
}
/** `true`, `"true"` (launch template network interfaces take strings) -> true; `false`, `"false"` -> false. */
function asBool(v) {
    if (v === true || v === "true")
        return true;
    if (v === false || v === "false")
        return false;
    return undefined;
}
function asString(v) {
    return typeof v === "string" ? v : undefined;
}
/** A list value as an array (a single value becomes a one-element list; absent becomes []). */
function asList(v) {
    if (v === undefined || v === null)
        return [];
    return Array.isArray(v) ? v : [v];
}
function isObject(v) {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
/** JSON for messages, short. */
function show(v) {
    if (typeof v === "symbol")
        return "<unknown>";
    if (v === undefined)
        return "unset";
    const s = JSON.stringify(v);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
//# sourceMappingURL=values.js.map
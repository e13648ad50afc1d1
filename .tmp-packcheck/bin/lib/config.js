"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.configWithDefaults = configWithDefaults;
exports.stringListSchema = stringListSchema;
exports.stringList = stringList;
const values_1 = require("./values");
/**
 * A policy's configuration with its defaults applied. The engine fills schema defaults when it runs the pack, but
 * `getConfig()` returns `{}` when no config was sent (tests, older CLIs), so the defaults are applied here too.
 */
function configWithDefaults(raw, defaults) {
    if (!(0, values_1.isObject)(raw))
        return { ...defaults };
    const out = { ...defaults };
    for (const k of Object.keys(defaults))
        if (raw[k] !== undefined && raw[k] !== null)
            out[k] = raw[k];
    return out;
}
/** A config schema of string-list properties, each with its default and description. */
function stringListSchema(props) {
    const properties = {};
    for (const [k, v] of Object.entries(props)) {
        properties[k] = { type: "array", items: { type: "string" }, default: v.default, description: v.description };
    }
    return { properties };
}
/** Strings of a config list; other entries are ignored (the engine validated the schema already). */
function stringList(v) {
    return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
}
//# sourceMappingURL=config.js.map
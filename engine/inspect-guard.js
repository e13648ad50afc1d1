"use strict";
/**
 * Preloaded (NODE_OPTIONS --require) into the program's process by the offline engine; the only code it adds there.
 *
 * Node 20.19.6+ has a bug (nodejs/node#64011, fixed by nodejs/node#64022, not in every release line yet):
 * `util.inspect(err, { colors: true })` loops until the heap is exhausted (~20 s and ~3 GB, then RangeError) when the
 * error's stack has a frame whose `node_modules/<name>` has no path separator after it. The Pulumi SDK's source maps
 * produce such frames (`node_modules/@pulumi/resource.ts`), and cmd/run prints every unhandled program error with
 * exactly that call (cmd/run/error.ts defaultErrorMessage), so under the real CLI a failing program stalls too, then
 * prints the error uncoloured. Here those errors are inspected uncoloured at once: the same text without the colour
 * codes, and nothing else changes.
 */
const util = require("util");

const original = util.inspect;

/** True when some frame of `stack` would send Node's markNodeModules into its endless loop. */
function triggersInspectLoop(stack) {
    if (typeof stack !== "string") return false;
    for (const line of stack.split("\n")) {
        let from = 0;
        for (;;) {
            const at = line.indexOf("node_modules", from);
            if (at === -1) break;
            const before = line[at - 1];
            const after = line[at + 12];
            if ((before !== "/" && before !== "\\") || (after !== "/" && after !== "\\")) {
                from = at + 1;
                continue;
            }
            const start = at + 13;
            let end = line.indexOf(before, start);
            if (end !== -1 && line[start] === "@") end = line.indexOf(before, end + 1);
            if (end === -1) return true;
            from = end;
        }
    }
    return false;
}

function inspect(value, options, ...rest) {
    if (value instanceof Error && options !== null && typeof options === "object" && options.colors && triggersInspectLoop(value.stack)) {
        return original.call(this, value, { ...options, colors: false }, ...rest);
    }
    return original.call(this, value, options, ...rest);
}
Object.defineProperties(inspect, Object.getOwnPropertyDescriptors(original));
util.inspect = inspect;

module.exports = { triggersInspectLoop };

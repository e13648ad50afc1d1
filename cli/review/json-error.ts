/**
 * Where a JSON text stops being JSON. V8's JSON.parse messages sometimes carry a position and sometimes only quote the
 * text around the bad token, which may hold a secret, so the reader never repeats them: it finds the position itself.
 * Only used after JSON.parse has failed, so it favours being simple over being fast.
 */
export interface JsonFault {
    /** Index (UTF-16 code units) of the first character that cannot continue a JSON text; text.length when it ended early. */
    index: number;
    reason: string;
}

const WS = new Set([" ", "\t", "\n", "\r"]);

export function locateJsonError(text: string): JsonFault {
    let i = 0;
    const fail = (reason: string): JsonFault => ({ index: i, reason: i >= text.length ? "the JSON ends early" : reason });
    const ws = () => { while (i < text.length && WS.has(text[i]!)) i++; };
    // Iterative: a stack of open containers, so deeply nested input cannot overflow the call stack.
    const stack: ("{" | "[")[] = [];
    type Want = "value" | "key" | "colon" | "commaOrEnd";
    let want: Want = "value";
    for (;;) {
        ws();
        if (want === "value") {
            const c = text[i];
            if (c === "{" || c === "[") {
                stack.push(c); i++; ws();
                if (text[i] === (c === "{" ? "}" : "]")) { stack.pop(); i++; want = "commaOrEnd"; continue; }
                want = c === "{" ? "key" : "value";
                continue;
            }
            if (c === "\"") {
                const end = stringEnd(text, i);
                if (end < 0) { i = -end; return fail("invalid string"); }
                i = end;
            } else {
                const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
                if (!m) return fail(i === 0 ? "not JSON" : "expected a value");
                i += m[0].length;
            }
            want = "commaOrEnd";
            continue;
        }
        if (want === "key") {
            if (text[i] !== "\"") return fail("expected a property name in double quotes");
            const end = stringEnd(text, i);
            if (end < 0) { i = -end; return fail("invalid string"); }
            i = end;
            want = "colon";
            continue;
        }
        if (want === "colon") {
            if (text[i] !== ":") return fail("expected ':' after a property name");
            i++;
            want = "value";
            continue;
        }
        // commaOrEnd
        const top = stack[stack.length - 1];
        if (top === undefined) {
            if (i < text.length) return fail("unexpected data after the JSON value");
            return { index: i, reason: "no error found" };
        }
        const c = text[i];
        if (c === ",") { i++; want = top === "{" ? "key" : "value"; continue; }
        if (c === (top === "{" ? "}" : "]")) { stack.pop(); i++; continue; }
        return fail(top === "{" ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

/** Index after the closing quote of the string starting at `start`, or -(index of the fault). */
function stringEnd(text: string, start: number): number {
    let i = start + 1;
    while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === 0x22) return i + 1;
        if (c < 0x20) return -i;
        if (c === 0x5c) {
            const e = text[i + 1];
            if (e === "u") {
                if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -i;
                i += 6;
                continue;
            }
            if (e === undefined || !"\"\\/bfnrt".includes(e)) return -i;
            i += 2;
            continue;
        }
        i++;
    }
    return -text.length;
}

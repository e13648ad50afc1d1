/**
 * IAM wildcard matching (`*` any run, `?` one character) with the case rule of each field: actions and condition
 * operators' IgnoreCase variants compare case-insensitively, resource ARNs and most condition values exactly.
 * Beyond "does this pattern match this string", the path model asks existential questions about S3 keys: does a
 * pattern match *some* key of a bucket (an Allow reaches data), does it match *every* key (a Deny closes the bucket).
 * Both are answered exactly by running the pattern as a small automaton over the known prefix.
 */

export interface MatchOptions {
    /** @default false - resource ARNs and condition values are case-sensitive */
    ignoreCase?: boolean;
}

function same(a: string, b: string, ignoreCase: boolean): boolean {
    return ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * The pattern positions reachable after reading `text` (a position is how much of the pattern has been used; a `*`
 * may absorb any run). Empty when no string starting with `text` can match.
 */
function statesAfter(pattern: string, text: string, ignoreCase: boolean): Set<number> {
    const close = (states: Set<number>): Set<number> => {
        // A `*` may also match nothing: being before it means being after it too.
        for (const s of [...states]) {
            let p = s;
            while (p < pattern.length && pattern[p] === "*") states.add(++p);
        }
        return states;
    };
    let states = close(new Set([0]));
    for (const ch of text) {
        const next = new Set<number>();
        for (const s of states) {
            if (s >= pattern.length) continue;
            const pc = pattern[s]!;
            if (pc === "*") next.add(s);
            else if (pc === "?" || same(pc, ch, ignoreCase)) next.add(s + 1);
        }
        states = close(next);
        if (states.size === 0) break;
    }
    return states;
}

/** Whether `pattern` matches `value` exactly. */
export function matches(pattern: string, value: string, opts: MatchOptions = {}): boolean {
    return statesAfter(pattern, value, opts.ignoreCase ?? false).has(pattern.length);
}

/** Whether `pattern` matches some string that starts with `prefix` (e.g. some object key of a bucket). */
export function matchesSomeWithPrefix(pattern: string, prefix: string, opts: MatchOptions = {}): boolean {
    // Any pattern position can be completed by some suffix: `?` by any character, `*` by nothing.
    return statesAfter(pattern, prefix, opts.ignoreCase ?? false).size > 0;
}

/** Whether `pattern` matches every string that starts with `prefix` (e.g. every object key of a bucket). */
export function matchesEveryWithPrefix(pattern: string, prefix: string, opts: MatchOptions = {}): boolean {
    // Every suffix matches when some reachable position leaves only stars. A pattern that needs at least one more
    // character (`bucket/?*`) is not counted: it misses the empty suffix, and erring that way only ever makes a Deny
    // look weaker than it is, never an Allow.
    for (const s of statesAfter(pattern, prefix, opts.ignoreCase ?? false)) {
        if (/^\**$/.test(pattern.slice(s)) && pattern.slice(s).length > 0) return true;
    }
    return false;
}

/** Actions compare case-insensitively (`S3:getobject` is `s3:GetObject`). */
export function actionMatches(pattern: string, action: string): boolean {
    return matches(pattern, action, { ignoreCase: true });
}

/**
 * Go's path/filepath Match and Glob, with which the yaml/v2 ConfigGroup expands its `files`
 * (provider/pkg/provider/yaml/v2/yaml.go).
 */
import { readdirSync, statSync } from "node:fs";
import { isAbsolute, join, posix } from "node:path";

type GlobToken = { lit: string } | { any: true } | { star: true } | { cls: [string, string][]; negated: boolean };

/** path/filepath.Match's pattern syntax (`*`, `?`, `[...]`, `\` escapes); a malformed pattern throws as Glob does. */
function parseGlob(pattern: string): GlobToken[] {
    const bad = (): never => {
        throw new Error("expanding glob: syntax error in pattern");
    };
    const chars = [...pattern];
    const tokens: GlobToken[] = [];
    let i = 0;
    const esc = (): string => {
        const c = chars[i];
        if (c === undefined || c === "-" || c === "]") bad();
        if (c === "\\") i++;
        const r = chars[i++];
        if (r === undefined) bad();
        return r!;
    };
    while (i < chars.length) {
        const c = chars[i++]!;
        if (c === "*") tokens.push({ star: true });
        else if (c === "?") tokens.push({ any: true });
        else if (c === "\\") {
            if (i >= chars.length) bad();
            tokens.push({ lit: chars[i++]! });
        } else if (c === "[") {
            const negated = chars[i] === "^";
            if (negated) i++;
            const ranges: [string, string][] = [];
            for (;;) {
                if (chars[i] === "]" && ranges.length > 0) {
                    i++;
                    break;
                }
                const lo = esc();
                let hi = lo;
                if (chars[i] === "-") {
                    i++;
                    hi = esc();
                }
                ranges.push([lo, hi]);
                if (i >= chars.length) bad();
            }
            tokens.push({ cls: ranges, negated });
        } else tokens.push({ lit: c });
    }
    return tokens;
}

/** filepath.Match on one path element: no token matches `/`. */
function globMatch(tokens: GlobToken[], name: string): boolean {
    const s = [...name];
    const at = (ti: number, si: number): boolean => {
        if (ti === tokens.length) return si === s.length;
        const t = tokens[ti]!;
        if ("star" in t) {
            for (let j = si; j <= s.length; j++) {
                if (at(ti + 1, j)) return true;
                if (s[j] === "/") return false;
            }
            return false;
        }
        const c = s[si];
        if (c === undefined || c === "/") return false;
        if ("lit" in t) return c === t.lit && at(ti + 1, si + 1);
        if ("any" in t) return at(ti + 1, si + 1);
        const inClass = t.cls.some(([lo, hi]) => lo <= c && c <= hi);
        return inClass !== t.negated && at(ti + 1, si + 1);
    };
    return at(0, 0);
}

const HAS_META = /[*?[\\]/;

/** path/filepath.Glob, relative to `baseDir`, results as the pattern spells them (per directory, names sorted). */
export function goGlob(baseDir: string, pattern: string): string[] {
    parseGlob(pattern);
    const abs = (p: string): string => (isAbsolute(p) ? p : join(baseDir, p));
    if (!HAS_META.test(pattern)) {
        try {
            statSync(abs(pattern));
            return [pattern];
        } catch {
            return [];
        }
    }
    const slash = pattern.lastIndexOf("/");
    const dirPart = slash < 0 ? "" : pattern.slice(0, slash + 1);
    const file = pattern.slice(slash + 1);
    const dir = dirPart === "" ? "." : dirPart === "/" ? "/" : dirPart.slice(0, -1);
    const dirs = HAS_META.test(dir) ? (dir === pattern ? [] : goGlob(baseDir, dir)) : [dir];
    const tokens = parseGlob(file);
    const out: string[] = [];
    for (const d of dirs) {
        let names: string[];
        try {
            if (!statSync(abs(d)).isDirectory()) continue;
            names = readdirSync(abs(d)).sort();
        } catch {
            continue;
        }
        for (const n of names) if (globMatch(tokens, n)) out.push(posix.join(d, n));
    }
    return out;
}

/** A small, strict argument parser: unknown flags and missing values are errors (exit 2), never ignored. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export interface FlagSpec {
    /** Flags that take a value. Repeatable ones collect into arrays. */
    values?: readonly string[];
    repeatable?: readonly string[];
    /** Boolean flags. */
    booleans?: readonly string[];
    /** Allowed values per flag. */
    choices?: Record<string, readonly string[]>;
    /** How many positional arguments are allowed. @default 0 */
    positionals?: number;
}

export interface Parsed {
    values: Record<string, string | undefined>;
    lists: Record<string, string[]>;
    flags: Set<string>;
    positionals: string[];
}

export function parseArgs(command: string, argv: string[], spec: FlagSpec): Parsed {
    const values: Record<string, string | undefined> = {};
    const lists: Record<string, string[]> = {};
    const flags = new Set<string>();
    const positionals: string[] = [];
    const takesValue = new Set([...(spec.values ?? []), ...(spec.repeatable ?? [])]);
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]!;
        if (a.startsWith("--")) {
            const eq = a.indexOf("=");
            const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
            if (takesValue.has(name)) {
                const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
                if (v === undefined || (eq < 0 && v.startsWith("--"))) throw new UsageError(`${command}: --${name} needs a value`);
                const allowed = spec.choices?.[name];
                if (allowed && !allowed.includes(v)) throw new UsageError(`${command}: --${name} must be one of ${allowed.join(", ")}, not ${JSON.stringify(v)}`);
                if (spec.repeatable?.includes(name)) (lists[name] ??= []).push(v);
                else values[name] = v;
            } else if (spec.booleans?.includes(name) && eq < 0) {
                flags.add(name);
            } else {
                throw new UsageError(`${command}: unknown option --${name}`);
            }
        } else if (a === "-" || !a.startsWith("-")) {
            positionals.push(a);
        } else {
            throw new UsageError(`${command}: unknown option ${a}`);
        }
    }
    if (positionals.length > (spec.positionals ?? 0)) throw new UsageError(`${command}: unexpected argument ${JSON.stringify(positionals[spec.positionals ?? 0])}`);
    return { values, lists, flags, positionals };
}

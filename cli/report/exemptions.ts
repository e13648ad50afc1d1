/**
 * Exemptions: a checked-in file that accepts one policy's finding on named resources, for a stated reason, until a
 * date. The alternative teams reach for without it — flipping a whole policy to advisory — silences it everywhere and
 * forever. One implementation for `check` and `review`: both hand their findings to applyExemptions.
 *
 *   exemptions:
 *     - policy: disallow-public-bucket-policy      # the policy's name (optionally policyPack: to pin the pack)
 *       resource: "public-site-*"                   # a resource name, or a URN; `*` matches any run of characters
 *       reason: "Static website, reviewed in SEC-123"
 *       expires: 2027-03-31                        # at most a year ahead; an expired entry fails the run
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export interface Exemption {
    policy: string;
    policyPack?: string;
    resource: string;
    reason: string;
    /** YYYY-MM-DD, the last day the exemption applies. */
    expires: string;
    /** Where it was read, for messages: `FILE: exemptions[i]`. */
    where: string;
}

export class ExemptionsError extends Error {}

/** Read when present in the working directory and no `--exemptions FILE` is given. */
export const DEFAULT_EXEMPTIONS_FILE = "hardened-stack.exemptions.yaml";

/** The longest an exemption may run: a decision that outlives a year is a policy change, not an exemption. */
export const MAX_EXEMPTION_DAYS = 366;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number | undefined {
    const m = DATE.exec(date);
    if (!m) return undefined;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    const d = new Date(t);
    if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
    return Math.floor(t / 86_400_000);
}

/** Today as YYYY-MM-DD (UTC). */
export function today(now = new Date()): string {
    return now.toISOString().slice(0, 10);
}

/** Pure: validates a parsed exemptions document. Every problem is one line naming the file, the entry and the field. */
export function parseExemptions(doc: unknown, file: string, on: string): Exemption[] {
    const fail = (where: string, what: string): never => {
        throw new ExemptionsError(`invalid exemptions file ${file}: ${where} ${what}`);
    };
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) fail("", "must be a mapping with an `exemptions` list");
    const top = doc as Record<string, unknown>;
    for (const k of Object.keys(top)) if (k !== "exemptions") fail(k, "is not a setting (only `exemptions`)");
    if (!Array.isArray(top.exemptions)) fail("exemptions", "must be a list");
    const todayN = dayNumber(on)!;
    return (top.exemptions as unknown[]).map((raw, i) => {
        const at = `exemptions[${i}]`;
        if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail(at, "must be a mapping with policy, resource, reason and expires");
        const e = raw as Record<string, unknown>;
        for (const k of Object.keys(e)) if (!["policy", "policyPack", "resource", "reason", "expires"].includes(k)) fail(`${at}.${k}`, "is not a field (policy, policyPack, resource, reason, expires)");
        for (const k of ["policy", "resource", "reason"]) {
            if (typeof e[k] !== "string" || (e[k] as string).trim() === "") fail(`${at}.${k}`, "is required (a non-empty string)");
        }
        if (e.policyPack !== undefined && (typeof e.policyPack !== "string" || e.policyPack === "")) fail(`${at}.policyPack`, "must be a pack name");
        if ((e.reason as string).trim().length < 10) fail(`${at}.reason`, `${JSON.stringify(e.reason)} is too short to tell a reviewer why`);
        if ((e.resource as string).replace(/\*/g, "") === "") fail(`${at}.resource`, `${JSON.stringify(e.resource)} matches every resource; name the resources (a name or URN pattern)`);
        // YAML reads an unquoted 2027-03-31 as a date.
        const expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : e.expires;
        const day = typeof expires === "string" ? dayNumber(expires) : undefined;
        if (day === undefined) fail(`${at}.expires`, `${JSON.stringify(e.expires ?? null)} must be a date YYYY-MM-DD`);
        if (day! - todayN > MAX_EXEMPTION_DAYS) fail(`${at}.expires`, `${expires} is more than ${MAX_EXEMPTION_DAYS} days ahead; exempt for at most a year and review it then`);
        return {
            policy: e.policy as string, ...(e.policyPack ? { policyPack: e.policyPack as string } : {}), resource: e.resource as string,
            reason: (e.reason as string).trim(), expires: expires as string, where: `${file}: ${at}`,
        };
    });
}

/** Reads and validates an exemptions file (YAML or JSON). */
export function readExemptions(file: string, on = today()): Exemption[] {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (e) {
        throw new ExemptionsError(`cannot read exemptions file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let doc: unknown;
    try {
        doc = parse(text);
    } catch (e) {
        throw new ExemptionsError(`invalid exemptions file ${file}: not YAML (${(e as Error).message.split("\n")[0]})`);
    }
    return parseExemptions(doc, file, on);
}

/** Expired entries: a finding nobody re-decided. They fail the run rather than silently exempting or lapsing. */
export function expiredExemptions(exemptions: readonly Exemption[], on = today()): Exemption[] {
    const n = dayNumber(on)!;
    return exemptions.filter((e) => dayNumber(e.expires)! < n);
}

export function expiredMessage(e: Exemption): string {
    return `exemption expired: ${e.where} (${e.policy} on ${e.resource}) ended ${e.expires}; renew it with a new date and reason, or fix the finding and remove it`;
}

function globMatch(pattern: string, text: string): boolean {
    const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    return re.test(text);
}

/** The resource name is the URN's last `::` part. */
function nameOf(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i < 0 ? urn : urn.slice(i + 2);
}

export function exemptionMatches(e: Exemption, f: { policyPack: string; policy: string; urn?: string }): boolean {
    if (e.policy !== f.policy || (e.policyPack !== undefined && e.policyPack !== f.policyPack)) return false;
    if (!f.urn) return false;
    return e.resource.startsWith("urn:") ? globMatch(e.resource, f.urn) : globMatch(e.resource, nameOf(f.urn));
}

export interface Applied<F> {
    kept: F[];
    exempted: { finding: F; exemption: Exemption }[];
    /** Entries that matched nothing: stale, listed so they get removed. */
    unused: Exemption[];
}

/** Pure: splits findings into those that stand and those an exemption accepts (the first matching entry wins). */
export function applyExemptions<F extends { policyPack: string; policy: string; urn?: string }>(findings: readonly F[], exemptions: readonly Exemption[]): Applied<F> {
    const used = new Set<Exemption>();
    const kept: F[] = [];
    const exempted: { finding: F; exemption: Exemption }[] = [];
    for (const f of findings) {
        const e = exemptions.find((x) => exemptionMatches(x, f));
        if (e) {
            used.add(e);
            exempted.push({ finding: f, exemption: e });
        } else {
            kept.push(f);
        }
    }
    return { kept, exempted, unused: exemptions.filter((e) => !used.has(e)) };
}

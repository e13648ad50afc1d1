/**
 * Which policy packs a command runs and with which `--policy-pack-config` files: shared by `check` and `review`, read
 * exactly as the CLI reads them (engine/policy-config.ts).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parsePolicyPackConfigFile, policyPackConfigFlagsError } from "../engine/policy-config";
import type { PolicyPackConfig } from "../engine/policy-config";
import { UsageError } from "./args";
import { PROJECT_ROOT } from "../engine/root";

/** The project's own pack, run when no --policy-pack is given. */
export const DEFAULT_PACKS = [resolve(PROJECT_ROOT, "policy-packs/kill-chain")];

/** The packs a command runs: those given, else the project's own. */
export function packsOf(given: readonly string[]): string[] {
    return given.length > 0 ? [...given] : DEFAULT_PACKS;
}

/**
 * `--policy-pack-config` files, paired with the packs in order as `pulumi preview` pairs them (the n-th file belongs to
 * the n-th pack), each parsed as config.go parses it. Keyed by the pack's resolved folder.
 * @throws UsageError when the flags do not pair up; PolicyConfigError for a file the CLI would refuse
 */
export function readPackConfigs(packs: readonly string[], files: readonly string[]): Record<string, PolicyPackConfig> {
    const pairing = policyPackConfigFlagsError(packs, files);
    if (pairing) throw new UsageError(`${pairing} (${packs.length} pack(s), ${files.length} config file(s))`);
    const out: Record<string, PolicyPackConfig> = {};
    files.forEach((file, i) => {
        let text: string;
        try {
            text = readFileSync(file, "utf8");
        } catch (e) {
            throw new UsageError(`--policy-pack-config ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
        }
        out[resolve(packs[i]!)] = parsePolicyPackConfigFile(text, file).policies;
    });
    return out;
}

/** Edit distance (insertions, deletions, substitutions), for suggesting the policy a typo meant. */
export function editDistance(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
        prev = row;
    }
    return prev[b.length]!;
}

/** The known names closest to `name`, nearest first (at most three). */
export function nearestNames(name: string, known: readonly string[]): string[] {
    return [...known].map((k) => ({ k, d: editDistance(name, k) })).sort((x, y) => x.d - y.d || x.k.localeCompare(y.k)).slice(0, 3).map((x) => x.k);
}

/**
 * A policy name in a --policy-pack-config file that the pack does not have. `pulumi preview` passes such a name on and
 * the pack ignores it, so a typo silently leaves the policy at its default level; `check` refuses it instead.
 * @returns the error naming the file, the name and the nearest known names; undefined when every name is a policy
 */
export function unknownPolicyError(pack: { name: string; policies: readonly { name: string }[] }, config: PolicyPackConfig, file: string): string | undefined {
    const known = pack.policies.map((p) => p.name);
    // `all` is the config file's key for every policy (config.go).
    const unknown = [...config.keys()].filter((k) => k !== "all" && !known.includes(k));
    if (unknown.length === 0) return undefined;
    const name = unknown[0]!;
    return `--policy-pack-config ${file}: ${JSON.stringify(name)} is not a policy of ${pack.name}; did you mean ${nearestNames(name, known).map((n) => JSON.stringify(n)).join(" or ")}?`
        + (unknown.length > 1 ? ` (${unknown.length - 1} more unknown: ${unknown.slice(1).map((n) => JSON.stringify(n)).join(", ")})` : "");
}

/** The --policy-pack-config file of each pack (resolved folder), paired in order as readPackConfigs pairs them. */
export function packConfigFiles(packs: readonly string[], files: readonly string[]): Record<string, string> {
    return Object.fromEntries(files.map((f, i) => [resolve(packs[i]!), f]));
}

/**
 * Which policy packs a command runs and with which `--policy-pack-config` files: shared by `check` and `review`, read
 * exactly as the CLI reads them (engine/policy-config.ts).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parsePolicyPackConfigFile, policyPackConfigFlagsError } from "../engine/policy-config";
import type { PolicyPackConfig } from "../engine/policy-config";
import { UsageError } from "./args";

/** The project's own pack, run when no --policy-pack is given. */
export const DEFAULT_PACKS = [resolve(__dirname, "../policy-packs/kill-chain")];

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

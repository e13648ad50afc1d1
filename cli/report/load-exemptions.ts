import { existsSync } from "node:fs";
import { DEFAULT_EXEMPTIONS_FILE, ExemptionsError, expiredExemptions, expiredMessage, readExemptions } from "./exemptions";
import type { Exemption } from "./exemptions";

/**
 * The exemptions file: `--exemptions FILE`, else `hardened-stack.exemptions.yaml` in the working directory when it
 * exists. An expired entry stops the run (exit 2) naming it.
 */
export function loadExemptions(file: string | undefined): Exemption[] {
    const path = file ?? (existsSync(DEFAULT_EXEMPTIONS_FILE) ? DEFAULT_EXEMPTIONS_FILE : undefined);
    if (path === undefined) return [];
    const list = readExemptions(path);
    const [expired] = expiredExemptions(list);
    if (expired) throw new ExemptionsError(expiredMessage(expired));
    return list;
}


/**
 * The repository's root: the nearest folder above this file whose package.json is this project's. The same answer
 * whether the code runs from its TypeScript sources (engine/) or from the compiled CLI (build/engine/).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const PROJECT_PACKAGE_NAME = "hardened-stack";

export function findProjectRoot(from: string): string {
    for (let dir = from; ; dir = dirname(dir)) {
        const pkg = join(dir, "package.json");
        if (existsSync(pkg)) {
            try {
                if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === PROJECT_PACKAGE_NAME) return dir;
            } catch {
                // not this project's: keep looking
            }
        }
        if (dirname(dir) === dir) throw new Error(`cannot find the ${PROJECT_PACKAGE_NAME} package above ${from}`);
    }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);

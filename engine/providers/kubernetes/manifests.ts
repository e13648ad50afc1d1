/**
 * The objects a yaml/v2 ConfigGroup or ConfigFile is given (provider/pkg/provider/yaml/v2/yaml.go Parse and expand):
 * files read (globs expanded, URLs refused), the YAML literal decoded, lists replaced by their items.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { goGlob } from "./glob";
import { decodeManifestStream } from "./manifest-stream";
import { printObject, wireType } from "./messages";
import { isMapValue } from "./wire";
import type { Obj } from "./wire";

const GLOB_PATTERN = /(?:^|[^\\])[*?[]/;
/** url.Parse(file).IsAbs(): a scheme, so the provider fetches it over HTTP. */
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** sort.Strings: byte order, which is code-point order for these UTF-8 strings. */
function byteOrder(a: string, b: string): number {
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** yaml.go Parse: files (URLs are fetched, globs expanded and sorted, else read), then the YAML literal. */
export function parseManifests(label: string, files: string[], glob: boolean, yamlText: string, programDir: string): Obj[] {
    const texts: string[] = [];
    for (const file of files) {
        if (URL_SCHEME.test(file)) {
            throw new Error(`${label}: ${file} is a URL, which cannot be read offline (the provider downloads it during the preview); \`pulumi preview --policy-pack\` must decide`);
        }
        const paths = glob && GLOB_PATTERN.test(file) ? goGlob(programDir, file).sort(byteOrder) : [file];
        for (const p of paths) {
            try {
                texts.push(readFileSync(isAbsolute(p) ? p : join(programDir, p), "utf8"));
            } catch (e) {
                throw new Error(`${label}: reading YAML file from disk: open ${p}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (e as Error).message}`, { cause: e });
            }
        }
    }
    texts.push(yamlText);
    const objs: Obj[] = [];
    for (const text of texts) {
        try {
            // yamlDecode keeps every document that is a non-empty map; Normalize then demands kind and apiVersion.
            for (const obj of decodeManifestStream(text)) if (obj !== null && Object.keys(obj).length > 0) objs.push(obj);
        } catch (e) {
            throw new Error(`${label}: decoding YAML: ${(e as Error).message}`, { cause: e });
        }
    }
    return objs;
}

/** yaml.go expand: anything whose `items` is an array is a list, replaced (recursively) by its items. */
export function expandLists(label: string, objs: Obj[]): Obj[] {
    const out: Obj[] = [];
    const queue = [...objs];
    while (queue.length > 0) {
        const obj = queue.shift()!;
        if (!Array.isArray(obj.items)) {
            out.push(obj);
            continue;
        }
        const items = obj.items as unknown[];
        const bad = items.find((i) => !isMapValue(i));
        if (bad !== undefined) throw new Error(`${label}: YAML object is invalid: \`${printObject(obj)}\`: items member is not an object: ${wireType(bad)}`);
        queue.unshift(...(items as Obj[]));
    }
    return out;
}

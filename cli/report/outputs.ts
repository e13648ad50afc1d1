/**
 * Several formats from one run: `--format markdown,sarif,junit --output-dir DIR` renders each format from the same
 * result and writes `DIR/<command>.<ext>`; with one format and no directory the result goes to stdout as before.
 * Shared by `check` and `review`. Files are written whole or not at all (a temporary file renamed into place), and
 * nothing is written unless every format rendered.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../args";

export const EXTENSIONS: Record<string, string> = { text: "txt", markdown: "md", report: "txt", json: "json", sarif: "sarif", junit: "xml" };

/** Pure: the formats asked for, validated; several need a directory to go to. */
export function parseFormats(command: string, value: string | undefined, allowed: readonly string[], dflt: string, outputDir: string | undefined): string[] {
    const formats = (value ?? dflt).split(",").map((f) => f.trim());
    for (const f of formats) {
        if (!allowed.includes(f)) throw new UsageError(`${command}: --format must be one or more of ${allowed.join(", ")} (comma-separated), not ${JSON.stringify(f)}`);
    }
    if (new Set(formats).size !== formats.length) throw new UsageError(`${command}: --format lists a format twice: ${JSON.stringify(value)}`);
    if (formats.length > 1 && outputDir === undefined) throw new UsageError(`${command}: several formats (${formats.join(", ")}) need --output-dir DIR to write them to`);
    return formats;
}

export function outputPath(dir: string, command: string, format: string): string {
    return join(dir, `${command}.${EXTENSIONS[format] ?? format}`);
}

/** Writes every rendered output into `dir`, each file complete or absent. Returns the paths written. */
export function writeOutputs(dir: string, command: string, rendered: ReadonlyArray<{ format: string; text: string }>): string[] {
    try {
        mkdirSync(dir, { recursive: true });
    } catch (e) {
        throw new UsageError(`${command}: cannot create --output-dir ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const written: string[] = [];
    for (const r of rendered) {
        const path = outputPath(dir, command, r.format);
        const tmp = `${path}.${process.pid}.tmp`;
        try {
            writeFileSync(tmp, r.text.endsWith("\n") ? r.text : `${r.text}\n`);
            renameSync(tmp, path);
        } catch (e) {
            throw new UsageError(`${command}: cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        written.push(path);
    }
    return written;
}

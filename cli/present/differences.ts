/**
 * What `check` says after its verdicts: every place where this offline run may differ from the real `pulumi preview`
 * (engine/deployment.ts notes them), and, for an update preview (`--state`), its steps and the deferrals the old
 * state decided.
 */
import type { Diagnostic } from "../../engine/analyzer";
import type { ProgramRun } from "../../engine";
import { plural } from "./words";

export interface StateSummary {
    file: string;
    same: number;
    update: number;
    create: number;
    deleted: number;
    /** Deferrals a first preview has that this update preview decided. */
    resolved: { policy: string; urn: string }[];
}

export function stateSummary(run: ProgramRun, file: string, baselineDeferred: readonly Diagnostic[], deferred: readonly Diagnostic[]): StateSummary {
    const count = (s: string) => run.resources.filter((r) => r.step === s).length;
    const still = new Set(deferred.map((d) => `${d.policy} ${d.urn}`));
    const resolved = baselineDeferred.filter((d) => !still.has(`${d.policy} ${d.urn}`)).map((d) => ({ policy: d.policy, urn: d.urn }));
    return { file, same: count("same"), update: count("update"), create: count("create"), deleted: run.deleted?.length ?? 0, resolved };
}


/** Text cut at spaces into lines of at most `width` columns, the later ones indented (a longer word stays whole). */
export function wrapLine(text: string, width: number, indent: string): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(" ")) {
        const next = line === "" ? word : `${line} ${word}`;
        if (next.length > width && line.trim() !== "") {
            lines.push(line);
            line = `${indent}${word}`;
        } else line = next;
    }
    lines.push(line);
    return lines;
}

/** The column the text formats keep to. */
export const TEXT_WIDTH = 120;

/**
 * Lines for the text formats: the state's steps, then every place of possible difference (none: says so). With a
 * `width`, a longer line goes on over indented lines; without one, each entry is one line (for markdown).
 */
export function differenceLines(run: ProgramRun, state?: StateSummary, width = Infinity): string[] {
    const L: string[] = [];
    if (state) {
        L.push(...wrapLine(`Update preview of ${state.file}: ${state.same} same, ${state.update} updated, ${state.create} created, ${state.deleted} deleted; `
            + `${plural(state.resolved.length, "deferral")} of a first preview decided by the old state`, width, "  "));
    }
    if (run.differences.length === 0) {
        L.push("Where this offline run may differ from a real preview: nowhere the engine knows of.");
        return L;
    }
    L.push(`Where this offline run may differ from a real preview (${plural(run.differences.length, "place")}; \`--strict\` fails on those marked !):`);
    for (const d of run.differences) {
        L.push(...wrapLine(`  ${d.strict ? "!" : "-"} ${d.what}${d.urns.length ? ` (${plural(d.urns.length, "resource")})` : ""}`, width, "    "));
    }
    return L;
}

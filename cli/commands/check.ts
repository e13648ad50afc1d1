import { PolicySession } from "../../engine/analyzer";
import type { AnalysisResult, Diagnostic } from "../../engine/analyzer";
import { ProgramError } from "../../engine";
import type { ProgramRun } from "../../engine";
import { tryParseUrn } from "../../engine/urn";
import { parseArgs, UsageError } from "../args";
import { PROGRAM_FLAGS, planOptions, programMeta, runPlan } from "./plan";
import type { PlanOptions } from "./plan";
import { TEXT_WIDTH, differenceLines, stateSummary } from "../present/differences";
import type { StateSummary } from "../present/differences";
import { packConfigFiles, packsOf, readPackConfigs, unknownPolicyError } from "../packs";
import { configSecretTexts, redactAnalysis, redactError, redactRun, scrubSecrets, secretTexts } from "../mask";
import { STEPS, STEP_TITLES, ownMessage, stepOf } from "../present/steps";
import { usageOf } from "../../bin/help.js";
import type { Exemption } from "../report/exemptions";
import { loadExemptions } from "../report/load-exemptions";
import { DEFAULT_FAIL_ON, parseFailOn, violationFails } from "../report/fail-on";
import type { FailOn } from "../report/fail-on";
import { parseFormats, writeOutputs } from "../report/outputs";
import { renderJUnit } from "../report/junit";
import { checkJUnitCases, exemptionLines, exemptViolations } from "../report/check-extras";
import type { ExemptedCheck } from "../report/check-extras";
import { Progress } from "../present/progress";
import { colourEnabled } from "../present/colour";
import { plural } from "../present/words";
import { printable } from "../terminal";
import { countRegistrations, deferredText, registrationsText } from "../present/counts";
import { buildOverview, overviewMarkdown, overviewText } from "../present/overview";

export const CHECK_USAGE = usageOf("check");

export { STEPS, STEP_TITLES, ownMessage, stepOf };

export interface CheckReport {
    run: ProgramRun;
    /** The packs' verdicts; with exemptions, the violations they accept are in `exempted` instead. */
    analysis: AnalysisResult;
    exempted?: ExemptedCheck;
    /** With `--state`: the update preview's steps and the deferrals the old state decided. */
    state?: StateSummary;
    /** Every secret plaintext of the run, scrubbed from whatever `check` prints. */
    secrets: string[];
}

/** `--tag key=value`: stack tags, which packs see (ConfigureStack, `args.stackTags`). */
export function parseTags(tags: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const t of tags) {
        const i = t.indexOf("=");
        if (i <= 0) throw new UsageError(`check: --tag must be KEY=VALUE, not ${JSON.stringify(t)}`);
        out[t.slice(0, i)] = t.slice(i + 1);
    }
    return out;
}

/** What a run tells the person waiting for it. @default - nothing */
export interface RunFeedback {
    /** The program's own output lines (console, pulumi.log). */
    output?: (line: string) => void;
    /** The step now under way, for a progress line; undefined once done. */
    progress?: (step: string | undefined) => void;
}

/**
 * `pulumi preview --policy-pack` offline: the packs start and are configured, then the program runs; each resource is
 * remediated and analysed as it registers (before its create step, as the step generator does), and the whole stack
 * is analysed once the program has finished. With `--state`, the same run as a first deployment too, to report which
 * of its deferrals the old state decided.
 */
export async function runCheck(values: Record<string, string | undefined>, packs: string[], configFiles: string[] = [], stackTags: Record<string, string> = {},
    feedback: RunFeedback = {}): Promise<CheckReport> {
    const progress = feedback.progress ?? (() => undefined);
    const packDirs = packsOf(packs);
    // Config files pair with the packs in order, as `pulumi preview --policy-pack-config` pairs them.
    const packConfig = readPackConfigs(packDirs, configFiles);
    const o = planOptions(values);
    const once = async (opts: PlanOptions, what: string, output?: (line: string) => void): Promise<CheckReport> => {
        const meta = programMeta(opts);
        const session = PolicySession.open(packDirs, meta, { packConfig, stackTags });
        try {
            progress(`starting ${plural(packDirs.length, "policy pack")}`);
            // The CLI loads and configures every pack before it runs the program (pkg/engine/update.go).
            await session.whenReady();
            const files = packConfigFiles(packDirs, configFiles);
            for (const pack of session.result().packs) {
                const config = packConfig[pack.dir];
                const unknown = config && unknownPolicyError(pack, config, files[pack.dir]!);
                if (unknown) throw new UsageError(unknown);
            }
            progress(`running ${what} and the policies on each resource`);
            // The program may print its own secret config, or quote it in an error: scrubbed like everything else shown.
            const configSecrets = configSecretTexts(meta.config, meta.secretKeys);
            const run = await runPlan(opts, session, output && ((line) => output(scrubSecrets(line, configSecrets)))).catch((e: unknown) => { throw redactError(e, configSecrets); });
            progress(`running the stack policies on ${plural(run.resources.length, "registration")}`);
            // A stack policy that throws fails the check like a resource policy that throws: one line, secrets kept out.
            await session.analyzeStack(run).catch((e: unknown) => { throw redactError(new ProgramError((e as Error).message, run.resources), configSecrets); });
            // Packs get plaintext (as under `pulumi preview`) and may echo it: renderCheck redacts with these.
            return { run, analysis: session.result(), secrets: secretTexts(run, meta.config, meta.secretKeys) };
        } finally {
            progress(undefined);
            session.close();
        }
    };
    const report = await once(o, `the program${o.state ? ` as an update of ${o.state}` : ""}`, feedback.output);
    if (o.state === undefined) return report;
    const { state: _file, ...firstDeployment } = o;
    // The program's output was shown once already.
    const baseline = await once(firstDeployment, "the program again as a first deployment (to compare with --state)");
    return { ...report, state: stateSummary(report.run, o.state, baseline.analysis.deferred, report.analysis.deferred) };
}

/** The report as the formats may read it: diagnostics and logs with every known secret redacted (cli/mask.ts). */
export function redactReport(r: CheckReport): CheckReport {
    return { ...r, run: redactRun(r.run, r.secrets), analysis: redactAnalysis(r.analysis, r.secrets) };
}

/**
 * The exit code: 1 on a violation `--fail-on` names (a mandatory one by default) that no exemption accepts, and on any
 * mandatory violation at all, exempted or not: `pulumi preview --policy-pack` does not read the exemptions file, so
 * it would fail there, and `check` must never pass what the real preview fails. With `--strict`, also on any deferral
 * or place of possible difference.
 */
export function checkExitCode(r: CheckReport, strict: boolean, failOn: FailOn = DEFAULT_FAIL_ON): number {
    if (r.analysis.violations.some((d) => violationFails(failOn, d))) return 1;
    if ((r.exempted?.exempted ?? []).some((x) => x.finding.enforcementLevel === "mandatory")) return 1;
    if (strict && (r.analysis.deferred.length > 0 || r.run.differences.some((d) => d.strict))) return 1;
    return 0;
}

export function checkJson(r: CheckReport) {
    return {
        // Counted as every format counts them: the custom resources, not components, providers or the Stack.
        resources: countRegistrations(r.run).resources,
        policies: r.analysis.packs.reduce((n, p) => n + p.policies.length, 0),
        violations: r.analysis.violations.map((d) => ({ policyPack: d.policyPack, policy: d.policy, enforcementLevel: d.enforcementLevel, urn: d.urn, message: ownMessage(d) })),
        deferred: r.analysis.deferred.map((d) => ({ policyPack: d.policyPack, policy: d.policy, urn: d.urn, message: ownMessage(d) })),
        differences: r.run.differences.map((d) => ({ key: d.key, what: d.what, strict: d.strict, resources: d.urns })),
        ...(r.state ? { state: r.state } : {}),
        ...(r.exempted ? {
            exempted: r.exempted.exempted.map(({ finding: d, exemption: e }) => ({ policyPack: d.policyPack, policy: d.policy, urn: d.urn, reason: e.reason, expires: e.expires, exemption: e.where })),
            unusedExemptions: r.exempted.unused.map((e) => e.where),
        } : {}),
    };
}

function shortUrn(urn: string): string {
    const u = tryParseUrn(urn);
    return printable(u ? `${u.type}  ${u.name}` : urn);
}

/** `report`: every violation by kill-chain step (other packs' policies under "other"), then the deferrals. */
export function checkText(r: CheckReport): string {
    const { run, analysis } = r;
    const packOf = (name: string) => analysis.packs.find((p) => p.name === name);
    const lines: string[] = [];
    const policyCount = analysis.packs.reduce((n, p) => n + p.policies.length, 0);
    lines.push(`${printable(run.project)}/${printable(run.stack)} (${run.mode}): ${registrationsText(countRegistrations(run))} checked by `
        + `${plural(policyCount, "policy")} in ${analysis.packs.map((p) => printable(`${p.name}@${p.version}`)).join(", ")}`);
    lines.push("");
    const groups = new Map<string, Diagnostic[]>();
    for (const d of analysis.violations) {
        const step = stepOf(packOf(d.policyPack), d.policy);
        groups.set(step, [...(groups.get(step) ?? []), d]);
    }
    for (const step of [...STEPS, "other"]) {
        const policies = analysis.packs.flatMap((p) => p.policies.filter((x) => stepOf(p, x.name) === step));
        const found = groups.get(step) ?? [];
        if (policies.length === 0 && found.length === 0) continue;
        const mandatory = found.filter((d) => d.enforcementLevel === "mandatory").length;
        const mark = mandatory > 0 ? "✗" : found.length > 0 ? "!" : "✓";
        lines.push(`${mark} ${step.padEnd(8)} ${STEP_TITLES[step] ?? step}: ${plural(policies.length, "policy")}, `
            + `${plural(mandatory, "mandatory violation")}, ${plural(found.length - mandatory, "advisory violation")}`);
        for (const d of found) {
            lines.push(`    [${d.enforcementLevel}] ${printable(d.policy)}  (${shortUrn(d.urn)})`);
            for (const l of ownMessage(d).split("\n")) lines.push(`        ${printable(l)}`);
        }
    }
    if (analysis.deferred.length > 0) {
        lines.push("");
        lines.push(`${deferredText(analysis.deferred)}:`);
        for (const d of analysis.deferred) lines.push(`    ${printable(d.policy)}: ${printable(ownMessage(d).replace(/^can't run policy '[^']+' from policy pack '[^']+' during preview: /, ""))}`);
    }
    const mandatory = analysis.violations.filter((d) => d.enforcementLevel === "mandatory").length;
    lines.push("");
    lines.push(...differenceLines(run, r.state, TEXT_WIDTH));
    lines.push("");
    lines.push(mandatory > 0 ? `FAILED: ${plural(mandatory, "mandatory violation")}; \`pulumi ${run.mode}\` with these packs would fail.` : "PASSED: no mandatory violations.");
    return lines.join("\n");
}

/**
 * The command that shows everything about this same check: the arguments as given, with --format markdown. The
 * reference stack's is `npm start -- --format markdown`; another program's names that program.
 */
export function everythingCommand(argv: readonly string[]): string {
    const kept: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--format") { i++; continue; }
        if (argv[i] === "--json" || argv[i]!.startsWith("--format=")) continue;
        kept.push(/^[\w@%+=:,./-]+$/.test(argv[i]!) ? argv[i]! : JSON.stringify(argv[i]));
    }
    return printable(kept.length ? `npx hardened-stack check ${kept.join(" ")} --format markdown` : "npm start -- --format markdown");
}

/** The check's own formats; `junit` adds a pass/fail summary per policy for CI dashboards. */
export const CHECK_FORMATS = ["text", "markdown", "report", "json"] as const;
export const CHECK_OUTPUT_FORMATS = [...CHECK_FORMATS, "junit"] as const;
export type CheckFormat = (typeof CHECK_OUTPUT_FORMATS)[number];

/**
 * text: the newcomer's one-screen overview; markdown: the complete version; report: violations by step; json: machines.
 * Everything packs said and the program logged is redacted before any format reads it (redactReport); the finished
 * text is scrubbed once more as the last line of defence.
 */
export function renderCheck(report: CheckReport, format: CheckFormat, argv: readonly string[] = [], colour = false): string {
    const shown = redactReport(report);
    let text: string;
    if (format === "json") text = JSON.stringify(checkJson(shown), null, 2);
    else if (format === "junit") text = renderJUnit(`hardened-stack check ${shown.run.project}/${shown.run.stack}`, checkJUnitCases(shown.analysis, shown.exempted));
    else if (format === "report") text = [checkText(shown), ...exemptionLines(shown.exempted, false)].join("\n");
    else {
        const overview = buildOverview(shown.run, shown.analysis);
        text = format === "markdown"
            ? [overviewMarkdown(overview, report.state), ...exemptionLines(shown.exempted, true)].join("\n")
            : [overviewText(overview, report.state, { everything: everythingCommand(argv), colour }), ...exemptionLines(shown.exempted, false)].join("\n");
    }
    return scrubSecrets(text, report.secrets);
}

/** The report with the exemptions applied to its violations. */
export function withExemptions(report: CheckReport, exemptions: readonly Exemption[]): CheckReport {
    const { analysis, applied } = exemptViolations(report.analysis, exemptions);
    return { ...report, analysis, exempted: applied };
}

export async function checkCommand(argv: string[], out: (s: string) => void, err: (s: string) => void = () => undefined): Promise<number> {
    const a = parseArgs("check", argv, {
        values: [...PROGRAM_FLAGS.values, "format", "output-dir", "exemptions", "fail-on"], choices: { ...PROGRAM_FLAGS.choices },
        repeatable: ["policy-pack", "policy-pack-config", "tag"], booleans: ["json", "strict"],
    });
    const formats = parseFormats("check", a.flags.has("json") ? "json" : a.values.format, CHECK_OUTPUT_FORMATS, "text", a.values["output-dir"]) as CheckFormat[];
    const failOn = parseFailOn("check", a.values["fail-on"], ["mandatory"]);
    // Read (and checked for expiry) before the program runs: a bad or expired file fails fast.
    const exemptions = loadExemptions(a.values.exemptions);
    const progress = new Progress(process.stderr);
    const report = await runCheck(a.values, a.lists["policy-pack"] ?? [], a.lists["policy-pack-config"] ?? [], parseTags(a.lists.tag ?? []), {
        output: (line) => { progress.clear(); err(line); },
        progress: (step) => progress.show(step),
    });
    const judged = exemptions.length > 0 ? withExemptions(report, exemptions) : report;
    const outputDir = a.values["output-dir"];
    if (outputDir === undefined) {
        out(renderCheck(judged, formats[0]!, argv, colourEnabled(process.stdout)));
    } else {
        const rendered = formats.map((format) => ({ format, text: renderCheck(judged, format, argv, false) }));
        out(`wrote ${writeOutputs(outputDir, "check", rendered).join(", ")}`);
    }
    return checkExitCode(judged, a.flags.has("strict"), failOn);
}

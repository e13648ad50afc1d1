/**
 * `npm start`: the offline check of the reference stack, presented for a newcomer. Text fits one screen; Markdown is
 * complete (every component, every policy and its verdict, every deferral).
 */
import type { AnalysisResult, Diagnostic, PolicyInfo } from "../../engine/analyzer";
import type { ProgramRun, RecordedResource } from "../../engine";
import { ROOT_STACK_TYPE } from "../../engine/constants";
import { evaluateControls, ControlResult } from "./controls";
import { STEPS, STEP_TITLES, ownMessage, policyReferences, stepOf } from "./steps";
import { TEXT_WIDTH, differenceLines } from "./differences";
import type { StateSummary } from "./differences";
import { countRegistrations, deferredText, isProvider } from "./counts";
import { plural } from "./words";
import { printable } from "../terminal";
import { paint, paintMark } from "./colour";

export { STEPS, STEP_TITLES };

export interface Overview {
    run: ProgramRun;
    components: ComponentSummary[];
    controls: ControlResult[];
    policies: PolicyVerdict[];
    violations: Diagnostic[];
    deferred: Diagnostic[];
}
export interface ComponentSummary { name: string; type: string; resources: number; byType: [string, number][] }
export interface PolicyVerdict extends PolicyInfo { pack: string; step: string; verdict: "fail" | "advisory" | "deferred" | "pass"; violations: number }

const shortType = (t: string) => t.split(":").pop() ?? t;

/** Top-level components (children of the root Stack) with the custom resources below them. */
export function summarizeComponents(run: ProgramRun): ComponentSummary[] {
    const children = new Map<string, RecordedResource[]>();
    for (const r of run.resources) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    const root = run.resources.find((r) => r.type === ROOT_STACK_TYPE);
    const below = (urn: string): RecordedResource[] => (children.get(urn) ?? []).flatMap((c) => [c, ...below(c.urn)]);
    const out: ComponentSummary[] = [];
    const loose: RecordedResource[] = [];
    for (const top of children.get(root?.urn ?? "") ?? []) {
        if (top.custom) { if (!isProvider(top)) loose.push(top); continue; }
        const custom = below(top.urn).filter((r) => r.custom && !isProvider(r));
        out.push({ name: top.name, type: top.type, resources: custom.length, byType: countTypes(custom) });
    }
    if (loose.length) out.push({ name: "(stack)", type: ROOT_STACK_TYPE, resources: loose.length, byType: countTypes(loose) });
    return out;
}

function countTypes(rs: RecordedResource[]): [string, number][] {
    const counts = new Map<string, number>();
    for (const r of rs) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}


export function buildOverview(run: ProgramRun, analysis: AnalysisResult): Overview {
    const policies: PolicyVerdict[] = analysis.packs.flatMap((pack) => pack.policies.map((p) => {
        const mine = (d: Diagnostic) => d.policyPack === pack.name && d.policy === p.name;
        const v = analysis.violations.filter(mine);
        const verdict = v.some((d) => d.enforcementLevel === "mandatory") ? "fail" : v.length ? "advisory" : analysis.deferred.some(mine) ? "deferred" : "pass";
        return { ...p, pack: pack.name, step: stepOf(pack, p.name), verdict, violations: v.length };
    }));
    return { run, components: summarizeComponents(run), controls: evaluateControls(run), policies, violations: analysis.violations, deferred: analysis.deferred };
}

const MARK = { present: "✓", missing: "✗", unknown: "?" } as const;
/** What "?" means, said once under the table when a "?" is shown. */
export const UNKNOWN_LEGEND = "? = not decided offline: known only after apply, or a part (such as the Kubernetes layer) not in this stack";

/** The egress mode the reference components build, or undefined for a program without a VPC (it has no egress mode). */
export function egressOf(run: ProgramRun): "sealed" | "allowlist" | undefined {
    if (!run.resources.some((r) => r.type === "aws:ec2/vpc:Vpc")) return undefined;
    return run.resources.some((r) => r.type === "aws:ec2/internetGateway:InternetGateway") ? "allowlist" : "sealed";
}

/** Steps as the overview shows them: the kill chain, then "other" when a pack has policies outside it. */
function stepsOf(o: Overview): string[] {
    return o.policies.some((p) => p.step === "other") ? [...STEPS, "other"] : [...STEPS];
}

function stepVerdict(o: Overview, step: string): { mark: string; text: string } {
    const ps = o.policies.filter((p) => p.step === step);
    const fail = ps.filter((p) => p.verdict === "fail").length;
    const advisory = ps.filter((p) => p.verdict === "advisory").length;
    const deferred = ps.filter((p) => p.verdict === "deferred").length;
    const controls = o.controls.filter((c) => c.step === step);
    const present = controls.filter((c) => c.state === "present").length;
    const unknown = controls.filter((c) => c.state === "unknown").length;
    const missing = controls.length - present - unknown;
    const mark = fail > 0 ? "✗" : missing > 0 || advisory > 0 ? "!" : "✓";
    // Only present controls count as present; a "?" is neither.
    const controlText = controls.length ? `${present}/${plural(controls.length, "control")}${unknown ? ` (${unknown} ?)` : ""}, ` : "";
    return { mark, text: `${controlText}${plural(ps.length, "policy")}: ${ps.length - fail - advisory - deferred} pass${fail ? `, ${fail} FAIL` : ""}`
        + `${advisory ? `, ${advisory} advisory` : ""}${deferred ? `, ${deferred} deferred` : ""}` };
}

function headline(o: Overview): string {
    const mandatory = o.violations.filter((d) => d.enforcementLevel === "mandatory").length;
    return mandatory > 0
        ? `FAILED: ${plural(mandatory, "mandatory violation")}; \`pulumi ${o.run.mode}\` with these packs would fail.`
        : `PASSED: no mandatory violation${o.deferred.length ? `; ${deferredText(o.deferred)}` : ""}.`;
}

const shortUrn = (urn: string) => { const p = urn.split("::"); return printable(p.length >= 4 ? `${shortType(p[2]!.split("$").pop()!)} ${p.slice(3).join("::")}` : urn); };

/** "147 resources in 8 components", or "149 resources: 147 in 8 components, 2 directly in the stack". */
function deployedText(o: Overview): string {
    const total = countRegistrations(o.run).resources;
    const loose = o.components.find((c) => c.type === ROOT_STACK_TYPE)?.resources ?? 0;
    const components = o.components.filter((c) => c.type !== ROOT_STACK_TYPE).length;
    if (components === 0) return plural(total, "resource");
    return loose === 0 ? `${plural(total, "resource")} in ${plural(components, "component")}`
        : `${plural(total, "resource")}: ${total - loose} in ${plural(components, "component")}, ${loose} directly in the stack`;
}

export interface OverviewOptions {
    /** The command that shows everything (the closing hint). @default "npm start -- --format markdown" (the reference stack) */
    everything?: string;
    /** Colour the verdict marks and the verdict (cli/present/colour.ts decides when). @default false */
    colour?: boolean;
}

/** One screen: what would be deployed, the kill-chain table, the verdict. */
export function overviewText(o: Overview, state?: StateSummary, opts: OverviewOptions = {}): string {
    const { run } = o;
    const L: string[] = [];
    const egress = egressOf(run);
    const on = opts.colour === true;
    L.push(`HardenedStack offline check: ${printable(run.project)}/${printable(run.stack)} as ${state ? "an update" : "a first"} \`pulumi ${run.mode}\``
        + `${egress ? ` (egress: ${egress})` : ""}`);
    L.push("");
    L.push(`What would be deployed: ${deployedText(o)}`);
    for (const c of o.components) {
        // As many of the most common resource types as fit in 100 columns.
        let top = "";
        for (const [t, n] of c.byType) {
            const next = `${top ? `${top}, ` : ""}${printable(shortType(t))} ×${n}`;
            if (next.length > 52) { top += ", …"; break; }
            top = next;
        }
        L.push(`  ${printable(c.name).padEnd(22)} ${printable(shortType(c.type)).padEnd(25)} ${String(c.resources).padStart(4)}  ${top}`);
    }
    L.push("");
    L.push("The 2018 Tesla kill chain, step by step: the controls in this stack and the policies that guard them");
    for (const step of stepsOf(o)) {
        const v = stepVerdict(o, step);
        L.push(`  ${paintMark(v.mark, on)} ${step.padEnd(8)} ${STEP_TITLES[step]!.padEnd(40)} ${v.text}`);
        for (const c of o.controls.filter((x) => x.step === step)) L.push(`      ${paintMark(MARK[c.state], on)} ${c.label} (${c.detail})`);
        for (const d of o.violations.filter((x) => o.policies.find((p) => p.pack === x.policyPack && p.name === x.policy)?.step === step)) {
            L.push(`      ${paintMark(d.enforcementLevel === "mandatory" ? "✗" : "!", on)} [${d.enforcementLevel}] ${printable(d.policy)} on ${shortUrn(d.urn)}: ${printable(ownMessage(d).split("\n")[0]!)}`);
        }
    }
    if (o.controls.some((c) => c.state === "unknown")) L.push(`  ${UNKNOWN_LEGEND}`);
    const packs = [...new Set(o.policies.map((p) => p.pack))];
    const count = (v: PolicyVerdict["verdict"]) => o.policies.filter((p) => p.verdict === v).length;
    L.push("");
    L.push(`Policies: ${o.policies.length} in ${packs.map(printable).join(", ")}: ${count("pass")} pass, ${count("fail")} fail, ${count("advisory")} advisory, ${count("deferred")} deferred`);
    L.push(...differenceLines(run, state, TEXT_WIDTH));
    const verdict = headline(o);
    L.push(on ? paint(verdict, verdict.startsWith("FAILED") ? "red" : "green", true) : verdict);
    L.push(`Everything (each policy, each deferral): ${opts.everything ?? "npm start -- --format markdown"}`);
    return L.join("\n");
}

/** Outside text in a Markdown table cell or line: printable, pipes escaped, on one line. */
const md = (s: string) => printable(s.replace(/\n/g, " ")).replace(/\|/g, "\\|");
/** Outside text as a code span: printable, and no backtick to end the span early. */
const code = (s: string) => `\`${md(s).replace(/`/g, "'")}\``;

/** Complete: every component, every control, every policy with its verdict, every violation and deferral. */
export function overviewMarkdown(o: Overview, state?: StateSummary): string {
    const { run } = o;
    const L: string[] = [];
    const egress = egressOf(run);
    L.push(`# HardenedStack offline check: ${code(`${run.project}/${run.stack}`)}`);
    L.push("");
    L.push(`As ${state ? "an update" : "a first"} \`pulumi ${run.mode}\`${egress ? ` (egress mode \`${egress}\`)` : ""}, under the offline engine. **${headline(o)}**`);
    L.push("");
    L.push("## The kill chain");
    L.push("");
    L.push("| step | what happened at Tesla | controls in this stack | policies that guard it |");
    L.push("|---|---|---|---|");
    for (const step of stepsOf(o)) {
        const v = stepVerdict(o, step);
        const controls = o.controls.filter((c) => c.step === step).map((c) => `${MARK[c.state]} ${md(c.label)} (${md(c.detail)})`).join("<br>");
        const policies = o.policies.filter((p) => p.step === step).map((p) => code(p.name)).join(", ");
        L.push(`| ${v.mark} **${step}** | ${STEP_TITLES[step]} | ${controls} | ${policies} |`);
    }
    if (o.controls.some((c) => c.state === "unknown")) { L.push(""); L.push(UNKNOWN_LEGEND); }
    L.push("");
    L.push(`## What would be deployed (${deployedText(o)})`);
    L.push("");
    L.push("| component | type | resources | made of |");
    L.push("|---|---|---:|---|");
    for (const c of o.components) L.push(`| ${code(c.name)} | ${code(c.type)} | ${c.resources} | ${md(c.byType.map(([t, n]) => `${shortType(t)} ×${n}`).join(", "))} |`);
    L.push("");
    L.push(`## Every policy (${o.policies.length})`);
    L.push("");
    L.push("| verdict | policy | pack | step | level | severity | references |");
    L.push("|---|---|---|---|---|---|---|");
    const verdictText = { fail: "✗ fail", advisory: "! advisory", deferred: "… deferred", pass: "✓ pass" } as const;
    for (const p of o.policies) {
        L.push(`| ${verdictText[p.verdict]} | ${code(p.name)} | ${md(p.pack)} | ${p.step} | ${p.enforcementLevel} | ${md(p.severity)} | ${md(policyReferences(p).join(", "))} |`);
    }
    if (o.violations.length) {
        L.push("");
        L.push(`## Violations (${o.violations.length})`);
        L.push("");
        for (const d of o.violations) L.push(`- **[${d.enforcementLevel}] ${code(d.policy)}** (${md(d.policyPack)}) on ${code(d.urn)}: ${md(ownMessage(d))}`);
    }
    if (o.deferred.length) {
        L.push("");
        L.push(`## ${deferredText(o.deferred)}`);
        L.push("");
        L.push("Values only known after create (ARNs of resources this preview creates); the policy decides when they exist.");
        L.push("");
        for (const d of o.deferred) L.push(`- ${code(d.policy)}: ${md(ownMessage(d).replace(/^can't run policy '[^']+' from policy pack '[^']+' during preview: /, ""))}`);
    }
    L.push("");
    L.push("## Offline and real preview");
    L.push("");
    const [first, ...rest] = differenceLines(o.run, state);
    L.push(md(first!));
    for (const l of rest) L.push(/^ {2}[!-] /.test(l) ? `- ${l[2] === "!" ? "**(--strict)** " : ""}${md(l.slice(4))}` : md(l));
    if (state && state.resolved.length) {
        L.push("");
        for (const r of state.resolved) L.push(`- decided by the old state: ${code(r.policy)} on ${code(r.urn)}`);
    }
    return L.join("\n");
}

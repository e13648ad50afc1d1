/**
 * `npm start`: the offline check of the reference stack, presented for a newcomer. Text fits one screen; Markdown is
 * complete (every component, every policy and its verdict, every deferral).
 */
import type { AnalysisResult, Diagnostic, PolicyInfo } from "../../engine/analyzer";
import type { ProgramRun, RecordedResource } from "../../engine";
import { ROOT_STACK_TYPE } from "../../engine/constants";
import { evaluateControls, ControlResult } from "./controls";
import { STEPS, STEP_TITLES, ownMessage, stepOf } from "./steps";
import { TEXT_WIDTH, differenceLines } from "./differences";
import type { StateSummary } from "./differences";

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

const isProvider = (r: RecordedResource) => r.type.startsWith("pulumi:providers:");
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
const customCount = (run: ProgramRun) => run.resources.filter((r) => r.custom && !isProvider(r)).length;
const egressOf = (run: ProgramRun) => (run.resources.some((r) => r.type === "aws:ec2/internetGateway:InternetGateway") ? "allowlist" : "sealed");

function stepVerdict(o: Overview, step: string): { mark: string; text: string } {
    const ps = o.policies.filter((p) => p.step === step);
    const fail = ps.filter((p) => p.verdict === "fail").length;
    const deferred = ps.filter((p) => p.verdict === "deferred").length;
    const controls = o.controls.filter((c) => c.step === step);
    const missing = controls.filter((c) => c.state === "missing").length;
    const mark = fail > 0 ? "✗" : missing > 0 ? "!" : "✓";
    return { mark, text: `${controls.length - missing}/${controls.length} controls, ${ps.length} policies: ${ps.length - fail - deferred} pass${fail ? `, ${fail} FAIL` : ""}${deferred ? `, ${deferred} deferred` : ""}` };
}

function headline(o: Overview): string {
    const mandatory = o.violations.filter((d) => d.enforcementLevel === "mandatory").length;
    return mandatory > 0
        ? `FAILED: ${mandatory} mandatory violation(s); \`pulumi ${o.run.mode}\` with these packs would fail.`
        : `PASSED: no mandatory violation${o.deferred.length ? `; ${o.deferred.length} verdict(s) wait for values known only after create (decided in \`pulumi up\`)` : ""}.`;
}

const shortUrn = (urn: string) => { const p = urn.split("::"); return p.length >= 4 ? `${shortType(p[2]!.split("$").pop()!)} ${p.slice(3).join("::")}` : urn; };
const plural = (n: number, s: string) => `${n} ${s}${n === 1 ? "" : "s"}`;

/** One screen: what would be deployed, the kill-chain table, the verdict. */
export function overviewText(o: Overview, state?: StateSummary): string {
    const { run } = o;
    const L: string[] = [];
    L.push(`HardenedStack offline check: ${run.project}/${run.stack} as ${state ? "an update" : "a first"} \`pulumi ${run.mode}\` (egress: ${egressOf(run)})`);
    L.push("");
    L.push(`What would be deployed: ${customCount(run)} resources in ${plural(o.components.length, "component")}`);
    for (const c of o.components) {
        // As many of the most common resource types as fit in 100 columns.
        let top = "";
        for (const [t, n] of c.byType) {
            const next = `${top ? `${top}, ` : ""}${shortType(t)} ×${n}`;
            if (next.length > 52) { top += ", …"; break; }
            top = next;
        }
        L.push(`  ${c.name.padEnd(22)} ${shortType(c.type).padEnd(25)} ${String(c.resources).padStart(4)}  ${top}`);
    }
    L.push("");
    L.push("The 2018 Tesla kill chain, step by step: the controls in this stack and the policies that guard them");
    for (const step of STEPS) {
        const v = stepVerdict(o, step);
        L.push(`  ${v.mark} ${step.padEnd(8)} ${STEP_TITLES[step]!.padEnd(40)} ${v.text}`);
        for (const c of o.controls.filter((x) => x.step === step)) L.push(`      ${MARK[c.state]} ${c.label} (${c.detail})`);
        for (const d of o.violations.filter((x) => o.policies.find((p) => p.pack === x.policyPack && p.name === x.policy)?.step === step)) {
            L.push(`      ✗ [${d.enforcementLevel}] ${d.policy} on ${shortUrn(d.urn)}: ${ownMessage(d).split("\n")[0]}`);
        }
    }
    const packs = [...new Set(o.policies.map((p) => p.pack))];
    const count = (v: PolicyVerdict["verdict"]) => o.policies.filter((p) => p.verdict === v).length;
    L.push("");
    L.push(`Policies: ${o.policies.length} in ${packs.join(", ")}: ${count("pass")} pass, ${count("fail")} fail, ${count("advisory")} advisory, ${count("deferred")} deferred`);
    L.push(...differenceLines(run, state, TEXT_WIDTH));
    L.push(headline(o));
    L.push("Everything (each policy, each deferral): npm start -- --format markdown");
    return L.join("\n");
}

const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Complete: every component, every control, every policy with its verdict, every violation and deferral. */
export function overviewMarkdown(o: Overview, state?: StateSummary): string {
    const { run } = o;
    const L: string[] = [];
    L.push(`# HardenedStack offline check: \`${run.project}/${run.stack}\``);
    L.push("");
    L.push(`As a first \`pulumi ${run.mode}\` (egress mode \`${egressOf(run)}\`), under the offline engine. **${headline(o)}**`);
    L.push("");
    L.push("## The kill chain");
    L.push("");
    L.push("| step | what happened at Tesla | controls in this stack | policies that guard it |");
    L.push("|---|---|---|---|");
    for (const step of STEPS) {
        const v = stepVerdict(o, step);
        const controls = o.controls.filter((c) => c.step === step).map((c) => `${MARK[c.state]} ${md(c.label)} (${md(c.detail)})`).join("<br>");
        const policies = o.policies.filter((p) => p.step === step).map((p) => `\`${p.name}\``).join(", ");
        L.push(`| ${v.mark} **${step}** | ${STEP_TITLES[step]} | ${controls} | ${policies} |`);
    }
    L.push("");
    L.push(`## What would be deployed (${customCount(run)} resources)`);
    L.push("");
    L.push("| component | type | resources | made of |");
    L.push("|---|---|---:|---|");
    for (const c of o.components) L.push(`| \`${c.name}\` | \`${c.type}\` | ${c.resources} | ${c.byType.map(([t, n]) => `${shortType(t)} ×${n}`).join(", ")} |`);
    L.push("");
    L.push(`## Every policy (${o.policies.length})`);
    L.push("");
    L.push("| verdict | policy | step | level | severity | references |");
    L.push("|---|---|---|---|---|---|");
    const verdictText = { fail: "✗ fail", advisory: "! advisory", deferred: "… deferred", pass: "✓ pass" } as const;
    for (const p of o.policies) {
        L.push(`| ${verdictText[p.verdict]} | \`${p.name}\` | ${p.step} | ${p.enforcementLevel} | ${p.severity} | ${md(p.tags.filter((t) => !t.startsWith("kill-chain:")).join(", "))} |`);
    }
    if (o.violations.length) {
        L.push("");
        L.push(`## Violations (${o.violations.length})`);
        L.push("");
        for (const d of o.violations) L.push(`- **[${d.enforcementLevel}] \`${d.policy}\`** on \`${d.urn}\`: ${md(ownMessage(d))}`);
    }
    if (o.deferred.length) {
        L.push("");
        L.push(`## Deferred to \`pulumi up\` (${o.deferred.length})`);
        L.push("");
        L.push("Values only known after create (ARNs of resources this preview creates); the policy decides when they exist.");
        L.push("");
        for (const d of o.deferred) L.push(`- \`${d.policy}\`: ${md(ownMessage(d).replace(/^can't run policy '[^']+' from policy pack '[^']+' during preview: /, ""))}`);
    }
    L.push("");
    L.push("## Offline and real preview");
    L.push("");
    const [first, ...rest] = differenceLines(o.run, state);
    L.push(md(first!));
    for (const l of rest) L.push(/^ {2}[!-] /.test(l) ? `- ${l[2] === "!" ? "**(--strict)** " : ""}${md(l.slice(4))}` : md(l));
    if (state && state.resolved.length) {
        L.push("");
        for (const r of state.resolved) L.push(`- decided by the old state: \`${r.policy}\` on \`${r.urn}\``);
    }
    return L.join("\n");
}

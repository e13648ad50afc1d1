/**
 * The review as GitHub Markdown, for a pull-request comment and $GITHUB_STEP_SUMMARY. Bounded: GitHub refuses comments
 * over 65,536 characters, so sections are filled most important first and what does not fit is counted, not shown.
 */
import type { Review, Verdict } from "./review";
import { shortUrn, showValue } from "./show";
import { plural } from "../present/words";
import { policyStep } from "../present/steps";
import { printable } from "../terminal";

/** Below GitHub's 65,536-character comment limit, with room for a sticky-comment header. */
export const MARKDOWN_LIMIT = 60000;
/** The first line: sticky-comment actions and humans can find the previous review by it. */
export const MARKER = "<!-- hardened-stack-review -->";

/**
 * Text for a table cell: HTML is escaped (a pack message must not inject markup into a PR), `|` kept inside the cell,
 * each line made printable (terminal.ts) and lines joined with `<br>`.
 */
export function cell(s: string, max = 600): string {
    const cut = s.length > max ? `${s.slice(0, max - 1)}…` : s;
    return cut.split(/\r?\n/).map(printable).join("\n")
        .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\n/g, "<br>");
}

/** Code span for a table cell; a name from the preview is made printable whole (a newline in it is shown as `\x0a`). */
export function code(s: string, max = 200): string {
    const cut = s.length > max ? `${s.slice(0, max - 1)}…` : s;
    return `\`${printable(cut).replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}

interface Section {
    head: string[];
    rows: string[];
    tail: string[];
    /** Rows laid out before any other section's (short, bounded tables a reader needs whole). */
    first?: boolean;
}

/**
 * Lays sections out in order within `limit` characters, cutting rows (never headings) from the end of each. Sections
 * marked `first` get their rows before the others, which then share what is left in order.
 */
export function fitSections(sections: readonly Section[], limit: number): string {
    const size = (lines: readonly string[]) => lines.reduce((n, l) => n + l.length + 1, 0);
    const frame = sections.reduce((n, s) => n + size(s.head) + size(s.tail), 0);
    const noteRoom = 120;
    let budget = limit - frame - noteRoom * sections.length;
    const shown = new Map<Section, number>();
    for (const s of [...sections.filter((x) => x.first), ...sections.filter((x) => !x.first)]) {
        let n = 0;
        for (const row of s.rows) {
            if (row.length + 1 > budget) break;
            budget -= row.length + 1;
            n++;
        }
        shown.set(s, n);
    }
    const out: string[] = [];
    for (const s of sections) {
        const n = shown.get(s)!;
        out.push(...s.head, ...s.rows.slice(0, n));
        if (n < s.rows.length) out.push(`| … ${s.rows.length - n} more not shown here: run \`hardened-stack review --format json\` for all of them |`);
        out.push(...s.tail);
    }
    return out.join("\n");
}

/** Examples of each policy that fired that are shown before any long table is. */
const WORST_EXAMPLES = 3;
const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const OP_RANK: Record<string, number> = { delete: 0, replace: 1, "create-replacement": 1, update: 2, create: 3, import: 4 };

/**
 * Verdicts grouped by policy, worst policy first (mandatory, then severity, then count); within a policy, the worst
 * examples first: a verdict both the packs and the real preview gave, then the most disruptive change.
 */
export function byPolicy(vs: readonly Verdict[]): { policy: string; first: Verdict; verdicts: Verdict[] }[] {
    const groups = new Map<string, Verdict[]>();
    for (const v of vs) {
        const k = `${v.policyPack}/${v.policy}`;
        const g = groups.get(k);
        if (g) g.push(v); else groups.set(k, [v]);
    }
    const rank = (v: Verdict) => [v.source === "packs+events" ? 0 : 1, OP_RANK[v.op] ?? 5];
    const cmp = (a: number[], b: number[]) => a.reduce((d, x, i) => d || x - b[i]!, 0);
    return [...groups.entries()].map(([policy, verdicts]) => {
        const sorted = [...verdicts].sort((a, b) => cmp(rank(a), rank(b)));
        return { policy, first: sorted[0]!, verdicts: sorted };
    }).sort((a, b) => cmp(
        [a.first.enforcementLevel === "mandatory" ? 0 : 1, SEVERITY_RANK[a.first.severity] ?? 4, -a.verdicts.length],
        [b.first.enforcementLevel === "mandatory" ? 0 : 1, SEVERITY_RANK[b.first.severity] ?? 4, -b.verdicts.length]) || a.policy.localeCompare(b.policy));
}

/**
 * A verdict section that shows every policy that fired, whatever the size: a table of the policies with their counts
 * (laid out first), then examples taken in turn from each policy, worst first, so a cut keeps every policy's worst.
 */
function verdictSection(title: string, vs: readonly Verdict[], fold: boolean): Section[] {
    const groups = byPolicy(vs);
    const worst: string[] = [];
    const rest: string[] = [];
    for (let i = 0; worst.length + rest.length < vs.length; i++) {
        for (const g of groups) {
            const v = g.verdicts[i];
            if (v) (i < WORST_EXAMPLES ? worst : rest).push(`| ${code(g.policy)} | ${code(shortUrn(v.urn))} | ${cell(v.message)} |`);
        }
    }
    const open = fold ? [`<details><summary>${title}</summary>`] : [`### ${title}`];
    return [
        {
            head: ["", ...open, "", "| Policy | Severity | Kill-chain step | Violations |", "|---|---|---|---|"],
            rows: groups.map((g) => `| ${code(g.policy)} | ${cell(g.first.severity || "-")} | ${cell(g.first.step)} | ${g.verdicts.length} |`),
            tail: [], first: true,
        },
        // The worst few of every policy are laid out before the long tables of any section; the rest shares what is left.
        { head: ["", "| Policy | Resource | Violation (worst first) |", "|---|---|---|"], rows: worst, tail: [], first: true },
        { head: [], rows: rest, tail: fold ? ["", "</details>"] : [] },
    ];
}

export function renderMarkdown(r: Review, limit = MARKDOWN_LIMIT): string {
    const deletions = r.removals.filter((x) => x.op === "delete").length;
    const replaced = r.removals.length - deletions;
    const policies = r.packs.reduce((n, p) => n + p.policies.length, 0);
    const sections: Section[] = [];
    const verdict = r.errors.length > 0 ? "❌ the preview failed" : r.blocking ? "❌ blocking findings" : "✅ nothing blocking";
    const counts = Object.entries(r.counts).filter(([op]) => op !== "same").map(([op, n]) => `${op} ${n}`).join(", ") || "no changes";
    const checkedBy = r.packs.length > 0 ? `checked by ${r.packs.map((p) => code(`${p.name}@${p.version}`)).join(", ")} (${plural(policies, "policy")})` : "no policy pack run";
    sections.push({
        head: [
            MARKER,
            `## HardenedStack review of ${code(`${r.project}/${r.stack}`)}: ${verdict}`,
            "",
            `**${plural(r.mandatory.length, "mandatory violation")} · ${plural(r.weakenings.length, "control-weakening change")} · ${plural(deletions, "security resource")} deleted · ${replaced} replaced** — ${counts}; ${checkedBy}${r.decidedByEventLog ? ", whose verdicts are the preview's event log's (the preview ran these packs)" : r.eventLog ? ", merged with the preview's event log" : ""}.`,
            ...(r.errors.length > 0 ? ["", `> [!CAUTION]\n> The preview reported ${plural(r.errors.length, "error")}, so its steps may be incomplete and this review cannot say that nothing blocks: ${cell(r.errors[0]!.message, 300)}`] : []),
        ],
        rows: [], tail: [],
    });
    if (r.mandatory.length > 0) sections.push(...verdictSection(`❌ Mandatory policy violations (${r.mandatory.length})`, r.mandatory, false));
    if (r.weakenings.length > 0) {
        sections.push({
            head: ["", `### ⚠️ Changes that weaken a control (${r.weakenings.length})`, "", "No policy has to fail for these: each moves a security-relevant property the wrong way.", "",
                "| Resource | Property (control) | Before → after | Why it is weaker |", "|---|---|---|---|"],
            rows: r.weakenings.map((w) => `| ${code(shortUrn(w.urn))} | ${code(w.path)} (${cell(w.control)}) | ${code(showValue(w.before, 120))} → ${code(showValue(w.after, 120))} | ${cell(w.why)} |`),
            tail: [],
        });
    }
    if (r.removals.length > 0) {
        sections.push({
            head: ["", `### 🗑️ Security resources deleted or replaced (${r.removals.length})`, "", "| Resource | Change | What is lost |", "|---|---|---|"],
            rows: r.removals.map((x) => `| ${code(shortUrn(x.urn))} | ${x.op === "delete" ? "**deleted**" : `replaced${x.deleteBeforeReplace ? " (deleted first)" : ""}${x.replaceReasons.length ? ` because of ${x.replaceReasons.map((p) => code(p, 60)).join(", ")}` : ""}`} | ${cell(x.why)} |`),
            tail: [],
        });
    }
    if (r.unverified.length > 0) {
        sections.push({
            head: ["", `### 🔍 Security-relevant values known only after apply, or secret (${r.unverified.length})`, "",
                "Not blocking: the packs judge these again in `pulumi up` (a secret was judged in plaintext by the real preview). Check where the new value comes from.", "",
                "| Resource | Property (control) | Before → after |", "|---|---|---|"],
            rows: r.unverified.map((w) => `| ${code(shortUrn(w.urn))} | ${code(w.path)} (${cell(w.control)}) | ${code(showValue(w.before, 120))} → ${code(showValue(w.after, 120))}${w.secret ? " (secret: not compared here)" : ""} |`),
            tail: [],
        });
    }
    if (r.secret.length > 0) {
        sections.push({
            head: ["", `### 🔒 Cannot judge offline: secret (${r.secret.length})`, "",
                "Not blocking: the preview shows these values as `[secret]`, and the real preview's packs judged their plaintext.", "",
                "| Policy | Resource | Why |", "|---|---|---|"],
            rows: r.secret.map((v) => `| ${code(`${v.policyPack}/${v.policy}`)} | ${code(shortUrn(v.urn))} | ${cell(v.message)} |`),
            tail: [],
        });
    }
    if (r.advisory.length > 0) sections.push(...verdictSection(`Advisory policy violations (${r.advisory.length})`, r.advisory, false));
    const exempted = r.gate?.exempted ?? [];
    const unused = r.gate?.unusedExemptions ?? [];
    if (exempted.length + unused.length > 0) {
        sections.push({
            head: ["", `### Exempted (${exempted.length}, not counted)`, "", "| Policy | Resource | Until | Reason | Exemption |", "|---|---|---|---|---|"],
            rows: [
                ...exempted.map((x) => `| ${code(`${x.verdict.policyPack}/${x.verdict.policy}`)} | ${code(shortUrn(x.verdict.urn))} | ${x.exemption.expires} | ${cell(x.exemption.reason)} | ${cell(x.exemption.where)} |`),
                ...unused.map((e) => `| ${code(e.policy)} | ${code(e.resource)} | ${e.expires} | unused: matched nothing, remove it | ${cell(e.where)} |`),
            ],
            tail: [],
        });
    }
    if (r.deferred.length > 0) {
        sections.push({
            head: ["", `<details><summary>Policies that decide only at <code>pulumi up</code> (${r.deferred.length})</summary>`, "", "| Policy | Resource | Waiting for |", "|---|---|---|"],
            rows: r.deferred.map((v) => `| ${code(`${v.policyPack}/${v.policy}`)} | ${code(shortUrn(v.urn))} | ${cell(v.message)} |`),
            tail: ["", "</details>"],
        });
    }
    if (r.unchanged.length > 0) sections.push(...verdictSection(`Violations on resources this change leaves as they are (${r.unchanged.length}, not counted)`, r.unchanged, true));
    sections.push({
        head: ["", `<details><summary>Everything else: ${plural(r.others.length, "change")} with no security finding</summary>`, "", "| Change | Resource | Properties |", "|---|---|---|"],
        rows: r.others.map((o) => `| ${o.op} | ${code(shortUrn(o.urn))} | ${o.properties.map((p) => code(p, 60)).join(", ")} |`),
        tail: ["", "</details>"],
    });
    if (policies > 0) {
        sections.push({
            head: ["", `<details><summary>Policies evaluated (${policies})</summary>`, "", "| Policy | Level | Severity | Kill-chain step |", "|---|---|---|---|"],
            rows: r.packs.flatMap((p) => p.policies.map((x) => `| ${code(`${p.name}/${x.name}`)} | ${cell(x.enforcementLevel)} | ${cell(x.severity || "-")} | ${cell(policyStep(x))} |`)),
            tail: ["", "</details>"], first: true,
        });
    }
    sections.push({ head: [], rows: [], tail: ["", "<sub>`hardened-stack review` of `pulumi preview --json`; exit 1 on a mandatory violation, a control-weakening change or a deleted security resource.</sub>"] });
    return fitSections(sections, limit);
}

/**
 * The review as GitHub Markdown, for a pull-request comment and $GITHUB_STEP_SUMMARY. Bounded: GitHub refuses comments
 * over 65,536 characters, so sections are filled most important first and what does not fit is counted, not shown.
 */
import type { Review, Verdict } from "./review";
import { shortUrn, showValue } from "./show";

/** Below GitHub's 65,536-character comment limit, with room for a sticky-comment header. */
export const MARKDOWN_LIMIT = 60000;
/** The first line: sticky-comment actions and humans can find the previous review by it. */
export const MARKER = "<!-- hardened-stack-review -->";

/** Text for a table cell: HTML is escaped (a pack message must not inject markup into a PR), `|` and newlines kept inside the cell. */
export function cell(s: string, max = 600): string {
    const cut = s.length > max ? `${s.slice(0, max - 1)}…` : s;
    return cut.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** Code span for a table cell. */
export function code(s: string, max = 200): string {
    const cut = s.length > max ? `${s.slice(0, max - 1)}…` : s;
    return `\`${cut.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}\``;
}

interface Section {
    head: string[];
    rows: string[];
    tail: string[];
}

/** Lays sections out in order within `limit` characters, cutting rows (never headings) from the end of each. */
export function fitSections(sections: readonly Section[], limit: number): string {
    const size = (lines: readonly string[]) => lines.reduce((n, l) => n + l.length + 1, 0);
    const frame = sections.reduce((n, s) => n + size(s.head) + size(s.tail), 0);
    const noteRoom = 120;
    let budget = limit - frame - noteRoom * sections.length;
    const out: string[] = [];
    for (const s of sections) {
        out.push(...s.head);
        let shown = 0;
        for (const row of s.rows) {
            if (row.length + 1 > budget) break;
            out.push(row);
            budget -= row.length + 1;
            shown++;
        }
        if (shown < s.rows.length) out.push(`| … ${s.rows.length - shown} more not shown here: run \`hardened-stack review --format json\` for all of them |`);
        out.push(...s.tail);
    }
    return out.join("\n");
}

function verdictRows(vs: readonly Verdict[]): string[] {
    return vs.map((v) => `| ${code(`${v.policyPack}/${v.policy}`)} | ${cell(v.step)} | ${code(shortUrn(v.urn))} | ${cell(v.message)} |`);
}

const VERDICT_HEAD = ["| Policy | Kill-chain step | Resource | Violation |", "|---|---|---|---|"];

function plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}

export function renderMarkdown(r: Review, limit = MARKDOWN_LIMIT): string {
    const deletions = r.removals.filter((x) => x.op === "delete").length;
    const replaced = r.removals.length - deletions;
    const policies = r.packs.reduce((n, p) => n + p.policies.length, 0);
    const sections: Section[] = [];
    const verdict = r.errors.length > 0 ? "❌ the preview failed" : r.blocking ? "❌ blocking findings" : "✅ nothing blocking";
    const counts = Object.entries(r.counts).filter(([op]) => op !== "same").map(([op, n]) => `${op} ${n}`).join(", ") || "no changes";
    const checkedBy = r.packs.length > 0 ? `checked by ${r.packs.map((p) => code(`${p.name}@${p.version}`)).join(", ")} (${plural(policies, "policy", "policies")})` : "no policy pack run";
    sections.push({
        head: [
            MARKER,
            `## HardenedStack review of ${code(`${r.project}/${r.stack}`)}: ${verdict}`,
            "",
            `**${plural(r.mandatory.length, "mandatory violation")} · ${plural(r.weakenings.length, "control-weakening change")} · ${plural(deletions, "security resource")} deleted · ${replaced} replaced** — ${counts}; ${checkedBy}${r.eventLog ? ", merged with the preview's event log" : ""}.`,
            ...(r.errors.length > 0 ? ["", `> [!CAUTION]\n> The preview reported ${plural(r.errors.length, "error")}, so its steps may be incomplete and this review cannot say that nothing blocks: ${cell(r.errors[0]!.message, 300)}`] : []),
        ],
        rows: [], tail: [],
    });
    if (r.mandatory.length > 0) {
        sections.push({ head: ["", `### ❌ Mandatory policy violations (${r.mandatory.length})`, "", ...VERDICT_HEAD], rows: verdictRows(r.mandatory), tail: [] });
    }
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
    if (r.advisory.length > 0) {
        sections.push({ head: ["", `### Advisory policy violations (${r.advisory.length})`, "", ...VERDICT_HEAD], rows: verdictRows(r.advisory), tail: [] });
    }
    if (r.deferred.length > 0) {
        sections.push({
            head: ["", `<details><summary>Policies that decide only at <code>pulumi up</code> (${r.deferred.length})</summary>`, "", "| Policy | Resource | Waiting for |", "|---|---|---|"],
            rows: r.deferred.map((v) => `| ${code(`${v.policyPack}/${v.policy}`)} | ${code(shortUrn(v.urn))} | ${cell(v.message)} |`),
            tail: ["", "</details>"],
        });
    }
    if (r.unchanged.length > 0) {
        sections.push({
            head: ["", `<details><summary>Violations on resources this change leaves as they are (${r.unchanged.length}, not counted)</summary>`, "", ...VERDICT_HEAD],
            rows: verdictRows(r.unchanged), tail: ["", "</details>"],
        });
    }
    sections.push({
        head: ["", `<details><summary>Everything else: ${plural(r.others.length, "change")} with no security finding</summary>`, "", "| Change | Resource | Properties |", "|---|---|---|"],
        rows: r.others.map((o) => `| ${o.op} | ${code(shortUrn(o.urn))} | ${o.properties.map((p) => code(p, 60)).join(", ")} |`),
        tail: ["", "</details>"],
    });
    if (policies > 0) {
        sections.push({
            head: ["", `<details><summary>Policies evaluated (${policies})</summary>`, "", "| Policy | Level | Severity | Kill-chain step |", "|---|---|---|---|"],
            rows: r.packs.flatMap((p) => p.policies.map((x) => `| ${code(`${p.name}/${x.name}`)} | ${x.enforcementLevel} | ${x.severity || "-"} | ${cell(x.tags.find((t) => t.startsWith("kill-chain:"))?.slice(11) ?? "other")} |`)),
            tail: ["", "</details>"],
        });
    }
    sections.push({ head: [], rows: [], tail: ["", "<sub>`hardened-stack review` of `pulumi preview --json`; exit 1 on a mandatory violation, a control-weakening change or a deleted security resource.</sub>"] });
    return fitSections(sections, limit);
}

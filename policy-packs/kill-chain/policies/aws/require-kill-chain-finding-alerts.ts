import type { PolicyResource } from "@pulumi/policy";
import { eksBestPractices } from "../../lib/frameworks";
import { KILL_CHAIN_FINDINGS, findingEvent, patternMatches } from "../../lib/findings";
import { detectorGroups, groupTarget } from "../../lib/guardduty";
import { stackPolicy } from "../../lib/policy";
import { ofType, sources } from "../../lib/stack";
import { UNKNOWN } from "../../lib/unknowns";

const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";

interface RouteRule {
    rule: PolicyResource;
    /** Kill-chain finding types the pattern matches (undefined: the pattern cannot be judged). */
    matches: string[] | undefined;
    enabled: boolean;
    targeted: boolean;
}

/**
 * A stack that runs GuardDuty routes every kill-chain finding to someone: an enabled EventBridge rule whose pattern
 * matches it and that has a target. A disabled rule, or a pattern narrowed until mining findings fall out of it,
 * leaves GuardDuty detecting a miner that nobody hears about.
 */
export const requireKillChainFindingAlerts = stackPolicy({
    name: "require-kill-chain-finding-alerts",
    description: "Stacks that manage GuardDuty route every kill-chain finding type (crypto-mining, instance credential exfiltration, "
        + "exposed dashboard, anonymous access) through an ENABLED EventBridge rule with a target; no GuardDuty findings rule is disabled.",
    step: "evasion",
    severity: "high",
    remediationSteps: "Keep the findings rule's state ENABLED and its eventPattern { source: [\"aws.guardduty\"], detail-type: "
        + "[\"GuardDuty Finding\"], detail: { type: [{ prefix: \"CryptoCurrency:\" }, \"Impact:Runtime/CryptoMinerExecuted\", ...] } } "
        + "covering every kill-chain family, with an aws.cloudwatch.EventTarget to the alert topic.",
    url: "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html",
    framework: eksBestPractices("detective", "Use Amazon GuardDuty to detect threats"),
    references: ["EKS-BP runtime: Use Amazon GuardDuty for runtime monitoring", "GuardDuty EventBridge findings"],
    check: ({ args, reads, report }) => {
        const { groups } = detectorGroups(args.resources, reads);
        if (groups.length === 0) return;
        const targets = ofType(args.resources, [TARGET]);
        const rules: RouteRule[] = [];
        let undecided = false;
        for (const rule of ofType(args.resources, [RULE])) {
            const raw = reads(rule).get("eventPattern", () => rule.props.eventPattern);
            if (raw === UNKNOWN) {
                undecided = true;
                continue;
            }
            let pattern: unknown;
            try {
                pattern = typeof raw === "string" ? JSON.parse(raw) : undefined;
            } catch {
                pattern = undefined;
            }
            if (pattern === undefined) continue; // scheduled rules have no pattern
            const results = KILL_CHAIN_FINDINGS.map((t) => [t, patternMatches(pattern, findingEvent(t))] as const);
            const isGuardDuty = results.some(([, m]) => m === true) || JSON.stringify(pattern).includes("aws.guardduty");
            if (!isGuardDuty) continue;
            const state = reads(rule).get("state", () => rule.props.state);
            const legacy = reads(rule).get("isEnabled", () => rule.props.isEnabled);
            const enabled = state !== "DISABLED" && legacy !== false && legacy !== "false";
            const name = reads(rule).get("name", () => rule.props.name);
            const targeted = targets.some((t) => sources(t, "rule").some((d) => d.urn === rule.urn)
                || (typeof name === "string" && reads(t).get("rule", () => t.props.rule) === name));
            rules.push({ rule, matches: results.some(([, m]) => m === undefined) ? undefined : results.filter(([, m]) => m).map(([t]) => t), enabled, targeted });
            if (!enabled) {
                report(rule, `the GuardDuty findings rule ${rule.name} is disabled (state ${String(state ?? "")}${legacy === false ? ", isEnabled false" : ""}), `
                    + "so no finding reaches the alert topic; set state to \"ENABLED\".");
            }
        }
        if (undecided) return;
        const routed = new Set(rules.filter((r) => r.enabled && r.targeted).flatMap((r) => r.matches ?? []));
        const unrouted = KILL_CHAIN_FINDINGS.filter((t) => !routed.has(t));
        if (unrouted.length === 0) return;
        const what = `${unrouted.slice(0, 3).join(", ")}${unrouted.length > 3 ? ` and ${unrouted.length - 3} more` : ""}`;
        const live = rules.filter((r) => r.enabled);
        if (live.length === 0 && rules.length > 0) return; // each disabled rule was reported above
        if (live.length === 0) {
            const { resource, label } = groupTarget(groups[0]!);
            report(resource, `${label}: no EventBridge rule routes GuardDuty findings anywhere, so ${what} raise no alert; add a findings `
                + "rule with a target (the alert topic).");
            return;
        }
        for (const r of live) {
            const why = r.matches === undefined ? "uses pattern syntax this policy cannot evaluate" : !r.targeted ? "has no target" : "does not match them";
            report(r.rule, `kill-chain findings ${what} are routed by no enabled, targeted rule: ${r.rule.name} ${why}; widen its `
                + "eventPattern to every kill-chain family and give it a target.");
        }
    },
});

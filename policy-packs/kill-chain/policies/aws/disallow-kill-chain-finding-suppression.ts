import { eksBestPractices } from "../../lib/frameworks";
import { suppressedTypes } from "../../lib/findings";
import { resourcePolicy } from "../../lib/policy";
import { UNKNOWN } from "../../lib/unknowns";
import { asList, isObject } from "../../lib/values";

const FILTER = "aws:guardduty/filter:Filter";

function holdsUnknownMarker(v: unknown): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(holdsUnknownMarker);
    return isObject(v) && Object.values(v).some(holdsUnknownMarker);
}

/**
 * No GuardDuty suppression rule (a filter with action ARCHIVE) archives kill-chain findings: archived findings are
 * not sent to EventBridge, so the alert never fires and nobody notices the miner.
 */
export const disallowKillChainFindingSuppression = resourcePolicy({
    name: "disallow-kill-chain-finding-suppression",
    description: "No GuardDuty filter with action ARCHIVE can match a kill-chain finding (crypto-mining, instance credential "
        + "exfiltration, exposed dashboard, anonymous access): archived findings raise no alert.",
    step: "evasion",
    severity: "high",
    remediationSteps: "Give the suppression filter a findingCriteria criterion on field \"type\" whose equals lists only the benign "
        + "finding types it is meant for (or whose notEquals excludes every kill-chain type), or use action NOOP.",
    url: "https://docs.aws.amazon.com/guardduty/latest/ug/findings_suppression-rule.html",
    framework: eksBestPractices("detective", "Use Amazon GuardDuty to detect threats"),
    references: ["EKS-BP runtime: Use Amazon GuardDuty for runtime monitoring", "GuardDuty suppression rules"],
    types: [FILTER],
    check: ({ args, reads, report }) => {
        const action = reads.get("action", () => args.props.action);
        if (action === UNKNOWN || action !== "ARCHIVE") return;
        const criteria = reads.snapshot("findingCriteria", () => args.props.findingCriteria);
        if (criteria === UNKNOWN) return;
        const criterions = isObject(criteria) ? asList(criteria.criterions) : [];
        // An unknown criterion could be the one that excludes the kill chain: undecided (recorded by the snapshot).
        if (holdsUnknownMarker(criterions)) return;
        const suppressed = suppressedTypes(criterions);
        if (suppressed.length === 0) return;
        report(`action is ARCHIVE and findingCriteria matches kill-chain findings (${suppressed.slice(0, 3).join(", ")}`
            + `${suppressed.length > 3 ? ` and ${suppressed.length - 3} more` : ""}): they would be archived before any alert; `
            + "narrow it with a \"type\" criterion that excludes them.");
    },
});

/**
 * The review of one preview: pack verdicts (ours, from the analyzer driver, merged with the event log's), catalogued
 * control weakenings, removals of security resources, and the rest. Rendering is elsewhere (render-*.ts).
 */
import { plural } from "../present/words";
import { analyzeRun } from "../../engine/analyzer";
import type { AnalysisResult, AnalyzeOptions, Diagnostic, PackInfo } from "../../engine/analyzer";
import type { ProgramRun } from "../../engine/record";
import { isUnknown, ROOT_STACK_TYPE } from "../../engine/constants";
import { catalogEntry, creationWeakeningsOf, removalRisk, weakeningsOf } from "../../policy-packs/kill-chain/catalog/security-properties";
import type { Step, Weakening } from "../../policy-packs/kill-chain/catalog/security-properties";
import { ownMessage, stepOf } from "../present/steps";
import type { EventLog, PolicyEventVerdict } from "./events";
import type { Preview, PreviewDiagnostic, PreviewStep } from "./preview";
import { analyzePreviewRun } from "./analyze";
import { CHANGED_OPS, priorRunOf, programRunOf, REMOVAL_OPS } from "./run";
import { containsSecret, isSecretPlaceholder, secretPaths } from "./secret-values";
import { shortUrn } from "./show";
import type { ReviewGate } from "./gate";
import { violationFails } from "../report/fail-on";
import { parseUrn } from "../../engine/urn";

/** A policy verdict as the review reports it: the event log's fields plus where it came from and what changed. */
export interface Verdict extends PolicyEventVerdict {
    /** Who reported it: the packs run by the review, the event log of the real preview, or both. */
    source: "packs" | "events" | "packs+events";
    /** Kill-chain step from the policy's `kill-chain:` tag, else "other". */
    step: string;
    /** The op of the resource in the preview ("" for the root stack when it has no step). */
    op: string;
    sourcePosition?: string;
}

export interface WeakeningFinding extends Weakening {
    /** The old or new value is secret in the preview ("[secret]"): not comparable here, listed with the unknowns. */
    secret?: boolean;
    urn: string;
    type: string;
    title: string;
    op: string;
    sourcePosition?: string;
}

export interface RemovalFinding {
    urn: string;
    type: string;
    title: string;
    op: "delete" | "replace";
    step: Step;
    why: string;
    replaceReasons: string[];
    deleteBeforeReplace: boolean;
    sourcePosition?: string;
}

export interface OtherChange {
    urn: string;
    type: string;
    op: string;
    /** Changed top-level properties (detailedDiff keys, else diffReasons). */
    properties: string[];
}

export interface Review {
    file: string;
    project: string;
    stack: string;
    eventLog?: string;
    packs: PackInfo[];
    mandatory: Verdict[];
    advisory: Verdict[];
    /** Policies that could not decide in the preview (values known only after apply). */
    deferred: Verdict[];
    /**
     * Policies of the review's packs that deferred because a value they read is secret in the preview: the real
     * preview judged the plaintext (its verdict, if any, is among the others, from the event log). Not blocking.
     */
    secret: Verdict[];
    /** Violations on resources this change leaves as they are: not introduced here, not blocking. */
    unchanged: Verdict[];
    weakenings: WeakeningFinding[];
    /** Security-relevant properties that change to a value only known after apply, or that are secret in the preview. */
    unverified: WeakeningFinding[];
    removals: RemovalFinding[];
    others: OtherChange[];
    /** Steps per op, as the preview counts them. */
    counts: Record<string, number>;
    errors: PreviewDiagnostic[];
    blocking: boolean;
    secretTexts: string[];
    /** The packs' verdicts are the event log's (the real preview ran them all); the review did not re-run them. */
    decidedByEventLog?: boolean;
    /** Exemptions and `--fail-on` (cli/review/gate.ts). @default - no exemptions; every blocking kind counts */
    gate?: ReviewGate;
}

const DEFERRAL = /^can't run policy '[^']+' from policy pack '[^']+' during preview: /;
/** In an event the deferral may follow the policy description on its own line. */
const EVENT_DEFERRAL = /^(?:[^\n]*\n)?can't run policy '[^']+' from policy pack '[^']+' during preview: /;

/** The op that describes each URN: a logical replace wins over its create-replacement / delete-replaced halves. */
export function opsByUrn(steps: readonly PreviewStep[]): Map<string, PreviewStep> {
    const out = new Map<string, PreviewStep>();
    for (const s of steps) {
        const prev = out.get(s.urn);
        if (!prev || (s.op === "replace" && prev.op !== "replace")) out.set(s.urn, s);
    }
    return out;
}

function changedProperties(step: PreviewStep): string[] {
    const keys = step.detailedDiff ? Object.keys(step.detailedDiff) : step.diffReasons ?? [];
    return [...new Set(keys.map((k) => k.split(/[.[]/)[0]!).filter((k) => k && k !== "__defaults"))];
}

/** Merges our verdicts and the event log's, one per pack/policy/resource (distinct messages kept). */
export function mergeVerdicts(ours: readonly Diagnostic[], events: readonly PolicyEventVerdict[], rootUrn: string): { verdict: Omit<Verdict, "step" | "op">; phase?: string }[] {
    const merged = new Map<string, { verdict: Omit<Verdict, "step" | "op">; phase?: string }>();
    const add = (v: Omit<Verdict, "step" | "op">, phase: string | undefined, from: "packs" | "events") => {
        const key = verdictKey(v);
        const prev = merged.get(key);
        if (!prev) { merged.set(key, { verdict: { ...v, source: from }, phase }); return; }
        const p = prev.verdict;
        if (p.source !== from && p.source !== "packs+events") p.source = "packs+events";
        if (v.enforcementLevel === "mandatory") p.enforcementLevel = "mandatory";
        if (v.message && !p.message.split("\n").includes(v.message)) p.message = p.message ? `${p.message}\n${v.message}` : v.message;
        p.severity ||= v.severity;
        p.policyPackVersion ||= v.policyPackVersion;
        prev.phase ??= phase;
    };
    for (const d of ours) {
        add({ policyPack: d.policyPack, policyPackVersion: d.policyPackVersion, policy: d.policy, enforcementLevel: d.enforcementLevel,
            urn: d.urn || rootUrn, message: ownMessage(d), severity: d.severity, source: "packs" }, d.phase, "packs");
    }
    for (const e of events) {
        add({ policyPack: e.policyPack, policyPackVersion: e.policyPackVersion, policy: e.policy, enforcementLevel: e.enforcementLevel,
            urn: e.urn || rootUrn, message: e.message, severity: e.severity, source: "events" }, undefined, "events");
    }
    return [...merged.values()];
}

export interface ReviewOptions {
    packs: string[];
    events?: EventLog;
    /** Run the packs on every changed resource even when the event log has the real preview's verdicts of them all. @default false */
    rerunPacks?: boolean;
    /** packMetadata() of `packs`, already under way (started while the preview was read). @default - started here when needed */
    packMetadata?: Promise<AnalysisResult>;
    analyzeOptions?: AnalyzeOptions;
}

/** Runs the packs over the preview's new stack and builds the review. */
export async function reviewPreview(preview: Preview, o: ReviewOptions): Promise<Review> {
    const run = programRunOf(preview);
    const ops = opsByUrn(preview.steps);
    const fromEvents = o.events && !o.rerunPacks && run.resources.length > 0 && o.packs.length > 0 && Object.keys(o.events.packs).length > 0
        ? packsJudgedByEvents(await (o.packMetadata ?? packMetadata(o.packs, run, o.analyzeOptions)), o.events)
        : undefined;
    const analysis: AnalysisResult = fromEvents ?? (run.resources.length > 0 && o.packs.length > 0
        // The preview's new states already hold remediated inputs, and unchanged resources were judged when they last
        // changed: resource policies run on what this change creates, updates or replaces.
        ? await analyzePreviewRun(run, o.packs, (r) => CHANGED_OPS.has(ops.get(r.urn)?.op ?? ""), o.analyzeOptions)
        : { packs: [], violations: [], deferred: [], logs: [], calls: {} });
    // A stack policy judges the whole new stack, so its violation on a resource the change leaves alone may be caused
    // by the change (a deleted flow log leaves its VPC without one) or may predate it. Only when there is such a
    // violation, the stack policies also judge the old stack: what they found there too predates the change.
    const stackPolicy = (pack: string, policy: string) => analysis.packs.find((p) => p.name === pack)?.policies.find((x) => x.name === policy)?.policyType === "stack";
    const onUnchanged = [...analysis.violations.filter((d) => d.phase === "stack"), ...(fromEvents ? o.events!.verdicts.filter((e) => stackPolicy(e.policyPack, e.policy)) : [])]
        .filter((d) => ops.get(d.urn)?.op === "same");
    let prior: Set<string> | undefined;
    if (onUnchanged.length > 0) {
        const before = await analyzePreviewRun(priorRunOf(preview), o.packs, () => false, o.analyzeOptions);
        prior = new Set(before.violations.filter((d) => d.phase === "stack").map(verdictKey));
    }
    const review = buildReview(preview, analysis, o.events, prior);
    review.decidedByEventLog = fromEvents !== undefined;
    return review;
}

/**
 * The packs' metadata (names, versions, policies) without judging anything: each pack is started, configured for
 * the stack and given an empty one. Cheap next to judging every resource, and it can start before the preview is read.
 */
export function packMetadata(packs: readonly string[], stack: Pick<ProgramRun, "project" | "stack" | "config">, options?: AnalyzeOptions): Promise<AnalysisResult> {
    return analyzeRun({ organization: "organization", mode: "preview", stackOutputs: {}, logs: [], differences: [], ...stack, resources: [] }, [...packs], { ...options, remediate: false });
}

/**
 * When the event log shows that the real preview ran every one of the review's packs (the same name and version in
 * its summary event, which the engine writes last, so a cut log has none), the verdicts in it are the real ones and
 * re-running the packs on every resource would only repeat them: the analysis is then the packs' metadata, and their
 * verdicts are the log's. undefined when a pack must be run.
 */
export function packsJudgedByEvents(meta: AnalysisResult, events: EventLog): AnalysisResult | undefined {
    if (meta.packs.length === 0 || !meta.packs.every((p) => events.packs[p.name] === p.version)) return undefined;
    return { ...meta, violations: [], deferred: [] };
}

/** Identifies a verdict across runs: pack, policy and resource. */
export function verdictKey(v: { policyPack: string; policy: string; urn: string }): string {
    return `${v.policyPack}\u0000${v.policy}\u0000${v.urn}`;
}

/**
 * Pure: the review from a preview, the packs' analysis and the event log. `priorStackViolations` holds the verdict
 * keys (verdictKey) of the stack policies' violations on the stack before the change; without it every stack-policy
 * violation counts, as one that may be caused by the change.
 */
export function buildReview(preview: Preview, analysis: AnalysisResult, events?: EventLog, priorStackViolations?: ReadonlySet<string>): Review {
    const byUrn = opsByUrn(preview.steps);
    const names = preview.steps[0] ? parseUrn(preview.steps[0].urn) : { project: "unknown", stack: "unknown" };
    const rootUrn = preview.steps.find((s) => parseUrn(s.urn).type === ROOT_STACK_TYPE)?.urn ?? "";
    const packOf = (name: string) => analysis.packs.find((p) => p.name === name);
    // The program line that declared a resource: a resource made inside a library component (node_modules) is
    // placed at the nearest ancestor the program itself declared.
    const position = (urn: string): string | undefined => {
        let first: string | undefined;
        let cur: string | undefined = urn;
        for (let depth = 0; cur && depth < 64; depth++) {
            const s = byUrn.get(cur);
            const p = s?.newState?.sourcePosition ?? s?.oldState?.sourcePosition;
            if (p) {
                first ??= p;
                if (!p.includes("/node_modules/")) return p;
            }
            cur = s?.newState?.parent ?? s?.oldState?.parent;
        }
        return first;
    };

    const review: Review = {
        file: preview.file, project: names.project, stack: names.stack, eventLog: events?.file, packs: analysis.packs,
        mandatory: [], advisory: [], deferred: [], secret: [], unchanged: [], weakenings: [], unverified: [], removals: [], others: [],
        counts: {}, errors: preview.diagnostics.filter((d) => d.severity === "error"), blocking: false, secretTexts: preview.secretTexts,
    };

    const toVerdict = (v: Omit<Verdict, "step" | "op">): Verdict => ({
        ...v, step: stepOf(packOf(v.policyPack), v.policy), op: byUrn.get(v.urn)?.op ?? "",
        // An event-log verdict may carry no severity; the pack's metadata has it.
        severity: v.severity || (packOf(v.policyPack)?.policies.find((x) => x.name === v.policy)?.severity ?? ""),
        ...(position(v.urn) ? { sourcePosition: position(v.urn) } : {}),
    });
    const secretsAt = (urn: string) => {
        const st = byUrn.get(urn);
        return secretPaths(st?.op === "same" ? st.oldState?.outputs ?? st.newState?.inputs : st?.newState?.inputs);
    };
    const judgedByEvents = new Set((events?.verdicts ?? []).map((e) => verdictKey({ ...e, urn: e.urn || rootUrn })));
    for (const d of analysis.deferred) {
        const v = toVerdict({ policyPack: d.policyPack, policyPackVersion: d.policyPackVersion, policy: d.policy,
            enforcementLevel: d.enforcementLevel, urn: d.urn || rootUrn, message: ownMessage(d).replace(DEFERRAL, ""), severity: d.severity, source: "packs" });
        // A stack policy's deferral is on the stack; the resource whose value it needed is named in its message.
        const about = (d.urn && d.urn !== rootUrn ? d.urn : undefined)
            ?? ((v.message.match(/urn:pulumi:[^\s'"`,;]+/g) ?? []).find((u) => byUrn.has(u) && secretsAt(u).length > 0) ?? "");
        const paths = about ? secretsAt(about).map((p) => (about === v.urn ? p : `${p} of ${shortUrn(about)}`)) : [];
        if (paths.length === 0 || !deferredForSecret(v.message, paths, byUrn.get(about)?.newState?.inputs)) { review.deferred.push(v); continue; }
        // The real preview's verdict on the plaintext, when the event log has one, is reported with the others.
        if (judgedByEvents.has(verdictKey(v))) continue;
        review.secret.push({ ...v, message: secretVerdictMessage(paths, v.policyPack, events) });
    }
    // The engine sends `<policy description>\n<message>`; with the pack's metadata at hand the description is dropped.
    const eventVerdicts = (events?.verdicts ?? []).map((e) => {
        const description = packOf(e.policyPack)?.policies.find((p) => p.name === e.policy)?.description;
        return description && e.message.startsWith(`${description}\n`) ? { ...e, message: e.message.slice(description.length + 1).trim() } : e;
    });
    for (const e of eventVerdicts.filter((v) => EVENT_DEFERRAL.test(v.message))) {
        review.deferred.push(toVerdict({ ...e, urn: e.urn || rootUrn, message: e.message.replace(EVENT_DEFERRAL, ""), source: "events" }));
    }
    for (const { verdict, phase } of mergeVerdicts(analysis.violations, eventVerdicts.filter((v) => !EVENT_DEFERRAL.test(v.message)), rootUrn)) {
        const v = toVerdict(verdict);
        // Resource policies judge one resource's new state: on an unchanged resource the violation predates this change.
        // Stack policies judge the whole new stack: on an unchanged resource the violation predates the change only
        // when the same policy found it on the old stack too; otherwise the change caused it, and it counts.
        // An event-log verdict carries no phase: a policy the pack declares as a stack policy is one.
        const stack = phase === "stack" || (phase === undefined && packOf(v.policyPack)?.policies.find((x) => x.name === v.policy)?.policyType === "stack");
        if (v.op === "same" && (!stack || priorStackViolations?.has(verdictKey(v)))) review.unchanged.push(v);
        else if (v.enforcementLevel === "mandatory") review.mandatory.push(v);
        else review.advisory.push(v);
    }

    // A secret placeholder is compared as an unknown: "[secret]" is not the document it hides.
    const ctx = { isUnknown: (v: unknown) => isUnknown(v) || isSecretPlaceholder(v) };
    for (const step of preview.steps) review.counts[step.op] = (review.counts[step.op] ?? 0) + 1;
    for (const step of byUrn.values()) {
        if (step.op === "same") continue;
        const type = step.newState?.type || step.oldState?.type || "";
        const title = catalogEntry(type)?.title ?? type;
        const sourcePosition = position(step.urn);
        let finding = false;
        const compared = (step.op === "update" || step.op === "replace") && step.oldState?.inputs && step.newState?.inputs
            ? weakeningsOf(type, step.oldState.inputs, step.newState.inputs, ctx)
            // A created resource is the policies' to judge, except where its arrival alone opens something (onCreate).
            : step.op === "create" && step.newState?.inputs ? creationWeakeningsOf(type, step.newState.inputs, ctx) : [];
        for (const w of compared) {
            const secret = containsSecret(w.before) || containsSecret(w.after);
            const f: WeakeningFinding = {
                ...w, urn: step.urn, type, title, op: step.op, ...(sourcePosition ? { sourcePosition } : {}),
                ...(secret ? { secret, unknown: true, why: "secret in the preview: the review cannot compare it (the real preview's packs judged the plaintext)" } : {}),
            };
            (f.unknown ? review.unverified : review.weakenings).push(f);
            finding = true;
        }
        const risk = removalRisk(type, step.oldState?.inputs);
        if (risk && (REMOVAL_OPS.has(step.op) || step.op === "replace")) {
            review.removals.push({
                urn: step.urn, type, title, op: step.op === "replace" ? "replace" : "delete", step: risk.step, why: risk.why,
                replaceReasons: step.replaceReasons ?? [], deleteBeforeReplace: step.newState?.deleteBeforeReplace ?? false,
                ...(sourcePosition ? { sourcePosition } : {}),
            });
            finding = true;
        }
        if (!finding) review.others.push({ urn: step.urn, type, op: step.op, properties: changedProperties(step) });
    }
    // A preview that reported an error stopped part-way (a failed program, provider or policy pack): its steps are not
    // the whole change, so "nothing blocking" cannot be said. Blocking rather than bad input (exit 2), because the
    // file is a well-formed preview and the review of what it does hold is still worth posting.
    review.blocking = review.errors.length > 0 || review.mandatory.length > 0 || review.weakenings.length > 0 || review.removals.some((r) => r.op === "delete");
    return review;
}

/**
 * Whether a pack's deferral on a resource with secret values is due to them: the message names one of them, or the
 * resource has no other value unknown in the preview.
 */
export function deferredForSecret(message: string, paths: readonly string[], inputs: unknown): boolean {
    const tops = new Set(paths.map((p) => p.split(/[.[]/)[0]!));
    if ([...tops].some((t) => message.includes(t))) return true;
    return !containsUnknownSentinel(inputs);
}

function containsUnknownSentinel(v: unknown): boolean {
    if (isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some(containsUnknownSentinel);
    if (typeof v === "object" && v !== null) return Object.values(v).some(containsUnknownSentinel);
    return false;
}

/** What the review says of a policy it could not judge because a value is secret, and where the real verdict is. */
export function secretVerdictMessage(paths: readonly string[], pack: string, events: EventLog | undefined): string {
    const shown = paths.length > 3 ? `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more` : paths.join(", ");
    const head = `cannot judge offline: ${shown} ${paths.length === 1 ? "is" : "are"} secret in the preview`;
    if (!events) return `${head}; \`pulumi preview\` judged the plaintext: pass its --events log for that verdict`;
    if (!(pack in events.packs)) return `${head}; the event log has no run of ${pack}, so the real verdict is not known here`;
    return `${head}; \`pulumi preview\` judged the plaintext and its event log has no violation of this policy here`;
}

/** Why the review blocks, one phrase per cause, most important first; empty when nothing blocks. */
export function blockingReasons(r: Review): string[] {
    const deletions = r.removals.filter((x) => x.op === "delete").length;
    const failOn = r.gate?.failOn;
    const failing = failOn ? [...r.mandatory, ...r.advisory].filter((v) => violationFails(failOn, v)).length : r.mandatory.length;
    return [
        ...(r.errors.length > 0 ? [`the preview reported ${plural(r.errors.length, "error")}, so its steps may be incomplete`] : []),
        ...(failing > 0 ? [failOn && !failOn.mandatory ? `${plural(failing, "policy violation")} of severity ${failOn.severity} or worse`
            : plural(failing, "mandatory policy violation")] : []),
        ...(r.weakenings.length > 0 && (failOn?.weakening ?? true) ? [plural(r.weakenings.length, "control-weakening change")] : []),
        ...(deletions > 0 && (failOn?.deletion ?? true) ? [plural(deletions, "deleted security resource")] : []),
    ];
}

/**
 * Exit code of `hardened-stack review`: 1 when the preview reported an error, or a mandatory violation, a control
 * weakening or a security-resource deletion is found.
 */
export function exitCodeOf(r: Review): number {
    return r.blocking ? 1 : 0;
}

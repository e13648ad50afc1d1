/**
 * What a CloudTrail trail's selectors leave out, for the events the kill chain leaves behind: reads of data (the
 * telemetry objects), reads of management APIs (the attacker's reconnaissance) and KMS calls (decrypting with a
 * stolen role). Basic `eventSelectors` and `advancedEventSelectors` as CloudTrail documents them
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html); a trail with
 * neither logs every management event, reads and KMS included. Pure: plain values in, omissions out.
 */
import { asList, isObject } from "./plain";

const KMS = "kms.amazonaws.com";

function strings(v: unknown): string[] {
    return asList(v).filter((x): x is string => typeof x === "string");
}

interface Field {
    field: string;
    equals: string[];
    notEquals: string[];
}

function fieldsOf(selector: Record<string, unknown>): Field[] {
    return asList(selector.fieldSelectors).filter(isObject).map((f) => ({
        field: typeof f.field === "string" ? f.field : "", equals: strings(f.equals), notEquals: strings(f.notEquals),
    }));
}

/** Whether a field list keeps only writes (`readOnly` equals false, or notEquals true). */
function writesOnly(fields: Field[]): boolean {
    return fields.some((f) => f.field === "readOnly" && (f.equals.includes("false") || f.notEquals.includes("true")));
}

/** What an omission loses: KMS calls, management reads (reconnaissance) or data reads (object reads). */
export type TrailGap = "kms" | "managementReads" | "dataReads";

/** One omission: the message naming the selectors, and what it loses. */
export interface TrailOmission {
    message: string;
    gaps: TrailGap[];
}

/**
 * Omissions of advanced selectors. A trail records an event when ANY selector matches it, so an omission counts only
 * when no selector of the category keeps the events: KMS, management reads, data reads.
 */
function advancedOmissions(selectors: Record<string, unknown>[]): TrailOmission[] {
    const management: { where: string; dropsKms: boolean; dropsReads: boolean }[] = [];
    const data: { where: string; dropsReads: boolean }[] = [];
    selectors.forEach((s, i) => {
        const fields = fieldsOf(s);
        const category = fields.find((f) => f.field === "eventCategory");
        const where = `advancedEventSelectors[${i}]${typeof s.name === "string" ? ` (${s.name})` : ""}`;
        if (category?.equals.includes("Management")) {
            const source = fields.find((f) => f.field === "eventSource");
            const dropsKms = source !== undefined && (source.notEquals.includes(KMS) || (source.equals.length > 0 && !source.equals.includes(KMS)));
            management.push({ where, dropsKms, dropsReads: writesOnly(fields) });
        } else if (category?.equals.includes("Data")) data.push({ where, dropsReads: writesOnly(fields) });
    });
    if (management.length === 0) {
        return [{ message: "no advanced event selector records management events, so KMS calls and management reads are lost", gaps: ["kms", "managementReads"] }];
    }
    const out: TrailOmission[] = [];
    if (management.every((m) => m.dropsKms)) out.push({ message: `${management.map((m) => m.where).join(", ")} leave out ${KMS} (eventSource), so KMS calls are lost`, gaps: ["kms"] });
    if (management.every((m) => m.dropsReads)) {
        out.push({ message: `${management.map((m) => m.where).join(", ")} keep only writes (readOnly false), so management reads are lost`, gaps: ["managementReads"] });
    }
    if (data.length > 0 && data.every((d) => d.dropsReads)) {
        out.push({ message: `${data.map((d) => d.where).join(", ")} keep only writes (readOnly false), so object reads are lost`, gaps: ["dataReads"] });
    }
    return out;
}

/** Omissions of basic selectors. */
function basicOmissions(selectors: Record<string, unknown>[]): TrailOmission[] {
    const out: TrailOmission[] = [];
    let management = false;
    selectors.forEach((s, i) => {
        const where = `eventSelectors[${i}]`;
        if (s.readWriteType === "WriteOnly") {
            const gaps: TrailGap[] = asList(s.dataResources).length > 0 ? ["dataReads"] : [];
            if (s.includeManagementEvents !== false) gaps.push("managementReads");
            out.push({ message: `${where}.readWriteType is "WriteOnly", so reads are not recorded`, gaps });
        }
        if (s.includeManagementEvents === false) return;
        management = true;
        if (strings(s.excludeManagementEventSources).includes(KMS)) out.push({ message: `${where}.excludeManagementEventSources drops ${KMS}`, gaps: ["kms"] });
    });
    if (!management) out.push({ message: "no event selector includes management events, so KMS calls are not recorded", gaps: ["kms"] });
    return out;
}

/** What the trail's selectors leave out of reads and KMS events, with what each omission loses; empty when nothing is. */
export function trailGaps(eventSelectors: unknown, advancedEventSelectors: unknown): TrailOmission[] {
    const advanced = asList(advancedEventSelectors).filter(isObject);
    if (advanced.length > 0) return advancedOmissions(advanced);
    const basic = asList(eventSelectors).filter(isObject);
    return basic.length > 0 ? basicOmissions(basic) : [];
}

/** What the trail's selectors leave out of reads and KMS events; empty when nothing is. */
export function trailOmissions(eventSelectors: unknown, advancedEventSelectors: unknown): string[] {
    return trailGaps(eventSelectors, advancedEventSelectors).map((o) => o.message);
}

/**
 * GuardDuty as a stack declares it: each detector (a resource of the stack, or an existing one named by a literal id
 * in its features) with the features enabled on it. Features are joined to their detector through
 * propertyDependencies.detectorId (the id is unknown in a preview), else by the literal id.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AWS } from "./aws-types";
import { ofType, sources } from "./stack";
import { Reads, UNKNOWN } from "./unknowns";
import { asBool, isObject } from "./values";

export interface DetectorGroup {
    detector?: PolicyResource;
    /** The literal id of a detector managed elsewhere. */
    id?: string;
    features: PolicyResource[];
    /** Names of features with status ENABLED (legacy datasources flags count as their feature). */
    enabled: Set<string>;
    /** Features enabled with an additional configuration enabled: `RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT`. */
    enabledConfigs: Set<string>;
    /** Some feature's name, status or configuration is unknown: a missing feature is undecided. */
    unknown: boolean;
}

/** Legacy `datasources` flags of a detector and the feature each stands for. */
const DATASOURCE_FEATURES: [string[], string][] = [
    [["kubernetes", "auditLogs", "enable"], "EKS_AUDIT_LOGS"],
    [["s3Logs", "enable"], "S3_DATA_EVENTS"],
];

function readPath(v: unknown, path: string[]): unknown {
    let cur = v;
    for (const k of path) cur = isObject(cur) ? cur[k] : undefined;
    return cur;
}

/** Detector groups of the stack; `undecided` when a feature's detector cannot be told in this preview. */
export function detectorGroups(resources: readonly PolicyResource[], reads: (r: PolicyResource) => Reads):
    { groups: DetectorGroup[]; undecided: boolean } {
    const groups = new Map<string, DetectorGroup>();
    const group = (key: string, init: Partial<DetectorGroup>): DetectorGroup => {
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { features: [], enabled: new Set(), enabledConfigs: new Set(), unknown: false, ...init }));
        return g;
    };
    for (const d of ofType(resources, [AWS.guardDutyDetector])) {
        const g = group(d.urn, { detector: d });
        const ds = reads(d).get("datasources", () => d.props.datasources);
        if (!isObject(ds)) continue;
        for (const [path, feature] of DATASOURCE_FEATURES) {
            const flag = reads(d).get(`datasources.${path.join(".")}`, () => readPath(ds, path));
            if (flag !== UNKNOWN && asBool(flag) === true) g.enabled.add(feature);
        }
    }
    let undecided = false;
    for (const f of ofType(resources, [AWS.guardDutyDetectorFeature])) {
        const ds = sources(f, "detectorId", [AWS.guardDutyDetector]);
        let targets: DetectorGroup[];
        if (ds.length > 0) targets = ds.map((d) => group(d.urn, { detector: d }));
        else {
            const id = reads(f).get("detectorId", () => f.props.detectorId);
            if (id === UNKNOWN || typeof id !== "string") {
                undecided = true;
                continue;
            }
            targets = [group(`id:${id}`, { id })];
        }
        const name = reads(f).get("name", () => f.props.name);
        const status = reads(f).get("status", () => f.props.status);
        const configs = reads(f).snapshot("additionalConfigurations", () => f.props.additionalConfigurations);
        for (const g of targets) {
            g.features.push(f);
            if (name === UNKNOWN || status === UNKNOWN || configs === UNKNOWN) g.unknown = true;
            else if (typeof name === "string" && status === "ENABLED") {
                g.enabled.add(name);
                for (const c of Array.isArray(configs) ? configs : []) {
                    if (!isObject(c)) continue;
                    if (c.name === UNKNOWN || c.status === UNKNOWN) g.unknown = true;
                    else if (typeof c.name === "string" && c.status === "ENABLED") g.enabledConfigs.add(`${name}/${c.name}`);
                }
            }
        }
    }
    return { groups: [...groups.values()], undecided };
}

/** The resource a group's findings are reported on, and how messages name it. */
export function groupTarget(g: DetectorGroup): { resource: PolicyResource; label: string } {
    return { resource: g.detector ?? g.features[0]!, label: g.detector ? `detector ${g.detector.name}` : `detector ${g.id}` };
}

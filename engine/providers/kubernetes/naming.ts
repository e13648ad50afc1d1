/**
 * Names in Check (provider/pkg/metadata/naming.go): the autoname, and whether an object has a name or a generateName.
 */
import { createHash } from "node:crypto";
import { isUnknown } from "../../constants";
import { parseUrn } from "../../urn";
import { nestedString } from "./unstructured";
import { isMapValue } from "./wire";
import type { Obj } from "./wire";


/**
 * The autoname: `<name>-` and 8 characters of [0-9a-f] (resource.NewUniqueName with randlen 0 and no charset). The
 * provider draws them from the engine's random seed for the resource, so the real suffix is random; here they are
 * derived from the URN so a run is repeatable.
 */
export function kubernetesAutoname(urn: string): string {
    return `${parseUrn(urn).name}-${createHash("sha256").update(urn).digest("hex").slice(0, 8)}`;
}

/** metadata.IsNamed: a name that is a string, or one that is unknown, in the inputs as sent. */
export function isNamed(obj: Obj, news: Obj): boolean {
    const md = news.metadata;
    if (isMapValue(md) && isUnknown(md.name)) return true;
    return nestedString(obj, "metadata", "name") !== "";
}

export function isGenerateName(obj: Obj, news: Obj): boolean {
    if (isNamed(obj, news)) return false;
    const md = news.metadata;
    if (isMapValue(md) && isUnknown(md.generateName)) return true;
    return nestedString(obj, "metadata", "generateName") !== "";
}

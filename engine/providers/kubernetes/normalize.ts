/**
 * clients.Normalize (provider/pkg/clients/unstructured.go, clients.go) for the two kinds it normalises by hand:
 * CustomResourceDefinitions and Secrets.
 */
import { gvkOf, isCrd } from "./kinds";
import { nested, removeNested } from "./unstructured";
import { isMapValue, setKey } from "./wire";
import type { Obj } from "./wire";

/** base64.StdEncoding.DecodeString then EncodeToString, as normalizeSecretData does; undefined where Go would fail. */
function reencodeBase64(s: string): string | undefined {
    const b64 = s.replace(/[\r\n]/g, "");
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64)) return undefined;
    return Buffer.from(b64, "base64").toString("base64");
}

/**
 * clients.Normalize for the two kinds it normalises by hand: a CRD loses `spec.preserveUnknownFields: false` and
 * `status`; a Secret's `stringData` is base64-encoded into `data` (overwriting the same keys) and its `data` values
 * are re-encoded. Other built-in kinds go through a typed round trip that is not reproduced here (see the report).
 */
export function normalizeKnownKind(obj: Obj): void {
    if (isCrd(obj)) {
        if (nested(obj, "spec", "preserveUnknownFields").value === false) removeNested(obj, "spec", "preserveUnknownFields");
        delete obj.status;
        return;
    }
    const gvk = gvkOf(obj);
    if (!((gvk.group === "" || gvk.group === "core") && gvk.kind === "Secret")) return;
    const stringData = obj.stringData;
    const stringMap = isMapValue(stringData) && Object.values(stringData).every((v) => typeof v === "string") ? stringData as Record<string, string> : undefined;
    if (stringMap && Object.keys(stringMap).length > 0) {
        const data: Obj = isMapValue(obj.data) ? { ...obj.data } : {};
        for (const [k, v] of Object.entries(stringMap)) setKey(data, k, Buffer.from(v, "utf8").toString("base64"));
        setKey(obj, "data", data);
        delete obj.stringData;
        return;
    }
    if (isMapValue(obj.data)) {
        for (const [k, v] of Object.entries(obj.data)) {
            const again = typeof v === "string" ? reencodeBase64(v) : undefined;
            if (again !== undefined) setKey(obj.data, k, again);
        }
    }
}

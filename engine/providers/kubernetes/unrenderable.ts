/**
 * What only the provider's embedded Helm and kustomize can render, refused in one line: a helm.v3.Chart's
 * `kubernetes:helm:template` invoke, a helm.sh/v4 Chart, kustomize v1 and v2 Directories. (A helm.sh/v3 Release is a
 * resource whose objects no analyzer sees in a real preview either: its Check is in ./helm-release.)
 */
import { stripSecrets } from "./wire";
import type { Obj } from "./wire";

export type UnrenderableToken = "kubernetes:helm:template" | "kubernetes:helm.sh/v4:Chart"
    | "kubernetes:kustomize/v2:Directory" | "kubernetes:kustomize:directory";

const UNRENDERABLE: Record<UnrenderableToken, { what: string; tool: string; subject: (args: Obj) => string }> = {
    "kubernetes:helm:template": { what: "the Helm chart's objects", tool: "Helm", subject: (a) => helmChartOf(a) },
    "kubernetes:helm.sh/v4:Chart": { what: "the Helm chart's objects", tool: "Helm", subject: (a) => (typeof a.chart === "string" ? `chart ${a.chart}` : "") },
    "kubernetes:kustomize/v2:Directory": { what: "the kustomization's objects", tool: "kustomize", subject: (a) => (typeof a.directory === "string" ? `directory ${a.directory}` : "") },
    "kubernetes:kustomize:directory": { what: "the kustomization's objects", tool: "kustomize", subject: (a) => (typeof a.directory === "string" ? `directory ${a.directory}` : "") },
};

/** helm.v3.Chart sends its options as one JSON string (`jsonOpts`, snake_case keys). */
function helmChartOf(args: Obj): string {
    try {
        const opts = JSON.parse(typeof args.jsonOpts === "string" ? args.jsonOpts : "{}") as Obj;
        const parts = [typeof opts.chart === "string" ? `chart ${opts.chart}` : "", typeof opts.release_name === "string" ? `release ${opts.release_name}` : ""];
        return parts.filter((p) => p !== "").join(", ");
    } catch {
        return "";
    }
}

/**
 * The one-line error for what the provider renders with the Helm or kustomize it embeds: a helm.v3.Chart's
 * `kubernetes:helm:template` invoke, a helm.sh/v4 Chart or kustomize/v2 Directory
 * component, a kustomize v1 Directory's `kubernetes:kustomize:directory` invoke.
 */
export function unrenderableOffline(token: string, name: string | undefined, args: Obj = {}): Error {
    const known = UNRENDERABLE[token as UnrenderableToken];
    const what = known?.what ?? "its objects";
    const tool = known?.tool ?? "the provider plugin";
    const subject = known?.subject(stripSecrets(args) as Obj) ?? "";
    const who = [name ? `"${name}"` : "", subject ? `(${subject})` : ""].filter((p) => p !== "").join(" ");
    return new Error(`${token}${who ? ` ${who}` : ""}: ${what} cannot be checked offline: the Kubernetes provider renders them with its built-in ${tool}, ` +
        `which the offline engine does not have; \`pulumi preview --policy-pack\` must decide`);
}

/** The `kubernetes:helm:template` invoke (helm.v3.Chart), refused with the chart it was asked for. */
export function helmTemplateUnavailable(args: Obj): Error {
    return unrenderableOffline("kubernetes:helm:template", undefined, args);
}

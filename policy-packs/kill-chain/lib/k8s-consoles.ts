/**
 * Recognising an admin console by what it does rather than what it is called: the command-line flags only a
 * console takes. A mirror that renames the image (`registry/tools/ui:2.7.0`) keeps its flags, and the flags that
 * matter most (`--enable-skip-login`, `--enable-insecure-login`) are exactly what made the Tesla console open.
 */

/** Flags (the part before `=`) that only one admin console takes, with the console's name. */
export const ADMIN_UI_FLAGS: Readonly<Record<string, string>> = {
    "--enable-skip-login": "Kubernetes Dashboard",
    "--enable-insecure-login": "Kubernetes Dashboard",
    "--auto-generate-certificates": "Kubernetes Dashboard",
    "--sidecar-host": "Kubernetes Dashboard",
    "--metrics-provider": "Kubernetes Dashboard",
    "-in-cluster": "Headlamp",
    "--in-cluster": "Headlamp",
    "-plugins-dir": "Headlamp",
    "--probe.kubernetes": "Weave Scope",
    "--probe.kubernetes.role": "Weave Scope",
};

/** The console a container's `command` + `args` belong to, with the flag that shows it; undefined when none. */
export function adminUiOfArgs(args: readonly unknown[]): { product: string; flag: string } | undefined {
    for (const a of args) {
        if (typeof a !== "string") continue;
        for (const word of a.split(/\s+/)) {
            const flag = word.split("=")[0]!;
            const product = Object.prototype.hasOwnProperty.call(ADMIN_UI_FLAGS, flag) ? ADMIN_UI_FLAGS[flag] : undefined;
            if (product) return { product, flag: word };
        }
    }
    return undefined;
}

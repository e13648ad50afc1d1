"use strict";
/**
 * Container image references and the admin consoles they (or names, labels and Helm charts) give away.
 * Pure and forgiving: a string that is not an image reference yields undefined.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_ALLOWED_IMAGE_REGISTRIES = exports.ADMIN_UI_NAMES = void 0;
exports.parseImage = parseImage;
exports.isPinnedByDigest = isPinnedByDigest;
exports.adminUiOfName = adminUiOfName;
exports.adminUiOfImage = adminUiOfImage;
exports.adminUiOfChart = adminUiOfChart;
exports.isFromAllowedRegistry = isFromAllowedRegistry;
/** Parses a Docker image reference the way the container runtime resolves it (Docker Hub when no registry host). */
function parseImage(image) {
    if (typeof image !== "string")
        return undefined;
    const text = image.trim();
    if (text === "" || /\s/.test(text))
        return undefined;
    let rest = text;
    let digest;
    const at = rest.indexOf("@");
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
    }
    let tag;
    const lastSlash = rest.lastIndexOf("/");
    const colon = rest.lastIndexOf(":");
    if (colon > lastSlash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
    }
    const parts = rest.split("/");
    let registry = "docker.io";
    // Docker's rule: the first component is a registry host when it has a dot or a port, or is localhost.
    if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === "localhost"))
        registry = parts.shift();
    if (parts.length === 0 || parts.some((p) => p === ""))
        return undefined;
    if (registry === "docker.io" && parts.length === 1)
        parts.unshift("library");
    const repository = parts.join("/").toLowerCase();
    const name = parts[parts.length - 1].toLowerCase();
    const org = parts.length > 1 ? parts[parts.length - 2].toLowerCase() : undefined;
    return { registry: registry.toLowerCase(), repository, name, org, tag, digest };
}
/** True when the reference is pinned by a sha256 digest (a tag can be re-pointed at another image). */
function isPinnedByDigest(image) {
    const ref = parseImage(image);
    return ref?.digest !== undefined && /^sha256:[a-f0-9]{64}$/.test(ref.digest);
}
/**
 * Names admin consoles go by, as Helm chart names, `app.kubernetes.io/name` / `app` / `k8s-app` label values and
 * Service names: each gives whoever reaches it a UI onto the whole cluster (the Tesla console was one of these).
 */
exports.ADMIN_UI_NAMES = {
    "kubernetes-dashboard": "Kubernetes Dashboard",
    "k8s-dashboard": "Kubernetes Dashboard",
    "dashboard-metrics-scraper": "Kubernetes Dashboard",
    headlamp: "Headlamp",
    rancher: "Rancher",
    portainer: "Portainer",
    "portainer-ce": "Portainer",
    "portainer-ee": "Portainer",
    "weave-scope": "Weave Scope",
    "weave-scope-app": "Weave Scope",
    kubeapps: "Kubeapps",
    octant: "Octant",
    lens: "Lens",
    skooner: "Skooner",
    k8dash: "K8Dash (Skooner)",
};
/** The admin console a name stands for (exact match, or a `kubernetes-dashboard-…` component name). */
function adminUiOfName(name) {
    if (typeof name !== "string")
        return undefined;
    const n = name.toLowerCase();
    if (Object.prototype.hasOwnProperty.call(exports.ADMIN_UI_NAMES, n))
        return exports.ADMIN_UI_NAMES[n];
    if (n.startsWith("kubernetes-dashboard-"))
        return "Kubernetes Dashboard";
    return undefined;
}
/** The admin console an image runs, judged by its repository (never by the registry, which a mirror changes). */
function adminUiOfImage(image) {
    const ref = parseImage(image);
    if (!ref)
        return undefined;
    const { org, name } = ref;
    if (org === "kubernetesui" || name.startsWith("kubernetes-dashboard"))
        return "Kubernetes Dashboard";
    if (name === "headlamp")
        return "Headlamp";
    if (org === "portainer" || name.startsWith("portainer-"))
        return "Portainer";
    if (org === "rancher" && name === "rancher")
        return "Rancher";
    if (org === "weaveworks" && name === "scope")
        return "Weave Scope";
    if (org === "kubeapps" || name.startsWith("kubeapps-"))
        return "Kubeapps";
    if (name === "octant" || name === "octant-dashboard")
        return "Octant";
    if (name === "skooner" || name === "k8dash")
        return "Skooner";
    return undefined;
}
/**
 * The admin console a Helm chart installs, from its chart reference (`kubernetes-dashboard`,
 * `repo/kubernetes-dashboard`, `oci://…/headlamp`, `https://…/kubernetes-dashboard-7.1.0.tgz`) or repository URL.
 */
function adminUiOfChart(chart, repo) {
    if (typeof repo === "string" && /kubernetes\.github\.io\/dashboard|kubernetes-retired\/dashboard|kubernetes\/dashboard/i.test(repo)) {
        return "Kubernetes Dashboard";
    }
    if (typeof chart !== "string")
        return undefined;
    const last = chart.replace(/[/?#]+$/, "").split(/[/?#]/).filter((p) => p !== "").pop() ?? "";
    // A packaged chart URL or file: `<name>-<semver>.tgz`.
    const name = last.replace(/\.tgz$/i, "").replace(/-v?\d+\.\d+\.\d+[\w.+-]*$/, "");
    return adminUiOfName(name);
}
/**
 * Default `allowedImageRegistries`: a private ECR registry of any account and region (the pack does not know the
 * account; pin it in the pack config, e.g. `^111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com/`).
 */
exports.DEFAULT_ALLOWED_IMAGE_REGISTRIES = [
    "^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/",
];
/**
 * Whether `image` matches one of `patterns` (regular expressions tested against the whole reference as written).
 * An invalid pattern matches nothing: a typo in the config must not open the allowlist.
 */
function isFromAllowedRegistry(image, patterns) {
    return patterns.some((p) => {
        try {
            return new RegExp(p).test(image);
        }
        catch {
            return false;
        }
    });
}
//# sourceMappingURL=k8s-images.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.psaLabel = psaLabel;
exports.psaFindings = psaFindings;
const unknowns_1 = require("./unknowns");
function psaLabel(mode) {
    return `pod-security.kubernetes.io/${mode}`;
}
/**
 * Messages for each mode whose level is not `restricted`. A full Namespace without the label fails (the default is
 * privileged); a NamespacePatch fails only when it sets another level, since it does not own labels it leaves out.
 */
function psaFindings(obj, modes) {
    const out = [];
    for (const mode of modes) {
        const label = obj.view.at("metadata", "labels", psaLabel(mode));
        const level = label.str();
        if (level === unknowns_1.UNKNOWN || level === "restricted")
            continue;
        if (level === undefined && obj.patch)
            continue;
        out.push(level === undefined ? `${label.path} is unset (the EKS default level is privileged)` : `${label.path} is "${level}"`);
    }
    return out;
}
//# sourceMappingURL=k8s-psa.js.map
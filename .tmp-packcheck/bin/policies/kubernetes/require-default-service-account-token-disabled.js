"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireDefaultServiceAccountTokenDisabled = void 0;
const frameworks_1 = require("../../lib/frameworks");
const k8s_1 = require("../../lib/k8s");
const k8s_meta_1 = require("../../lib/k8s-meta");
const k8s_namespaces_1 = require("../../lib/k8s-namespaces");
const policy_1 = require("../../lib/policy");
const unknowns_1 = require("../../lib/unknowns");
/**
 * Every namespace the program creates turns off the API token of its `default` ServiceAccount, and no `default`
 * ServiceAccount is declared with the token on. Pods that name no account run as `default`; with the token mounted,
 * whoever gets a shell in any of them talks to the API server as that account.
 */
exports.requireDefaultServiceAccountTokenDisabled = (0, policy_1.stackPolicy)({
    name: "require-default-service-account-token-disabled",
    description: "Every Namespace the program creates has its default ServiceAccount declared (ServiceAccount or ServiceAccountPatch) "
        + "with automountServiceAccountToken: false, and no default ServiceAccount mounts its token.",
    step: "creds",
    severity: "high",
    remediationSteps: "For each Namespace add a kubernetes:core/v1:ServiceAccountPatch { metadata: { name: \"default\", namespace }, "
        + "automountServiceAccountToken: false } (a patch, because the controller creates the account), and give workloads that "
        + "need the API their own ServiceAccount.",
    url: k8s_meta_1.URLS.iam,
    framework: (0, frameworks_1.cisEks)("4.1.6", "Ensure that Service Account Tokens are only mounted where necessary"),
    references: ["CIS EKS 4.1.5", "CIS EKS 4.1.6", "EKS-BP iam: Disable auto-mounting of service account tokens", "CKV_K8S_38",
        "kyverno restrict-sa-automount-sa-token"],
    check: ({ args, reads, report }) => {
        const accounts = (0, k8s_namespaces_1.namespacedObjects)(args.resources, reads, ["ServiceAccount"]);
        const isDefault = (o, record) => {
            const name = o.obj.view.at("metadata", "name");
            const v = (record ? name.with(reads(o.resource)) : name).str();
            return v === unknowns_1.UNKNOWN ? unknowns_1.UNKNOWN : v === "default";
        };
        const tokenOff = (o, record) => {
            const d = isDefault(o, record);
            if (d === false)
                return false;
            const view = o.obj.view.at("automountServiceAccountToken");
            const v = (record ? view.with(reads(o.resource)) : view).bool();
            if (v === false)
                return d;
            return v === unknowns_1.UNKNOWN ? unknowns_1.UNKNOWN : false;
        };
        for (const o of accounts) {
            // The token setting first: when it is off, the account's name does not matter (and is not recorded).
            if (o.obj.view.at("automountServiceAccountToken").bool() === false)
                continue;
            if (isDefault(o, true) !== true)
                continue;
            const view = o.obj.view.at("automountServiceAccountToken").with(reads(o.resource));
            const v = view.bool();
            if (v === true || (v === undefined && !o.obj.patch)) {
                report(o.resource, `${(0, k8s_1.describe)(o.obj)}: ${view.path} is ${v === true ? "true" : "unset (Kubernetes mounts the token)"}; `
                    + "set it to false so pods that name no ServiceAccount get no API token.");
            }
        }
        const { missing } = (0, k8s_namespaces_1.coverage)((0, k8s_namespaces_1.namespacesCreated)(args.resources, reads), accounts, tokenOff);
        for (const ns of missing) {
            const name = ns.name === unknowns_1.UNKNOWN ? "?" : ns.name;
            report(ns.resource, `${ns.byHelm ? `Helm createNamespace creates namespace ${name}` : `Namespace ${name}`} has no default `
                + `ServiceAccount with automountServiceAccountToken: false; add a ServiceAccountPatch { metadata: { name: "default", `
                + `namespace: "${name}" }, automountServiceAccountToken: false }.`);
        }
    },
});
//# sourceMappingURL=require-default-service-account-token-disabled.js.map
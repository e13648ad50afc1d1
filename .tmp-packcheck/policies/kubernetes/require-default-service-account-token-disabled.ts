import { cisEks } from "../../lib/frameworks";
import { describe } from "../../lib/k8s";
import { URLS } from "../../lib/k8s-meta";
import { coverage, namespacedObjects, namespacesCreated, NamespacedObject } from "../../lib/k8s-namespaces";
import { stackPolicy } from "../../lib/policy";
import { Maybe, UNKNOWN } from "../../lib/unknowns";

/**
 * Every namespace the program creates turns off the API token of its `default` ServiceAccount, and no `default`
 * ServiceAccount is declared with the token on. Pods that name no account run as `default`; with the token mounted,
 * whoever gets a shell in any of them talks to the API server as that account.
 */
export const requireDefaultServiceAccountTokenDisabled = stackPolicy({
    name: "require-default-service-account-token-disabled",
    description: "Every Namespace the program creates has its default ServiceAccount declared (ServiceAccount or ServiceAccountPatch) "
        + "with automountServiceAccountToken: false, and no default ServiceAccount mounts its token.",
    step: "creds",
    severity: "high",
    remediationSteps: "For each Namespace add a kubernetes:core/v1:ServiceAccountPatch { metadata: { name: \"default\", namespace }, "
        + "automountServiceAccountToken: false } (a patch, because the controller creates the account), and give workloads that "
        + "need the API their own ServiceAccount.",
    url: URLS.iam,
    framework: cisEks("4.1.6", "Ensure that Service Account Tokens are only mounted where necessary"),
    references: ["CIS EKS 4.1.5", "CIS EKS 4.1.6", "EKS-BP iam: Disable auto-mounting of service account tokens", "CKV_K8S_38",
        "kyverno restrict-sa-automount-sa-token"],
    check: ({ args, reads, report }) => {
        const accounts = namespacedObjects(args.resources, reads, ["ServiceAccount"]);
        const isDefault = (o: NamespacedObject, record: boolean): Maybe<boolean> => {
            const name = o.obj.view.at("metadata", "name");
            const v = (record ? name.with(reads(o.resource)) : name).str();
            return v === UNKNOWN ? UNKNOWN : v === "default";
        };
        const tokenOff = (o: NamespacedObject, record: boolean): Maybe<boolean> => {
            const d = isDefault(o, record);
            if (d === false) return false;
            const view = o.obj.view.at("automountServiceAccountToken");
            const v = (record ? view.with(reads(o.resource)) : view).bool();
            if (v === false) return d;
            return v === UNKNOWN ? UNKNOWN : false;
        };

        for (const o of accounts) {
            // The token setting first: when it is off, the account's name does not matter (and is not recorded).
            if (o.obj.view.at("automountServiceAccountToken").bool() === false) continue;
            if (isDefault(o, true) !== true) continue;
            const view = o.obj.view.at("automountServiceAccountToken").with(reads(o.resource));
            const v = view.bool();
            if (v === true || (v === undefined && !o.obj.patch)) {
                report(o.resource, `${describe(o.obj)}: ${view.path} is ${v === true ? "true" : "unset (Kubernetes mounts the token)"}; `
                    + "set it to false so pods that name no ServiceAccount get no API token.");
            }
        }

        const { missing } = coverage(namespacesCreated(args.resources, reads), accounts, tokenOff);
        for (const ns of missing) {
            const name = ns.name === UNKNOWN ? "?" : ns.name;
            report(ns.resource, `${ns.byHelm ? `Helm createNamespace creates namespace ${name}` : `Namespace ${name}`} has no default `
                + `ServiceAccount with automountServiceAccountToken: false; add a ServiceAccountPatch { metadata: { name: "default", `
                + `namespace: "${name}" }, automountServiceAccountToken: false }.`);
        }
    },
});

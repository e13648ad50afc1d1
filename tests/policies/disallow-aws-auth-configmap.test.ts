import { describe, test } from "node:test";
import { disallowAwsAuthConfigmap as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-aws-auth-configmap";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { configMap, withProp } from "./k8s-fixtures";

const awsAuth = withProp(withProp(configMap(), ["metadata"], { name: "aws-auth", namespace: "kube-system" }), ["data"], {
    mapRoles: "- rolearn: arn:aws:iam::111122223333:role/admin\n  username: admin\n  groups: [system:masters]\n",
});

describe("disallow-aws-auth-configmap: cluster access is granted by access entries, never aws-auth", () => {
    test("an application ConfigMap passes", async () => assertClean(await one(policy, configMap())));
    test("a ConfigMap named aws-auth in another namespace passes", async () =>
        assertClean(await one(policy, withProp(awsAuth, ["metadata", "namespace"], "telemetry"))));
    test("kube-system/aws-auth fails", async () => assertFails(await one(policy, awsAuth), [awsAuth], "metadata.name aws-auth in kube-system"));
    test("a ConfigMapPatch of kube-system/aws-auth fails", async () => {
        const r = { ...awsAuth, type: "kubernetes:core/v1:ConfigMapPatch" };
        assertFails(await one(policy, r), [r], "CONFIG_MAP");
    });
    test("aws-auth with namespace undefined fails when the provider's namespace is kube-system", async () => {
        const r = { ...withProp(awsAuth, ["metadata", "namespace"], undefined),
            provider: { type: "pulumi:providers:kubernetes", urn: "urn:pulumi:dev::test::pulumi:providers:kubernetes::k8s", name: "k8s", props: { namespace: "kube-system" } } };
        assertFails(await one(policy, r), [r], "aws-auth");
    });
    test("unknown: an unknown namespace of aws-auth defers once, naming it", async () => {
        const r = withProp(awsAuth, ["metadata", "namespace"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "metadata.namespace");
    });
    test("unknown: an unknown name defers once, naming it", async () => {
        const r = withProp(awsAuth, ["metadata", "name"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "metadata.name");
    });
});

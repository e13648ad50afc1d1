import { describe, test } from "node:test";
import { requireNodeClassImdsv2HopLimit1 as policy } from "../../policy-packs/kill-chain/policies/kubernetes/require-node-class-imdsv2-hop-limit-1";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import type { TestResource } from "./harness";
import { withProp } from "./k8s-fixtures";

const nodeClass = (metadataOptions?: Record<string, unknown>): TestResource => ({
    type: "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass",
    name: "default-class",
    props: {
        apiVersion: "karpenter.k8s.aws/v1", kind: "EC2NodeClass", metadata: { name: "default" },
        spec: { role: "cluster-node-role", amiSelectorTerms: [{ alias: "al2023@latest" }], ...(metadataOptions ? { metadataOptions } : {}) },
    },
});

describe("require-node-class-imdsv2-hop-limit-1: Karpenter's nodes keep pods away from the node role", () => {
    test("a node class without metadataOptions (Karpenter's safe defaults) passes", async () => assertClean(await one(policy, nodeClass())));
    test("IMDSv2 required with hop limit 1 passes", async () => assertClean(await one(policy, nodeClass({ httpTokens: "required", httpPutResponseHopLimit: 1 }))));
    test("the metadata endpoint disabled passes", async () => assertClean(await one(policy, nodeClass({ httpEndpoint: "disabled", httpTokens: "optional" }))));

    test("hop limit 2 fails", async () => {
        const r = nodeClass({ httpTokens: "required", httpPutResponseHopLimit: 2 });
        assertFails(await one(policy, r), [r], "spec.metadataOptions.httpPutResponseHopLimit is 2");
    });
    test("httpTokens optional fails", async () => {
        const r = nodeClass({ httpTokens: "optional", httpPutResponseHopLimit: 1 });
        assertFails(await one(policy, r), [r], "spec.metadataOptions.httpTokens is \"optional\"");
    });
    test("an unknown hop limit defers, naming it", async () => {
        const r = withProp(nodeClass({ httpTokens: "required" }), ["spec", "metadataOptions", "httpPutResponseHopLimit"], UNKNOWN);
        assertDeferred(await one(policy, r), r, "spec.metadataOptions.httpPutResponseHopLimit");
    });
});

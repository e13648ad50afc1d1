import { describe, test } from "node:test";
import { requireImdsv2HopLimit1 as policy } from "../../policy-packs/kill-chain/policies/aws/require-imdsv2-hop-limit-1";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

const secure = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 };
const template = res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { metadataOptions: secure });
const instance = res("aws:ec2/instance:Instance", "vm", { ami: "ami-1", subnetId: "subnet-1", metadataOptions: secure });
const lc = res("aws:ec2/launchConfiguration:LaunchConfiguration", "lc", { imageId: "ami-1", instanceType: "t3.micro", metadataOptions: secure });
const spot = res("aws:ec2/spotInstanceRequest:SpotInstanceRequest", "spot", { ami: "ami-1", metadataOptions: secure });
const nodeGroup = res("aws:eks/nodeGroup:NodeGroup", "ng", { clusterName: "dev", launchTemplate: { id: UNKNOWN, version: UNKNOWN } });

describe("require-imdsv2-hop-limit-1: pods cannot fetch the node role's credentials", () => {
    for (const r of [template, instance, lc, spot, nodeGroup]) test(`${r.type} baseline passes`, async () => assertClean(await one(policy, r)));
    test("httpEndpoint disabled (no metadata at all) passes", async () =>
        assertClean(await one(policy, edit(template, { metadataOptions: { httpEndpoint: "disabled" } }))));
    test("an instance launched from a template takes the template's options and passes", async () =>
        assertClean(await one(policy, edit(instance, { metadataOptions: undefined, launchTemplate: { id: "lt-1" } }))));

    for (const r of [template, instance, lc, spot]) {
        test(`${r.type} metadataOptions undefined fails`, async () =>
            assertFails(await one(policy, edit(r, { metadataOptions: undefined })), [r], "metadataOptions is unset"));
    }
    test("httpTokens \"optional\" fails", async () =>
        assertFails(await one(policy, edit(template, { metadataOptions: { ...secure, httpTokens: "optional" } })), [template], "metadataOptions.httpTokens is \"optional\""));
    test("httpTokens undefined fails", async () =>
        assertFails(await one(policy, edit(template, { metadataOptions: { httpEndpoint: "enabled", httpPutResponseHopLimit: 1 } })), [template], "metadataOptions.httpTokens is unset"));
    test("hop limit 2 fails", async () =>
        assertFails(await one(policy, edit(template, { metadataOptions: { ...secure, httpPutResponseHopLimit: 2 } })), [template], "metadataOptions.httpPutResponseHopLimit is 2"));
    test("hop limit undefined fails", async () =>
        assertFails(await one(policy, edit(lc, { metadataOptions: { httpTokens: "required" } })), [lc], "metadataOptions.httpPutResponseHopLimit is unset"));
    test("a node group without a launch template fails", async () =>
        assertFails(await one(policy, edit(nodeGroup, { launchTemplate: undefined })), [nodeGroup], "launchTemplate is unset"));

    test("an unknown hop limit next to httpTokens optional still fails", async () =>
        assertFails(await one(policy, edit(template, { metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: UNKNOWN } })), [template], "httpTokens"));
    test("an unknown hop limit alone defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(template, { metadataOptions: { ...secure, httpPutResponseHopLimit: UNKNOWN } })), template, "metadataOptions.httpPutResponseHopLimit"));
});

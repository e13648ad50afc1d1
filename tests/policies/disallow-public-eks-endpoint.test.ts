import { describe, test } from "node:test";
import { disallowPublicEksEndpoint as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-public-eks-endpoint";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res, withConfig } from "./aws-helpers";

const T = "aws:eks/cluster:Cluster";
const vpc = (v: Record<string, unknown>) => ({ subnetIds: ["subnet-a", "subnet-b"], endpointPrivateAccess: true, ...v });
const baseline = res(T, "cluster", { roleArn: "arn:aws:iam::111122223333:role/eks", vpcConfig: vpc({ endpointPublicAccess: false }) });
const office = withConfig(policy, { allowedPublicApiCidrs: ["203.0.113.0/24"] });
const publicFromOffice = edit(baseline, { vpcConfig: vpc({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }) });

describe("disallow-public-eks-endpoint: the Kubernetes API is not reachable from the internet", () => {
    test("a private endpoint passes", async () => assertClean(await one(policy, baseline)));

    test("endpointPublicAccess undefined is public (AWS default true) and fails", async () =>
        assertFails(await one(policy, edit(baseline, { vpcConfig: vpc({}) })), [baseline], "vpcConfig.endpointPublicAccess is unset"));

    test("endpointPublicAccess true fails when no public CIDR is allowed", async () =>
        assertFails(await one(policy, publicFromOffice), [baseline], "vpcConfig.endpointPublicAccess is true"));

    test("endpointPublicAccess \"true\" (string) fails", async () =>
        assertFails(await one(policy, edit(baseline, { vpcConfig: vpc({ endpointPublicAccess: "true" }) })), [baseline], "vpcConfig.endpointPublicAccess"));

    test("a public endpoint limited to an allowed office range passes when configured", async () => assertClean(await one(office, publicFromOffice)));

    test("a narrower range inside the allowed one passes", async () =>
        assertClean(await one(office, edit(baseline, { vpcConfig: vpc({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.16/28"] }) }))));

    for (const [name, cidrs, field] of [
        ["publicAccessCidrs undefined (EKS reads it as 0.0.0.0/0)", undefined, "vpcConfig.publicAccessCidrs is unset"],
        ["publicAccessCidrs []", [], "vpcConfig.publicAccessCidrs is []"],
        ["0.0.0.0/0", ["0.0.0.0/0"], "0.0.0.0/0 (the whole internet)"],
        ["::/0", ["::/0"], "::/0 (the whole internet)"],
        ["0.0.0.0/1 (half the internet)", ["0.0.0.0/1"], "0.0.0.0/1 (the whole internet)"],
        ["a /12 broader than /16", ["203.0.0.0/12"], "broader than /16"],
        ["a range outside the allowlist", ["198.51.100.0/24"], "198.51.100.0/24 (not in allowedPublicApiCidrs)"],
        ["not a CIDR", ["office"], "(not a CIDR)"],
    ] as const) {
        test(`public endpoint with ${name} fails`, async () => {
            const r = edit(baseline, { vpcConfig: vpc({ endpointPublicAccess: true, ...(cidrs === undefined ? {} : { publicAccessCidrs: cidrs }) }) });
            assertFails(await one(office, r), [baseline], field);
        });
    }

    test("an unknown CIDR next to 0.0.0.0/0 still fails on the known one", async () =>
        assertFails(await one(office, edit(baseline, { vpcConfig: vpc({ endpointPublicAccess: true, publicAccessCidrs: [UNKNOWN, "0.0.0.0/0"] }) })), [baseline], "0.0.0.0/0"));

    test("an unknown endpointPublicAccess defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(baseline, { vpcConfig: vpc({ endpointPublicAccess: UNKNOWN }) })), baseline, "vpcConfig.endpointPublicAccess"));
});

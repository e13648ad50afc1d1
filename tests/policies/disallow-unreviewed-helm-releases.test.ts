import { describe, test } from "node:test";
import { disallowUnreviewedHelmReleases as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-unreviewed-helm-releases";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one, withConfig } from "./aws-helpers";
import { helmChart } from "./k8s-fixtures";

const release = (chart: string) => helmChart(chart, {}, "kubernetes:helm.sh/v3:Release");

describe("disallow-unreviewed-helm-releases: no chart installs objects the policies cannot see", () => {
    test("a helm.sh/v4 Chart (objects registered and checked) is not concerned", async () => assertClean(await one(policy, helmChart())));
    test("a reviewed chart in allowedHelmReleases passes", async () =>
        assertClean(await one(withConfig(policy, { allowedHelmReleases: ["aws-load-balancer-controller"] }), release("aws-load-balancer-controller"))));
    test("a Release with allowedHelmReleases [] (default) fails", async () => {
        const r = release("aws-load-balancer-controller");
        assertFails(await one(policy, r), [r], 'chart "aws-load-balancer-controller" is installed as a helm.sh/v3:Release');
    });
    test("a Release of a chart outside the allowlist fails", async () => {
        const r = release("oci://registry.example.com/charts/miner");
        assertFails(await one(withConfig(policy, { allowedHelmReleases: ["aws-load-balancer-controller"] }), r), [r], "use kubernetes:helm.sh/v4:Chart");
    });
    test("unknown: an unknown chart defers once, naming it", async () => {
        const r = release(UNKNOWN);
        assertDeferred(await one(policy, r), r, "chart of");
    });
});

import { describe, test } from "node:test";
import { disallowIamAccessKeysInKubernetes as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-iam-access-keys-in-kubernetes";
import { UNKNOWN, assertClean, assertFails, res, stack } from "./aws-helpers";
import { deployment, helmChart, secret, serviceAccount, withProp } from "./k8s-fixtures";
import { TestResource, urnOf } from "./harness";

const user = res("aws:iam/user:User", "ci", { name: "ci" });
const key = res("aws:iam/accessKey:AccessKey", "ci-key", { user: "ci" }, { user: [user] });
const role = res("aws:iam/role:Role", "reader", { assumeRolePolicy: "{}" });
const versioned = res("aws:secretsmanager/secretVersion:SecretVersion", "v", { secretId: "s", secretString: UNKNOWN }, { secretString: [key] });

function from(r: TestResource, deps: Record<string, TestResource[]>): TestResource {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [k, rs] of Object.entries(deps)) propertyDependencies[k] = rs.map(urnOf);
    return { ...r, propertyDependencies, dependencies: Object.values(propertyDependencies).flat() };
}

describe("disallow-iam-access-keys-in-kubernetes: no IAM user key reaches the cluster, even while unknown", () => {
    test("a ServiceAccount annotated with an IRSA role ARN passes", async () =>
        assertClean(await stack(policy, [role, from(serviceAccount(UNKNOWN), { metadata: [role] })])));
    test("an access key that stays outside the cluster passes", async () =>
        assertClean(await stack(policy, [user, key, secret(), deployment()])));
    test("a Secret whose stringData is the AccessKey's secret fails (value unknown in preview)", async () => {
        const s = from(withProp(secret(), ["stringData", "AWS_SECRET_ACCESS_KEY"], UNKNOWN), { stringData: [key] });
        assertFails(await stack(policy, [user, key, s]), [s], "stringData of Secret secret is computed from aws:iam/accessKey:AccessKey ci-key");
    });
    test("a Deployment env value computed through a SecretVersion from the AccessKey fails", async () => {
        const d = from(withProp(deployment(), ["spec", "template", "spec", "containers", 0, "env", 0, "value"], UNKNOWN), { spec: [versioned] });
        assertFails(await stack(policy, [user, key, versioned, d]), [d], "spec of Deployment reader");
    });
    test("Helm values computed from the AccessKey fail", async () => {
        const h = from(helmChart("app", { aws: { secret: UNKNOWN } }), { values: [key] });
        assertFails(await stack(policy, [user, key, h]), [h], "values of Chart chart");
    });
    test("a Secret computed from an IAM user's login profile fails", async () => {
        const profile = res("aws:iam/userLoginProfile:UserLoginProfile", "pw", { user: "ci" }, { user: [user] });
        const s = from(secret(), { stringData: [profile] });
        assertFails(await stack(policy, [user, profile, s]), [s], "aws:iam/userLoginProfile:UserLoginProfile pw");
    });
    test("unknown: the verdict needs no value, so an unknown-only stack neither fails nor defers", async () =>
        assertClean(await stack(policy, [role, from(withProp(secret(), ["stringData"], UNKNOWN), { stringData: [role] })])));
});

import { describe, test } from "node:test";
import { disallowAwsKeysInKubernetes as policy } from "../../policy-packs/kill-chain/policies/kubernetes/disallow-aws-keys-in-kubernetes";
import { UNKNOWN, assertClean, assertDeferred, assertFails, one } from "./aws-helpers";
import { configMap, cronJob, deployment, helmChart, secret, serviceAccount, withProp } from "./k8s-fixtures";

// AWS's documented example credentials (not real keys).
const KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const b64 = (s: string) => Buffer.from(s).toString("base64");
const ENV = ["spec", "template", "spec", "containers", 0, "env"];

describe("disallow-aws-keys-in-kubernetes: no static AWS credential is written into the cluster", () => {
    for (const r of [secret(), configMap(), deployment(), cronJob(), serviceAccount(), helmChart("app", { region: "eu-west-1" })]) {
        test(`the reference ${r.type.split(":").pop()} passes`, async () => assertClean(await one(policy, r)));
    }

    const cases = [
        ["Secret stringData with an access key ID", withProp(secret(), ["stringData", "KEY"], KEY_ID), 'stringData.KEY holds an AWS access key ID (AKIA…)'],
        ["Secret data with a base64 credentials file", withProp(secret(), ["data", "credentials"], b64(`[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`)),
            "data.credentials holds an AWS access key ID (AKIA…), base64-encoded"],
        ["Secret data key AWS_SECRET_ACCESS_KEY (value opaque)", withProp(secret(), ["data", "AWS_SECRET_ACCESS_KEY"], UNKNOWN), "data.AWS_SECRET_ACCESS_KEY is an AWS credential by its name"],
        ["Secret stringData secretAccessKey of 40 characters", withProp(secret(), ["stringData", "secretAccessKey"], SECRET_KEY), "an AWS secret access key"],
        ["a temporary ASIA key in a ConfigMap", withProp(configMap(), ["data", "creds"], "ASIAIOSFODNN7EXAMPLE"), "a temporary AWS access key ID (ASIA…)"],
        ["ConfigMap binaryData with a base64 key", withProp(configMap(), ["binaryData", "blob"], b64(`id=${KEY_ID}`)), "binaryData.blob"],
        ["container env value", withProp(deployment(), [...ENV, 2], { name: "KEY", value: KEY_ID }), "spec.template.spec.containers[0].env[2].value"],
        ["container env AWS_SECRET_ACCESS_KEY from a Secret", withProp(deployment(), [...ENV, 2], { name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "aws", key: "secret" } } }),
            "env[2].name is AWS_SECRET_ACCESS_KEY"],
        ["CronJob init container env AWS_ACCESS_KEY_ID", withProp(cronJob(), ["spec", "jobTemplate", "spec", "template", "spec", "initContainers"], [{ name: "i", image: "x", env: [{ name: "AWS_ACCESS_KEY_ID", value: UNKNOWN }] }]),
            "initContainers[0].env[0].name is AWS_ACCESS_KEY_ID"],
        ["container args", withProp(deployment(), ["spec", "template", "spec", "containers", 0, "args"], ["--key", KEY_ID]), "containers[0].args[1]"],
        ["an annotation", withProp(serviceAccount(), ["metadata", "annotations", "note"], `aws_secret_access_key=${SECRET_KEY}`), "an AWS secret access key"],
        ["a SecretPatch", { ...withProp(secret(), ["stringData", "KEY"], KEY_ID), type: "kubernetes:core/v1:SecretPatch" }, "stringData.KEY"],
        ["Helm values", helmChart("app", { aws: { accessKeyId: KEY_ID } }), "values.aws.accessKeyId holds an AWS access key ID"],
    ] as const;
    for (const [what, r, message] of cases) {
        test(`${what} fails`, async () => assertFails(await one(policy, r), [r], message));
    }

    test("the message never repeats the credential", async () => {
        const v = await one(policy, withProp(secret(), ["stringData", "KEY"], `${KEY_ID} ${SECRET_KEY}`));
        for (const x of v.violations) {
            if (x.message.includes(KEY_ID) || x.message.includes(SECRET_KEY)) throw new Error(`credential leaked into: ${x.message}`);
        }
    });

    test("a 40-character value under an unrelated name (a git SHA) passes", async () =>
        assertClean(await one(policy, withProp(configMap(), ["data", "GIT_SHA"], "0123456789abcdef0123456789abcdef01234567"))));

    test("unknown: a known key in stringData is reported next to an unknown value", async () => {
        const r = withProp(withProp(secret(), ["stringData", "OTHER"], UNKNOWN), ["stringData", "KEY"], KEY_ID);
        assertFails(await one(policy, r), [r], "stringData.KEY");
    });

    test("unknown: an unknown env value under an innocent name is not deferred (the stack policy judges its source)", async () => {
        const r = withProp(deployment(), [...ENV, 0, "value"], UNKNOWN);
        assertClean(await one(policy, r));
    });

    test("unknown: an unknown value in a Secret's stringData (secure config a preview could not decrypt) is deferred, not passed", async () => {
        const r = withProp(secret(), ["stringData", "exporter.id"], UNKNOWN);
        assertDeferred(await one(policy, r), r, 'stringData["exporter.id"]');
    });
});

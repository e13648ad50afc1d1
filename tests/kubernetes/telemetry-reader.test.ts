import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { validateWorkloadNamespaces } from "../../infra/kubernetes/layer";
import {
    TELEMETRY_READER_NAMESPACE, TELEMETRY_READER_SERVICE_ACCOUNT, TelemetryReaderArgs, readerEgressSpec, validateTelemetryReaderArgs,
} from "../../infra/kubernetes/telemetry-reader";
import { ValidationError } from "../../infra/lib/validation";
import { ENV, IMAGE, VPC_CIDR } from "./fixtures";

const ARGS: TelemetryReaderArgs = {
    env: ENV, image: IMAGE, irsaRoleArn: "arn:aws:iam::111122223333:role/telemetry-reader", bucketName: "telemetry", vpcCidr: VPC_CIDR,
};

describe("readerEgressSpec", () => {
    test("allows only TCP 443, only to the VPC CIDR, only from the reader pods", () => {
        assert.deepEqual(readerEgressSpec(VPC_CIDR), {
            podSelector: { matchLabels: { "app.kubernetes.io/name": "telemetry-reader" } },
            policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: VPC_CIDR } }], ports: [{ protocol: "TCP", port: 443 }] }],
        });
    });
});

describe("validateTelemetryReaderArgs", () => {
    test("defaults to the namespace and service account the IRSA role must trust", () => {
        const v = validateTelemetryReaderArgs(ARGS, "r");
        assert.equal(v.namespace, TELEMETRY_READER_NAMESPACE);
        assert.equal(v.serviceAccountName, TELEMETRY_READER_SERVICE_ACCOUNT);
        assert.equal(v.replicas, 1);
        assert.ok(v.runAsUser > 0);
    });
    const bad: Array<[string, Partial<TelemetryReaderArgs>, RegExp]> = [
        ["a world-open VPC CIDR", { vpcCidr: "0.0.0.0/0" }, /invalid r\.vpcCidr: "0\.0\.0\.0\/0"/],
        ["a VPC CIDR with host bits", { vpcCidr: "10.20.1.0/16" }, /invalid r\.vpcCidr/],
        ["a role ARN of another account", { irsaRoleArn: "arn:aws:iam::444455556666:role/reader" }, /invalid r\.irsaRoleArn/],
        ["a role ARN of another partition", { irsaRoleArn: "arn:aws-cn:iam::111122223333:role/reader" }, /invalid r\.irsaRoleArn/],
        ["a user ARN", { irsaRoleArn: "arn:aws:iam::111122223333:user/reader" }, /invalid r\.irsaRoleArn/],
        ["the default service account", { serviceAccountName: "default" }, /invalid r\.serviceAccountName: "default"/],
        ["a kube-system namespace", { namespace: "kube-system" }, /invalid r\.namespace: "kube-system"/],
        ["zero replicas", { replicas: 0 }, /invalid r\.replicas: 0/],
        ["root", { runAsUser: 0 }, /invalid r\.runAsUser: 0/],
        ["a system: viewer group", { viewerGroup: "system:authenticated" }, /invalid r\.viewerGroup/],
        ["limits above the namespace max", { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "3", memory: "1Gi" } } },
            /invalid r\.resources\.limits\.cpu: "3"/],
        ["a tagged image", { image: IMAGE.replace(/@sha256:.*/, ":v1") }, /invalid r\.image/],
    ];
    for (const [what, change, message] of bad) {
        test(`refuses ${what}`, () => {
            assert.throws(() => validateTelemetryReaderArgs({ ...ARGS, ...change }, "r"), (e: unknown) => e instanceof ValidationError && message.test(e.message));
        });
    }
});

describe("validateWorkloadNamespaces", () => {
    test("accepts distinct valid names", () => assert.deepEqual(validateWorkloadNamespaces(["a", "b"], ["telemetry"], "ns"), ["a", "b"]));
    test("refuses a duplicate", () => assert.throws(() => validateWorkloadNamespaces(["a", "a"], [], "ns"), /invalid ns: \["a","a"\]/));
    test("refuses the reader's namespace", () => assert.throws(() => validateWorkloadNamespaces(["telemetry"], ["telemetry"], "ns"), /invalid ns\[0\]: "telemetry"/));
    test("refuses a non-list", () => assert.throws(() => validateWorkloadNamespaces("payments", [], "ns"), ValidationError));
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
    explicitKubernetesProvider, kubeconfigFor, validateEndpoint, validateKubernetesMode, validateTunnelPort,
} from "../../infra/kubernetes/provider";
import { ValidationError } from "../../infra/lib/validation";
import { CA_DATA, CLUSTER_NAME, ENDPOINT } from "./fixtures";

type Obj = Record<string, unknown>;
const BASE = { clusterName: CLUSTER_NAME, endpoint: ENDPOINT, certificateAuthorityData: CA_DATA, token: "k8s-aws-v1.abc" };

describe("kubeconfigFor", () => {
    test("holds exactly one cluster, user and context, all the named cluster, and selects it", () => {
        const cfg = JSON.parse(kubeconfigFor(BASE)) as Obj;
        assert.equal(cfg["current-context"], CLUSTER_NAME);
        assert.deepEqual(cfg.clusters, [{ name: CLUSTER_NAME, cluster: { "certificate-authority-data": CA_DATA, server: ENDPOINT } }]);
        assert.deepEqual(cfg.users, [{ name: CLUSTER_NAME, user: { token: "k8s-aws-v1.abc" } }]);
        assert.deepEqual(cfg.contexts, [{ name: CLUSTER_NAME, context: { cluster: CLUSTER_NAME, user: CLUSTER_NAME } }]);
    });

    test("authenticates with the given token only, never an exec plugin that would read the local AWS profile", () => {
        const cfg = JSON.parse(kubeconfigFor(BASE)) as Obj;
        const user = (cfg.users as Obj[])[0].user as Obj;
        assert.deepEqual(Object.keys(user), ["token"]);
    });

    test("never disables TLS verification", () => {
        fc.assert(fc.property(fc.option(fc.integer({ min: 1024, max: 65535 }), { nil: undefined }), (port) => {
            const cfg = JSON.parse(kubeconfigFor({ ...BASE, tunnel: port === undefined ? undefined : { localPort: port } })) as Obj;
            const cluster = (cfg.clusters as Obj[])[0].cluster as Obj;
            assert.equal(cluster["insecure-skip-tls-verify"], undefined);
            assert.equal(cluster["certificate-authority-data"], CA_DATA);
        }));
    });

    test("a tunnel points at the local port and still verifies the certificate against the endpoint host name", () => {
        const cfg = JSON.parse(kubeconfigFor({ ...BASE, tunnel: { localPort: 8443 } })) as Obj;
        const cluster = (cfg.clusters as Obj[])[0].cluster as Obj;
        assert.equal(cluster.server, "https://127.0.0.1:8443");
        assert.equal(cluster["tls-server-name"], new URL(ENDPOINT).hostname);
    });

    const bad: Array<[string, Partial<typeof BASE>, RegExp]> = [
        ["an http endpoint", { endpoint: ENDPOINT.replace("https:", "http:") }, /invalid ClusterConnection\.endpoint/],
        ["an endpoint with a path", { endpoint: `${ENDPOINT}/api` }, /invalid ClusterConnection\.endpoint/],
        ["an endpoint with credentials", { endpoint: ENDPOINT.replace("https://", "https://user:pw@") }, /invalid ClusterConnection\.endpoint/],
        ["a bare host name", { endpoint: "0123.gr7.eu-west-1.eks.amazonaws.com" }, /invalid ClusterConnection\.endpoint/],
        ["an empty CA", { certificateAuthorityData: "" }, /invalid ClusterConnection\.certificateAuthorityData: "\(redacted\)"/],
        ["a CA that is not base64", { certificateAuthorityData: "-----BEGIN CERTIFICATE-----" }, /invalid ClusterConnection\.certificateAuthorityData/],
        ["an empty token", { token: "" }, /invalid ClusterConnection\.token: "\(redacted\)"/],
        ["a token with whitespace", { token: "k8s aws" }, /invalid ClusterConnection\.token/],
        ["a cluster name with a space", { clusterName: "my cluster" }, /invalid ClusterConnection\.clusterName: "my cluster"/],
    ];
    for (const [what, change, message] of bad) {
        test(`refuses ${what}`, () => {
            assert.throws(() => kubeconfigFor({ ...BASE, ...change }), (e: unknown) => e instanceof ValidationError && message.test(e.message));
        });
    }

    test("never puts the token or CA into an error message", () => {
        assert.throws(() => kubeconfigFor({ ...BASE, certificateAuthorityData: "not base64!" }), (e: unknown) =>
            e instanceof Error && !e.message.includes("not base64!"));
        assert.throws(() => kubeconfigFor({ ...BASE, token: "secret token" }), (e: unknown) =>
            e instanceof Error && !e.message.includes("secret token"));
    });
});

describe("validateKubernetesMode", () => {
    test("accepts deploy and skip", () => {
        assert.equal(validateKubernetesMode("deploy", "k"), "deploy");
        assert.equal(validateKubernetesMode("skip", "k"), "skip");
    });
    for (const value of [undefined, "", "Deploy", "skipp", "off", true, 0]) {
        test(`refuses ${JSON.stringify(value) ?? "undefined"} instead of guessing a mode`, () => {
            assert.throws(() => validateKubernetesMode(value, "hardened-stack:kubernetes.mode"),
                /^ValidationError: invalid hardened-stack:kubernetes\.mode: .* — must be one of deploy, skip$/);
        });
    }
});

describe("validateTunnelPort", () => {
    for (const value of [0, 80, 443, 1023, 65536, 8443.5, "8443", undefined]) {
        test(`refuses ${JSON.stringify(value) ?? "undefined"}`, () => {
            assert.throws(() => validateTunnelPort(value, "tunnel"), ValidationError);
        });
    }
    test("accepts an unprivileged port", () => assert.equal(validateTunnelPort(8443, "tunnel"), 8443));
});

describe("validateEndpoint", () => {
    test("accepts an EKS endpoint with or without a trailing slash", () => {
        assert.equal(validateEndpoint(ENDPOINT, "e").hostname, new URL(ENDPOINT).hostname);
        assert.equal(validateEndpoint(`${ENDPOINT}/`, "e").protocol, "https:");
    });
    for (const value of [undefined, "", "not a url", "ftp://x.example", `${ENDPOINT}?x=1`, `${ENDPOINT}#frag`]) {
        test(`refuses ${JSON.stringify(value) ?? "undefined"}`, () => assert.throws(() => validateEndpoint(value, "e"), ValidationError));
    }
});

describe("explicitKubernetesProvider", () => {
    test("refuses a component without any provider instead of falling back to the default provider", () => {
        assert.throws(() => explicitKubernetesProvider(undefined, "LockedNamespace provider"),
            /invalid LockedNamespace provider: \(unset\) — an explicit Kubernetes provider is required/);
        assert.throws(() => explicitKubernetesProvider({ providers: [] }, "X provider"), ValidationError);
        assert.throws(() => explicitKubernetesProvider({ providers: {} }, "X provider"), ValidationError);
    });
});

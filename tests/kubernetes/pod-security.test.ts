import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    ecrRegistry, restrictedContainerSecurityContext, restrictedPodSecurityContext, validateContainerResources, validateImageReference,
    validateRunAsUser,
} from "../../infra/kubernetes/pod-security";
import { AwsEnvironment } from "../../infra/lib/aws";
import { ValidationError } from "../../infra/lib/validation";
import { DIGEST, ENV, IMAGE } from "./fixtures";

const REGISTRY = "111122223333.dkr.ecr.eu-west-1.amazonaws.com";

describe("validateImageReference", () => {
    test("accepts this account's ECR image pinned by digest", () => {
        assert.equal(validateImageReference(ENV, IMAGE, "image"), IMAGE);
        assert.equal(validateImageReference(ENV, `${REGISTRY}/reader@${DIGEST}`, "image"), `${REGISTRY}/reader@${DIGEST}`);
    });
    test("uses the partition's DNS suffix for the registry", () => {
        const cn: AwsEnvironment = { partition: "aws-cn", region: "cn-north-1", accountId: "111122223333", dnsSuffix: "amazonaws.com.cn" };
        assert.equal(ecrRegistry(cn), "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn");
        validateImageReference(cn, `111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/reader@${DIGEST}`, "image");
    });
    const bad: Array<[string, unknown, RegExp]> = [
        ["a tag", `${REGISTRY}/reader:1.0`, /pinned by digest/],
        ["latest", `${REGISTRY}/reader:latest`, /pinned by digest/],
        ["a tag before the digest", `${REGISTRY}/reader:1.0@${DIGEST}`, /without a tag before the digest/],
        ["a short digest", `${REGISTRY}/reader@sha256:abc`, /pinned by digest/],
        ["an upper-case digest", `${REGISTRY}/reader@sha256:${"AB12".repeat(16)}`, /pinned by digest/],
        ["a sha512 digest", `${REGISTRY}/reader@sha512:${"a".repeat(128)}`, /pinned by digest/],
        ["Docker Hub", `docker.io/library/busybox@${DIGEST}`, /private ECR registry/],
        ["a bare Docker Hub name", `busybox@${DIGEST}`, /private ECR registry/],
        ["ECR Public", `public.ecr.aws/nginx/nginx@${DIGEST}`, /private ECR registry/],
        ["another account's registry", `444455556666.dkr.ecr.eu-west-1.amazonaws.com/reader@${DIGEST}`, /private ECR registry/],
        ["another region's registry", `111122223333.dkr.ecr.us-east-1.amazonaws.com/reader@${DIGEST}`, /private ECR registry/],
        ["a look-alike registry host", `111122223333.dkr.ecr.eu-west-1.amazonaws.com.evil.example/reader@${DIGEST}`, /private ECR registry/],
        ["an upper-case repository", `${REGISTRY}/Reader@${DIGEST}`, /ECR repository/],
        ["the Kubernetes dashboard", `${REGISTRY}/kubernetes-dashboard@${DIGEST}`, /dashboard/],
        ["a mirrored kubernetesui image", `${REGISTRY}/kubernetesui/dashboard@${DIGEST}`, /dashboard/],
        ["a non-string", 42, /image reference like/],
        ["an empty string", "", /pinned by digest/],
    ];
    for (const [what, image, message] of bad) {
        test(`refuses ${what}`, () => {
            assert.throws(() => validateImageReference(ENV, image, "TelemetryReader.image"),
                (e: unknown) => e instanceof ValidationError && e.message.startsWith("invalid TelemetryReader.image: ") && message.test(e.message));
        });
    }
});

describe("restricted security contexts", () => {
    test("the pod runs as a non-root user and group with the runtime's default seccomp profile", () => {
        assert.deepEqual(restrictedPodSecurityContext(10001), {
            runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" },
        });
    });
    test("the container cannot escalate, holds no capability and cannot write its root filesystem", () => {
        assert.deepEqual(restrictedContainerSecurityContext(10001), {
            runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, privileged: false, allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" },
        });
    });
    for (const value of [0, -1, 1.5, "1000", undefined, 2 ** 31]) {
        test(`refuses the user id ${JSON.stringify(value) ?? "undefined"}`, () => assert.throws(() => validateRunAsUser(value, "uid"), ValidationError));
    }
});

describe("validateContainerResources", () => {
    const MAX = { cpu: "2", memory: "4Gi" };
    const OK = { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } };
    test("accepts requests below limits below the namespace max", () => assert.deepEqual(validateContainerResources(OK, MAX, "r"), OK));
    const bad: Array<[string, unknown, RegExp]> = [
        ["missing limits", { requests: OK.requests }, /invalid r: .* must set both requests and limits/],
        ["missing requests", { limits: OK.limits }, /invalid r: /],
        ["a CPU request above the limit", { ...OK, requests: { cpu: "500m", memory: "64Mi" } }, /invalid r\.requests\.cpu: "500m"/],
        ["a memory request above the limit", { ...OK, requests: { cpu: "50m", memory: "1Gi" } }, /invalid r\.requests\.memory: "1Gi"/],
        ["a limit above the namespace max", { ...OK, limits: { cpu: "4", memory: "256Mi" } }, /invalid r\.limits\.cpu: "4"/],
        ["a malformed memory limit", { ...OK, limits: { cpu: "200m", memory: "256MB" } }, /invalid r\.limits\.memory: "256MB"/],
    ];
    for (const [what, value, message] of bad) {
        test(`refuses ${what}`, () => {
            assert.throws(() => validateContainerResources(value, MAX, "r"), (e: unknown) => e instanceof ValidationError && message.test(e.message));
        });
    }
});

// The Kubernetes layer as the engine records it, in preview (computed values unknown) and up.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { UNKNOWN, isSecret } from "../../engine";
import { rejections, runShared, runTest } from "../lib/plan";
import type { ProgramRun, RecordedResource } from "../../engine";
import { POD_SECURITY_VERSION } from "../../infra/kubernetes/namespace";
import { FORBIDDEN_ROLE_REFS, FORBIDDEN_SUBJECTS } from "../../infra/kubernetes/rbac";
import {
    CA_DATA, CLUSTER_NAME, DEPLOY, ENDPOINT, IMAGE, PROGRAM, VIEWER_GROUP, VPC_CIDR, WORKLOAD_NAMESPACES,
} from "./fixtures";

type Obj = Record<string, unknown>;
const ALL_NAMESPACES = [...WORKLOAD_NAMESPACES, "telemetry"];

function ofType(plan: ProgramRun, type: string): RecordedResource[] {
    return plan.resources.filter((r) => r.type === type);
}
function one(plan: ProgramRun, type: string, name: string): RecordedResource {
    const found = plan.resources.filter((r) => r.type === type && r.name === name);
    assert.equal(found.length, 1, `expected one ${type} named ${name}`);
    return found[0];
}
function meta(r: RecordedResource): Obj {
    return r.inputs.metadata as Obj;
}
function inNamespace(plan: ProgramRun, type: string, namespace: string): RecordedResource[] {
    return ofType(plan, type).filter((r) => meta(r).namespace === namespace);
}
function podSpec(plan: ProgramRun): Obj {
    const deployment = one(plan, "kubernetes:apps/v1:Deployment", "k8s-telemetry-reader-deployment");
    return ((deployment.inputs.spec as Obj).template as Obj).spec as Obj;
}
/** Every ipBlock anywhere in a NetworkPolicy spec. */
function ipBlocks(spec: Obj): Obj[] {
    const rules = [...((spec.egress as Obj[] | undefined) ?? []), ...((spec.ingress as Obj[] | undefined) ?? [])];
    return rules.flatMap((rule) => [...((rule.to as Obj[] | undefined) ?? []), ...((rule.from as Obj[] | undefined) ?? [])])
        .filter((peer) => peer.ipBlock !== undefined).map((peer) => peer.ipBlock as Obj);
}

for (const mode of ["preview", "up"] as const) {
    describe(`kubernetes layer, deploy mode (${mode})`, () => {
        let plan: ProgramRun;
        before(async () => {
            // Shared with tests/policies/k8s-reference.test.ts when both run in one process (scripts/test.mjs).
            plan = await runShared({ program: PROGRAM, mode, config: DEPLOY });
        });

        test("the layer creates exactly the workload namespaces and the reader's namespace", () => {
            const names = ofType(plan, "kubernetes:core/v1:Namespace").map((r) => meta(r).name).sort();
            assert.deepEqual(names, [...ALL_NAMESPACES].sort());
        });

        test("every namespace enforces, audits and warns at the restricted Pod Security Standard, version pinned", () => {
            for (const ns of ofType(plan, "kubernetes:core/v1:Namespace")) {
                const labels = meta(ns).labels as Obj;
                for (const m of ["enforce", "audit", "warn"]) {
                    assert.equal(labels[`pod-security.kubernetes.io/${m}`], "restricted", `${meta(ns).name} ${m}`);
                    assert.equal(labels[`pod-security.kubernetes.io/${m}-version`], POD_SECURITY_VERSION, `${meta(ns).name} ${m}-version`);
                }
                assert.match(POD_SECURITY_VERSION, /^v1\.\d+$/);
            }
        });

        test("every namespace denies all ingress and egress with an empty pod selector and no rules", () => {
            for (const ns of ALL_NAMESPACES) {
                const denies = inNamespace(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy", ns)
                    .filter((p) => meta(p).name === "default-deny-all");
                assert.equal(denies.length, 1, ns);
                const spec = denies[0].inputs.spec as Obj;
                assert.deepEqual(spec.podSelector, {});
                assert.deepEqual([...(spec.policyTypes as string[])].sort(), ["Egress", "Ingress"]);
                assert.equal(spec.ingress, undefined);
                assert.equal(spec.egress, undefined);
            }
        });

        test("DNS egress is allowed only to kube-dns pods in kube-system, on port 53", () => {
            for (const ns of ALL_NAMESPACES) {
                const dns = inNamespace(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy", ns)
                    .filter((p) => meta(p).name === "allow-dns-to-kube-dns");
                assert.equal(dns.length, 1, ns);
                const spec = dns[0].inputs.spec as Obj;
                assert.deepEqual(spec.policyTypes, ["Egress"]);
                assert.equal(spec.ingress, undefined);
                const egress = spec.egress as Obj[];
                assert.equal(egress.length, 1);
                // One peer carrying both selectors: kube-system AND k8s-app=kube-dns, not either.
                assert.deepEqual(egress[0].to, [{
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                    podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                }]);
                assert.deepEqual(egress[0].ports, [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }]);
            }
        });

        test("nothing but DNS is allowed by default: workload namespaces hold only the deny and DNS policies", () => {
            for (const ns of WORKLOAD_NAMESPACES) {
                const names = inNamespace(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy", ns).map((p) => meta(p).name).sort();
                assert.deepEqual(names, ["allow-dns-to-kube-dns", "default-deny-all"], ns);
            }
        });

        test("every namespace has a compute quota that forbids LoadBalancer and NodePort Services", () => {
            for (const ns of ALL_NAMESPACES) {
                const quotas = inNamespace(plan, "kubernetes:core/v1:ResourceQuota", ns);
                assert.equal(quotas.length, 1, ns);
                const hard = (quotas[0].inputs.spec as Obj).hard as Obj;
                for (const key of ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "pods"]) {
                    assert.equal(typeof hard[key], "string", `${ns} ${key}`);
                }
                assert.equal(hard["services.loadbalancers"], "0", ns);
                assert.equal(hard["services.nodeports"], "0", ns);
            }
        });

        test("every namespace has a container LimitRange with default requests, default limits and a max", () => {
            for (const ns of ALL_NAMESPACES) {
                const ranges = inNamespace(plan, "kubernetes:core/v1:LimitRange", ns);
                assert.equal(ranges.length, 1, ns);
                const [limit] = (ranges[0].inputs.spec as Obj).limits as Obj[];
                assert.equal(limit.type, "Container");
                for (const key of ["default", "defaultRequest", "max"]) {
                    assert.deepEqual(Object.keys(limit[key] as Obj).sort(), ["cpu", "memory"], `${ns} ${key}`);
                }
            }
        });

        test("the default service account of every namespace does not automount an API token", () => {
            for (const ns of ALL_NAMESPACES) {
                const patches = inNamespace(plan, "kubernetes:core/v1:ServiceAccountPatch", ns);
                assert.equal(patches.length, 1, ns);
                assert.equal(meta(patches[0]).name, "default");
                assert.equal(patches[0].inputs.automountServiceAccountToken, false);
            }
            // The layer never declares `default` as a full ServiceAccount (it would race the controller and be deleted on destroy).
            assert.ok(ofType(plan, "kubernetes:core/v1:ServiceAccount").every((sa) => meta(sa).name !== "default"));
        });

        test("namespaced children are ordered after their namespace", () => {
            const nsUrns = new Map(ofType(plan, "kubernetes:core/v1:Namespace").map((r) => [meta(r).name, r.urn]));
            const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
            const dependsOn = (r: RecordedResource, target: string, seen = new Set<string>()): boolean =>
                r.dependencies.some((d) => d === target || (!seen.has(d) && (seen.add(d), byUrn.has(d)) && dependsOn(byUrn.get(d)!, target, seen)));
            for (const r of plan.resources.filter((x) => x.type.startsWith("kubernetes:") && x.type !== "kubernetes:core/v1:Namespace")) {
                const nsUrn = nsUrns.get(meta(r).namespace as string);
                assert.ok(nsUrn, `${r.name} is in a namespace the layer created`);
                assert.ok(dependsOn(r, nsUrn), `${r.name} is ordered after its namespace`);
            }
        });

        test("the telemetry reader runs non-root, read-only, without privilege escalation, capabilities or host namespaces", () => {
            const spec = podSpec(plan);
            for (const key of ["hostNetwork", "hostPID", "hostIPC"]) assert.equal(spec[key], false, key);
            const podContext = spec.securityContext as Obj;
            assert.equal(podContext.runAsNonRoot, true);
            assert.ok(typeof podContext.runAsUser === "number" && podContext.runAsUser > 0);
            assert.deepEqual(podContext.seccompProfile, { type: "RuntimeDefault" });
            const containers = spec.containers as Obj[];
            assert.equal(containers.length, 1);
            assert.equal(spec.initContainers, undefined);
            const c = containers[0].securityContext as Obj;
            assert.equal(c.runAsNonRoot, true);
            assert.ok(typeof c.runAsUser === "number" && c.runAsUser > 0);
            assert.equal(c.readOnlyRootFilesystem, true);
            assert.equal(c.allowPrivilegeEscalation, false);
            assert.equal(c.privileged, false);
            assert.deepEqual(c.capabilities, { drop: ["ALL"] });
            assert.deepEqual(c.seccompProfile, { type: "RuntimeDefault" });
        });

        test("the telemetry reader sets CPU and memory requests and limits", () => {
            const resources = ((podSpec(plan).containers as Obj[])[0].resources) as Obj;
            assert.deepEqual(Object.keys(resources.requests as Obj).sort(), ["cpu", "memory"]);
            assert.deepEqual(Object.keys(resources.limits as Obj).sort(), ["cpu", "memory"]);
        });

        test("the telemetry reader image is this account's private ECR image pinned by digest", () => {
            const image = (podSpec(plan).containers as Obj[])[0].image as string;
            assert.equal(image, IMAGE);
            assert.match(image, /^111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/[a-z0-9/._-]+@sha256:[a-f0-9]{64}$/);
        });

        test("the telemetry reader gets the bucket, region and regional STS settings as environment", () => {
            const env = Object.fromEntries(((podSpec(plan).containers as Obj[])[0].env as Obj[]).map((e) => [e.name, e.value]));
            assert.equal(env.TELEMETRY_BUCKET, "hardened-dev-telemetry");
            assert.equal(env.AWS_REGION, "eu-west-1");
            assert.equal(env.AWS_STS_REGIONAL_ENDPOINTS, "regional");
            assert.equal(env.AWS_ACCESS_KEY_ID, undefined);
            assert.equal(env.AWS_SECRET_ACCESS_KEY, undefined);
        });

        test("no Kubernetes API token is mounted into the reader: service account and pod both opt out", () => {
            const sa = one(plan, "kubernetes:core/v1:ServiceAccount", "k8s-telemetry-reader-sa");
            assert.equal(sa.inputs.automountServiceAccountToken, false);
            const spec = podSpec(plan);
            assert.equal(spec.serviceAccountName, meta(sa).name);
            assert.equal(spec.automountServiceAccountToken, false);
        });

        test("the reader's service account is annotated with the IRSA role created for exactly it", () => {
            const sa = one(plan, "kubernetes:core/v1:ServiceAccount", "k8s-telemetry-reader-sa");
            const role = one(plan, "aws:iam/role:Role", "telemetry-reader-role");
            const annotation = (meta(sa).annotations as Obj)["eks.amazonaws.com/role-arn"];
            if (mode === "preview") assert.equal(annotation, UNKNOWN);
            else assert.equal(annotation, role.outputs.arn);
            assert.ok(sa.propertyDependencies.metadata.includes(role.urn), "annotation flows from the role's ARN");
            const trust = JSON.parse(role.inputs.assumeRolePolicy as string) as Obj;
            const condition = ((trust.Statement as Obj[])[0].Condition as Obj).StringEquals as Obj;
            const sub = Object.entries(condition).find(([k]) => k.endsWith(":sub"))?.[1];
            assert.equal(sub, `system:serviceaccount:${meta(sa).namespace}:${meta(sa).name}`);
        });

        test("the reader may leave its namespace only on TCP 443 to the VPC CIDR (the AWS interface endpoints)", () => {
            const egress = one(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "k8s-telemetry-reader-egress");
            const spec = egress.inputs.spec as Obj;
            assert.deepEqual(spec.policyTypes, ["Egress"]);
            assert.deepEqual(spec.podSelector, { matchLabels: { "app.kubernetes.io/name": "telemetry-reader" } });
            assert.deepEqual(spec.egress, [{
                to: [{ ipBlock: { cidr: VPC_CIDR } }],
                ports: [{ protocol: "TCP", port: 443 }],
            }]);
        });

        test("no NetworkPolicy anywhere allows 0.0.0.0/0 or carves exceptions out of a wide block", () => {
            for (const policy of ofType(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy")) {
                for (const block of ipBlocks(policy.inputs.spec as Obj)) {
                    assert.notEqual(block.cidr, "0.0.0.0/0", policy.name);
                    assert.notEqual(block.cidr, "::/0", policy.name);
                    assert.equal(block.except, undefined, policy.name);
                }
            }
        });

        test("the layer creates no LoadBalancer or NodePort Service (and no Service at all by default)", () => {
            const services = ofType(plan, "kubernetes:core/v1:Service");
            assert.deepEqual(services.map((s) => s.name), []);
        });

        test("no binding grants cluster-admin or reaches anonymous, unauthenticated or all authenticated users", () => {
            assert.deepEqual(ofType(plan, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"), []);
            const bindings = ofType(plan, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding");
            assert.equal(bindings.length, 1);
            for (const b of bindings) {
                const roleRef = b.inputs.roleRef as Obj;
                assert.equal(roleRef.kind, "Role");
                assert.ok(!FORBIDDEN_ROLE_REFS.includes(roleRef.name as string));
                for (const s of b.inputs.subjects as Obj[]) {
                    assert.ok(!FORBIDDEN_SUBJECTS.includes(s.name as string), s.name as string);
                    assert.ok(!(s.name as string).startsWith("system:"), s.name as string);
                }
            }
            assert.deepEqual((bindings[0].inputs.subjects as Obj[]).map((s) => s.name), [VIEWER_GROUP]);
        });

        test("no Role or ClusterRole uses a wildcard or grants Secrets or exec", () => {
            assert.deepEqual(ofType(plan, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"), []);
            const roles = ofType(plan, "kubernetes:rbac.authorization.k8s.io/v1:Role");
            assert.ok(roles.length > 0);
            for (const role of roles) {
                for (const rule of role.inputs.rules as Obj[]) {
                    for (const key of ["apiGroups", "resources", "verbs"]) {
                        assert.ok((rule[key] as string[]).every((v) => !v.includes("*")), `${role.name} ${key}`);
                    }
                    assert.deepEqual((rule.verbs as string[]).filter((v) => !["get", "list", "watch"].includes(v)), []);
                    assert.ok(!(rule.resources as string[]).some((r) => r === "secrets" || r === "pods/exec"));
                }
            }
        });

        test("exactly one Kubernetes provider exists and it is the layer's explicit one", () => {
            const providers = ofType(plan, "pulumi:providers:kubernetes");
            assert.equal(providers.length, 1);
            assert.equal(providers[0].name, "k8s-provider");
            assert.notEqual(providers[0].synthesized, true);
            assert.ok(!providers[0].name.startsWith("default"));
        });

        test("every Kubernetes resource uses the explicit provider, never a default one", () => {
            const [provider] = ofType(plan, "pulumi:providers:kubernetes");
            const k8sResources = plan.resources.filter((r) => r.type.startsWith("kubernetes:"));
            assert.ok(k8sResources.length >= 20);
            for (const r of k8sResources) {
                assert.ok(r.provider.startsWith(`${provider.urn}::`), `${r.type} ${r.name} uses ${r.provider}`);
            }
        });

        test("the provider, and so every Kubernetes resource, waits for what the layer was told to depend on", () => {
            const [provider] = ofType(plan, "pulumi:providers:kubernetes");
            const role = one(plan, "aws:iam/role:Role", "telemetry-reader-role");
            assert.ok(provider.dependencies.includes(role.urn));
        });

        test("the provider is pinned to the generated kubeconfig and cannot fall back to ambient settings", () => {
            const [provider] = ofType(plan, "pulumi:providers:kubernetes");
            const inputs = provider.inputs;
            assert.ok(isSecret(inputs.kubeconfig), "kubeconfig (it holds the token) is a secret");
            assert.equal(inputs.context, CLUSTER_NAME);
            assert.equal(inputs.cluster, CLUSTER_NAME);
            assert.equal(inputs.clusterIdentifier, CLUSTER_NAME);
            assert.equal(inputs.enableServerSideApply, "true");
            for (const key of ["deleteUnreachable", "skipUpdateUnreachable", "enablePatchForce", "upsertExistingObjects"]) {
                assert.equal(inputs[key], "false", key);
            }
            assert.equal(inputs.renderYamlToDirectory, undefined);
            const kubeconfig = JSON.parse((inputs.kubeconfig as { value: string }).value) as Obj;
            assert.equal(kubeconfig["current-context"], CLUSTER_NAME);
            assert.deepEqual(kubeconfig.clusters, [{ name: CLUSTER_NAME, cluster: { "certificate-authority-data": CA_DATA, server: ENDPOINT } }]);
            const [user] = kubeconfig.users as Obj[];
            assert.deepEqual(Object.keys(user.user as Obj), ["token"], "a static token, no exec plugin reading the local AWS profile");
            assert.match((user.user as Obj).token as string, /^k8s-aws-v1\./);
        });
    });

    describe(`kubernetes layer, skip mode (${mode})`, () => {
        let plan: ProgramRun;
        before(async () => {
            plan = await runTest({ program: PROGRAM, mode, config: { "hardened-stack:kubernetes": { mode: "skip" } } });
        });

        test("skip mode creates no Kubernetes resource and no Kubernetes provider", () => {
            const k8s = plan.resources.filter((r) => r.type.startsWith("kubernetes:") || r.type === "pulumi:providers:kubernetes");
            assert.deepEqual(k8s.map((r) => r.urn), []);
            assert.deepEqual(plan.resources.filter((r) => r.parent.includes("hardened:index:KubernetesLayer")).map((r) => r.urn), []);
        });

        test("skip mode still deploys the AWS side (the reader's IRSA role)", () => {
            assert.equal(ofType(plan, "aws:iam/role:Role").length, 1);
            assert.equal(ofType(plan, "hardened:index:KubernetesLayer").length, 1);
        });
    });
}

describe("an internal load balancer asked for by name", () => {
    for (const mode of ["preview", "up"] as const) {
        test(`is the only LoadBalancer Service, internal for both controllers and limited to the VPC (${mode})`, async () => {
            const plan = await runTest({ program: PROGRAM, mode, config: { ...DEPLOY, "k8s-test:internalService": true } });
            const services = ofType(plan, "kubernetes:core/v1:Service");
            assert.equal(services.length, 1);
            const spec = services[0].inputs.spec as Obj;
            assert.equal(spec.type, "LoadBalancer");
            assert.deepEqual(spec.loadBalancerSourceRanges, [VPC_CIDR]);
            assert.equal(spec.externalIPs, undefined);
            assert.ok((spec.ports as Obj[]).every((p) => p.nodePort === undefined));
            assert.deepEqual(meta(services[0]).annotations, {
                "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
                "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
                "service.beta.kubernetes.io/aws-load-balancer-name": "metrics-internal",
            });
            const quota = inNamespace(plan, "kubernetes:core/v1:ResourceQuota", "metrics")[0];
            assert.equal(((quota.inputs.spec as Obj).hard as Obj)["services.loadbalancers"], "1");
            assert.equal(((quota.inputs.spec as Obj).hard as Obj)["services.nodeports"], "0");
        });
    }
});

describe("settings the layer refuses before creating anything", () => {
    // One case per path from config to validator (mode, workload namespaces, the reader's settings, the namespace
    // component); each validator's full list of refusals is tested without the engine (telemetry-reader.test.ts,
    // pod-security.test.ts), so the program is not run once per value. The cases share one program run
    // (tests/programs/lib/probe.ts): the program builds everything once per case, from the same settings its config
    // keys give, and reports what each build threw. That a throwing program fails the run is the engine's, tested in
    // tests/engine/engine.test.ts.
    const cases: Array<{ what: string; settings: Obj; message: RegExp }> = [
        { what: "an unknown mode", settings: { kubernetes: { mode: "skipp" } }, message: /invalid hardened-stack:kubernetes\.mode: "skipp"/ },
        { what: "a kube-system workload namespace", settings: { kubernetes: { mode: "deploy", workloadNamespaces: ["kube-system"] } },
            message: /invalid KubernetesLayer\.workloadNamespaces\[0\]: "kube-system"/ },
        { what: "a tagged image", settings: { kubernetes: { mode: "deploy" }, reader: { image: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/telemetry/reader:latest" } },
            message: /invalid KubernetesLayer\.telemetryReader\.image: .* pinned by digest/ },
        { what: "a public registry image, even in skip mode", settings: { kubernetes: { mode: "skip" }, reader: { image: `docker.io/library/busybox@sha256:${"a".repeat(64)}` } },
            message: /invalid KubernetesLayer\.telemetryReader\.image: .* private ECR registry/ },
        { what: "a namespace component without an explicit provider", settings: { kubernetes: { mode: "deploy" }, orphanNamespace: true },
            message: /invalid LockedNamespace provider: \(unset\) — an explicit Kubernetes provider is required/ },
    ];
    const probe = rejections(PROGRAM, "k8sLayer", cases.map((c) => c.settings));
    cases.forEach((c, i) => {
        test(`refuses ${c.what}`, async () => {
            assert.match(await probe(i), c.message);
        });
    });
});

import { stackPolicy } from "../../lib/policy";
import { configWithDefaults, stringList } from "../../lib/config";
import { eksBestPractices } from "../../lib/frameworks";
import { pathModel } from "../../lib/path-model";
import { undesignatedReaders } from "../../lib/path-questions";
import { deferOn, reportAnswer } from "../../lib/path-report";
import {
    DEFAULT_DESIGNATED_READERS, DEFAULT_SENSITIVE_BUCKETS, DESIGNATED_READERS_SCHEMA, SENSITIVE_BUCKETS_SCHEMA, designatedReaders, isSensitive, sensitivityUnknown,
} from "../../lib/sensitive-data";

/**
 * The Tesla attackers read telemetry with credentials found in the cluster. Whatever door a pod uses to get AWS
 * credentials (IRSA under any trust statement, EKS Pod Identity, the node role through IMDS), only the designated
 * service accounts may end up reading a sensitive bucket: judged on what the identity, bucket and endpoint policies
 * allow together (docs/path-model.md), not on how any one of them looks.
 */
export const disallowUndesignatedSensitiveDataReaders = stackPolicy({
    name: "disallow-undesignated-sensitive-data-readers",
    description: "No pod other than the designated service accounts can obtain AWS credentials that read a sensitive bucket (IRSA, Pod Identity or the node role, with identity, bucket and endpoint policies evaluated together).",
    step: "s3",
    severity: "critical",
    remediationSteps: "Give read access to a sensitive bucket only to the IRSA role of its designated reader (IrsaRole pinned to one service account, grants built with the bucket's grantRead), never to a node role, a role trusted by a wildcard or second trust statement, or a Pod Identity association of another service account. To designate another reader, add it to designatedReaders or to the bucket's hardened-stack/readers tag.",
    url: "https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_scope_the_iam_role_trust_policy_for_irsa_roles_to_the_service_account_name_namespace_and_cluster",
    framework: eksBestPractices("iam", "Scope the IAM Role trust policy for IRSA Roles to the service account name, namespace, and cluster; Restrict access to the instance profile assigned to the worker node"),
    references: ["EKS-BP iam: Scope the IAM Role trust policy for IRSA Roles", "EKS-BP iam: Restrict access to the instance profile assigned to the worker node", "CIS EKS 5.2.1", "docs/path-model.md"],
    configSchema: { properties: { ...SENSITIVE_BUCKETS_SCHEMA, ...DESIGNATED_READERS_SCHEMA } },
    check: (c) => {
        const config = configWithDefaults(c.args.getConfig(), { sensitiveBuckets: DEFAULT_SENSITIVE_BUCKETS, designatedReaders: DEFAULT_DESIGNATED_READERS });
        const patterns = stringList(config.sensitiveBuckets);
        const readers = stringList(config.designatedReaders);
        const model = pathModel(c.args.resources);
        const answer = undesignatedReaders(model, (b) => isSensitive(b, patterns), (b) => designatedReaders(b, readers));
        for (const b of sensitivityUnknown(model.buckets, patterns)) deferOn(c, b.urn, "tags");
        reportAnswer(c, answer, "Only the designated readers' IRSA roles may read a sensitive bucket: remove the grant, or pin the role's trust to the designated service account");
    },
});

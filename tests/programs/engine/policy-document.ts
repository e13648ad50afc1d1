// An admin role policy built with aws.iam.getPolicyDocumentOutput: the AWS provider computes the document locally
// in a real preview, so the pack sees `Action: "*"` there, and must see it offline too.
import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("ops", {
    name: "ops",
    assumeRolePolicy: aws.iam.getPolicyDocumentOutput({
        statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] }],
    }).json,
});
new aws.iam.RolePolicy("ops-admin", {
    role: role.name,
    policy: aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ["*"], resources: ["*"] }] }).json,
});

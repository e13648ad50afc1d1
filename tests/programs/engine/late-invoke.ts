// A role policy whose document comes from an invoke the engine cannot answer, after the program's last await: the
// registration fails once the program body has returned. It must fail the run, never vanish from it.
import * as aws from "@pulumi/aws";

const role = new aws.iam.Role("late", { name: "late-role", assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });
new aws.iam.RolePolicy("late-admin", {
    role: role.name,
    policy: aws.ec2.getAmiOutput({ owners: ["amazon"], mostRecent: true }).id.apply(() => JSON.stringify({
        Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    })),
});

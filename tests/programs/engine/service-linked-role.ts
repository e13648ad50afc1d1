// The reference program's fresh-account decision on its own: look up EC2 Auto Scaling's service-linked role and
// declare it only when this stack has to (infra/cluster/service-linked-role.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AUTOSCALING_SERVICE, OWNER_TAG, lookupAutoScalingServiceLinkedRole } from "../../../infra/cluster/service-linked-role";

export = async () => {
    const owner = `${pulumi.getProject()}/${pulumi.getStack()}`;
    const mode = await lookupAutoScalingServiceLinkedRole(owner);
    if (mode === "create") {
        new aws.iam.ServiceLinkedRole("autoscaling-role", { awsServiceName: AUTOSCALING_SERVICE, tags: { [OWNER_TAG]: owner } }, { retainOnDelete: true });
    }
    return { mode };
};

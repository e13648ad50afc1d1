/**
 * EC2 Auto Scaling's service-linked role (AWSServiceRoleForAutoScaling) in a fresh account. EKS managed node groups
 * run on an Auto Scaling group, which launches the nodes as this role; the node-volume key is granted to it. IAM
 * creates the role with the account's first Auto Scaling group, but the grant must exist before that group's first
 * launch, and KMS refuses a grant to a principal that does not exist. So the program looks the role up and creates it
 * when it is missing (EC2 Auto Scaling guide, "Service-linked roles for Amazon EC2 Auto Scaling").
 */
import * as aws from "@pulumi/aws";
import { enumValue } from "../lib/validation";

/** Whether the stack creates a service-linked role (a const object and a type of one name: a named schema enum). */
export const ServiceLinkedRoleMode = {
    /** The account has none yet: the stack creates it. */
    Create: "create",
    /** The account already has it. */
    Existing: "existing",
} as const;
export type ServiceLinkedRoleMode = (typeof ServiceLinkedRoleMode)[keyof typeof ServiceLinkedRoleMode];

export const AUTOSCALING_SERVICE = "autoscaling.amazonaws.com";
export const AUTOSCALING_SERVICE_LINKED_ROLE = "AWSServiceRoleForAutoScaling";
/** IAM path of every service-linked role of the service: `/aws-service-role/<service>/`. */
export const AUTOSCALING_ROLE_PATH = `/aws-service-role/${AUTOSCALING_SERVICE}/`;
/** Tag that marks the role as created by a stack of this project, naming it (`<project>/<stack>`). */
export const OWNER_TAG = "hardened-stack:created-by";

export function validateServiceLinkedRoleMode(value: unknown, setting: string): ServiceLinkedRoleMode {
    return enumValue(ServiceLinkedRoleMode, value, setting);
}

/**
 * Pure: whether this stack declares the role. Not there: create it. There and tagged as created by this very stack:
 * keep declaring it (otherwise the next update would delete it from state). There otherwise: leave it alone.
 */
export function serviceLinkedRoleMode(existingRoleNames: readonly string[], ownerTag: string | undefined, owner: string): ServiceLinkedRoleMode {
    if (!existingRoleNames.includes(AUTOSCALING_SERVICE_LINKED_ROLE)) return "create";
    return ownerTag === owner ? "create" : "existing";
}

/** Reads the account (two IAM reads, which run in a preview too) and decides with serviceLinkedRoleMode. */
export async function lookupAutoScalingServiceLinkedRole(owner: string): Promise<ServiceLinkedRoleMode> {
    const roles = await aws.iam.getRoles({ pathPrefix: AUTOSCALING_ROLE_PATH });
    if (!roles.names.includes(AUTOSCALING_SERVICE_LINKED_ROLE)) return "create";
    const role = await aws.iam.getRole({ name: AUTOSCALING_SERVICE_LINKED_ROLE });
    return serviceLinkedRoleMode(roles.names, role.tags?.[OWNER_TAG], owner);
}

import type { Policies } from "@pulumi/policy";
import { awsPolicies } from "./policies/aws";
import { kubernetesPolicies } from "./policies/kubernetes";

/** Every policy of the pack. Never import @pulumi/aws or @pulumi/kubernetes here: the pack must start fast. */
export const policies: Policies = [...awsPolicies, ...kubernetesPolicies];

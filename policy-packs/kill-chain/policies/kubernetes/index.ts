import type { Policies } from "@pulumi/policy";

export const kubernetesPolicies: Policies = [];

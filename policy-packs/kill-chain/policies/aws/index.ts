import type { Policies } from "@pulumi/policy";

export const awsPolicies: Policies = [];

import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("hardened-kill-chain", {
    description: "Blocks every misconfiguration of the 2018 Tesla cryptojacking kill chain in any Pulumi program.",
    enforcementLevel: "mandatory",
    policies,
});

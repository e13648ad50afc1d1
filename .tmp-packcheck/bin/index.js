"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const policy_1 = require("@pulumi/policy");
const policies_1 = require("./policies");
new policy_1.PolicyPack("hardened-kill-chain", {
    description: "Blocks every misconfiguration of the 2018 Tesla cryptojacking kill chain in any Pulumi program.",
    enforcementLevel: "mandatory",
    policies: policies_1.policies,
});
//# sourceMappingURL=index.js.map
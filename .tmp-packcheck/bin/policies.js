"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.policies = void 0;
const aws_1 = require("./policies/aws");
const kubernetes_1 = require("./policies/kubernetes");
/** Every policy of the pack. Never import @pulumi/aws or @pulumi/kubernetes here: the pack must start fast. */
exports.policies = [...aws_1.awsPolicies, ...kubernetes_1.kubernetesPolicies];
//# sourceMappingURL=policies.js.map
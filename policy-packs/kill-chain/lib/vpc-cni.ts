/** The Amazon VPC CNI add-on's own NetworkPolicy enforcement switch. Pure. */
import { asBool, isObject } from "./plain";

/** Whether the vpc-cni add-on's configurationValues turn NetworkPolicy enforcement on (`enableNetworkPolicy: "true"`). */
export function enforcesNetworkPolicy(configurationValues: unknown): boolean {
    if (typeof configurationValues !== "string") return false;
    try {
        const v: unknown = JSON.parse(configurationValues);
        return isObject(v) && asBool(v.enableNetworkPolicy) === true;
    } catch {
        return false;
    }
}

export { HardenedVpc, resolveHardenedVpcSettings } from "./vpc";
export type { HardenedVpcArgs, HardenedVpcSettings } from "./vpc";
export * from "./validate";
export { INTERFACE_ENDPOINTS } from "./endpoints";
export type { InterfaceEndpointSpec } from "./endpoints";
export { networkLogGroupNames } from "./flow-logs";

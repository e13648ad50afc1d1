export * from "./policy";
export * from "./grants";
export * from "./irsa-role";
export * from "./oidc-provider";

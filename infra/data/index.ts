export * from "./account-public-access";
export * from "./bucket-baseline";
export * from "./bucket-policy";
export * from "./lifecycle";
export * from "./log-bucket";
export * from "./private-bucket";
export * from "./validators";

export * from "./audit-trail";
export * from "./finding-alerts";
export * from "./findings";
export * from "./guardduty";
export * from "./threat-detection";
export * from "./trail-policies";
export * from "./validators";

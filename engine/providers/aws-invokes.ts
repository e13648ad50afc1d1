import { OFFLINE_ACCOUNT_ID } from "../constants";
import { hex, Props } from "./aws-outputs";
import { policyDocument } from "./aws-policy-document";

export interface InvokeContext {
    /** Region of the provider the invoke goes to (its `region` input, else `aws:region` from config). */
    region: string;
    partition: string;
    accountId: string;
}

export class UnsupportedInvokeError extends Error {}

/**
 * The invokes the offline engine answers. Anything else fails the run: a program that starts depending on a new
 * data source must be taught here, never pass silently with an empty answer.
 */
export function answerInvoke(token: string, args: Props, ctx: InvokeContext): Props {
    const { region, partition, accountId } = ctx;
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId, arn: `arn:${partition}:sts::${accountId}:assumed-role/offline-deployer/hardened-stack`, userId: `AROA${hex(accountId, 17).toUpperCase()}:hardened-stack`, id: accountId };
        case "aws:index/getRegion:getRegion":
            return { name: region, region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
        case "aws:index/getPartition:getPartition":
            return { partition, dnsSuffix: partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com", reverseDnsPrefix: partition === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws", id: partition };
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
            const names = ["a", "b", "c", "d"].map((s) => `${region}${s}`);
            return { names, zoneIds: names.map((_, i) => `${region.split("-").map((x) => x[0]).join("")}${region.slice(-1)}-az${i + 1}`), groupNames: [region], id: region, state: args.state ?? "available" };
        }
        case "aws:ec2/getManagedPrefixList:getManagedPrefixList": {
            const name = typeof args.name === "string" ? args.name : "";
            const m = /^com\.amazonaws\.([a-z0-9-]+)\.(s3|dynamodb)$/.exec(name);
            if (!m) throw new UnsupportedInvokeError(`aws.ec2.getManagedPrefixList: the offline engine knows only com.amazonaws.<region>.s3|dynamodb, not ${JSON.stringify(name)}`);
            const id = `pl-${hex(name, 8)}`;
            return { id, name, arn: `arn:${partition}:ec2:${m[1]}:aws:prefix-list/${id}`, addressFamily: "IPv4", maxEntries: 0, ownerId: "AWS", entries: [], version: 1, tags: {} };
        }
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return policyDocument(args);
        case "aws:eks/getClusterAuth:getClusterAuth": {
            const name = typeof args.name === "string" ? args.name : "cluster";
            // A real token is a presigned STS GetCallerIdentity URL; this one only has the same shape.
            return { id: name, name, token: `k8s-aws-v1.${Buffer.from(`offline-token-for-${name}`).toString("base64url")}` };
        }
    }
    throw new UnsupportedInvokeError(`the offline engine does not implement the invoke ${token}; add it to engine/providers/aws-invokes.ts`);
}

export const OFFLINE_DEFAULTS = { accountId: OFFLINE_ACCOUNT_ID };

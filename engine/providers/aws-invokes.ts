import { OFFLINE_ACCOUNT_ID } from "../constants";
import { hex, Props } from "./aws-outputs";
import { policyDocument } from "./aws-policy-document";

export interface InvokeContext {
    /** Region of the provider the invoke goes to (its `region` input, else `aws:region` from config). */
    region: string;
    partition: string;
    accountId: string;
    /**
     * IAM roles of the offline account: the offline account is a fresh account, holding only what the previous
     * deployment (`--state`) created. @default - none
     */
    roles?: readonly AccountRole[];
    /** Notes where an answer may differ from the real account's (listed, not failing: `strict` false). */
    note?: (key: string, what: string) => void;
}

export interface AccountRole {
    name: string;
    arn: string;
    path: string;
    tags: Record<string, string>;
}

/** Service-linked role paths whose contents a fresh account is known to have empty (none created before any use). */
const FRESH_ACCOUNT_EMPTY_PATHS = ["/aws-service-role/autoscaling.amazonaws.com/"];

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
        case "aws:ec2/getManagedPrefixList:getManagedPrefixList":
            // An AWS-managed list's id and entries differ per region and are not in this project (a made-up id or an
            // empty entry list would be answers AWS never gives): refused, naming where the id can come from instead.
            throw new UnsupportedInvokeError(`aws.ec2.getManagedPrefixList: the offline engine cannot know the id and entries of ${JSON.stringify(args.name ?? args.id ?? "")} `
                + "(AWS-managed, per region); for S3 or DynamoDB take the gateway VPC endpoint's prefixListId, or run the real `pulumi preview`");
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return policyDocument(args);
        case "aws:iam/getRoles:getRoles": {
            // Answered only where a fresh account's answer is known: the roles the state created, under a service-linked
            // path no fresh account has anything under (terraform-provider-aws data source aws_iam_roles: ListRoles
            // with PathPrefix, then the optional name regex).
            const prefix = args.pathPrefix;
            if (typeof prefix !== "string" || !FRESH_ACCOUNT_EMPTY_PATHS.includes(prefix) || args.nameRegex !== undefined) {
                throw new UnsupportedInvokeError(`aws.iam.getRoles: the offline engine knows the roles of a fresh account only under ${FRESH_ACCOUNT_EMPTY_PATHS.join(", ")} (no nameRegex), not ${JSON.stringify({ pathPrefix: prefix, nameRegex: args.nameRegex })}`);
            }
            const found = (ctx.roles ?? []).filter((r) => r.path.startsWith(prefix));
            ctx.note?.("fresh-account", "the offline account is a fresh account: aws.iam.getRoles finds only roles the previous deployment (--state) created; a real account may already hold them (AWSServiceRoleForAutoScaling exists once any Auto Scaling group has), and the program then declares one resource fewer");
            return { id: region, pathPrefix: prefix, names: found.map((r) => r.name), arns: found.map((r) => r.arn) };
        }
        case "aws:iam/getRole:getRole": {
            const role = (ctx.roles ?? []).find((r) => r.name === args.name);
            // The data source fails on NoSuchEntity; so does this.
            if (!role) throw new Error(`reading IAM Role (${String(args.name)}): couldn't find resource`);
            return { id: role.name, name: role.name, arn: role.arn, path: role.path, tags: role.tags, assumeRolePolicy: "", createDate: "", description: "", maxSessionDuration: 3600, permissionsBoundary: "", roleLastUseds: [], uniqueId: `AROA${hex(role.arn, 17).toUpperCase()}` };
        }
        case "aws:guardduty/getDetector:getDetector":
            // An existing detector is a fact of the real account that no state file holds: never invent its features.
            throw new UnsupportedInvokeError(`aws.guardduty.getDetector reads GuardDuty detector ${JSON.stringify(args.id)} of your account (detection.guardDuty "existing"), which the offline engine does not have; verify it with a real \`pulumi preview\`, or check offline with guardDuty "create"`);
        case "aws:eks/getClusterAuth:getClusterAuth": {
            const name = typeof args.name === "string" ? args.name : "cluster";
            // A real token is a presigned STS GetCallerIdentity URL; this one only has the same shape.
            return { id: name, name, token: `k8s-aws-v1.${Buffer.from(`offline-token-for-${name}`).toString("base64url")}` };
        }
    }
    throw new UnsupportedInvokeError(`the offline engine does not implement the invoke ${token}; add it to engine/providers/aws-invokes.ts`);
}

export const OFFLINE_DEFAULTS = { accountId: OFFLINE_ACCOUNT_ID };

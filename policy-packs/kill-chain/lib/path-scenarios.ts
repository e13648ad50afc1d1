/**
 * The request scenarios of the path model: what the condition keys of a request hold when it comes from a pod
 * through the VPC's S3 endpoint, or from outside the perimeter (anyone on the internet, another account, this
 * account's credentials used elsewhere, an AWS service acting for a public front such as CloudFront). Keys a
 * scenario does not list are free (lib/iam-conditions.ts).
 *
 * Inside the VPC, which endpoint or VPC a request comes from (`aws:SourceVpce`, `aws:SourceVpc`) is left free: a pod
 * is inside whatever perimeter the stack draws, so conditions on them are resolved in its favour.
 */
import type { RequestContext } from "./iam-conditions";

/** An account that is not the stack's, for the "another account" scenario. */
export const OTHER_ACCOUNT = "999988887777";
/** An address on the internet (documentation range); `sourceIpAnywhere` lets the caller stand anywhere a condition needs. */
const INTERNET_IP = "203.0.113.10";

const COMMON = { "aws:securetransport": ["true"], "s3:tlsversion": ["1.3"] };
const PERIMETER_KEYS = ["aws:sourcevpce", "aws:sourcevpc", "aws:vpceaccount", "aws:vpceorgid", "aws:vpceorgpaths", "aws:vpcsourceip"];

/** Keys with a value present; those whose value is not known yet listed as unknown. */
function split(keys: Record<string, string | undefined>): { present: Record<string, string[]>; unknown: string[] } {
    const present: Record<string, string[]> = {};
    const unknown: string[] = [];
    for (const [k, v] of Object.entries(keys)) {
        if (v === undefined) unknown.push(k);
        else present[k] = [v];
    }
    return { present, unknown };
}

/** A pod (a role it obtained) calling S3; `throughEndpoint` when the VPC has an S3 endpoint its requests use. */
export function podContext(account: string | undefined, roleArn: string | undefined, throughEndpoint: boolean): RequestContext {
    const k = split({
        "aws:principalaccount": account, "aws:principalarn": roleArn, "aws:resourceaccount": account,
        ...(throughEndpoint ? { "aws:vpceaccount": account } : {}),
    });
    return {
        present: { ...COMMON, ...k.present, "aws:principalisawsservice": ["false"], "aws:principaltype": ["AssumedRole"] },
        absent: ["aws:principalservicename", ...(throughEndpoint ? ["aws:sourceip"] : PERIMETER_KEYS)],
        unknown: k.unknown,
    };
}

export type OutsideCaller =
    | { kind: "anonymous" }
    | { kind: "aws"; account: string | undefined; arn: string | undefined }
    | { kind: "service"; service: string };

/** A request from outside the VPC endpoints: from the internet, in its own name or as an AWS service. */
export function outsideContext(resourceAccount: string | undefined, caller: OutsideCaller): RequestContext {
    const base = { ...COMMON, "aws:sourceip": [INTERNET_IP] };
    const absent = [...PERIMETER_KEYS];
    const unknown: string[] = [];
    if (resourceAccount === undefined) unknown.push("aws:resourceaccount");
    const present: Record<string, string[]> = { ...base, ...(resourceAccount ? { "aws:resourceaccount": [resourceAccount] } : {}) };
    if (caller.kind === "anonymous") {
        present["aws:principalisawsservice"] = ["false"];
        present["aws:principaltype"] = ["Anonymous"];
        absent.push("aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:userid", "aws:principalservicename");
    } else if (caller.kind === "service") {
        present["aws:principalisawsservice"] = ["true"];
        present["aws:principalservicename"] = [caller.service];
        absent.push("aws:principalaccount", "aws:principalarn", "aws:userid");
    } else {
        present["aws:principalisawsservice"] = ["false"];
        present["aws:principaltype"] = ["AssumedRole"];
        absent.push("aws:principalservicename");
        if (caller.account === undefined) unknown.push("aws:principalaccount");
        else present["aws:principalaccount"] = [caller.account];
        if (caller.arn === undefined) unknown.push("aws:principalarn");
        else present["aws:principalarn"] = [caller.arn];
    }
    return { present, absent, unknown, sourceIpAnywhere: true };
}

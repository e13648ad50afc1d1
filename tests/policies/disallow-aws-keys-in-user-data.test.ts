import { gzipSync } from "node:zlib";
import { describe, test } from "node:test";
import { disallowAwsKeysInUserData as policy } from "../../policy-packs/kill-chain/policies/aws/disallow-aws-keys-in-user-data";
import { UNKNOWN, assertClean, assertDeferred, assertFails, edit, one, res } from "./aws-helpers";

// AWS's documented example key, assembled so no scanner mistakes this file for a leak.
const KEY_ID = ["AKIA", "IOSFODNN7", "EXAMPLE"].join("");
const SECRET = ["wJalrXUtnFEMI", "K7MDENG", "bPxRfiCYEXAMPLEKEY"].join("/");
const bootstrap = "#!/bin/bash\n/etc/eks/bootstrap.sh dev --kubelet-extra-args '--node-labels=role=worker'\n";
const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");
const template = res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { userData: b64(bootstrap) });
const instance = res("aws:ec2/instance:Instance", "vm", { ami: "ami-1", userData: bootstrap });
const lc = res("aws:ec2/launchConfiguration:LaunchConfiguration", "lc", { imageId: "ami-1", instanceType: "t3.micro", userDataBase64: b64(bootstrap) });

describe("disallow-aws-keys-in-user-data: no AWS keys readable from instance metadata", () => {
    for (const r of [template, instance, lc]) test(`${r.type} baseline passes`, async () => assertClean(await one(policy, r)));
    test("a template without user data passes", async () => assertClean(await one(policy, edit(template, { userData: undefined }))));

    test("a plain access key id in instance userData fails", async () =>
        assertFails(await one(policy, edit(instance, { userData: `${bootstrap}export AWS_ACCESS_KEY_ID=${KEY_ID}\n` })), [instance], "userData contains access key id AKIAIOSF"));
    test("a secret access key in instance userData fails", async () =>
        assertFails(await one(policy, edit(instance, { userData: `aws_secret_access_key = ${SECRET}\n` })), [instance], "userData contains a secret access key"));
    test("a key in base64 launch template userData fails", async () =>
        assertFails(await one(policy, edit(template, { userData: b64(`${bootstrap}AWS_ACCESS_KEY_ID=${KEY_ID}`) })), [template], "(base64-encoded)"));
    test("a key in gzip+base64 user data fails", async () =>
        assertFails(await one(policy, edit(template, { userData: b64(gzipSync(`${bootstrap}AWS_ACCESS_KEY_ID=${KEY_ID}`)) })), [template], "userData contains access key id"));
    test("a key in a base64 MIME part inside plain user data fails", async () => {
        const mime = `Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Transfer-Encoding: base64\n\n${b64(`export AWS_ACCESS_KEY_ID=${KEY_ID}\n`)}\n--b--\n`;
        assertFails(await one(policy, edit(instance, { userData: mime })), [instance], "base64-encoded");
    });
    test("a temporary (ASIA) key in userDataBase64 fails", async () =>
        assertFails(await one(policy, edit(lc, { userDataBase64: b64(`ASIA${KEY_ID.slice(4)}`) })), [lc], "userDataBase64 contains access key id ASIA"));

    test("unknown userData next to a key in userDataBase64 still fails", async () =>
        assertFails(await one(policy, edit(lc, { userData: UNKNOWN, userDataBase64: b64(KEY_ID) })), [lc], "userDataBase64"));
    test("unknown userData alone defers, naming the path", async () =>
        assertDeferred(await one(policy, edit(template, { userData: UNKNOWN })), template, "userData"));
});

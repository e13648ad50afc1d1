// pulumi-policy tests/integration/deserialize: a resource whose inputs are a secret, assets and an archive. Upstream's
// archives are a folder and a map of assets, whose hashes the offline engine cannot compute (folder-archives.ts);
// the archive here is an archive file.
import * as pulumi from "@pulumi/pulumi";
import { Echo } from "../lib/echo";

new Echo("bundle", {
    secret: pulumi.secret("open sesame"),
    fileAsset: new pulumi.asset.FileAsset("program.ts"),
    stringAsset: new pulumi.asset.StringAsset("plain text"),
    fileArchive: new pulumi.asset.FileArchive("notes.zip"),
});

// The archives of pulumi-policy's deserialize program: a folder, and a map of assets. The engine hashes each by
// writing it as a tar stream (archive.go EnsureHashWithWD), which the offline engine does not reproduce.
import * as pulumi from "@pulumi/pulumi";
import { Echo } from "../lib/echo";

new Echo("bundle", {
    fileArchive: new pulumi.asset.FileArchive("."),
    assetArchive: new pulumi.asset.AssetArchive({
        file: new pulumi.asset.FileAsset("program.ts"),
        text: new pulumi.asset.StringAsset("plain text"),
    }),
});

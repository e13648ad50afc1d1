// pulumi-policy tests/integration/resource_options: resources with each resource option policies are sent.
import * as random from "@pulumi/random";
import { Echo } from "../lib/echo";

new Echo("plain");
new random.RandomUuid("request-id");
new Echo("guarded", {}, { protect: true });
new Echo("drifting", {}, { ignoreChanges: ["colour", "size"] });
new Echo("dbr-unset");
new Echo("dbr-true", {}, { deleteBeforeReplace: true });
new Echo("dbr-false", {}, { deleteBeforeReplace: false });
new Echo("renamed", {}, { aliases: [{ name: "former-name" }] });
new Echo("slow", {}, { customTimeouts: { create: "1m30s", update: "2h", delete: "45s" } });
new Echo("slow-create", {}, { customTimeouts: { create: "10m" } });
new Echo("slow-update", {}, { customTimeouts: { update: "1.5m" } });
new Echo("slow-delete", {}, { customTimeouts: { delete: "7m" } });
new Echo("sealed", {}, { additionalSecretOutputs: ["colour"] });
const container = new Echo("container");
new Echo("contained", {}, { parent: container });

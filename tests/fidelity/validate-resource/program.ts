// pulumi-policy tests/integration/validate_resource: each upstream step registers one resource; the `steps` config
// lists the steps whose resources this run registers.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Echo } from "../lib/echo";

const steps = new Set(new pulumi.Config().requireObject<number[]>("steps"));

// Step 1 registers nothing.
if (steps.has(2)) new Echo("plain", { tier: "wood" });
if (steps.has(3)) new Echo("gold-item", { tier: "gold" });
if (steps.has(4)) new Echo("silver-item", { tier: "silver" });
if (steps.has(5)) new Echo("bronze-item", { tier: "bronze" });
if (steps.has(6)) new Echo("copper-item", { tier: "copper" });
if (steps.has(7)) new random.RandomUuid("bare-uuid");
if (steps.has(8)) new random.RandomUuid("kept-uuid", { keepers: { build: "1042" } });
if (steps.has(9)) new Echo("tin-item", { tier: "tin" });
if (steps.has(10)) new random.RandomPassword("admin-password", { length: 40 });
// Above gRPC's default 4 MiB message limit (pulumi/pulumi#4155).
if (steps.has(11)) new Echo("bulky", { tier: "lead", payload: "z".repeat(5 * 1024 * 1024) });

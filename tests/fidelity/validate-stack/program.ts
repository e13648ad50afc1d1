// pulumi-policy tests/integration/validate_stack: each upstream step registers its resources; the `steps` config
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
if (steps.has(6)) new random.RandomUuid("bare-uuid");
if (steps.has(7)) new random.RandomString("token", { length: 12 });
if (steps.has(8)) new random.RandomPassword("admin-password", { length: 40 });
if (steps.has(9)) for (const die of ["a", "b", "c"]) new random.RandomInteger(`die-${die}`, { min: 1, max: 6 });
if (steps.has(10)) new Echo("flagged", { flag: "raised" });

// pulumi-policy tests/integration/parent_dependencies: a parent and its child, an explicit dependency (dependsOn),
// and an implicit one (an input computed from another resource's output).
import * as random from "@pulumi/random";
import { Echo } from "../lib/echo";

const owner = new Echo("owner");
new Echo("owned", {}, { parent: owner });

const first = new Echo("first");
new Echo("second", {}, { dependsOn: first });

const seed = new random.RandomString("seed", { length: 6, special: false });
new random.RandomPet("pet", { prefix: seed.result });

// pulumi-policy tests/integration/provider: a dynamic resource and a RandomUuid on their default providers, and a
// RandomString on an explicit provider.
import * as random from "@pulumi/random";
import { Echo } from "../lib/echo";

new Echo("bare");
new random.RandomUuid("request-id");
const explicit = new random.Provider("explicit-random");
new random.RandomString("token", { length: 10 }, { provider: explicit });

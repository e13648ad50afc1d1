// pulumi-policy tests/integration/enforcementlevel: one resource for every policy to report.
import * as random from "@pulumi/random";

new random.RandomString("word", { length: 8 });

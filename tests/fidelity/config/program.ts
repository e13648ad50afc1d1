// pulumi-policy tests/integration/config: one resource for the policies to be called on.
import * as random from "@pulumi/random";

new random.RandomString("word", { length: 8 });

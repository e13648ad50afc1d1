// pulumi-policy tests/integration/unknown_values: an input computed from another resource's output, unknown in a
// preview of the first deployment.
import * as random from "@pulumi/random";

const word = new random.RandomString("word", { length: 6, special: false });
new random.RandomPet("mascot", { prefix: word.result });

// random outputs feed other resources: in `up` they are values (secret where the provider makes them secret).
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";

const password = new random.RandomPassword("db", { length: 24, special: false });
const suffix = new random.RandomId("suffix", { byteLength: 4 });
new aws.ssm.Parameter("db-password", { type: "SecureString", value: password.result });
new aws.s3.Bucket("data", { bucket: suffix.hex.apply((h) => `data-${h}`) });

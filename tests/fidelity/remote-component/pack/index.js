// Upstream's component provider creates a RandomString `innerRandom` whose keepers are the component's nested input:
// the known key must arrive as the program gave it, and reading the unknown one must be a can't-run notice.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("fidelity-remote-component", {
    enforcementLevel: "mandatory",
    policies: [
        {
            name: "read-inner-keepers",
            description: "Reads the keepers of the component's RandomString.",
            validateResource: (args) => {
                if (args.type !== "random:index/randomString:RandomString" || args.name === "salt") return;
                if (args.props.keepers.colour !== "teal") throw new Error(`keepers.colour is ${args.props.keepers.colour}`);
                void args.props.keepers.salt.length;
            },
        },
    ],
});

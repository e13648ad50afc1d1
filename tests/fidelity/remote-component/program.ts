// pulumi-policy tests/integration/remote_component: a remote component (its provider's Construct builds it, here a
// RandomString inside) given a nested input that is unknown in a preview.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

interface GadgetArgs {
    settings?: pulumi.Input<{ keepers?: pulumi.Input<Record<string, pulumi.Input<string>>> }>;
}

class Gadget extends pulumi.ComponentResource {
    constructor(name: string, args: GadgetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("gadgets:index:Gadget", name, args, opts, true);
    }
}

const salt = new random.RandomString("salt", { length: 10 });
new Gadget("gadget", { settings: { keepers: { colour: "teal", salt: salt.id } } });

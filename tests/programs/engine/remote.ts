// A remote (multi-language) component: its provider's Construct would build it, which no offline engine can do.
import * as pulumi from "@pulumi/pulumi";

class Remote extends pulumi.ComponentResource {
    constructor(name: string) {
        super("vendor:index:Cluster", name, { size: 3 }, {}, true);
    }
}
new Remote("vendored");

// The dynamic resource the fidelity programs register, as pulumi-policy's integration programs register theirs
// (program/resource.ts): the real Node.js dynamic provider plugin checks it, and its create hands the inputs back.
import * as pulumi from "@pulumi/pulumi";

type Props = Record<string, unknown>;

class EchoProvider implements pulumi.dynamic.ResourceProvider<Props, Props> {
    async create(inputs: Props): Promise<pulumi.dynamic.CreateResult<Props>> {
        return { id: `echo-${Date.now()}`, outs: inputs };
    }
}

export class Echo extends pulumi.dynamic.Resource {
    constructor(name: string, props: pulumi.Inputs = {}, opts?: pulumi.CustomResourceOptions) {
        super(new EchoProvider(), name, props, opts);
    }
}

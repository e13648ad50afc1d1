/** Synthetic previews in the shape of the real CLI's (see ../shared/fixtures/pulumi-cli/), for size and memory tests. */
const STACK = "urn:pulumi:dev::big::pulumi:pulumi:Stack::big-dev";
const PROVIDER = "urn:pulumi:dev::big::pulumi:providers:aws::default_7_48_0::6f1c2a3e-8d7b-4f7e-9c61-2b7a1b0e5d11";

/** One security group update per resource that opens SSH to the internet, so every step is a finding. */
export function securityGroupStep(i: number, padding = 0): Record<string, unknown> {
    const urn = `urn:pulumi:dev::big::aws:ec2/securityGroup:SecurityGroup::sg-${i}`;
    const base = { vpcId: "vpc-0123456789abcdef0", description: `group ${i}`, ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }] };
    const opened = { ...base, ingress: [...base.ingress, { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], description: "x".repeat(200) }] };
    const state = (inputs: unknown, outputs?: unknown) => ({
        urn, custom: true, type: "aws:ec2/securityGroup:SecurityGroup", inputs, ...(outputs ? { outputs } : {}), parent: STACK, provider: PROVIDER,
        sourcePosition: `project:///infra/network/groups.ts#${i + 1},5`,
    });
    return {
        op: "update", urn, provider: PROVIDER,
        oldState: state(base, { ...base, id: `sg-${i}`, arn: `arn:aws:ec2:eu-west-1:111122223333:security-group/sg-${i}`, blob: "y".repeat(padding) }),
        newState: state(opened),
        diffReasons: ["ingress"], detailedDiff: { "ingress[1]": { kind: "add", inputDiff: true } },
    };
}

/** `indent` 4 as the CLI prints it; 0 for a compact document where only the step count matters (faster to read). */
export function syntheticPreview(resources: number, padding = 0, indent = 4): string {
    const steps = [{ op: "same", urn: STACK, oldState: { urn: STACK, custom: false, type: "pulumi:pulumi:Stack" }, newState: { urn: STACK, custom: false, type: "pulumi:pulumi:Stack" } }];
    for (let i = 0; i < resources; i++) steps.push(securityGroupStep(i, padding) as never);
    return JSON.stringify({ config: {}, steps, duration: 1, changeSummary: { same: 1, update: resources } }, null, indent);
}

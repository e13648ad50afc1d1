// A TypeScript dynamic resource, serialized by the SDK exactly as a real `pulumi preview` receives it. The test of the
// real Node.js dynamic provider plugin (tests/engine/dynamic-provider.test.ts) takes `__provider` from here.
import * as pulumi from "@pulumi/pulumi";

type Props = Record<string, unknown>;

// A class, not an object literal: configure() leaves state that check() reads, on the one instance the plugin
// deserializes and caches per `__provider` string (cmd/dynamic-provider/index.ts getProvider).
class WidgetProvider implements pulumi.dynamic.ResourceProvider<Props, Props> {
    private greeting = "";
    private region = "";

    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        // A key without a namespace is the project's (cmd/dynamic-provider/config.ts); other packages' keys arrive
        // too, because the dynamic provider is configured with the whole stack config.
        this.greeting = req.config.get("greeting") ?? "";
        this.region = req.config.get("aws:region") ?? "";
    }

    async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult<Props>> {
        const failures = news.size === "huge" ? [{ property: "size", reason: "size must be small or medium" }] : [];
        // tokenLength is only a number if the token arrived as a plain string, not a secret envelope.
        const tokenLength = typeof news.token === "string" ? news.token.length : null;
        return { inputs: { ...news, checked: true, greeting: this.greeting, region: this.region, tokenLength }, failures };
    }

    async create(inputs: Props): Promise<pulumi.dynamic.CreateResult<Props>> {
        return { id: "widget-1", outs: inputs };
    }
}

// dynamic.Resource is abstract: a program always declares its own subclass.
class Widget extends pulumi.dynamic.Resource {
    // The SDK gives every input an output property. Analyzers, and so the engine's record, never see `__` keys: the
    // test reads the serialized provider from this stack output instead.
    declare readonly __provider: pulumi.Output<string>;

    constructor(name: string, props: { size: pulumi.Input<string>; token: pulumi.Input<string> }) {
        super(new WidgetProvider(), name, props);
    }
}

const widget = new Widget("widget", { size: "small", token: pulumi.secret("s3cr3t") });

export const serializedProvider = widget.__provider;

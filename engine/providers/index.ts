/**
 * What the provider plugins would do, where the offline engine has to do it itself because the plugin binaries are
 * not here. Only what a verdict depends on is emulated, per package, and anything else fails closed:
 *
 * - Check (the inputs the provider hands back): today the inputs as sent; the providers' own defaults and autonames
 *   are the next issue's work.
 * - Create: in a preview the provider returns its inputs with every computed output unknown; in `up` plausible
 *   computed outputs (an ID, ARNs built from the world facts) for the packages modelled here (aws, kubernetes,
 *   random); for any other package `up` is refused rather than invented.
 * - Invoke: the data sources the programs here use, and pure functions computed as the provider computes them.
 */
import type { Mode } from "../record";
import { computedOutputs as awsOutputs, hex, WorldFacts, Props } from "./aws-outputs";
import { answerInvoke as awsInvoke } from "./aws-invokes";
import type { InvokeContext as AwsInvokeContext } from "./aws-invokes";
import { randomOutputs } from "./random";
import { decodeYaml, helmTemplateUnavailable, unrenderableOffline } from "./kubernetes";

export type { WorldFacts, Props };

export class ProviderEmulationError extends Error {}

/** Packages whose `up` outputs are modelled. */
const UP_MODELLED = new Set(["aws", "kubernetes", "random", "pulumi-nodejs"]);

/**
 * The computed outputs of a new custom resource after create: keys a preview reports as unknown, values `up` uses.
 * Throws for a package whose outputs are not modelled when `mode` is `up`.
 */
export function createOutputs(pkg: string, type: string, name: string, urn: string, inputs: Props, world: WorldFacts, mode: Mode,
    lookups: { subnetAz: (subnetId: string) => string | undefined }): Props {
    if (mode === "up" && !UP_MODELLED.has(pkg)) {
        throw new ProviderEmulationError(`the offline engine has no model of what the ${pkg} provider returns on create (${type} ${name}); run with --mode preview`);
    }
    if (pkg === "random") {
        try {
            return randomOutputs(type, name, urn, inputs);
        } catch (e) {
            if (mode === "up") throw new ProviderEmulationError((e as Error).message);
            return {};
        }
    }
    return awsOutputs(type, name, urn, inputs, world, lookups);
}

/** The ID a provider plugin resource gets: unknown in a preview (providers/registry.go UnknownID), a UUID in `up`. */
export function providerId(urn: string): string {
    return `${hex(urn, 8)}-${hex(urn + "a", 4)}-4${hex(urn + "b", 3)}-a${hex(urn + "c", 3)}-${hex(urn + "d", 12)}`;
}

export type { AccountRole } from "./aws-invokes";

export interface InvokeContext extends AwsInvokeContext {
    /** The Kubernetes provider's default namespace, when the invoke goes to one. */
    kubernetesNamespace?: string;
}

/**
 * The Kubernetes provider's invokes: `kubernetes:yaml:decode` (what yaml.ConfigFile v1 renders through) is parsed as
 * the provider parses it; Helm and kustomize rendering need tools the offline engine does not have.
 */
function kubernetesInvoke(token: string, args: Props, ctx: InvokeContext): Props {
    switch (token) {
        case "kubernetes:yaml:decode":
            if (typeof args.text !== "string") throw new ProviderEmulationError("kubernetes:yaml:decode: `text` must be a string");
            return decodeYaml(args.text, ctx.kubernetesNamespace ?? "");
        case "kubernetes:helm:template":
            throw helmTemplateUnavailable(args);
        case "kubernetes:kustomize:directory":
            throw unrenderableOffline(token, undefined, args);
    }
    throw new ProviderEmulationError(`the offline engine does not implement the invoke ${token}`);
}

/** A provider invoke. Tokens nobody taught the engine are errors, never an empty answer. */
export function invoke(token: string, args: Props, ctx: InvokeContext): Props {
    if (token.startsWith("kubernetes:")) return kubernetesInvoke(token, args, ctx);
    return awsInvoke(token, args, ctx);
}

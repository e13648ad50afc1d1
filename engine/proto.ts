/**
 * The SDK's own gRPC stubs and message classes (one copy: the project's @pulumi/pulumi), typed loosely. The engine
 * speaks the same wire protocol as the Pulumi CLI; these are the generated classes the SDK ships under
 * `@pulumi/pulumi/proto`.
 */
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import type * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import type * as callbackPb from "@pulumi/pulumi/proto/callback_pb";
import type * as aliasPb from "@pulumi/pulumi/proto/alias_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";

const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));

export const grpc = sdkRequire("@grpc/grpc-js") as typeof grpcTypes;
export const resproto = sdkRequire("./proto/resource_pb") as typeof resourcePb;
export const provproto = sdkRequire("./proto/provider_pb") as typeof providerPb;
export const engproto = sdkRequire("./proto/engine_pb") as typeof enginePb;
export const cbproto = sdkRequire("./proto/callback_pb") as typeof callbackPb;
export const aliasproto = sdkRequire("./proto/alias_pb") as typeof aliasPb;
export const structproto = sdkRequire("google-protobuf/google/protobuf/struct_pb") as typeof structPb;
export const emptyproto = sdkRequire("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => { serializeBinary(): Uint8Array } };
export const resgrpc = sdkRequire("./proto/resource_grpc_pb") as { ResourceMonitorService: grpcTypes.ServiceDefinition };
export const enggrpc = sdkRequire("./proto/engine_grpc_pb") as { EngineService: grpcTypes.ServiceDefinition };
export const cbgrpc = sdkRequire("./proto/callback_grpc_pb") as {
    CallbacksClient: new (address: string, creds: grpcTypes.ChannelCredentials, options?: object) => grpcTypes.Client & {
        invoke(req: callbackPb.CallbackInvokeRequest, opts: grpcTypes.CallOptions, cb: (e: grpcTypes.ServiceError | null, r: callbackPb.CallbackInvokeResponse) => void): void;
    };
};

/** A gRPC error carrying a status code, as a server handler returns it. */
export function grpcError(message: string, code: number = grpc.status.UNKNOWN): grpcTypes.ServiceError {
    return Object.assign(new Error(message), { code, details: message, metadata: new grpc.Metadata() }) as grpcTypes.ServiceError;
}

/** The typed unknown sentinels (sdk/go/common/resource/plugin/rpc.go UnknownXValue); policies see any of them as "unknown". */
export const UNKNOWN_SENTINEL = {
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    bool: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    asset: "030794c1-ac77-496b-92df-f27374a8bd58",
    archive: "e48ece36-62e2-4504-bad9-02848725956a",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
} as const;
/** The engine's unknown-value sentinel (computed values in a preview), as the Node SDK and the CLI serialize it. */
export const UNKNOWN = UNKNOWN_SENTINEL.string;
export const UNKNOWN_SENTINELS: readonly string[] = Object.values(UNKNOWN_SENTINEL);
/** The special signatures of the wire format: `{ [SPECIAL_SIG]: SECRET_SIG, value }` is a secret, and so on. */
export const SPECIAL_SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
/** The account the offline engine pretends to run in (AWS's documentation example account). */
export const OFFLINE_ACCOUNT_ID = "111122223333";

export function isUnknown(v: unknown): boolean {
    return typeof v === "string" && UNKNOWN_SENTINELS.includes(v);
}

export function isSecret(v: unknown): v is { value?: unknown } {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SPECIAL_SIG] === SECRET_SIG;
}

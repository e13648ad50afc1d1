/** The engine's unknown-value sentinel (computed values in a preview), as the Node SDK and the CLI serialize it. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Typed unknown sentinels the engine uses on the wire; policies see any of them as "unknown". */
export const UNKNOWN_SENTINELS: readonly string[] = [
    UNKNOWN,
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
];
/** Marks a serialized secret: `{ [SPECIAL_SIG]: SECRET_SIG, value }`. */
export const SPECIAL_SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
/** The account the offline engine pretends to run in (AWS's documentation example account). */
export const OFFLINE_ACCOUNT_ID = "111122223333";

export function isUnknown(v: unknown): boolean {
    return typeof v === "string" && UNKNOWN_SENTINELS.includes(v);
}

export function isSecret(v: unknown): v is { value?: unknown } {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SPECIAL_SIG] === SECRET_SIG;
}

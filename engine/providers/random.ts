/**
 * The `random` provider's create, for `up` mode: the values it generates are random by nature, so plausible ones are
 * derived from the resource's URN (the same on every run) and shaped as the provider shapes them
 * (terraform-provider-random: resource_string.go, resource_password.go, resource_id.go, resource_integer.go,
 * resource_pet.go, resource_uuid.go, resource_shuffle.go, resource_bytes.go). In a preview every one of them is
 * unknown, as in a real first preview.
 */
import { createHash } from "node:crypto";
import type { Props } from "./aws-outputs";

function bytes(seed: string, n: number): Buffer {
    const out: Buffer[] = [];
    for (let i = 0; out.reduce((s, b) => s + b.length, 0) < n; i++) out.push(createHash("sha256").update(`${seed}#${i}`).digest());
    return Buffer.concat(out).subarray(0, n);
}

function num(v: unknown, d: number): number {
    return typeof v === "number" ? v : d;
}

function bool(v: unknown, d: boolean): boolean {
    return typeof v === "boolean" ? v : d;
}

const DEFAULT_SPECIAL = "!@#$%&*()-_=+[]{}<>:?";

/** A string of `length` drawn from the enabled character sets, each set's minimum met (resource_string.go). */
function randomString(urn: string, inputs: Props): Props {
    const length = num(inputs.length, 16);
    const lower = bool(inputs.lower, true);
    const upper = bool(inputs.upper, true);
    const numeric = bool(inputs.numeric ?? inputs.number, true);
    const special = bool(inputs.special, true);
    const specials = typeof inputs.overrideSpecial === "string" ? inputs.overrideSpecial : DEFAULT_SPECIAL;
    const sets: [boolean, string, number][] = [
        [lower, "abcdefghijklmnopqrstuvwxyz", num(inputs.minLower, 0)],
        [upper, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", num(inputs.minUpper, 0)],
        [numeric, "0123456789", num(inputs.minNumeric, 0)],
        [special, specials, num(inputs.minSpecial, 0)],
    ];
    const pool = sets.filter(([on]) => on).map(([, chars]) => chars).join("");
    const b = bytes(urn, length * 2);
    const chars: string[] = [];
    for (const [on, set, min] of sets) if (on) for (let i = 0; i < min; i++) chars.push(set[b[chars.length]! % set.length]!);
    while (chars.length < length) chars.push(pool[b[chars.length]! % pool.length]!);
    return {
        result: chars.slice(0, length).join(""), length, lower, upper, numeric, number: numeric, special,
        minLower: num(inputs.minLower, 0), minUpper: num(inputs.minUpper, 0), minNumeric: num(inputs.minNumeric, 0), minSpecial: num(inputs.minSpecial, 0),
    };
}

const PET_WORDS = { adjectives: ["brave", "calm", "eager", "fancy", "gentle", "jolly", "keen", "lucky", "proud", "witty"],
    names: ["otter", "falcon", "badger", "heron", "lynx", "marten", "osprey", "puffin", "raven", "stoat"] };

export function randomOutputs(type: string, name: string, urn: string, inputs: Props): Props {
    const b = bytes(urn, 64);
    switch (type) {
        case "random:index/randomString:RandomString": {
            const s = randomString(urn, inputs);
            return { ...s, id: s.result };
        }
        case "random:index/randomPassword:RandomPassword": {
            const s = randomString(urn, inputs);
            // The provider stores a bcrypt hash beside the result and uses "none" as the ID.
            return { ...s, bcryptHash: `$2a$10$${b.toString("base64").slice(0, 53)}`, id: "none" };
        }
        case "random:index/randomId:RandomId": {
            const raw = bytes(urn, num(inputs.byteLength, 8));
            const prefix = typeof inputs.prefix === "string" ? inputs.prefix : "";
            const b64Url = raw.toString("base64url");
            return { id: b64Url, b64Url: prefix + b64Url, b64Std: prefix + raw.toString("base64"), hex: prefix + raw.toString("hex"),
                dec: prefix + BigInt(`0x${raw.toString("hex")}`).toString() };
        }
        case "random:index/randomInteger:RandomInteger": {
            const min = num(inputs.min, 0);
            const max = num(inputs.max, min);
            const result = min + (b.readUInt32BE(0) % (max - min + 1));
            return { result, id: String(result) };
        }
        case "random:index/randomPet:RandomPet": {
            const separator = typeof inputs.separator === "string" ? inputs.separator : "-";
            const length = num(inputs.length, 2);
            const words: string[] = [];
            for (let i = 0; i < length; i++) words.push(i === length - 1 ? PET_WORDS.names[b[i]! % 10]! : PET_WORDS.adjectives[b[i]! % 10]!);
            const pet = words.join(separator);
            const id = typeof inputs.prefix === "string" ? `${inputs.prefix}${separator}${pet}` : pet;
            return { id };
        }
        case "random:index/randomUuid:RandomUuid":
        case "random:index/randomUuid4:RandomUuid4": {
            const h = b.toString("hex");
            const result = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
            return { result, id: result };
        }
        case "random:index/randomShuffle:RandomShuffle": {
            const list = Array.isArray(inputs.inputs) ? [...(inputs.inputs as unknown[])] : [];
            for (let i = list.length - 1; i > 0; i--) {
                const j = b[i % b.length]! % (i + 1);
                [list[i], list[j]] = [list[j], list[i]];
            }
            const count = num(inputs.resultCount, list.length);
            return { results: list.slice(0, count), id: "-" };
        }
        case "random:index/randomBytes:RandomBytes": {
            const raw = bytes(urn, num(inputs.length, 32));
            return { base64: raw.toString("base64"), hex: raw.toString("hex"), id: "none" };
        }
    }
    throw new Error(`the offline engine has no model of ${type} (${name}); run with --mode preview`);
}

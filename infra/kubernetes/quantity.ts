import { check } from "../lib/validation";

// Kubernetes resource quantities, restricted to the forms this layer writes: plain or milli CPU ("500m", "2", "0.5")
// and binary or decimal memory ("128Mi", "1Gi", "500M", "1000000"). Anything else is rejected rather than guessed.
const CPU = /^(\d+(?:\.\d{1,3})?)(m?)$/;
const MEMORY = /^(\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const MEMORY_FACTOR: Record<string, number> = {
    "": 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
};

/** CPU quantity in millicores, or undefined when `value` is not a CPU quantity this layer accepts. */
export function cpuMillis(value: string): number | undefined {
    const m = CPU.exec(value);
    if (!m) return undefined;
    if (m[2] === "m") return m[1].includes(".") ? undefined : Number(m[1]);
    return Math.round(Number(m[1]) * 1000);
}

/** Memory quantity in bytes, or undefined when `value` is not a memory quantity this layer accepts. */
export function memoryBytes(value: string): number | undefined {
    const m = MEMORY.exec(value);
    if (!m) return undefined;
    return Number(m[1]) * MEMORY_FACTOR[m[2] ?? ""];
}

/** Parses a positive CPU quantity or throws a ValidationError naming `setting`. */
export function validateCpu(value: unknown, setting: string): number {
    const millis = typeof value === "string" ? cpuMillis(value) : undefined;
    check(millis !== undefined && millis > 0, setting, value, `must be a positive CPU quantity such as "250m" or "2"`);
    return millis as number;
}

/** Parses a positive memory quantity or throws a ValidationError naming `setting`. */
export function validateMemory(value: unknown, setting: string): number {
    const bytes = typeof value === "string" ? memoryBytes(value) : undefined;
    check(bytes !== undefined && bytes > 0, setting, value, `must be a positive memory quantity such as "256Mi" or "1Gi"`);
    return bytes as number;
}

/** CPU and memory, as a container's requests or limits. */
export interface ComputeAmount {
    cpu: string;
    memory: string;
}

/** Throws unless `small` is at most `large` in both CPU and memory (both already valid quantities). */
export function checkNotAbove(small: ComputeAmount, large: ComputeAmount, smallSetting: string, largeSetting: string): void {
    check(validateCpu(small.cpu, `${smallSetting}.cpu`) <= validateCpu(large.cpu, `${largeSetting}.cpu`),
        `${smallSetting}.cpu`, small.cpu, `must not exceed ${largeSetting}.cpu (${large.cpu})`);
    check(validateMemory(small.memory, `${smallSetting}.memory`) <= validateMemory(large.memory, `${largeSetting}.memory`),
        `${smallSetting}.memory`, small.memory, `must not exceed ${largeSetting}.memory (${large.memory})`);
}

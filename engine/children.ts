/**
 * Every process the engine starts (the program, each policy pack, the dynamic provider), so that they stop with the
 * CLI: on Ctrl-C or SIGTERM it kills what is still running here before it exits (cli/signals.ts), where Node would
 * otherwise exit and leave them running.
 */
import type { ChildProcess } from "node:child_process";

const running = new Set<ChildProcess>();

/** Remembers a started process until it exits. @returns the same process */
export function track<T extends ChildProcess>(child: T): T {
    running.add(child);
    child.once("exit", () => running.delete(child));
    child.once("error", () => running.delete(child));
    return child;
}

/** How many started processes have not exited yet. */
export function runningChildren(): number {
    return running.size;
}

/**
 * Kills every process still running and waits (at most `waitMs`) until each has exited, so that none is left behind,
 * not even as a zombie for an init that does not reap.
 */
export async function stopChildren(waitMs = 2000): Promise<void> {
    const exits = [...running].map((child) => new Promise<void>((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once("exit", () => res());
        child.kill("SIGKILL");
    }));
    await Promise.race([Promise.all(exits), new Promise((res) => setTimeout(res, waitMs).unref())]);
}

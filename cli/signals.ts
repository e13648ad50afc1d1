/**
 * Ctrl-C (SIGINT) and SIGTERM stop the child processes with the CLI. Node's default on these signals is to exit at
 * once, which leaves the program's process and the policy packs running (they only notice when they next write).
 */
import { stopChildren } from "../engine/children";

const EXIT_CODE: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Installs the handlers: stop every child the engine started, say so in one line, exit 128 + the signal's number. */
export function stopChildrenOnSignals(): void {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.once(signal, () => {
            void stopChildren().then(() => {
                // On a terminal, over the progress line if one is shown.
                process.stderr.write(`${process.stderr.isTTY ? "\r\u001b[K" : ""}hardened-stack: stopped by ${signal}; the program and the policy packs were stopped too\n`);
                process.exit(EXIT_CODE[signal]);
            });
        });
    }
}

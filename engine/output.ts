/**
 * The program's own output — console.log / console.error and pulumi.log — passed on line by line as it arrives, as
 * `pulumi preview` shows it. What the SDK prints about the run failing (an unhandled error's report, the leaked-
 * promises report, an exception with its stack) and engine/exit-guard.js's note are not passed on: the run's failure
 * line says it once.
 */
import type { LogEntry } from "./resmon";
import { EXIT_MARKER } from "./failures";

/**
 * The SDK's report of a program that threw (cmd/run's "Running program ... failed", or a registration the engine
 * refused), sent as an error log: it carries the preamble or a stack trace.
 */
const FAILURE_REPORT = /^Running program '.*' failed with an unhandled exception:|\n\s+at \S/;
/** The SDK's leaked-promises report (runtime/debuggable.ts), printed on stderr as the process exits. */
const LEAK_REPORT = /^The Pulumi runtime detected that \d+ promises? (was|were) still active/;

export class ProgramOutput {
    private readonly partial = { stdout: "", stderr: "" };
    /** Once the SDK starts its leaked-promises report, the rest of stderr is that report. */
    private stderrEnded = false;

    constructor(private readonly sink: (line: string) => void) {}

    /** A chunk of the program's stdout or stderr. */
    write(stream: "stdout" | "stderr", chunk: string): void {
        const lines = (this.partial[stream] + chunk).split("\n");
        this.partial[stream] = lines.pop() ?? "";
        for (const l of lines) this.line(stream, l);
    }

    /** A message the program logged through the engine (pulumi.log.*). Debug messages are not shown, as by the CLI. */
    log(e: LogEntry): void {
        if (e.severity === "debug" || (e.severity === "error" && FAILURE_REPORT.test(e.message))) return;
        const prefix = e.severity === "info" ? "" : `${e.severity}: `;
        for (const l of e.message.replace(/\n+$/, "").split("\n")) this.sink(`${prefix}${l}`);
    }

    /** What is left of a line without its newline, once the program has exited. */
    end(): void {
        for (const stream of ["stdout", "stderr"] as const) {
            if (this.partial[stream] !== "") this.line(stream, this.partial[stream]);
            this.partial[stream] = "";
        }
    }

    private line(stream: "stdout" | "stderr", line: string): void {
        if (stream === "stderr") {
            if (line.startsWith(EXIT_MARKER)) return;
            if (LEAK_REPORT.test(line)) this.stderrEnded = true;
            if (this.stderrEnded) return;
        }
        this.sink(line);
    }
}

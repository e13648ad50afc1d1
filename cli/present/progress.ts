/**
 * One progress line on stderr while a long step runs (starting packs, running the program, the stack policies), so
 * the 15–60 s of `npm start` do not look like a hang. Only on a terminal: piped or redirected stderr (CI logs, a
 * test) gets nothing, and the line is erased before anything else is written and when the step ends.
 */

/** A step shorter than this shows nothing. */
const SHOW_AFTER_MS = 1000;

export interface ProgressStream {
    isTTY?: boolean;
    write(s: string): unknown;
}

/** The progress line of `step` after `ms`: "… running the program (12 s)". */
export function progressLine(step: string, ms: number): string {
    return `… ${step} (${Math.floor(ms / 1000)} s)`;
}

export class Progress {
    private step: string | undefined;
    private started = 0;
    private timer: NodeJS.Timeout | undefined;
    private shown = false;

    constructor(private readonly stream: ProgressStream, private readonly enabled = stream.isTTY === true) {}

    /** Starts showing `step` (after a second), or stops with undefined. */
    show(step: string | undefined): void {
        this.clear();
        if (this.timer) clearInterval(this.timer);
        this.timer = undefined;
        this.step = step;
        if (!this.enabled || step === undefined) return;
        this.started = Date.now();
        this.timer = setInterval(() => this.draw(), SHOW_AFTER_MS);
        // Never keeps the CLI alive by itself.
        this.timer.unref();
    }

    /** Erases the line (before other output is written); the next tick draws it again. */
    clear(): void {
        if (!this.shown) return;
        this.stream.write("\r\u001b[K");
        this.shown = false;
    }

    private draw(): void {
        if (this.step === undefined) return;
        this.stream.write(`\r\u001b[K${progressLine(this.step, Date.now() - this.started)}`);
        this.shown = true;
    }
}

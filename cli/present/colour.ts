/**
 * Colour for the text format's verdicts, only where a person reads it: on a terminal, never with NO_COLOR set
 * (https://no-color.org: any non-empty value) or TERM=dumb. Piped output, CI logs and files get plain text.
 */

export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
    if (env.TERM === "dumb") return false;
    return stream.isTTY === true;
}

const CODES = { red: 31, green: 32, yellow: 33, grey: 90, bold: 1 } as const;
export type Colour = keyof typeof CODES;

/** `text` in `colour` when `on`, else `text` as it is. */
export function paint(text: string, colour: Colour, on: boolean): string {
    return on ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

/** A verdict mark (✓ ✗ ! ?) in its colour. */
export function paintMark(mark: string, on: boolean): string {
    const colour: Colour | undefined = mark === "✓" ? "green" : mark === "✗" ? "red" : mark === "!" ? "yellow" : mark === "?" ? "grey" : undefined;
    return colour ? paint(mark, colour, on) : mark;
}

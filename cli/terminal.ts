/**
 * Text that reaches a terminal or a pull-request comment from outside (resource names, URNs, messages from a
 * preview or a pack) is made printable here, and only here: escape sequences are removed and control characters
 * (newlines included) are shown as `\xNN`, so a crafted name can neither move the cursor, recolour the screen, nor
 * forge a line of the report.
 */

/** CSI / OSC / other ESC sequences (ECMA-48), removed whole. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
/** C0 controls, DEL and C1 controls; plus the Unicode line/paragraph separators and bidi overrides. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escaped(ch: string): string {
    const code = ch.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** The text with escape sequences removed and every remaining control character written as an escape. */
export function printable(text: string): string {
    return text.replace(ESCAPE_SEQUENCE, "").replace(CONTROL, escaped);
}

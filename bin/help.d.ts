/** Types of bin/help.js (plain JavaScript, so that --help and --version load nothing else). */
export interface CommandHelp {
    usage: string;
    summary: string;
    description: string;
    options: [string, string][];
    exit: string;
}
export declare const COMMANDS: Record<"plan" | "check" | "review" | "policies" | "explain", CommandHelp>;
export declare const version: string;
export declare function usageOf(command: "plan" | "check" | "review" | "policies" | "explain"): string;
export declare function mainUsage(): string;
export declare function commandHelp(name: string): string;
export declare function answerWithoutEngine(argv: readonly string[]): { code: number; text: string } | undefined;

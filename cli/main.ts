import { UsageError } from "./args";
import { planCommand } from "./commands/plan";
import { checkCommand } from "./commands/check";
import { reviewCommand } from "./commands/review";
import { explainCommand, policiesCommand } from "./commands/policies";
import { EngineInputError, ProgramError } from "../engine";
import { ValidationError } from "../infra/lib/validation";
import { PolicyConfigError } from "../engine/policy-config";
import { printable } from "./terminal";
import { ExemptionsError } from "./report/exemptions";
import { answerWithoutEngine, mainUsage } from "../bin/help.js";

export interface Io {
    out(s: string): void;
    err(s: string): void;
}

const processIo: Io = {
    out: (s) => { process.stdout.write(s.endsWith("\n") ? s : `${s}\n`); },
    err: (s) => { process.stderr.write(s.endsWith("\n") ? s : `${s}\n`); },
};

/** A command writes its result to `out`; plan and check pass the program's own output on to `err`. */
type Command = (argv: string[], out: (s: string) => void, err: (s: string) => void) => Promise<number>;

const COMMANDS: Record<string, Command> = {
    plan: planCommand,
    check: checkCommand,
    review: reviewCommand,
    policies: policiesCommand,
    explain: explainCommand,
};

/** Errors that are the user's input or program, not a bug here: one line, exit 2. */
const EXPECTED = [UsageError, EngineInputError, ProgramError, ValidationError, PolicyConfigError, ExemptionsError];

/** Exit codes: 0 ok, 1 findings (check/review), 2 bad input: one line on stderr naming the problem. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
    // --help and --version are answered before anything heavy loads (bin/help.js); the same answers here.
    const quick = answerWithoutEngine(argv);
    if (quick) {
        (quick.code === 0 ? io.out : io.err)(quick.text);
        return quick.code;
    }
    const [name, ...rest] = argv;
    const command = COMMANDS[name!];
    if (!command) {
        io.err(`hardened-stack: unknown command ${JSON.stringify(printable(name ?? ""))}\n${mainUsage()}`);
        return 2;
    }
    try {
        return await command(rest, io.out, io.err);
    } catch (e) {
        if (EXPECTED.some((k) => e instanceof k)) {
            // A message can quote a program's or a pack's own words: one line, nothing that drives the terminal.
            io.err(`hardened-stack: ${printable((e as Error).message)}`);
            return 2;
        }
        throw e;
    }
}

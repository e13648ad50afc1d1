import { UsageError } from "./args";
import { planCommand, PLAN_USAGE } from "./commands/plan";
import { checkCommand, CHECK_USAGE } from "./commands/check";
import { reviewCommand, REVIEW_USAGE } from "./commands/review";
import { EngineInputError, ProgramError } from "../engine";
import { ValidationError } from "../infra/lib/validation";
import { PolicyConfigError } from "../engine/policy-config";

const USAGE = [
    "hardened-stack: the offline engine, policy checks and pull-request reviews of the hardened EKS platform",
    "",
    `  ${PLAN_USAGE}`,
    `  ${CHECK_USAGE}`,
    `  ${REVIEW_USAGE}`,
].join("\n");

type Command = (argv: string[], out: (s: string) => void) => Promise<number>;

const COMMANDS: Record<string, Command> = {
    plan: planCommand,
    check: checkCommand,
    review: reviewCommand,
};

/** Exit codes: 0 ok, 1 findings (check/review), 2 bad input: one line on stderr naming the problem. */
export async function main(argv: string[]): Promise<number> {
    const out = (s: string) => { process.stdout.write(s.endsWith("\n") ? s : `${s}\n`); };
    const [name, ...rest] = argv;
    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
        out(USAGE);
        return name === undefined ? 2 : 0;
    }
    const command = COMMANDS[name];
    if (!command) {
        process.stderr.write(`hardened-stack: unknown command ${JSON.stringify(name)}\n${USAGE}\n`);
        return 2;
    }
    try {
        return await command(rest, out);
    } catch (e) {
        if (e instanceof UsageError || e instanceof EngineInputError || e instanceof ProgramError || e instanceof ValidationError || e instanceof PolicyConfigError) {
            process.stderr.write(`hardened-stack: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
}

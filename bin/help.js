"use strict";
/**
 * `--help` and `--version`, answered in plain JavaScript: bin/hardened-stack.js asks here before it loads tsx, the
 * engine and the SDK, so help is instant (docs/performance.md). cli/main.ts gives the same answers, and each command
 * reports its usage line from here.
 */
const { version } = require("../package.json");

/** Options every program-running command takes (plan, check). */
const PROGRAM_OPTIONS = [
    ["--program FILE", "the Pulumi program: a .ts/.js file or a folder (default: the nearest Pulumi.yaml's main)"],
    ["--stack NAME", "the stack; its config is Pulumi.NAME.yaml beside Pulumi.yaml (default: dev)"],
    ["--config FILE", "a stack config file instead of Pulumi.<stack>.yaml"],
    ["--mode preview|up", "preview: a first `pulumi preview`, computed values unknown; up: plausible values (default: preview)"],
    ["--state FILE", "a `pulumi stack export` of the deployed stack: preview an update of it"],
    ["--timeout SECONDS", "stop a program that runs longer (default: 600)"],
];

const COMMANDS = {
    plan: {
        usage: "hardened-stack plan [--program FILE] [--stack NAME] [--config FILE] [--mode preview|up] [--state FILE] [--timeout SECONDS] [--json]",
        summary: "run a Pulumi program offline and show what it would deploy",
        description: "Runs the program as `pulumi preview` (or `pulumi up`) starts it, under the offline engine, and prints the\n"
            + "resource tree. The program's own console output goes to stderr.",
        options: [...PROGRAM_OPTIONS, ["--json", "every registration as the engine records it (secrets masked)"]],
        exit: "0 ok; 2 bad input or a failed program (one line on stderr)",
    },
    check: {
        usage: "hardened-stack check [--program FILE] [--stack NAME] [--config FILE] [--mode preview|up] [--state FILE] [--timeout SECONDS] "
            + "[--policy-pack DIR]... [--policy-pack-config FILE]... [--tag KEY=VALUE]... [--strict] [--fail-on WHAT] [--exemptions FILE] "
            + "[--format text|markdown|report|json|junit[,...]] [--output-dir DIR] [--json]",
        summary: "run a program and the policy packs offline, as `pulumi preview --policy-pack` would",
        description: "The packs are configured first, each resource is analysed as it registers, the whole stack at the end.\n"
            + "Without --program: the reference stack in this repository (what `npm start` shows).",
        options: [
            ...PROGRAM_OPTIONS,
            ["--policy-pack DIR", "a CrossGuard pack to run, repeatable (default: policy-packs/kill-chain)"],
            ["--policy-pack-config FILE", "the n-th pack's config (as `pulumi preview --policy-pack-config`), repeatable"],
            ["--tag KEY=VALUE", "a stack tag the packs see, repeatable"],
            ["--strict", "fail (exit 1) on any deferred verdict or place where offline may differ from a real preview"],
            ["--fail-on WHAT", "mandatory (default) and/or severity:low|medium|high|critical (any level), comma-separated"],
            ["--exemptions FILE", "accepted findings with reason and expiry (default: ./hardened-stack.exemptions.yaml if present)"],
            ["--format FORMAT", "text (one screen, default), markdown (complete), report (violations by step), json, junit; several comma-separated with --output-dir"],
            ["--output-dir DIR", "write each format to DIR/check.<ext> instead of stdout"],
            ["--json", "the same as --format json"],
        ],
        exit: "0 nothing --fail-on names; 1 at least one, or any mandatory violation even if exempted (pulumi preview does not read exemptions), "
            + "or with --strict a deferral; 2 bad input, an expired exemption or a failed program",
    },
    review: {
        usage: "hardened-stack review FILE|- [--events FILE] [--rerun-packs] [--fail-on WHAT] [--exemptions FILE] [--format markdown|sarif|json|text|junit[,...]] "
            + "[--output-dir DIR] [--policy-pack DIR]... [--policy-pack-config FILE]... [--source-root DIR]",
        summary: "turn a real `pulumi preview --json` into a pull-request security review",
        description: "pulumi preview --json --event-log events.jsonl --policy-pack policy-packs/kill-chain > preview.json\n"
            + "hardened-stack review preview.json --events events.jsonl --format markdown",
        options: [
            ["FILE|-", "the `pulumi preview --json` output (- reads stdin)"],
            ["--events FILE", "the preview's --event-log: the verdicts pulumi preview recorded"],
            ["--rerun-packs", "judge every resource again instead of taking the event log's verdicts of the same packs"],
            ["--fail-on WHAT", "mandatory, weakening, deletion (all three by default) and/or severity:low|medium|high|critical, comma-separated"],
            ["--exemptions FILE", "accepted findings with reason and expiry (default: ./hardened-stack.exemptions.yaml if present); SARIF suppressions"],
            ["--format FORMAT", "text (default), markdown, sarif, json, junit; several comma-separated with --output-dir"],
            ["--output-dir DIR", "write each format to DIR/review.<ext> from one review instead of stdout"],
            ["--policy-pack DIR", "a CrossGuard pack to re-run on the new state, repeatable (default: policy-packs/kill-chain)"],
            ["--policy-pack-config FILE", "the n-th pack's config, repeatable"],
            ["--source-root DIR", "where SARIF locations are relative to"],
        ],
        exit: "0 nothing blocking; 1 blocking findings; 2 bad input",
    },
    policies: {
        usage: "hardened-stack policies [--policy-pack DIR]... [--json]",
        summary: "list the policies the packs enforce: step, severity, enforcement level, kind",
        description: "Reads each pack's own metadata, as the Pulumi CLI does (GetAnalyzerInfo).",
        options: [
            ["--policy-pack DIR", "a CrossGuard pack, repeatable (default: policy-packs/kill-chain)"],
            ["--json", "the packs' metadata as JSON"],
        ],
        exit: "0 listed; 2 bad input or a pack that fails to start",
    },
    explain: {
        usage: "hardened-stack explain POLICY [--policy-pack DIR]... [--json]",
        summary: "what one policy guarantees, why, how to fix a violation, its config and references",
        description: "hardened-stack explain disallow-public-bucket-policy",
        options: [
            ["POLICY", "the policy's name (`hardened-stack policies` lists them)"],
            ["--policy-pack DIR", "a CrossGuard pack, repeatable (default: policy-packs/kill-chain)"],
            ["--json", "the policy's metadata as JSON"],
        ],
        exit: "0 explained; 2 unknown policy (the nearest names are suggested) or bad input",
    },
};

/** The usage line of a command (its errors quote it). */
function usageOf(command) {
    return COMMANDS[command].usage;
}

function mainUsage() {
    return [
        `hardened-stack ${version}: offline checks and pull-request reviews of Pulumi programs against the Tesla kill chain`,
        "",
        "Commands:",
        ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`),
        "",
        "hardened-stack COMMAND --help   the command's options",
        "hardened-stack --version",
        "Docs: README.md, docs/ci.md (review in CI), docs/architecture.md (what the offline engine emulates)",
    ].join("\n");
}

function commandHelp(name) {
    const c = COMMANDS[name];
    const width = Math.max(...c.options.map(([flag]) => flag.length));
    return [
        `hardened-stack ${name}: ${c.summary}`,
        "",
        `Usage: ${c.usage}`,
        "",
        c.description,
        "",
        "Options:",
        ...c.options.map(([flag, what]) => `  ${flag.padEnd(width)}  ${what}`),
        "  --help".padEnd(width + 2) + "  this help",
        "",
        `Exit: ${c.exit}`,
    ].join("\n");
}

const HELP = new Set(["--help", "-h", "help"]);

/**
 * What the CLI answers without the engine: help and version. @returns { code, text } (code 0: stdout; else stderr),
 * or undefined when the arguments are for a command to run
 */
function answerWithoutEngine(argv) {
    const [first, ...rest] = argv;
    if (first === undefined) return { code: 2, text: mainUsage() };
    if (first === "--version" || first === "-V") return { code: 0, text: `hardened-stack ${version}` };
    if (HELP.has(first)) {
        if (rest[0] !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, rest[0])) return { code: 0, text: commandHelp(rest[0]) };
        return { code: 0, text: mainUsage() };
    }
    // `check --help`, anywhere among the command's arguments: help wins over running.
    if (Object.prototype.hasOwnProperty.call(COMMANDS, first) && rest.some((a) => a === "--help" || a === "-h")) return { code: 0, text: commandHelp(first) };
    return undefined;
}

module.exports = { COMMANDS, usageOf, mainUsage, commandHelp, answerWithoutEngine, version };

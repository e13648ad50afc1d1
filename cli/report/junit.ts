/**
 * JUnit XML, the format CI dashboards (GitHub test reporters, GitLab, Jenkins) read: one test suite per policy pack,
 * one test case per policy and resource it judged. A violation is a failure, an exempted one is skipped with the
 * exemption's reason, a passing policy is a case without either. Shared by `check` and `review`.
 */
import { printable } from "../terminal";

export interface JUnitCase {
    /** The policy pack. */
    suite: string;
    /** The policy. */
    classname: string;
    /** The resource (URN or name), or the stack. */
    name: string;
    failure?: { message: string; type: string };
    skipped?: string;
}

/** XML 1.0 text: the five escapes, and control characters (not allowed in XML 1.0 at all) made printable. */
export function xmlText(text: string): string {
    return printable(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export function renderJUnit(name: string, cases: readonly JUnitCase[]): string {
    const suites = new Map<string, JUnitCase[]>();
    for (const c of cases) {
        const list = suites.get(c.suite) ?? [];
        list.push(c);
        suites.set(c.suite, list);
    }
    const count = (list: readonly JUnitCase[]) => ({
        tests: list.length, failures: list.filter((c) => c.failure).length, skipped: list.filter((c) => c.skipped !== undefined && !c.failure).length,
    });
    const all = count(cases);
    const out = ['<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="${xmlText(name)}" tests="${all.tests}" failures="${all.failures}" skipped="${all.skipped}">`];
    for (const [suite, list] of suites) {
        const n = count(list);
        out.push(`  <testsuite name="${xmlText(suite)}" tests="${n.tests}" failures="${n.failures}" skipped="${n.skipped}">`);
        for (const c of list) {
            const open = `    <testcase classname="${xmlText(c.classname)}" name="${xmlText(c.name)}"`;
            if (c.failure) {
                out.push(`${open}>`, `      <failure type="${xmlText(c.failure.type)}" message="${xmlText(c.failure.message)}"/>`, "    </testcase>");
            } else if (c.skipped !== undefined) {
                out.push(`${open}>`, `      <skipped message="${xmlText(c.skipped)}"/>`, "    </testcase>");
            } else {
                out.push(`${open}/>`);
            }
        }
        out.push("  </testsuite>");
    }
    out.push("</testsuites>");
    return `${out.join("\n")}\n`;
}

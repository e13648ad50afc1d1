// Constructor validation of a component, many settings in one program run: with config
// `hardened-stack:<key>Probe` (a list of overrides) the test program builds its component once per entry and reports
// what each construction threw ("" when it did not), instead of building the component once. Validation runs before
// anything registers, so the cases do not interfere; one program run costs about a second, so they share one.
import * as pulumi from "@pulumi/pulumi";

/** The errors of building with each probe entry, or undefined when the program is not probing. */
export function probeErrors<T>(key: string, build: (name: string, overrides: Partial<T>) => unknown): string[] | undefined {
    const cases = new pulumi.Config("hardened-stack").getObject<Partial<T>[]>(`${key}Probe`);
    if (!cases) return undefined;
    return cases.map((overrides, i) => {
        try {
            build(`probe-${i}`, overrides);
            return "";
        } catch (e) {
            return e instanceof Error ? e.message : String(e);
        }
    });
}

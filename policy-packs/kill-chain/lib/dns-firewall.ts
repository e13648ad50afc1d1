/** Route 53 Resolver DNS Firewall domain patterns. Pure. */

/** A domain pattern that matches every name (`*`, `*.`) or a whole top-level domain (`*.com`). */
export function matchesEverything(domain: string): boolean {
    const d = domain.trim().toLowerCase().replace(/\.$/, "");
    return d === "*" || d === "" || /^\*\.[a-z0-9-]+$/.test(d);
}

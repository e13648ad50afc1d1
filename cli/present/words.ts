/** Counted nouns, the same way in every format: "1 resource", "2 resources", "1 policy", "3 policies". */
export function plural(n: number, word: string): string {
    if (n === 1) return `${n} ${word}`;
    return `${n} ${/[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : /(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`}`;
}

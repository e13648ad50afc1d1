/** The shapes of the review catalog (security-properties.ts): what a property check is and what it reports. */

export type Step = "console" | "creds" | "s3" | "mining" | "evasion";

export interface CompareContext {
    /** True for a value only known after apply (the engine's unknown sentinels). */
    isUnknown(v: unknown): boolean;
}

/** One security-relevant property of a type. */
export interface PropertyCheck {
    /** Dotted path into the resource inputs, as shown to the reviewer (`vpcConfig.endpointPublicAccess`). */
    path: string;
    /** The control it carries, in words. */
    control: string;
    step: Step;
    /** Reads the value. @default - follows `path` through nested objects */
    read?: (inputs: Record<string, unknown>) => unknown;
    /**
     * Why going from `before` to `after` weakens the control, or undefined when it does not. Unknown parts of `after`
     * are skipped (the caller reports a change to an unknown value separately).
     */
    weakens(before: unknown, after: unknown, ctx: CompareContext): string | undefined;
    /**
     * Also judged when a resource is created, against unset inputs: for properties whose mere arrival opens something
     * (a suppression filter, a pull-through cache of a public registry, a prefix list entry).
     * @default false - a created resource is left to the policies, which judge its whole new state
     */
    onCreate?: boolean;
}

export interface CatalogEntry {
    types: readonly string[];
    /** What the resource is, for messages: "EKS cluster". */
    title: string;
    checks: readonly PropertyCheck[];
    /** Why deleting (or replacing) a resource of this type removes a control; unset when that is not a finding. */
    removal?: {
        step: Step;
        why: string;
        /**
         * Whether deleting this particular resource removes the control, judged on its old inputs (the findings rule,
         * not every EventBridge rule). @default - every resource of the types
         */
        applies?: (inputs: Record<string, unknown>) => boolean;
    };
}

export interface Weakening {
    path: string;
    control: string;
    step: Step;
    before: unknown;
    after: unknown;
    /** Why it is weaker; for `unknown`, what cannot be verified. */
    why: string;
    /** The new value is only known after apply: not provably weaker, shown for review. */
    unknown: boolean;
}

/** Types of bin/launch.js. */
export declare const SOURCES: readonly string[];
export declare function compiledIsFresh(root: string): boolean;

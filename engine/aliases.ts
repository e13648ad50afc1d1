/**
 * Alias resolution as the engine does it (pkg/resource/deploy/step_generator.go v3.248.0: collapseAliasToUrn,
 * inheritedChildAlias, generateAliases; source_eval.go transformAliasForNodeJSCompat).
 *
 * The engine turns every alias spec into a URN and looks for an old resource under each. Only the alias that matched
 * an old resource is kept in the new state, and that state's aliases are what analyzers are sent
 * (`new.GetAliases()`): in a first deployment nothing matches, so policies see no aliases at all.
 */
import { ROOT_STACK_TYPE } from "./constants";
import { engineUrn, parseUrn } from "./urn";

export interface AliasSpec {
    urn?: string;
    name?: string;
    type?: string;
    stack?: string;
    project?: string;
    /** A parent URN; "" means the resource's own parent. */
    parentUrn?: string;
    noParent?: boolean;
}

export interface AliasContext {
    stack: string;
    project: string;
    /** URN -> the old URN it matched through an alias (empty in a first deployment). */
    matchedAliases?: ReadonlyMap<string, string>;
}

/**
 * Node.js SDKs that do not set `aliasSpecs` sent parents the wrong way round; the engine swaps them back
 * (transformAliasForNodeJSCompat). Applies only to specs (not URN aliases) from such requests.
 */
export function nodeCompatAlias(a: AliasSpec): AliasSpec {
    if (a.urn !== undefined) return a;
    const { parentUrn, noParent, ...rest } = a;
    if (parentUrn !== undefined) return parentUrn === "" ? { ...rest, noParent: true } : { ...rest, parentUrn };
    if (noParent !== undefined) return noParent ? rest : { ...rest, noParent: false };
    return { ...rest, noParent: true };
}

function urnOf(stack: string, project: string, parent: string, type: string, name: string): string {
    return engineUrn(stack, project, parent, type, name);
}

export function collapseAliasToUrn(name: string, type: string, resParent: string, alias: AliasSpec, ctx: AliasContext): string {
    if (alias.urn) return alias.urn;
    const n = alias.name || name;
    const t = alias.type || type;
    let parent = alias.parentUrn || "";
    if (parent === "") parent = resParent;
    else parent = ctx.matchedAliases?.get(parent) ?? parent;
    const parentIsRoot = parent !== "" && parseUrn(parent).qualifiedType === ROOT_STACK_TYPE;
    if (alias.noParent || parentIsRoot) parent = "";
    return urnOf(alias.stack || ctx.stack, alias.project || ctx.project, parent, t, n);
}

function inheritedChildAlias(childType: string, childName: string, parentName: string, parentAlias: string, ctx: AliasContext): string {
    const pa = parseUrn(parentAlias);
    const aliasName = childName.startsWith(parentName) ? pa.name + childName.slice(parentName.length) : childName;
    return `urn:pulumi:${ctx.stack}::${ctx.project}::${pa.qualifiedType}$${childType}::${aliasName}`;
}

/** Every URN the resource may have had before, in the engine's order, without duplicates. */
export function generateAliases(name: string, type: string, parent: string, aliases: readonly AliasSpec[], ctx: AliasContext): string[] {
    const out: string[] = [];
    const add = (u: string) => { if (!out.includes(u)) out.push(u); };
    for (const a of aliases) add(collapseAliasToUrn(name, type, parent, a, ctx));
    const parentAlias = parent ? ctx.matchedAliases?.get(parent) : undefined;
    if (parent && parentAlias) {
        const parentName = parseUrn(parent).name;
        add(inheritedChildAlias(type, name, parentName, parentAlias, ctx));
        for (const a of aliases) {
            const child = parseUrn(collapseAliasToUrn(name, type, parent, a, ctx));
            add(inheritedChildAlias(child.type, child.name, parentName, parentAlias, ctx));
        }
    }
    return out;
}

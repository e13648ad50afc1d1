"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ofType = ofType;
exports.sources = sources;
exports.referrers = referrers;
exports.sameResource = sameResource;
exports.label = label;
function ofType(resources, types) {
    return resources.filter((r) => types.includes(r.type));
}
/** The resources `r` took property `prop` from (e.g. a route's `routeTableId` -> the route table). */
function sources(r, prop, types) {
    const deps = r.propertyDependencies?.[prop] ?? [];
    return types ? deps.filter((d) => types.includes(d.type)) : [...deps];
}
/** Resources of `types` whose property `prop` came from `target` (e.g. the public access blocks of a bucket). */
function referrers(resources, types, prop, target) {
    return resources.filter((r) => types.includes(r.type) && (r.propertyDependencies?.[prop] ?? []).some((d) => d.urn === target.urn));
}
function sameResource(a, b) {
    return a.urn === b.urn;
}
/** `name (type)` for messages. */
function label(r) {
    return `${r.name} (${r.type})`;
}
//# sourceMappingURL=stack.js.map
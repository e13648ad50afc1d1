"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.Reads = exports.Deferral = exports.UNKNOWN = exports.UnknownValueError = void 0;
exports.isUnknownSentinel = isUnknownSentinel;
exports.deferralMessage = deferralMessage;
const policySdk = __importStar(require("@pulumi/policy"));
// @pulumi/policy 1.21 exports UnknownValueError at runtime but its .d.ts strips the class (marked @internal).
exports.UnknownValueError = policySdk.UnknownValueError;
/**
 * Unknown values in a preview. The SDK's proxy throws UnknownValueError on the first unknown read and the whole
 * policy is then skipped for that resource (or, in a stack policy, for the whole stack). Our policies read through
 * `Reads` instead: an unknown value becomes the UNKNOWN marker, the policy keeps checking everything that is known, and
 * when a verdict truly needed an unknown value it ends with a Deferral naming the resource and the value.
 */
exports.UNKNOWN = Symbol("unknown until apply");
const SENTINELS = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
]);
/** True for an engine unknown sentinel (works on raw values; proxied reads throw before you can see one). */
function isUnknownSentinel(v) {
    return typeof v === "string" && SENTINELS.has(v);
}
/**
 * Thrown at the end of a policy whose verdict needs values known only after create. It is an UnknownValueError, so
 * the SDK reports it the way the engine shows skipped policies ("can't run policy ... during preview: <message>"),
 * as an advisory; `hardened-stack check` lists these as deferrals.
 */
class Deferral extends exports.UnknownValueError {
    constructor(message) {
        super("04da6b54-80e4-46f7-96ec-b56ff0331ba9", []);
        this.message = message;
        this.name = "Deferral";
    }
}
exports.Deferral = Deferral;
/** Unknown-safe reads for one resource; remembers which paths were unknown. */
class Reads {
    unknownPaths = [];
    /** Reads `fn()`; an unknown value (or an unknown anywhere on the way) yields UNKNOWN and is remembered. */
    get(path, fn) {
        try {
            const v = fn();
            if (isUnknownSentinel(v)) {
                this.unknownPaths.push(path);
                return exports.UNKNOWN;
            }
            return v;
        }
        catch (e) {
            if (e instanceof exports.UnknownValueError) {
                this.unknownPaths.push(path);
                return exports.UNKNOWN;
            }
            throw e;
        }
    }
    /** Deep copy of a value with every unknown replaced by UNKNOWN (for documents and lists read as a whole). */
    snapshot(path, fn) {
        const v = this.get(path, fn);
        if (v === exports.UNKNOWN)
            return exports.UNKNOWN;
        return this.copy(path, v, 0);
    }
    copy(path, v, depth) {
        if (depth > 32)
            return v;
        if (Array.isArray(v)) {
            const out = [];
            for (let i = 0; i < v.length; i++)
                out.push(this.copy(`${path}[${i}]`, this.get(`${path}[${i}]`, () => v[i]), depth + 1));
            return out;
        }
        if (typeof v === "object" && v !== null) {
            const out = {};
            for (const k of Object.keys(v)) {
                out[k] = this.copy(`${path}.${k}`, this.get(`${path}.${k}`, () => v[k]), depth + 1);
            }
            return out;
        }
        return v;
    }
}
exports.Reads = Reads;
function deferralMessage(urn, paths) {
    const unique = [...new Set(paths)];
    return `deferred until apply: ${unique.join(", ")} of ${urn} ${unique.length === 1 ? "is" : "are"} unknown in this preview; the policy decides in \`pulumi up\``;
}
//# sourceMappingURL=unknowns.js.map
/**
 * A stream of manifests as the provider decodes it (k8s.io/apimachinery v0.36.2 pkg/util/yaml/decoder.go:
 * NewYAMLOrJSONDecoder and YAMLReader) into `map[string]interface{}` documents.
 */
import { goYamlDocument } from "./go-yaml";
import { goTypeName } from "./messages";
import { isMapValue } from "./wire";
import type { Obj } from "./wire";

/** json.Unmarshal into a `map[string]interface{}`: null leaves it nil, anything but an object is an error. */
function asDocumentMap(v: unknown): Obj | null {
    if (v === null) return null;
    if (isMapValue(v)) return v;
    throw new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${goTypeName(v)} into Go value of type map[string]interface {}`);
}

/**
 * YAMLReader.Read: documents are split on lines that start with `---`, which may be followed only by spaces and a
 * comment; line ends are normalised to `\n` (bufio ReadLine drops `\r\n`).
 */
function splitYamlDocuments(text: string): string[] {
    const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
    if (lines[lines.length - 1] === "") lines.pop();
    const docs: string[] = [];
    let buf = "";
    for (const line of lines) {
        if (line.startsWith("---")) {
            const rest = line.slice(3).trim();
            if (rest !== "" && rest[0] !== "#") throw new Error(`invalid Yaml document separator: ${rest}`);
            if (buf !== "") docs.push(buf);
            buf = "";
            continue;
        }
        buf += `${line}\n`;
    }
    if (buf !== "") docs.push(buf);
    return docs;
}

/** The end of the JSON value that starts at `i`, or -1 where the text there is not one. */
function jsonValueEnd(s: string, i: number): number {
    const ws = (j: number): number => {
        while (j < s.length && " \t\r\n".includes(s[j]!)) j++;
        return j;
    };
    const value = (start: number): number => {
        let j = ws(start);
        const c = s[j];
        if (c === "{" || c === "[") {
            const close = c === "{" ? "}" : "]";
            j = ws(j + 1);
            if (s[j] === close) return j + 1;
            for (;;) {
                if (c === "{") {
                    const keyEnd = value(j);
                    if (keyEnd < 0) return -1;
                    j = ws(keyEnd);
                    if (s[j] !== ":") return -1;
                    j += 1;
                }
                j = value(j);
                if (j < 0) return -1;
                j = ws(j);
                if (s[j] === ",") j += 1;
                else if (s[j] === close) return j + 1;
                else return -1;
            }
        }
        if (c === "\"") {
            for (j += 1; j < s.length; j++) {
                if (s[j] === "\\") j++;
                else if (s[j] === "\"") return j + 1;
            }
            return -1;
        }
        const m = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)/.exec(s.slice(j));
        return m ? j + m[0].length : -1;
    };
    return value(i);
}

/**
 * yaml.NewYAMLOrJSONDecoder(text, 128).Decode into `map[string]interface{}`, repeated to EOF: a stream whose first
 * 128 bytes start (after whitespace) with `{` is read as JSON objects; a JSON failure after at most one object
 * switches to YAML from there (after whitespace up to the first newline), a later one is an error.
 */
export function decodeManifestStream(text: string): (Obj | null)[] {
    const out: (Obj | null)[] = [];
    let rest = text;
    const head = Buffer.from(text, "utf8").subarray(0, 128).toString("utf8");
    if (head.trimStart().startsWith("{")) {
        let pos = 0;
        for (;;) {
            const start = pos;
            while (pos < text.length && " \t\r\n".includes(text[pos]!)) pos++;
            if (pos >= text.length) return out;
            const end = jsonValueEnd(text, pos);
            let parsed: unknown;
            let failed = end < 0;
            if (!failed) {
                try {
                    parsed = JSON.parse(text.slice(pos, end));
                } catch {
                    failed = true;
                }
                failed ||= parsed !== null && !isMapValue(parsed);
            }
            if (!failed) {
                out.push(parsed as Obj | null);
                pos = end;
                continue;
            }
            if (out.length > 1) throw new Error(`json: offset ${pos}: invalid JSON object in a JSON stream`);
            let j = start;
            while (j < text.length && /\s/.test(text[j]!) && text[j] !== "\n") j++;
            if (text[j] === "\n") j++;
            rest = text.slice(j);
            break;
        }
    }
    for (const doc of splitYamlDocuments(rest)) out.push(asDocumentMap(goYamlDocument(doc)));
    return out;
}

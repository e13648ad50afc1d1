/**
 * The kill-chain pack as a package other teams install: `npm publish` and `pulumi policy publish` (which runs
 * `npm pack` in the pack's folder: pkg/backend/httpstate/policypack.go, Publish) must ship the compiled pack and
 * nothing else. Installed from git the compiled bin/ was missing (it is git-ignored); a published tarball has it.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const DIR = "policy-packs/kill-chain";
const pkg = JSON.parse(readFileSync(`${DIR}/package.json`, "utf8")) as {
    name: string; private?: boolean; main: string; files: string[]; scripts: Record<string, string>; dependencies: Record<string, string>;
};

describe("kill-chain pack packaging", () => {
    test("is a publishable scoped package whose entry point is the compiled pack", () => {
        assert.match(pkg.name, /^@[a-z0-9-]+\/[a-z0-9-]+$/);
        assert.notEqual(pkg.private, true);
        assert.equal(pkg.main, "bin/index.js");
        assert.deepEqual(Object.keys(pkg.dependencies).sort(), ["@pulumi/policy", "@pulumi/pulumi"]);
    });

    test("npm pack and publish rebuild bin/ from a clean folder first, and installing the tarball runs no build", () => {
        assert.match(pkg.scripts.prepack ?? "", /rmSync\('bin'.*&& tsc -p tsconfig\.json$/);
        // `prepare` would also run where Pulumi Cloud or a user installs the tarball, which holds no tsconfig.json.
        assert.equal(pkg.scripts.prepare, undefined);
        assert.equal(pkg.scripts.prepublish, undefined);
    });

    test("the tarball holds package.json, PulumiPolicy.yaml and compiled JavaScript only: no sources, maps or tests", () => {
        const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: DIR, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
        const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
        assert.ok(files.includes("bin/index.js") && files.includes("PulumiPolicy.yaml") && files.includes("package.json"));
        const other = files.filter((f) => !["package.json", "PulumiPolicy.yaml"].includes(f) && !/^bin\/.+\.js$/.test(f));
        assert.deepEqual(other, []);
        assert.deepEqual(files.filter((f) => /test|spec|fixture/i.test(f)), []);
    });

    test("PulumiPolicy.yaml names the Node.js runtime, as `pulumi policy publish` requires", () => {
        const yaml = parse(readFileSync(`${DIR}/PulumiPolicy.yaml`, "utf8")) as { runtime?: string };
        assert.equal(yaml.runtime, "nodejs");
    });
});

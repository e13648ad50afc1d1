/**
 * The C# example and the workflow job that builds it stay consistent with the component package. .NET is not
 * available here (the job is the only place the C# compiles and its tests run); this checks what can be checked
 * without it: paths, names and the package the example and the job refer to.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";

const EX = "examples/csharp";
const read = (p: string) => readFileSync(p, "utf8");
interface Step { name?: string; run?: string; uses?: string; "working-directory"?: string }
const workflow = parse(read(".github/workflows/components.yml")) as { jobs: Record<string, { steps: Step[] }> };
const pkg = JSON.parse(read("components/package.json")) as { name: string };

describe("C# example of the component package", () => {
    test("the solution holds the program and its test project", () => {
        const sln = read(`${EX}/HardenedStack.sln`);
        for (const proj of ["HardenedStack\\HardenedStack.csproj", "HardenedStack.Tests\\HardenedStack.Tests.csproj"]) {
            assert.ok(sln.includes(proj), proj);
            assert.ok(existsSync(`${EX}/${proj.replace("\\", "/")}`), proj);
        }
    });

    test("the program references the SDK where `pulumi package add` generates it for this package name", () => {
        const csproj = read(`${EX}/HardenedStack/HardenedStack.csproj`);
        const sdk = `sdks\\${pkg.name}\\Pulumi.${pkg.name[0]!.toUpperCase()}${pkg.name.slice(1)}.csproj`;
        assert.ok(csproj.includes(`<ProjectReference Include="${sdk}" />`), sdk);
        assert.match(read(`${EX}/.gitignore`), /^HardenedStack\/sdks\/$/m, "the generated SDK is not checked in");
        assert.match(read(`${EX}/HardenedStack/Pulumi.yaml`), /^runtime: dotnet$/m);
    });

    test("the program uses the components by their generated C# names, the tests use Pulumi's .NET mocks", () => {
        const program = read(`${EX}/HardenedStack/Platform.cs`);
        for (const c of ["HardenedVpc", "PrivateCluster", "PrivateBucket", "ThreatDetection", "IrsaRole"]) assert.ok(program.includes(`new ${c}(`), c);
        assert.ok(program.includes("EgressMode.Sealed"));
        const tests = read(`${EX}/HardenedStack.Tests/PlatformTests.cs`) + read(`${EX}/HardenedStack.Tests/PlatformMocks.cs`);
        assert.ok(tests.includes("Deployment.TestAsync") && tests.includes(": IMocks"));
        assert.match(read(`${EX}/HardenedStack.Tests/HardenedStack.Tests.csproj`), /Include="xunit"/);
    });

    test("the workflow job generates the SDK from components/, then builds and tests the solution", () => {
        const steps = workflow.jobs.csharp!.steps;
        const at = (re: RegExp) => steps.findIndex((s) => re.test(s.run ?? ""));
        const add = at(/pulumi package add \.\.\/\.\.\/\.\.\/components/);
        assert.ok(add >= 0, "pulumi package add");
        assert.equal(steps[add]!["working-directory"], `${EX}/HardenedStack`);
        assert.ok(existsSync(`${EX}/HardenedStack/../../../components/PulumiPlugin.yaml`), "the path the job adds is the package");
        assert.ok(at(/^npm ci$/) < add, "dependencies installed before the plugin runs");
        assert.ok(steps.some((s) => s.uses?.startsWith("pulumi/actions@")) && steps.some((s) => s.uses?.startsWith("actions/setup-dotnet@")));
        assert.ok(add < at(/dotnet build HardenedStack\.sln/) && at(/dotnet build/) < at(/dotnet test HardenedStack\.sln/));
    });
});

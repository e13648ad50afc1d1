using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;
using Xunit;

namespace HardenedStack.Tests;

/// <summary>The C# program under Pulumi's .NET mocks: what it asks the HardenedStack components for.</summary>
public class PlatformTests
{
    private sealed class PlatformStack : Stack
    {
        public PlatformStack() : base(Platform.DefineAsync) { }
    }

    private static async Task<PlatformMocks> RunAsync()
    {
        var mocks = new PlatformMocks();
        await Deployment.TestAsync<PlatformStack>(mocks, new TestOptions
        {
            IsPreview = true,
            ProjectName = "hardened-stack-csharp",
            StackName = "dev",
        });
        return mocks;
    }

    private static ImmutableDictionary<string, object> Inputs(PlatformMocks mocks, string type) =>
        mocks.Registered.Single(r => r.Type == type).Inputs;

    // An optional input left unset is absent (or null, depending on how the SDK serializes it).
    private static bool Unset(ImmutableDictionary<string, object> inputs, string key) =>
        !inputs.TryGetValue(key, out var value) || value is null;

    [Fact]
    public async Task EveryComponentIsTheRemoteHardenedComponentNotAHandBuiltResource()
    {
        var mocks = await RunAsync();
        var types = mocks.Registered.Select(r => r.Type).ToHashSet();
        foreach (var t in new[] { "HardenedVpc", "PrivateCluster", "PrivateBucket", "ThreatDetection", "IrsaRole" })
            Assert.Contains($"hardened:index:{t}", types);
        // No raw EKS cluster, bucket or role: those come from the components, with their secure defaults.
        Assert.DoesNotContain(types, t => t.StartsWith("aws:eks/cluster") || t.StartsWith("aws:s3/bucket") || t.StartsWith("aws:iam/role"));
    }

    [Fact]
    public async Task TheVpcIsSealedNoInternetEgress()
    {
        var vpc = Inputs(await RunAsync(), "hardened:index:HardenedVpc");
        Assert.Equal("sealed", vpc["egressMode"]);
        Assert.True(Unset(vpc, "allowedEgressDomains"));
        Assert.True(Unset(vpc, "dangerouslyAllowAllDnsQueries"));
    }

    [Fact]
    public async Task TheClusterApiIsNeverPublic()
    {
        var cluster = Inputs(await RunAsync(), "hardened:index:PrivateCluster");
        Assert.True(Unset(cluster, "publicAccessCidrs"));
        Assert.NotEmpty((ImmutableArray<object>)cluster["adminRoleArns"]);
        Assert.Equal(3, ((ImmutableArray<object>)cluster["subnetIds"]).Length);
    }

    [Fact]
    public async Task OnlyTheTelemetryReaderServiceAccountCanAssumeTheReaderRole()
    {
        var role = Inputs(await RunAsync(), "hardened:index:IrsaRole");
        Assert.Equal("telemetry", role["namespace"]);
        Assert.Equal("telemetry-reader", role["serviceAccount"]);
        Assert.True(Unset(role, "managedPolicyArns"));
    }

    [Fact]
    public async Task TheReaderRoleReadsTelemetryObjectsAndNothingElse()
    {
        var role = Inputs(await RunAsync(), "hardened:index:IrsaRole");
        var grants = ((ImmutableArray<object>)role["grants"]).Cast<ImmutableDictionary<string, object>>().ToList();
        var actions = grants.SelectMany(g => ((ImmutableArray<object>)g["Action"]).Cast<string>()).ToList();
        Assert.Equal(new[] { "s3:GetObject", "kms:Decrypt" }, actions);
        Assert.All(grants, g => Assert.Equal("Allow", g["Effect"]));
        var resources = grants.SelectMany(g => ((ImmutableArray<object>)g["Resource"]).Cast<string>()).ToList();
        Assert.DoesNotContain("*", resources);
        Assert.Contains(resources, r => r.EndsWith("-telemetry-111122223333-eu-west-1/*"));
    }

    [Fact]
    public async Task ThreatDetectionWatchesTheTelemetryBucketWithGuardDuty()
    {
        var mocks = await RunAsync();
        var detection = Inputs(mocks, "hardened:index:ThreatDetection");
        var bucket = Inputs(mocks, "hardened:index:PrivateBucket");
        Assert.Equal("create", detection["guardDuty"]);
        Assert.Equal($"arn:aws:s3:::{bucket["bucketName"]}", detection["telemetryBucketArn"]);
    }
}

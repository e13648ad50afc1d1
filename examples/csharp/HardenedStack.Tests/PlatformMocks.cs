using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;

namespace HardenedStack.Tests;

/// <summary>
/// Pulumi .NET mocks for the platform. The HardenedStack components are remote (a component provider constructs
/// them), so under mocks each one is a single registration whose inputs are exactly what the C# program passed:
/// these tests check what a .NET team controls, the component package's own tests (tests/components) what the
/// components build from it. Like the TypeScript tests' mocks, these throw on any invoke they were not written for.
/// </summary>
public sealed class PlatformMocks : IMocks
{
    public const string Account = "111122223333";
    public const string Region = "eu-west-1";

    /// <summary>Every registration: type token, name and inputs.</summary>
    public List<(string Type, string Name, ImmutableDictionary<string, object> Inputs)> Registered { get; } = new();

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        lock (Registered) Registered.Add((args.Type ?? "", args.Name ?? "", args.Inputs));
        var outputs = ImmutableDictionary.CreateBuilder<string, object>();
        outputs.AddRange(args.Inputs);
        switch (args.Type)
        {
            case "hardened:index:HardenedVpc":
                outputs["vpcId"] = "vpc-0123456789abcdef0";
                outputs["privateSubnetIds"] = ImmutableArray.Create<object>("subnet-a", "subnet-b", "subnet-c");
                break;
            case "hardened:index:PrivateCluster":
                outputs["oidcProviderArn"] = $"arn:aws:iam::{Account}:oidc-provider/oidc.eks.{Region}.amazonaws.com/id/EXAMPLE";
                outputs["oidcIssuer"] = $"oidc.eks.{Region}.amazonaws.com/id/EXAMPLE";
                break;
            case "hardened:index:PrivateBucket":
                outputs["arn"] = $"arn:aws:s3:::{args.Inputs["bucketName"]}";
                outputs["keyArn"] = $"arn:aws:kms:{Region}:{Account}:key/example";
                break;
            case "hardened:index:IrsaRole":
                outputs["arn"] = $"arn:aws:iam::{Account}:role/{args.Name}";
                break;
        }
        return Task.FromResult<(string?, object)>((args.Name + "_id", outputs.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args)
    {
        object result = args.Token switch
        {
            "aws:index/getCallerIdentity:getCallerIdentity" => ImmutableDictionary<string, object>.Empty
                .Add("accountId", Account).Add("arn", $"arn:aws:iam::{Account}:role/deployer").Add("userId", "AROAEXAMPLE").Add("id", Account),
            "aws:index/getRegion:getRegion" => ImmutableDictionary<string, object>.Empty
                .Add("region", Region).Add("name", Region).Add("id", Region).Add("endpoint", $"ec2.{Region}.amazonaws.com").Add("description", "Europe (Ireland)"),
            "aws:index/getPartition:getPartition" => ImmutableDictionary<string, object>.Empty
                .Add("partition", "aws").Add("dnsSuffix", "amazonaws.com").Add("id", "aws").Add("reverseDnsPrefix", "com.amazonaws"),
            "aws:index/getAvailabilityZones:getAvailabilityZones" => ImmutableDictionary<string, object>.Empty
                .Add("names", ImmutableArray.Create<object>($"{Region}a", $"{Region}b", $"{Region}c", $"{Region}d"))
                .Add("zoneIds", ImmutableArray.Create<object>("euw1-az1", "euw1-az2", "euw1-az3", "euw1-az4")).Add("id", Region),
            _ => throw new InvalidOperationException($"unexpected invoke {args.Token}: add it to PlatformMocks if the program needs it"),
        };
        return Task.FromResult(result);
    }
}

using Pulumi;
using Pulumi.Hardened;
using Pulumi.Hardened.Inputs;
using Aws = Pulumi.Aws;

namespace HardenedStack;

/// <summary>
/// What a .NET platform team writes: the HardenedStack components from the generated C# SDK, wired as the
/// TypeScript reference program (infra/index.ts) wires them. Every secure default comes from the components; this
/// file only supplies what is specific to the account.
/// </summary>
public static class Platform
{
    public static async Task<IDictionary<string, object?>> DefineAsync()
    {
        var config = new Config();
        // Names, ARNs and policy documents are built from these at preview time, as in the TypeScript program.
        var identity = await Aws.GetCallerIdentity.InvokeAsync();
        var region = await Aws.GetRegion.InvokeAsync();
        var partition = await Aws.GetPartition.InvokeAsync();
        var zones = await Aws.GetAvailabilityZones.InvokeAsync(new Aws.GetAvailabilityZonesArgs { State = "available" });
        var env = new AwsEnvironmentArgs
        {
            AccountId = identity.AccountId,
            Region = region.Region,
            Partition = partition.Partition,
            DnsSuffix = partition.DnsSuffix,
        };
        var prefix = $"{Deployment.Instance.ProjectName}-{Deployment.Instance.StackName}";
        var lists = config.RequireObject<Dictionary<string, string>>("dnsFirewallManagedListIds");
        const string cidr = "10.40.0.0/16";

        var network = new HardenedVpc("network", new HardenedVpcArgs
        {
            Env = env,
            Cidr = cidr,
            AvailabilityZones = zones.Names.Take(3).ToList(),
            EgressMode = EgressMode.Sealed,
            NamePrefix = prefix,
            DnsFirewallManagedListIds = new ManagedDomainListIdsArgs
            {
                AWSManagedDomainsAggregateThreatList = lists["AWSManagedDomainsAggregateThreatList"],
                AWSManagedDomainsAmazonGuardDutyThreatList = lists["AWSManagedDomainsAmazonGuardDutyThreatList"],
                AWSManagedDomainsMalwareDomainList = lists["AWSManagedDomainsMalwareDomainList"],
                AWSManagedDomainsBotnetCommandandControl = lists["AWSManagedDomainsBotnetCommandandControl"],
            },
        });

        var cluster = new PrivateCluster("cluster", new PrivateClusterArgs
        {
            Env = env,
            ClusterName = prefix,
            VpcId = network.VpcId,
            VpcCidr = cidr,
            // An Output of a list: the component checks it (two subnets at least) once it is known.
            SubnetIds = network.PrivateSubnetIds,
            // The S3 gateway endpoint's own prefix list: no lookup needed.
            S3PrefixListId = network.S3PrefixListId,
            EgressMode = EgressMode.Sealed,
            AdminRoleArns = config.RequireObject<List<string>>("adminRoleArns"),
            NodeGroup = new NodeGroupSettingsArgs
            {
                InstanceTypes = { "m7i.large" },
                MinSize = 2,
                MaxSize = 4,
                DesiredSize = 2,
                DiskSizeGiB = 50,
            },
        });

        var bucketName = $"{prefix}-telemetry-{identity.AccountId}-{region.Region}";
        var telemetry = new PrivateBucket("telemetry", new PrivateBucketArgs
        {
            Env = env,
            BucketName = bucketName,
            AdminRoleArns = config.RequireObject<List<string>>("breakGlassRoleArns"),
        });

        var detection = new ThreatDetection("detection", new ThreatDetectionArgs
        {
            Env = env,
            NamePrefix = prefix,
            // Plain: S3 bucket ARNs carry neither region nor account, so it is known from the name.
            TelemetryBucketArn = $"arn:{partition.Partition}:s3:::{bucketName}",
            GuardDuty = GuardDutyMode.Create,
        });

        // The only identity that can read the telemetry: one service account in one namespace, through IRSA.
        var reader = new IrsaRole("telemetry-reader", new IrsaRoleArgs
        {
            Env = env,
            OidcProviderArn = cluster.OidcProviderArn,
            OidcIssuer = cluster.OidcIssuer,
            Namespace = "telemetry",
            ServiceAccount = "telemetry-reader",
            Description = "telemetry-reader: read objects of the telemetry bucket, nothing else",
            Grants =
            {
                new PolicyStatementArgs
                {
                    Sid = "ReadTelemetryObjects",
                    Effect = PolicyEffect.Allow,
                    Action = { "s3:GetObject" },
                    Resource = { telemetry.Arn.Apply(arn => $"{arn}/*") },
                },
                new PolicyStatementArgs
                {
                    Sid = "DecryptTelemetryObjects",
                    Effect = PolicyEffect.Allow,
                    Action = { "kms:Decrypt" },
                    Resource = { telemetry.KeyArn },
                },
            },
        });

        return new Dictionary<string, object?>
        {
            ["vpcId"] = network.VpcId,
            ["egressMode"] = network.EgressMode,
            ["clusterName"] = cluster.ClusterName,
            ["clusterEndpoint"] = cluster.Endpoint,
            ["telemetryBucket"] = telemetry.BucketName,
            ["telemetryReaderRoleArn"] = reader.Arn,
            ["cloudTrailArn"] = detection.TrailArn,
            ["alertTopicArn"] = detection.AlertTopicArn,
        };
    }
}

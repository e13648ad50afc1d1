/**
 * The HardenedStack program: a private-API EKS platform where each step of the 2018 Tesla cryptojacking kill chain is
 * closed by default. Config is read and validated first (infra/config.ts); then one component per concern.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "./lib/aws";
import { globalName } from "./lib/naming";
import { loadPlatformConfig } from "./config";
import { HardenedVpc } from "./network/vpc";
import { PrivateCluster } from "./cluster/private-cluster";
import { AccessLogBucket } from "./data/log-bucket";
import { PrivateBucket } from "./data/private-bucket";
import { AccountPublicAccessBlock } from "./data/account-public-access";
import { ThreatDetection } from "./detection/threat-detection";
import { IrsaRole } from "./identity/irsa-role";
import { grantReadObjects } from "./identity/grants";
import { KubernetesLayer } from "./kubernetes/layer";
import { TELEMETRY_READER_NAMESPACE, TELEMETRY_READER_SERVICE_ACCOUNT } from "./kubernetes/telemetry-reader";
import { lookupAutoScalingServiceLinkedRole } from "./cluster/service-linked-role";
import { guardDutyAgentVersionWarning } from "./cluster/settings";

export = async () => {
    // Account, region and partition come from invokes, which run in a preview too: every name, ARN and policy
    // document built from them is known before anything is created.
    const [identity, region, partition, zones] = await Promise.all([
        aws.getCallerIdentity({}), aws.getRegion({}), aws.getPartition({}), aws.getAvailabilityZones({ state: "available" }),
    ]);
    const env: AwsEnvironment = {
        partition: partition.partition, region: region.region, accountId: identity.accountId, dnsSuffix: partition.dnsSuffix,
    };
    const config = loadPlatformConfig(env);
    const project = pulumi.getProject();
    const stack = pulumi.getStack();
    const prefix = `${project}-${stack}`;
    if (zones.names.length < config.network.availabilityZoneCount) {
        throw new Error(`invalid hardened-stack:network.availabilityZoneCount: ${config.network.availabilityZoneCount} — ${env.region} has only ${zones.names.length} available zones`);
    }
    const versionWarning = guardDutyAgentVersionWarning(config.cluster.version, config.detection.guardDuty !== "off");
    if (versionWarning) void pulumi.log.warn(versionWarning);
    // A fresh account has no Auto Scaling service-linked role yet; the node-volume key grant needs one.
    const autoScalingServiceLinkedRole = await lookupAutoScalingServiceLinkedRole(`${project}/${stack}`);
    const deletionProtection = !config.operations.allowDestroy;
    if (!deletionProtection) void pulumi.log.warn("hardened-stack:operations.allowDestroy is true: deletion protection is off on the EKS cluster, the security log groups and the Network Firewall; set it back to false once the teardown or mode switch is done");

    const network = new HardenedVpc("network", {
        env,
        cidr: config.network.cidr,
        availabilityZones: zones.names.slice(0, config.network.availabilityZoneCount),
        egressMode: config.network.egressMode,
        allowedEgressDomains: config.network.allowedEgressDomains,
        flowLogRetentionDays: config.network.flowLogRetentionDays,
        namePrefix: prefix,
        dnsFirewallManagedListIds: config.network.dnsFirewallManagedListIds,
        deletionProtection,
    });

    const cluster = new PrivateCluster("cluster", {
        env,
        clusterName: prefix,
        vpcId: network.vpcId,
        vpcCidr: network.cidrBlock,
        subnetIds: network.privateSubnetIds,
        s3PrefixListId: network.s3PrefixListId,
        egressMode: config.network.egressMode,
        version: config.cluster.version,
        publicAccessCidrs: config.cluster.publicAccessCidrs,
        adminRoleArns: config.cluster.adminRoleArns,
        readOnlyRoleArns: config.cluster.readOnlyRoleArns,
        nodeGroup: config.cluster.nodeGroup,
        logRetentionDays: config.cluster.logRetentionDays,
        deletionProtection,
        autoScalingServiceLinkedRole,
    });

    const accessLogs = new AccessLogBucket("access-logs", {
        env, bucketName: globalName({ project, stack, purpose: "access-logs", env }),
    });
    const telemetry = new PrivateBucket("telemetry", {
        env,
        bucketName: globalName({ project, stack, purpose: "telemetry", env }),
        accessLogBucket: accessLogs.target,
        adminRoleArns: config.data.breakGlassRoleArns,
        deployerRoleArns: config.data.deployerRoleArns,
    });
    if (config.data.manageAccountPublicAccessBlock) new AccountPublicAccessBlock("account-public-access", { env });

    const detection = new ThreatDetection("detection", {
        env,
        namePrefix: prefix,
        telemetryBucketArn: telemetry.arn,
        guardDuty: config.detection.guardDuty,
        detectorId: config.detection.detectorId,
        alertEmail: config.detection.alertEmail,
        logRetentionDays: config.detection.logRetentionDays,
        accessLogBucket: accessLogs.target,
        adminRoleArns: config.detection.auditReaderRoleArns,
        deployerRoleArns: config.data.deployerRoleArns,
        deletionProtection,
    });

    // The only identity that can read the telemetry: one service account in one namespace, through IRSA.
    const readerRole = new IrsaRole("telemetry-reader", {
        env,
        oidcProviderArn: cluster.oidcProviderArn,
        oidcIssuer: cluster.oidcIssuer,
        namespace: TELEMETRY_READER_NAMESPACE,
        serviceAccount: TELEMETRY_READER_SERVICE_ACCOUNT,
        description: "telemetry-reader: read objects of the telemetry bucket, nothing else",
        grants: grantReadObjects(env, telemetry.arn, telemetry.keyArn),
    });

    const deploy = config.kubernetes.mode === "deploy";
    const kubernetes = new KubernetesLayer("kubernetes", {
        mode: config.kubernetes.mode,
        connection: deploy ? {
            clusterName: cluster.clusterName,
            endpoint: cluster.endpoint,
            certificateAuthorityData: cluster.certificateAuthorityData,
            token: pulumi.secret(aws.eks.getClusterAuthOutput({ name: cluster.cluster.name }).token),
            ...(config.kubernetes.tunnelLocalPort ? { tunnel: { localPort: config.kubernetes.tunnelLocalPort } } : {}),
        } : undefined,
        workloadNamespaces: config.kubernetes.workloadNamespaces,
        telemetryReader: {
            env,
            image: config.kubernetes.telemetryReaderImage,
            irsaRoleArn: readerRole.arn,
            bucketName: telemetry.bucketName,
            vpcCidr: network.cidrBlock,
        },
    }, { dependsOn: [cluster] });

    return {
        egressMode: network.egressMode,
        vpcId: network.vpcId,
        clusterName: cluster.clusterName,
        clusterEndpoint: cluster.endpoint,
        telemetryBucket: telemetry.bucketName,
        telemetryReaderRoleArn: readerRole.arn,
        cloudTrailArn: detection.trailArn,
        alertTopicArn: detection.alertTopicArn,
        kubernetesLayer: kubernetes.deployed ? "deployed" : "skipped",
    };
};

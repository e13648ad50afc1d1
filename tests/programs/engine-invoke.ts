// Calls an invoke the offline engine does not implement: the run must fail, never pass with an empty answer.
import * as aws from "@pulumi/aws";

export = async () => {
    const ami = await aws.ec2.getAmi({ owners: ["amazon"], mostRecent: true });
    return { ami: ami.id };
};

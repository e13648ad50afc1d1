import * as aws from "@pulumi/aws";
import { validateDays } from "./validators";

export interface LifecycleOptions {
    /** Days a replaced or deleted object version is kept before S3 removes it. */
    noncurrentVersionExpirationDays: number;
    /** Days before S3 discards the parts of an upload that was never completed (they are billed and invisible). */
    abortIncompleteMultipartUploadDays: number;
    /** Days after which current objects expire; undefined keeps them until deleted. */
    expirationDays?: number;
}

/** Checks lifecycle options; `prefix` is the component or config prefix used in error messages. */
export function validateLifecycleOptions(options: LifecycleOptions, prefix: string): LifecycleOptions {
    validateDays(options.noncurrentVersionExpirationDays, `${prefix}.noncurrentVersionExpirationDays`, 1, 36500);
    validateDays(options.abortIncompleteMultipartUploadDays, `${prefix}.abortIncompleteMultipartUploadDays`, 1, 365);
    if (options.expirationDays !== undefined) validateDays(options.expirationDays, `${prefix}.expirationDays`, 1, 36500);
    return options;
}

/** Lifecycle rules for a versioned bucket; every rule applies to the whole bucket (empty filter). */
export function lifecycleRules(options: LifecycleOptions): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
    const rules: aws.types.input.s3.BucketLifecycleConfigurationRule[] = [
        {
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: options.noncurrentVersionExpirationDays },
        },
        {
            id: "abort-incomplete-multipart-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: options.abortIncompleteMultipartUploadDays },
        },
    ];
    if (options.expirationDays !== undefined) {
        rules.push({ id: "expire-current-versions", status: "Enabled", filter: {}, expiration: { days: options.expirationDays } });
    } else {
        // Without current-version expiry, delete markers whose versions have all expired would pile up forever.
        rules.push({ id: "remove-expired-delete-markers", status: "Enabled", filter: {}, expiration: { expiredObjectDeleteMarker: true } });
    }
    return rules;
}

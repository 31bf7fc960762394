package dev.cutover.preflight.port;

/**
 * Where HeadBucket says a bucket is.
 *
 * @param region the bucket's region ({@code x-amz-bucket-region}); {@code null} when the answer
 *     did not say
 */
public record BucketLocation(String region) {}

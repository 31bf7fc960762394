package dev.cutover.preflight.port;

/**
 * A key as ListObjectsV2 shows it.
 *
 * @param key the object's key
 * @param size its size in bytes
 * @param storageClass its storage class ({@code STANDARD}, {@code GLACIER}, {@code DEEP_ARCHIVE},
 *     {@code INTELLIGENT_TIERING}...); {@code STANDARD} when the listing leaves it out
 */
public record ListedObject(String key, long size, String storageClass) {}

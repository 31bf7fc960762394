package dev.cutover.verify.port;

/**
 * The checksum S3 stores with an object (returned by HEAD with checksum mode enabled).
 *
 * @param algorithm {@code CRC32}, {@code CRC32C}, {@code CRC64NVME}, {@code SHA1} or {@code SHA256}
 * @param value the base64 value as S3 returns it ({@code -N} suffix for a composite checksum)
 * @param fullObject whether it is a checksum of the whole content ({@code FULL_OBJECT}) rather
 *     than a checksum of part checksums ({@code COMPOSITE}), which depends on the part layout
 */
public record StoredChecksum(String algorithm, String value, boolean fullObject) {}

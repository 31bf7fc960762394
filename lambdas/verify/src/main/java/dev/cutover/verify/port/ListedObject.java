package dev.cutover.verify.port;

/**
 * A key as a listing shows it: enough to pair blue with green and catch size differences without
 * a request per object.
 */
public record ListedObject(String key, long size) {}

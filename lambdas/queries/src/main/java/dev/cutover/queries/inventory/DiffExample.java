package dev.cutover.queries.inventory;

/**
 * A key in a category, with what each inventory says of it ({@code null} where that side has no
 * such object).
 */
public record DiffExample(
    String key,
    Long blueSize,
    Long greenSize,
    String blueStorageClass,
    String greenStorageClass,
    String blueETag,
    String greenETag) {}

package com.adobe.testing.s3mock.s3.service;

import com.adobe.testing.s3mock.s3.dto.S3Object;
import dev.cutover.aws.S3KeyOrder;
import java.util.Comparator;

/**
 * The comparator S3Mock 5.2.0's {@code BucketService.getS3Objects} sorts listings with (a Kotlin
 * {@code sortedBy { it.key }}), <b>shadowing the compiled class of the same name; valid for 5.2.0
 * only</b>. The original compares keys as Java strings, which is UTF-16 order; S3 lists in UTF-8
 * byte order, and the two disagree when one key has a character in U+E000–U+FFFF where another has
 * one above U+FFFF (e.g. {@code ｆ} and an emoji). This compares by code point, which is UTF-8 order.
 */
public final class BucketService$getS3Objects$$inlined$sortedBy$1<T> implements Comparator<T> {

  public BucketService$getS3Objects$$inlined$sortedBy$1() {}

  @Override
  public int compare(T a, T b) {
    return S3KeyOrder.compare(((S3Object) a).getKey(), ((S3Object) b).getKey());
  }
}

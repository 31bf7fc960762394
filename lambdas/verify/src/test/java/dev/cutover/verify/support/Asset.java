package dev.cutover.verify.support;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An object as a test seeds it, with every field the verify step compares. Writing the same asset
 * to blue and green is what replication does; {@link #with} changes one field for green.
 *
 * @param headers by plan field name: {@code Content-Type}, {@code Cache-Control}, {@code
 *     Content-Encoding}, {@code Content-Disposition}, {@code Content-Language}, {@code Expires}
 *     (RFC 1123), {@code storage-class}
 * @param partSize {@code 0} for one PutObject, else a multipart upload in parts of this size
 */
public record Asset(
    String key, byte[] body, Map<String, String> headers, Map<String, String> metadata, Map<String, String> tags, int partSize) {

  public static Asset of(String key, byte[] body) {
    return new Asset(key, body, Map.of(), Map.of(), Map.of(), 0);
  }

  public Asset key(String other) {
    return new Asset(other, body, headers, metadata, tags, partSize);
  }

  public Asset header(String field, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(field, value);
    return new Asset(key, body, copy, metadata, tags, partSize);
  }

  public Asset meta(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(metadata);
    copy.put(name, value);
    return new Asset(key, body, headers, copy, tags, partSize);
  }

  public Asset tag(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(tags);
    copy.put(name, value);
    return new Asset(key, body, headers, metadata, copy, partSize);
  }

  public Asset multipart(int partSize) {
    return new Asset(key, body, headers, metadata, tags, partSize);
  }

  /** This asset with one compared field changed: a header, {@code x-amz-meta-NAME} or {@code tags}. */
  public Asset with(String field, String value) {
    if (field.startsWith("x-amz-meta-")) {
      return meta(field.substring("x-amz-meta-".length()), value);
    }
    if (field.equals("tags")) {
      String[] pair = value.split("=", 2);
      return new Asset(key, body, headers, metadata, Map.of(pair[0], pair[1]), partSize);
    }
    return header(field, value);
  }

  public void putTo(S3Client s3, String bucket) {
    if (partSize == 0) {
      PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key);
      headers.forEach((field, value) -> putHeader(put, field, value));
      put.metadata(metadata).tagging(tagging());
      s3.putObject(put.build(), RequestBody.fromBytes(body));
      return;
    }
    CreateMultipartUploadRequest.Builder create =
        CreateMultipartUploadRequest.builder().bucket(bucket).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32);
    headers.forEach((field, value) -> createHeader(create, field, value));
    create.metadata(metadata).tagging(tags.isEmpty() ? null : tagQuery());
    String uploadId = s3.createMultipartUpload(create.build()).uploadId();
    CompletedPart[] parts = new CompletedPart[(body.length + partSize - 1) / partSize];
    for (int i = 0; i < parts.length; i++) {
      int number = i + 1;
      byte[] part = Arrays.copyOfRange(body, i * partSize, Math.min(body.length, (i + 1) * partSize));
      UploadPartResponse uploaded =
          s3.uploadPart(
              r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).checksumAlgorithm(ChecksumAlgorithm.CRC32),
              RequestBody.fromBytes(part));
      parts[i] = CompletedPart.builder().partNumber(number).eTag(uploaded.eTag()).checksumCRC32(uploaded.checksumCRC32()).build();
    }
    s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
  }

  private Tagging tagging() {
    return tags.isEmpty()
        ? null
        : Tagging.builder().tagSet(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
  }

  private String tagQuery() {
    return String.join("&", tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  private static void putHeader(PutObjectRequest.Builder put, String field, String value) {
    switch (field) {
      case "Content-Type" -> put.contentType(value);
      case "Cache-Control" -> put.cacheControl(value);
      case "Content-Encoding" -> put.contentEncoding(value);
      case "Content-Disposition" -> put.contentDisposition(value);
      case "Content-Language" -> put.contentLanguage(value);
      case "Expires" -> put.expires(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      case "storage-class" -> put.storageClass(value);
      default -> throw new IllegalArgumentException("S3 PutObject has no field " + field);
    }
  }

  private static void createHeader(CreateMultipartUploadRequest.Builder create, String field, String value) {
    switch (field) {
      case "Content-Type" -> create.contentType(value);
      case "Cache-Control" -> create.cacheControl(value);
      case "Content-Encoding" -> create.contentEncoding(value);
      case "Content-Disposition" -> create.contentDisposition(value);
      case "Content-Language" -> create.contentLanguage(value);
      case "Expires" -> create.expires(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      case "storage-class" -> create.storageClass(value);
      default -> throw new IllegalArgumentException("S3 CreateMultipartUpload has no field " + field);
    }
  }
}

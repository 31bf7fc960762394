package dev.cutover.local.rehearsal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * What a static-asset bucket holds, as a rehearsal seeds blue with it: the objects that break
 * migrations when a field is lost. Deterministic for a seed, so two rehearsals seed the same bytes.
 *
 * <ul>
 *   <li>{@code index.html} ({@code no-cache}) and a {@code 404.html};
 *   <li>fingerprinted, gzip'd JavaScript with {@code Content-Encoding: gzip} and a year-long
 *       immutable {@code Cache-Control};
 *   <li>fingerprinted CSS, images with {@code x-amz-meta-*}, a download with {@code
 *       Content-Disposition}, a localised page with {@code Content-Language};
 *   <li>keys with spaces, non-ASCII characters and {@code +};
 *   <li>a zero-byte file, a multipart object, tagged objects;
 *   <li>and as many generated assets as asked for, with a skewed size distribution.
 * </ul>
 */
public final class AssetSet {

  /** One object to write. */
  public record Asset(String key, byte[] body, Map<String, String> headers, Map<String, String> metadata, Map<String, String> tags, boolean multipart) {

    public Asset {
      headers = Map.copyOf(headers);
      metadata = Map.copyOf(metadata);
      tags = Map.copyOf(tags);
    }
  }

  /** S3's smallest part but the last, so a multipart object needs more than this. */
  static final int PART_SIZE = 5 * 1024 * 1024;

  private final List<Asset> assets;

  private AssetSet(List<Asset> assets) {
    this.assets = List.copyOf(assets);
  }

  public List<Asset> assets() {
    return assets;
  }

  /**
   * The fixed assets every rehearsal has (twelve), then generated ones up to {@code count} objects
   * in all.
   *
   * @param prefix the key prefix the plan migrates, e.g. {@code static/}
   */
  public static AssetSet of(String prefix, int count, long seed) {
    Random random = new Random(seed);
    List<Asset> assets = new ArrayList<>();
    String longCache = "public, max-age=31536000, immutable";
    assets.add(new Asset(prefix + "index.html", html("Home", random), Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-cache"), Map.of(), Map.of(), false));
    assets.add(new Asset(prefix + "404.html", html("Not found", random), Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "max-age=300"), Map.of(), Map.of(), false));
    assets.add(new Asset(prefix + "js/app." + hex(random) + ".js", gzip(js(random, 40_000)),
        Map.of("Content-Type", "application/javascript", "Content-Encoding", "gzip", "Cache-Control", longCache), Map.of(), Map.of("team", "web"), false));
    assets.add(new Asset(prefix + "js/vendor." + hex(random) + ".js", gzip(js(random, 120_000)),
        Map.of("Content-Type", "application/javascript", "Content-Encoding", "gzip", "Cache-Control", longCache), Map.of(), Map.of(), false));
    assets.add(new Asset(prefix + "css/site." + hex(random) + ".css", text("body{margin:0}", random, 8_000),
        Map.of("Content-Type", "text/css", "Cache-Control", longCache), Map.of(), Map.of(), false));
    assets.add(new Asset(prefix + "img/logo.png", bytes(random, 12_000), Map.of("Content-Type", "image/png", "Cache-Control", "public, max-age=86400"),
        Map.of("origin", "design-system", "revision", "7"), Map.of("team", "brand", "classification", "public"), false));
    assets.add(new Asset(prefix + "img/team photo 2026.jpg", bytes(random, 30_000), Map.of("Content-Type", "image/jpeg", "Cache-Control", "public, max-age=86400"), Map.of(), Map.of(), false));
    assets.add(new Asset(prefix + "fonts/Übersicht-Grotesk.woff2", bytes(random, 20_000), Map.of("Content-Type", "font/woff2", "Cache-Control", longCache), Map.of(), Map.of(), false));
    assets.add(new Asset(prefix + "docs/guide+faq (v2).pdf", bytes(random, 25_000),
        Map.of("Content-Type", "application/pdf", "Content-Disposition", "attachment; filename=\"guide.pdf\"", "Cache-Control", "public, max-age=3600"), Map.of(), Map.of(), false));
    assets.add(new Asset(prefix + "fr/index.html", html("Accueil", random), Map.of("Content-Type", "text/html; charset=utf-8", "Content-Language", "fr", "Cache-Control", "no-cache"), Map.of(), Map.of(), false));
    assets.add(new Asset(prefix + "empty.txt", new byte[0], Map.of("Content-Type", "text/plain"), Map.of(), Map.of(), false));
    assets.add(new Asset(prefix + "media/intro.mp4", bytes(random, PART_SIZE + 200_000), Map.of("Content-Type", "video/mp4", "Cache-Control", "public, max-age=86400"), Map.of(), Map.of(), true));
    for (int i = assets.size(); i < count; i++) {
      String kind = switch (random.nextInt(4)) {
        case 0 -> "js";
        case 1 -> "css";
        case 2 -> "img";
        default -> "data";
      };
      String key = prefix + "gen/" + kind + "/" + i + "." + hex(random) + extension(kind);
      int size = (int) Math.min(200_000, 200 + Math.abs(random.nextGaussian()) * 4_000 * (random.nextInt(10) == 0 ? 10 : 1));
      assets.add(new Asset(key, bytes(random, size), Map.of("Content-Type", contentType(kind), "Cache-Control", longCache), Map.of(), Map.of(), false));
    }
    return new AssetSet(assets);
  }

  /** Writes every asset into {@code bucket} with {@code threads} at once; {@code progress} gets each count done. */
  public void write(S3Client s3, String bucket, int threads, IntConsumer progress) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (Asset asset : assets) {
        writes.add(pool.submit(() -> {
          put(s3, bucket, asset);
          progress.accept(done.incrementAndGet());
        }));
      }
      for (Future<?> write : writes) {
        write.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding " + bucket, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("seeding " + bucket + " failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  static void put(S3Client s3, String bucket, Asset asset) {
    Map<String, String> h = asset.headers();
    Tagging tagging = Tagging.builder().tagSet(asset.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
    if (!asset.multipart()) {
      s3.putObject(r -> {
        r.bucket(bucket).key(asset.key()).contentType(h.get("Content-Type")).cacheControl(h.get("Cache-Control"))
            .contentEncoding(h.get("Content-Encoding")).contentDisposition(h.get("Content-Disposition")).contentLanguage(h.get("Content-Language"))
            .metadata(asset.metadata()).checksumAlgorithm(ChecksumAlgorithm.CRC32);
        if (!asset.tags().isEmpty()) {
          r.tagging(tagging);
        }
      }, RequestBody.fromBytes(asset.body()));
      return;
    }
    String upload = s3.createMultipartUpload(r -> r.bucket(bucket).key(asset.key()).contentType(h.get("Content-Type")).cacheControl(h.get("Cache-Control"))
        .metadata(asset.metadata()).checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    byte[] body = asset.body();
    for (int offset = 0, number = 1; offset < body.length; offset += PART_SIZE, number++) {
      int n = number;
      byte[] part = java.util.Arrays.copyOfRange(body, offset, Math.min(body.length, offset + PART_SIZE));
      var answer = s3.uploadPart(r -> r.bucket(bucket).key(asset.key()).uploadId(upload).partNumber(n).checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(part));
      parts.add(CompletedPart.builder().partNumber(n).eTag(answer.eTag()).checksumCRC32(answer.checksumCRC32()).build());
    }
    s3.completeMultipartUpload(r -> r.bucket(bucket).key(asset.key()).uploadId(upload).multipartUpload(m -> m.parts(parts)));
  }

  private static String extension(String kind) {
    return switch (kind) {
      case "js" -> ".js";
      case "css" -> ".css";
      case "img" -> ".png";
      default -> ".json";
    };
  }

  private static String contentType(String kind) {
    return switch (kind) {
      case "js" -> "application/javascript";
      case "css" -> "text/css";
      case "img" -> "image/png";
      default -> "application/json";
    };
  }

  private static String hex(Random random) {
    byte[] b = new byte[4];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static byte[] html(String title, Random random) {
    return ("<!doctype html><html><head><title>" + title + "</title></head><body><h1>" + title + "</h1><p>" + random.nextLong() + "</p></body></html>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] js(Random random, int size) {
    return text("(function(){'use strict';var x=0;", random, size);
  }

  private static byte[] text(String start, Random random, int size) {
    StringBuilder s = new StringBuilder(start);
    while (s.length() < size) {
      s.append("/*").append(Long.toHexString(random.nextLong())).append("*/x+=1;");
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

package dev.cutover.local.batch;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the full-object checksum S3 defaults to ({@code CRC64NVME}): reflected, polynomial
 * {@code 0xAD93D23594C93659}, initial value and final XOR all ones; the check value of {@code
 * "123456789"} is {@code 0xAE8B14860A799888}. In plain Java because the SDK's own implementation
 * needs the AWS CRT native library, which the rehearsal does not ship.
 */
public final class Crc64Nvme implements Checksum {

  private static final long REFLECTED_POLY = 0x9A6C9329AC4BC9B5L;
  private static final long[] TABLE = new long[256];

  static {
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private long crc = -1L;

  @Override
  public void update(int b) {
    crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
  }

  @Override
  public void update(byte[] bytes, int offset, int length) {
    long c = crc;
    for (int i = offset; i < offset + length; i++) {
      c = TABLE[(int) ((c ^ bytes[i]) & 0xFF)] ^ (c >>> 8);
    }
    crc = c;
  }

  /** The checksum of what was read so far. */
  @Override
  public long getValue() {
    return ~crc;
  }

  /** The checksum as S3 gives it: 8 bytes, big-endian. */
  public byte[] bytes() {
    long value = getValue();
    byte[] out = new byte[8];
    for (int i = 7; i >= 0; i--) {
      out[i] = (byte) value;
      value >>>= 8;
    }
    return out;
  }

  @Override
  public void reset() {
    crc = -1L;
  }
}

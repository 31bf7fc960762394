package dev.cutover.local.s3;

/**
 * CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final XOR all ones), the
 * checksum S3 calls CRC64NVME: the tests' own reference, independent of the SDK's.
 */
final class Crc64Nvme {

  private static final long POLY_REFLECTED = 0x9A6C9329AC4BC9B5L;
  private static final long[] TABLE = new long[256];

  static {
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private Crc64Nvme() {}

  static long of(byte[] data) {
    long crc = -1L;
    for (byte b : data) {
      crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
    }
    return ~crc;
  }
}

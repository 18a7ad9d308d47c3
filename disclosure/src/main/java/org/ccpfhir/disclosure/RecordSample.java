package org.ccpfhir.disclosure;

/**
 * Which records count in released numbers (the record sample): a record counts when a fixed hash of
 * its secret key falls below the sampling rate. So the sample is secret, fixed for the record's
 * life (its key is kept across updates and restarts) and the same for every question; a record
 * outside it never changes any released number.
 */
public final class RecordSample {

  private static final double TWO_32 = 4294967296.0;
  // decorrelates the sample from the key's own bits, which also feed the cell key
  private static final long SALT = 0x73616d706c652d31L;

  private RecordSample() {}

  /** Whether the record with this key counts at this rate (a rate of 1 counts every record). */
  public static boolean counts(int recordKey, double rate) {
    if (rate >= 1) {
      return true;
    }
    long mixed = PerturbationTable.mix((recordKey & 0xffffffffL) ^ SALT);
    return (mixed >>> 32) < rate * TWO_32;
  }
}

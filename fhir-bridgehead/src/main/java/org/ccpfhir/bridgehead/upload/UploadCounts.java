package org.ccpfhir.bridgehead.upload;

/**
 * Counters of one run.
 *
 * @param considered patients whose consent allows an upload or who are held centrally
 * @param uploaded patients sent (new or changed data)
 * @param deleted patients removed centrally (consent withdrawn, objection, no longer relevant)
 * @param unchanged patients whose data did not change since the last upload
 * @param failed patients that could not be handled in this run (retried next run)
 */
public record UploadCounts(int considered, int uploaded, int deleted, int unchanged, int failed) {

  public static final UploadCounts ZERO = new UploadCounts(0, 0, 0, 0, 0);

  public UploadCounts plus(UploadCounts o) {
    return new UploadCounts(
        considered + o.considered,
        uploaded + o.uploaded,
        deleted + o.deleted,
        unchanged + o.unchanged,
        failed + o.failed);
  }
}

package org.ccpfhir.mdssearch.broker.persistence;

/**
 * The changing part of one site's Task; everything else is the request's.
 *
 * @param id the site Task's id ({@code <request id>-<site>})
 * @param requestId the request it is part of
 * @param site the owning site's code
 * @param status FHIR Task.status code
 * @param businessStatus {@code expired} or null
 * @param reason statusReason text (rejections, failures, expiry) or null
 * @param outputBase64 the sealed released result (base64 DER CMS) or null
 * @param version starts at 1, +1 per change
 * @param updatedMs last change; strictly increasing over all site Tasks of the broker
 */
public record StoredSiteTask(
    String id,
    String requestId,
    String site,
    String status,
    String businessStatus,
    String reason,
    String outputBase64,
    int version,
    long updatedMs) {

  /** The same Task in a new state. */
  public StoredSiteTask changed(
      String newStatus, String newBusinessStatus, String newReason, String newOutput, long now) {
    return new StoredSiteTask(
        id, requestId, site, newStatus, newBusinessStatus, newReason, newOutput, version + 1, now);
  }
}

package org.ccpfhir.mdssearch.broker.persistence;

/**
 * A stored search request: the researcher's Task as accepted at creation.
 *
 * @param id the request Task's id
 * @param requester user name of the researcher (from the token)
 * @param taskJson the request Task, JSON; never changed after creation
 * @param validUntilMs end of the validity period
 * @param createdMs creation time
 */
public record StoredRequest(
    String id, String requester, String taskJson, long validUntilMs, long createdMs) {}

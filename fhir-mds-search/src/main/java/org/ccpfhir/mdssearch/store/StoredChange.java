package org.ccpfhir.mdssearch.store;

/**
 * What an upsert or delete changed, for the count engine to follow.
 *
 * @param ordinal the record's position in the count engine's bitmaps
 * @param site the site code
 * @param previous the facts before the change, null for a new record
 * @param current the facts after the change, null after a delete
 * @param key the record's secret random key, fixed for the record's life
 */
public record StoredChange(
    int ordinal, String site, PatientFacts previous, PatientFacts current, int key) {}

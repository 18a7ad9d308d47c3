package org.ccpfhir.mdssearch.store;

/**
 * The indexed part of one stored record, as read when the count engine is rebuilt.
 *
 * @param ordinal the record's position in the count engine's bitmaps
 * @param site the site code
 * @param facts the indexed attribute values
 * @param key the record's secret random key (disclosure control: cell keys)
 */
public record StoredFacts(int ordinal, String site, PatientFacts facts, int key) {}

package org.ccpfhir.synthetic;

/** How the generated resources are written into the transaction bundle. */
public enum EntryMode {
  /** PUT with deterministic client ids ({@code Patient/hd-17}, {@code Condition/hd-17-dx}, …). */
  PUT,
  /** POST with {@code urn:uuid:} fullUrls and {@code ifNoneExist} on business identifiers. */
  POST
}

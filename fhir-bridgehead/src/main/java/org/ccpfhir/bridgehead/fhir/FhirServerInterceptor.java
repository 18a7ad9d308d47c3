package org.ccpfhir.bridgehead.fhir;

/**
 * Marker for beans that the FHIR endpoint registers as HAPI interceptors. Features declare their
 * interceptors as beans of this type so that the server configuration does not need to know them.
 */
public interface FhirServerInterceptor {}

package org.ccpfhir.security.fhir;

/**
 * Marks a HAPI provider (resource or plain operation provider) that the app's FHIR server serves.
 * The one way a feature adds an operation or resource type: declare the provider as a bean of this
 * type; each app's server configuration collects all of them and registers them before the servlet
 * starts, so they appear in the CapabilityStatement and no feature touches the server itself.
 */
public interface FhirProvider {}

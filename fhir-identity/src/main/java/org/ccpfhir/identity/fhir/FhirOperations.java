package org.ccpfhir.identity.fhir;

/** Marks a HAPI provider the identity app serves under {@code /fhir}. */
public interface FhirOperations {}

package org.ccpfhir.security.fhir;

/**
 * Marks an interceptor of an app's FHIR store (HAPI JPA's own interceptor service, {@code
 * STORAGE_*} pointcuts): unlike a {@link FhirInterceptor}, it sees every write and search of the
 * store, also those of operations and internal callers that never pass the REST server. The app's
 * server configuration registers every bean of this type, in {@code @Order} order; no interceptor
 * registers itself.
 */
public interface StorageInterceptor {}

package org.ccpfhir.security.fhir;

/**
 * Marks a HAPI server interceptor of a feature. Each app's server configuration registers the
 * security interceptors first (client errors as OperationOutcomes, the access rules for bundle
 * entries) and then every bean of this type, in {@code @Order} order: HAPI calls hooks of the same
 * pointcut and order in registration order, so no feature hook runs before the security ones.
 */
public interface FhirInterceptor {}

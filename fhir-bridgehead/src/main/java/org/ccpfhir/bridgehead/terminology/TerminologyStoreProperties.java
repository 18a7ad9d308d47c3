package org.ccpfhir.bridgehead.terminology;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the shipped terminology gets into the store ({@code ccp.terminology-store.*}).
 *
 * @param skipUnchanged skip the load at start-up when the shipped CodeSystems, ValueSets and
 *     ConceptMaps are the ones of the last complete load and each of them is still stored in the
 *     version that load left (a content hash and a hash of the stored ids and versions, kept in
 *     {@code ccp_terminology_state}); anything else — other shipped content, a deleted or edited
 *     resource — loads everything as before. {@code false} writes every resource at every start
 *     (HAPI skips unchanged ones, but reads and compares each).
 */
@Validated
@ConfigurationProperties(prefix = "ccp.terminology-store")
public record TerminologyStoreProperties(@DefaultValue("true") boolean skipUnchanged) {}

package org.ccpfhir.security.fhir.definitions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the app's curated definitions are served from ({@code ccp.definitions.*}).
 * StructureDefinitions and OperationDefinitions always come read-only from the classpath: they are
 * the objects the validators use, so a served copy can never differ from the checked one.
 *
 * @param terminologyFromStore the app's FHIR store serves the CodeSystems and ValueSets, filled
 *     from the same classpath resources at start, because its terminology operations ($lookup,
 *     $expand, $validate-code, $translate) work on stored resources (the bridgehead); false: they
 *     are served read-only from the classpath like the StructureDefinitions
 */
@Validated
@ConfigurationProperties("ccp.definitions")
public record DefinitionsProperties(@DefaultValue("false") boolean terminologyFromStore) {}

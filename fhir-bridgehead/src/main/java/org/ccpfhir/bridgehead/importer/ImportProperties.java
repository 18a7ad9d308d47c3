package org.ccpfhir.bridgehead.importer;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How {@code $import-obds} derives resource ids ({@code ccp.import.*}).
 *
 * @param idKeyFile the site secret for the resource ids, the same file {@code ccp-etl
 *     --id-key-file} reads, so that both paths give a document the same ids; unset: the site code
 *     is the key (as {@code ccp-etl} without the option)
 */
@ConfigurationProperties("ccp.import")
public record ImportProperties(Path idKeyFile) {}

package org.ccpfhir.platform.schema;

import javax.sql.DataSource;

/**
 * A bean holding a database other than the app's {@code DataSource} (e.g. the bridgehead's local
 * patient list, which may keep IDAT apart from MDAT). {@link OwnSchemaMigration} migrates the
 * {@link OwnSchema} beans naming it as soon as this bean exists, before anyone can receive it.
 */
public interface OwnDatabase {

  /** The name {@link OwnSchema#database()} refers to. */
  String name();

  DataSource dataSource();
}

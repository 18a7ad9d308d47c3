package org.ccpfhir.mappers;

import java.io.InputStream;

/** Maps one source document to transaction bundles, or rejects it as a whole. Thread-safe. */
public interface SourceMapper {

  /**
   * @param in the document (not closed here)
   * @param source file name for messages
   * @throws MappingException when the document is not valid input; nothing of it is returned
   */
  MappedFile map(InputStream in, String source) throws MappingException;
}

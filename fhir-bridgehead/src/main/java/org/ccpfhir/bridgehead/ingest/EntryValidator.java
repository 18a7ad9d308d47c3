package org.ccpfhir.bridgehead.ingest;

import org.hl7.fhir.r4.model.Resource;

/** Validates one resource of a submission and reports what is wrong with it. */
public interface EntryValidator {

  /**
   * @param resource the resource
   * @param path FHIRPath of the resource in the submission, prefixed to every reported location
   * @param issues collector (thread-safe)
   */
  void validate(Resource resource, String path, IngestIssues issues);
}

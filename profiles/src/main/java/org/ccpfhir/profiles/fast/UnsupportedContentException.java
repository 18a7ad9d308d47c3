package org.ccpfhir.profiles.fast;

/**
 * Thrown when an instance uses something the fast validator does not check itself (contained
 * resources, narratives, modifier extensions, ...); {@link FastMdsValidator} then hands the
 * resource to the HL7 validator. Control flow, not an error: no stack trace.
 */
final class UnsupportedContentException extends RuntimeException {

  UnsupportedContentException(String reason) {
    super(reason, null, false, false);
  }
}

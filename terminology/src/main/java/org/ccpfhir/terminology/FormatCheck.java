package org.ccpfhir.terminology;

/**
 * Result of a code format check for code systems that are validated by format only.
 *
 * @param valid whether the code is well-formed
 * @param message why it is not (null when valid)
 */
public record FormatCheck(boolean valid, String message) {

  static final FormatCheck OK = new FormatCheck(true, null);

  static FormatCheck invalid(String message) {
    return new FormatCheck(false, message);
  }
}

package org.ccpfhir.security.ca.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLReason;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The RFC 5280 revocation reasons by the names operators know from the standard. */
enum RevocationReason {
  UNSPECIFIED("unspecified", CRLReason.unspecified),
  KEY_COMPROMISE("keyCompromise", CRLReason.keyCompromise),
  CA_COMPROMISE("cACompromise", CRLReason.cACompromise),
  AFFILIATION_CHANGED("affiliationChanged", CRLReason.affiliationChanged),
  SUPERSEDED("superseded", CRLReason.superseded),
  CESSATION_OF_OPERATION("cessationOfOperation", CRLReason.cessationOfOperation),
  CERTIFICATE_HOLD("certificateHold", CRLReason.certificateHold),
  PRIVILEGE_WITHDRAWN("privilegeWithdrawn", CRLReason.privilegeWithdrawn);

  private final String label;
  private final int code;

  RevocationReason(String label, int code) {
    this.label = label;
    this.code = code;
  }

  int code() {
    return code;
  }

  @Override
  public String toString() {
    return label;
  }

  /** Accepts the RFC names case-insensitively, with or without separators. */
  static final class Converter implements ITypeConverter<RevocationReason> {
    @Override
    public RevocationReason convert(String value) {
      String wanted = value.replaceAll("[-_ ]", "");
      return Arrays.stream(values())
          .filter(reason -> reason.label.equalsIgnoreCase(wanted))
          .findFirst()
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "unknown reason '"
                          + value
                          + "'; one of "
                          + Arrays.stream(values())
                              .map(RevocationReason::toString)
                              .collect(Collectors.joining(", "))));
    }
  }
}

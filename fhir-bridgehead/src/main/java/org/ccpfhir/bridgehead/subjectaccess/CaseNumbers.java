package org.ccpfhir.bridgehead.subjectaccess;

import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.ccpfhir.profiles.subjectaccess.SubjectDataContract;

/**
 * Non-speaking case numbers of access requests: {@code AR-} and 80 random bits in the RFC 4648
 * base32 alphabet (16 characters). Nothing of the patient, the site or the time goes into it, so
 * the number can travel to the MDS database and into the audit trail.
 */
public final class CaseNumbers {

  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final Pattern FORMAT = Pattern.compile(SubjectDataContract.CASE_NUMBER_PATTERN);
  private static final int LENGTH = 16;

  private final SecureRandom random;

  public CaseNumbers(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    StringBuilder number = new StringBuilder("AR-");
    for (int i = 0; i < LENGTH; i++) {
      // 32 symbols: 5 uniform bits each
      number.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return number.toString();
  }

  public static boolean valid(String caseNumber) {
    return caseNumber != null && FORMAT.matcher(caseNumber).matches();
  }
}

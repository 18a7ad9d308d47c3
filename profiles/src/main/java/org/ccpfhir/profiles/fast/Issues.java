package org.ccpfhir.profiles.fast;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The messages of one validation call, without duplicates (several profiles may say the same). */
final class Issues {

  private final List<SingleValidationMessage> messages = new ArrayList<>();
  private final Set<String> seen = new LinkedHashSet<>();

  void error(String location, String ruleId, String message) {
    add(ResultSeverityEnum.ERROR, location, ruleId, message);
  }

  void warning(String location, String ruleId, String message) {
    add(ResultSeverityEnum.WARNING, location, ruleId, message);
  }

  void information(String location, String ruleId, String message) {
    add(ResultSeverityEnum.INFORMATION, location, ruleId, message);
  }

  void add(ResultSeverityEnum severity, String location, String ruleId, String message) {
    if (!seen.add(severity + "|" + location + "|" + message)) {
      return;
    }
    SingleValidationMessage out = new SingleValidationMessage();
    out.setSeverity(severity);
    out.setLocationString(location);
    out.setMessageId(ruleId);
    out.setMessage(message);
    messages.add(out);
  }

  List<SingleValidationMessage> messages() {
    return messages;
  }
}

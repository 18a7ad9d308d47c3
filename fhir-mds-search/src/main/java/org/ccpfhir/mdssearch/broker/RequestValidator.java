package org.ccpfhir.mdssearch.broker;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ccpfhir.mdssearch.count.CriteriaException;
import org.ccpfhir.mdssearch.count.CriteriaParser;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.profiles.task.SearchTasks;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * Checks a new search request before anything is stored: criteria (the count search's syntax and
 * parameters, known terms), prose size, the requester's certificate, validity and recipients. Every
 * refusal is a 422 naming the element.
 */
final class RequestValidator {

  /** What a valid request asks for. */
  record Checked(
      String criteria,
      String prose,
      X509Certificate certificate,
      Instant validUntil,
      List<String> sites) {}

  private final SearchCatalog catalog;
  private final TermCheck terms = new TermCheck();
  private final BrokerProperties properties;

  RequestValidator(SearchCatalog catalog, BrokerProperties properties) {
    this.catalog = catalog;
    this.properties = properties;
  }

  Checked check(Task task, Instant now) {
    if (task.hasPartOf() || task.hasOwner() || task.hasOutput()) {
      throw BrokerIssues.unprocessable(
          "Task", "a search request has no partOf, owner or output (the broker creates those)");
    }
    if (task.hasCode()
        && !task.getCode().hasCoding(SearchTasks.TASK_TYPE_SYSTEM, SearchTasks.TYPE_REQUEST)) {
      throw BrokerIssues.unprocessable("Task.code", "must be search-request");
    }
    String criteria = null;
    String prose = null;
    X509Certificate certificate = null;
    java.util.Set<String> details = new java.util.HashSet<>();
    for (int i = 0; i < task.getInput().size(); i++) {
      Task.ParameterComponent input = task.getInput().get(i);
      String where = "Task.input[" + i + "]";
      String type = parameterType(input);
      switch (type) {
        case SearchTasks.CRITERIA -> criteria = once(criteria, criteria(input, where), where);
        case SearchTasks.PROSE -> prose = once(prose, prose(input, where), where);
        case SearchTasks.REQUESTER_CERTIFICATE ->
            certificate = once(certificate, certificate(input, where, now), where);
        case SearchTasks.REQUESTER_NAME, SearchTasks.REQUESTER_INSTITUTION, SearchTasks.PROJECT -> {
          if (!details.add(type)) {
            throw BrokerIssues.unprocessable(where, "this input is given twice");
          }
          detail(input, where, type);
        }
        default ->
            throw BrokerIssues.unprocessable(
                where + ".type",
                "unknown input '"
                    + type
                    + "' (expected criteria, prose, requester-name, requester-institution,"
                    + " project, requester-certificate of "
                    + SearchTasks.PARAMETER_SYSTEM
                    + ")");
      }
    }
    if (criteria == null) {
      throw BrokerIssues.unprocessable("Task.input", "a criteria input is required");
    }
    if (certificate == null) {
      throw BrokerIssues.unprocessable(
          "Task.input", "a requester-certificate input is required (results are sealed for it)");
    }
    return new Checked(criteria, prose, certificate, validUntil(task, now), recipients(task));
  }

  private static String parameterType(Task.ParameterComponent input) {
    return input.getType().getCoding().stream()
        // a coding without code (only extensions, or null) is no type
        .filter(c -> SearchTasks.PARAMETER_SYSTEM.equals(c.getSystem()) && c.hasCode())
        .map(c -> c.getCode())
        .findFirst()
        .orElse("(no code of " + SearchTasks.PARAMETER_SYSTEM + ")");
  }

  private static <T> T once(T previous, T value, String where) {
    if (previous != null) {
      throw BrokerIssues.unprocessable(where, "this input is given twice");
    }
    return value;
  }

  private String criteria(Task.ParameterComponent input, String where) {
    String text;
    if (input.getValue() instanceof Expression expression) {
      if (expression.hasLanguage()
          && !SearchTasks.QUERY_LANGUAGE.equals(expression.getLanguage())) {
        throw BrokerIssues.unprocessable(
            where + ".valueExpression.language", "must be " + SearchTasks.QUERY_LANGUAGE);
      }
      text = expression.getExpression();
      where += ".valueExpression.expression";
    } else if (input.getValue() instanceof StringType string) {
      text = string.getValue();
      where += ".valueString";
    } else {
      throw BrokerIssues.unprocessable(where + ".value[x]", "criteria are an Expression or string");
    }
    if (text == null || text.isBlank()) {
      // an element with only extensions or null: the parser must never see a missing text
      throw BrokerIssues.unprocessable(where, "the criteria are empty");
    }
    try {
      List<String> unknown = terms.unknownTerms(CriteriaParser.parse(catalog, text));
      if (!unknown.isEmpty()) {
        throw BrokerIssues.unprocessable(where, "unknown term(s): " + String.join(", ", unknown));
      }
    } catch (CriteriaException e) {
      throw BrokerIssues.unprocessable(where, e.getMessage());
    }
    return text;
  }

  private static String prose(Task.ParameterComponent input, String where) {
    if (!(input.getValue() instanceof StringType string) || !string.hasValue()) {
      throw BrokerIssues.unprocessable(where + ".valueString", "prose is a non-empty string");
    }
    if (string.getValue().length() > SearchTasks.MAX_PROSE) {
      throw BrokerIssues.unprocessable(
          where + ".valueString", "prose is longer than " + SearchTasks.MAX_PROSE + " characters");
    }
    return string.getValue();
  }

  private static void detail(Task.ParameterComponent input, String where, String type) {
    if (!(input.getValue() instanceof StringType string)
        || !string.hasValue()
        || string.getValue().isBlank()) {
      throw BrokerIssues.unprocessable(where + ".valueString", type + " is a non-empty string");
    }
    if (string.getValue().length() > SearchTasks.MAX_REQUESTER_DETAIL) {
      throw BrokerIssues.unprocessable(
          where + ".valueString",
          type + " is longer than " + SearchTasks.MAX_REQUESTER_DETAIL + " characters");
    }
  }

  private static X509Certificate certificate(
      Task.ParameterComponent input, String where, Instant now) {
    if (!(input.getValue() instanceof Attachment attachment) || !attachment.hasData()) {
      throw BrokerIssues.unprocessable(
          where + ".valueAttachment.data", "the certificate is an Attachment with data (DER)");
    }
    try {
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(attachment.getData()));
      certificate.checkValidity(java.util.Date.from(now));
      if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa)
          || rsa.getModulus().bitLength() < 2048) {
        throw BrokerIssues.unprocessable(
            where + ".valueAttachment.data", "the certificate's key must be RSA with ≥ 2048 bits");
      }
      return certificate;
    } catch (CertificateException e) {
      throw BrokerIssues.unprocessable(
          where + ".valueAttachment.data", "not a currently valid X.509 certificate (DER)");
    }
  }

  private Instant validUntil(Task task, Instant now) {
    if (!task.getRestriction().getPeriod().hasEnd()) {
      throw BrokerIssues.unprocessable(
          "Task.restriction.period.end", "a request needs the end of its validity");
    }
    Instant end = task.getRestriction().getPeriod().getEnd().toInstant();
    if (!end.isAfter(now) || end.isAfter(now.plus(properties.maxValidity()))) {
      throw BrokerIssues.unprocessable(
          "Task.restriction.period.end",
          "must lie in the future and within " + properties.maxValidity());
    }
    return end;
  }

  private List<String> recipients(Task task) {
    List<Reference> recipients = task.getRestriction().getRecipient();
    if (recipients.isEmpty()) {
      return properties.sites();
    }
    Set<String> sites = new LinkedHashSet<>();
    for (int i = 0; i < recipients.size(); i++) {
      Reference recipient = recipients.get(i);
      String site = recipient.getIdentifier().getValue();
      if (!SearchTasks.SITE_SYSTEM.equals(recipient.getIdentifier().getSystem())
          || !properties.sites().contains(site)) {
        throw BrokerIssues.unprocessable(
            "Task.restriction.recipient[" + i + "].identifier",
            "not a site of the network (system "
                + SearchTasks.SITE_SYSTEM
                + ", one of "
                + properties.sites()
                + ")");
      }
      sites.add(site);
    }
    return new ArrayList<>(sites);
  }
}

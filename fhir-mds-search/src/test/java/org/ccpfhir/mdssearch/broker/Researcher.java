package org.ccpfhir.mdssearch.broker;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.ccpfhir.profiles.task.SearchTasks;
import org.ccpfhir.security.ca.Credential;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * A researcher's own key and self-made certificate: the sites seal released results for it, only
 * the researcher opens them (the broker never can).
 */
final class Researcher {

  final Credential credential;

  Researcher() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=researcher");
      Instant now = Instant.now();
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          name,
                          BigInteger.valueOf(now.toEpochMilli()),
                          Date.from(now.minus(1, ChronoUnit.HOURS)),
                          Date.from(now.plus(30, ChronoUnit.DAYS)),
                          name,
                          keys.getPublic())
                      .build(
                          new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
      credential = new Credential(keys.getPrivate(), List.of(certificate));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A search request Task for the given sites (none = all), valid until {@code end}. */
  Task request(String criteria, String prose, Instant end, String... sites) {
    Task task = new Task();
    task.setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER);
    task.getRestriction().getPeriod().setEnd(Date.from(end));
    for (String site : sites) {
      task.getRestriction()
          .addRecipient(
              new Reference()
                  .setIdentifier(
                      new Identifier().setSystem(SearchTasks.SITE_SYSTEM).setValue(site)));
    }
    task.addInput()
        .setType(type(SearchTasks.CRITERIA))
        .setValue(new Expression().setLanguage(SearchTasks.QUERY_LANGUAGE).setExpression(criteria));
    if (prose != null) {
      task.addInput().setType(type(SearchTasks.PROSE)).setValue(new StringType(prose));
    }
    try {
      task.addInput()
          .setType(type(SearchTasks.REQUESTER_CERTIFICATE))
          .setValue(
              new Attachment()
                  .setContentType(SearchTasks.CERTIFICATE_CONTENT_TYPE)
                  .setData(credential.certificate().getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return task;
  }

  static CodeableConcept type(String code) {
    return new CodeableConcept().addCoding(new Coding(SearchTasks.PARAMETER_SYSTEM, code, null));
  }
}

package org.ccpfhir.bridgehead.export;

import java.time.Clock;
import org.ccpfhir.platform.SecretFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The study export's key material and registered studies. */
@Configuration
public class ExportConfig {

  @Bean
  public StudyPseudonyms studyPseudonyms(ExportProperties properties) {
    return new StudyPseudonyms(
        SecretFiles.readOrCreate(properties.pseudonymKey(), properties.pseudonymKeyFile(), 32));
  }

  @Bean
  public StudyCertificates studyCertificates(ExportProperties properties) {
    return new StudyCertificates(properties, Clock.systemUTC());
  }
}

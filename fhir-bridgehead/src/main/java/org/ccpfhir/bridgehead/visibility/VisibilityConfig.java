package org.ccpfhir.bridgehead.visibility;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Department-scoped visibility (README "Department-scoped visibility"); its beans are components. */
@Configuration
@EnableConfigurationProperties(VisibilityProperties.class)
public class VisibilityConfig {}

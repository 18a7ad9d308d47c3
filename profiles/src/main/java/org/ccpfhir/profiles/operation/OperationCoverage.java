package org.ccpfhir.profiles.operation;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;

/**
 * Checks that every operation an app's code exposes has a curated OperationDefinition and that
 * every parameter it reads is documented there as an {@code in} parameter: the parameters of each
 * {@code @Operation} method ({@code @OperationParam}) and the names each {@link
 * OperationParameters.Spec} constant declares. It also checks the level: an operation registered at
 * system level ({@code [base]/$op}), type level ({@code [base]/Type/$op}) or instance level ({@code
 * [base]/Type/[id]/$op}) must be declared at exactly these levels ({@code system}, {@code type},
 * {@code instance}) and for its resource type. Scans the main classes (not test classes) of a
 * package on a class path, so each app's unit test checks exactly what the app contains.
 */
public final class OperationCoverage {

  /**
   * Operations the FHIR specification defines (HL7 publishes their OperationDefinitions); the apps
   * implement them only to refuse them explicitly (the central search's {@code $everything}).
   */
  static final Set<String> FHIR_STANDARD = Set.of("$everything", "$validate", "$meta");

  private OperationCoverage() {}

  /** What was found: the operations (with {@code $}) and every problem, one line each. */
  public record Report(Set<String> operations, List<String> problems) {}

  /** Checks the main classes under {@code basePackage} visible to {@code loader}. */
  public static Report check(
      ClassLoader loader,
      String basePackage,
      Function<String, Optional<OperationDefinition>> curatedByCode) {
    return check(mainClasses(loader, basePackage), curatedByCode);
  }

  /** Checks the given classes. */
  public static Report check(
      List<Class<?>> classes, Function<String, Optional<OperationDefinition>> curatedByCode) {
    Set<String> operations = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    Map<String, Registration> registrations = new TreeMap<>();
    for (Class<?> type : classes) {
      for (Method method : declaredMethods(type)) {
        Operation operation = method.getAnnotation(Operation.class);
        if (operation == null) {
          continue;
        }
        String name = dollar(operation.name());
        if (FHIR_STANDARD.contains(name)) {
          continue;
        }
        operations.add(name);
        List<String> params = new ArrayList<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
          for (Annotation annotation : annotations) {
            if (annotation instanceof OperationParam param) {
              params.add(param.name());
            }
          }
        }
        checkDocumented(type.getName(), name, params, curatedByCode, problems);
        registrations
            .computeIfAbsent(name, n -> new Registration(new TreeSet<>(), new TreeSet<>()))
            .add(type, method, operation);
      }
      for (Field field : declaredFields(type)) {
        if (Modifier.isStatic(field.getModifiers())
            && field.getType() == OperationParameters.Spec.class) {
          OperationParameters.Spec spec = specOf(field);
          if (spec != null) {
            checkDocumented(
                type.getName(),
                dollar(spec.operation()),
                List.copyOf(spec.names()),
                curatedByCode,
                problems);
          }
        }
      }
    }
    registrations.forEach(
        (name, registration) -> checkLevels(name, registration, curatedByCode, problems));
    return new Report(operations, problems.stream().distinct().toList());
  }

  /** The levels and resource types an operation's methods are registered at. */
  private record Registration(Set<String> levels, Set<String> resourceTypes) {

    void add(Class<?> provider, Method method, Operation operation) {
      String resourceType = null;
      if (operation.type() != IBaseResource.class) {
        resourceType = operation.type().getSimpleName();
      } else if (!operation.typeName().isBlank()) {
        resourceType = operation.typeName();
      }
      boolean resourceProvider = isResourceProvider(provider);
      IdParam id = null;
      for (Annotation[] annotations : method.getParameterAnnotations()) {
        for (Annotation annotation : annotations) {
          if (annotation instanceof IdParam idParam) {
            id = idParam;
          }
        }
      }
      if (resourceType == null && !resourceProvider) {
        levels.add("system");
        return;
      }
      if (resourceType != null) {
        resourceTypes.add(resourceType);
      }
      if (id == null || id.optional()) {
        levels.add("type");
      }
      if (id != null) {
        levels.add("instance");
      }
    }
  }

  private static boolean isResourceProvider(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals("ca.uhn.fhir.rest.server.IResourceProvider")) {
          return true;
        }
      }
    }
    return false;
  }

  private static void checkLevels(
      String operation,
      Registration registration,
      Function<String, Optional<OperationDefinition>> curatedByCode,
      List<String> problems) {
    Optional<OperationDefinition> found = curatedByCode.apply(operation.substring(1));
    if (found.isEmpty()) {
      return; // reported as undocumented
    }
    OperationDefinition curated = found.get();
    Set<String> declared = new TreeSet<>();
    if (curated.getSystem()) {
      declared.add("system");
    }
    if (curated.getType()) {
      declared.add("type");
    }
    if (curated.getInstance()) {
      declared.add("instance");
    }
    if (!declared.equals(registration.levels())) {
      problems.add(
          operation
              + " is registered at "
              + registration.levels()
              + " level but OperationDefinition "
              + curated.getUrl()
              + " declares "
              + declared);
    }
    Set<String> resources =
        curated.getResource().stream().map(r -> r.getValue()).collect(Collectors.toSet());
    for (String type : registration.resourceTypes()) {
      if (!resources.contains(type)) {
        problems.add(
            operation
                + " is registered on "
                + type
                + " but OperationDefinition "
                + curated.getUrl()
                + " names the resource types "
                + new TreeSet<>(resources));
      }
    }
  }

  private static void checkDocumented(
      String where,
      String operation,
      List<String> params,
      Function<String, Optional<OperationDefinition>> curatedByCode,
      List<String> problems) {
    Optional<OperationDefinition> curated = curatedByCode.apply(operation.substring(1));
    if (curated.isEmpty()) {
      problems.add(operation + " (" + where + ") has no curated OperationDefinition");
      return;
    }
    Set<String> documented =
        curated.get().getParameter().stream()
            .filter(p -> p.getUse() == OperationParameterUse.IN)
            .filter(p -> p.hasDocumentation() && !p.getDocumentation().isBlank())
            .map(OperationDefinition.OperationDefinitionParameterComponent::getName)
            .collect(Collectors.toSet());
    for (String param : params) {
      if (!documented.contains(param)) {
        problems.add(
            operation
                + " parameter '"
                + param
                + "' ("
                + where
                + ") is not documented in OperationDefinition "
                + curated.get().getUrl());
      }
    }
  }

  private static String dollar(String name) {
    return name.startsWith("$") ? name : "$" + name;
  }

  private static OperationParameters.Spec specOf(Field field) {
    try {
      field.setAccessible(true);
      return (OperationParameters.Spec) field.get(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static List<Method> declaredMethods(Class<?> type) {
    try {
      return List.of(type.getDeclaredMethods());
    } catch (LinkageError e) {
      return List.of();
    }
  }

  private static List<Field> declaredFields(Class<?> type) {
    try {
      return List.of(type.getDeclaredFields());
    } catch (LinkageError e) {
      return List.of();
    }
  }

  /** The classes under {@code basePackage} in directories and jars other than test output. */
  static List<Class<?>> mainClasses(ClassLoader loader, String basePackage) {
    String prefix = basePackage.replace('.', '/') + "/";
    Set<String> names = new TreeSet<>();
    try {
      Enumeration<URL> roots = loader.getResources(prefix);
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        if (root.getPath().contains("/test-classes/")) {
          continue;
        }
        if (root.getProtocol().equals("file")) {
          Path dir = Paths.get(root.toURI());
          Path base = dir;
          for (int i = 0; i < prefix.split("/").length; i++) {
            base = base.getParent();
          }
          Path classRoot = base;
          try (Stream<Path> files = Files.walk(dir)) {
            files
                .filter(f -> f.toString().endsWith(".class"))
                .map(f -> classRoot.relativize(f).toString().replace('\\', '/'))
                .forEach(names::add);
          }
        } else if (root.getProtocol().equals("jar")) {
          JarURLConnection connection = (JarURLConnection) root.openConnection();
          // a cached JarFile may be shared; closing it would break its other users
          connection.setUseCaches(false);
          try (JarFile jar = connection.getJarFile()) {
            jar.stream()
                .map(JarEntry::getName)
                .filter(n -> n.startsWith(prefix) && n.endsWith(".class"))
                .forEach(names::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String file : names) {
      String className = file.substring(0, file.length() - ".class".length()).replace('/', '.');
      try {
        classes.add(Class.forName(className, false, loader));
      } catch (ClassNotFoundException | LinkageError e) {
        // a class whose optional dependency is absent exposes nothing here
      }
    }
    return classes;
  }
}

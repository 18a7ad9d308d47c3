package org.ccpfhir.mappers.xml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.ccpfhir.mappers.MappingException;
import org.ccpfhir.mappers.tolerance.Issue;
import org.ccpfhir.mappers.tolerance.SchemaLeniency;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Reads one XML document in a single pass: well-formedness (SAX), root element and namespace, XML
 * Schema validity (javax.xml.validation) and the element tree. Any problem rejects the whole
 * document with a {@link MappingException} naming line, column and rule. DTDs are refused (no
 * external entities). Thread-safe: the compiled schema is shared, parsers are per call.
 */
public final class ValidatingXmlReader {

  static final String WRONG_ROOT = "wrong-root-element";

  /** A compiled schema with the names declared in it (see {@link ProblemCollector}). */
  public record CompiledSchema(Schema schema, Set<String> names) {}

  private final Schema schema;
  private final Set<String> schemaNames;
  private final String namespace;
  private final String rootName;
  private final SAXParserFactory factory;

  public ValidatingXmlReader(CompiledSchema schema, String namespace, String rootName) {
    this.schema = schema.schema();
    this.schemaNames = schema.names();
    this.namespace = namespace;
    this.rootName = rootName;
    this.factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(true);
    try {
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("XML parser lacks secure processing", e);
    }
  }

  /** Compiles a schema from the classpath (seconds for the large oBDS schema: do it once). */
  public static CompiledSchema schema(String classpathResource) {
    URL url = ValidatingXmlReader.class.getClassLoader().getResource(classpathResource);
    if (url == null) {
      throw new IllegalStateException("schema not on the classpath: " + classpathResource);
    }
    try {
      SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      Schema schema = sf.newSchema(url);
      return new CompiledSchema(schema, declaredNames(url));
    } catch (SAXException | IOException e) {
      throw new IllegalStateException("schema does not compile: " + classpathResource, e);
    }
  }

  private static Set<String> declaredNames(URL url) throws IOException {
    Set<String> names = new HashSet<>(BUILT_IN_TYPES);
    String text;
    try (InputStream in = url.openStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher m = NAME_ATTRIBUTE.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return Set.copyOf(names);
  }

  private static final Pattern NAME_ATTRIBUTE = Pattern.compile("\\bname=\"([^\"]+)\"");

  /** XML Schema datatype names that parser messages quote. */
  private static final Set<String> BUILT_IN_TYPES =
      Set.of(
          "string",
          "date",
          "decimal",
          "integer",
          "nonNegativeInteger",
          "positiveInteger",
          "gYear",
          "boolean",
          "dateTime",
          "token",
          "anyURI");

  public String namespace() {
    return namespace;
  }

  /**
   * A document read leniently: the tree, the issues of each patient element (schema problems that
   * refuse it, ignored problems on discarded fields) and the ignored problems outside patients.
   */
  public record Document(
      XmlElement root, Map<XmlElement, List<Issue>> patientIssues, List<Issue> documentIssues) {

    public List<Issue> issuesOf(XmlElement patient) {
      return patientIssues.getOrDefault(patient, List.of());
    }
  }

  /**
   * Reads and validates a document; any problem rejects it.
   *
   * @param in the document (not closed here)
   * @param source name of the file for error messages
   */
  public XmlElement read(InputStream in, String source) throws MappingException {
    return read(in, source, false).root();
  }

  /**
   * Reads a document with the tolerance policy ({@link SchemaLeniency}): a schema problem inside a
   * patient refuses that patient only; problems on discarded fields and on fields with a mapper
   * rule refuse nothing. Not well-formed XML, another root and schema problems outside every
   * patient still reject the document.
   */
  public Document readLenient(InputStream in, String source) throws MappingException {
    return read(in, source, true);
  }

  private Document read(InputStream in, String source, boolean lenient) throws MappingException {
    TreeBuilder tree = new TreeBuilder();
    ProblemCollector problems = new ProblemCollector(tree, schemaNames, lenient);
    ValidatorHandler validator = schema.newValidatorHandler();
    validator.setContentHandler(tree);
    validator.setErrorHandler(problems);
    try {
      XMLReader reader = factory.newSAXParser().getXMLReader();
      RootCheck check = new RootCheck(reader, problems);
      check.setContentHandler(validator);
      check.setErrorHandler(problems);
      check.parse(new InputSource(in));
    } catch (ProblemCollector.StopException stop) {
      // problems holds the reason
    } catch (SAXException e) {
      problems.add(
          0, 0, ProblemCollector.NOT_WELL_FORMED, ProblemCollector.redact(msg(e), schemaNames));
    } catch (IOException e) {
      problems.add(0, 0, "io-error", e.getClass().getSimpleName());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    if (!problems.problems().isEmpty()) {
      throw new MappingException(source, problems.problems());
    }
    return new Document(tree.root(), problems.unitIssues(), problems.documentIssues());
  }

  private static String msg(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Stops at a root element of another format before the schema reports a less clear error. */
  private final class RootCheck extends XMLFilterImpl {
    private final ProblemCollector problems;
    private boolean seenRoot;

    RootCheck(XMLReader parent, ProblemCollector problems) {
      super(parent);
      this.problems = problems;
    }

    @Override
    public void setDocumentLocator(org.xml.sax.Locator locator) {
      this.locator = locator;
      super.setDocumentLocator(locator);
    }

    private org.xml.sax.Locator locator;

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts)
        throws SAXException {
      if (!seenRoot) {
        seenRoot = true;
        if (!namespace.equals(uri) || !rootName.equals(localName)) {
          problems.add(
              locator == null ? 0 : locator.getLineNumber(),
              locator == null ? 0 : locator.getColumnNumber(),
              WRONG_ROOT,
              "expected root element "
                  + rootName
                  + " in namespace "
                  + namespace
                  + ", found "
                  + localName
                  + (uri.isEmpty() ? " without namespace" : " in namespace " + uri));
          throw new ProblemCollector.StopException();
        }
      }
      super.startElement(uri, localName, qName, atts);
    }
  }
}

package org.ccpfhir.profiles.shapes;

/**
 * What {@link InputShapes} did to, or could not do with, a resource: {@code entry} is the index of
 * its bundle entry (-1 for a single resource), {@code expression} is the FHIRPath of the element
 * inside the submission, {@code message} names the element and the rule, never a value the client
 * sent. {@code lost} is true when a fact of the input is not carried into the MDS shape (a
 * warning); false when it was only moved or completed (information).
 */
public record ShapeNote(int entry, String expression, String message, boolean lost) {}

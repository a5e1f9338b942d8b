package dev.roofline.analyzer.report.plot;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import org.apache.batik.svggen.DefaultStyleHandler;
import org.apache.batik.svggen.ErrorHandler;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGGraphics2DIOException;
import org.apache.batik.svggen.SVGGraphics2DRuntimeException;
import org.apache.batik.svggen.SVGIDGenerator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.bootstrap.DOMImplementationRegistry;

/**
 * A Graphics2D that builds an SVG document (Apache Batik's SVG generator, on the JDK's DOM): text
 * kept as text, coordinates to two decimals, ids of its own definitions prefixed {@code roofline-}
 * and numbered in drawing order, so that the same chart gives the same bytes. Written without a
 * DOCTYPE, so that readers fetch no DTD, and without the generator's comment.
 */
final class SvgCanvas extends SVGGraphics2D implements SvgGroups {
  private static final String SVG = "http://www.w3.org/2000/svg";
  private static final String XLINK = "http://www.w3.org/1999/xlink";

  private final int width;
  private final int height;
  private final StrokeControl strokeControl;

  private SvgCanvas(SVGGeneratorContext context, StrokeControl strokeControl, int width, int height) {
    super(context, false);
    this.width = width;
    this.height = height;
    this.strokeControl = strokeControl;
    setSVGCanvasSize(new Dimension(width, height));
    fractionalMetrics();
  }

  private SvgCanvas(SvgCanvas g) {
    super(g);
    this.width = g.width;
    this.height = g.height;
    this.strokeControl = g.strokeControl;
    fractionalMetrics();
  }

  /**
   * Text measured with fractional advances, as it is drawn: whole-pixel advances, the default of
   * the generator's font metrics, overstate a line's width by up to a pixel a character, and
   * centred titles drift left.
   */
  private void fractionalMetrics() {
    fmg.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
  }

  /**
   * The SVG document of what {@code drawing} draws on a canvas of {@code width} × {@code height}
   * SVG units, as UTF-8: an XML declaration, the {@code svg} element with a view box, a newline.
   */
  static byte[] document(int width, int height, Consumer<Graphics2D> drawing) {
    SvgCanvas canvas = of(width, height);
    drawing.accept(canvas);
    return canvas.toBytes();
  }

  /** An empty canvas of {@code width} × {@code height} SVG units. */
  private static SvgCanvas of(int width, int height) {
    // The JDK's DOM, from the registry: a DocumentBuilder would set up a whole XML parser first.
    Document document;
    try {
      document = DOMImplementationRegistry.newInstance().getDOMImplementation("XML 1.0").createDocument(SVG, "svg", null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
    StrokeControl strokeControl = new StrokeControl();
    context.setStyleHandler(strokeControl);
    context.setIDGenerator(new PrefixedIds());
    context.setErrorHandler(new Failing());
    context.setComment(null);
    context.setEmbeddedFontsOn(false);
    context.setPrecision(2);
    return new SvgCanvas(context, strokeControl, width, height);
  }

  /** A copy that draws into the same document, as {@link #create()} must give. */
  @Override
  public Graphics create() {
    return new SvgCanvas(this);
  }

  /** Draws the outline of {@code shape}, which {@link StrokeControl} renders as this canvas's hint asks. */
  @Override
  public void draw(Shape shape) {
    strokeControl.control = getRenderingHint(RenderingHints.KEY_STROKE_CONTROL);
    try {
      super.draw(shape);
    } finally {
      strokeControl.control = null;
    }
  }

  @Override
  public void group(Map<String, String> attributes, Runnable drawing) {
    Element outer = getTopLevelGroup(false);
    drawing.run();
    Element group = getTopLevelGroup(false);
    attributes.forEach((name, value) -> group.setAttributeNS(null, name, value));
    outer.appendChild(group);
    setTopLevelGroup(outer);
  }

  @Override
  public void identify(String id, Runnable drawing) {
    Element outer = getTopLevelGroup(false);
    drawing.run();
    Element drawn = getTopLevelGroup(false);
    Element shape = firstShape(drawn);
    if (shape == null) {
      throw new IllegalStateException("nothing drawn to give the id " + id);
    }
    shape.setAttributeNS(null, "id", id);
    // The shapes go where they would have gone without the id: no group of their own.
    while (drawn.getFirstChild() != null) {
      outer.appendChild(drawn.getFirstChild());
    }
    setTopLevelGroup(outer);
  }

  /** The first element under {@code e}, in document order, that is not a group. */
  private static Element firstShape(Element e) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        if (!"g".equals(child.getLocalName())) {
          return child;
        }
        Element inside = firstShape(child);
        if (inside != null) {
          return inside;
        }
      }
    }
    return null;
  }

  private byte[] toBytes() {
    Element svg = getDOMFactory().getDocumentElement();
    svg.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", SVG);
    svg.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xlink", XLINK);
    getRoot(svg);
    svg.setAttributeNS(null, "viewBox", "0 0 " + width + " " + height);
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write(svg, out);
    out.append('\n');
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code node} as XML: an element with its attributes in the DOM's order and what it holds, or
   * text, escaped. The generator makes nothing else here (no comment, no CDATA). Written by hand
   * rather than by the JDK's serializer, whose set-up costs some 40 ms, a tenth of the run.
   */
  private static void write(Node node, StringBuilder out) {
    switch (node.getNodeType()) {
      case Node.ELEMENT_NODE -> {
        out.append('<').append(node.getNodeName());
        // Namespace declarations first, by custom; then the rest.
        NamedNodeMap attributes = node.getAttributes();
        for (boolean declarations : new boolean[] {true, false}) {
          for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if (attribute.getNodeName().startsWith("xmlns") == declarations) {
              out.append(' ').append(attribute.getNodeName()).append("=\"");
              escape(attribute.getNodeValue(), true, out);
              out.append('"');
            }
          }
        }
        if (!node.hasChildNodes()) {
          out.append("/>");
          return;
        }
        out.append('>');
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
          write(child, out);
        }
        out.append("</").append(node.getNodeName()).append('>');
      }
      case Node.TEXT_NODE -> escape(node.getNodeValue(), false, out);
      default -> throw new IllegalStateException("unexpected node in the SVG document: " + node.getNodeName());
    }
  }

  /**
   * {@code text} as XML character data or, with {@code attribute}, as a quoted attribute value.
   * A control character, which XML 1.0 cannot hold in any form, is written as U+FFFD.
   */
  private static void escape(String text, boolean attribute, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\t', '\n', '\r' -> {
          if (attribute || c == '\r') {
            out.append("&#").append((int) c).append(';');
          } else {
            out.append(c);
          }
        }
        default -> out.append(c < 0x20 ? '\uFFFD' : c);
      }
    }
  }

  /**
   * The generator's style handler, plus the one rendering hint it does not convert: an outline
   * drawn with the stroke normalised to the pixel grid (grid lines, axes, the plot's frame) is
   * rendered with crisp edges, one drawn pure (roofs, markers) with geometric precision, as in the
   * PNG. {@link #draw(Shape)} gives the hint of the outline it draws.
   */
  private static final class StrokeControl extends DefaultStyleHandler {
    private static final Set<String> SHAPES = Set.of("path", "line", "rect", "circle", "ellipse", "polyline", "polygon");

    private Object control;

    @Override
    @SuppressWarnings("rawtypes")
    public void setStyle(Element element, Map styleMap, SVGGeneratorContext context) {
      super.setStyle(element, styleMap, context);
      if (!SHAPES.contains(element.getLocalName())) {
        return;
      }
      if (control == RenderingHints.VALUE_STROKE_NORMALIZE) {
        element.setAttributeNS(null, "shape-rendering", "crispEdges");
      } else if (control == RenderingHints.VALUE_STROKE_PURE) {
        element.setAttributeNS(null, "shape-rendering", "geometricPrecision");
      }
    }
  }

  /** Ids {@code roofline-<kind><n>}: numbered per kind in drawing order. */
  private static final class PrefixedIds extends SVGIDGenerator {
    @Override
    public String generateID(String prefix) {
      return super.generateID("roofline-" + prefix);
    }
  }

  /** Errors of the generator are bugs here: thrown, never printed on stderr. */
  private static final class Failing implements ErrorHandler {
    @Override
    public void handleError(SVGGraphics2DIOException e) throws SVGGraphics2DIOException {
      throw e;
    }

    @Override
    public void handleError(SVGGraphics2DRuntimeException e) {
      throw e;
    }
  }
}

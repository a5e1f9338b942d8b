package dev.roofline.analyzer.report.plot;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.batik.svggen.DefaultStyleHandler;
import org.apache.batik.svggen.ErrorHandler;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGGraphics2DIOException;
import org.apache.batik.svggen.SVGGraphics2DRuntimeException;
import org.apache.batik.svggen.SVGIDGenerator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A Graphics2D that builds an SVG document (Apache Batik's SVG generator, on the JDK's DOM): text
 * kept as text, coordinates to two decimals, ids of its own definitions prefixed {@code roofline-}
 * and numbered in drawing order, so that the same chart gives the same bytes. Written without a
 * DOCTYPE, so that readers fetch no DTD, and without the generator's comment.
 */
final class SvgCanvas extends SVGGraphics2D implements SvgGroups {
  private static final String SVG = "http://www.w3.org/2000/svg";

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
    Document document;
    try {
      document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
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
    Document document = getDOMFactory();
    Element svg = document.createElementNS(SVG, "svg");
    svg.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", SVG);
    getRoot(svg);
    svg.setAttributeNS(null, "viewBox", "0 0 " + width + " " + height);
    document.appendChild(svg);
    StringWriter out = new StringWriter(64 * 1024);
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    try {
      Transformer transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      transformer.setOutputProperty(OutputKeys.INDENT, "no");
      transformer.transform(new DOMSource(document), new StreamResult(out));
    } catch (TransformerException e) {
      // Into memory: cannot fail but for a bug.
      throw new IllegalStateException(e);
    }
    out.write("\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
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

package io.realtimestore.products.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class ProductImageRendererTest {

    private static final List<String> CATEGORIES = List.of(
            "Tents", "Sleeping Bags", "Sleeping Pads", "Backpacks", "Rain Jackets", "Hiking Boots", "Stoves",
            "Cookware", "Lanterns", "Headlamps", "Hiking Poles", "Water Filters", "Cameras", "Action Cameras",
            "Headphones", "Earbuds", "Speakers", "Smart Watches", "GPS Units", "Power Banks", "Solar Chargers");

    private final ProductImageRenderer renderer = new ProductImageRenderer();

    @Test
    void everyCategoryRendersAWellFormedSvgDocument() throws Exception {
        for (String category : CATEGORIES) {
            Document doc = parse(renderer.render(category, "Trail Pro 2", "Northpeak", "SKU-1"));
            Element root = doc.getDocumentElement();
            assertThat(root.getLocalName()).as(category).isEqualTo("svg");
            assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 480 360");
            assertThat(root.getAttribute("role")).isEqualTo("img");
            assertThat(pictogram(doc).getChildNodes().getLength()).as(category).isPositive();
        }
    }

    @Test
    void distinctCategoriesProduceDistinctPictograms() throws Exception {
        Map<String, String> seen = new HashMap<>();
        List<String> all = new ArrayList<>(CATEGORIES);
        all.add("Something Else");
        for (String category : all) {
            String signature = signature(pictogram(parse(renderer.render(category, "X", "Y", "SKU-1"))));
            String previous = seen.put(signature, category);
            assertThat(previous).as("%s draws the same pictogram as %s", category, previous).isNull();
        }
    }

    @Test
    void categoryMatchIsCaseInsensitiveAndUnknownCategoriesFallBackToGeneric() throws Exception {
        String tents = signature(pictogram(parse(renderer.render("Tents", "a", "b", "c"))));
        assertThat(signature(pictogram(parse(renderer.render("tENTS", "a", "b", "c"))))).isEqualTo(tents);

        String generic = signature(pictogram(parse(renderer.render("Kayaks", "a", "b", "c"))));
        assertThat(signature(pictogram(parse(renderer.render(null, "a", "b", "c"))))).isEqualTo(generic);
        assertThat(generic).isNotEqualTo(tents);
    }

    @Test
    void hostileTextIsEscapedAndCannotInjectMarkup() throws Exception {
        String name = "<script>alert(1)</script>";
        String svg = renderer.render("Cameras", name, "\"&'", "<sku>");

        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;");
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo(name);
        assertThat(texts(doc)).contains("\"&'");

        Document quotes = parse(renderer.render("Tents", "\"&'", "<b>", "x"));
        assertThat(quotes.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo("\"&'");
        assertThat(quotes.getElementsByTagNameNS("*", "b").getLength()).isZero();
    }

    @Test
    void containsNoScriptsOrExternalReferences() {
        for (String category : CATEGORIES) {
            String svg = renderer.render(category, "javascript:alert(1)", "http://evil.example", "s");
            assertThat(svg).doesNotContain("<script", "href", "<image", "<foreignObject", "@import");
            assertThat(svg.replace("url(#", "")).as("only same-document url(#id) references").doesNotContain("url(");
        }
    }

    @Test
    void outputIsDeterministic() {
        String first = renderer.render("Headphones", "Studio Max", "Sonora", "SKU-42");
        String second = new ProductImageRenderer().render("Headphones", "Studio Max", "Sonora", "SKU-42");
        assertThat(second).isEqualTo(first);
        assertThat(renderer.render("Headphones", "Studio Max", "Sonora", "SKU-43")).isNotEqualTo(first);
    }

    @Test
    void nullInputsAreTreatedAsEmpty() throws Exception {
        assertThatCode(() -> renderer.render(null, null, null, null)).doesNotThrowAnyException();
        Document doc = parse(renderer.render(null, null, null, null));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagNameNS("*", "title").getLength()).isEqualTo(1);
    }

    @Test
    void longNamesWrapToTwoLinesWithEllipsis() throws Exception {
        String name = "Trailblazer Two Person Ultralight Backpacking Tent With Footprint And Rainfly";
        Document doc = parse(renderer.render("Tents", name, "Northpeak", "SKU-7"));
        List<String> lines = texts(doc).subList(1, texts(doc).size()); // first text is the brand

        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(line -> assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(28));
        assertThat(lines.get(1)).endsWith("\u2026");
        assertThat(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo(name);

        List<String> unbroken = texts(parse(renderer.render("Tents", "x".repeat(200), "", "s")));
        assertThat(unbroken).hasSize(2);
        assertThat(unbroken.get(1)).endsWith("\u2026");

        assertThat(texts(parse(renderer.render("Tents", "Short Name", "", "s")))).containsExactly("Short Name");
    }

    @Test
    void controlCharactersAndLoneSurrogatesDoNotBreakTheDocument() throws Exception {
        Document doc = parse(renderer.render("Stoves", "Gas\u0000 Stove\uD800\u0007 \uD83D\uDD25", "a\u001Fb", "s"));
        assertThat(texts(doc)).contains("Gas Stove \uD83D\uDD25");
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element pictogram(Document doc) {
        NodeList groups = doc.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if ("pictogram".equals(g.getAttribute("class"))) {
                return g;
            }
        }
        throw new AssertionError("no pictogram group");
    }

    /** Shapes and their attributes, independent of colours so only the drawing itself is compared. */
    private static String signature(Element group) {
        StringBuilder sb = new StringBuilder();
        NodeList children = group.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element e) {
                sb.append('<').append(e.getLocalName());
                NamedNodeMap attributes = e.getAttributes();
                for (int a = 0; a < attributes.getLength(); a++) {
                    sb.append(' ').append(attributes.item(a).getNodeName()).append('=').append(attributes.item(a).getNodeValue());
                }
                sb.append('>');
            }
        }
        return sb.toString();
    }

    private static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS("*", "text");
        List<String> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add(nodes.item(i).getTextContent());
        }
        return result;
    }
}

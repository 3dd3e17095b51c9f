package io.realtimestore.products.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a self-contained SVG product image (category pictogram, brand, name) so every product has a
 * picture without external image hosting. Names and brands are user input, hence every text is sanitised
 * and XML-escaped, and the document never contains scripts or outside references. Stateless, thread-safe.
 */
public final class ProductImageRenderer {

    private static final int MAX_LINE_CHARS = 28;
    private static final int MAX_BRAND_CHARS = 32;
    private static final String ELLIPSIS = "\u2026";
    private static final String FONT = "system-ui, sans-serif";

    // Pictograms live in a 160x160 box and inherit stroke/fill from the enclosing group,
    // so they stay plain shape lists and pick up the per-product ink colour via currentColor.
    private static final Map<String, String> PICTOGRAMS = Map.ofEntries(
            Map.entry("tents", tent()), Map.entry("sleeping bags", sleepingBag()),
            Map.entry("sleeping pads", sleepingPad()), Map.entry("backpacks", backpack()),
            Map.entry("rain jackets", rainJacket()), Map.entry("hiking boots", hikingBoot()),
            Map.entry("stoves", stove()), Map.entry("cookware", cookware()),
            Map.entry("lanterns", lantern()), Map.entry("headlamps", headlamp()),
            Map.entry("hiking poles", hikingPoles()), Map.entry("water filters", waterFilter()),
            Map.entry("cameras", camera()), Map.entry("action cameras", actionCamera()),
            Map.entry("headphones", headphones()), Map.entry("earbuds", earbuds()),
            Map.entry("speakers", speaker()), Map.entry("smart watches", smartWatch()),
            Map.entry("gps units", gpsUnit()), Map.entry("power banks", powerBank()),
            Map.entry("solar chargers", solarCharger()));

    /** Returns a complete, well-formed SVG document (UTF-8 text), 480x360 viewBox. Deterministic for the same inputs. */
    public String render(String category, String name, String brand, String sku) {
        String cleanName = clean(name);
        String cleanBrand = clean(brand);
        int hash = stableHash(sku == null ? "" : sku);
        int hue = Math.floorMod(hash, 360);
        // Ids are document-global once several SVGs are inlined into one HTML page, so derive
        // the gradient id from the SKU instead of using a fixed name.
        String gradientId = "bg-" + Integer.toHexString(hash);
        String ink = hsl(hue, 0.45, 0.18);

        StringBuilder svg = new StringBuilder(4096);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
           .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"360\" viewBox=\"0 0 480 360\" role=\"img\">\n")
           .append("<title>").append(escape(cleanName.isEmpty() ? "Product image" : cleanName)).append("</title>\n")
           .append("<defs><linearGradient id=\"").append(gradientId).append("\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\">")
           .append("<stop offset=\"0\" stop-color=\"").append(hsl(hue, 0.60, 0.90)).append("\"/>")
           .append("<stop offset=\"1\" stop-color=\"").append(hsl((hue + 30) % 360, 0.55, 0.75)).append("\"/>")
           .append("</linearGradient></defs>\n")
           .append("<rect width=\"480\" height=\"360\" fill=\"url(#").append(gradientId).append(")\"/>\n")
           .append("<circle cx=\"240\" cy=\"160\" r=\"96\" fill=\"#ffffff\" fill-opacity=\"0.45\"/>\n")
           .append("<g class=\"pictogram\" transform=\"translate(160 80)\" color=\"").append(ink)
           .append("\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"7\" stroke-linecap=\"round\" stroke-linejoin=\"round\">")
           .append(pictogramFor(category))
           .append("</g>\n");

        if (!cleanBrand.isEmpty()) {
            String upper = cleanBrand.toUpperCase(Locale.ROOT);
            svg.append(text(240, 44, 15, 600, ink, "letter-spacing=\"2\" fill-opacity=\"0.75\"",
                    length(upper) > MAX_BRAND_CHARS ? withEllipsis(upper, MAX_BRAND_CHARS) : upper));
        }
        List<String> lines = wrap(cleanName);
        int y = lines.size() == 1 ? 308 : 294;
        for (String line : lines) {
            svg.append(text(240, y, 22, 700, ink, "", line));
            y += 28;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String pictogramFor(String category) {
        String key = category == null ? "" : category.strip().toLowerCase(Locale.ROOT);
        return PICTOGRAMS.getOrDefault(key, genericTag());
    }

    private static String text(int x, int y, int size, int weight, String ink, String extra, String content) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"middle\" font-family=\"" + FONT
                + "\" font-size=\"" + size + "\" font-weight=\"" + weight + "\" fill=\"" + ink + "\""
                + (extra.isEmpty() ? "" : " " + extra) + ">" + escape(content) + "</text>\n";
    }

    // ---- pictograms (160x160 box, stroke = ink; fill='currentColor' marks solid parts) ----

    private static String tent() {
        return "<polygon points='12,138 80,22 148,138'/><line x1='80' y1='22' x2='80' y2='8'/>"
                + "<path d='M80 62 L60 138 M80 62 L100 138'/><polygon points='80,62 100,138 122,122' fill='currentColor'/>"
                + "<line x1='2' y1='138' x2='158' y2='138'/>";
    }

    private static String sleepingBag() {
        return "<path d='M16 80 C16 44 56 42 76 48 L140 62 Q154 80 140 98 L76 112 C56 118 16 116 16 80 Z'/>"
                + "<ellipse cx='44' cy='80' rx='13' ry='18' fill='currentColor'/>"
                + "<path d='M92 54 V106 M116 58 V102' stroke-width='5'/>";
    }

    private static String sleepingPad() {
        // Rolled mat: a spiral of alternating half circles that unrolls into the flat pad.
        return "<path d='M108 82 A7 7 0 0 1 122 82 A14 14 0 0 1 94 82 A21 21 0 0 1 136 82 A28 28 0 0 1 80 82"
                + " A35 35 0 0 1 150 82 A42 42 0 0 1 108 124 H12' stroke-width='8'/>";
    }

    private static String backpack() {
        return "<rect x='38' y='36' width='84' height='112' rx='24'/><path d='M66 36 Q80 14 94 36'/>"
                + "<path d='M42 62 Q80 78 118 62'/><rect x='56' y='92' width='48' height='38' rx='8'/>"
                + "<line x1='70' y1='92' x2='90' y2='92' stroke-width='10'/>"
                + "<path d='M38 80 H26 V124 H38 M122 80 H134 V124 H122' stroke-width='5'/>";
    }

    private static String rainJacket() {
        return "<path d='M60 30 L40 40 L18 110 L34 114 L48 72 L48 142 L112 142 L112 72 L126 114 L142 110 L120 40 L100 30'/>"
                + "<path d='M60 30 Q80 -2 100 30 Q80 52 60 30 Z'/><line x1='80' y1='44' x2='80' y2='142' stroke-width='4'/>"
                + "<path d='M22 14 Q14 28 22 30 Q30 28 22 14 Z M140 12 Q132 26 140 28 Q148 26 140 12 Z'"
                + " fill='currentColor' stroke-width='3'/>";
    }

    private static String hikingBoot() {
        return "<path d='M40 18 L82 18 L84 78 L130 96 Q148 104 146 124 L146 130 L30 130 L30 60 Q30 38 40 18 Z'/>"
                + "<rect x='24' y='130' width='128' height='14' rx='5' fill='currentColor'/>"
                + "<path d='M48 38 L82 32 M48 54 L83 48 M50 70 L84 64' stroke-width='5'/>"
                + "<line x1='96' y1='100' x2='104' y2='118' stroke-width='5'/>";
    }

    private static String stove() {
        return "<path d='M80 14 C98 36 102 54 80 64 C58 54 62 36 80 14 Z' fill='currentColor'/>"
                + "<path d='M36 70 H124 M44 70 L62 84 M116 70 L98 84'/>"
                + "<rect x='58' y='80' width='44' height='12' rx='3' fill='currentColor'/>"
                + "<rect x='42' y='96' width='76' height='48' rx='14'/>"
                + "<line x1='54' y1='116' x2='106' y2='116' stroke-width='5'/>";
    }

    private static String cookware() {
        return "<path d='M28 72 H132 L124 136 Q122 142 114 142 H46 Q38 142 36 136 Z'/>"
                + "<path d='M22 64 Q80 28 138 64 Z' fill='currentColor'/>"
                + "<circle cx='80' cy='34' r='7' fill='currentColor'/><path d='M8 82 H30 M130 82 H152'/>";
    }

    private static String lantern() {
        return "<path d='M56 30 Q80 2 104 30'/><path d='M48 42 H112 L100 28 H60 Z' fill='currentColor'/>"
                + "<rect x='56' y='42' width='48' height='70' rx='10'/>"
                + "<path d='M80 58 C90 70 92 82 80 94 C68 82 70 70 80 58 Z' fill='currentColor'/>"
                + "<rect x='46' y='112' width='68' height='22' rx='6' fill='currentColor'/>"
                + "<path d='M30 77 H16 M130 77 H144 M36 50 L24 42 M124 50 L136 42' stroke-width='5'/>";
    }

    private static String headlamp() {
        return "<ellipse cx='58' cy='88' rx='46' ry='28'/>"
                + "<rect x='88' y='68' width='30' height='40' rx='8' fill='currentColor'/>"
                + "<polygon points='124,80 158,56 158,120 124,96' fill='currentColor' fill-opacity='0.35' stroke='none'/>"
                + "<circle cx='112' cy='88' r='7' fill='#ffffff' stroke='none'/>";
    }

    private static String hikingPoles() {
        return "<path d='M45 20 L115 145 M115 20 L45 145'/><path d='M45 20 L57 41 M115 20 L103 41' stroke-width='15'/>"
                + "<circle cx='104' cy='126' r='9'/><circle cx='56' cy='126' r='9'/>";
    }

    private static String waterFilter() {
        return "<path d='M26 26 H134 L92 78 V96 H68 V78 Z'/><path d='M42 42 H118 M56 58 H104' stroke-width='5'/>"
                + "<path d='M80 108 C92 124 98 136 80 148 C62 136 68 124 80 108 Z' fill='currentColor'/>";
    }

    private static String camera() {
        return "<rect x='12' y='46' width='136' height='92' rx='12'/><path d='M50 46 L60 28 H100 L110 46'/>"
                + "<circle cx='80' cy='92' r='30'/><circle cx='80' cy='92' r='15' fill='currentColor'/>"
                + "<rect x='22' y='36' width='18' height='8' rx='2' fill='currentColor'/>"
                + "<rect x='120' y='58' width='16' height='10' rx='2' fill='currentColor'/>";
    }

    private static String actionCamera() {
        return "<rect x='28' y='36' width='104' height='82' rx='14'/><circle cx='98' cy='78' r='24'/>"
                + "<circle cx='98' cy='78' r='11' fill='currentColor'/>"
                + "<rect x='40' y='52' width='28' height='18' rx='3' fill='currentColor'/>"
                + "<rect x='40' y='26' width='22' height='6' rx='2' fill='currentColor'/>"
                + "<path d='M66 118 V146 M80 118 V146 M94 118 V146' stroke-width='8'/>";
    }

    private static String headphones() {
        return "<path d='M30 104 V82 A50 50 0 0 1 130 82 V104'/>"
                + "<rect x='16' y='94' width='30' height='48' rx='12' fill='currentColor'/>"
                + "<rect x='114' y='94' width='30' height='48' rx='12' fill='currentColor'/>";
    }

    private static String earbuds() {
        return "<circle cx='52' cy='50' r='22'/><circle cx='48' cy='48' r='8' fill='currentColor'/>"
                + "<line x1='62' y1='70' x2='70' y2='138' stroke-width='14'/><circle cx='110' cy='66' r='22'/>"
                + "<circle cx='114' cy='64' r='8' fill='currentColor'/>"
                + "<line x1='100' y1='86' x2='94' y2='150' stroke-width='14'/>";
    }

    private static String speaker() {
        return "<rect x='34' y='14' width='70' height='132' rx='12'/><circle cx='69' cy='44' r='12'/>"
                + "<circle cx='69' cy='102' r='28'/><circle cx='69' cy='102' r='10' fill='currentColor'/>"
                + "<path d='M118 84 Q128 102 118 120 M132 72 Q148 102 132 132' stroke-width='5'/>";
    }

    private static String smartWatch() {
        return "<path d='M56 46 L60 10 H100 L104 46 M56 114 L60 150 H100 L104 114'/>"
                + "<rect x='42' y='44' width='76' height='72' rx='18'/>"
                + "<rect x='118' y='70' width='8' height='20' rx='3' fill='currentColor'/>"
                + "<polyline points='54,82 66,82 72,66 82,98 90,74 96,82 106,82' stroke-width='5'/>";
    }

    private static String gpsUnit() {
        return "<line x1='58' y1='16' x2='58' y2='2' stroke-width='10'/>"
                + "<rect x='44' y='16' width='72' height='134' rx='14'/><rect x='56' y='30' width='48' height='56' rx='4'/>"
                + "<path d='M80 40 C70 40 66 48 66 54 C66 64 80 78 80 78 C80 78 94 64 94 54 C94 48 90 40 80 40 Z'"
                + " fill='currentColor' stroke-width='2'/>"
                + "<circle cx='80' cy='54' r='5' fill='#ffffff' stroke='none'/>"
                + "<circle cx='66' cy='108' r='6' fill='currentColor'/><circle cx='94' cy='108' r='6' fill='currentColor'/>"
                + "<line x1='70' y1='130' x2='90' y2='130' stroke-width='6'/>";
    }

    private static String powerBank() {
        return "<rect x='64' y='10' width='32' height='10' rx='2' fill='currentColor'/>"
                + "<rect x='34' y='20' width='92' height='128' rx='16'/>"
                + "<polygon points='92,38 60,86 80,86 72,124 104,74 84,74' fill='currentColor' stroke-width='3'/>"
                + "<path d='M66 136 H68 M79 136 H81 M92 136 H94' stroke-width='5'/>";
    }

    private static String solarCharger() {
        return "<circle cx='34' cy='34' r='13' fill='currentColor'/>"
                + "<path d='M34 8 V12 M34 56 V60 M8 34 H12 M56 34 H60 M16 16 L19 19 M49 49 L52 52 M52 16 L49 19 M16 52 L19 49'"
                + " stroke-width='4'/>"
                + "<polygon points='20,140 50,70 150,70 120,140'/>"
                + "<path d='M83 70 L53 140 M117 70 L87 140 M35 105 H135' stroke-width='5'/>"
                + "<line x1='120' y1='140' x2='150' y2='152' stroke-width='4'/>";
    }

    private static String genericTag() {
        return "<path d='M14 80 L56 34 H146 V126 H56 Z'/><circle cx='50' cy='80' r='8' fill='currentColor'/>"
                + "<path d='M76 66 H126 M76 94 H112' stroke-width='6'/>";
    }

    // ---- text handling ----

    /** Null-safe; drops code points XML 1.0 cannot carry and collapses whitespace. */
    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if ((cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000) {
                out.appendCodePoint(cp); // lone surrogates (0xD800-0xDFFF) fall through and are dropped
            }
        });
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    /** Word wrap into at most two lines, counting code points so surrogate pairs are never split. */
    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>(2);
        String rest = text;
        while (!rest.isEmpty() && lines.size() < 2) {
            int cut = rest.length();
            if (length(rest) > MAX_LINE_CHARS) {
                int limit = rest.offsetByCodePoints(0, MAX_LINE_CHARS);
                int space = rest.lastIndexOf(' ', limit);
                cut = space > 0 ? space : limit; // no space: hard-break long tokens such as pasted URLs
            }
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            lines.set(1, withEllipsis(lines.get(1), MAX_LINE_CHARS));
        }
        return lines;
    }

    /** Shortens s so that s plus the ellipsis fits in max code points. */
    private static String withEllipsis(String s, int max) {
        int keep = Math.min(length(s), max - 1);
        return s.substring(0, s.offsetByCodePoints(0, keep)).strip() + ELLIPSIS;
    }

    private static int length(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }

    // ---- colour ----

    /** FNV-1a plus a final avalanche so near-identical SKUs (SKU-001, SKU-002) get clearly different hues. */
    private static int stableHash(String s) {
        int h = 0x811C9DC5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    /** HSL to #rrggbb: hex is understood by every SVG renderer, hsl() is not everywhere. */
    private static String hsl(int hue, double saturation, double lightness) {
        double a = saturation * Math.min(lightness, 1 - lightness);
        int[] rgb = new int[3];
        for (int i = 0; i < 3; i++) {
            double k = ((i == 0 ? 0 : i == 1 ? 8 : 4) + hue / 30.0) % 12;
            rgb[i] = (int) Math.round(255 * (lightness - a * Math.max(-1, Math.min(Math.min(k - 3, 9 - k), 1))));
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }
}

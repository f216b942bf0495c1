package com.lightsailaccess.pictures;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import java.util.Map;
import java.util.Set;

/**
 * Block Kit, as the bot sends it to Slack (the JSON of {@code chat.postMessage}, {@code views.open} and the rest),
 * drawn as a self-contained HTML page that looks like Slack: a message in a channel or a DM, a modal, a Home tab.
 * It knows the block types header, section, context, divider, actions and input; the elements button,
 * static_select, radio_buttons and plain_text_input; plain_text and mrkdwn text; modal and home views. It throws
 * {@link UnknownBlockKitType} on any other type (unknown fields are left out, as Slack's clients do), so
 * a picture never leaves out something the bot sends; the test suite's Slack stand-in draws every payload the bot
 * sends with it ({@code FakeSlack}), so a new type in the bot fails a test until this class learns it.
 */
public final class SlackPage {

    public static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");
    public static final Set<String> VIEW_TYPES = Set.of("modal", "home");

    /** The name and the initials the bot shows as in Slack (the app's name in the manifest). */
    static final String APP_NAME = "Lightsail Access";

    private final MrkdwnHtml mrkdwn;

    /** {@code people}: display names by Slack user id, for mentions; others are shown as their id. */
    public SlackPage(Map<String, String> people) {
        this.mrkdwn = new MrkdwnHtml(people);
    }

    /** Draws nothing, but throws on what it could not draw: for checking a payload as it goes to Slack. */
    public static void check(JsonArray blocks) {
        new SlackPage(Map.of()).blocks(blocks, "blocks");
    }

    /** As {@link #check(JsonArray)}, for a view ({@code views.open}, {@code views.update}, {@code views.publish}). */
    public static void checkView(JsonObject view) {
        new SlackPage(Map.of()).view(view);
    }

    // ---- pages --------------------------------------------------------------------------------------------------

    /** A message from the bot in a channel ({@code #name}) or in its DM with someone ({@code where} is the name). */
    public String message(String where, boolean dm, String time, JsonArray blocks) {
        String body = "<div class=\"window\"><div class=\"channel-header\">" + (dm
                ? "<span class=\"avatar small\">LA</span>" + html(where) + "<span class=\"app-badge\">APP</span>"
                : "<span class=\"hash\">#</span>" + html(where)) + "</div>"
                + "<div class=\"message\"><div class=\"avatar\">LA</div><div class=\"content\">"
                + "<div class=\"meta\"><span class=\"name\">" + html(APP_NAME) + "</span>"
                + "<span class=\"app-badge\">APP</span><span class=\"time\">" + html(time) + "</span></div>"
                + blocks(blocks, "blocks") + "</div></div></div>";
        return page("message", body);
    }

    /** A modal or a Home tab, by the view's own {@code type}. */
    public String view(JsonObject view) {
        String type = str(view, "type");
        if (!VIEW_TYPES.contains(type)) {
            throw new UnknownBlockKitType("view type", type, "view");
        }
        JsonArray blocks = view.has("blocks") ? view.getAsJsonArray("blocks") : new JsonArray();
        if ("home".equals(type)) {
            return page("home", "<div class=\"window\"><div class=\"home-header\"><span class=\"avatar small\">LA"
                    + "</span>" + html(APP_NAME) + "</div><div class=\"tabs\"><span class=\"tab selected\">Home</span>"
                    + "<span class=\"tab\">Messages</span><span class=\"tab\">About</span></div>"
                    + "<div class=\"home-body\">" + blocks(blocks, "view.blocks") + "</div></div>");
        }
        StringBuilder footer = new StringBuilder();
        if (view.has("close")) {
            footer.append("<span class=\"btn\">").append(text(view.get("close"), "view.close")).append("</span>");
        }
        if (view.has("submit")) {
            footer.append("<span class=\"btn primary\">").append(text(view.get("submit"), "view.submit"))
                    .append("</span>");
        }
        return page("modal", "<div class=\"dialog\"><div class=\"modal-header\"><span class=\"avatar small\">LA"
                + "</span><span class=\"modal-title\">" + text(view.get("title"), "view.title")
                + "</span><span class=\"modal-x\">\u2715</span></div><div class=\"modal-body\">"
                + blocks(blocks, "view.blocks") + "</div>"
                + (footer.isEmpty() ? "" : "<div class=\"modal-footer\">" + footer + "</div>") + "</div>");
    }

    // ---- blocks -------------------------------------------------------------------------------------------------

    String blocks(JsonArray blocks, String where) {
        StringBuilder out = new StringBuilder("<div class=\"blocks\">");
        for (int i = 0; i < blocks.size(); i++) {
            out.append(block(blocks.get(i).getAsJsonObject(), where + "[" + i + "]"));
        }
        return out.append("</div>").toString();
    }

    private String block(JsonObject block, String at) {
        String type = str(block, "type");
        return switch (type) {
            case "header" -> "<div class=\"block header\">" + text(block.get("text"), at + ".text") + "</div>";
            case "section" -> section(block, at);
            case "context" -> {
                StringBuilder out = new StringBuilder("<div class=\"block context\">");
                JsonArray elements = block.getAsJsonArray("elements");
                for (int e = 0; e < elements.size(); e++) {
                    JsonObject element = elements.get(e).getAsJsonObject();
                    String elementType = str(element, "type");
                    if (!TEXT_TYPES.contains(elementType)) {
                        throw new UnknownBlockKitType("context element type", elementType,
                                at + ".elements[" + e + "]");
                    }
                    out.append("<span>").append(text(element, at + ".elements[" + e + "]")).append("</span>");
                }
                yield out.append("</div>").toString();
            }
            case "divider" -> "<div class=\"block divider\"></div>";
            case "actions" -> {
                StringBuilder out = new StringBuilder("<div class=\"block actions\">");
                JsonArray elements = block.getAsJsonArray("elements");
                for (int e = 0; e < elements.size(); e++) {
                    out.append(element(elements.get(e).getAsJsonObject(), at + ".elements[" + e + "]"));
                }
                yield out.append("</div>").toString();
            }
            case "input" -> "<div class=\"block input\"><div class=\"label\">" + text(block.get("label"), at
                    + ".label") + (block.has("optional") && block.get("optional").getAsBoolean()
                    ? " <span class=\"optional\">(optional)</span>" : "") + "</div>"
                    + element(block.getAsJsonObject("element"), at + ".element")
                    + (block.has("hint") ? "<div class=\"hint\">" + text(block.get("hint"), at + ".hint") + "</div>"
                    : "") + "</div>";
            default -> throw new UnknownBlockKitType("block type", type, at);
        };
    }

    private String section(JsonObject block, String at) {
        StringBuilder out = new StringBuilder("<div class=\"block section\"><div class=\"section-main\">");
        if (block.has("text")) {
            out.append("<div class=\"section-text\">").append(text(block.get("text"), at + ".text")).append("</div>");
        }
        if (block.has("fields")) {
            out.append("<div class=\"fields\">");
            JsonArray fields = block.getAsJsonArray("fields");
            for (int f = 0; f < fields.size(); f++) {
                out.append("<div>").append(text(fields.get(f), at + ".fields[" + f + "]")).append("</div>");
            }
            out.append("</div>");
        }
        out.append("</div>");
        if (block.has("accessory")) {
            out.append("<div class=\"accessory\">")
                    .append(element(block.getAsJsonObject("accessory"), at + ".accessory")).append("</div>");
        }
        return out.append("</div>").toString();
    }

    private String element(JsonObject element, String at) {
        String type = str(element, "type");
        return switch (type) {
            case "button" -> "<span class=\"btn" + (element.has("style") ? " " + html(str(element, "style")) : "")
                    + "\">" + text(element.get("text"), at + ".text") + "</span>";
            case "static_select" -> {
                JsonElement shown = element.has("initial_option")
                        ? element.getAsJsonObject("initial_option").get("text") : element.get("placeholder");
                yield "<div class=\"select" + (element.has("initial_option") ? "" : " placeholder") + "\"><span>"
                        + (shown == null ? "Select an option" : text(shown, at)) + "</span><span class=\"chevron\">"
                        + "\u2304</span></div>";
            }
            case "radio_buttons" -> {
                String chosen = element.has("initial_option")
                        ? str(element.getAsJsonObject("initial_option"), "value") : null;
                StringBuilder out = new StringBuilder("<div class=\"radios\">");
                JsonArray options = element.getAsJsonArray("options");
                for (int o = 0; o < options.size(); o++) {
                    JsonObject option = options.get(o).getAsJsonObject();
                    out.append("<div class=\"radio\"><span class=\"dot")
                            .append(str(option, "value").equals(chosen) ? " on" : "").append("\"></span><div>")
                            .append(text(option.get("text"), at + ".options[" + o + "].text"));
                    if (option.has("description")) {
                        out.append("<div class=\"hint\">")
                                .append(text(option.get("description"), at + ".options[" + o + "].description"))
                                .append("</div>");
                    }
                    out.append("</div></div>");
                }
                yield out.append("</div>").toString();
            }
            case "plain_text_input" -> {
                boolean multiline = element.has("multiline") && element.get("multiline").getAsBoolean();
                String value = element.has("initial_value") ? html(str(element, "initial_value"))
                        : element.has("placeholder") ? "<span class=\"placeholder\">" + text(element.get(
                                "placeholder"), at + ".placeholder") + "</span>" : "";
                yield "<div class=\"text-input" + (multiline ? " multiline" : "") + "\">" + value + "</div>";
            }
            default -> throw new UnknownBlockKitType("element type", type, at);
        };
    }

    private String text(JsonElement text, String at) {
        JsonObject object = text.getAsJsonObject();
        String type = str(object, "type");
        return switch (type) {
            case "mrkdwn" -> mrkdwn.mrkdwn(str(object, "text"),
                    object.has("verbatim") && object.get("verbatim").getAsBoolean());
            case "plain_text" -> mrkdwn.plain(str(object, "text"),
                    !object.has("emoji") || object.get("emoji").getAsBoolean());
            default -> throw new UnknownBlockKitType("text type", type, at);
        };
    }

    // ---- HTML ---------------------------------------------------------------------------------------------------

    /** Text as HTML text or attribute value: Slack's three entities are HTML's, and quotes for attributes. */
    static String html(String text) {
        return Mrkdwn.escape(text).replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String str(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }

    private static String page(String kind, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(APP_NAME)
                + "</title><style>" + CSS + "</style></head><body class=\"" + kind + "\">" + body + "</body></html>\n";
    }

    /** Slack's light theme, near enough: Lato, its greys, green primary and red danger buttons. */
    private static final String CSS = """
            * { box-sizing: border-box; }
            body { margin: 0; font-family: Lato, "Helvetica Neue", Arial, sans-serif; font-size: 15px;
              line-height: 1.46668; color: #1d1c1d; background: #fff; -webkit-font-smoothing: antialiased; }
            body.modal { background: #7a7a7c; padding: 32px 40px; }
            .window { background: #fff; }
            .channel-header, .home-header { height: 49px; display: flex; align-items: center; padding: 0 20px;
              font-size: 18px; font-weight: 900; border-bottom: 1px solid rgba(29,28,29,.13); }
            .hash { color: #616061; font-weight: 400; margin-right: 4px; }
            .avatar { flex: none; width: 36px; height: 36px; border-radius: 6px; background: #e8590c; color: #fff;
              display: flex; align-items: center; justify-content: center; font-weight: 900; font-size: 14px;
              margin-right: 8px; letter-spacing: .5px; }
            .avatar.small { width: 24px; height: 24px; font-size: 10px; border-radius: 4px; }
            .app-badge { font-size: 10px; font-weight: 700; color: rgba(29,28,29,.7); background: rgba(29,28,29,.13);
              border-radius: 2px; padding: 1px 3px; margin-left: 6px; line-height: 1.25; }
            .message { display: flex; padding: 16px 20px 20px; }
            .content { flex: 1; min-width: 0; }
            .meta { display: flex; align-items: baseline; }
            .meta .name { font-weight: 900; }
            .meta .time { color: #616061; font-size: 12px; margin-left: 8px; }
            .tabs { display: flex; gap: 24px; padding: 0 20px; border-bottom: 1px solid rgba(29,28,29,.13);
              font-size: 14px; font-weight: 700; color: #616061; }
            .tab { padding: 10px 0 8px; border-bottom: 2px solid transparent; }
            .tab.selected { color: #1d1c1d; border-bottom-color: #1264a3; }
            .home-body { padding: 12px 20px 24px; }
            .dialog { width: 520px; margin: 0 auto; background: #fff; border-radius: 8px;
              box-shadow: 0 0 0 1px rgba(29,28,29,.13), 0 18px 48px rgba(0,0,0,.35); }
            .modal-header { display: flex; align-items: center; padding: 20px 28px 12px; }
            .modal-title { font-size: 22px; font-weight: 900; flex: 1; }
            .modal-x { color: #616061; font-size: 18px; }
            .modal-body { padding: 0 28px 8px; }
            .modal-footer { display: flex; justify-content: flex-end; gap: 12px; padding: 20px 28px;
              border-top: 1px solid rgba(29,28,29,.13); }
            .block { margin: 4px 0; }
            .block.header { font-size: 18px; font-weight: 900; line-height: 1.33; margin-top: 8px; }
            .section { display: flex; gap: 16px; align-items: flex-start; }
            .section-main { flex: 1; min-width: 0; overflow-wrap: anywhere; }
            .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin-top: 4px; }
            .accessory { flex: none; }
            .context { display: flex; flex-wrap: wrap; gap: 4px 8px; font-size: 12px; line-height: 1.5;
              color: #616061; }
            .divider { border-top: 1px solid rgba(29,28,29,.13); margin: 16px 0; }
            .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
            .btn { display: inline-flex; align-items: center; justify-content: center; height: 36px; min-width: 80px;
              padding: 0 16px; border-radius: 4px; font-size: 15px; font-weight: 700; background: #fff;
              color: #1d1c1d; border: 1px solid rgba(29,28,29,.3); white-space: nowrap; }
            .accessory .btn { height: 28px; font-size: 13px; padding: 0 12px; min-width: 56px; }
            .btn.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
            .btn.danger { background: #e01e5a; border-color: #e01e5a; color: #fff; }
            .input { margin: 16px 0; }
            .label { font-weight: 700; margin-bottom: 8px; }
            .optional { font-weight: 400; color: #616061; }
            .hint { font-size: 13px; color: #616061; margin-top: 4px; }
            .text-input, .select { min-height: 40px; padding: 8px 12px; border: 1px solid rgba(29,28,29,.3);
              border-radius: 4px; background: #fff; }
            .text-input.multiline { min-height: 88px; white-space: pre-wrap; }
            .select { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
            .select .chevron { color: #616061; font-size: 14px; line-height: 1; margin-top: -6px; }
            .placeholder, .select.placeholder { color: #868686; }
            .radios { display: flex; flex-direction: column; gap: 8px; }
            .radio { display: flex; gap: 8px; align-items: flex-start; }
            .dot { flex: none; width: 16px; height: 16px; margin-top: 3px; border-radius: 50%;
              border: 1px solid rgba(29,28,29,.5); background: #fff; }
            .dot.on { border: 5px solid #1264a3; }
            a { color: #1264a3; text-decoration: none; }
            b { font-weight: 900; }
            code { font-family: Monaco, Menlo, "DejaVu Sans Mono", Consolas, monospace; font-size: 12px;
              color: #c01343; background: rgba(29,28,29,.04); border: 1px solid rgba(29,28,29,.13);
              border-radius: 3px; padding: 2px 3px 1px; overflow-wrap: anywhere; }
            pre { font-family: Monaco, Menlo, "DejaVu Sans Mono", Consolas, monospace; font-size: 12px;
              line-height: 1.5; margin: 4px 0; padding: 8px; background: rgba(29,28,29,.04);
              border: 1px solid rgba(29,28,29,.13); border-radius: 4px; white-space: pre-wrap; }
            blockquote { margin: 4px 0; padding-left: 16px; border-left: 4px solid rgba(29,28,29,.2); }
            .mention { color: #1264a3; background: rgba(29,155,209,.1); border-radius: 3px; padding: 0 2px; }
            .emoji { font-family: "Noto Color Emoji", sans-serif; font-size: 1.05em; }
            """;
}

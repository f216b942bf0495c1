package com.lightsailaccess.testing;

import static io.restassured.RestAssured.given;

/** Reads a counter from the running bot's {@code /q/metrics} (Prometheus text format). */
public final class Metrics {

    private Metrics() {
    }

    /** The value of {@code name} with these labels ({@code key, value, key, value…}); 0 before its first count. */
    public static double counter(String name, String... labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                matches &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}

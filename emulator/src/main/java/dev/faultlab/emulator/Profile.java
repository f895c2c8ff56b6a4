package dev.faultlab.emulator;

/** Which ESP-IDF keepalive rule a device follows. */
public enum Profile {
    /** IDF 5.x and master: PINGREQ K/2 after the last PINGRESP, whatever else is written. */
    ESP_IDF_5("esp-idf-5"),
    /** IDF 4.4 and older: every write restarts the timer, so a busy publisher never pings. */
    ESP_IDF_4("esp-idf-4");

    private final String label;

    Profile(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The profile named {@code label} ({@code esp-idf-5} or {@code esp-idf-4}). */
    public static Profile of(String label) {
        for (Profile p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile " + label + " (esp-idf-5 or esp-idf-4)");
    }
}

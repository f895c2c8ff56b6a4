package dev.faultlab.emulator;

/** The line an ESP-IDF example's event handler logs for each event, e.g. {@code MQTT_EVENT_PUBLISHED, msg_id=1234}. */
final class EventText {
    private EventText() {
    }

    static String of(EspEvent event) {
        String name = event.espName();
        if (event instanceof EspEvent.Connected c) {
            return name + ", session_present=" + (c.sessionPresent() ? 1 : 0);
        } else if (event instanceof EspEvent.Subscribed s) {
            return name + ", msg_id=" + s.msgId();
        } else if (event instanceof EspEvent.Unsubscribed u) {
            return name + ", msg_id=" + u.msgId();
        } else if (event instanceof EspEvent.Published p) {
            return name + ", msg_id=" + p.msgId();
        } else if (event instanceof EspEvent.Deleted d) {
            return name + ", msg_id=" + d.msgId();
        } else if (event instanceof EspEvent.Data d) {
            String text = name + ", TOPIC=" + d.topic() + ", DATA length=" + d.payload().length;
            return d.payload().length == d.totalDataLength() ? text
                    : text + ", total_data_len=" + d.totalDataLength() + ", current_data_offset=" + d.currentDataOffset();
        } else if (event instanceof EspEvent.Error e) {
            return name + ", type=MQTT_ERROR_TYPE_" + e.type() + ", code=" + e.code();
        }
        return name;
    }
}

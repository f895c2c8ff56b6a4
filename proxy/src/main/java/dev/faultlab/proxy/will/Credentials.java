package dev.faultlab.proxy.will;

/**
 * The user name and password the will watcher connects to brokers with, either or both null.
 * {@link #toString} never shows the password.
 */
public record Credentials(String username, String password) {
    public static final Credentials NONE = new Credentials(null, null);

    boolean present() {
        return username != null || password != null;
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
    }
}

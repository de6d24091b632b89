package org.communitycarbon.infra;

/** A PostgreSQL role to log in as. {@link #toString()} leaves the password out, so a log line cannot leak it. */
public record DatabaseLogin(String username, String password) {

    @Override
    public String toString() {
        return "DatabaseLogin[" + username + "]";
    }
}

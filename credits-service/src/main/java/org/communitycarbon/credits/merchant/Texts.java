package org.communitycarbon.credits.merchant;

/** Free text that ends up in a hash-chained ledger entry's reason may hold no control character (docs/credits.md). */
final class Texts {

    static final String NO_CONTROL = "[^\\p{Cntrl}]*";
    static final String NO_CONTROL_MESSAGE = "must not contain control characters";

    private Texts() {
    }
}

package org.communitycarbon.credits.merchant;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A debit the merchant cannot make, as a problem its till can show: {@code code} says which. Unlike a resident's own
 * refusal it never tells the merchant the household's balance.
 */
final class DebitRefused extends ErrorResponseException {

    private DebitRefused(HttpStatus status, String code, String title, String detail) {
        super(status, problem(status, code, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }

    static DebitRefused insufficientBalance(long amount) {
        DebitRefused refused = new DebitRefused(HttpStatus.CONFLICT, "insufficient-balance", "Insufficient balance",
                "The household does not have " + amount + " credits");
        refused.getBody().setProperty("amount", amount);
        return refused;
    }

    static DebitRefused outOfStock(int stock) {
        DebitRefused refused = new DebitRefused(HttpStatus.CONFLICT, "out-of-stock", "Out of stock", "The item is out of stock");
        refused.getBody().setProperty("stock", stock);
        return refused;
    }

    static DebitRefused outsideValidity(Instant validFrom, Instant validUntil) {
        DebitRefused refused = new DebitRefused(HttpStatus.UNPROCESSABLE_CONTENT, "outside-validity-window", "Not redeemable now",
                "The item can be redeemed from " + validFrom + " until " + validUntil);
        refused.getBody().setProperty("validFrom", validFrom.toString());
        refused.getBody().setProperty("validUntil", validUntil.toString());
        return refused;
    }
}

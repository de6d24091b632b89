package org.communitycarbon.credits.redemption;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A redemption the household cannot make now, as a problem a phone app can show: {@code code} says which, and the
 * properties give the numbers (the balance and the price, the stock left, the validity window).
 */
final class RedemptionRefused extends ErrorResponseException {

    private RedemptionRefused(HttpStatus status, String code, String title, String detail) {
        super(status, problem(status, code, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }

    static RedemptionRefused insufficientBalance(long balance, long price) {
        RedemptionRefused refused = new RedemptionRefused(HttpStatus.CONFLICT, "insufficient-balance", "Insufficient balance",
                "The household has " + balance + " credits; this redemption needs " + price);
        refused.getBody().setProperty("balance", balance);
        refused.getBody().setProperty("price", price);
        return refused;
    }

    static RedemptionRefused outOfStock(int stock, int quantity) {
        RedemptionRefused refused = new RedemptionRefused(HttpStatus.CONFLICT, "out-of-stock", "Out of stock",
                stock == 0 ? "The item is out of stock" : "Only " + stock + " left; " + quantity + " asked for");
        refused.getBody().setProperty("stock", stock);
        refused.getBody().setProperty("quantity", quantity);
        return refused;
    }

    static RedemptionRefused outsideValidity(Instant validFrom, Instant validUntil) {
        RedemptionRefused refused = new RedemptionRefused(HttpStatus.UNPROCESSABLE_CONTENT, "outside-validity-window",
                "Not redeemable now", "The item can be redeemed from " + validFrom + " until " + validUntil);
        refused.getBody().setProperty("validFrom", validFrom.toString());
        refused.getBody().setProperty("validUntil", validUntil.toString());
        return refused;
    }
}

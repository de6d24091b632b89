/**
 * Merchants of a community: onboarded with their users by the property manager, they scan a household's code and debit
 * an amount — atomically, idempotently, never below zero — get a receipt with the household's pseudonym, list their own
 * receipts and monthly statements, and never see a household's balance or history.
 */
@NullMarked
package org.communitycarbon.credits.merchant;

import org.jspecify.annotations.NullMarked;

/**
 * Earning rules as configuration: per behaviour, credits per unit and a participation credit; bonus campaigns with
 * dates; daily and monthly caps per household and per behaviour, counted in the community's time zone; a velocity limit
 * per household; implausible amounts flagged for the property team and never credited; per bin, from the bins' own
 * deposits, a drop heavier than the bin holds (its capacity from the device registry, else its kind's) and too many drops
 * at one bin within a minute flagged too. A community's
 * rules are versions with an effective date; the ledger asks them what each reduction earns.
 */
@NullMarked
package org.communitycarbon.credits.earning;

import org.jspecify.annotations.NullMarked;

package org.communitycarbon.credits.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PropertyFeeExportTest {

    @Test
    void quotesWhatRfc4180Needs() {
        assertThat(PropertyFeeExport.field("物业费抵扣 50 元")).isEqualTo("物业费抵扣 50 元");
        assertThat(PropertyFeeExport.field("fee, one month")).isEqualTo("\"fee, one month\"");
        assertThat(PropertyFeeExport.field("the \"big\" one")).isEqualTo("\"the \"\"big\"\" one\"");
    }

    @Test
    void neverHandsASpreadsheetAFormula() {
        assertThat(PropertyFeeExport.field("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(PropertyFeeExport.field("+1")).isEqualTo("'+1");
        assertThat(PropertyFeeExport.field("-5 credits")).isEqualTo("'-5 credits");
        assertThat(PropertyFeeExport.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }
}

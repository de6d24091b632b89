package org.communitycarbon.infra;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;

/** The embedded broker takes one in-process extension: this one starts both of the platform's. */
final class PlatformExtension implements ExtensionMain {

    private final BrokerAccess access;
    private final BrokerBackPressure backPressure;

    PlatformExtension(BrokerAccess access, BrokerBackPressure backPressure) {
        this.access = access;
        this.backPressure = backPressure;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        access.start();
        backPressure.extensionStart(input, output);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        access.stop();
        backPressure.extensionStop(input, output);
    }
}

package org.communitycarbon.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

class WithoutReactorSecurityHookTest {

    private static final String REGISTRAR = "securityReactorContextSubscriberRegistrar";

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class ServletSecurity {
    }

    private final WebApplicationContextRunner servletService = new WebApplicationContextRunner()
            .withUserConfiguration(ServletSecurity.class);

    @Test
    void aServletServiceNextToWebFluxGetsTheGlobalReactorHookOnItsOwn() {
        servletService.run(context -> assertThat(context).hasBean(REGISTRAR));
    }

    @Test
    void inTheSharedJvmItDoesNot() {
        servletService.withInitializer(new WithoutReactorSecurityHook()).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(REGISTRAR);
            assertThat(context.getBeanFactory().getBeanDefinitionNames()).doesNotContain(WithoutReactorSecurityHook.CONFIGURATION);
            assertThat(context).hasBean("springSecurityFilterChain");
        });
    }
}

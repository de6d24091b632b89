package org.communitycarbon.local;

import java.util.HashSet;
import java.util.Set;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keeps Spring Security's {@code SecurityReactorContextConfiguration} out of a servlet service in the shared JVM.
 * <p>
 * {@code @EnableWebSecurity} imports it when Spring WebFlux and the resource server are on the class path, and it
 * installs a global Reactor hook ({@code Hooks.onLastOperator}) that wraps every operator of every reactive chain in
 * the JVM, so that a servlet's security context reaches the {@code WebClient} calls it makes. No service makes one, and
 * a service deployed on its own has no WebFlux on its class path; only the local run puts the gateway's WebFlux next to
 * the services, and there the hook cost the gateway's fast lane about a tenth of its CPU (docs/performance.md, reads).
 */
final class WithoutReactorSecurityHook implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String CONFIGURATION = "org.springframework.security.config.annotation.web.configuration.SecurityReactorContextConfiguration";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.addBeanFactoryPostProcessor(WithoutReactorSecurityHook::remove);
    }

    /** After the configuration classes are parsed: the configuration and the beans it declares. */
    private static void remove(ConfigurableListableBeanFactory beanFactory) {
        if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
            return;
        }
        Set<String> configurations = new HashSet<>();
        for (String name : registry.getBeanDefinitionNames()) {
            if (CONFIGURATION.equals(registry.getBeanDefinition(name).getBeanClassName())) {
                configurations.add(name);
            }
        }
        for (String name : registry.getBeanDefinitionNames()) {
            BeanDefinition definition = registry.getBeanDefinition(name);
            if (configurations.contains(name) || configurations.contains(definition.getFactoryBeanName())) {
                registry.removeBeanDefinition(name);
            }
        }
    }
}

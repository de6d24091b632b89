package org.communitycarbon.support.web;

import java.time.Clock;

import org.communitycarbon.support.security.Caller;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details for every error, bounded request bodies, the OpenAPI description and a {@link Clock}. Runs before Spring MVC's
 * auto-configuration so that Boot does not add its own problem-details handler beside ours.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebLimitsProperties.class)
public class WebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /** Bounds request bodies before anything — authentication included — reads them. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(WebLimitsProperties limits) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyLimit(limits.maxBodySize(), limits.bodySizeLimits()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Any answer as CSV for {@code Accept: text/csv} ({@link CsvExport}), placed after the JSON converter so that
     * JSON stays the answer to {@code Accept: *}{@code /*} or no Accept at all.
     */
    @Bean
    ServerHttpMessageConvertersCustomizer csvExport(JsonMapper json) {
        CsvExport csv = new CsvExport(json);
        return builder -> builder.configureMessageConvertersList(converters -> converters.add(csv));
    }

    /** The time source of domain code, replaceable in tests. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenAPI.class)
    static class OpenApiConfiguration {

        static {
            // The caller comes from the bearer token, not from a request parameter.
            SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        }

        @Bean
        @ConditionalOnMissingBean
        OpenAPI platformOpenApi(Environment environment) {
            String name = environment.getProperty("spring.application.name", "service");
            return new OpenAPI()
                    .info(new Info().title(name).version("v1")
                            .description("Community carbon platform: " + name + ". Every operation needs a bearer JWT."))
                    .components(new Components().addSecuritySchemes("bearer",
                            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                    .addSecurityItem(new SecurityRequirement().addList("bearer"));
        }
    }
}

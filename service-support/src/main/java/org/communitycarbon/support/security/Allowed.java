package org.communitycarbon.support.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.communitycarbon.model.security.Role;

/**
 * Who may call an operation, decided from the token and the path <em>before</em> Spring MVC reads the request's
 * body ({@link EarlyAuthorization}): a merchant posting a large document to a registry endpoint is refused
 * without the document being read or parsed. The OpenAPI description shows the rule on the operation.
 *
 * <p>The caller needs one of the {@link #value() roles}. With a {@link #community()} path variable, the role must
 * be held for that community: an admin for any, a property manager, staff member or resident for the one in their
 * token's {@code community} claim, a street office for one of its {@code communities}; a merchant for none. With a
 * {@link #household()} path variable too, a resident only for their own household.
 *
 * <p>Finer rules that need data (the community of a work order named by its id) stay in the controller.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Allowed {

    /** The roles that may call the operation. */
    Role[] value();

    /** The path variable naming the community the role must be held for; empty for any community. */
    String community() default "";

    /** The path variable naming the household a resident must belong to; empty when residents are not scoped by one. */
    String household() default "";
}

package org.communitycarbon.gateway.demo;

import java.util.List;
import java.util.stream.Collectors;

import org.communitycarbon.gateway.demo.DemoIssuerProperties.DemoUser;
import org.communitycarbon.model.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * The demo issuer's sign-in page, in Chinese and English: plain HTML with its style sheet at
 * {@code /assets/signin.css} and not a line of script or inline style, so it runs under the gateway's
 * Content-Security-Policy as it is. Every value from the request is HTML-escaped.
 */
final class SignInPage {

    private SignInPage() {
    }

    /** The form, with the authorization request in hidden fields, and an error above it after a failed attempt. */
    static String form(AuthorizationRequest request, @Nullable String username, @Nullable String error, List<DemoUser> users) {
        StringBuilder html = head("登录 Sign in");
        html.append("<main class=\"signin\">\n<h1>社区碳平台 <span lang=\"en\">Community Carbon</span></h1>\n")
                .append("<p class=\"tagline\">演示身份 · 登录后返回仪表盘 <span lang=\"en\">Demo issuer · you return to the dashboard once signed in</span></p>\n");
        if (error != null) {
            html.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>\n");
        }
        html.append("<form method=\"post\" action=\"/auth/authorize\">\n");
        hidden(html, "response_type", "code");
        hidden(html, "client_id", request.clientId());
        hidden(html, "redirect_uri", request.redirectUri());
        hidden(html, "code_challenge", request.codeChallenge());
        hidden(html, "code_challenge_method", "S256");
        if (request.state() != null) {
            hidden(html, "state", request.state());
        }
        if (request.scope() != null) {
            hidden(html, "scope", request.scope());
        }
        html.append("<label for=\"username\">用户名 <span lang=\"en\">User name</span></label>\n")
                .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required maxlength=\"")
                .append(DemoAuthorizationController.MAX_USERNAME).append('"')
                .append(username == null ? " autofocus" : " value=\"" + escape(username) + "\"").append(">\n")
                .append("<label for=\"password\">密码 <span lang=\"en\">Password</span></label>\n")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required maxlength=\"")
                .append(DemoAuthorizationController.MAX_PASSWORD).append('"').append(username == null ? "" : " autofocus").append(">\n")
                .append("<button type=\"submit\">登录 <span lang=\"en\">Sign in</span></button>\n</form>\n");
        if (!users.isEmpty()) {
            html.append("<p class=\"hint\">演示用户（密码相同，见本地运行的启动横幅）<span lang=\"en\">Demo users, all with one password "
                    + "(the local run prints it in its banner)</span>: ")
                    .append(users.stream().map(user -> "<code>" + escape(user.username()) + "</code> "
                            + escape(user.roles().stream().map(Role::name).collect(Collectors.joining(", "))))
                            .collect(Collectors.joining(" · ")))
                    .append("</p>\n");
        }
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    /** Why an authorization request is refused, and no way onward: the browser is sent nowhere. */
    static String refused(String reason) {
        return head("无法登录 Sign-in refused")
                .append("<main class=\"signin\">\n<h1>无法登录 <span lang=\"en\">Sign-in refused</span></h1>\n")
                .append("<p class=\"error\" role=\"alert\">").append(escape(reason)).append("</p>\n")
                .append("<p>请从仪表盘重新登录。<span lang=\"en\">Start again from the dashboard.</span></p>\n")
                .append("</main>\n</body>\n</html>\n").toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>").append(escape(title)).append(" · Community Carbon</title>\n")
                .append("<link rel=\"icon\" href=\"/app/icon.svg\" type=\"image/svg+xml\">\n")
                .append("<link rel=\"stylesheet\" href=\"/assets/signin.css\">\n</head>\n<body>\n");
    }

    private static void hidden(StringBuilder html, String name, String value) {
        html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(value)).append("\">\n");
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }
}

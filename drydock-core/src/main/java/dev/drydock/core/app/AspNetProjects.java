package dev.drydock.core.app;

import java.util.regex.Pattern;

/**
 * Whether a .NET project file builds an ASP.NET Core application: one on the web SDK
 * ({@code <Project Sdk="Microsoft.NET.Sdk.Web">}, also as {@code <Sdk Name="...">} or with a version), or one that
 * references the ASP.NET Core shared framework ({@code <FrameworkReference Include="Microsoft.AspNetCore.App" />},
 * the {@code Microsoft.AspNetCore.App} or {@code .All} metapackage of .NET Core 2.x) or Kestrel's package. A console
 * application or worker on {@code Microsoft.NET.Sdk} has no Kestrel: nothing listens on ASPNETCORE_HTTP_PORTS there.
 */
public final class AspNetProjects {

    private static final Pattern WEB = Pattern.compile("\"Microsoft\\.NET\\.Sdk\\.(?:Web|Razor|BlazorWebAssembly)(?:/[^\"]*)?\""
            + "|Include\\s*=\\s*\"Microsoft\\.AspNetCore\\.(?:App|All|Server\\.Kestrel)\"");

    private AspNetProjects() {}

    /** Whether the project file's text makes it an ASP.NET Core application (conditions are not evaluated). */
    public static boolean isWeb(String projectText) {
        return WEB.matcher(projectText).find();
    }
}

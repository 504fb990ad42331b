package dev.drydock.core.app;

import static dev.drydock.core.app.AppTesting.files;
import static dev.drydock.core.app.AppTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NestRoutesTest {

    private static final String MAIN = """
            import { NestFactory } from '@nestjs/core';
            import { AppModule } from './app.module';

            async function bootstrap() {
              const app = await NestFactory.create(AppModule);
            %s
              await app.listen(3000);
            }
            bootstrap();
            """;

    private static final String CONTROLLERS = """
            import { Controller, Get, Post, Param } from '@nestjs/common';
            import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';

            @Controller()
            export class AppController {
              @Get('healthz')
              health() {
                return { status: 'ok' };
              }
            }

            @Controller('cats')
            export class CatsController {
              constructor(private readonly cats: CatsService) {}

              @Get(':id')
              findOne(@Param('id') id: string) {
                return this.cats.find(id);
              }

              @Post()
              create() {}
            }

            @Controller({ path: 'health' })
            export class HealthController {
              constructor(private health: HealthCheckService, private db: TypeOrmHealthIndicator) {}

              @Get(['ready', 'readyz'])
              @HealthCheck()
              check() {
                return this.health.check([() => this.db.pingCheck('database')]);
              }
            }
            """;

    private static AppSource nest(String setup, String controllers) {
        return read(files("src/main.ts", MAIN.formatted(setup), "src/app.controller.ts", controllers,
                "src/app.controller.spec.ts", "@Controller('spec') class X { @Get('only-in-test') t() {} }",
                "test/app.e2e-spec.ts", "@Controller('e2e') class Y { @Get() t() {} }"),
                "src/main.ts", "node", "dist/main");
    }

    @Test
    void controllersAndHandlers() {
        AppSource app = nest("", CONTROLLERS);
        assertThat(app.frameworks()).containsExactly(Framework.NESTJS);
        Routes routes = app.routes();
        assertThat(routes.all()).extracting(r -> r.method() + " " + r.path()).containsExactly("GET /healthz",
                "GET /cats/:id", "POST /cats", "GET /health/ready", "GET /health/readyz");
        assertThat(routes.opaquePrefixes()).isEmpty();
        assertThat(routes.determines("/health")).isTrue();
        assertThat(routes.match("/health")).isEmpty();
        assertThat(routes.healthRoute()).hasValueSatisfying(r -> {
            assertThat(r.path()).isEqualTo("/healthz");
            assertThat(r.file()).isEqualTo("src/app.controller.ts");
            assertThat(r.line()).isEqualTo(6);
            assertThat(r.handler().answersConstant()).isTrue();
        });
        assertThat(routes.match("/health/ready")).hasValueSatisfying(r -> assertThat(r.handler().checksDependencies()).isTrue());
    }

    @Test
    void globalPrefixWithExclusions() {
        Routes routes = nest("  app.setGlobalPrefix('api', { exclude: ['healthz', { path: 'health/ready', method: RequestMethod.GET }] });",
                CONTROLLERS).routes();
        assertThat(routes.all()).extracting(Route::path).containsExactly("/healthz", "/api/cats/:id", "/api/cats",
                "/health/ready", "/api/health/readyz");
        assertThat(routes.opaquePrefixes()).isEmpty();
    }

    @Test
    void aPrefixFromConfigurationLeavesEveryPathUnknown() {
        Routes routes = nest("  app.setGlobalPrefix(process.env.API_PREFIX);", CONTROLLERS).routes();
        assertThat(routes.determines("/health")).isFalse();
        assertThat(nest("  app.setGlobalPrefix('api', { exclude: ['health/(.*)'] });", CONTROLLERS).routes()
                .determines("/health")).isFalse();
    }

    @Test
    void uriVersioning() {
        String controllers = """
                @Controller({ path: 'cats', version: '1' })
                export class CatsController {
                  @Get()
                  list() {}

                  @Version(['2', VERSION_NEUTRAL])
                  @Get('all')
                  all() {}
                }

                @Controller('status')
                export class StatusController {
                  @Get()
                  status() { return 'ok'; }
                }
                """;
        Routes routes = nest("  app.setGlobalPrefix('api');\n  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '3' });",
                controllers).routes();
        assertThat(routes.all()).extracting(Route::path).containsExactly("/api/v1/cats", "/api/v2/cats/all",
                "/api/cats/all", "/api/v3/status");
        assertThat(routes.determines("/health")).isTrue();
        Routes unversioned = nest("  app.enableVersioning();", controllers).routes();
        assertThat(unversioned.all()).extracting(Route::path).contains("/v1/cats", "/status");
        Routes header = nest("  app.enableVersioning({ type: VersioningType.HEADER, header: 'X-Version' });",
                controllers).routes();
        assertThat(header.all()).extracting(Route::path).contains("/cats", "/status");
    }

    @Test
    void unclearVersioningOrRouterModuleLeavesPathsUnknown() {
        assertThat(nest("  app.enableVersioning({ type: VersioningType.URI, defaultVersion: config.version });",
                CONTROLLERS).routes().determines("/health")).isFalse();
        assertThat(nest("  app.enableVersioning(versioningOptions);", CONTROLLERS).routes().determines("/health"))
                .isFalse();
        assertThat(read(files("src/main.ts", MAIN.formatted(""), "src/app.controller.ts", CONTROLLERS,
                "src/app.module.ts", """
                        @Module({
                          imports: [RouterModule.register([{ path: 'admin', module: AdminModule }])],
                        })
                        export class AppModule {}
                        """), "src/main.ts", "node", "dist/main").routes().determines("/health")).isFalse();
    }

    @Test
    void aPathHeldInAConstantIsNotGuessed() {
        Routes routes = nest("", """
                @Controller(HEALTH_PATH)
                export class HealthController {
                  @Get()
                  check() {}
                }
                @Controller('cats')
                export class CatsController {
                  @Get(CAT_ROUTE)
                  one() {}
                }
                """).routes();
        assertThat(routes.determines("/health")).isFalse();
    }

    @Test
    void sourceRootFromNestCli() {
        AppSource app = read(files("nest-cli.json", "{\"collection\": \"@nestjs/schematics\", \"sourceRoot\": \"server\"}",
                "server/main.ts", MAIN.formatted(""), "server/health/health.controller.ts", """
                        @Controller('health')
                        export class HealthController {
                          @Head()
                          @Get()
                          up() { return 'ok'; }
                        }
                        """, "scripts/tool.controller.ts", "@Controller('tool') class T { @Get() t() {} }"),
                "server/main.ts", "node", "dist/main");
        assertThat(app.routes().all()).extracting(r -> r.method() + " " + r.path()).containsExactly("HEAD /health",
                "GET /health");
    }
}

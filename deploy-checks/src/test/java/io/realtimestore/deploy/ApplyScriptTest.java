package io.realtimestore.deploy;

import static io.realtimestore.deploy.Deployment.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/db-init/apply.sh run against a stand-in for sqlcmd (there is no SQL Server here) that records each call and
 * keeps dbo.db_init_history in a file: scripts go in version order, each once, and a second run applies nothing.
 */
class ApplyScriptTest {

    private static final String FAKE_SQLCMD = """
            #!/usr/bin/env bash
            # Records its arguments, one call a line; answers the history queries of apply.sh from $STATE_DIR/applied.
            printf '%s' "$*" | tr '\\n' ' ' >> "$STATE_DIR/calls"
            echo >> "$STATE_DIR/calls"
            case "$*" in
              *"SELECT COUNT(*) FROM dbo.db_init_history"*)
                name="$(printf '%s' "$*" | sed -n "s/.*script = N'\\([^']*\\)'.*/\\1/p")"
                if grep -qx "$name" "$STATE_DIR/applied" 2>/dev/null; then echo 1; else echo 0; fi ;;
              *"INSERT INTO dbo.db_init_history"*)
                name="$(printf '%s' "$*" | sed -n "s/.*VALUES (N'\\([^']*\\)').*/\\1/p")"
                echo "$name" >> "$STATE_DIR/applied" ;;
            esac
            """;

    @TempDir
    Path work;

    @Test
    void appliesEachScriptOnceInVersionOrder() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "bash is needed");
        Path scripts = Files.createDirectories(work.resolve("db-init"));
        Files.copy(REPO.dbInit().resolve("apply.sh"), scripts.resolve("apply.sh"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(REPO.dbInit().resolve("V1__catalog.sql"), scripts.resolve("V1__catalog.sql"));
        Files.writeString(scripts.resolve("V10__later.sql"), "SELECT 10;\n");
        Files.writeString(scripts.resolve("V2__next.sql"), "SELECT 2;\n");
        Path fake = work.resolve("sqlcmd");
        Files.writeString(fake, FAKE_SQLCMD);
        fake.toFile().setExecutable(true);

        assertThat(run(scripts, fake)).isZero();
        List<String> first = Files.readAllLines(work.resolve("calls"));
        assertThat(first.get(0)).contains("-d master").contains("CREATE DATABASE [shop]");
        assertThat(first.stream().filter(c -> c.contains(" -i ")).map(c -> c.replaceAll(".*/", "")))
                .containsExactly("V1__catalog.sql", "V2__next.sql", "V10__later.sql");
        assertThat(first).allMatch(c -> c.startsWith("-S sqlserver -U sa -C"));
        assertThat(Files.readAllLines(work.resolve("applied"))).containsExactly("V1__catalog.sql", "V2__next.sql", "V10__later.sql");

        Files.delete(work.resolve("calls"));
        assertThat(run(scripts, fake)).isZero();
        assertThat(Files.readAllLines(work.resolve("calls"))).noneMatch(c -> c.contains(" -i "));
    }

    private int run(Path scripts, Path fake) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", scripts.resolve("apply.sh").toString(), "-S", "sqlserver", "-U", "sa", "-C")
                .redirectErrorStream(true);
        builder.environment().put("SQLCMD", fake.toString());
        builder.environment().put("DB_NAME", "shop");
        builder.environment().put("STATE_DIR", work.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("apply.sh output").doesNotContain("command not found");
        return process.exitValue();
    }
}

workers 2
threads 1, 4
port 9400
# expect: main-process-daemonizes
# expect-text: main-process-daemonizes: `daemonize true` in config/puma.rb, which puma loads, makes it return at once
# expect-text: main-process-daemonizes: Delete its stdout_redirect (line 8) too
daemonize true
stdout_redirect "log/puma.out", "log/puma.err", true

import Runtime
import Testing

@Suite struct NginxDumpTests {
    @Test func theWorkersUserAndEveryFastCGISocket() {
        let dump = NginxDump(
            parsing: """
                # configuration file /etc/nginx/nginx.conf:
                user www-data;
                worker_processes auto;
                # configuration file /etc/nginx/sites-enabled/mailrobot:
                    location / {
                        fastcgi_pass unix:/var/lib/mailrobot/mailrobot.sock;
                    }
                    # fastcgi_pass unix:/commented/out.sock;
                    location /x { fastcgi_pass 127.0.0.1:9000; }
                """
        )
        #expect(dump.workerUser == "www-data")
        #expect(dump.fastCGISockets == ["/var/lib/mailrobot/mailrobot.sock"])
    }

    @Test func withoutAUserLineNginxRunsAsNobody() {
        #expect(NginxDump(parsing: "events {}\n").workerUser == "nobody")
    }
}

import Runtime
import Testing

@Suite struct CronFileTests {
    @Test func theShippedCronFileRunsTheSenderAsMailrobot() throws {
        let text = """
            # comment
            SHELL=/bin/sh
            PATH=/usr/bin:/bin
            MAILTO=""

            * * * * * mailrobot test -x /usr/bin/mailrobot-send && umask 077 && /usr/bin/mailrobot-send run --data /var/lib/mailrobot
            """
        let file = CronFile(parsing: text)
        #expect(file.environment == ["SHELL": "/bin/sh", "PATH": "/usr/bin:/bin", "MAILTO": ""])
        let job = try #require(file.senderJob)
        #expect(job.schedule == "* * * * *")
        #expect(job.user == "mailrobot")
        #expect(job.command.hasPrefix("test -x /usr/bin/mailrobot-send"))
        #expect(job.dataFolder == "/var/lib/mailrobot")
    }

    @Test func specialSchedulesAndOtherJobs() throws {
        let file = CronFile(parsing: "@reboot root /bin/true\n*/5 * * * *\trobot\tmailrobot-send run --data=/srv/d\n")
        #expect(file.jobs.count == 2)
        let job = try #require(file.senderJob)
        #expect(job.user == "robot" && job.schedule == "*/5 * * * *" && job.dataFolder == "/srv/d")
    }

    @Test func aFileWithoutTheSenderHasNoSenderJob() {
        #expect(
            CronFile(parsing: "# * * * * * mailrobot mailrobot-send run\n* * * * * root /bin/true\n").senderJob == nil
        )
    }
}

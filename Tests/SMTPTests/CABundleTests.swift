import Foundation
import MailTestSupport
import Testing

@testable import SMTP

@Suite struct CABundleTests {
    @Test func addsTheExtraCertificatesToTheSystemStore() throws {
        let certificates = try TestCertificates()
        let extra = try #require(FileManager.default.contents(atPath: certificates.caFile))
        let bundle = CABundle.systemStore(adding: try CABundle.extraCertificates(at: certificates.caFile))
        let system = try #require(FileManager.default.contents(atPath: "/etc/ssl/certs/ca-certificates.crt"))
        #expect(bundle.starts(with: system))
        #expect(bundle.count == system.count + extra.count + 2)
        #expect(
            String(decoding: bundle.suffix(extra.count + 1), as: UTF8.self) == String(decoding: extra, as: UTF8.self)
                + "\n"
        )
    }
}

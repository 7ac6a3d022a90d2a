import MailCore
import Testing

@Suite struct DKIMKeyRecordTests {
    @Test func readsTheKeyType() throws {
        #expect(
            try DKIMKeyRecord(parsing: "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1").keyType == "rsa"
        )
        #expect(try DKIMKeyRecord(parsing: "p=MIGf MA0G CSqG;").keyType == "rsa")
        #expect(
            try DKIMKeyRecord(parsing: "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=").keyType
                == "ed25519"
        )
        #expect(try DKIMKeyRecord(parsing: "v=DKIM1; p=").isRevoked)
    }

    @Test(arguments: [
        ("v=DKIM1; k=rsa", DKIMSyntaxError.missingKey),
        ("v=DKIM1; p=MIGf*MA0G", .keyNotBase64),
        ("k=rsa; v=DKIM1; p=MIGf", .wrongVersion("DKIM1")),
        ("v=DKIM2; p=MIGf", .wrongVersion("DKIM2")),
        ("v=DKIM1; p", .malformedTag("p")),
    ])
    func refuses(text: String, error: DKIMSyntaxError) {
        #expect(throws: error) { try DKIMKeyRecord(parsing: text) }
    }
}

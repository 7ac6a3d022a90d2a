import Secrets
import Testing

@Suite struct MessageSignerTests {
    @Test func signsAndVerifies() {
        let signer = MessageSigner(key: .random(), purpose: "device cookie")
        let signature = signer.signature("v1.admin.123")
        #expect(signature.count == 43)
        #expect(signer.verify("v1.admin.123", signature: signature))
        #expect(!signer.verify("v1.admin.124", signature: signature))
        #expect(!signer.verify("v1.admin.123", signature: String(signature.dropLast())))
        #expect(!signer.verify("v1.admin.123", signature: ""))
    }

    @Test func anotherKeyOrPurposeSignsDifferently() {
        let key = SecretKey.random()
        let signature = MessageSigner(key: key, purpose: "device cookie").signature("m")
        #expect(!MessageSigner(key: key, purpose: "other").verify("m", signature: signature))
        #expect(!MessageSigner(key: .random(), purpose: "device cookie").verify("m", signature: signature))
        #expect(MessageSigner(key: key, purpose: "device cookie").verify("m", signature: signature))
    }
}

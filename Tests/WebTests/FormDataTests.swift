import Testing

@testable import Web

@Suite struct FormDataTests {
    @Test func decodesPlusPercentAndCyrillic() throws {
        let form = try FormData(urlEncoded: Array("name=%D0%9C%D0%B0%D0%B3+1&x=a%2Bb&empty=&flag".utf8))
        #expect(form["name"] == "Маг 1")
        #expect(form["x"] == "a+b")
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        #expect(form.has("flag"))
        #expect(form["missing"] == nil)
    }

    @Test func keepsRepeatedFieldsInOrder() throws {
        let form = try FormData(urlEncoded: Array("a=1&a=2&b=3&a=4".utf8))
        #expect(form.all("a") == ["1", "2", "4"])
        #expect(form["a"] == "1")
    }

    @Test(arguments: ["a=%", "a=%4", "a=%G1", "a=%%41", "%ZZ=1"])
    func refusesBadPercentEncoding(body: String) {
        #expect(throws: FormData.Problem.badPercentEncoding) { try FormData(urlEncoded: Array(body.utf8)) }
    }

    @Test(arguments: ["a=%FF", "a=%C3%28", "a=%ED%A0%80", "%80=1"])
    func refusesInvalidUTF8(body: String) {
        #expect(throws: FormData.Problem.invalidUTF8) { try FormData(urlEncoded: Array(body.utf8)) }
    }

    @Test func refusesRawInvalidUTF8Bytes() {
        #expect(throws: FormData.Problem.invalidUTF8) { try FormData(urlEncoded: [0x61, 0x3D, 0xFF, 0xFE]) }
    }

    @Test func refusesTooManyFields() {
        let body = (0...FormData.maxFields).map { "f\($0)=1" }.joined(separator: "&")
        #expect(throws: FormData.Problem.tooManyFields) { try FormData(urlEncoded: Array(body.utf8)) }
    }

    @Test func decodesAMegabyteBody() throws {
        let body = "big=" + String(repeating: "%D0%AF", count: 170_000)
        #expect(try FormData(urlEncoded: Array(body.utf8))["big"]?.count == 170_000)
    }
}

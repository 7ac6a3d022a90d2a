import Testing

@testable import SMTP

@Suite struct UploadTests {
    @Test func handsOverTheMessageInChunksThenAsksOnce() {
        var asked = 0
        let upload = Upload(message: Array("Subject: x\r\n\r\nhello\r\n".utf8)) {
            asked += 1
            return true
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8)
        var chunks: [Upload.Chunk] = []
        for _ in 0..<10 {
            let chunk = buffer.withUnsafeMutableBytes { upload.read(into: $0) }
            chunks.append(chunk)
            guard case .bytes(let count) = chunk else { continue }
            received += buffer[..<count]
        }
        #expect(String(decoding: received, as: UTF8.self) == "Subject: x\r\n\r\nhello\r\n")
        #expect(chunks.prefix(4) == [.bytes(8), .bytes(8), .bytes(5), .end])
        #expect(chunks.dropFirst(3).allSatisfy { $0 == .end })
        #expect(asked == 1)
        #expect(upload.reachedEnd)
    }

    @Test func theHookMayAbort() {
        let upload = Upload(message: Array("hi\r\n".utf8)) { false }
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(buffer.withUnsafeMutableBytes { upload.read(into: $0) } == .bytes(4))
        #expect(!upload.reachedEnd)
        #expect(buffer.withUnsafeMutableBytes { upload.read(into: $0) } == .abort)
    }
}

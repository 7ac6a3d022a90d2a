import Testing

@testable import SMTP

@Suite struct UploadTests {
    @Test func handsOverTheMessageInChunksThenSaysSoOnce() {
        var told = 0
        let upload = Upload(message: Array("Subject: x\r\n\r\nhello\r\n".utf8)) { told += 1 }
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
        #expect(told == 1)
        #expect(upload.reachedEnd)
    }

}

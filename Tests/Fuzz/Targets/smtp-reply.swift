// libFuzzer target: the SMTP reply parser (MailCore SMTPReply+Parsing) and the reply wording the
// outcome rules read. Input: the server's lines, separated by LF.
import MailCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSMTPReply(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for line in lines { _ = SMTPReply.isLastLine(line) }
    guard let reply = SMTPReply(lines: lines) else { return 0 }
    precondition((100...999).contains(reply.code), "a reply code outside 100-999: \(reply.code)")
    let failure = SMTPFailure.dataRefused(reply: reply)
    _ = failure.disposition
    _ = SMTPHint(for: failure, host: "smtp.example.com", port: 465, security: .ssl)
    return 0
}

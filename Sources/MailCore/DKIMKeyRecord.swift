/// A DKIM public-key record (RFC 6376 §3.6.1), as published at `<selector>._domainkey.<domain>`.
public struct DKIMKeyRecord: Sendable, Equatable {
    /// `k=`: the key type (`rsa` when absent).
    public let keyType: String
    /// `p=` is empty: the key was revoked, so signatures with this selector fail.
    public let isRevoked: Bool

    /// Parses a key record: tags `name=value` separated by `;`; `v=DKIM1`, when present, first;
    /// `p=` required and base64.
    public init(parsing text: String) throws(DKIMSyntaxError) {
        var tags: [String: String] = [:]
        for (index, part) in text.split(separator: ";").enumerated() {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pair[0].trimmingSpaces()
            if name.isEmpty && pair.count == 1 { continue }
            guard pair.count == 2, !name.isEmpty else { throw .malformedTag(String(part.trimmingSpaces())) }
            let value = pair[1].filter { !$0.isWhitespace }
            if name == "v" && (index != 0 || value != "DKIM1") { throw .wrongVersion(value) }
            tags[name] = value
        }
        guard let key = tags["p"] else { throw .missingKey }
        let base64 = key.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "+/=".unicodeScalars.contains(scalar))
        }
        guard base64 else { throw .keyNotBase64 }
        keyType = tags["k"] ?? "rsa"
        isRevoked = key.isEmpty
    }
}

/// Why a DKIM key record cannot verify any signature.
public enum DKIMSyntaxError: Error, Sendable, Equatable {
    case missingKey
    case keyNotBase64
    case wrongVersion(String)
    case malformedTag(String)
}
